"""dynalite, an independent DynamoDB implementation on the npm registry, run as a
local server for the test session.

It is installed into ``.cache/dynalite`` under the repository the first time it
is needed (see :mod:`tests.npm_packages`), and started on a free loopback port
with tables that change state at once.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request

from tests.npm_packages import NpmUnavailableError, npm_package

__all__ = ["DYNALITE_VERSION", "DynaliteServer", "DynaliteUnavailableError"]

DYNALITE_VERSION = "4.0.0"
_STARTUP_SECONDS = 20.0

DynaliteUnavailableError = NpmUnavailableError
"""dynalite cannot run on this machine; the message says why."""


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class DynaliteServer:
    """One dynalite process on 127.0.0.1; :meth:`stop` ends it."""

    def __init__(self) -> None:
        cli = npm_package("dynalite", DYNALITE_VERSION) / "cli.js"
        node = shutil.which("node")
        assert node is not None  # npm_package made sure of it
        self.port = _free_port()
        self.endpoint_url = f"http://127.0.0.1:{self.port}"
        self._process = subprocess.Popen(
            [
                node,
                str(cli),
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--createTableMs",
                "0",
                "--deleteTableMs",
                "0",
                "--updateTableMs",
                "0",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self._wait_until_listening()

    def _wait_until_listening(self) -> None:
        deadline = time.monotonic() + _STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                stderr = self._process.stderr.read() if self._process.stderr else ""
                raise DynaliteUnavailableError(f"dynalite exited at start:\n{stderr}")
            try:
                urllib.request.urlopen(self.endpoint_url, timeout=1).close()
            except urllib.error.HTTPError:
                return  # it answers: a bare GET is refused, as DynamoDB refuses it
            except OSError:
                time.sleep(0.05)
                continue
            return
        self.stop()
        raise DynaliteUnavailableError(f"dynalite did not listen within {_STARTUP_SECONDS} s")

    def stop(self) -> None:
        """End the server process and wait for it."""
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        if self._process.stderr:
            self._process.stderr.close()

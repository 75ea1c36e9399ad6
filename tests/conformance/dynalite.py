"""dynalite, an independent DynamoDB implementation on the npm registry, run as a
local server for the test session.

It is installed into ``.cache/dynalite`` under the repository the first time it
is needed, and started on a free loopback port with tables that change state at
once.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

__all__ = ["DYNALITE_VERSION", "DynaliteServer", "DynaliteUnavailableError"]

DYNALITE_VERSION = "4.0.0"
_REPOSITORY = Path(__file__).resolve().parents[2]
_CACHE = _REPOSITORY / ".cache" / "dynalite"
_CLI = _CACHE / "node_modules" / "dynalite" / "cli.js"
_STARTUP_SECONDS = 20.0


class DynaliteUnavailableError(RuntimeError):
    """dynalite cannot run on this machine; the message says why."""


def _installed_version() -> str | None:
    manifest = _CLI.parent / "package.json"
    if not manifest.exists():
        return None
    for line in manifest.read_text().splitlines():
        stripped = line.strip()
        if stripped.startswith('"version"'):
            return stripped.split(":", 1)[1].strip().strip('",')
    return None


def _install() -> None:
    npm = shutil.which("npm")
    if npm is None:
        raise DynaliteUnavailableError("npm is not on PATH: cannot install dynalite")
    _CACHE.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [
            npm,
            "install",
            "--prefix",
            str(_CACHE),
            "--no-audit",
            "--no-fund",
            "--no-save",
            f"dynalite@{DYNALITE_VERSION}",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise DynaliteUnavailableError(f"npm install dynalite failed:\n{result.stderr}")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class DynaliteServer:
    """One dynalite process on 127.0.0.1; :meth:`stop` ends it."""

    def __init__(self) -> None:
        node = shutil.which("node")
        if node is None:
            raise DynaliteUnavailableError("node is not on PATH: cannot run dynalite")
        if _installed_version() != DYNALITE_VERSION:
            _install()
        self.port = _free_port()
        self.endpoint_url = f"http://127.0.0.1:{self.port}"
        self._process = subprocess.Popen(
            [
                node,
                str(_CLI),
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

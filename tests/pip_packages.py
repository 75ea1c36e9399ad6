"""Command-line tools from PyPI the tests run in their own virtual environment.

A tool that pins its own dependencies (the AWS CLI pins botocore) cannot share
the project's environment, so each is installed at a pinned version into its
own virtual environment under the repository's ``.cache/`` (ignored by git):
a fresh clone installs it once and later runs reuse it.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

__all__ = ["PipUnavailableError", "pip_tool"]

_CACHE = Path(__file__).resolve().parents[1] / ".cache"


class PipUnavailableError(RuntimeError):
    """A tool cannot be installed on this machine; the message says why."""


def pip_tool(package: str, version: str, command: str) -> Path:
    """The path of ``command``, installed with ``package`` at ``version`` into
    its own virtual environment first if it is not there yet."""
    environment = _CACHE / f"{re.sub(r'[^A-Za-z0-9]+', '-', package)}-{version}"
    executable = environment / "bin" / command
    package_pin = f"{package}=={version}"
    if executable.exists():
        return executable
    python = str(environment / "bin" / "python")
    steps = [
        [sys.executable, "-m", "venv", "--clear", str(environment)],
        [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", package_pin],
    ]
    for step in steps:
        result = subprocess.run(step, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise PipUnavailableError(f"{' '.join(step)} failed:\n{result.stderr}")
    if not executable.exists():
        raise PipUnavailableError(f"{package}=={version} installed no {command}")
    return executable

"""npm packages the tests run under node, installed on first use.

Each package is installed at a pinned version into its own folder under the
repository's ``.cache/`` (ignored by git), so a fresh clone installs it once
and later runs reuse it.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

__all__ = ["NpmUnavailableError", "npm_package"]

_CACHE = Path(__file__).resolve().parents[1] / ".cache"


class NpmUnavailableError(RuntimeError):
    """A package cannot be installed or run on this machine; the message says why."""


def _installed_version(package_folder: Path) -> str | None:
    manifest = package_folder / "package.json"
    if not manifest.exists():
        return None
    version = json.loads(manifest.read_text()).get("version")
    return version if isinstance(version, str) else None


def npm_package(package: str, version: str) -> Path:
    """The folder of ``package`` at ``version`` (``node_modules/<package>``),
    installed first if it is not there yet."""
    if shutil.which("node") is None:
        raise NpmUnavailableError(f"node is not on PATH: cannot run {package}")
    prefix = _CACHE / re.sub(r"[^A-Za-z0-9]+", "-", package).strip("-")
    folder = prefix / "node_modules" / package
    if _installed_version(folder) == version:
        return folder
    npm = shutil.which("npm")
    if npm is None:
        raise NpmUnavailableError(f"npm is not on PATH: cannot install {package}")
    prefix.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [
            npm,
            "install",
            "--prefix",
            str(prefix),
            "--no-audit",
            "--no-fund",
            "--no-save",
            f"{package}@{version}",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0 or _installed_version(folder) != version:
        raise NpmUnavailableError(f"npm install {package}@{version} failed:\n{result.stderr}")
    return folder

"""What `pip install dynantic` gives a user's type checker: the built wheel, alone."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

USER_PROGRAM = textwrap.dedent(
    """
    import boto3

    from dynantic import DynamoDBClient, get_client, set_client, using_client
    from dynantic.testing import FakeDynamoDBClient

    set_client(boto3.client("dynamodb", region_name="eu-west-1"))
    with using_client(FakeDynamoDBClient()) as fake:
        reveal_type(fake)
    seam: DynamoDBClient = get_client()
    reveal_type(seam.get_item(TableName="users", Key={"pk": {"S": "u1"}}))
    """
)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            *(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps"),
            *("--no-build-isolation", "--wheel-dir", str(out), str(ROOT)),
        ],
        check=True,
        timeout=300,
    )
    (built,) = out.glob("dynantic-*.whl")
    return built


def test_the_wheel_ships_its_type_information_and_plugin(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry_points = next(n for n in names if n.endswith("entry_points.txt"))
        metadata = archive.read(next(n for n in names if n.endswith("METADATA"))).decode()
        assert "dynantic/py.typed" in names
        assert "dynantic = dynantic.testing.pytest_plugin" in archive.read(entry_points).decode()
    assert "Requires-Dist: boto3-stubs[dynamodb]" in metadata


def test_a_user_of_the_installed_wheel_gets_full_types_under_mypy_strict(
    wheel: Path, tmp_path: Path
) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            *(sys.executable, "-m", "pip", "install", "--quiet", "--no-deps"),
            *("--target", str(target), str(wheel)),
        ],
        check=True,
        timeout=300,
    )
    program = tmp_path / "user_code.py"
    program.write_text(USER_PROGRAM, encoding="utf-8")
    # The installed wheel comes first on the path, ahead of the source tree.
    env = {**os.environ, "PYTHONPATH": str(target)}
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(program)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert (
        f"{target}"
        in subprocess.run(
            [sys.executable, "-c", "import dynantic; print(dynantic.__file__)"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    assert 'Revealed type is "dynantic.testing.client.FakeDynamoDBClient"' in run.stdout
    assert "GetItemOutputTypeDef" in run.stdout
    assert "error" not in run.stdout, run.stdout

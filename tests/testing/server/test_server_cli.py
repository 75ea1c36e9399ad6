"""``python -m dynantic.testing serve`` and the ``dynantic-dynamodb`` script."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest

from .endpoint_helpers import remote_client

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

LISTENING = "dynantic DynamoDB listening on "


@contextmanager
def running(command: Sequence[str]) -> Iterator[tuple[subprocess.Popen[str], str, list[str]]]:
    """Start the server process; yield it, its URL and the lines it printed so far."""
    process = subprocess.Popen(
        [*command, "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    lines: list[str] = []
    try:
        while not (line := process.stdout.readline()).startswith(LISTENING):
            assert line, f"the server exited: {process.wait(10)} {process.stderr}"
            lines.append(line)
        url = line.removeprefix(LISTENING).strip()
        assert url.startswith("http://127.0.0.1:")
        yield process, url, lines
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)
        process.stdout.close()
        if process.stderr is not None:
            process.stderr.close()


def stop(process: subprocess.Popen[str], how: signal.Signals) -> tuple[int, str]:
    process.send_signal(how)
    code = process.wait(30)
    assert process.stdout is not None
    return code, process.stdout.read()


MODULE = [sys.executable, "-m", "dynantic.testing", "serve"]


def create_users(url: str) -> None:
    remote_client(url).create_table(
        TableName="users",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM])
def test_serve_prints_its_url_and_stops_cleanly(how: signal.Signals) -> None:
    with running(MODULE) as (process, url, _lines):
        create_users(url)
        assert remote_client(url).list_tables()["TableNames"] == ["users"]
        code, printed = stop(process, how)
    assert code == 0
    assert "dynantic DynamoDB stopped" in printed


def test_the_console_script_serves_too() -> None:
    script = Path(sys.executable).with_name("dynantic-dynamodb")
    if not script.exists():
        pytest.skip("the package is not installed with its scripts")
    with running([str(script), "serve"]) as (process, url, _lines):
        assert remote_client(url).list_tables()["TableNames"] == []
        assert stop(process, signal.SIGINT)[0] == 0


def test_the_state_file_carries_tables_and_items_across_restarts(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    command = [*MODULE, "--state-file", str(state), "--region", "eu-west-1"]
    with running(command) as (process, url, lines):
        assert lines == []  # nothing to load yet
        create_users(url)
        remote_client(url).put_item(
            TableName="users", Item={"pk": {"S": "u1"}, "b": {"B": b"\x01"}}
        )
        first = remote_client(url).describe_table(TableName="users")["Table"]
        code, printed = stop(process, signal.SIGTERM)
    assert code == 0
    assert f"saved its state to {state}" in printed
    assert state.exists()

    with running(command) as (process, url, lines):
        assert lines == [f"dynantic DynamoDB loaded its state from {state}\n"]
        client = remote_client(url)
        item = client.get_item(TableName="users", Key={"pk": {"S": "u1"}}).get("Item")
        again = client.describe_table(TableName="users")["Table"]
        assert stop(process, signal.SIGINT)[0] == 0
    assert item == {"pk": {"S": "u1"}, "b": {"B": b"\x01"}}
    assert again.get("TableArn") == first.get("TableArn")
    assert again.get("TableArn", "").startswith("arn:aws:dynamodb:eu-west-1:")
    assert again.get("TableId") == first.get("TableId")
    assert again.get("CreationDateTime") == first.get("CreationDateTime")


@pytest.mark.parametrize("auto_expire", [False, True])
def test_auto_expire_deletes_items_whose_time_to_live_has_passed(auto_expire: bool) -> None:
    command = [*MODULE, "--auto-expire"] if auto_expire else MODULE
    with running(command) as (process, url, _lines):
        create_users(url)
        client = remote_client(url)
        client.update_time_to_live(
            TableName="users",
            TimeToLiveSpecification={"Enabled": True, "AttributeName": "expires"},
        )
        # An hour ago (DynamoDB leaves alone times more than five years past).
        an_hour_ago = str(int(time.time()) - 3600)
        client.put_item(TableName="users", Item={"pk": {"S": "old"}, "expires": {"N": an_hour_ago}})
        client.put_item(TableName="users", Item={"pk": {"S": "new"}, "expires": {"N": "9" * 10}})
        left = sorted(item["pk"]["S"] for item in client.scan(TableName="users")["Items"])
        assert stop(process, signal.SIGINT)[0] == 0
    assert left == (["new"] if auto_expire else ["new", "old"])


def test_a_port_in_use_is_reported_and_fails() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [*MODULE, "--port", str(port)], check=False, capture_output=True, text=True, timeout=60
        )
    assert result.returncode == 1
    assert result.stderr.startswith("dynantic-dynamodb: ")


def test_the_command_keeps_no_call_record(monkeypatch: pytest.MonkeyPatch) -> None:
    """A record no one outside the process can read would only grow for as long
    as the server runs."""
    from dynantic.testing import cli
    from dynantic.testing.service import Service

    served: list[Service] = []

    def refuse_to_bind(service: Service, **_where: object) -> None:
        served.append(service)
        raise OSError("no port for this test")

    monkeypatch.setattr(cli, "DynamoDBServer", refuse_to_bind)
    monkeypatch.setattr(signal, "signal", lambda *_arguments: None)
    assert cli.main(["serve", "--port", "0"]) == 1
    assert [service.calls.recording for service in served] == [False]

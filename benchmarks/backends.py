"""The DynamoDB implementations a benchmark run compares, each behind one client.

The fake in process is called directly, configured as the pytest fixture makes
it; every other backend is called through boto3, as users call it: the fake
behind boto3's own client in process, the fake behind its HTTP endpoint (served
from a separate process, as ``dynantic-dynamodb serve`` runs), moto's in-process
mock, and dynalite (installed from npm and run as a local server).
"""

from __future__ import annotations

import contextlib
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from dynantic import DynamoDBClient
from dynantic.testing import FakeDynamoDBClient

__all__ = ["BACKENDS", "Backend"]


@dataclass(frozen=True)
class Backend:
    """A named way to obtain a fresh, empty DynamoDB client for one scenario.

    Backends of one ``group`` are measured side by side, round by round: the
    in-process ones together, the local servers together (apart from moto, whose
    mock intercepts every botocore request while it is active).
    """

    name: str
    open: Callable[[], contextlib.AbstractContextManager[DynamoDBClient]]
    group: str
    in_process: bool = False


def _boto3_client(endpoint_url: str | None = None) -> DynamoDBClient:
    import boto3  # noqa: PLC0415 - only the boto3-backed backends need it

    client: DynamoDBClient = boto3.client(
        "dynamodb",
        endpoint_url=endpoint_url,
        region_name="us-east-1",
        aws_access_key_id="bench",
        aws_secret_access_key="bench",
    )
    return client


@contextlib.contextmanager
def _fake() -> Iterator[DynamoDBClient]:
    # As the pytest fixture makes it: recording every call (about 1-2 µs of each).
    yield FakeDynamoDBClient()


@contextlib.contextmanager
def _fake_boto3() -> Iterator[DynamoDBClient]:
    # boto3's own client, answered in process: botocore's work plus the endpoint's.
    client: DynamoDBClient = FakeDynamoDBClient().boto3_client()
    yield client


@contextlib.contextmanager
def _fake_http() -> Iterator[DynamoDBClient]:
    # Its own interpreter, so that boto3's work here does not share a GIL with the
    # server's (dynalite runs in its own process too).
    command = [sys.executable, "-m", "dynantic.testing", "serve", "--port", "0"]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        first_line = server.stdout.readline()  # "... listening on http://127.0.0.1:PORT"
        url = first_line.rsplit(" ", 1)[-1].strip()
        if not url.startswith("http://"):
            raise RuntimeError(f"the endpoint did not start: {first_line!r}")
        yield _boto3_client(url)
    finally:
        server.send_signal(signal.SIGINT)
        server.communicate(timeout=30)


@contextlib.contextmanager
def _moto() -> Iterator[DynamoDBClient]:
    from moto import mock_aws  # noqa: PLC0415 - moto patches botocore when imported

    with mock_aws():
        yield _boto3_client()


@contextlib.contextmanager
def _dynalite() -> Iterator[DynamoDBClient]:
    from tests.conformance.dynalite import DynaliteServer  # noqa: PLC0415 - needs node

    server = DynaliteServer()
    try:
        yield _boto3_client(server.endpoint_url)
    finally:
        server.stop()


BACKENDS: dict[str, Backend] = {
    "fake": Backend("fake", _fake, "in-process", in_process=True),
    "fake-boto3": Backend("fake-boto3", _fake_boto3, "in-process"),
    "fake-http": Backend("fake-http", _fake_http, "server"),
    "moto": Backend("moto", _moto, "in-process"),
    "dynalite": Backend("dynalite", _dynalite, "server"),
}

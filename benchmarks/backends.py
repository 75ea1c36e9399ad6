"""The DynamoDB implementations a benchmark run compares, each behind one client.

The fake in process is called directly; every other backend is called through
boto3, as users call it: the fake behind its HTTP endpoint, moto's in-process
mock, and dynalite (installed from npm and run as a local server).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from dynantic import DynamoDBClient
from dynantic.testing import FakeDynamoDBClient

__all__ = ["BACKENDS", "Backend"]


@dataclass(frozen=True)
class Backend:
    """A named way to obtain a fresh, empty DynamoDB client for one scenario."""

    name: str
    open: Callable[[], contextlib.AbstractContextManager[DynamoDBClient]]
    in_process: bool = False


def _boto3_client(endpoint_url: str | None = None) -> DynamoDBClient:
    import boto3  # noqa: PLC0415 - only the boto3-backed backends need it

    client: DynamoDBClient = boto3.client(  # pyright: ignore[reportUnknownMemberType]
        "dynamodb",
        endpoint_url=endpoint_url,
        region_name="us-east-1",
        aws_access_key_id="bench",
        aws_secret_access_key="bench",
    )
    return client


@contextlib.contextmanager
def _fake() -> Iterator[DynamoDBClient]:
    yield FakeDynamoDBClient(record_calls=False)


@contextlib.contextmanager
def _fake_http() -> Iterator[DynamoDBClient]:
    from dynantic.testing.server import serve  # noqa: PLC0415 - the endpoint backend only

    fake = FakeDynamoDBClient(record_calls=False)
    with serve(fake.service) as url:
        yield _boto3_client(url)


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
    "fake": Backend("fake", _fake, in_process=True),
    "fake-http": Backend("fake-http", _fake_http),
    "moto": Backend("moto", _moto),
    "dynalite": Backend("dynalite", _dynalite),
}

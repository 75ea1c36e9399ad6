"""The DynamoDB implementations a benchmark run compares, each behind one client.

Every backend yields an object with boto3's DynamoDB client methods; the fake
in process is measured directly, the others through boto3 as users call them.
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


@contextlib.contextmanager
def _fake() -> Iterator[DynamoDBClient]:
    yield FakeDynamoDBClient()


@contextlib.contextmanager
def _moto() -> Iterator[DynamoDBClient]:
    import boto3  # noqa: PLC0415 - only the moto backend needs boto3's full client
    from moto import mock_aws  # noqa: PLC0415 - moto patches botocore when imported

    with mock_aws():
        client: DynamoDBClient = boto3.client(  # pyright: ignore[reportUnknownMemberType]
            "dynamodb",
            region_name="us-east-1",
            aws_access_key_id="bench",
            aws_secret_access_key="bench",
        )
        yield client


BACKENDS: dict[str, Backend] = {
    "fake": Backend("fake", _fake),
    "moto": Backend("moto", _moto),
}

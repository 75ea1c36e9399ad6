"""Fixtures for the control-plane tests: a fresh fake, and a check that a refused
request answers the service's error and changes nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager

import pytest
from botocore.exceptions import ClientError

from dynantic.testing import FakeDynamoDBClient


@pytest.fixture
def fake() -> FakeDynamoDBClient:
    return FakeDynamoDBClient()


def _state(client: FakeDynamoDBClient) -> list[object]:
    """Everything the control plane can report, to compare before and after a refusal."""
    names = client.list_tables()["TableNames"]
    state: list[object] = [names]
    for name in names:
        table = client.describe_table(TableName=name)["Table"]
        state.append(table)
        state.append(client.describe_time_to_live(TableName=name)["TimeToLiveDescription"])
        state.append(client.list_tags_of_resource(ResourceArn=table.get("TableArn", ""))["Tags"])
    return state


@pytest.fixture
def refuses(fake: FakeDynamoDBClient) -> Callable[[str, str], AbstractContextManager[None]]:
    """``with refuses(code, message): call()`` — the call raises exactly that error and
    leaves every table, tag and TTL setting as it was."""

    @contextmanager
    def check(code: str, message: str) -> Iterator[None]:
        before = _state(fake)
        with pytest.raises(ClientError) as raised:
            yield
        assert raised.value.response["Error"] == {"Code": code, "Message": message}
        assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
        assert _state(fake) == before

    return check

"""What a scenario works with: the backend under test, and the comparisons it asserts."""

from __future__ import annotations

import contextlib
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pytest
from botocore.exceptions import ClientError

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.literals import ScalarAttributeTypeType
    from mypy_boto3_dynamodb.type_defs import (
        AttributeDefinitionTypeDef,
        AttributeValueTypeDef,
        CreateTableInputTypeDef,
        CreateTableOutputTypeDef,
        KeySchemaElementTypeDef,
        TableDescriptionTypeDef,
    )
    from typing_extensions import Unpack

    from dynantic import DynamoDBClient

__all__ = [
    "Backend",
    "ServiceErrorInfo",
    "reported_error",
    "service_error",
    "without_volatile",
]

# How PutItem, UpdateItem and DeleteItem now word a request-level refusal: as a
# validation report of one error (us-east-1 and eu-west-2, 2026-09 and 2026-10).
REPORT_PREFIX = "1 validation error detected: "

# Response members that differ between two correct answers: identifiers, clocks
# and transport details. Scenarios compare everything else.
VOLATILE_MEMBERS = frozenset(
    {
        "ResponseMetadata",
        "CreationDateTime",
        "TableId",
        "TableArn",
        "IndexArn",
        "LastUpdateToPayPerRequestDateTime",
        "LastIncreaseDateTime",
        "LastDecreaseDateTime",
        # Warm throughput reflects how far the table has scaled with past use.
        "WarmThroughput",
    }
)
# A local backend changes table state at once or not at all; a remote endpoint
# (DynamoDB itself) can take minutes.
_LOCAL_STATE_SECONDS = 3.0
_REMOTE_STATE_SECONDS = 900.0


# Set members have no order in DynamoDB: compare them sorted.
_SET_TYPES = frozenset({"SS", "NS", "BS"})


def without_volatile(value: object) -> object:
    """``value`` with every volatile member removed at any depth, and set members
    sorted (a set's order is not significant)."""
    if isinstance(value, Mapping):
        return {
            key: _sorted_members(member) if key in _SET_TYPES else without_volatile(member)
            for key, member in value.items()
            if key not in VOLATILE_MEMBERS
        }
    if isinstance(value, list):
        return [without_volatile(member) for member in value]
    return value


def _sorted_members(members: object) -> object:
    if isinstance(members, list):
        return sorted(members, key=repr)
    return members


@dataclass
class ServiceErrorInfo:
    """The error a block raised, filled in when the block ends."""

    response: dict[str, object] = field(default_factory=dict)

    @property
    def code(self) -> str:
        return str(self._error_member("Code"))

    @property
    def message(self) -> str:
        return str(self._error_member("Message"))

    def _error_member(self, member: str) -> object:
        error = self.response.get("Error")
        assert isinstance(error, Mapping)
        return error.get(member)


@contextmanager
def service_error(code: str, message: str, *, prefix: bool = False) -> Iterator[ServiceErrorInfo]:
    """Assert that the block raises the service error ``code`` with exactly ``message``.

    ``prefix=True`` asserts only how the message begins, for the syntax errors
    whose tail quotes the expression around the offending token.
    """
    info = ServiceErrorInfo()
    with pytest.raises(ClientError) as raised:
        yield info
    info.response = dict(raised.value.response)
    actual = info.message[: len(message)] if prefix else info.message
    assert (info.code, actual) == (code, message)
    metadata = info.response.get("ResponseMetadata")
    assert isinstance(metadata, Mapping)
    assert metadata.get("HTTPStatusCode") == 400


def reported_error(
    code: str, message: str, *, prefix: bool = False
) -> AbstractContextManager[ServiceErrorInfo]:
    """:func:`service_error` for a refusal the service words as a validation
    report of one error: ``message`` after ``1 validation error detected: ``."""
    return service_error(code, REPORT_PREFIX + message, prefix=prefix)


def _unique_name() -> str:
    return f"conformance-{uuid.uuid4().hex[:16]}"


@dataclass
class Backend:
    """One backend for one scenario: its name and a client, plus table helpers that
    give every scenario its own uniquely named tables and delete them afterwards."""

    name: str
    client: DynamoDBClient
    remote: bool = False
    _tables: list[str] = field(default_factory=list)

    @property
    def state_change_seconds(self) -> float:
        """How long a table or index may take to change state on this backend."""
        return _REMOTE_STATE_SECONDS if self.remote else _LOCAL_STATE_SECONDS

    def table_name(self) -> str:
        """A fresh table name, deleted at the end of the scenario if it was created."""
        name = _unique_name()
        self._tables.append(name)
        return name

    def create_table(self, **request: Unpack[CreateTableInputTypeDef]) -> CreateTableOutputTypeDef:
        """Create a table (its name from :meth:`table_name`) and wait until it and
        its indexes are ACTIVE."""
        if request["TableName"] not in self._tables:
            self._tables.append(request["TableName"])
        response = self.client.create_table(**request)
        self.wait_active(request["TableName"])
        return response

    def key_table(
        self,
        partition: tuple[str, ScalarAttributeTypeType] = ("pk", "S"),
        sort: tuple[str, ScalarAttributeTypeType] | None = None,
    ) -> str:
        """An on-demand table with the given key attributes; its name."""
        name = self.table_name()
        schema: list[KeySchemaElementTypeDef] = [{"AttributeName": partition[0], "KeyType": "HASH"}]
        definitions: list[AttributeDefinitionTypeDef] = [
            {"AttributeName": partition[0], "AttributeType": partition[1]}
        ]
        if sort is not None:
            schema.append({"AttributeName": sort[0], "KeyType": "RANGE"})
            definitions.append({"AttributeName": sort[0], "AttributeType": sort[1]})
        self.create_table(
            TableName=name,
            KeySchema=schema,
            AttributeDefinitions=definitions,
            BillingMode="PAY_PER_REQUEST",
        )
        return name

    def table_arn(self, name: str) -> str:
        """The table's ARN, as DescribeTable gives it."""
        return self.client.describe_table(TableName=name)["Table"].get("TableArn", "")

    def put_items(self, table: str, *items: Mapping[str, AttributeValueTypeDef]) -> None:
        """Store ``items`` in ``table`` one PutItem at a time."""
        for item in items:
            self.client.put_item(TableName=table, Item=item)

    def wait_active(self, name: str) -> TableDescriptionTypeDef:
        """Poll DescribeTable until the table and all its global indexes are ACTIVE."""
        return self.wait_until(name, _all_active)

    def wait_until(
        self,
        name: str,
        condition: Callable[[TableDescriptionTypeDef], bool],
    ) -> TableDescriptionTypeDef:
        """Poll DescribeTable until ``condition`` holds or the backend's state-change
        time passes; the last description."""
        deadline = time.monotonic() + self.state_change_seconds
        while True:
            table = self.client.describe_table(TableName=name)["Table"]
            if condition(table) or time.monotonic() > deadline:
                return table
            time.sleep(0.005)

    def delete_if_created(self, name: str) -> None:
        """Delete a table a scenario expected to be refused, in case this backend made
        it anyway: left behind, it would show up in other scenarios' table lists."""
        with contextlib.suppress(ClientError):  # refused, as the service would
            self.client.delete_table(TableName=name)

    def delete_tables(self) -> None:
        """Delete the tables this scenario created (those still there)."""
        for name in self._tables:
            try:
                self.wait_active(name)
                self.client.delete_table(TableName=name)
            except ClientError as error:
                if _error_code(error) not in {"ResourceNotFoundException"}:
                    raise
        self._tables.clear()


def _all_active(table: TableDescriptionTypeDef) -> bool:
    statuses = {table.get("TableStatus")} | {
        index.get("IndexStatus") for index in table.get("GlobalSecondaryIndexes", [])
    }
    return statuses == {"ACTIVE"}


def _error_code(error: ClientError) -> str:
    return str(error.response.get("Error", {}).get("Code"))

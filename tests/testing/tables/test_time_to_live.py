"""UpdateTimeToLive and DescribeTimeToLive."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from dynantic.testing import FakeDynamoDBClient

Refuses = Callable[[str, str], AbstractContextManager[None]]
HOUR = 3600.0


@pytest.fixture
def fake(fake: FakeDynamoDBClient) -> FakeDynamoDBClient:
    fake.clock.move_to(1_800_000_000, tick=False)
    fake.create_table(
        TableName="things",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    return fake


def enable(client: FakeDynamoDBClient, attribute: str = "expires") -> object:
    return client.update_time_to_live(
        TableName="things", TimeToLiveSpecification={"Enabled": True, "AttributeName": attribute}
    )["TimeToLiveSpecification"]


def disable(client: FakeDynamoDBClient, attribute: str = "expires") -> object:
    return client.update_time_to_live(
        TableName="things", TimeToLiveSpecification={"Enabled": False, "AttributeName": attribute}
    )["TimeToLiveSpecification"]


def test_a_new_table_has_ttl_disabled(fake: FakeDynamoDBClient) -> None:
    described = fake.describe_time_to_live(TableName="things")["TimeToLiveDescription"]
    assert described == {"TimeToLiveStatus": "DISABLED"}


def test_enabling_echoes_the_specification_and_applies_at_once(fake: FakeDynamoDBClient) -> None:
    assert enable(fake) == {"Enabled": True, "AttributeName": "expires"}
    described = fake.describe_time_to_live(TableName="things")["TimeToLiveDescription"]
    assert described == {"TimeToLiveStatus": "ENABLED", "AttributeName": "expires"}


def test_disabling_forgets_the_attribute(fake: FakeDynamoDBClient) -> None:
    enable(fake)
    fake.clock.shift(HOUR)
    assert disable(fake) == {"Enabled": False, "AttributeName": "expires"}
    described = fake.describe_time_to_live(TableName="things")["TimeToLiveDescription"]
    assert described == {"TimeToLiveStatus": "DISABLED"}


def test_the_partition_key_may_be_the_ttl_attribute(fake: FakeDynamoDBClient) -> None:
    enable(fake, "pk")
    described = fake.describe_time_to_live(TableName="things")["TimeToLiveDescription"]
    assert described.get("AttributeName") == "pk"


def test_enabling_twice_is_refused(fake: FakeDynamoDBClient, refuses: Refuses) -> None:
    enable(fake)
    fake.clock.shift(HOUR)
    with refuses("ValidationException", "TimeToLive is already enabled"):
        enable(fake)


def test_disabling_a_disabled_table_is_refused(fake: FakeDynamoDBClient, refuses: Refuses) -> None:
    with refuses("ValidationException", "TimeToLive is already disabled"):
        disable(fake)


@pytest.mark.parametrize("change", [enable, disable], ids=["enable", "disable"])
def test_only_the_active_attribute_can_be_changed(
    fake: FakeDynamoDBClient,
    refuses: Refuses,
    change: Callable[[FakeDynamoDBClient, str], object],
) -> None:
    enable(fake)
    fake.clock.shift(HOUR)
    with refuses(
        "ValidationException",
        "TimeToLive is active on a different AttributeName: current AttributeName is expires",
    ):
        change(fake, "other")


def test_a_second_change_within_an_hour_is_refused(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    enable(fake)
    fake.clock.shift(HOUR - 1)
    with refuses(
        "ValidationException",
        "Time to live has been modified multiple times within a fixed interval",
    ):
        disable(fake)
    fake.clock.shift(1)
    disable(fake)


def test_refusals_for_no_change_come_before_the_interval(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    enable(fake)
    with refuses("ValidationException", "TimeToLive is already enabled"):
        enable(fake)


def test_ttl_of_a_missing_table_is_not_found(fake: FakeDynamoDBClient, refuses: Refuses) -> None:
    message = "Requested resource not found: Table: missing not found"
    with refuses("ResourceNotFoundException", message):
        fake.describe_time_to_live(TableName="missing")
    with refuses("ResourceNotFoundException", message):
        fake.update_time_to_live(
            TableName="missing", TimeToLiveSpecification={"Enabled": True, "AttributeName": "e"}
        )


def test_ttl_accepts_the_table_arn(fake: FakeDynamoDBClient) -> None:
    arn = "arn:aws:dynamodb:us-east-1:123456789012:table/things"
    fake.update_time_to_live(
        TableName=arn, TimeToLiveSpecification={"Enabled": True, "AttributeName": "e"}
    )
    assert fake.describe_time_to_live(TableName=arn)["TimeToLiveDescription"] == {
        "TimeToLiveStatus": "ENABLED",
        "AttributeName": "e",
    }


def test_ttl_is_not_part_of_the_table_description(fake: FakeDynamoDBClient) -> None:
    before = fake.describe_table(TableName="things")["Table"]
    enable(fake)
    assert fake.describe_table(TableName="things")["Table"] == before

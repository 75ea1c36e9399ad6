"""UpdateTable: billing mode, provisioned capacity, on-demand caps and warm throughput."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import (
        CreateTableInputTypeDef,
        GlobalSecondaryIndexTypeDef,
        ProvisionedThroughputTypeDef,
    )

    from dynantic.testing import FakeDynamoDBClient

Refuses = Callable[[str, str], AbstractContextManager[None]]
INVALID = "One or more parameter values were invalid: "
MOMENT = datetime(2026, 10, 9, 0, 21, 34, tzinfo=timezone.utc)


def capacity(read: int, write: int) -> ProvisionedThroughputTypeDef:
    return {"ReadCapacityUnits": read, "WriteCapacityUnits": write}


def create(client: FakeDynamoDBClient, *, on_demand: bool = False, index: bool = False) -> None:
    request: CreateTableInputTypeDef = {
        "TableName": "things",
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
        "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
        "BillingMode": "PAY_PER_REQUEST",
    }
    if not on_demand:
        request["BillingMode"] = "PROVISIONED"
        request["ProvisionedThroughput"] = capacity(5, 5)
    if index:
        request["AttributeDefinitions"] = [
            {"AttributeName": "pk", "AttributeType": "S"},
            {"AttributeName": "g", "AttributeType": "S"},
        ]
        global_index: GlobalSecondaryIndexTypeDef = {
            "IndexName": "by-g",
            "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
            "Projection": {"ProjectionType": "ALL"},
        }
        if not on_demand:
            global_index["ProvisionedThroughput"] = capacity(5, 5)
        request["GlobalSecondaryIndexes"] = [global_index]
    client.create_table(**request)


@pytest.fixture
def fake(fake: FakeDynamoDBClient) -> FakeDynamoDBClient:
    fake.clock.move_to(MOMENT, tick=False)
    return fake


def described(client: FakeDynamoDBClient) -> dict[str, object]:
    return dict(client.describe_table(TableName="things")["Table"])


def test_an_increase_answers_the_old_capacity_while_updating(fake: FakeDynamoDBClient) -> None:
    create(fake)
    answered = fake.update_table(TableName="things", ProvisionedThroughput=capacity(6, 5))
    table = answered["TableDescription"]
    assert table.get("TableStatus") == "UPDATING"
    assert table.get("ProvisionedThroughput") == {
        "LastIncreaseDateTime": MOMENT,
        "NumberOfDecreasesToday": 0,
        "ReadCapacityUnits": 5,
        "WriteCapacityUnits": 5,
    }
    after = described(fake)
    assert after["TableStatus"] == "ACTIVE"
    assert after["ProvisionedThroughput"] == {
        "LastIncreaseDateTime": MOMENT,
        "NumberOfDecreasesToday": 0,
        "ReadCapacityUnits": 6,
        "WriteCapacityUnits": 5,
    }
    assert after["WarmThroughput"] == {
        "ReadUnitsPerSecond": 6,
        "WriteUnitsPerSecond": 5,
        "Status": "ACTIVE",
    }


def test_a_decrease_is_counted_and_warm_throughput_stays(fake: FakeDynamoDBClient) -> None:
    create(fake)
    fake.update_table(TableName="things", ProvisionedThroughput=capacity(2, 3))
    after = described(fake)
    assert after["ProvisionedThroughput"] == {
        "LastDecreaseDateTime": MOMENT,
        "NumberOfDecreasesToday": 1,
        "ReadCapacityUnits": 2,
        "WriteCapacityUnits": 3,
    }
    assert after["WarmThroughput"] == {
        "ReadUnitsPerSecond": 5,
        "WriteUnitsPerSecond": 5,
        "Status": "ACTIVE",
    }


def test_one_unit_down_and_one_up_is_a_decrease_and_an_increase(fake: FakeDynamoDBClient) -> None:
    create(fake)
    fake.update_table(TableName="things", ProvisionedThroughput=capacity(4, 6))
    assert described(fake)["ProvisionedThroughput"] == {
        "LastIncreaseDateTime": MOMENT,
        "LastDecreaseDateTime": MOMENT,
        "NumberOfDecreasesToday": 1,
        "ReadCapacityUnits": 4,
        "WriteCapacityUnits": 6,
    }


@pytest.mark.parametrize("billing_mode", [None, "PROVISIONED"])
def test_the_same_capacity_will_not_change(
    fake: FakeDynamoDBClient, refuses: Refuses, billing_mode: str | None
) -> None:
    create(fake)
    with refuses(
        "ValidationException",
        "The provisioned throughput for the table will not change. The requested value equals "
        "the current value. Current ReadCapacityUnits provisioned for the table: 5. Requested "
        "ReadCapacityUnits: 5. Current WriteCapacityUnits provisioned for the table: 5. "
        "Requested WriteCapacityUnits: 5. Refer to the Amazon DynamoDB Developer Guide for "
        "current limits and how to request higher limits.",
    ):
        if billing_mode is None:
            fake.update_table(TableName="things", ProvisionedThroughput=capacity(5, 5))
        else:
            fake.update_table(
                TableName="things", BillingMode="PROVISIONED", ProvisionedThroughput=capacity(5, 5)
            )


def test_four_decreases_a_day_then_one_an_hour(fake: FakeDynamoDBClient, refuses: Refuses) -> None:
    create(fake)
    for units in (4, 3, 2, 1):
        fake.update_table(TableName="things", ProvisionedThroughput=capacity(units, 5))
    with refuses(
        "LimitExceededException",
        "Subscriber limit exceeded: Provisioned throughput decreases are limited within a given "
        "UTC day. After the first 4 decreases, each subsequent decrease in the same UTC day can "
        "be performed at most once every 3600 seconds. Number of decreases today: 4. Last "
        "decrease at Friday, October 9, 2026 at 12:21:34 AM Coordinated Universal Time. Next "
        "decrease can be made at Friday, October 9, 2026 at 1:21:34 AM Coordinated Universal "
        "Time",
    ):
        fake.update_table(TableName="things", ProvisionedThroughput=capacity(1, 4))
    fake.update_table(TableName="things", ProvisionedThroughput=capacity(2, 6))  # an increase
    fake.clock.shift(3600)
    fake.update_table(TableName="things", ProvisionedThroughput=capacity(1, 6))
    decreases = described(fake)["ProvisionedThroughput"]
    assert isinstance(decreases, dict)
    assert decreases["NumberOfDecreasesToday"] == 5


def test_the_decrease_count_starts_again_at_midnight_utc(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    fake.clock.move_to(datetime(2026, 10, 8, 23, 20, 48, tzinfo=timezone.utc), tick=False)
    create(fake)
    for units in (4, 3, 2, 1):
        fake.update_table(TableName="things", ProvisionedThroughput=capacity(units, 5))
    with refuses(
        "LimitExceededException",
        "Subscriber limit exceeded: Provisioned throughput decreases are limited within a given "
        "UTC day. After the first 4 decreases, each subsequent decrease in the same UTC day can "
        "be performed at most once every 3600 seconds. Number of decreases today: 4. Last "
        "decrease at Thursday, October 8, 2026 at 11:20:48 PM Coordinated Universal Time. Next "
        "decrease can be made at Friday, October 9, 2026 at 12:00:00 AM Coordinated Universal "
        "Time",
    ):
        fake.update_table(TableName="things", ProvisionedThroughput=capacity(1, 4))
    fake.clock.move_to(datetime(2026, 10, 9, tzinfo=timezone.utc), tick=False)
    table = described(fake)["ProvisionedThroughput"]
    assert isinstance(table, dict)
    assert table["NumberOfDecreasesToday"] == 0
    fake.update_table(TableName="things", ProvisionedThroughput=capacity(1, 4))


def test_capacity_above_the_per_table_quota_is_a_limit(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    create(fake)
    with refuses(
        "LimitExceededException",
        "The requested ReadCapacityUnits, 40001, is above the per table maximum for the account "
        "in us-east-1. Per table maximum: 40000. Refer to the Amazon DynamoDB Developer Guide "
        "for current limits and how to request higher limits.",
    ):
        fake.update_table(TableName="things", ProvisionedThroughput=capacity(40_001, 5))


def test_capacity_above_a_trillion_is_out_of_bounds(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    create(fake)
    with refuses(
        "ValidationException", "Given value 1000000000001 for WriteCapacityUnits is out of bounds"
    ):
        fake.update_table(TableName="things", ProvisionedThroughput=capacity(5, 10**12 + 1))


def test_on_demand_tables_take_no_capacity(fake: FakeDynamoDBClient, refuses: Refuses) -> None:
    create(fake, on_demand=True)
    with refuses(
        "ValidationException",
        INVALID + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when "
        "BillingMode is PAY_PER_REQUEST",
    ):
        fake.update_table(TableName="things", ProvisionedThroughput=capacity(5, 5))


def test_switching_to_on_demand(fake: FakeDynamoDBClient) -> None:
    create(fake, index=True)
    table = fake.update_table(TableName="things", BillingMode="PAY_PER_REQUEST")["TableDescription"]
    assert table.get("TableStatus") == "UPDATING"
    assert table.get("BillingModeSummary") == {"BillingMode": "PAY_PER_REQUEST"}
    after = described(fake)
    assert after["BillingModeSummary"] == {
        "BillingMode": "PAY_PER_REQUEST",
        "LastUpdateToPayPerRequestDateTime": MOMENT,
    }
    assert after["ProvisionedThroughput"] == {
        "NumberOfDecreasesToday": 0,
        "ReadCapacityUnits": 0,
        "WriteCapacityUnits": 0,
    }
    assert after["WarmThroughput"] == {
        "ReadUnitsPerSecond": 12_000,
        "WriteUnitsPerSecond": 4_000,
        "Status": "ACTIVE",
    }
    index = fake.describe_table(TableName="things")["Table"].get("GlobalSecondaryIndexes", [])[0]
    assert index.get("ProvisionedThroughput") == {
        "LastDecreaseDateTime": MOMENT,
        "NumberOfDecreasesToday": 1,
        "ReadCapacityUnits": 0,
        "WriteCapacityUnits": 0,
    }


def test_asking_an_on_demand_table_for_on_demand_changes_nothing(
    fake: FakeDynamoDBClient,
) -> None:
    create(fake, on_demand=True)
    before = described(fake)
    table = fake.update_table(TableName="things", BillingMode="PAY_PER_REQUEST")["TableDescription"]
    assert table.get("TableStatus") == "UPDATING"
    assert described(fake) == before


def test_switching_to_provisioned_needs_capacity_for_every_global_index(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    create(fake, on_demand=True, index=True)
    with refuses(
        "ValidationException", INVALID + "ProvisionedThroughput must be specified for index: by-g"
    ):
        fake.update_table(
            TableName="things", BillingMode="PROVISIONED", ProvisionedThroughput=capacity(3, 4)
        )


def test_switching_to_provisioned_takes_the_capacity_as_given(fake: FakeDynamoDBClient) -> None:
    create(fake, on_demand=True, index=True)
    fake.update_table(TableName="things", OnDemandThroughput={"MaxReadRequestUnits": 50})
    fake.update_table(
        TableName="things",
        BillingMode="PROVISIONED",
        ProvisionedThroughput=capacity(3, 4),
        GlobalSecondaryIndexUpdates=[
            {"Update": {"IndexName": "by-g", "ProvisionedThroughput": capacity(1, 2)}}
        ],
    )
    after = described(fake)
    assert after["BillingModeSummary"] == {
        "BillingMode": "PROVISIONED",
        "LastUpdateToPayPerRequestDateTime": MOMENT,
    }
    assert after["ProvisionedThroughput"] == {
        "NumberOfDecreasesToday": 0,
        "ReadCapacityUnits": 3,
        "WriteCapacityUnits": 4,
    }
    assert "OnDemandThroughput" not in after
    index = fake.describe_table(TableName="things")["Table"].get("GlobalSecondaryIndexes", [])[0]
    assert index.get("ProvisionedThroughput") == {
        "NumberOfDecreasesToday": 0,
        "ReadCapacityUnits": 1,
        "WriteCapacityUnits": 2,
    }


def test_on_demand_caps_need_an_on_demand_table(fake: FakeDynamoDBClient, refuses: Refuses) -> None:
    create(fake)
    with refuses(
        "ValidationException",
        INVALID + "MaxReadRequestUnits for OnDemandThroughput cannot be specified when the "
        "table BillingMode is PROVISIONED",
    ):
        fake.update_table(TableName="things", OnDemandThroughput={"MaxReadRequestUnits": 100})


def test_on_demand_caps_merge_and_minus_one_removes(fake: FakeDynamoDBClient) -> None:
    create(fake, on_demand=True)
    answered = fake.update_table(
        TableName="things",
        OnDemandThroughput={"MaxReadRequestUnits": 1000, "MaxWriteRequestUnits": 500},
    )["TableDescription"]
    assert answered.get("TableStatus") == "ACTIVE"
    answered = fake.update_table(
        TableName="things", OnDemandThroughput={"MaxReadRequestUnits": -1}
    )["TableDescription"]
    assert answered.get("OnDemandThroughput") == {
        "MaxReadRequestUnits": -1,
        "MaxWriteRequestUnits": 500,
    }
    assert described(fake)["OnDemandThroughput"] == {"MaxWriteRequestUnits": 500}
    answered = fake.update_table(
        TableName="things", OnDemandThroughput={"MaxWriteRequestUnits": -1}
    )["TableDescription"]
    assert answered.get("OnDemandThroughput") == {"MaxWriteRequestUnits": -1}
    assert "OnDemandThroughput" not in described(fake)


@pytest.mark.parametrize("units", [0, -2])
def test_on_demand_caps_are_positive_or_minus_one(
    fake: FakeDynamoDBClient, refuses: Refuses, units: int
) -> None:
    create(fake, on_demand=True)
    with refuses(
        "ValidationException",
        INVALID + "Requested MaxWriteRequestUnits for OnDemandThroughput for table is outside "
        "of valid range",
    ):
        fake.update_table(TableName="things", OnDemandThroughput={"MaxWriteRequestUnits": units})


def test_switching_to_on_demand_may_set_caps(fake: FakeDynamoDBClient) -> None:
    create(fake)
    fake.update_table(
        TableName="things",
        BillingMode="PAY_PER_REQUEST",
        OnDemandThroughput={"MaxReadRequestUnits": 100, "MaxWriteRequestUnits": 100},
    )
    assert described(fake)["OnDemandThroughput"] == {
        "MaxReadRequestUnits": 100,
        "MaxWriteRequestUnits": 100,
    }


def test_warm_throughput_never_decreases(fake: FakeDynamoDBClient, refuses: Refuses) -> None:
    create(fake, on_demand=True)
    with refuses(
        "ValidationException",
        INVALID + "Requested ReadUnitsPerSecond for WarmThroughput for table is lower than "
        "current WarmThroughput, decreasing WarmThroughput is not supported",
    ):
        fake.update_table(TableName="things", WarmThroughput={"ReadUnitsPerSecond": 11_999})


def test_warm_throughput_rises_while_the_table_stays_active(fake: FakeDynamoDBClient) -> None:
    create(fake, on_demand=True)
    table = fake.update_table(TableName="things", WarmThroughput={"WriteUnitsPerSecond": 4_001})[
        "TableDescription"
    ]
    assert table.get("TableStatus") == "ACTIVE"
    assert table.get("WarmThroughput") == {
        "ReadUnitsPerSecond": 12_000,
        "WriteUnitsPerSecond": 4_000,
        "Status": "UPDATING",
    }
    assert described(fake)["WarmThroughput"] == {
        "ReadUnitsPerSecond": 12_000,
        "WriteUnitsPerSecond": 4_001,
        "Status": "ACTIVE",
    }
    fake.update_table(TableName="things", WarmThroughput={"WriteUnitsPerSecond": 4_001})


def test_a_day_of_decreases_is_a_day_on_the_fake_clock(fake: FakeDynamoDBClient) -> None:
    create(fake)
    fake.update_table(TableName="things", ProvisionedThroughput=capacity(4, 5))
    fake.clock.shift(timedelta(days=1).total_seconds())
    table = described(fake)["ProvisionedThroughput"]
    assert isinstance(table, dict)
    assert table["NumberOfDecreasesToday"] == 0
    assert table["LastDecreaseDateTime"] == MOMENT

"""UpdateTable: stream, encryption, table class and deletion protection."""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import datetime, timezone
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.literals import StreamViewTypeType
    from mypy_boto3_dynamodb.type_defs import SSESpecificationTypeDef, StreamSpecificationTypeDef

    from dynantic.testing import FakeDynamoDBClient

Refuses = Callable[[str, str], AbstractContextManager[None]]
INVALID = "One or more parameter values were invalid: "
ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/things"
MOMENT = datetime(2026, 10, 8, 23, 7, 23, 207000, tzinfo=timezone.utc)


@pytest.fixture
def fake(fake: FakeDynamoDBClient) -> FakeDynamoDBClient:
    fake.clock.move_to(MOMENT, tick=False)
    fake.create_table(
        TableName="things",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    return fake


def table(client: FakeDynamoDBClient) -> dict[str, object]:
    return dict(client.describe_table(TableName="things")["Table"])


# ------------------------------------------------------------------ streams


def test_switching_a_stream_on(fake: FakeDynamoDBClient) -> None:
    answered = fake.update_table(
        TableName="things",
        StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"},
    )["TableDescription"]
    assert answered.get("TableStatus") == "UPDATING"
    label = "2026-10-08T23:07:23.207"
    for described in (dict(answered), table(fake)):
        assert described["StreamSpecification"] == {
            "StreamEnabled": True,
            "StreamViewType": "NEW_IMAGE",
        }
        assert described["LatestStreamLabel"] == label
        assert described["LatestStreamArn"] == f"{ARN}/stream/{label}"


@pytest.mark.parametrize("view_type", ["NEW_IMAGE", "KEYS_ONLY"])
def test_an_enabled_stream_cannot_be_enabled_again(
    fake: FakeDynamoDBClient, refuses: Refuses, view_type: StreamViewTypeType
) -> None:
    fake.update_table(
        TableName="things",
        StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"},
    )
    with refuses("ValidationException", "Table already has an enabled stream: TableName: things"):
        fake.update_table(
            TableName="things",
            StreamSpecification={"StreamEnabled": True, "StreamViewType": view_type},
        )


def test_switching_a_stream_off_keeps_the_latest_stream(fake: FakeDynamoDBClient) -> None:
    fake.update_table(
        TableName="things",
        StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"},
    )
    fake.clock.shift(60)
    answered = fake.update_table(TableName="things", StreamSpecification={"StreamEnabled": False})
    assert "StreamSpecification" not in answered["TableDescription"]
    assert answered["TableDescription"].get("LatestStreamLabel") == "2026-10-08T23:07:23.207"
    described = table(fake)
    assert "StreamSpecification" not in described
    assert described["LatestStreamLabel"] == "2026-10-08T23:07:23.207"


def test_switching_on_again_makes_a_new_stream(fake: FakeDynamoDBClient) -> None:
    on: StreamSpecificationTypeDef = {"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"}
    fake.update_table(TableName="things", StreamSpecification=on)
    fake.update_table(TableName="things", StreamSpecification={"StreamEnabled": False})
    fake.clock.shift(1)
    fake.update_table(TableName="things", StreamSpecification=on)
    assert table(fake)["LatestStreamLabel"] == "2026-10-08T23:07:24.207"


def test_a_table_without_stream_has_none_to_switch_off(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses("ValidationException", "Table has no stream to disable: TableName: things"):
        fake.update_table(TableName="things", StreamSpecification={"StreamEnabled": False})


# ------------------------------------------------------------------ encryption


def test_switching_to_kms_encryption(fake: FakeDynamoDBClient) -> None:
    answered = fake.update_table(TableName="things", SSESpecification={"Enabled": True})[
        "TableDescription"
    ]
    assert answered.get("TableStatus") == "ACTIVE"
    assert answered.get("SSEDescription") == {"Status": "UPDATING"}
    described = table(fake)["SSEDescription"]
    assert isinstance(described, dict)
    assert described["Status"] == "ENABLED"
    assert described["SSEType"] == "KMS"
    assert re.fullmatch(
        r"arn:aws:kms:us-east-1:123456789012:key/[0-9a-f-]{36}", described["KMSMasterKeyArn"]
    )


@pytest.mark.parametrize("sse", [{"Enabled": False}, {}], ids=["disabled", "empty"])
def test_default_encryption_cannot_be_asked_for_again(
    fake: FakeDynamoDBClient, refuses: Refuses, sse: SSESpecificationTypeDef
) -> None:
    with refuses("ValidationException", INVALID + "Table is already encrypted by default"):
        fake.update_table(TableName="things", SSESpecification=sse)


def test_the_current_key_cannot_be_asked_for_again(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    key = "arn:aws:kms:us-east-1:123456789012:key/abcd1234-abcd-1234-a123-ab1234a1b234"
    sse: SSESpecificationTypeDef = {"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": key}
    fake.update_table(TableName="things", SSESpecification=sse)
    with refuses(
        "ValidationException",
        INVALID + "Table is already encrypted with given KMSMasterKeyId. Use KMSMasterKeyId "
        "parameter if you want to change Master Key",
    ):
        fake.update_table(TableName="things", SSESpecification=sse)


@pytest.mark.parametrize("key", ["alias/aws/dynamodb", None], ids=["alias", "no-key"])
def test_the_current_key_asked_for_without_its_arn_is_accepted(
    fake: FakeDynamoDBClient, key: str | None
) -> None:
    fake.update_table(TableName="things", SSESpecification={"Enabled": True})
    sse: SSESpecificationTypeDef = {"Enabled": True, "SSEType": "KMS"}
    if key is not None:
        sse["KMSMasterKeyId"] = key
    answered = fake.update_table(TableName="things", SSESpecification=sse)
    assert answered["TableDescription"].get("SSEDescription", {}).get("Status") == "UPDATING"


def test_switching_back_to_default_encryption(fake: FakeDynamoDBClient) -> None:
    fake.update_table(TableName="things", SSESpecification={"Enabled": True})
    answered = fake.update_table(TableName="things", SSESpecification={"Enabled": False})
    assert answered["TableDescription"].get("SSEDescription", {}).get("Status") == "UPDATING"
    assert "SSEDescription" not in table(fake)


def test_encryption_settings_rules_apply_to_updates(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses("ValidationException", INVALID + "SSEType AES256 is not supported"):
        fake.update_table(TableName="things", SSESpecification={"SSEType": "AES256"})


# ------------------------------------------------------------------ table class


def test_changing_the_table_class(fake: FakeDynamoDBClient) -> None:
    answered = fake.update_table(TableName="things", TableClass="STANDARD_INFREQUENT_ACCESS")
    assert answered["TableDescription"].get("TableStatus") == "UPDATING"
    assert "TableClassSummary" not in answered["TableDescription"]
    assert table(fake)["TableClassSummary"] == {
        "TableClass": "STANDARD_INFREQUENT_ACCESS",
        "LastUpdateDateTime": MOMENT,
    }


def test_asking_for_the_standard_class_of_a_table_without_one_changes_nothing(
    fake: FakeDynamoDBClient,
) -> None:
    before = table(fake)
    fake.update_table(TableName="things", TableClass="STANDARD")
    assert table(fake) == before


def test_the_table_class_changes_twice_in_thirty_days(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    fake.update_table(TableName="things", TableClass="STANDARD_INFREQUENT_ACCESS")
    fake.update_table(TableName="things", TableClass="STANDARD")
    with refuses(
        "LimitExceededException",
        "Subscriber limit exceeded: Updates to TableClass are limited to 2 times in 30 day(s).",
    ):
        fake.update_table(TableName="things", TableClass="STANDARD_INFREQUENT_ACCESS")
    fake.clock.shift(30 * 24 * 3600)
    fake.update_table(TableName="things", TableClass="STANDARD_INFREQUENT_ACCESS")


def test_asking_for_the_current_class_is_free_until_the_changes_are_spent(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    fake.update_table(TableName="things", TableClass="STANDARD_INFREQUENT_ACCESS")
    fake.update_table(TableName="things", TableClass="STANDARD_INFREQUENT_ACCESS")
    fake.update_table(TableName="things", TableClass="STANDARD")
    with refuses(
        "LimitExceededException",
        "Subscriber limit exceeded: Updates to TableClass are limited to 2 times in 30 day(s).",
    ):
        fake.update_table(TableName="things", TableClass="STANDARD")


# ------------------------------------------------------------------ deletion protection


def test_switching_deletion_protection_on_is_immediate(fake: FakeDynamoDBClient) -> None:
    answered = fake.update_table(TableName="things", DeletionProtectionEnabled=True)
    assert answered["TableDescription"].get("TableStatus") == "ACTIVE"
    assert answered["TableDescription"].get("DeletionProtectionEnabled") is True
    assert table(fake)["DeletionProtectionEnabled"] is True


def test_deletion_protection_waits_fifteen_seconds_between_changes(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    fake.update_table(TableName="things", DeletionProtectionEnabled=True)
    fake.clock.shift(14)
    for protection in (False, True):  # the same setting again is refused as well
        with refuses(
            "ThrottlingException",
            "Deletion protection setting for table things modified within the previous 15000 "
            "milliseconds. Please try again after 2026-10-08T23:07:38.207Z",
        ):
            fake.update_table(TableName="things", DeletionProtectionEnabled=protection)
    fake.clock.shift(1)
    fake.update_table(TableName="things", DeletionProtectionEnabled=False)
    fake.delete_table(TableName="things")


def test_asking_for_the_current_protection_starts_no_interval(fake: FakeDynamoDBClient) -> None:
    for _ in range(3):
        fake.update_table(TableName="things", DeletionProtectionEnabled=False)
    fake.update_table(TableName="things", DeletionProtectionEnabled=True)
    assert table(fake)["DeletionProtectionEnabled"] is True

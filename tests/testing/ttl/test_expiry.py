"""Time to live: expired items stay until expired on request, or automatically."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from dynantic.testing import Clock, FakeDynamoDBClient
from dynantic.testing.persistence import load_state, save_state

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import AttributeValueTypeDef

NOW = 1_800_000_000.0
FIVE_YEARS = 5 * 365 * 86400 + 86400


def make(*, auto_expire: bool = False) -> FakeDynamoDBClient:
    fake = FakeDynamoDBClient(clock=Clock(NOW, tick=False), auto_expire=auto_expire)
    fake.create_table(
        TableName="sessions",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[
            {"AttributeName": "pk", "AttributeType": "S"},
            {"AttributeName": "user", "AttributeType": "S"},
        ],
        GlobalSecondaryIndexes=[
            {
                "IndexName": "by_user",
                "KeySchema": [{"AttributeName": "user", "KeyType": "HASH"}],
                "Projection": {"ProjectionType": "ALL"},
            }
        ],
        BillingMode="PAY_PER_REQUEST",
    )
    fake.update_time_to_live(
        TableName="sessions",
        TimeToLiveSpecification={"Enabled": True, "AttributeName": "expires"},
    )
    return fake


def put(fake: FakeDynamoDBClient, pk: str, expires: AttributeValueTypeDef | None) -> None:
    item: dict[str, AttributeValueTypeDef] = {"pk": {"S": pk}, "user": {"S": "ada"}}
    if expires is not None:
        item["expires"] = expires
    fake.put_item(TableName="sessions", Item=item)


def keys(fake: FakeDynamoDBClient) -> list[str]:
    return sorted(str(item["pk"]) for item in fake.table_items("sessions"))


def test_expired_items_stay_readable_until_expired_on_request() -> None:
    fake = make()
    put(fake, "old", {"N": str(NOW - 10)})
    put(fake, "new", {"N": str(NOW + 10)})
    assert fake.get_item(TableName="sessions", Key={"pk": {"S": "old"}}).get("Item")
    assert fake.expire_items() == {"sessions": 1}
    assert keys(fake) == ["new"]
    assert fake.expire_items() == {}


def test_expiry_removes_items_from_every_index() -> None:
    fake = make()
    put(fake, "old", {"N": str(NOW - 1)})
    fake.expire_items()
    table = fake.service.database.tables["sessions"]
    assert table.indexes["by_user"].item_count == 0
    table.check_invariants()


def test_the_clock_decides_what_has_expired() -> None:
    fake = make()
    put(fake, "soon", {"N": str(NOW + 60)})
    assert fake.expire_items() == {}
    fake.clock.shift(61)
    assert fake.expire_items() == {"sessions": 1}


@pytest.mark.parametrize(
    "expires",
    [{"S": str(NOW - 10)}, {"NS": [str(NOW - 10)]}, {"N": str(NOW - FIVE_YEARS - 1)}, None],
    ids=["string", "number-set", "older-than-five-years", "absent"],
)
def test_items_without_a_usable_expiry_time_are_never_expired(
    expires: AttributeValueTypeDef | None,
) -> None:
    fake = make()
    put(fake, "kept", expires)
    assert fake.expire_items() == {}
    assert keys(fake) == ["kept"]


def test_automatic_expiry_deletes_before_each_call() -> None:
    fake = make(auto_expire=True)
    put(fake, "old", {"N": str(NOW + 5)})
    assert fake.get_item(TableName="sessions", Key={"pk": {"S": "old"}}).get("Item")
    fake.clock.shift(10)
    assert "Item" not in fake.get_item(TableName="sessions", Key={"pk": {"S": "old"}})
    fake.auto_expire = False
    put(fake, "again", {"N": str(NOW)})
    assert keys(fake) == ["again"]


def test_disabling_time_to_live_stops_expiry() -> None:
    fake = make()
    put(fake, "old", {"N": str(NOW - 10)})
    fake.clock.shift(3601)  # the service allows one change an hour
    fake.update_time_to_live(
        TableName="sessions",
        TimeToLiveSpecification={"Enabled": False, "AttributeName": "expires"},
    )
    assert fake.expire_items() == {}
    assert keys(fake) == ["old"]


def test_updates_and_deletes_keep_expiry_in_step() -> None:
    fake = make()
    put(fake, "a", {"N": str(NOW - 10)})
    put(fake, "a", {"N": str(NOW + 10)})  # replaced: no longer expired
    put(fake, "b", {"N": str(NOW - 10)})
    fake.delete_item(TableName="sessions", Key={"pk": {"S": "b"}})
    assert fake.expire_items() == {}
    assert keys(fake) == ["a"]


def test_snapshots_and_state_files_keep_tracking_expiry(tmp_path: Path) -> None:
    fake = make()
    put(fake, "old", {"N": str(NOW - 10)})
    snapshot = fake.snapshot()
    assert fake.expire_items() == {"sessions": 1}
    fake.restore(snapshot)
    assert fake.expire_items() == {"sessions": 1}

    fake.restore(snapshot)
    save_state(fake.service.database, tmp_path / "state.json")
    loaded = FakeDynamoDBClient(clock=Clock(NOW, tick=False))
    assert load_state(loaded.service.database, tmp_path / "state.json")
    assert loaded.expire_items() == {"sessions": 1}

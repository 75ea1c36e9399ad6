"""Direct access to the stored state: declare, seed, read back, reset, snapshot, restore."""

from __future__ import annotations

from decimal import Decimal

import pytest
from boto3.dynamodb.types import Binary
from botocore.exceptions import ParamValidationError

from dynantic.testing import FakeDynamoDBClient
from dynantic.testing.state import reset, restore, snapshot


def key_schema(fake: FakeDynamoDBClient, table: str) -> list[tuple[str, str, str]]:
    description = fake.describe_table(TableName=table)["Table"]
    types = {d["AttributeName"]: d["AttributeType"] for d in description["AttributeDefinitions"]}
    return [
        (k["AttributeName"], k["KeyType"], types[k["AttributeName"]])
        for k in description["KeySchema"]
    ]


def test_tables_are_declared_by_their_keys(fake: FakeDynamoDBClient) -> None:
    assert key_schema(fake, "users") == [("pk", "HASH", "S")]
    assert key_schema(fake, "orders") == [("customer", "HASH", "S"), ("placed", "RANGE", "N")]
    described = fake.describe_table(TableName="users")["Table"]
    assert described.get("BillingModeSummary", {}).get("BillingMode") == "PAY_PER_REQUEST"


def test_a_table_may_be_declared_with_create_table_parameters() -> None:
    fake = FakeDynamoDBClient()
    fake.add_tables(
        {
            "my-table.v2": {
                "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
                "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "B"}],
                "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5},
            }
        }
    )
    description = fake.describe_table(TableName="my-table.v2")["Table"]
    assert description["ProvisionedThroughput"]["ReadCapacityUnits"] == 5
    assert key_schema(fake, "my-table.v2") == [("id", "HASH", "B")]


def test_a_key_of_an_unknown_type_is_refused() -> None:
    with pytest.raises(ValueError, match=r"^dynantic: a key is 'name' or 'name:TYPE'"):
        FakeDynamoDBClient().add_tables(users="pk:X")


def test_declaring_an_existing_table_is_the_services_error(fake: FakeDynamoDBClient) -> None:
    with pytest.raises(fake.exceptions.ResourceInUseException, match="Table already exists"):
        fake.add_tables(users="pk")


def test_seed_converts_plain_python_with_boto3s_serializer(fake: FakeDynamoDBClient) -> None:
    count = fake.seed({"users": [{"pk": "u1", "age": 30, "tags": {"a"}, "blob": b"\x00"}]})
    assert count == 1
    stored = fake.get_item(TableName="users", Key={"pk": {"S": "u1"}}).get("Item")
    assert stored == {
        "pk": {"S": "u1"},
        "age": {"N": "30"},
        "tags": {"SS": ["a"]},
        "blob": {"B": b"\x00"},
    }


def test_seed_accepts_wire_form(fake: FakeDynamoDBClient) -> None:
    fake.seed({"users": [{"pk": {"S": "u1"}, "n": {"N": "1.50"}}]}, wire=True)
    assert fake.table_items("users") == [{"pk": "u1", "n": Decimal("1.5")}]


def test_seeding_a_float_fails_as_boto3_fails(fake: FakeDynamoDBClient) -> None:
    with pytest.raises(TypeError, match=r"^dynantic: item 1 of table 'users'.*Float types"):
        fake.seed({"users": [{"pk": "u1"}, {"pk": "u2", "score": 0.5}]})


def test_a_refused_seed_item_raises_the_services_error_and_keeps_nothing(
    fake: FakeDynamoDBClient,
) -> None:
    with pytest.raises(fake.exceptions.ClientError) as raised:
        fake.seed({"users": [{"pk": "u1"}, {"name": "no key"}]})
    assert raised.value.response["Error"] == {
        "Code": "ValidationException",
        "Message": "One or more parameter values were invalid: Missing the key pk in the item",
    }
    assert raised.value.operation_name == "PutItem"
    assert fake.table_items("users") == []


def test_a_malformed_wire_seed_item_is_refused_as_botocore_refuses_it(
    fake: FakeDynamoDBClient,
) -> None:
    with pytest.raises(ParamValidationError):
        fake.seed({"users": [{"pk": {"S": 1}}]}, wire=True)


def test_seeding_a_missing_table_is_resource_not_found(fake: FakeDynamoDBClient) -> None:
    with pytest.raises(fake.exceptions.ResourceNotFoundException):
        fake.seed({"missing": [{"pk": "u1"}]})


def test_seeding_is_not_recorded_and_ignores_faults(fake: FakeDynamoDBClient) -> None:
    fake.faults.fail("ThrottlingException", times=None)
    fake.seed({"users": [{"pk": "u1"}]})
    assert not fake.calls.called
    assert fake.table_items("users") == [{"pk": "u1"}]


def test_items_come_back_in_key_order(fake: FakeDynamoDBClient) -> None:
    fake.seed(
        {
            "orders": [
                {"customer": "b", "placed": 10},
                {"customer": "a", "placed": 9},
                {"customer": "b", "placed": 2},
                {"customer": "a", "placed": -1},
            ]
        }
    )
    keys = [(item["customer"], item["placed"]) for item in fake.table_items("orders")]
    assert keys == [("a", -1), ("a", 9), ("b", 2), ("b", 10)]


def test_items_come_back_as_boto3s_deserializer_gives_them(fake: FakeDynamoDBClient) -> None:
    fake.seed({"users": [{"pk": "u1", "blob": b"x", "nums": {1, 2}}]})
    assert fake.table_items("users") == [
        {"pk": "u1", "blob": Binary(b"x"), "nums": {Decimal(1), Decimal(2)}}
    ]
    assert fake.table_items("users", wire=True) == [
        {"pk": {"S": "u1"}, "blob": {"B": b"x"}, "nums": {"NS": ["1", "2"]}}
    ]


def test_reading_a_missing_table_is_resource_not_found(fake: FakeDynamoDBClient) -> None:
    with pytest.raises(fake.exceptions.ResourceNotFoundException, match="Table: missing"):
        fake.table_items("missing")


def test_reset_forgets_tables_items_faults_and_calls(fake: FakeDynamoDBClient) -> None:
    fake.seed({"users": [{"pk": "u1"}]})
    fake.faults.fail("ThrottlingException", operation="put_item")
    fake.list_tables()
    fake.reset()
    assert fake.list_tables()["TableNames"] == []
    assert fake.faults.rules == ()
    assert fake.calls.call_count == 1


def test_a_snapshot_is_independent_of_later_writes(fake: FakeDynamoDBClient) -> None:
    fake.seed({"users": [{"pk": "u1", "v": 1}], "orders": [{"customer": "c", "placed": 1}]})
    snapshot = fake.snapshot()
    fake.seed({"users": [{"pk": "u1", "v": 2}, {"pk": "u2"}]})
    fake.delete_item(TableName="orders", Key={"customer": {"S": "c"}, "placed": {"N": "1"}})
    fake.delete_table(TableName="users")
    fake.restore(snapshot)
    assert fake.table_items("users") == [{"pk": "u1", "v": 1}]
    assert fake.table_items("orders") == [{"customer": "c", "placed": 1}]


def test_a_snapshot_can_be_restored_again_and_again(fake: FakeDynamoDBClient) -> None:
    fake.seed({"orders": [{"customer": "c", "placed": n} for n in range(3)]})
    snapshot = fake.snapshot()
    for attempt in range(3):
        fake.seed({"orders": [{"customer": "c", "placed": 10 + attempt}]})
        fake.delete_item(TableName="orders", Key={"customer": {"S": "c"}, "placed": {"N": "0"}})
        fake.restore(snapshot)
        assert [item["placed"] for item in fake.table_items("orders")] == [0, 1, 2]
    assert snapshot.table_names == ("orders", "users")


def test_restore_removes_tables_created_after_the_snapshot(fake: FakeDynamoDBClient) -> None:
    snapshot = fake.snapshot()
    fake.add_tables(extra="pk")
    fake.restore(snapshot)
    assert fake.list_tables()["TableNames"] == ["orders", "users"]


def test_a_snapshot_restores_into_another_fake_of_the_same_account(
    fake: FakeDynamoDBClient,
) -> None:
    fake.seed({"users": [{"pk": "u1"}]})
    other = FakeDynamoDBClient()
    other.restore(fake.snapshot())
    other.seed({"users": [{"pk": "u2"}]})
    assert [item["pk"] for item in other.table_items("users")] == ["u1", "u2"]
    assert [item["pk"] for item in fake.table_items("users")] == ["u1"]


def test_a_snapshot_of_another_account_is_refused(fake: FakeDynamoDBClient) -> None:
    other = FakeDynamoDBClient(region_name="eu-west-1")
    with pytest.raises(ValueError, match=r"^dynantic: this snapshot is of account"):
        other.restore(fake.snapshot())


def test_restore_leaves_faults_and_calls_alone(fake: FakeDynamoDBClient) -> None:
    snapshot = fake.snapshot()
    rule = fake.faults.fail("ThrottlingException", operation="put_item")
    fake.list_tables()
    fake.restore(snapshot)
    assert fake.faults.rules == (rule,)
    assert fake.calls.call_count == 1


def test_state_added_to_the_database_is_snapshotted_restored_and_reset() -> None:
    database = FakeDynamoDBClient().service.database
    database.tokens = {"t1": ["a"]}  # type: ignore[attr-defined]
    saved = snapshot(database)
    database.tokens["t1"].append("b")  # type: ignore[attr-defined]
    restore(database, saved)
    assert database.tokens == {"t1": ["a"]}  # type: ignore[attr-defined]
    reset(database)
    assert not hasattr(database, "tokens")


def test_a_declared_table_name_must_agree_with_its_key() -> None:
    with pytest.raises(ValueError, match=r"^dynantic: table 'users' is declared with TableName"):
        FakeDynamoDBClient().add_tables({"users": {"TableName": "people", "KeySchema": []}})

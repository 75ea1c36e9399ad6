"""ReturnConsumedCapacity and ReturnItemCollectionMetrics on the item operations."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from dynantic.testing import FakeDynamoDBClient

from .conftest import INDEXED, SIMPLE, SORTED, Wire, answer

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import AttributeValueTypeDef

KEY: Wire = {"pk": {"S": "a"}, "sk": {"S": "1"}}


def _sized(size: int) -> Wire:
    """An item of ``size`` bytes in the simple table: "pk" "a" (3), "v" (1) and a string."""
    return {"pk": {"S": "a"}, "v": {"S": "x" * (size - 4)}}


def _capacity(response: object) -> object:
    return answer(response).get("ConsumedCapacity")


@pytest.mark.parametrize(("size", "units"), [(1, 1.0), (1024, 1.0), (1025, 2.0), (5000, 5.0)])
def test_put_item_costs_one_write_unit_per_kilobyte(
    fake: FakeDynamoDBClient, size: int, units: float
) -> None:
    item = _sized(size) if size > 4 else {"pk": {"S": "a"}}
    put = fake.put_item(TableName=SIMPLE, Item=item, ReturnConsumedCapacity="TOTAL")
    assert _capacity(put) == {"TableName": SIMPLE, "CapacityUnits": units}


def test_put_item_over_a_larger_item_costs_the_larger_size(fake: FakeDynamoDBClient) -> None:
    fake.put_item(TableName=SIMPLE, Item=_sized(3000))
    put = fake.put_item(TableName=SIMPLE, Item={"pk": {"S": "a"}}, ReturnConsumedCapacity="TOTAL")
    assert _capacity(put) == {"TableName": SIMPLE, "CapacityUnits": 3.0}


def test_update_item_costs_the_larger_of_the_old_and_new_item(fake: FakeDynamoDBClient) -> None:
    fake.put_item(TableName=SIMPLE, Item=_sized(1500))
    updated = fake.update_item(
        TableName=SIMPLE,
        Key={"pk": {"S": "a"}},
        UpdateExpression="SET w = :w",
        ExpressionAttributeValues={":w": {"S": "y" * 2000}},
        ReturnConsumedCapacity="TOTAL",
    )
    assert _capacity(updated) == {"TableName": SIMPLE, "CapacityUnits": 4.0}
    shrunk = fake.update_item(
        TableName=SIMPLE,
        Key={"pk": {"S": "a"}},
        UpdateExpression="REMOVE v, w",
        ReturnConsumedCapacity="TOTAL",
    )
    assert _capacity(shrunk) == {"TableName": SIMPLE, "CapacityUnits": 4.0}


def test_delete_item_costs_the_deleted_item_and_a_missing_one_the_minimum(
    fake: FakeDynamoDBClient,
) -> None:
    fake.put_item(TableName=SIMPLE, Item=_sized(2500))
    deleted = fake.delete_item(
        TableName=SIMPLE, Key={"pk": {"S": "a"}}, ReturnConsumedCapacity="TOTAL"
    )
    assert _capacity(deleted) == {"TableName": SIMPLE, "CapacityUnits": 3.0}
    again = fake.delete_item(
        TableName=SIMPLE, Key={"pk": {"S": "a"}}, ReturnConsumedCapacity="TOTAL"
    )
    assert _capacity(again) == {"TableName": SIMPLE, "CapacityUnits": 1.0}


@pytest.mark.parametrize(
    ("size", "consistent", "units"),
    [(100, False, 0.5), (100, True, 1.0), (4096, True, 1.0), (4097, True, 2.0), (9000, False, 1.5)],
)
def test_get_item_costs_read_units_per_four_kilobytes(
    fake: FakeDynamoDBClient, size: int, consistent: bool, units: float
) -> None:
    fake.put_item(TableName=SIMPLE, Item=_sized(size))
    got = fake.get_item(
        TableName=SIMPLE,
        Key={"pk": {"S": "a"}},
        ConsistentRead=consistent,
        ProjectionExpression="pk",
        ReturnConsumedCapacity="TOTAL",
    )
    assert _capacity(got) == {"TableName": SIMPLE, "CapacityUnits": units}


def test_get_item_of_a_missing_item_costs_the_minimum(fake: FakeDynamoDBClient) -> None:
    got = fake.get_item(TableName=SIMPLE, Key={"pk": {"S": "a"}}, ReturnConsumedCapacity="INDEXES")
    assert _capacity(got) == {
        "TableName": SIMPLE,
        "CapacityUnits": 0.5,
        "Table": {"CapacityUnits": 0.5},
    }


def test_consumed_capacity_names_the_table_as_the_request_did(fake: FakeDynamoDBClient) -> None:
    arn = "arn:aws:dynamodb:us-east-1:123456789012:table/simple"
    put = fake.put_item(TableName=arn, Item={"pk": {"S": "a"}}, ReturnConsumedCapacity="TOTAL")
    assert _capacity(put) == {"TableName": arn, "CapacityUnits": 1.0}


def test_return_consumed_capacity_none_returns_none(fake: FakeDynamoDBClient) -> None:
    put = fake.put_item(TableName=SIMPLE, Item={"pk": {"S": "a"}}, ReturnConsumedCapacity="NONE")
    assert answer(put) == {}


# ---------------------------------------------------------------- indexes


def _indexed_item(**attributes: AttributeValueTypeDef) -> Wire:
    return {**KEY, **attributes}


def test_put_item_with_indexes_charges_each_index_it_enters(fake: FakeDynamoDBClient) -> None:
    put = fake.put_item(
        TableName=INDEXED,
        Item=_indexed_item(g={"S": "x"}, gs={"N": "1"}, l={"N": "2"}),
        ReturnConsumedCapacity="INDEXES",
    )
    assert _capacity(put) == {
        "TableName": INDEXED,
        "CapacityUnits": 4.0,
        "Table": {"CapacityUnits": 1.0},
        "GlobalSecondaryIndexes": {
            "by-g": {"CapacityUnits": 1.0},
            "by-g-include": {"CapacityUnits": 1.0},
        },
        "LocalSecondaryIndexes": {"by-l": {"CapacityUnits": 1.0}},
    }


def test_total_capacity_includes_the_index_writes(fake: FakeDynamoDBClient) -> None:
    put = fake.put_item(
        TableName=INDEXED, Item=_indexed_item(g={"S": "x"}), ReturnConsumedCapacity="TOTAL"
    )
    assert _capacity(put) == {"TableName": INDEXED, "CapacityUnits": 2.0}


def test_an_item_outside_every_index_costs_the_table_alone(fake: FakeDynamoDBClient) -> None:
    put = fake.put_item(
        TableName=INDEXED, Item=_indexed_item(other={"S": "x"}), ReturnConsumedCapacity="INDEXES"
    )
    assert _capacity(put) == {
        "TableName": INDEXED,
        "CapacityUnits": 1.0,
        "Table": {"CapacityUnits": 1.0},
    }


def test_an_identical_overwrite_costs_no_index_write(fake: FakeDynamoDBClient) -> None:
    item = _indexed_item(g={"S": "x"}, gs={"N": "1"}, l={"N": "2"}, extra={"S": "e"})
    fake.put_item(TableName=INDEXED, Item=item)
    put = fake.put_item(TableName=INDEXED, Item=item, ReturnConsumedCapacity="INDEXES")
    assert _capacity(put) == {
        "TableName": INDEXED,
        "CapacityUnits": 1.0,
        "Table": {"CapacityUnits": 1.0},
    }


def test_changing_an_attribute_an_index_does_not_project_costs_that_index_nothing(
    fake: FakeDynamoDBClient,
) -> None:
    fake.put_item(TableName=INDEXED, Item=_indexed_item(g={"S": "x"}, gs={"N": "1"}))
    updated = fake.update_item(
        TableName=INDEXED,
        Key=KEY,
        UpdateExpression="SET extra = :e, note = :e",
        ExpressionAttributeValues={":e": {"S": "e"}},
        ReturnConsumedCapacity="INDEXES",
    )
    # by-g holds keys only; by-g-include holds "extra", so its entry is rewritten.
    assert _capacity(updated) == {
        "TableName": INDEXED,
        "CapacityUnits": 2.0,
        "Table": {"CapacityUnits": 1.0},
        "GlobalSecondaryIndexes": {"by-g-include": {"CapacityUnits": 1.0}},
    }


def test_moving_an_index_key_costs_two_writes_and_removing_it_one(
    fake: FakeDynamoDBClient,
) -> None:
    fake.put_item(TableName=INDEXED, Item=_indexed_item(g={"S": "x"}, gs={"N": "1"}))
    moved = fake.update_item(
        TableName=INDEXED,
        Key=KEY,
        UpdateExpression="SET gs = :two",
        ExpressionAttributeValues={":two": {"N": "2"}},
        ReturnConsumedCapacity="INDEXES",
    )
    assert _capacity(moved) == {
        "TableName": INDEXED,
        "CapacityUnits": 3.0,
        "Table": {"CapacityUnits": 1.0},
        "GlobalSecondaryIndexes": {"by-g": {"CapacityUnits": 2.0}},
    }
    removed = fake.update_item(
        TableName=INDEXED, Key=KEY, UpdateExpression="REMOVE g", ReturnConsumedCapacity="INDEXES"
    )
    assert _capacity(removed) == {
        "TableName": INDEXED,
        "CapacityUnits": 3.0,
        "Table": {"CapacityUnits": 1.0},
        "GlobalSecondaryIndexes": {
            "by-g": {"CapacityUnits": 1.0},
            "by-g-include": {"CapacityUnits": 1.0},
        },
    }


def test_index_writes_are_charged_by_the_size_of_the_index_entry(
    fake: FakeDynamoDBClient,
) -> None:
    put = fake.put_item(
        TableName=INDEXED,
        Item=_indexed_item(g={"S": "x"}, extra={"S": "e" * 1500}, other={"S": "o" * 3000}),
        ReturnConsumedCapacity="INDEXES",
    )
    assert _capacity(put) == {
        "TableName": INDEXED,
        "CapacityUnits": 7.0,
        "Table": {"CapacityUnits": 5.0},
        "GlobalSecondaryIndexes": {"by-g-include": {"CapacityUnits": 2.0}},
    }


def test_delete_item_charges_each_index_the_item_was_in(fake: FakeDynamoDBClient) -> None:
    fake.put_item(TableName=INDEXED, Item=_indexed_item(l={"N": "2"}))
    deleted = fake.delete_item(TableName=INDEXED, Key=KEY, ReturnConsumedCapacity="INDEXES")
    assert _capacity(deleted) == {
        "TableName": INDEXED,
        "CapacityUnits": 2.0,
        "Table": {"CapacityUnits": 1.0},
        "LocalSecondaryIndexes": {"by-l": {"CapacityUnits": 1.0}},
    }


# ---------------------------------------------------------------- item collections


def test_item_collection_metrics_report_the_partition_key_and_size_range(
    fake: FakeDynamoDBClient,
) -> None:
    put = fake.put_item(
        TableName=INDEXED, Item=_indexed_item(l={"N": "1"}), ReturnItemCollectionMetrics="SIZE"
    )
    assert answer(put) == {
        "ItemCollectionMetrics": {
            "ItemCollectionKey": {"pk": {"S": "a"}},
            "SizeEstimateRangeGB": [0.0, 1.0],
        }
    }


@pytest.mark.parametrize("operation", ["put", "update", "delete"])
def test_item_collection_metrics_come_with_every_write_to_a_table_with_local_indexes(
    fake: FakeDynamoDBClient, operation: str
) -> None:
    if operation == "put":
        response = fake.put_item(TableName=INDEXED, Item=KEY, ReturnItemCollectionMetrics="SIZE")
    elif operation == "update":
        response = fake.update_item(
            TableName=INDEXED,
            Key=KEY,
            UpdateExpression="REMOVE v",
            ReturnItemCollectionMetrics="SIZE",
        )
    else:
        response = fake.delete_item(TableName=INDEXED, Key=KEY, ReturnItemCollectionMetrics="SIZE")
    assert answer(response)["ItemCollectionMetrics"] == {
        "ItemCollectionKey": {"pk": {"S": "a"}},
        "SizeEstimateRangeGB": [0.0, 1.0],
    }


@pytest.mark.parametrize("table", [SIMPLE, SORTED])
def test_item_collection_metrics_are_absent_without_local_indexes(
    fake: FakeDynamoDBClient, table: str
) -> None:
    item: Wire = {"pk": {"S": "a"}, "sk": {"N": "1"}} if table == SORTED else {"pk": {"S": "a"}}
    put = fake.put_item(TableName=table, Item=item, ReturnItemCollectionMetrics="SIZE")
    assert answer(put) == {}

"""ReturnConsumedCapacity: read and write units computed from item sizes."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from .backends import DYNALITE, MOTO
from .markers import known_divergence, unsupported
from .support import Backend, without_volatile

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import AttributeValueTypeDef


def _item(size: int) -> dict[str, AttributeValueTypeDef]:
    """An item of ``size`` bytes by the service's formula: "pk" "a" "v" and the value."""
    return {"pk": {"S": "a"}, "v": {"S": "x" * (size - 4)}}


@known_divergence(
    MOTO,
    "charges one write unit whatever the item size",
    service="AWS DynamoDB developer guide, 'Read/write capacity mode': 1 WCU per 1 KB written",
    when=lambda case: int(str(case["size"])) > 1024,
)
@pytest.mark.parametrize(("size", "units"), [(100, 1.0), (1024, 1.0), (1025, 2.0), (5000, 5.0)])
def test_put_costs_one_write_unit_per_kilobyte(dynamodb: Backend, size: int, units: float) -> None:
    table = dynamodb.key_table()
    put = dynamodb.client.put_item(
        TableName=table, Item=_item(size), ReturnConsumedCapacity="TOTAL"
    )
    assert without_volatile(put) == {
        "ConsumedCapacity": {"TableName": table, "CapacityUnits": units}
    }


@known_divergence(
    MOTO,
    "hard-codes capacity units instead of rounding item sizes",
    service="AWS DynamoDB developer guide, 'Read/write capacity mode': 1 WCU per 1 KB written, "
    "1 RCU per 4 KB read strongly consistent, half that eventually consistent",
)
def test_put_over_a_larger_item_costs_the_larger_size(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    dynamodb.put_items(table, _item(3000))
    put = dynamodb.client.put_item(
        TableName=table, Item={"pk": {"S": "a"}}, ReturnConsumedCapacity="TOTAL"
    )
    assert put.get("ConsumedCapacity", {}).get("CapacityUnits") == 3.0


@known_divergence(
    MOTO,
    "charges half a read unit whatever the item size and consistency",
    service="AWS DynamoDB developer guide, 'Read/write capacity mode': 1 RCU per 4 KB read "
    "strongly consistent, half that eventually consistent",
    when=lambda case: case["units"] != 0.5,
)
@pytest.mark.parametrize(
    ("size", "consistent", "units"),
    [(100, False, 0.5), (100, True, 1.0), (4096, True, 1.0), (4097, True, 2.0), (9000, False, 1.5)],
)
def test_get_costs_read_units_per_four_kilobytes(
    dynamodb: Backend, size: int, consistent: bool, units: float
) -> None:
    table = dynamodb.key_table()
    dynamodb.put_items(table, _item(size))
    got = dynamodb.client.get_item(
        TableName=table,
        Key={"pk": {"S": "a"}},
        ConsistentRead=consistent,
        ReturnConsumedCapacity="TOTAL",
    )
    assert got.get("ConsumedCapacity") == {"TableName": table, "CapacityUnits": units}


def test_reading_a_missing_item_costs_the_minimum(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    got = dynamodb.client.get_item(
        TableName=table, Key={"pk": {"S": "a"}}, ReturnConsumedCapacity="TOTAL"
    )
    assert without_volatile(got) == {"ConsumedCapacity": {"TableName": table, "CapacityUnits": 0.5}}


@known_divergence(
    MOTO,
    "hard-codes capacity units instead of rounding item sizes",
    service="AWS DynamoDB developer guide, 'Read/write capacity mode': 1 WCU per 1 KB written, "
    "1 RCU per 4 KB read strongly consistent, half that eventually consistent",
)
def test_query_sums_item_sizes_before_rounding(dynamodb: Backend) -> None:
    table = dynamodb.key_table(sort=("sk", "N"))
    for sk in range(3):
        dynamodb.put_items(table, {"pk": {"S": "a"}, "sk": {"N": str(sk)}, "v": {"S": "x" * 2000}})
    found = dynamodb.client.query(
        TableName=table,
        KeyConditionExpression="pk = :a",
        ExpressionAttributeValues={":a": {"S": "a"}},
        ConsistentRead=True,
        ReturnConsumedCapacity="TOTAL",
    )
    assert found.get("ConsumedCapacity") == {"TableName": table, "CapacityUnits": 2.0}


def test_indexes_mode_reports_the_table_share(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    put = dynamodb.client.put_item(
        TableName=table, Item={"pk": {"S": "a"}}, ReturnConsumedCapacity="INDEXES"
    )
    assert put.get("ConsumedCapacity") == {
        "TableName": table,
        "CapacityUnits": 1.0,
        "Table": {"CapacityUnits": 1.0},
    }


@known_divergence(
    MOTO,
    "hard-codes capacity units instead of rounding item sizes",
    service="AWS DynamoDB developer guide, 'Read/write capacity mode': 1 WCU per 1 KB written, "
    "1 RCU per 4 KB read strongly consistent, half that eventually consistent",
)
def test_batch_write_reports_capacity_per_table(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    written = dynamodb.client.batch_write_item(
        RequestItems={
            table: [
                {"PutRequest": {"Item": _item(100)}},
                {"PutRequest": {"Item": {"pk": {"S": "b"}, "v": {"S": "x" * 1500}}}},
            ]
        },
        ReturnConsumedCapacity="TOTAL",
    )
    assert written.get("ConsumedCapacity") == [{"TableName": table, "CapacityUnits": 3.0}]


@known_divergence(
    MOTO,
    "returns no consumed capacity for transactions",
    service="AWS DynamoDB developer guide, 'Capacity unit consumption for transactions': two "
    "underlying reads or writes per item",
)
@unsupported(DYNALITE, "transactions")
def test_transactions_cost_twice(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    written = dynamodb.client.transact_write_items(
        TransactItems=[{"Put": {"TableName": table, "Item": _item(100)}}],
        ReturnConsumedCapacity="TOTAL",
    )
    assert written.get("ConsumedCapacity") == [
        {"TableName": table, "CapacityUnits": 2.0, "WriteCapacityUnits": 2.0}
    ]

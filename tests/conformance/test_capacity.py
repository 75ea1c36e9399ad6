"""ReturnConsumedCapacity: read and write units computed from item sizes."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.table_shapes import pk_sk_table

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


# Items whose size the service's formula gives exactly, one per rule: attribute
# names count their UTF-8 bytes, numbers about a byte per two significant digits
# plus one (a negative one more), maps and lists 3 bytes plus 1 per element,
# BOOL and NULL 1 byte, sets the sum of their members.
_SIZED_ITEMS: dict[str, tuple[dict[str, AttributeValueTypeDef], int]] = {
    # "pk" + "a"; "n" + 4 (five digits); "neg" + 6 (seven digits, negative); "e" + 4:
    # digits pair up around the decimal point, so "123.4" needs three pairs
    "numbers": (
        {
            "pk": {"S": "a"},
            "n": {"N": "123.45"},
            "neg": {"N": "-1234567"},
            "e": {"N": "123.4"},
        },
        22,
    ),
    # "m" + 3 + (1 + "k" + BOOL) + (1 + "l" + 3 + (1 + NULL) + (1 + "xy"))
    "containers": (
        {
            "pk": {"S": "a"},
            "m": {"M": {"k": {"BOOL": True}, "l": {"L": [{"NULL": True}, {"S": "xy"}]}}},
        },
        20,
    ),
    # "ss" + "ab" + "c", "bs" + 2 bytes, "ns" + 2 ("1") + 3 ("-10", one digit, negative)
    "sets": (
        {
            "pk": {"S": "a"},
            "ss": {"SS": ["ab", "c"]},
            "bs": {"BS": [b"\x00\x01"]},
            "ns": {"NS": ["1", "-10"]},
        },
        19,
    ),
    # a 255-character attribute name holding an empty string
    "long name": ({"pk": {"S": "a"}, "n" * 255: {"S": ""}}, 258),
}


@known_divergence(
    MOTO,
    "charges one write unit whatever the item size",
    service="AWS DynamoDB developer guide, 'Read/write capacity mode': 1 WCU per 1 KB written",
    when=lambda case: case["extra"] == 1,
)
@pytest.mark.parametrize("extra", [0, 1])
@pytest.mark.parametrize("shape", list(_SIZED_ITEMS))
def test_item_size_counts_names_numbers_containers_and_sets(
    dynamodb: Backend, shape: str, extra: int
) -> None:
    """Padded to exactly 1,024 bytes the item costs one write unit; a byte more, two."""
    item, size = _SIZED_ITEMS[shape]
    padded = {**item, "pad": {"S": "x" * (1024 + extra - size - len("pad"))}}
    table = dynamodb.key_table()
    put = dynamodb.client.put_item(TableName=table, Item=padded, ReturnConsumedCapacity="TOTAL")
    assert put.get("ConsumedCapacity") == {"TableName": table, "CapacityUnits": 1.0 + extra}


@known_divergence(
    DYNALITE,
    "ignores ConsistentRead on Scan and charges an eventually consistent read",
    service="AWS DynamoDB API reference, Scan: ConsistentRead true makes the scan strongly "
    "consistent; developer guide, 'Read/write capacity mode': 1 RCU per 4 KB read strongly "
    "consistent, half that eventually consistent",
    when=lambda case: case["consistent"] is True,
)
@known_divergence(
    MOTO,
    "hard-codes capacity units instead of rounding item sizes",
    service="AWS DynamoDB developer guide, 'Read/write capacity mode': 1 RCU per 4 KB read "
    "strongly consistent, half that eventually consistent",
    when=lambda case: case["consistent"] is True,
)
@pytest.mark.parametrize(("consistent", "units"), [(False, 1.0), (True, 2.0)])
def test_scan_costs_by_its_read_consistency(
    dynamodb: Backend, consistent: bool, units: float
) -> None:
    table = dynamodb.key_table()
    dynamodb.put_items(table, _item(3000), {"pk": {"S": "b"}, "v": {"S": "x" * 3000}})
    scanned = dynamodb.client.scan(
        TableName=table, ConsistentRead=consistent, ReturnConsumedCapacity="TOTAL"
    )
    assert scanned.get("ConsumedCapacity") == {"TableName": table, "CapacityUnits": units}


def _local_index_table(dynamodb: Backend) -> str:
    """Keys pk/sk (S); local index by-l on l (S), keys only."""
    name = dynamodb.table_name()
    dynamodb.create_table(
        **pk_sk_table(name, {"l": "S"}, local_indexes=[("by-l", ("pk", "l"), "KEYS_ONLY")])
    )
    return name


@known_divergence(
    MOTO,
    "reports no Table share and no index share for a local index query",
    service="AWS DynamoDB API reference, ConsumedCapacity: with INDEXES, the units consumed "
    "on the table and on each index the operation accessed",
)
def test_a_local_index_query_that_finds_nothing_reads_nothing_from_the_table(
    dynamodb: Backend,
) -> None:
    """Asking for attributes the index does not project makes DynamoDB fetch them from
    the table for each entry found: with no entry, the table share is nothing."""
    table = _local_index_table(dynamodb)
    found = dynamodb.client.query(
        TableName=table,
        IndexName="by-l",
        KeyConditionExpression="pk = :a",
        ExpressionAttributeValues={":a": {"S": "a"}},
        Select="ALL_ATTRIBUTES",
        ReturnConsumedCapacity="INDEXES",
    )
    capacity = found.get("ConsumedCapacity", {})
    index_units = capacity.get("LocalSecondaryIndexes", {}).get("by-l", {}).get("CapacityUnits")
    assert capacity.get("Table") == {"CapacityUnits": 0.0}
    assert capacity.get("CapacityUnits") == index_units

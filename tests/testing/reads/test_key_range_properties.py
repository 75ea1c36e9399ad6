"""Sort-key conditions on multi-attribute index keys, compared with a brute-force model."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, TypeVar

from hypothesis import given, settings
from hypothesis import strategies as st

from dynantic.testing import FakeDynamoDBClient
from dynantic.testing.engine.partitions import tie_token

from .conftest import create_table, key_schema

if TYPE_CHECKING:
    from collections.abc import Callable

    from mypy_boto3_dynamodb.type_defs import AttributeValueTypeDef

Scalar = TypeVar("Scalar", int, str)
Row = tuple[str, int, str]  # table key, then the index sort attributes a (N) and b (S)

rows_strategy = st.lists(
    st.tuples(
        st.text("pq", min_size=1, max_size=3),
        st.integers(-3, 3),
        st.text("xyz", min_size=1, max_size=3),
    ),
    max_size=30,
    unique_by=lambda row: row[0],
)
operators = st.sampled_from(["=", "<", "<=", ">", ">=", "BETWEEN", "begins_with"])


def _holds(operator: str, value: Scalar, low: Scalar, high: Scalar) -> bool:
    if operator == "begins_with":
        return isinstance(value, str) and isinstance(low, str) and value.startswith(low)
    tests: dict[str, Callable[[], bool]] = {
        "=": lambda: value == low,
        "<": lambda: value < low,
        "<=": lambda: value <= low,
        ">": lambda: value > low,
        ">=": lambda: value >= low,
        "BETWEEN": lambda: low <= value <= high,
    }
    return tests[operator]()


def _clause(name: str, operator: str) -> str:
    if operator == "BETWEEN":
        return f"{name} BETWEEN :lo AND :hi"
    if operator == "begins_with":
        return f"begins_with({name}, :lo)"
    return f"{name} {operator} :lo"


@settings(max_examples=150, deadline=None)
@given(
    rows_strategy,
    st.sampled_from(["none", "a", "a=b"]),
    operators,
    st.integers(-3, 3),
    st.integers(-3, 3),
    st.text("xyz", max_size=2),
    st.text("xyz", max_size=2),
    st.booleans(),
)
def test_index_key_conditions_select_what_the_model_selects(  # noqa: PLR0917 - hypothesis draws
    rows: list[Row],
    shape: str,
    operator: str,
    a_low: int,
    a_high: int,
    b_low: str,
    b_high: str,
    forward: bool,
) -> None:
    if operator == "begins_with" and shape == "a":
        operator = "="  # begins_with needs a string; a is a number
    fake = FakeDynamoDBClient(record_calls=False)
    create_table(
        fake,
        "things",
        types={"pk": "S", "h": "S", "a": "N", "b": "S"},
        global_indexes=[
            {
                "IndexName": "gsi",
                "KeySchema": key_schema(["h"], ["a", "b"]),
                "Projection": {"ProjectionType": "KEYS_ONLY"},
            }
        ],
    )
    for pk, a, b in rows:
        fake.put_item(
            TableName="things",
            Item={"pk": {"S": pk}, "h": {"S": "h"}, "a": {"N": str(a)}, "b": {"S": b}},
        )
    condition = "h = :h"
    values: dict[str, AttributeValueTypeDef] = {":h": {"S": "h"}}
    selected = rows
    if shape == "a":
        low, high = min(a_low, a_high), max(a_low, a_high)
        condition += " AND " + _clause("a", operator)
        values[":lo"] = {"N": str(low)}
        if operator == "BETWEEN":
            values[":hi"] = {"N": str(high)}
        selected = [row for row in rows if _holds(operator, row[1], low, high)]
    elif shape == "a=b":
        if operator != "begins_with" and not b_low:
            b_low = "x"
        low_s, high_s = sorted([b_low, b_high or "z"])
        condition += " AND a = :a AND " + _clause("b", operator)
        values[":a"] = {"N": str(a_low)}
        values[":lo"] = {"S": low_s if operator != "begins_with" else b_low}
        if operator == "BETWEEN":
            values[":hi"] = {"S": high_s}
        if operator == "begins_with" and not b_low:
            values[":lo"] = {"S": "x"}
        prefix = values[":lo"].get("S", "")
        selected = [
            row for row in rows if row[1] == a_low and _holds(operator, row[2], prefix, high_s)
        ]
    found = fake.query(
        TableName="things",
        IndexName="gsi",
        KeyConditionExpression=condition,
        ExpressionAttributeValues=values,
        ScanIndexForward=forward,
    )
    # Entries with the same index key follow the digest of the table key.
    expected = [
        row[0]
        for row in sorted(
            selected, key=lambda row: (Decimal(row[1]), row[2], tie_token((row[0],)), row[0])
        )
    ]
    got = [item["pk"].get("S", "") for item in found["Items"]]
    assert got == (expected if forward else expected[::-1])

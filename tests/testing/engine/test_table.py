"""The table store and its secondary indexes under random writes."""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dynantic.testing.engine.definition import IndexDefinition, Projection, TableDefinition
from dynantic.testing.engine.partitions import TOKEN_SPACE, Top, _number_bytes, partition_token
from dynantic.testing.engine.table import KeyAttribute, KeySchema, Table
from dynantic.testing.engine.values import AttributeValue, Item


def make_table(*, sort: bool) -> Table:
    schema = KeySchema(
        partition=(KeyAttribute("pk", "S"),),
        sort=(KeyAttribute("sk", "N"),) if sort else (),
    )
    definition = TableDefinition(
        name="t",
        key_schema=schema,
        attribute_types={"pk": "S", "sk": "N", "g": "S", "h": "N"},
        arn="arn:aws:dynamodb:us-east-1:123456789012:table/t",
        table_id="id",
        created=datetime.now(tz=timezone.utc),
    )
    table = Table(definition)
    table.add_index(
        IndexDefinition(
            name="by_g",
            key_schema=KeySchema(
                partition=(KeyAttribute("g", "S"),), sort=(KeyAttribute("h", "N"),)
            ),
            projection=Projection("KEYS_ONLY"),
            is_global=True,
            arn="arn:index",
        )
    )
    return table


def item(pk: str, sk: int, g: str | None, h: int | None) -> Item:
    result: dict[str, AttributeValue] = {"pk": pk, "sk": Decimal(sk)}
    if g is not None:
        result["g"] = g
    if h is not None:
        result["h"] = Decimal(h)
    return result


writes = st.lists(
    st.tuples(
        st.booleans(),
        st.sampled_from(["a", "b", "c", "é", "Z"]),
        st.integers(-3, 3),
        st.none() | st.sampled_from(["x", "y"]),
        st.none() | st.integers(0, 2),
    ),
    max_size=60,
)


@settings(max_examples=150, deadline=None)
@given(writes, st.booleans())
def test_random_writes_keep_table_and_index_invariants(
    operations: list[tuple[bool, str, int, str | None, int | None]], sorted_table: bool
) -> None:
    table = make_table(sort=sorted_table)
    model: dict[tuple[str, int], Item] = {}
    for is_put, pk, sk, g, h in operations:
        key_sk = sk if sorted_table else 0
        if is_put:
            new = item(pk, key_sk, g, h)
            if not sorted_table:
                del new["sk"]
            old, _size = table.put(new)
            assert old == model.get((pk, key_sk))
            model[(pk, key_sk)] = new
        else:
            old = table.delete(pk, Decimal(key_sk) if sorted_table else None)
            assert old == model.pop((pk, key_sk), None)
        table.check_invariants()
    assert table.item_count == len(model)
    index = table.indexes["by_g"]
    assert index.item_count == sum(1 for i in model.values() if "g" in i and "h" in i)


def test_a_back_fill_leaves_out_items_the_index_cannot_hold_until_their_key_is_fixed() -> None:
    table = make_table(sort=False)
    table.drop_index("by_g")
    table.put({"pk": "fine", "g": "x", "h": Decimal(1)})
    table.put({"pk": "number", "g": Decimal(5), "h": Decimal(1)})
    table.put({"pk": "empty", "g": "", "h": Decimal(1)})
    table.put({"pk": "long", "g": "é" * 1025, "h": Decimal(1)})
    definition = make_table(sort=False).indexes["by_g"].definition
    index = table.add_index(definition)
    assert [i["pk"] for i in index.items()] == ["fine"]
    table.put({"pk": "number", "g": Decimal(5), "h": Decimal(1), "other": "changed"})
    table.check_invariants()
    assert index.item_count == 1
    table.put({"pk": "number", "g": "y", "h": Decimal(1)})
    table.check_invariants()
    assert sorted(str(i["pk"]) for i in index.items()) == ["fine", "number"]


def test_sort_keys_order_strings_by_utf8_bytes_and_numbers_numerically() -> None:
    table = make_table(sort=True)
    for sk in ["10", "-2", "3", "2.5", "-10.5"]:
        table.put({"pk": "p", "sk": Decimal(sk)})
    partition = table.partition("p")
    assert partition is not None
    assert list(partition.keys()) == [
        Decimal("-10.5"),
        Decimal(-2),
        Decimal("2.5"),
        Decimal(3),
        Decimal(10),
    ]
    # Code-point order is UTF-8 byte order: "Z" < "a" < "é" < "😀".
    assert sorted(["a", "é", "Z", "😀"]) == sorted(
        ["a", "é", "Z", "😀"], key=lambda s: s.encode("utf-8")
    )


def test_scan_order_follows_partition_tokens() -> None:
    table = make_table(sort=False)
    for pk in ["a", "b", "c", "d", "e"]:
        table.put({"pk": pk})
    scanned = [row["pk"] for row in table.items()]
    assert scanned == sorted(scanned, key=lambda pk: partition_token(str(pk)))


def test_partition_tokens_are_stable_and_in_the_token_space() -> None:
    assert partition_token("a") == partition_token("a")
    assert 0 <= partition_token(("a", Decimal(1))) < TOKEN_SPACE


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        # The service's internal form is base-100 digits behind an exponent byte:
        # the layout of Oracle's NUMBER, whose encodings of these are well known.
        ("0", "80"),
        ("1", "c102"),
        ("-1", "3e6466"),
        ("100", "c202"),
        ("1E+2", "c202"),
        ("0.5", "c033"),
        ("123.456", "c202182e3d"),
        ("-123.456", "3d644e382966"),
        ("10E-1", "c102"),
        ("9" * 38, "d3" + "64" * 19),
        ("-" + "9" * 38, "2c" + "02" * 19 + "66"),  # 19 digit bytes: still the terminator
        ("-" + "9" * 38 + "00", "2b" + "02" * 19 + "66"),
    ],
)
def test_numbers_are_hashed_in_the_services_byte_form(number: str, expected: str) -> None:
    assert _number_bytes(Decimal(number)).hex() == expected


def test_a_negative_number_of_twenty_digit_bytes_has_no_terminator() -> None:
    assert _number_bytes(Decimal("-1" + "1" * 39)).hex() == "2b" + "5a" * 20


def test_top_sorts_after_every_key_value() -> None:
    def key(*parts: str | Top) -> tuple[str | Top, ...]:
        return parts

    assert key("a", Top()) > key("a", "zzz")
    assert key("a", "zzz", Top()) < key("b")
    assert sorted([("a", Top()), ("a", "b"), ("a",)]) == [("a",), ("a", "b"), ("a", Top())]

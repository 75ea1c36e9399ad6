"""Walking a partition through a key range, both ways, resuming after a key."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st
from sortedcontainers import SortedDict

from dynantic.testing.engine.partitions import Top
from dynantic.testing.engine.ranges import KeyRange, prefix_successor, walk
from dynantic.testing.engine.values import Item


def partition(keys: list[str]) -> SortedDict[str, Item]:
    rows: SortedDict[str, Item] = SortedDict()
    for key in keys:
        rows[key] = {"sk": key}
    return rows


def test_walk_between_bounds_forwards_and_backwards() -> None:
    rows = partition(["a", "b", "c", "d"])
    key_range = KeyRange(lower="b", upper="c")
    assert [k for k, _ in walk(rows, key_range)] == ["b", "c"]
    assert [k for k, _ in walk(rows, key_range, forward=False)] == ["c", "b"]


def test_walk_resumes_strictly_after_the_start_key() -> None:
    rows = partition(["a", "b", "c", "d"])
    assert [k for k, _ in walk(rows, KeyRange(), after="b")] == ["c", "d"]
    assert [k for k, _ in walk(rows, KeyRange(), forward=False, after="c")] == ["b", "a"]


def test_exclusive_bounds() -> None:
    rows = partition(["a", "b", "c"])
    key_range = KeyRange(lower="a", upper="c", lower_inclusive=False, upper_inclusive=False)
    assert [k for k, _ in walk(rows, key_range)] == ["b"]


@given(st.text(max_size=4), st.lists(st.text(max_size=5), max_size=30))
def test_begins_with_is_the_range_up_to_the_prefix_successor(prefix: str, keys: list[str]) -> None:
    rows = partition(keys)
    successor = prefix_successor(prefix)
    assert successor is None or isinstance(successor, str)
    key_range = KeyRange(lower=prefix, upper=successor, upper_inclusive=False)
    expected = sorted({k for k in keys if k.startswith(prefix)})
    assert [k for k, _ in walk(rows, key_range)] == expected
    assert [k for k, _ in walk(rows, key_range, forward=False)] == expected[::-1]


@given(st.binary(max_size=3), st.lists(st.binary(max_size=4), max_size=30))
def test_begins_with_on_binary_keys(prefix: bytes, keys: list[bytes]) -> None:
    rows: SortedDict[bytes, Item] = SortedDict()
    for key in keys:
        rows[key] = {"sk": key}
    successor = prefix_successor(prefix)
    assert successor is None or isinstance(successor, bytes)
    key_range = KeyRange(lower=prefix, upper=successor, upper_inclusive=False)
    assert [k for k, _ in walk(rows, key_range)] == sorted(
        {k for k in keys if k.startswith(prefix)}
    )


def test_tuple_order_keys_close_with_top() -> None:
    rows: SortedDict[tuple[object, ...], Item] = SortedDict()
    for sk in ["1", "2", "3"]:
        for tk in ["x", "y"]:
            rows[(Decimal(sk), tk)] = {}
    # sort value <= 2, whatever the table key that follows it
    key_range: KeyRange[tuple[object, ...]] = KeyRange(upper=(Decimal(2), Top()))
    assert [k for k, _ in walk(rows, key_range)] == [
        (Decimal(1), "x"),
        (Decimal(1), "y"),
        (Decimal(2), "x"),
        (Decimal(2), "y"),
    ]

"""Evaluating conditions and filters over an item."""

from __future__ import annotations

import copy
from decimal import Decimal

import pytest

from dynantic.testing.engine.values import AttributeValue, BinarySet, Item, NumberSet, StringSet
from dynantic.testing.expressions import ExpressionAttributes
from dynantic.testing.expressions.evaluate import size_of

ITEM: Item = {
    "pk": "k",
    "n": Decimal(5),
    "s": "hello",
    "b": b"\x01\x02\x03",
    "t": True,
    "nul": None,
    "l": [Decimal(1), "two", {"x": Decimal(3)}],
    "m": {"x": "y", "deep": {"z": Decimal(7)}, "nums": [Decimal(1), Decimal(2)]},
    "ss": StringSet(["a", "b"]),
    "ns": NumberSet([Decimal(1), Decimal(2)]),
    "bs": BinarySet([b"a"]),
    "ñ": "x",
}


def holds(
    text: str,
    values: dict[str, AttributeValue] | None = None,
    names: dict[str, str] | None = None,
    item: Item | None = ITEM,
) -> bool:
    return ExpressionAttributes(names, values).bind_condition(text).evaluate(item)


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    [
        ("n = :v", Decimal(5), True),
        ("n = :v", Decimal("5.0"), True),
        ("n = :v", "5", False),
        ("n <> :v", "5", True),
        ("n < :v", Decimal(6), True),
        ("n <= :v", Decimal(5), True),
        ("n > :v", Decimal(5), False),
        ("n >= :v", Decimal(5), True),
        ("s < :v", "help", True),
        ("s > :v", Decimal(1), False),
        ("b < :v", b"\x01\x03", True),
        ("b > :v", b"\x01", True),
    ],
)
def test_comparisons_order_numbers_strings_and_binaries(
    text: str, value: AttributeValue, expected: bool
) -> None:
    assert holds(text, {":v": value}) is expected


def test_strings_order_by_utf8_bytes() -> None:
    assert holds(":a < :b", {":a": "z", ":b": "é"})
    assert holds(":a < :b", {":a": "\uffff", ":b": "\U0001f600"})


def test_binaries_order_as_unsigned_bytes() -> None:
    assert holds(":a < :b", {":a": b"\x7f", ":b": b"\x80"})


def test_values_of_different_types_are_neither_equal_nor_ordered() -> None:
    assert not holds("n = :v", {":v": "5"})
    assert not holds("n < :v", {":v": "9"})
    assert not holds("n >= :v", {":v": "0"})


def test_a_missing_attribute_fails_every_comparison_but_not_equal() -> None:
    assert not holds("nope = :v", {":v": Decimal(1)})
    assert not holds("nope < :v", {":v": Decimal(1)})
    assert holds("nope <> :v", {":v": Decimal(1)})


def test_a_missing_item_behaves_as_an_empty_one() -> None:
    assert holds("attribute_not_exists(pk)", item=None)
    assert not holds("attribute_exists(pk)", item=None)


def test_maps_lists_and_sets_compare_by_value() -> None:
    assert holds("m = :v", {":v": copy.deepcopy(ITEM["m"])})
    assert holds("l = :v", {":v": [Decimal(1), "two", {"x": Decimal("3.0")}]})
    assert not holds("l = :v", {":v": ["two", Decimal(1), {"x": Decimal(3)}]})
    assert holds("ss = :v", {":v": StringSet(["b", "a"])})
    assert holds("ns <> :v", {":v": NumberSet([Decimal(1)])})


def test_between_includes_its_bounds() -> None:
    assert holds("n BETWEEN :a AND :b", {":a": Decimal(5), ":b": Decimal(5)})
    assert holds("s BETWEEN :a AND :b", {":a": "h", ":b": "i"})
    assert not holds("n BETWEEN :a AND :b", {":a": Decimal(6), ":b": Decimal(9)})
    assert not holds("s BETWEEN :a AND :b", {":a": Decimal(1), ":b": Decimal(9)})
    assert not holds("nope BETWEEN :a AND :b", {":a": Decimal(1), ":b": Decimal(9)})


def test_in_matches_any_candidate_by_value() -> None:
    assert holds("n IN (:a, :b)", {":a": "5", ":b": Decimal(5)})
    assert not holds("n IN (:a)", {":a": "5"})
    assert holds("m.nums IN (:a)", {":a": [Decimal(1), Decimal(2)]})
    assert not holds("nope IN (:a)", {":a": "5"})


def test_attribute_exists_and_not_exists_follow_nested_paths() -> None:
    assert holds("attribute_exists(m.deep.z)")
    assert holds("attribute_exists(l[2].x)")
    assert holds("attribute_not_exists(l[3])")
    assert holds("attribute_not_exists(m.x.y)")
    assert holds("attribute_not_exists(s[0])")
    assert holds("attribute_exists(nul)")


@pytest.mark.parametrize(
    ("path", "code"),
    [
        ("s", "S"),
        ("n", "N"),
        ("b", "B"),
        ("t", "BOOL"),
        ("nul", "NULL"),
        ("l", "L"),
        ("m", "M"),
        ("ss", "SS"),
        ("ns", "NS"),
        ("bs", "BS"),
    ],
)
def test_attribute_type_names_the_dynamodb_type(path: str, code: str) -> None:
    assert holds(f"attribute_type({path}, :t)", {":t": code})
    assert not holds(f"attribute_type({path}, :t)", {":t": "S" if code != "S" else "N"})


def test_begins_with_matches_prefixes_of_strings_and_binaries() -> None:
    assert holds("begins_with(s, :p)", {":p": "he"})
    assert not holds("begins_with(s, :p)", {":p": "lo"})
    assert holds("begins_with(b, :p)", {":p": b"\x01"})
    assert not holds("begins_with(s, :p)", {":p": b"h"})


def test_contains_finds_substrings_set_members_and_list_elements() -> None:
    assert holds("contains(s, :v)", {":v": "ell"})
    assert holds("contains(b, :v)", {":v": b"\x02\x03"})
    assert holds("contains(ss, :v)", {":v": "a"})
    assert holds("contains(ns, :v)", {":v": Decimal("1.0")})
    assert not holds("contains(ns, :v)", {":v": "1"})
    assert holds("contains(bs, :v)", {":v": b"a"})
    assert holds("contains(l, :v)", {":v": "two"})
    assert holds("contains(l, :v)", {":v": {"x": Decimal(3)}})
    assert not holds("contains(n, :v)", {":v": Decimal(5)})
    assert not holds("contains(nope, :v)", {":v": "a"})


@pytest.mark.parametrize(
    ("path", "size"),
    [("s", 5), ("#u", 1), ("b", 3), ("l", 3), ("m", 3), ("ss", 2), ("ns", 2), ("bs", 1)],
)
def test_size_measures_strings_binaries_sets_lists_and_maps(path: str, size: int) -> None:
    names = {"#u": "ñ"} if path == "#u" else None
    assert holds(f"size({path}) = :n", {":n": Decimal(size)}, names)


@pytest.mark.parametrize(
    ("text", "size"), [("", 0), ("abc", 3), ("ñé", 2), ("\U0001f600", 2), ("a\U0001d11eb", 4)]
)
def test_size_of_a_string_counts_utf16_code_units(text: str, size: int) -> None:
    assert size_of(text) == Decimal(size)


def test_size_of_a_number_boolean_null_or_missing_attribute_compares_false() -> None:
    for path in ("n", "t", "nul", "nope"):
        assert not holds(f"size({path}) >= :z", {":z": Decimal(0)})
        assert holds(f"size({path}) <> :z", {":z": Decimal(0)})


def test_not_and_or_combine_with_the_documented_precedence() -> None:
    values: dict[str, AttributeValue] = {":five": Decimal(5), ":x": "x"}
    assert holds("n = :five OR s = :x AND s = :x", values)
    assert not holds("(n = :five OR s = :x) AND s = :x", values)
    assert holds("NOT s = :x", values)
    assert not holds("NOT n = :five OR s = :x", values)
    assert holds("NOT (n = :five AND s = :x)", values)


def test_names_placeholders_resolve_nested_path_elements() -> None:
    assert holds("#m.#i.z = :v", {":v": Decimal(7)}, {"#m": "m", "#i": "deep"})
    assert holds("#dotted = :v", {":v": "x"}, {"#dotted": "ñ"})


def test_evaluation_never_modifies_the_item() -> None:
    before = copy.deepcopy(ITEM)
    holds("contains(l, :v) AND size(m) > :z", {":v": "two", ":z": Decimal(0)})
    assert before == ITEM

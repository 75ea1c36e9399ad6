"""Attribute values: decoding, normalisation, sizes and equality."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from dynantic.testing.engine.value_layers import checks_in_older_layer
from dynantic.testing.engine.values import (
    BinarySet,
    NumberSet,
    StringSet,
    decode_item,
    decode_value,
    encode_item,
    encode_value,
    item_size,
    parse_number,
    value_size,
    values_equal,
)
from dynantic.testing.errors import ServiceError


@pytest.mark.parametrize(
    ("given", "returned"),
    [
        ("1.50", "1.5"),
        ("-0", "0"),
        ("0.000", "0"),
        ("1E+2", "100"),
        ("1e-11", "0.00000000001"),
        ("007", "7"),
        ("-99.10", "-99.1"),
        ("9.9999999999999999999999999999999999999E+125", "9" * 38 + "0" * 88),
    ],
)
def test_numbers_come_back_normalised_in_plain_notation(given: str, returned: str) -> None:
    assert encode_value(decode_value({"N": given})) == {"N": returned}


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("", "The parameter cannot be converted to a numeric value"),
        ("abc", "The parameter cannot be converted to a numeric value: abc"),
        ("1_000", "The parameter cannot be converted to a numeric value: 1_000"),
        ("Infinity", "The parameter cannot be converted to a numeric value: Infinity"),
        ("1E+126", "Number overflow."),
        ("1E-131", "Number underflow."),
        ("1" * 39, "Attempting to store more than 38 significant digits in a Number"),
    ],
)
def test_invalid_numbers_are_refused(given: str, message: str) -> None:
    with pytest.raises(ServiceError) as raised:
        parse_number(given)
    assert raised.value.code == "ValidationException"
    assert raised.value.message.startswith(message)


def test_thirty_eight_digits_with_trailing_zeros_are_accepted() -> None:
    assert parse_number("1" * 38 + "000") == Decimal("1" * 38 + "000")


def test_sets_keep_their_members_and_refuse_duplicates_and_emptiness() -> None:
    assert decode_value({"SS": ["b", "a"]}) == StringSet(["b", "a"])
    assert decode_value({"NS": ["1", "2.0"]}) == NumberSet([Decimal(1), Decimal(2)])
    assert decode_value({"BS": [b"x"]}) == BinarySet([b"x"])
    cases: list[tuple[dict[str, list[str]], str]] = [
        ({"SS": ["b", "a", "b"]}, 'Input collection ["a", "b", "b"] contains duplicates.'),
        ({"NS": ["1", "1.0"]}, "One or more parameter values were invalid: Input collection"),
        ({"SS": []}, "An string set  may not be empty"),
        ({"NS": []}, "An number set  may not be empty"),
        ({"BS": []}, "Binary sets should not be empty"),
    ]
    for wire, message in cases:
        with pytest.raises(ServiceError, match=re.escape(message)):
            decode_value(wire)


def test_a_string_set_with_a_null_member_is_refused() -> None:
    expected = (
        "One or more parameter values were invalid: "
        "An string set may not have a null string as a member"
    )
    for wire in ({"SS": ["a", None]}, {"L": [{"M": {"s": {"SS": [None]}}}]}):
        with pytest.raises(ServiceError) as refused:
            decode_value(wire)
        assert refused.value.message == expected


def test_a_number_or_binary_set_with_a_null_member_is_refused() -> None:
    for wire in (
        {"NS": ["1", None]},
        {"NS": [None]},
        {"BS": [b"a", None]},
        {"M": {"l": {"L": [{"BS": [None]}]}}},
    ):
        with pytest.raises(ServiceError) as refused:
            decode_value(wire)
        assert refused.value.message == "The supplied Item contains a null AttributeValue"


def test_sets_keep_their_members_in_the_services_order() -> None:
    assert decode_value({"SS": ["é", "b", "B", "a"]}) == ("B", "a", "b", "é")
    assert decode_value({"NS": ["10", "9", "-1.5"]}) == (Decimal("-1.5"), Decimal(9), Decimal(10))
    assert decode_value({"BS": [b"\xff", b"a", b"\x00"]}) == (b"\x00", b"a", b"\xff")
    assert StringSet(["b", "a"]) == StringSet(["a", "b"])


def test_the_older_layer_words_set_repeats_as_sent() -> None:
    cases: list[tuple[dict[str, list[str]], str]] = [
        ({"SS": ["b", "a", "b"]}, "Input collection [b, a, b] contains duplicates."),
        ({"NS": ["1", "1.0"]}, "Input collection contains duplicates"),  # no prefix, no stop
    ]
    with checks_in_older_layer():
        for wire, message in cases:
            with pytest.raises(ServiceError) as refused:
                decode_value(wire)
            assert refused.value.message.endswith(message)


def test_null_must_be_true() -> None:
    assert decode_value({"NULL": True}) is None
    with pytest.raises(ServiceError, match="Null attribute value types must have the value of"):
        decode_value({"NULL": False})


def test_a_value_may_sit_thirty_two_levels_deep_counting_the_attribute() -> None:
    wire: dict[str, object] = {"S": "leaf"}
    for _ in range(31):
        wire = {"L": [wire]}
    decode_value(wire)  # the leaf at level 32
    decode_value({"M": {"deeper": {"L": []}}})
    empty_at_32: dict[str, object] = {"M": {}}
    for _ in range(31):
        empty_at_32 = {"L": [empty_at_32]}
    decode_value(empty_at_32)  # a container at level 32 holding nothing
    with pytest.raises(ServiceError, match="Nesting Levels have exceeded supported limits: "):
        decode_value({"M": {"deeper": wire}})  # the leaf at level 33


def test_binary_accepts_what_botocore_accepts() -> None:
    assert decode_value({"B": b"\x00\xff"}) == b"\x00\xff"
    assert decode_value({"B": bytearray(b"ab")}) == b"ab"
    assert decode_value({"B": "text"}) == b"text"


def test_round_trip_builds_fresh_containers() -> None:
    wire = {"m": {"M": {"l": {"L": [{"S": "x"}, {"NULL": True}, {"BOOL": False}]}}}}
    item = decode_item(wire)
    out = encode_item(item)
    assert out == wire
    out["m"]["M"] = {}
    assert encode_item(item) == wire


def test_sizes_follow_the_service_formula() -> None:
    # name bytes + value bytes; S counts UTF-8 bytes
    assert item_size(decode_item({"ab": {"S": "héllo"}})) == 2 + 6
    assert value_size(decode_value({"N": "0"})) == 1
    assert value_size(decode_value({"N": "12"})) == 2
    assert value_size(decode_value({"N": "1.2"})) == 3
    assert value_size(decode_value({"N": "-99.1"})) == 4
    assert value_size(decode_value({"BOOL": True})) == 1
    assert value_size(decode_value({"NULL": True})) == 1
    # L: 3 + per element (1 + size); M: 3 + per member (1 + name + size)
    assert value_size(decode_value({"L": [{"S": "ab"}, {"S": "c"}]})) == 3 + 3 + 2
    assert value_size(decode_value({"M": {"k": {"S": "ab"}}})) == 3 + 1 + 1 + 2
    assert value_size(decode_value({"SS": ["ab", "c"]})) == 3


def test_equality_is_typed_and_sets_ignore_order() -> None:
    assert values_equal(decode_value({"NS": ["1", "2"]}), decode_value({"NS": ["2", "1.0"]}))
    assert not values_equal(decode_value({"N": "1"}), decode_value({"BOOL": True}))
    assert not values_equal(decode_value({"S": "1"}), decode_value({"N": "1"}))
    assert values_equal(
        decode_value({"M": {"a": {"L": [{"N": "1"}]}}}),
        decode_value({"M": {"a": {"L": [{"N": "1.0"}]}}}),
    )
    assert not values_equal(decode_value({"L": [{"N": "1"}]}), decode_value({"L": []}))

"""How stored numbers are written back: always in plain notation."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dynantic.testing.engine.numbers import (
    format_number,
    number_size,
    parse_number,
    parse_number_sized,
)


@pytest.mark.parametrize(
    ("given_text", "written"),
    [
        ("42", "42"),
        ("-3.14", "-3.14"),
        ("1.5E+10", "15000000000"),
        ("1E-7", "0.0000001"),
        ("0.001", "0.001"),
        ("-0", "0"),
        ("1E+125", "1" + "0" * 125),
        ("12345678901234567890123456789012345678", "12345678901234567890123456789012345678"),
    ],
)
def test_numbers_are_written_without_exponents(given_text: str, written: str) -> None:
    assert format_number(parse_number(given_text)) == written


@given(
    st.decimals(allow_nan=False, allow_infinity=False, places=None).filter(
        lambda number: number.is_zero() or -130 <= number.adjusted() <= 125
    )
)
def test_the_quick_form_is_the_plain_form(number: Decimal) -> None:
    assert format_number(number) == format(number, "f")


@given(
    st.integers(min_value=-(10**37), max_value=10**38 - 1),
    st.integers(min_value=0, max_value=3),
    st.integers(min_value=0, max_value=40),
)
def test_integers_are_sized_as_the_general_rule_sizes_them(
    number: int, leading_zeros: int, trailing_zeros: int
) -> None:
    # Any integer text, with leading zeros and trailing zeros, up to and past
    # the 38 characters the quick path takes.
    digits = "0" * leading_zeros + str(abs(number)) + "0" * trailing_zeros
    text = ("-" if number < 0 else "") + digits
    if len(digits.strip("0")) > 38:
        return
    parsed = parse_number(text)
    got, size = parse_number_sized(text)
    assert got.as_tuple() == parsed.as_tuple()
    assert size == number_size(parsed)


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("10", 2),
        ("100", 2),
        ("120", 3),
        ("1200", 2),
        ("12000", 3),
        ("-10", 3),
        ("0", 1),
        ("-0", 1),
        ("000", 1),
        ("0120", 3),
        ("7", 2),
        ("12", 2),
        ("123", 3),
    ],
)
def test_integer_sizes(text: str, size: int) -> None:
    assert parse_number_sized(text)[1] == size

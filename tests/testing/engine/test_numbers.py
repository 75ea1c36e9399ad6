"""How stored numbers are written back: always in plain notation."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dynantic.testing.engine.numbers import format_number, parse_number


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

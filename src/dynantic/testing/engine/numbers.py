"""DynamoDB numbers: parsing and normalising N values, writing them back, sizing them.

The service accepts up to 38 significant digits and magnitudes from 1E-130 to
9.99…E+125, drops leading and trailing zeros, and returns numbers in plain
notation (``"1E+2"`` comes back as ``"100"``, ``"-0"`` as ``"0"``).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from dynantic.testing import messages
from dynantic.testing.engine.value_layers import in_current_layer
from dynantic.testing.errors import validation_error

__all__ = [
    "MAX_DIGITS",
    "format_number",
    "number_size",
    "parse_number",
    "parse_number_sized",
]

# A sign, "-" or "+" (dropped when stored), digits with an optional point, and an
# optional exponent; no whitespace, no "Infinity"/"NaN". The leading "+" is
# accepted by the service (ScyllaDB's Alternator suite run against AWS,
# test_number.py test_invalid_numbers; a capture in ap-south-1 reads "+5" back
# as "5"), though big.js, and so dynalite, refuse it.
_NUMBER_SYNTAX = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_MAX_EXPONENT = 125  # 9.99…E+125 is the largest magnitude
_MIN_EXPONENT = -130  # 1E-130 is the smallest non-zero magnitude
MAX_DIGITS = 38
_ZERO = Decimal(0)


def parse_number(text: str) -> Decimal:
    """Parse an N value as the service does and return it normalised.

    Raises a ``ValidationException`` for text that is not a number, has more
    than 38 significant digits, or lies outside 1E-130 .. 9.99…E+125 (zero
    included: ``0e126`` overflows, as its exponent says).
    """
    if _is_plain(text):
        return Decimal(text)
    if not text:
        # The current layer keeps the colon of "…: {value}" for an empty value.
        if in_current_layer():
            raise validation_error(messages.NUMBER_NOT_NUMERIC_VALUE.format(value=text))
        raise validation_error(messages.NUMBER_NOT_NUMERIC)
    if _NUMBER_SYNTAX.fullmatch(text) is None:
        raise validation_error(messages.NUMBER_NOT_NUMERIC_VALUE.format(value=text))
    try:
        number = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the grammar above admits only valid text
        raise validation_error(messages.NUMBER_NOT_NUMERIC_VALUE.format(value=text)) from None
    sign, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)
    if _wraps_in_older_layer(len(digits), exponent):
        raise validation_error(messages.NUMBER_UNDERFLOW)
    significant = len(digits)
    while significant > 1 and digits[significant - 1] == 0:
        significant -= 1
        exponent += 1
    # Zero, too, is range-checked by the exponent it is written with.
    magnitude = exponent + significant - 1
    if magnitude > _MAX_EXPONENT:
        raise validation_error(messages.NUMBER_OVERFLOW)
    if magnitude < _MIN_EXPONENT:
        raise validation_error(messages.NUMBER_UNDERFLOW)
    if significant == 1 and digits[0] == 0:
        return _ZERO
    if significant > MAX_DIGITS:
        raise validation_error(messages.NUMBER_TOO_MANY_DIGITS)
    return Decimal((sign, digits[:significant], exponent))


_JAVA_INT_MAX = 2**31 - 1


def _wraps_in_older_layer(digits: int, exponent: int) -> bool:
    """Whether the older layer reads this number as an underflow: it holds the
    number as Java's ``BigDecimal`` and counts the digits before the point
    (digits + exponent) in a 32-bit integer, which a huge exponent that still
    fits one wraps negative (``1e2147483647``)."""
    return exponent <= _JAVA_INT_MAX < digits + exponent and not in_current_layer()


def _is_plain(text: str) -> bool:
    """Whether ``text`` is a short number already in normal form, which
    ``Decimal`` reads as is: at most 38 ASCII characters of digits with an
    optional sign and decimal point, ending in a non-zero digit."""
    if not (0 < len(text) <= MAX_DIGITS and text.isascii() and "1" <= text[-1] <= "9"):
        return False
    body = text[1:] if text[0] == "-" else text
    if body.isdigit():
        return True
    whole, _, fraction = body.partition(".")
    return whole.isdigit() and fraction.isdigit()


def parse_number_sized(text: str) -> tuple[Decimal, int]:
    """:func:`parse_number` and the number's size, measured on the text when it
    is an integer of at most 38 characters (the commonest number by far)."""
    if 0 < len(text) <= MAX_DIGITS and text.isascii():
        negative = text[0] == "-"
        digits = text[1:] if negative else text
        if digits.isdigit():
            return _integer_sized(text, digits, negative)
    number = parse_number(text)
    return number, number_size(number)


def _integer_sized(text: str, digits: str, negative: bool) -> tuple[Decimal, int]:
    """The integer ``text`` (``digits`` without its sign), normalised, and its size.

    Its significant digits sit ``trailing`` places left of the point, and the
    service stores digits in pairs aligned on the point: the size counts the
    pairs they touch, plus one, plus one more for a negative number.
    """
    rounded = digits.rstrip("0")
    significant = rounded.lstrip("0")
    if not significant:
        return _ZERO, 1
    trailing = len(digits) - len(rounded)
    pairs = (trailing + len(significant) - 1) // 2 - trailing // 2 + 1
    size = 1 + pairs + negative
    if not trailing:
        return Decimal(text), size  # Decimal drops leading zeros itself
    return Decimal(f"{'-' if negative else ''}{significant}E{trailing}"), size


def format_number(number: Decimal) -> str:
    """Write a normalised number the way the service returns it: plain notation."""
    text = str(number)  # plain already unless it needs an exponent; 4x quicker
    return text if "E" not in text else format(number, "f")


def number_size(number: Decimal) -> int:
    """Bytes a number occupies: about one per two significant digits, plus one.

    Digits are stored in pairs aligned on the decimal point, so an odd exponent
    with an even digit count needs no extra pair; negatives take one more byte.
    """
    # The coefficient's digits are those of its text (which has no leading
    # zeros but for "0." and keeps any trailing ones), read without sign,
    # point or exponent.
    mantissa = str(number).partition("E")[0]
    count = len(mantissa.replace("-", "").replace(".", "").lstrip("0"))
    if not count:
        return 1
    pad = 0 if (count % 2 or number.adjusted() % 2) else 1
    return 1 + (count + 1) // 2 + pad + (mantissa[0] == "-")

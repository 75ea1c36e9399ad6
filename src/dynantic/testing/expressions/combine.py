"""How update values combine: arithmetic within the service's number limits,
and the set union and difference of ADD and DELETE."""

from __future__ import annotations

from decimal import Context, Decimal, Inexact

from dynantic.testing import messages
from dynantic.testing.engine.values import AttributeValue, BinarySet, NumberSet, StringSet
from dynantic.testing.errors import validation_error
from dynantic.testing.expressions.paths import MISSING, Missing

__all__ = [
    "SHORT_CONTEXT",
    "add_numbers",
    "add_values",
    "check_magnitude",
    "checked_number",
    "delete_members",
]

# Exact for any sum of two in-range numbers (exponents span 1E-130 .. 1E+126).
_EXACT = Context(prec=400, Emax=999_999, Emin=-999_999)
# Most sums fit in 38 digits; Inexact says when one does not.
SHORT_CONTEXT = Context(prec=38, Emax=999_999, Emin=-999_999, traps=[Inexact])
_ZERO = Decimal(0)


def checked_number(number: Decimal) -> Decimal:
    """An arithmetic result, normalised, or the service's error when out of range.

    A result that needs more than 38 digits is refused as an overflow, not in
    the words a stored number with too many digits gets: ``1E+50 - 1`` reads
    ``Number overflow. …``.
    """
    if not number:
        return _ZERO
    number = number.normalize(_EXACT)
    check_magnitude(number)
    if len(number.as_tuple().digits) > 38:
        raise validation_error(messages.NUMBER_OVERFLOW)
    return number


def add_numbers(a: Decimal, b: Decimal, *, subtract: bool = False) -> Decimal:
    """``a + b`` (or ``a - b``) exactly, within the service's number limits."""
    try:
        result = SHORT_CONTEXT.subtract(a, b) if subtract else SHORT_CONTEXT.add(a, b)
    except Inexact:  # more than 38 digits: compute exactly, then refuse
        return checked_number(_EXACT.subtract(a, b) if subtract else _EXACT.add(a, b))
    if not result:
        return _ZERO
    result = result.normalize(SHORT_CONTEXT)
    check_magnitude(result)
    return result


def check_magnitude(number: Decimal) -> None:
    """Refuse a number outside 1E-130 .. 9.99…E+125 in magnitude."""
    magnitude = number.adjusted()
    if magnitude > 125:
        raise validation_error(messages.NUMBER_OVERFLOW)
    if magnitude < -130:
        raise validation_error(messages.NUMBER_UNDERFLOW)


def add_values(existing: AttributeValue | Missing, value: AttributeValue) -> AttributeValue | None:
    """ADD: sum two numbers or join two sets of one type; a missing target takes
    ``value``. ``None`` when the types do not match (each caller words that)."""
    if isinstance(existing, Missing):
        return value
    if isinstance(existing, Decimal) and isinstance(value, Decimal):
        return add_numbers(existing, value)
    if isinstance(existing, StringSet) and isinstance(value, StringSet):
        return StringSet((*existing, *(m for m in value if m not in existing)))
    if isinstance(existing, NumberSet) and isinstance(value, NumberSet):
        return NumberSet((*existing, *(m for m in value if m not in existing)))
    if isinstance(existing, BinarySet) and isinstance(value, BinarySet):
        return BinarySet((*existing, *(m for m in value if m not in existing)))
    return None


def delete_members(
    existing: AttributeValue | Missing, value: AttributeValue
) -> AttributeValue | Missing | None:
    """DELETE: take ``value``'s members out of a set of the same type; an emptied
    set disappears (MISSING). ``None`` when the types do not match."""
    if isinstance(existing, Missing):
        return MISSING
    if isinstance(existing, StringSet) and isinstance(value, StringSet):
        gone = set(value)
        strings = StringSet(member for member in existing if member not in gone)
        return strings if strings else MISSING
    if isinstance(existing, NumberSet) and isinstance(value, NumberSet):
        removed = set(value)
        numbers = NumberSet(member for member in existing if member not in removed)
        return numbers if numbers else MISSING
    if isinstance(existing, BinarySet) and isinstance(value, BinarySet):
        dropped = set(value)
        binaries = BinarySet(member for member in existing if member not in dropped)
        return binaries if binaries else MISSING
    return None

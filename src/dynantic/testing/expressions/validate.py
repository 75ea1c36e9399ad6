"""Rules checked once a request's placeholders are bound.

The parser records, per expression, the nodes whose operands need the
request's names or values to be judged (:class:`~.parser.Check`); this module
judges them. Each function returns the service's message, or ``None``.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from decimal import Decimal
from functools import lru_cache
from typing import TypeAlias

from dynantic.testing import messages
from dynantic.testing.engine.values import (
    AttributeValue,
    BinarySet,
    NumberSet,
    StringSet,
    format_number,
    type_code,
)
from dynantic.testing.expressions import ast
from dynantic.testing.expressions.evaluate import Names, Values, compare_values
from dynantic.testing.expressions.parsed import Check, Parsed
from dynantic.testing.expressions.paths import path_text, resolve_path

__all__ = ["ATTRIBUTE_TYPES", "CheckRule", "check_message", "check_rules", "operand_placeholders"]

# A compiled check: the service's message for these placeholders, or None.
CheckRule: TypeAlias = Callable[[Names, Values], "str | None"]

ATTRIBUTE_TYPES = frozenset({"S", "N", "B", "BOOL", "NULL", "SS", "NS", "BS", "L", "M"})
_ORDERABLE = frozenset({"S", "N", "B"})
# ADD and DELETE name a value's type in long form.
_LONG_TYPE = {
    "S": "STRING",
    "N": "NUMBER",
    "B": "BINARY",
    "NULL": "NULL",
    "BOOL": "BOOLEAN",
    "L": "LIST",
    "M": "MAP",
}
_ADDABLE = frozenset({"N", "SS", "NS", "BS"})
_DELETABLE = frozenset({"SS", "NS", "BS"})
# The type each function (or arithmetic operator) accepts for a value operand.
_VALUE_TYPES = {
    "begins_with": frozenset({"S", "B"}),
    "list_append": frozenset({"L"}),
    "+": frozenset({"N"}),
    "-": frozenset({"N"}),
}


# The Python types of the values each rule accepts, for a quick pass that
# skips building the message when every value is fine.
_SETS: frozenset[type] = frozenset({StringSet, NumberSet, BinarySet})
_ORDERED_TYPES: frozenset[type] = frozenset({str, Decimal, bytes})
_ACCEPTED_TYPES: dict[str, frozenset[type]] = {
    "begins_with": frozenset({str, bytes}),
    "list_append": frozenset({list}),
    "+": frozenset({Decimal}),
    "-": frozenset({Decimal}),
    "ADD": frozenset({Decimal}) | _SETS,
    "DELETE": _SETS,
}


@lru_cache(maxsize=4096)
def check_rules(parsed: Parsed[object], order: tuple[str, ...]) -> tuple[CheckRule, ...]:
    """The checks of ``parsed`` as functions, in the service's reporting ``order``."""
    return tuple(
        _rule(check) for category in order for check in parsed.checks if check.category == category
    )


def _rule(check: Check) -> CheckRule:
    node = check.node
    message = check.message
    if message is not None:
        return lambda names, values: message
    placeholders: tuple[str, ...] = ()
    accepted: frozenset[type] | None = None
    if check.category == "distinct":
        pass
    elif isinstance(node, ast.Comparison):
        placeholders, accepted = _placeholders(node.left, node.right), _ORDERED_TYPES
    elif isinstance(node, ast.Arithmetic):
        placeholders, accepted = (
            _placeholders(node.left, node.right),
            _ACCEPTED_TYPES[node.operator],
        )
    elif isinstance(node, ast.FunctionCall) and node.name in _ACCEPTED_TYPES:
        placeholders, accepted = _placeholders(*node.args), _ACCEPTED_TYPES[node.name]
    elif isinstance(node, ast.AddAction | ast.DeleteAction):
        operator = "ADD" if isinstance(node, ast.AddAction) else "DELETE"
        placeholders, accepted = (node.value.name,), _ACCEPTED_TYPES[operator]
    if accepted is None:
        return lambda names, values: check_message(check, names, values)
    types = accepted

    def rule(names: Names, values: Values) -> str | None:
        for placeholder in placeholders:
            if type(values[placeholder]) not in types:
                return check_message(check, names, values)
        return None

    return rule


def _placeholders(*operands: ast.Operand) -> tuple[str, ...]:
    return tuple(operand.name for operand in operands if isinstance(operand, ast.ValuePlaceholder))


def operand_placeholders(node: object) -> tuple[str, ...]:
    """The value placeholders among a checked node's direct operands."""
    if isinstance(node, ast.Comparison | ast.Arithmetic):
        return _placeholders(node.left, node.right)
    if isinstance(node, ast.Between):
        return _placeholders(node.operand, node.lower, node.upper)
    if isinstance(node, ast.FunctionCall):
        return _placeholders(*node.args)
    return ()


def check_message(check: Check, names: Names, values: Values) -> str | None:
    """The service's message if ``check`` fails for these placeholders."""
    if check.message is not None:
        return check.message
    node = check.node
    if check.category == "distinct":
        return _distinct(node, names)
    if isinstance(node, ast.Comparison):
        return _orderable(node.operator, (node.left, node.right), values)
    if isinstance(node, ast.Between):
        return _between(node, values)
    if isinstance(node, ast.Arithmetic):
        return _value_types(node.operator, (node.left, node.right), values)
    if isinstance(node, ast.FunctionCall):
        return _function(node, values)
    if isinstance(node, ast.AddAction | ast.DeleteAction):
        return _add_or_delete(node, values)
    return None


def _value_code(operand: ast.Operand, values: Values) -> str | None:
    if isinstance(operand, ast.ValuePlaceholder):
        return type_code(values[operand.name])
    return None


def _distinct(node: ast.Operand | ast.Condition | ast.UpdateAction, names: Names) -> str | None:
    operator: str
    first: ast.Operand
    rest: tuple[ast.Operand, ...]
    if isinstance(node, ast.Comparison):
        operator, first, rest = node.operator, node.left, (node.right,)
    elif isinstance(node, ast.FunctionCall):
        operator, first, rest = node.name, node.args[0], node.args[1:]
    else:
        return None
    if not isinstance(first, ast.DocumentPath):
        return None
    resolved = resolve_path(first, names)
    for other in rest:
        if isinstance(other, ast.DocumentPath) and resolve_path(other, names) == resolved:
            return messages.OPERANDS_NOT_DISTINCT.format(
                operator=operator, path=path_text(resolved)
            )
    return None


def _orderable(name: str, operands: tuple[ast.Operand, ...], values: Values) -> str | None:
    """Ordering needs S, N or B; a value of another type is refused up front."""
    for operand in operands:
        code = _value_code(operand, values)
        if code is not None and code not in _ORDERABLE:
            return messages.OPERAND_TYPE.format(name=name, type=code)
    return None


def _between(node: ast.Between, values: Values) -> str | None:
    message = _orderable("BETWEEN", (node.operand, node.lower, node.upper), values)
    if message is not None or not (
        isinstance(node.lower, ast.ValuePlaceholder)
        and isinstance(node.upper, ast.ValuePlaceholder)
    ):
        return message
    lower, upper = values[node.lower.name], values[node.upper.name]
    lower_code, upper_code = type_code(lower), type_code(upper)
    if lower_code != upper_code:
        template = messages.BETWEEN_TYPES_DIFFER
    elif (compare_values(lower, upper) or 0) > 0:
        template = messages.BETWEEN_BOUNDS_REVERSED
    else:
        return None
    return template.format(
        lower=f"{lower_code}:{_shown(lower)}", upper=f"{upper_code}:{_shown(upper)}"
    )


def _shown(value: AttributeValue) -> str:
    """A scalar as the service prints it inside ``AttributeValue: {N:1}``."""
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or value is None:
        return str(value).lower()
    if isinstance(value, list | dict | tuple):
        return repr(value)
    return format_number(value)


def _value_types(name: str, operands: tuple[ast.Operand, ...], values: Values) -> str | None:
    accepted = _VALUE_TYPES[name]
    for operand in operands:
        code = _value_code(operand, values)
        if code is not None and code not in accepted:
            return messages.OPERAND_TYPE.format(name=name, type=code)
    return None


def _function(node: ast.FunctionCall, values: Values) -> str | None:
    if node.name == "size":
        code = _value_code(node.args[0], values)
        if code in {"N", "BOOL", "NULL"}:
            return messages.OPERAND_TYPE.format(name="size", type=code)
        return None
    if node.name == "attribute_type":
        type_name = node.args[1]
        assert isinstance(type_name, ast.ValuePlaceholder)  # else the parser reported it
        value = values[type_name.name]
        if not isinstance(value, str):
            return messages.OPERAND_TYPE.format(name=node.name, type=type_code(value))
        if value not in ATTRIBUTE_TYPES:
            return messages.ATTRIBUTE_TYPE_INVALID.format(type=value)
        return None
    if node.name in _VALUE_TYPES:
        return _value_types(node.name, node.args, values)
    return None


def _add_or_delete(node: ast.AddAction | ast.DeleteAction, values: Values) -> str | None:
    code = type_code(values[node.value.name])
    operator, accepted = (
        ("ADD", _ADDABLE)
        if isinstance(node, ast.AddAction)
        else (
            "DELETE",
            _DELETABLE,
        )
    )
    if code in accepted:
        return None
    return messages.UPDATE_OPERAND_TYPE.format(operator=operator, type=_LONG_TYPE.get(code, code))

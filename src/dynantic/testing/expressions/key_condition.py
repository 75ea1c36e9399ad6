"""A KeyConditionExpression as per-attribute conditions, with the service's rules.

A key condition is a conjunction of at most one condition per key attribute:
``=``, ``<``, ``<=``, ``>``, ``>=``, ``BETWEEN`` or ``begins_with`` on a
top-level attribute against values. Which attributes are keys is the query's
business; this module only checks the shape.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypeAlias

from dynantic.testing import messages
from dynantic.testing.engine.values import AttributeValue
from dynantic.testing.errors import validation_error
from dynantic.testing.expressions import ast
from dynantic.testing.expressions.evaluate import BoundCondition
from dynantic.testing.expressions.paths import resolve_path

__all__ = ["KeyCondition", "KeyOperator", "key_conditions"]

KeyOperator: TypeAlias = Literal["EQ", "LT", "LE", "GT", "GE", "BETWEEN", "BEGINS_WITH"]

_OPERATORS: dict[str, KeyOperator] = {"=": "EQ", "<": "LT", "<=": "LE", ">": "GT", ">=": "GE"}
# The same comparison read from the other side (``:v < k`` is ``k > :v``).
_MIRRORED: dict[KeyOperator, KeyOperator] = {
    "EQ": "EQ",
    "LT": "GT",
    "LE": "GE",
    "GT": "LT",
    "GE": "LE",
}


@dataclass(frozen=True, slots=True)
class KeyCondition:
    """``attribute <operator> values`` (two values for BETWEEN, else one)."""

    attribute: str
    operator: str  # a KeyOperator; legacy KeyConditions may carry others, for the query to refuse
    values: tuple[AttributeValue, ...]


def key_conditions(bound: BoundCondition) -> dict[str, KeyCondition]:
    """The conditions of a bound KeyConditionExpression, by attribute name."""
    found: dict[str, KeyCondition] = {}
    _collect(bound, bound.parsed.root, found)
    return found


def _refuse(message: str) -> Exception:
    # These messages name KeyConditionExpression themselves: no "Invalid …:" prefix.
    return validation_error(message)


def _collect(bound: BoundCondition, node: ast.Condition, found: dict[str, KeyCondition]) -> None:
    if isinstance(node, ast.And):
        _collect(bound, node.left, found)
        _collect(bound, node.right, found)
        return
    if isinstance(node, ast.Or | ast.Not | ast.In):
        word = {ast.Or: "OR", ast.Not: "NOT", ast.In: "IN"}[type(node)]
        raise _refuse(messages.KEY_CONDITION_INVALID_OPERATOR.format(operator=word))
    if isinstance(node, ast.Comparison):
        if node.operator == "<>":
            raise _refuse(messages.KEY_CONDITION_INVALID_OPERATOR.format(operator="<>"))
        _add(bound, _OPERATORS[node.operator], (node.left, node.right), found)
        return
    if isinstance(node, ast.Between):
        if not isinstance(node.operand, ast.DocumentPath):
            message = messages.KEY_CONDITION_KEY_FIRST.format(operator="BETWEEN")
            raise _refuse(message)
        _add(bound, "BETWEEN", (node.operand, node.lower, node.upper), found)
        return
    if node.name != "begins_with":
        raise _refuse(messages.KEY_CONDITION_INVALID_OPERATOR.format(operator=node.name))
    if not isinstance(node.args[0], ast.DocumentPath):
        raise _refuse(messages.KEY_CONDITION_KEY_FIRST.format(operator="begins_with"))
    _add(bound, "BEGINS_WITH", node.args, found)


def _add(
    bound: BoundCondition,
    operator: KeyOperator,
    operands: tuple[ast.Operand, ...],
    found: dict[str, KeyCondition],
) -> None:
    attribute: str | None = None
    position = 0
    values: list[AttributeValue] = []
    for index, operand in enumerate(operands):
        if isinstance(operand, ast.DocumentPath):
            if attribute is not None:
                raise _refuse(messages.KEY_CONDITION_MULTIPLE_NAMES)
            if len(operand.elements) > 1:
                raise _refuse(messages.KEY_CONDITION_NESTED_ATTRIBUTE)
            name = resolve_path(operand, bound.names)[0]
            assert isinstance(name, str)
            attribute, position = name, index
        elif isinstance(operand, ast.ValuePlaceholder):
            values.append(bound.values[operand.name])
        else:
            raise _refuse(messages.KEY_CONDITION_NESTED_OPERATION)
    if attribute is None:
        raise _refuse(messages.KEY_CONDITION_NO_KEY)
    if attribute in found:
        raise _refuse(messages.KEY_CONDITION_ONE_PER_KEY)
    if position != 0:
        operator = _MIRRORED[operator]
    found[attribute] = KeyCondition(attribute, operator, tuple(values))

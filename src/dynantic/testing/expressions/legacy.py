"""The pre-expression parameters, translated into the expression machinery.

``Expected``, ``QueryFilter``/``ScanFilter`` and ``KeyConditions`` become
condition trees (evaluated like any condition), ``AttributesToGet`` a
projection and ``AttributeUpdates`` an update with the legacy semantics. Each
is validated with the service's own messages. :func:`check_expression_parameters`
holds the rule that a request speaks one dialect only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypedDict

from dynantic.testing import messages
from dynantic.testing.engine.values import (
    AttributeValue,
    Item,
    WireValue,
    decode_value,
    type_code,
)
from dynantic.testing.errors import validation_error
from dynantic.testing.expressions import ast
from dynantic.testing.expressions.combine import add_values, delete_members
from dynantic.testing.expressions.evaluate import BoundCondition, compare_values
from dynantic.testing.expressions.key_condition import KeyCondition
from dynantic.testing.expressions.parsed import Parsed
from dynantic.testing.expressions.paths import MISSING, Missing, build_trie
from dynantic.testing.expressions.projection import BoundProjection
from dynantic.testing.expressions.update import UpdateResult

__all__ = [
    "AttributeValueUpdate",
    "Condition",
    "ExpectedAttributeValue",
    "LegacyUpdate",
    "attribute_updates",
    "attributes_to_get",
    "check_conditional_operator",
    "check_expression_parameters",
    "expected_condition",
    "filter_conditions",
    "legacy_key_conditions",
]


class ExpectedAttributeValue(TypedDict, total=False):
    Value: WireValue
    Exists: bool
    ComparisonOperator: str
    AttributeValueList: Sequence[WireValue]


class _ConditionOperator(TypedDict):
    ComparisonOperator: str


class Condition(_ConditionOperator, total=False):
    AttributeValueList: Sequence[WireValue]


class AttributeValueUpdate(TypedDict, total=False):
    Value: WireValue
    Action: str


# Operand counts: (fewest, most).
_COUNTS: dict[str, tuple[int, int]] = {
    "NULL": (0, 0),
    "NOT_NULL": (0, 0),
    "EQ": (1, 1),
    "NE": (1, 1),
    "LE": (1, 1),
    "LT": (1, 1),
    "GE": (1, 1),
    "GT": (1, 1),
    "CONTAINS": (1, 1),
    "NOT_CONTAINS": (1, 1),
    "BEGINS_WITH": (1, 1),
    "IN": (1, 1_000_000),
    "BETWEEN": (2, 2),
}
_SCALARS = frozenset({"S", "N", "B"})
# EQ and NE take a value of any type, lists, maps and booleans included (API
# reference, Condition: "supported for all data types, including lists and maps";
# ScyllaDB's Alternator suite run against the service, test_query_filter.py and
# test_expected.py); the other operators refuse what they cannot compare, in a
# filter and in Expected alike (test_expected.py refuses a list in CONTAINS and
# IN, sets in BETWEEN and a number in BEGINS_WITH).
_ANY_TYPE = frozenset({"S", "N", "B", "SS", "NS", "BS", "L", "M", "BOOL", "NULL"})
_TYPES: dict[str, frozenset[str]] = {
    "EQ": _ANY_TYPE,
    "NE": _ANY_TYPE,
    "BEGINS_WITH": frozenset({"S", "B"}),
}
_COMPARISONS: dict[str, ast.ComparisonOperator] = {
    "EQ": "=",
    "NE": "<>",
    "LE": "<=",
    "LT": "<",
    "GE": ">=",
    "GT": ">",
}


def _invalid(detail: str) -> Exception:
    return validation_error(messages.LEGACY_INVALID.format(detail=detail))


# ---------------------------------------------------------------- dialect rule


def check_expression_parameters(
    request: Mapping[str, object],
    expression_parameters: Sequence[str],
    legacy_parameters: Sequence[str],
    *,
    names_null_expressions: bool = True,
) -> None:
    """Refuse a request mixing expression and legacy parameters, or placeholders
    with no expression to use them.

    ``expression_parameters`` are the operation's expression parameters in the
    service's order (``UpdateExpression``, ``ConditionExpression`` …),
    ``legacy_parameters`` its legacy ones (``AttributeUpdates``, ``Expected`` …).
    Placeholder values with no expression are refused naming the expressions
    that are null, unless ``names_null_expressions`` is false: Query (ExtendDB's
    captures through the AWS CLI, 2026-06, where Scan names its filter) and the
    single-item writes (see :mod:`dynantic.testing.operations.items`).
    """
    get = request.get
    used = [name for name in expression_parameters if get(name) is not None]
    if used:
        legacy = [
            name
            for name in legacy_parameters
            if get(name) is not None
            # KeyConditions alongside a FilterExpression alone is accepted.
            and not (name == "KeyConditions" and get("KeyConditionExpression") is None)
        ]
        if legacy:
            raise validation_error(
                messages.EXPRESSIONS_MIXED_WITH_LEGACY.format(
                    legacy=", ".join(legacy), expressions=", ".join(used)
                )
            )
    elif get("ExpressionAttributeNames") is not None:
        raise validation_error(messages.NAMES_WITHOUT_EXPRESSIONS)
    if get("ExpressionAttributeValues") is None:
        return
    valued = [name for name in expression_parameters if name != "ProjectionExpression"]
    if valued and all(get(name) is None for name in valued):
        if not names_null_expressions:
            raise validation_error(messages.VALUES_WITHOUT_EXPRESSIONS_ALONE)
        verb = "are" if len(valued) > 1 else "is"
        expressions = f"{' and '.join(valued)} {verb} null"
        raise validation_error(messages.VALUES_WITHOUT_EXPRESSIONS.format(expressions=expressions))


def check_conditional_operator(operator: object, conditions: Mapping[str, object] | None) -> None:
    """Refuse a ``ConditionalOperator`` with fewer than two conditions to join in
    ``Expected`` or the filter (ExtendDB's tests/test_conditional_operator.py, run
    against the service; ScyllaDB's Alternator test_expected.py for an empty
    ``Expected``)."""
    if operator is None:
        return
    if not conditions:
        raise validation_error(messages.CONDITIONAL_OPERATOR_WITHOUT_CONDITIONS)
    if len(conditions) < 2:
        raise validation_error(messages.CONDITIONAL_OPERATOR_ONE_CONDITION)


# ---------------------------------------------------------------- conditions


class _TreeBuilder:
    """Builds a condition tree whose values are numbered placeholders."""

    def __init__(self) -> None:
        self.values: dict[str, AttributeValue] = {}
        self.paths: list[ast.DocumentPath] = []

    def value(self, value: AttributeValue) -> ast.ValuePlaceholder:
        name = f":{len(self.values)}"
        self.values[name] = value
        return ast.ValuePlaceholder(name)

    def condition(
        self, name: str, operator: str, operands: Sequence[AttributeValue]
    ) -> ast.Condition:
        path = ast.DocumentPath((name,))
        self.paths.append(path)
        if operator == "NULL":
            return ast.FunctionCall("attribute_not_exists", (path,))
        if operator == "NOT_NULL":
            return ast.FunctionCall("attribute_exists", (path,))
        placeholders = tuple(self.value(operand) for operand in operands)
        comparison = _COMPARISONS.get(operator)
        if comparison is not None:
            return ast.Comparison(comparison, path, placeholders[0])
        if operator == "IN":
            return ast.In(path, placeholders)
        if operator == "BETWEEN":
            return ast.Between(path, placeholders[0], placeholders[1])
        if operator == "BEGINS_WITH":
            return ast.FunctionCall("begins_with", (path, placeholders[0]))
        contains = ast.FunctionCall("contains", (path, placeholders[0]))
        if operator == "CONTAINS":
            return contains
        # NOT_CONTAINS is false for a missing attribute, as CONTAINS is (ScyllaDB's
        # Alternator suite, run against the service: test_expected.py).
        return ast.And(ast.FunctionCall("attribute_exists", (path,)), ast.Not(contains))

    def bound(self, parts: list[ast.Condition], operator: str | None) -> BoundCondition | None:
        if not parts:
            return None
        root = parts[0]
        for part in parts[1:]:
            root = ast.Or(root, part) if operator == "OR" else ast.And(root, part)
        parsed: Parsed[ast.Condition] = Parsed(
            "", root, tuple(self.values), (), (), tuple(self.paths)
        )
        return BoundCondition(parsed, {}, self.values, cached=False)


def _operands(operator: str, wire: Sequence[WireValue]) -> list[AttributeValue]:
    """Decode and check the AttributeValueList of one legacy condition."""
    values = [decode_value(value) for value in wire]
    fewest, most = _COUNTS.get(operator, (0, 0))
    if not fewest <= len(values) <= most:
        raise _invalid(messages.LEGACY_ARGUMENT_COUNT.format(operator=operator))
    codes = [type_code(value) for value in values]
    if codes and any(code != codes[0] for code in codes):
        raise _invalid(messages.LEGACY_MIXED_TYPES)
    accepted = _TYPES.get(operator, _SCALARS)
    for code in codes:
        if code not in accepted:
            raise _invalid(messages.LEGACY_OPERATOR_TYPE.format(operator=operator, type=code))
    if operator == "BETWEEN" and (compare_values(values[0], values[1]) or 0) > 0:
        raise validation_error(messages.LEGACY_BETWEEN_REVERSED)
    return values


def expected_condition(
    expected: Mapping[str, ExpectedAttributeValue], conditional_operator: str | None = None
) -> BoundCondition | None:
    """``Expected`` (with ``ConditionalOperator``) as a bound condition."""
    builder = _TreeBuilder()
    parts: list[ast.Condition] = []
    for name, entry in expected.items():
        if "AttributeValueList" in entry and "Value" in entry:
            raise _invalid(messages.LEGACY_VALUE_AND_LIST.format(name=name))
        operator = entry.get("ComparisonOperator")
        if operator is not None:
            if "Exists" in entry:
                raise _invalid(messages.LEGACY_EXISTS_AND_OPERATOR.format(name=name))
            wire = entry.get("AttributeValueList")
            if wire is None:
                single = entry.get("Value")
                if single is None and operator not in {"NULL", "NOT_NULL"}:
                    raise _invalid(
                        messages.LEGACY_OPERATOR_WITHOUT_VALUE.format(operator=operator, name=name)
                    )
                wire = [single] if single is not None else []
            parts.append(builder.condition(name, operator, _operands(operator, wire)))
            continue
        if "AttributeValueList" in entry:
            raise _invalid(messages.LEGACY_LIST_WITHOUT_OPERATOR.format(name=name))
        exists = entry.get("Exists")
        value = entry.get("Value")
        if exists is not False and value is None:
            shown = "null" if exists is None else "true"
            raise _invalid(messages.LEGACY_VALUE_REQUIRED.format(exists=shown, name=name))
        if exists is False:
            if value is not None:
                raise _invalid(messages.LEGACY_VALUE_WITH_EXISTS_FALSE.format(name=name))
            parts.append(builder.condition(name, "NULL", ()))
        else:
            assert value is not None
            parts.append(builder.condition(name, "EQ", (decode_value(value),)))
    return builder.bound(parts, conditional_operator)


def filter_conditions(
    conditions: Mapping[str, Condition], conditional_operator: str | None = None
) -> BoundCondition | None:
    """``QueryFilter`` or ``ScanFilter`` (with ``ConditionalOperator``) as a bound condition."""
    builder = _TreeBuilder()
    parts = [
        builder.condition(name, entry["ComparisonOperator"], _condition_operands(entry))
        for name, entry in conditions.items()
    ]
    return builder.bound(parts, conditional_operator)


def _condition_operands(entry: Condition) -> list[AttributeValue]:
    return _operands(entry["ComparisonOperator"], entry.get("AttributeValueList", ()))


def legacy_key_conditions(conditions: Mapping[str, Condition]) -> dict[str, KeyCondition]:
    """``KeyConditions`` in the shape a KeyConditionExpression produces.

    Operators a key condition cannot use (``NE``, ``IN`` …) are kept as given,
    for the query to refuse against its key schema.
    """
    found: dict[str, KeyCondition] = {}
    for name, entry in conditions.items():
        operator = entry["ComparisonOperator"]
        values = _condition_operands(entry)
        found[name] = KeyCondition(name, operator, tuple(values))
    if not found:
        # Refused before any key schema is looked at (dynalite's tests of the
        # empty map, run against the service); more than two conditions are
        # judged against the schema read (see the Query operation).
        raise validation_error(messages.KEY_CONDITIONS_LENGTH)
    return found


# ---------------------------------------------------------------- projection


def attributes_to_get(names: Sequence[str]) -> BoundProjection:
    """``AttributesToGet`` as a projection of top-level attributes (taken literally)."""
    seen: set[str] = set()
    for name in names:
        if not name:
            raise validation_error(messages.EMPTY_ATTRIBUTE_NAME)
        if name in seen:
            raise _invalid(messages.LEGACY_DUPLICATE_ATTRIBUTE.format(name=name))
        seen.add(name)
    paths = tuple(ast.DocumentPath((name,)) for name in names)
    parsed = Parsed("", ast.ProjectionExpression(paths), (), (), (), paths)
    return BoundProjection(parsed, build_trie(((name,), None) for name in names))


# ---------------------------------------------------------------- AttributeUpdates


class LegacyUpdate:
    """``AttributeUpdates``: PUT, ADD and DELETE on top-level attributes."""

    __slots__ = ("touched", "updates")

    def __init__(self, updates: list[tuple[str, str, AttributeValue | Missing]]) -> None:
        self.updates = updates
        self.touched: Mapping[str, bool] = {name: False for name, _, _ in updates}

    def apply(self, item: Mapping[str, AttributeValue] | None) -> UpdateResult:
        """Apply to ``item`` (``None`` when there is none yet), never modifying it."""
        old: Mapping[str, AttributeValue] = item if item is not None else {}
        new: Item = dict(old)
        for name, action, value in self.updates:
            current = new.get(name, MISSING)
            if action == "PUT":
                assert not isinstance(value, Missing)
                new[name] = value
            elif action == "ADD":
                assert not isinstance(value, Missing)
                new[name] = _legacy_add(current, value)
            else:
                result = _legacy_delete(current, value)
                if isinstance(result, Missing):
                    new.pop(name, None)
                else:
                    new[name] = result
        trie = build_trie(((name,), None) for name, _, _ in self.updates)
        return UpdateResult(new, old, trie)


def attribute_updates(updates: Mapping[str, AttributeValueUpdate]) -> LegacyUpdate:
    """Validate and decode ``AttributeUpdates``."""
    decoded: list[tuple[str, str, AttributeValue | Missing]] = []
    for name, update in updates.items():
        if not name:
            raise validation_error(messages.EMPTY_ATTRIBUTE_NAME)
        action = update.get("Action") or "PUT"
        wire = update.get("Value")
        value = decode_value(wire) if wire is not None else MISSING
        if isinstance(value, Missing):
            if action != "DELETE":
                raise _invalid(messages.LEGACY_DELETE_ONLY_WITHOUT_VALUE)
        elif action == "DELETE" and type_code(value) not in {"SS", "NS", "BS"}:
            raise _invalid(messages.LEGACY_DELETE_TYPE.format(type=type_code(value)))
        elif action == "ADD" and type_code(value) not in {"L", "SS", "NS", "BS", "N"}:
            raise _invalid(messages.LEGACY_ADD_TYPE.format(type=type_code(value)))
        decoded.append((name, action, value))
    return LegacyUpdate(decoded)


def _mismatch() -> Exception:
    return validation_error(messages.LEGACY_UPDATE_TYPE_MISMATCH)


def _legacy_add(current: AttributeValue | Missing, value: AttributeValue) -> AttributeValue:
    """ADD as AttributeUpdates has it: numbers and sets as in expressions, and
    lists are appended to."""
    if isinstance(value, list):
        if isinstance(current, Missing):
            return value
        if not isinstance(current, list):
            raise _mismatch()
        return current + value
    result = add_values(current, value)
    if result is None:
        raise _mismatch()
    return result


def _legacy_delete(
    current: AttributeValue | Missing, value: AttributeValue | Missing
) -> AttributeValue | Missing:
    """DELETE with a set removes its members; without a value, the attribute."""
    if isinstance(value, Missing):
        return MISSING
    result = delete_members(current, value)
    if result is None:
        raise _mismatch()
    return result

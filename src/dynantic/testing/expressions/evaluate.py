"""Evaluating conditions and filters over an item.

A condition tree is compiled once (per parsed text) into nested closures;
evaluating it is then a few calls, with the request's placeholder maps passed
in. Semantics follow the service: a missing attribute makes every comparison
false except ``<>``; values of different types are never equal nor ordered;
lists, maps and sets compare by value.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import lru_cache
from typing import TypeAlias

from dynantic.testing.engine.values import (
    AttributeValue,
    BinarySet,
    NumberSet,
    StringSet,
    type_code,
    values_equal,
)
from dynantic.testing.expressions import ast
from dynantic.testing.expressions.parsed import Parsed
from dynantic.testing.expressions.paths import MISSING, Missing, path_heads

__all__ = [
    "BoundCondition",
    "Getter",
    "Names",
    "Test",
    "Values",
    "compare_values",
    "compile_condition",
    "compile_operand",
    "compile_path",
    "size_of",
]

Names: TypeAlias = Mapping[str, str]
Values: TypeAlias = Mapping[str, AttributeValue]
ItemView: TypeAlias = Mapping[str, AttributeValue]
Getter: TypeAlias = Callable[[ItemView, Names, Values], "AttributeValue | Missing"]
Test: TypeAlias = Callable[[ItemView, Names, Values], bool]

_ORDERED = (str, Decimal, bytes)
# Stored scalar types: equal exactly when of one type and equal as Python values.
_SCALARS = frozenset({str, Decimal, bytes, bool, type(None)})


@lru_cache(maxsize=4096)
def compile_condition(parsed: Parsed[ast.Condition]) -> Test:
    """The condition of ``parsed`` as a function of (item, names, values)."""
    return _test(parsed.root)


def _test(node: ast.Condition) -> Test:
    if isinstance(node, ast.And):
        left, right = _test(node.left), _test(node.right)
        return lambda item, names, values: left(item, names, values) and right(item, names, values)
    if isinstance(node, ast.Or):
        left, right = _test(node.left), _test(node.right)
        return lambda item, names, values: left(item, names, values) or right(item, names, values)
    if isinstance(node, ast.Not):
        inner = _test(node.operand)
        return lambda item, names, values: not inner(item, names, values)
    if isinstance(node, ast.Comparison):
        return _comparison(node)
    if isinstance(node, ast.Between):
        return _between(node)
    if isinstance(node, ast.In):
        return _in(node)
    return _function(node)


def _top_level(operand: ast.Operand) -> tuple[str | None, str | None]:
    """(name, None) or (None, "#placeholder") for a one-element path, else (None, None)."""
    if isinstance(operand, ast.DocumentPath) and len(operand.elements) == 1:
        element = operand.elements[0]
        if isinstance(element, str):
            return element, None
        if isinstance(element, ast.NamePlaceholder):
            return None, element.name
    return None, None


def _equal_top_level_to_value(node: ast.Comparison) -> Test | None:
    """``attribute = :value``, the commonest comparison, in one call."""
    if not isinstance(node.right, ast.ValuePlaceholder):
        return None
    name, placeholder = _top_level(node.left)
    key = node.right.name
    if name is not None:
        attribute = name

        def equal_named(item: ItemView, names: Names, values: Values) -> bool:
            value, wanted = item.get(attribute, MISSING), values[key]
            if type(wanted) in _SCALARS:  # no container to walk: compare at once
                return type(value) is type(wanted) and value == wanted
            return not isinstance(value, Missing) and values_equal(value, wanted)

        return equal_named
    if placeholder is not None:
        alias = placeholder

        def equal_aliased(item: ItemView, names: Names, values: Values) -> bool:
            value, wanted = item.get(names[alias], MISSING), values[key]
            if type(wanted) in _SCALARS:
                return type(value) is type(wanted) and value == wanted
            return not isinstance(value, Missing) and values_equal(value, wanted)

        return equal_aliased
    return None


def _comparison(node: ast.Comparison) -> Test:
    operator = node.operator
    if operator == "=":
        fused = _equal_top_level_to_value(node)
        if fused is not None:
            return fused
    left, right = compile_operand(node.left), compile_operand(node.right)
    if operator == "=":

        def equal(item: ItemView, names: Names, values: Values) -> bool:
            a, b = left(item, names, values), right(item, names, values)
            if isinstance(a, Missing) or isinstance(b, Missing):
                return False
            return values_equal(a, b)

        return equal
    if operator == "<>":

        def differ(item: ItemView, names: Names, values: Values) -> bool:
            a, b = left(item, names, values), right(item, names, values)
            if isinstance(a, Missing) or isinstance(b, Missing):
                return True
            return not values_equal(a, b)

        return differ
    accept = _ORDER[operator]

    def ordered(item: ItemView, names: Names, values: Values) -> bool:
        order = compare_values(left(item, names, values), right(item, names, values))
        return order is not None and accept(order)

    return ordered


def compare_values(a: AttributeValue | Missing, b: AttributeValue | Missing) -> int | None:
    """-1, 0 or 1 for two values of one orderable type (S, N, B), else None.

    Strings order by code point, which is their UTF-8 byte order.
    """
    if isinstance(a, str) and isinstance(b, str):
        return (a > b) - (a < b)
    if isinstance(a, Decimal) and isinstance(b, Decimal):
        return (a > b) - (a < b)
    if isinstance(a, bytes) and isinstance(b, bytes):
        return (a > b) - (a < b)
    return None


_ORDER: dict[str, Callable[[int], bool]] = {
    "<": lambda order: order < 0,
    "<=": lambda order: order <= 0,
    ">": lambda order: order > 0,
    ">=": lambda order: order >= 0,
}


def _between(node: ast.Between) -> Test:
    get = compile_operand(node.operand)
    lower, upper = compile_operand(node.lower), compile_operand(node.upper)

    def between(item: ItemView, names: Names, values: Values) -> bool:
        value = get(item, names, values)
        above = compare_values(value, lower(item, names, values))
        if above is None or above < 0:
            return False
        below = compare_values(value, upper(item, names, values))
        return below is not None and below <= 0

    return between


def _in(node: ast.In) -> Test:
    get = compile_operand(node.operand)
    candidates = tuple(compile_operand(candidate) for candidate in node.candidates)

    def member(item: ItemView, names: Names, values: Values) -> bool:
        value = get(item, names, values)
        if isinstance(value, Missing):
            return False
        for candidate in candidates:
            other = candidate(item, names, values)
            if not isinstance(other, Missing) and values_equal(value, other):
                return True
        return False

    return member


def _function(node: ast.FunctionCall) -> Test:
    name, placeholder = _top_level(node.args[0])
    if name is not None and node.name in {"attribute_exists", "attribute_not_exists"}:
        attribute, exists = name, node.name == "attribute_exists"
        return lambda item, names, values: (attribute in item) is exists
    if placeholder is not None and node.name in {"attribute_exists", "attribute_not_exists"}:
        alias, exists = placeholder, node.name == "attribute_exists"
        return lambda item, names, values: (names[alias] in item) is exists
    args = tuple(compile_operand(arg) for arg in node.args)
    first = args[0]
    if node.name == "attribute_exists":
        return lambda item, names, values: first(item, names, values) is not MISSING
    if node.name == "attribute_not_exists":
        return lambda item, names, values: first(item, names, values) is MISSING
    second = args[1]
    check = _BINARY_FUNCTIONS[node.name]

    def call(item: ItemView, names: Names, values: Values) -> bool:
        a, b = first(item, names, values), second(item, names, values)
        if isinstance(a, Missing) or isinstance(b, Missing):
            return False
        return check(a, b)

    return call


def _attribute_type(value: AttributeValue, name: AttributeValue) -> bool:
    return type_code(value) == name


def _begins_with(value: AttributeValue, prefix: AttributeValue) -> bool:
    if isinstance(value, str) and isinstance(prefix, str):
        return value.startswith(prefix)
    if isinstance(value, bytes) and isinstance(prefix, bytes):
        return value.startswith(prefix)
    return False


def _contains(value: AttributeValue, operand: AttributeValue) -> bool:
    """A substring of S or B, a member of a set, or an element of a list."""
    if isinstance(value, str):
        return isinstance(operand, str) and operand in value
    if isinstance(value, bytes):
        return isinstance(operand, bytes) and operand in value
    if isinstance(value, list):
        return any(values_equal(element, operand) for element in value)
    if isinstance(value, StringSet):
        return isinstance(operand, str) and operand in value
    if isinstance(value, NumberSet):
        return isinstance(operand, Decimal) and operand in value
    if isinstance(value, BinarySet):
        return isinstance(operand, bytes) and operand in value
    return False


_BINARY_FUNCTIONS: dict[str, Callable[[AttributeValue, AttributeValue], bool]] = {
    "attribute_type": _attribute_type,
    "begins_with": _begins_with,
    "contains": _contains,
}


def size_of(value: AttributeValue | Missing) -> Decimal | Missing:
    """``size()``: length of S or B, members of a set, elements of L or M.

    A string's length is counted as the service's Java strings count it, in
    UTF-16 code units: a character beyond the Basic Multilingual Plane (most
    emoji) counts two (nubo-db/dynamodb-conformance, "Query — size() string
    encoding", run against the service). Numbers, booleans and NULL have no
    size (the comparison is then false).
    """
    if isinstance(value, str):
        if value.isascii():
            return Decimal(len(value))
        return Decimal(len(value.encode("utf-16-le", "surrogatepass")) // 2)
    if isinstance(value, bytes | list | dict | tuple):
        return Decimal(len(value))
    return MISSING


def compile_operand(node: ast.Operand) -> Getter:
    """An operand as a function of (item, names, values)."""
    if isinstance(node, ast.DocumentPath):
        return compile_path(node)
    if isinstance(node, ast.ValuePlaceholder):
        key = node.name
        return lambda item, names, values: values[key]
    if isinstance(node, ast.FunctionCall):  # size(), the only function a condition compares
        inner = compile_operand(node.args[0])
        return lambda item, names, values: size_of(inner(item, names, values))
    raise AssertionError(f"no arithmetic in conditions: {node!r}")


def compile_path(path: ast.DocumentPath) -> Getter:
    """The value at ``path`` (or MISSING) as a function of (item, names, values)."""
    first, *rest = path.elements
    if isinstance(first, int):
        raise AssertionError(f"a document path starts with a name: {path!r}")
    if not rest:
        if isinstance(first, str):
            return lambda item, names, values: item.get(first, MISSING)
        placeholder = first.name
        return lambda item, names, values: item.get(names[placeholder], MISSING)

    def get(item: ItemView, names: Names, values: Values) -> AttributeValue | Missing:
        value = item.get(first if isinstance(first, str) else names[first.name], MISSING)
        for element in rest:
            if isinstance(element, int):
                if not isinstance(value, list) or element >= len(value):
                    return MISSING
                value = value[element]
            elif isinstance(value, dict):
                value = value.get(
                    element if isinstance(element, str) else names[element.name], MISSING
                )
            else:
                return MISSING
        return value

    return get


_NO_ITEM: ItemView = {}


class BoundCondition:
    """A condition, filter or key condition bound to one request's placeholders."""

    __slots__ = ("names", "parsed", "test", "values")

    def __init__(
        self,
        parsed: Parsed[ast.Condition],
        names: Names,
        values: Values,
        *,
        cached: bool = True,
    ) -> None:
        """``cached=False`` compiles a one-off tree without filling the cache."""
        self.parsed = parsed
        self.names = names
        self.values = values
        self.test = compile_condition(parsed) if cached else _test(parsed.root)

    @property
    def top_level_names(self) -> frozenset[str]:
        """Every top-level attribute the condition names."""
        return path_heads(self.parsed.paths, self.names)[0]

    @property
    def nested_names(self) -> frozenset[str]:
        """The top-level attributes the condition reaches inside (``a.b``, ``a[0]``)."""
        return path_heads(self.parsed.paths, self.names)[1]

    def evaluate(self, item: ItemView | None) -> bool:
        """Whether ``item`` (``None`` for no item) satisfies the condition."""
        return self.test(item if item is not None else _NO_ITEM, self.names, self.values)

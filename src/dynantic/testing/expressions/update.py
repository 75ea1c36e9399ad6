"""Applying an UpdateExpression to an item.

Every operand and every path of one expression is resolved against the item
as it was before the update (``REMOVE l[0], l[2]`` on ``[1, 2, 3]`` gives
``[2]``). The input item is never modified: the result shares every value the
update did not touch and copies only the containers along updated paths.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Context, Decimal, Inexact
from functools import lru_cache
from typing import Literal, TypeAlias

from dynantic.testing import messages
from dynantic.testing.engine.values import AttributeValue, BinarySet, Item, NumberSet, StringSet
from dynantic.testing.errors import validation_error
from dynantic.testing.expressions import ast
from dynantic.testing.expressions.evaluate import Getter, Names, Values, compile_path
from dynantic.testing.expressions.parsed import Parsed
from dynantic.testing.expressions.paths import (
    MISSING,
    Leaf,
    Missing,
    Trie,
    build_trie,
    path_heads,
    resolve_path,
)
from dynantic.testing.expressions.projection import project_trie

__all__ = [
    "BoundUpdate",
    "UpdateResult",
    "add_numbers",
    "add_values",
    "check_key_updates",
    "checked_number",
    "delete_members",
    "update_trie",
]

ActionKind: TypeAlias = Literal["SET", "REMOVE", "ADD", "DELETE"]
ItemView: TypeAlias = Mapping[str, AttributeValue]
Kinds: TypeAlias = tuple[ActionKind, ...]
Operands: TypeAlias = list["AttributeValue | Missing"]
_EMPTY: ItemView = {}
# Exact for any sum of two in-range numbers (exponents span 1E-130 .. 1E+126).
_EXACT = Context(prec=400, Emax=999_999, Emin=-999_999)
# Most sums fit in 38 digits; Inexact says when one does not.
_SHORT = Context(prec=38, Emax=999_999, Emin=-999_999, traps=[Inexact])
_ZERO = Decimal(0)


def checked_number(number: Decimal) -> Decimal:
    """An arithmetic result, normalised, or the service's error when out of range."""
    if not number:
        return _ZERO
    number = number.normalize(_EXACT)
    _check_magnitude(number)
    if len(number.as_tuple().digits) > 38:
        raise validation_error(messages.NUMBER_TOO_MANY_DIGITS)
    return number


def add_numbers(a: Decimal, b: Decimal, *, subtract: bool = False) -> Decimal:
    """``a + b`` (or ``a - b``) exactly, within the service's number limits."""
    try:
        result = _SHORT.subtract(a, b) if subtract else _SHORT.add(a, b)
    except Inexact:  # more than 38 digits: compute exactly, then refuse
        return checked_number(_EXACT.subtract(a, b) if subtract else _EXACT.add(a, b))
    if not result:
        return _ZERO
    result = result.normalize(_SHORT)
    _check_magnitude(result)
    return result


def _check_magnitude(number: Decimal) -> None:
    magnitude = number.adjusted()
    if magnitude > 125:
        raise validation_error(messages.NUMBER_OVERFLOW)
    if magnitude < -130:
        raise validation_error(messages.NUMBER_UNDERFLOW)


def _wrong_type() -> Exception:
    return validation_error(messages.UPDATE_OPERAND_WRONG_TYPE)


# ---------------------------------------------------------------- SET values


@lru_cache(maxsize=4096)
def _compiled_actions(
    parsed: Parsed[ast.UpdateExpression],
) -> tuple[Kinds, tuple[Getter | None, ...]]:
    """Each action's kind and operand (a function of the old item; none for REMOVE)."""
    kinds: list[ActionKind] = []
    getters: list[Getter | None] = []
    for action in parsed.root.actions:
        if isinstance(action, ast.SetAction):
            kinds.append("SET")
            getters.append(_value(action.value))
        elif isinstance(action, ast.RemoveAction):
            kinds.append("REMOVE")
            getters.append(None)
        else:
            kinds.append("ADD" if isinstance(action, ast.AddAction) else "DELETE")
            getters.append(_placeholder(action.value.name))
    return tuple(kinds), tuple(getters)


def _placeholder(name: str) -> Getter:
    return lambda item, names, values: values[name]


def _value(node: ast.Operand) -> Getter:
    if isinstance(node, ast.ValuePlaceholder):
        return _placeholder(node.name)
    if isinstance(node, ast.DocumentPath):
        return _existing(node)
    if isinstance(node, ast.Arithmetic):
        return _arithmetic(node)
    if node.name == "if_not_exists":
        path = node.args[0]
        assert isinstance(path, ast.DocumentPath)  # checked when binding
        get, fallback = compile_path(path), _value(node.args[1])

        def if_not_exists(item: ItemView, names: Names, values: Values) -> AttributeValue | Missing:
            value = get(item, names, values)
            return fallback(item, names, values) if isinstance(value, Missing) else value

        return if_not_exists
    first, second = _value(node.args[0]), _value(node.args[1])

    def list_append(item: ItemView, names: Names, values: Values) -> AttributeValue:
        head = first(item, names, values)
        if not isinstance(head, list):
            raise _wrong_type()
        tail = second(item, names, values)
        if not isinstance(tail, list):
            raise _wrong_type()
        return head + tail

    return list_append


def _existing(path: ast.DocumentPath) -> Getter:
    """The value at ``path`` in the old item, which must be there."""
    elements = path.elements
    if len(elements) == 1 and isinstance(elements[0], str):
        name = elements[0]

        def attribute(item: ItemView, names: Names, values: Values) -> AttributeValue:
            value = item.get(name, MISSING)
            if isinstance(value, Missing):
                raise validation_error(messages.UPDATE_ATTRIBUTE_MISSING)
            return value

        return attribute
    get = compile_path(path)

    def nested(item: ItemView, names: Names, values: Values) -> AttributeValue:
        value = get(item, names, values)
        if isinstance(value, Missing):
            raise validation_error(messages.UPDATE_ATTRIBUTE_MISSING)
        return value

    return nested


def _arithmetic(node: ast.Arithmetic) -> Getter:
    left, right = _value(node.left), _value(node.right)
    subtract = node.operator == "-"
    short = _SHORT.subtract if subtract else _SHORT.add

    def arithmetic(item: ItemView, names: Names, values: Values) -> AttributeValue:
        a = left(item, names, values)
        if not isinstance(a, Decimal):
            raise _wrong_type()
        b = right(item, names, values)
        if not isinstance(b, Decimal):
            raise _wrong_type()
        try:
            result = short(a, b).normalize(_SHORT)
        except Inexact:  # more than 38 digits: compute exactly, then refuse
            return add_numbers(a, b, subtract=subtract)
        _check_magnitude(result)
        return result

    return arithmetic


# ---------------------------------------------------------------- ADD and DELETE


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


# ---------------------------------------------------------------- applying


def update_trie(parsed: Parsed[ast.UpdateExpression], names: Names) -> Trie:
    """The action paths of ``parsed`` as a trie whose leaves hold action indexes."""
    return build_trie(
        (resolve_path(action.path, names), index)
        for index, action in enumerate(parsed.root.actions)
    )


def _leaf(
    existing: AttributeValue | Missing, leaf: Leaf, kinds: Kinds, operands: Operands
) -> AttributeValue | Missing:
    index = leaf.action
    assert isinstance(index, int)
    kind, operand = kinds[index], operands[index]
    if kind == "REMOVE":
        return MISSING
    assert not isinstance(operand, Missing)
    if kind == "SET":
        return operand
    result = add_values(existing, operand) if kind == "ADD" else delete_members(existing, operand)
    if result is None:
        raise _wrong_type()
    return result


def _apply_map(container: ItemView, trie: Trie, kinds: Kinds, operands: Operands) -> Item:
    updated = dict(container)
    for key, child in trie.items():
        if not isinstance(key, str):
            raise validation_error(messages.UPDATE_PATH_INVALID)
        if isinstance(child, Leaf):
            index = child.action
            assert isinstance(index, int)
            if kinds[index] == "SET":  # the common case, inline
                operand = operands[index]
                assert not isinstance(operand, Missing)
                updated[key] = operand
                continue
            new = _leaf(updated.get(key, MISSING), child, kinds, operands)
        else:
            new = _apply_inside(updated.get(key, MISSING), child, kinds, operands)
        if isinstance(new, Missing):
            updated.pop(key, None)
        else:
            updated[key] = new
    return updated


def _apply_inside(
    value: AttributeValue | Missing, trie: Trie, kinds: Kinds, operands: Operands
) -> AttributeValue:
    if isinstance(next(iter(trie)), str):
        if not isinstance(value, dict):
            raise validation_error(messages.UPDATE_PATH_INVALID)
        return _apply_map(value, trie, kinds, operands)
    if not isinstance(value, list):
        raise validation_error(messages.UPDATE_PATH_INVALID)
    return _apply_list(value, trie, kinds, operands)


def _apply_list(
    elements: list[AttributeValue], trie: Trie, kinds: Kinds, operands: Operands
) -> list[AttributeValue]:
    updated = list(elements)
    removed: set[int] = set()
    appended: list[AttributeValue] = []
    size = len(elements)
    for index in sorted(key for key in trie if isinstance(key, int)):
        child = trie[index]
        if index >= size:
            # Setting past the end appends; removing there changes nothing.
            if not isinstance(child, Leaf):
                raise validation_error(messages.UPDATE_PATH_INVALID)
            new = _leaf(MISSING, child, kinds, operands)
            if not isinstance(new, Missing):
                appended.append(new)
            continue
        if isinstance(child, Leaf):
            new = _leaf(elements[index], child, kinds, operands)
        else:
            new = _apply_inside(elements[index], child, kinds, operands)
        if isinstance(new, Missing):
            removed.add(index)
        else:
            updated[index] = new
    if removed:
        updated = [value for index, value in enumerate(updated) if index not in removed]
    updated.extend(appended)
    return updated


def _without_removes(trie: Trie, kinds: Kinds) -> Trie:
    """``trie`` less its REMOVE leaves (and the branches left empty)."""
    kept = Trie(trie.first)
    for key, child in trie.items():
        if isinstance(child, Leaf):
            index = child.action
            if not (isinstance(index, int) and kinds[index] == "REMOVE"):
                kept[key] = child
            continue
        branch = _without_removes(child, kinds)
        if branch:
            kept[key] = branch
    return kept


class UpdateResult:
    """The updated item, and what ``ReturnValues`` needs."""

    __slots__ = ("item", "old_item", "trie")

    def __init__(self, item: Item, old_item: ItemView, trie: Trie) -> None:
        self.item = item
        self.old_item = old_item
        self.trie = trie

    def updated_old(self) -> Item:
        """``UPDATED_OLD``: the old values at exactly the updated paths."""
        return project_trie(self.old_item, self.trie)

    def updated_new(self) -> Item:
        """``UPDATED_NEW``: the new values at exactly the updated paths."""
        return project_trie(self.item, self.trie)


class BoundUpdate:
    """An UpdateExpression bound to one request's placeholders."""

    __slots__ = ("names", "parsed", "trie", "values")

    def __init__(
        self, parsed: Parsed[ast.UpdateExpression], names: Names, values: Values, trie: Trie
    ) -> None:
        self.parsed = parsed
        self.names = names
        self.values = values
        self.trie = trie

    @property
    def nested_names(self) -> frozenset[str]:
        """Top-level attributes the update reaches inside, in a target or an operand."""
        return path_heads(self.parsed.paths, self.names)[1]

    @property
    def touched(self) -> dict[str, bool]:
        """Each top-level attribute updated, and whether through a nested path."""
        return {
            key: not isinstance(child, Leaf)
            for key, child in self.trie.items()
            if isinstance(key, str)
        }

    def apply(self, item: ItemView | None) -> UpdateResult:
        """Apply the update to ``item`` (``None`` when there is none yet)."""
        old = item if item is not None else _EMPTY
        kinds, getters = _compiled_actions(self.parsed)
        trie = self.trie
        if item is None and "REMOVE" in kinds:
            # Removing from an item that does not exist does nothing, whatever
            # the path; every other action still applies (and may fail).
            trie = _without_removes(trie, kinds)
        names, values = self.names, self.values
        # Every operand is computed against the item as it was, before any change.
        operands: Operands = [
            MISSING if getter is None else getter(old, names, values) for getter in getters
        ]
        return UpdateResult(_apply_map(old, trie, kinds, operands), old, self.trie)


def check_key_updates(
    touched: Mapping[str, bool],
    key_attributes: tuple[str, ...],
    *,
    nested_names: frozenset[str] = frozenset(),
    index_key_attributes: tuple[str, ...] = (),
) -> None:
    """Refuse an update that changes a table key attribute, or reaches inside a
    table or index key attribute (``pk.x``), as the service words it."""
    for name in key_attributes:
        if name in touched:
            raise validation_error(messages.KEY_ATTRIBUTE_UPDATED.format(name=name))
    for name in key_attributes:
        if name in nested_names:
            raise validation_error(messages.KEY_ATTRIBUTE_NESTED.format(name=name))
    for name in index_key_attributes:
        if name in nested_names:
            raise validation_error(messages.INDEX_KEY_ATTRIBUTE_NESTED.format(name=name))

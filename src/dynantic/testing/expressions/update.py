"""Applying an UpdateExpression to an item.

Every operand and every path of one expression is resolved against the item
as it was before the update (``REMOVE l[0], l[2]`` on ``[1, 2, 3]`` gives
``[2]``). The input item is never modified: the result shares every value the
update did not touch and copies only the containers along updated paths.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, Inexact
from functools import lru_cache
from typing import Literal, TypeAlias

from dynantic.testing import messages
from dynantic.testing.engine.values import AttributeValue, Item, StoredItem
from dynantic.testing.errors import validation_error
from dynantic.testing.expressions import ast
from dynantic.testing.expressions.combine import (
    SHORT_CONTEXT,
    add_numbers,
    add_values,
    check_magnitude,
    delete_members,
)
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

__all__ = ["BoundUpdate", "UpdateResult", "check_key_updates", "update_trie"]

ActionKind: TypeAlias = Literal["SET", "REMOVE", "ADD", "DELETE"]
ItemView: TypeAlias = Mapping[str, AttributeValue]
Kinds: TypeAlias = tuple[ActionKind, ...]
Operands: TypeAlias = list["AttributeValue | Missing"]
_EMPTY: ItemView = {}


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
    short = SHORT_CONTEXT.subtract if subtract else SHORT_CONTEXT.add

    def arithmetic(item: ItemView, names: Names, values: Values) -> AttributeValue:
        a = left(item, names, values)
        if not isinstance(a, Decimal):
            raise _wrong_type()
        b = right(item, names, values)
        if not isinstance(b, Decimal):
            raise _wrong_type()
        try:
            result = short(a, b).normalize(SHORT_CONTEXT)
        except Inexact:  # more than 38 digits: compute exactly, then refuse
            return add_numbers(a, b, subtract=subtract)
        check_magnitude(result)
        return result

    return arithmetic


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


def _apply_map(
    container: ItemView, trie: Trie, kinds: Kinds, operands: Operands, into: type[Item] = dict
) -> Item:
    """``container`` (an item, or a map inside one) with the actions of ``trie``
    applied, as a new ``into``: the item itself is made a :class:`StoredItem`, so
    that storing it needs no copy."""
    updated = into(container)
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

    def apply(self, item: ItemView | None, *, key: ItemView | None = None) -> UpdateResult:
        """Apply the update to ``item`` (``None`` when there is none yet).

        ``key``: the key attributes an item that does not exist yet starts
        from, which its operands can read (``SET copy = pk``).
        """
        old = item if item is not None else (key if key is not None else _EMPTY)
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
        before = old if item is not None else _EMPTY
        new = _apply_map(old, trie, kinds, operands, StoredItem)
        return UpdateResult(new, before, self.trie)


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

"""The rules an update must keep against its table's keys and indexes.

Before the condition is evaluated, the service refuses an update that writes a
table key attribute, that writes a whole index key attribute with a value whose
type the expression alone shows to be wrong, or that reaches inside a table or
index key attribute (``pk.x``); a standalone UpdateItem is then refused when
its statement charge is over the size limit. After the update is applied, it
refuses an index key attribute that ended up with the wrong type or empty, and
an item over the size limit. The first group follows dynalite's ``validateUpdates``, which was
checked against the live service, in its order.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from dynantic.testing import messages
from dynantic.testing.engine.values import (
    AttributeValue,
    Item,
    nests_too_deep,
    number_size,
    string_size,
    type_code,
    value_size,
)
from dynantic.testing.errors import validation_error
from dynantic.testing.expressions import BoundUpdate, LegacyUpdate, ast, check_key_updates
from dynantic.testing.expressions.paths import MISSING, Missing, path_heads
from dynantic.testing.operations.items_prepare import MAX_ITEM_BYTES

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from dynantic.testing.engine.indexes import SecondaryIndex
    from dynantic.testing.engine.table import Table
    from dynantic.testing.expressions import Parsed
    from dynantic.testing.expressions.paths import Trie

__all__ = [
    "UpdateTargets",
    "check_statement_charge",
    "check_update_targets",
    "check_updated_item",
    "ordered_indexes",
    "update_targets",
    "updated_size",
]

Update = BoundUpdate | LegacyUpdate


class UpdateTargets(NamedTuple):
    """What an update writes and reads, once its names are resolved."""

    touched: frozenset[str]
    """Every top-level attribute an action writes (``a`` for ``SET a.b = :v``)."""
    nested: frozenset[str]
    """Every top-level attribute a path reaches inside, in a target or an operand."""
    whole: tuple[tuple[str, ast.UpdateAction], ...]
    """The actions that write one whole top-level attribute, with its name."""
    charge: int
    """The part of the statement charge the text and the names fix (0 for
    ``AttributeUpdates``, which is not charged)."""
    charged_values: tuple[str, ...]
    """The value placeholders whose sizes complete the charge, once per use."""
    unwrites_only: bool = False
    """Whether every action removes (REMOVE, DELETE): such an update of a
    missing item leaves it missing (ScyllaDB's Alternator suite run against the
    service, test_item.py test_update_item_non_existent; scylladb issue 5862)."""
    deepens: bool = False
    """Whether an action writes below the top level (``SET a.b = :v``): only such
    an update can nest a value deeper than the limit, since every value a
    request sends was held to it as an attribute of its own."""


def update_targets(update: Update) -> UpdateTargets:
    """What ``update`` writes and reads (computed once per text and names)."""
    if isinstance(update, LegacyUpdate):
        unwrites = bool(update.updates) and all(a == "DELETE" for _, a, _ in update.updates)
        return UpdateTargets(frozenset(update.touched), frozenset(), (), 0, (), unwrites)
    # The binding made one path trie per text and names: the targets are
    # remembered against it (kept alive with them, so that its id is not reused).
    trie = update.trie
    known = _TARGETS_BY_TRIE.get(id(trie))
    if known is not None and known[0] is trie:
        return known[1]
    targets = _expression_targets(update.parsed, update.names)
    if len(_TARGETS_BY_TRIE) >= _REMEMBERED_TRIES:
        _TARGETS_BY_TRIE.clear()
    _TARGETS_BY_TRIE[id(trie)] = (trie, targets)
    return targets


_TARGETS_BY_TRIE: dict[int, tuple[Trie, UpdateTargets]] = {}
_REMEMBERED_TRIES = 2048


def _expression_targets(
    parsed: Parsed[ast.UpdateExpression], names: Mapping[str, str]
) -> UpdateTargets:
    touched: set[str] = set()
    whole: list[tuple[str, ast.UpdateAction]] = []
    deepens = False
    for action in parsed.root.actions:
        first = action.path.elements[0]
        name = names[first.name] if isinstance(first, ast.NamePlaceholder) else str(first)
        touched.add(name)
        if len(action.path.elements) == 1:
            whole.append((name, action))
        else:
            deepens = True
    nested = path_heads(parsed.paths, names)[1]
    charged: list[str] = []
    charge = _statement_charge(parsed.root, names, charged)
    unwrites = all(
        isinstance(action, ast.RemoveAction | ast.DeleteAction) for action in parsed.root.actions
    )
    return UpdateTargets(
        frozenset(touched), nested, tuple(whole), charge, tuple(charged), unwrites, deepens
    )


# ---------------------------------------------------------------- the statement charge
#
# A standalone UpdateItem is refused when what its statement writes, priced as
# below, comes to more than MAX_ITEM_BYTES, whatever the finished item's size
# (paritysuite/dynamodb-conformance tests/tier3/limits/itemSizeBySurface.test.ts,
# measured live; us-east-1 applies it, ten other regions do not). Every figure
# is a byte count. Key attributes and attributes the statement leaves alone are
# never part of it, so at a short key the ceiling sits below 400 KB.

_UPDATE_CHARGE = 3
_WRITE_CHARGE = 19  # SET and ADD, besides their target and what they write
_UNWRITE_CHARGE = 1  # REMOVE and DELETE, besides their target
_OPERATOR_CHARGES = {"+": 34, "-": 37}
_FUNCTION_CHARGES = {"if_not_exists": 39, "list_append": 37}
# A path read as an operand: 1, plus this much and the element for each element.
_OPERAND_PATH_CHARGE = 1
_OPERAND_ELEMENT_CHARGE = 14
# A target path: its first element, plus this much and the element for each other.
_TARGET_ELEMENT_CHARGE = 4


def _statement_charge(
    root: ast.UpdateExpression, names: Mapping[str, str], charged: list[str]
) -> int:
    """The fixed part of the charge of ``root``; appends to ``charged`` each value
    placeholder whose size the charge adds (ADD's value; DELETE's is free)."""
    total = _UPDATE_CHARGE
    for action in root.actions:
        target = _target_charge(action.path, names)
        if isinstance(action, ast.SetAction):
            total += _WRITE_CHARGE + target + _operand_charge(action.value, names, charged)
        elif isinstance(action, ast.AddAction):
            # The source measures ADD to a set only with members it lacked; a
            # member already there is charged as well here.
            total += _WRITE_CHARGE + target
            charged.append(action.value.name)
        else:
            total += _UNWRITE_CHARGE + target
    return total


def _element_charge(element: ast.PathElement, names: Mapping[str, str]) -> int:
    if isinstance(element, int):
        return len(str(element))
    name = names[element.name] if isinstance(element, ast.NamePlaceholder) else element
    return len(name.encode("utf-8", "surrogatepass"))


def _target_charge(path: ast.DocumentPath, names: Mapping[str, str]) -> int:
    first, *rest = path.elements
    return _element_charge(first, names) + sum(
        _TARGET_ELEMENT_CHARGE + _element_charge(element, names) for element in rest
    )


def _operand_charge(operand: ast.Operand, names: Mapping[str, str], charged: list[str]) -> int:
    if isinstance(operand, ast.ValuePlaceholder):
        charged.append(operand.name)
        return 0
    if isinstance(operand, ast.DocumentPath):
        return _OPERAND_PATH_CHARGE + sum(
            _OPERAND_ELEMENT_CHARGE + _element_charge(element, names)
            for element in operand.elements
        )
    if isinstance(operand, ast.Arithmetic):
        own = _OPERATOR_CHARGES[operand.operator]
        arguments: tuple[ast.Operand, ...] = (operand.left, operand.right)
    else:
        own = _FUNCTION_CHARGES.get(operand.name, 0)
        arguments = operand.args
    return own + sum(_operand_charge(argument, names, charged) for argument in arguments)


def check_statement_charge(update: BoundUpdate, targets: UpdateTargets) -> None:
    """Refuse a standalone UpdateExpression whose statement charge is over the
    item size limit; the service checks it before the condition."""
    charge = targets.charge
    values = update.values
    for name in targets.charged_values:
        charge += _value_size(values[name])
    if charge > MAX_ITEM_BYTES:
        raise validation_error(messages.UPDATED_ITEM_TOO_LARGE)


# ---------------------------------------------------------------- before the condition


def check_update_targets(update: Update, targets: UpdateTargets, table: Table) -> None:
    """Refuse an update of a key attribute, a statically mistyped index key, or a
    path into a key attribute, in the service's order."""
    schema = table.key_schema
    touched, nested = targets.touched, targets.nested
    if not table.indexes and touched.isdisjoint(schema.names) and nested.isdisjoint(schema.names):
        return
    key_attributes = tuple(attribute.name for attribute in schema.attributes)
    for name in key_attributes:
        if name in touched:
            check_key_updates(update.touched, key_attributes)
    if not table.indexes:
        check_key_updates({}, key_attributes, nested_names=nested)
        return
    indexes = list(ordered_indexes(table))
    for index in indexes:
        for attribute in index.key_schema.attributes:
            found = _static_type(update, targets, attribute.name)
            if found is not None and found != attribute.type:
                raise validation_error(
                    messages.INDEX_KEY_TYPE_MISMATCH.format(
                        name=attribute.name,
                        expected=attribute.type,
                        actual=found,
                        index=index.name,
                    )
                )
    if nested:
        index_keys = tuple(a.name for index in indexes for a in index.key_schema.attributes)
        check_key_updates(
            {},
            key_attributes,
            nested_names=nested,
            index_key_attributes=index_keys,
        )


def ordered_indexes(table: Table) -> Iterator[SecondaryIndex]:
    """The table's indexes as the service checks them: global ones, then local ones."""
    indexes = table.indexes.values()
    yield from (index for index in indexes if index.definition.is_global)
    yield from (index for index in indexes if not index.definition.is_global)


def _static_type(update: Update, targets: UpdateTargets, name: str) -> str | None:
    """The type the update writes to the whole attribute ``name``, when the
    request alone tells it (a value, arithmetic, ``list_append`` …)."""
    if isinstance(update, LegacyUpdate):
        for target, _action, value in update.updates:
            if target == name:
                return None if isinstance(value, Missing) else type_code(value)
        return None
    values = update.values
    for target, action in targets.whole:
        if target != name:
            continue
        if isinstance(action, ast.SetAction):
            return _operand_type(action.value, values)
        if isinstance(action, ast.AddAction | ast.DeleteAction):
            return type_code(values[action.value.name])
        return None
    return None


def _operand_type(operand: ast.Operand, values: Mapping[str, AttributeValue]) -> str | None:
    if isinstance(operand, ast.ValuePlaceholder):
        return type_code(values[operand.name])
    if isinstance(operand, ast.Arithmetic):
        return "N"
    if isinstance(operand, ast.FunctionCall):
        if operand.name == "list_append":
            return "L"
        if operand.name == "if_not_exists":
            return _operand_type(operand.args[1], values)
    return None


# ---------------------------------------------------------------- after applying it


def check_updated_item(targets: UpdateTargets, table: Table, item: Item, size: int) -> None:
    """Refuse an updated item whose index keys the update made wrong, that
    nests deeper than the limit, or that grew over the size limit."""
    if table.indexes:
        touched = targets.touched
        for index in ordered_indexes(table):
            for attribute in index.key_schema.attributes:
                if attribute.name not in touched or attribute.name not in item:
                    continue
                value = item[attribute.name]
                if type_code(value) != attribute.type:
                    raise validation_error(messages.UPDATE_INDEX_KEY_TYPE)
                if value in {"", b""}:
                    kind = "string" if attribute.type == "S" else "binary"
                    raise validation_error(messages.UPDATE_INDEX_KEY_EMPTY.format(kind=kind))
                problem = index.key_value_violation(attribute.name, value)
                if problem is not None:
                    raise validation_error(problem)
    if targets.deepens:
        for name in targets.touched:
            value = item.get(name)
            if value is not None and nests_too_deep(value):
                raise validation_error(messages.NESTING_TOO_DEEP)
    if size > MAX_ITEM_BYTES:
        raise validation_error(messages.UPDATED_ITEM_TOO_LARGE)


def updated_size(targets: UpdateTargets, before: Item, before_size: int, after: Item) -> int:
    """The item size of ``after``, from that of ``before`` and the attributes the
    update touched (the others are unchanged)."""
    size = before_size
    for name in targets.touched:
        old = before.get(name, MISSING)
        new = after.get(name, MISSING)
        if old is new:
            continue
        if isinstance(new, Missing):
            if not isinstance(old, Missing):
                size -= string_size(name) + _value_size(old)
        elif isinstance(old, Missing):
            size += string_size(name) + _value_size(new)
        else:  # the name's bytes stay
            size += _value_size(new) - _value_size(old)
    return size


def _value_size(value: AttributeValue) -> int:
    """:func:`value_size`, with strings and numbers (the commonest) measured directly."""
    if type(value) is str:
        return len(value) if value.isascii() else len(value.encode("utf-8", "surrogatepass"))
    if type(value) is Decimal:
        size = _NUMBER_SIZES.get(value)
        if size is None:
            size = number_size(value)
            if len(_NUMBER_SIZES) >= _REMEMBERED_NUMBERS:
                _NUMBER_SIZES.clear()
            _NUMBER_SIZES[value] = size
        return size
    return value_size(value)


# Stored numbers are normalised, so equal ones have one size: the sizes of the
# numbers updates recently wrote or replaced are remembered.
_NUMBER_SIZES: dict[Decimal, int] = {}
_REMEMBERED_NUMBERS = 4096

"""What a Query or Scan returns (``Select`` and projections) and what its filter
and projection may name, by the service's rules.

``Select`` defaults to ``SPECIFIC_ATTRIBUTES`` when attributes are named, else to
``ALL_ATTRIBUTES`` on a table and ``ALL_PROJECTED_ATTRIBUTES`` on an index. A
global index returns only what it projects (asking for more is refused); a local
index fetches the rest from the table, at the cost of a table read per item.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from dynantic.testing import messages
from dynantic.testing.errors import validation_error
from dynantic.testing.expressions.paths import Trie, resolve_path

if TYPE_CHECKING:
    from dynantic.testing.engine.values import Item
    from dynantic.testing.expressions import BoundCondition, BoundProjection
    from dynantic.testing.expressions.evaluate import ItemView, Names, Values
    from dynantic.testing.operations.read_target import ReadTarget

__all__ = [
    "Selection",
    "check_filter_attributes",
    "check_nested_keys",
    "check_select",
    "filter_on_index_entries",
    "select_attributes",
]


@dataclass(frozen=True, slots=True)
class Selection:
    """What each returned item holds, and whether the table must be read for it."""

    select: str
    projection: BoundProjection | None
    fetch: bool

    def shape(self, target: ReadTarget, item: Item) -> Item:
        """The returned form of a stored ``item``."""
        if self.projection is not None:
            return self.projection.project(item)
        if self.select == "ALL_PROJECTED_ATTRIBUTES":
            return target.project(item)
        return item


def check_select(
    select: str | None,
    *,
    projection_expression: bool,
    attributes_to_get: bool,
    index: bool,
    query: bool,
) -> None:
    """The rules on ``Select`` that need no table (Query words them as a
    validation report, Scan plainly)."""
    message: str | None = None
    named = {
        "ALL_ATTRIBUTES": "ALL_ATTRIBUTES",
        "ALL_PROJECTED_ATTRIBUTES": "ALL_PROJECTED_ATTRIBUTES",
        "COUNT": messages.SELECT_COUNT_WHAT,
    }.get(select or "")
    if named is not None and projection_expression:
        message = messages.SELECT_PROJECTION_EXPRESSION.format(what=named)
    elif named is not None and attributes_to_get:
        message = messages.SELECT_ATTRIBUTES_TO_GET.format(what=named)
    elif select == "SPECIFIC_ATTRIBUTES" and not (projection_expression or attributes_to_get):
        message = messages.SELECT_SPECIFIC_WITHOUT_ATTRIBUTES
    elif select == "ALL_PROJECTED_ATTRIBUTES" and not index:
        message = messages.SELECT_PROJECTED_WITHOUT_INDEX
    if message is not None:
        raise validation_error(messages.VALIDATION_ERROR_PREFIX + message if query else message)


def _heads(trie: Trie) -> list[str]:
    return [key for key in trie if isinstance(key, str)]


def _condition_heads(condition: BoundCondition) -> tuple[list[str], list[str]]:
    """The top-level attributes a condition names, and those it reaches into, in order."""
    heads: list[str] = []
    nested: list[str] = []
    for path in condition.parsed.paths:
        resolved = resolve_path(path, condition.names)
        head = resolved[0]
        assert isinstance(head, str)
        if head not in heads:
            heads.append(head)
        if len(resolved) > 1 and head not in nested:
            nested.append(head)
    return heads, nested


def check_nested_keys(
    target: ReadTarget,
    projection: BoundProjection | None,
    condition: BoundCondition | None,
) -> None:
    """Key attributes of the table and of its indexes are scalars: a projection or
    filter may not reach inside them."""
    nested: list[str] = []
    if projection is not None:
        nested += [
            key
            for key, child in projection.trie.items()
            if isinstance(key, str) and isinstance(child, Trie)
        ]
    if condition is not None:
        nested += _condition_heads(condition)[1]
    if not nested:
        return
    table = target.table
    for attribute in table.key_schema.attributes:
        if attribute.name in nested:
            raise validation_error(messages.KEY_ATTRIBUTE_NESTED.format(name=attribute.name))
    for index in table.indexes.values():
        for attribute in index.key_schema.attributes:
            if attribute.name in nested:
                raise validation_error(
                    messages.INDEX_KEY_ATTRIBUTE_NESTED.format(name=attribute.name)
                )


def check_filter_attributes(
    target: ReadTarget, condition: BoundCondition | None, *, legacy: bool
) -> None:
    """Refuse a Query filter on a key attribute of the schema read, or on
    attributes the index queried does not project. A local index refuses it
    too, although it could fetch them from the table (ScyllaDB's Alternator
    suite run against the service, test_lsi.py, also with
    ``Select=ALL_ATTRIBUTES``). A Scan of an index takes such a filter and
    judges each entry as the index holds it, where those attributes are absent
    (the service's answers to PartiQL reads of an index without its partition
    key, as public conformance captures record them; DynamoDB Local's scan has
    no such check, its query has; see :func:`filter_on_index_entries`)."""
    if condition is None:
        return
    heads = _condition_heads(condition)[0]
    for attribute in target.key_schema.attributes:
        if attribute.name in heads:
            parameter = "QueryFilter" if legacy else "Filter Expression"
            raise validation_error(
                messages.FILTER_ON_KEY.format(parameter=parameter, name=attribute.name)
            )
    missing = _not_projected(target, heads)
    if missing:
        assert target.index is not None
        raise validation_error(
            messages.INDEX_DOES_NOT_PROJECT_FILTER.format(
                index=target.index.name, names=", ".join(missing)
            )
        )


def filter_on_index_entries(
    target: ReadTarget, condition: BoundCondition | None
) -> BoundCondition | None:
    """A Scan filter as a Scan of an index applies it: to each entry as the index
    holds it, where an attribute the index does not project is absent (see
    :func:`check_filter_attributes`), even when a local index then fetches the
    item's other attributes from the table. ``condition`` itself when it names
    nothing the index lacks."""
    if condition is None or target.index is None or target.projects_all:
        return condition
    if not _not_projected(target, _condition_heads(condition)[0]):
        return condition
    item_test = condition.test
    project = target.project

    def entry_test(item: ItemView, names: Names, values: Values) -> bool:
        return item_test(project(cast("Item", item)), names, values)

    on_entries = copy.copy(condition)
    on_entries.test = entry_test
    return on_entries


def _not_projected(target: ReadTarget, names: Iterable[str]) -> list[str]:
    return [name for name in names if not target.projects(name)]


def select_attributes(
    target: ReadTarget, select: str | None, projection: BoundProjection | None
) -> Selection:
    """What the read returns, refusing what a global index cannot give."""
    if select is None:
        if projection is not None:
            select = "SPECIFIC_ATTRIBUTES"
        else:
            select = "ALL_ATTRIBUTES" if target.index is None else "ALL_PROJECTED_ATTRIBUTES"
    index = target.index
    if index is None or target.projects_all:
        return Selection(select, projection, fetch=False)
    if select == "ALL_ATTRIBUTES":
        if target.is_global:
            raise validation_error(messages.SELECT_ALL_ON_GLOBAL_INDEX.format(index=index.name))
        return Selection(select, projection, fetch=True)
    missing = _not_projected(target, _heads(projection.trie)) if projection is not None else []
    if missing and target.is_global:
        raise validation_error(
            messages.GLOBAL_INDEX_DOES_NOT_PROJECT.format(
                index=index.name, names=", ".join(missing)
            )
        )
    return Selection(select, projection, fetch=bool(missing))

"""Projection: the parts of an item that a set of document paths select.

The selected list elements come back compacted, in list order (``l[2], l[0]``
on ``[1, 2, 3]`` gives ``[1, 3]``); a path that leads nowhere contributes
nothing, not even its containers.
"""

from __future__ import annotations

from collections.abc import Mapping

from dynantic.testing.engine.values import AttributeValue, Item
from dynantic.testing.expressions import ast
from dynantic.testing.expressions.evaluate import Names
from dynantic.testing.expressions.parsed import Parsed
from dynantic.testing.expressions.paths import (
    MISSING,
    Leaf,
    Missing,
    Trie,
    build_trie,
    resolve_path,
)

__all__ = ["BoundProjection", "project_trie", "projection_trie"]


def projection_trie(parsed: Parsed[ast.ProjectionExpression], names: Names) -> Trie:
    """The paths of ``parsed`` as a trie (raises on overlapping paths)."""
    return build_trie((resolve_path(path, names), None) for path in parsed.root.paths)


def project_trie(item: Mapping[str, AttributeValue], trie: Trie) -> Item:
    """The parts of ``item`` at the paths of ``trie``; values are shared, not copied."""
    projected: Item = {}
    for key, child in trie.items():
        if not isinstance(key, str):
            continue
        value = item.get(key, MISSING)
        if isinstance(value, Missing):
            continue
        if isinstance(child, Leaf):
            projected[key] = value
            continue
        selected = _select(value, child)
        if not isinstance(selected, Missing):
            projected[key] = selected
    return projected


def _select(value: AttributeValue, trie: Trie) -> AttributeValue | Missing:
    if isinstance(value, dict):
        chosen = project_trie(value, trie)
        return chosen if chosen else MISSING
    if not isinstance(value, list):
        return MISSING
    elements: list[AttributeValue] = []
    for index in sorted(key for key in trie if isinstance(key, int)):
        if index >= len(value):
            break
        child = trie[index]
        if isinstance(child, Leaf):
            elements.append(value[index])
            continue
        selected = _select(value[index], child)
        if not isinstance(selected, Missing):
            elements.append(selected)
    return elements if elements else MISSING


class BoundProjection:
    """A ProjectionExpression bound to one request's ExpressionAttributeNames."""

    __slots__ = ("parsed", "trie")

    def __init__(self, parsed: Parsed[ast.ProjectionExpression], trie: Trie) -> None:
        self.parsed = parsed
        self.trie = trie

    @property
    def top_level_names(self) -> frozenset[str]:
        """The top-level attributes the projection reads from."""
        return frozenset(key for key in self.trie if isinstance(key, str))

    @property
    def nested_names(self) -> frozenset[str]:
        """The top-level attributes the projection reaches inside (``a.b``, ``a[0]``)."""
        return frozenset(
            key
            for key, child in self.trie.items()
            if isinstance(key, str) and isinstance(child, Trie)
        )

    def project(self, item: Mapping[str, AttributeValue]) -> Item:
        """The selected parts of ``item`` (a new top-level dict; values shared)."""
        return project_trie(item, self.trie)

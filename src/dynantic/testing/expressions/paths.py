"""Document paths once placeholders are resolved: lookup, display and tries.

A resolved path is a tuple of map keys (``str``) and list indexes (``int``).
Update and projection expressions gather their paths into a trie; building
it is also where the service's overlap and conflict rules are enforced.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final, TypeAlias, TypeVar

from dynantic.testing import messages
from dynantic.testing.engine.values import AttributeValue
from dynantic.testing.expressions import ast
from dynantic.testing.expressions.parsed import ExpressionError

__all__ = [
    "MISSING",
    "Missing",
    "ResolvedPath",
    "Trie",
    "build_trie",
    "get_path",
    "path_heads",
    "path_text",
    "resolve_path",
]

ResolvedPath: TypeAlias = tuple[str | int, ...]
LeafT = TypeVar("LeafT")


class Missing:
    """The value of a path that leads nowhere (distinct from a NULL value)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Final = Missing()


def resolve_path(path: ast.DocumentPath, names: Mapping[str, str]) -> ResolvedPath:
    """``path`` with each ``#name`` replaced by the name it stands for."""
    return tuple(
        names[element.name] if isinstance(element, ast.NamePlaceholder) else element
        for element in path.elements
    )


def path_heads(
    paths: Iterable[ast.DocumentPath], names: Mapping[str, str]
) -> tuple[frozenset[str], frozenset[str]]:
    """The top-level attributes ``paths`` name, and those they go inside of.

    A key attribute may not be updated, nor reached into (``pk.x``); a Query's
    filter may not name one. These sets let the operations check both.
    """
    heads: set[str] = set()
    nested: set[str] = set()
    for path in paths:
        first = path.elements[0]
        head = names[first.name] if isinstance(first, ast.NamePlaceholder) else str(first)
        heads.add(head)
        if len(path.elements) > 1:
            nested.add(head)
    return frozenset(heads), frozenset(nested)


def get_path(item: Mapping[str, AttributeValue], path: ResolvedPath) -> AttributeValue | Missing:
    """The value at ``path`` in ``item``, or :data:`MISSING`."""
    first = path[0]
    value = item.get(first, MISSING) if isinstance(first, str) else MISSING
    for element in path[1:]:
        if isinstance(element, int):
            if not isinstance(value, list) or element >= len(value):
                return MISSING
            value = value[element]
        elif isinstance(value, dict):
            value = value.get(element, MISSING)
        else:
            return MISSING
    return value


def path_text(path: ResolvedPath) -> str:
    """The service's rendering of a path in messages: ``[a, b, [0]]``."""
    return "[" + ", ".join(f"[{e}]" if type(e) is int else str(e) for e in path) + "]"


class Trie(dict[str | int, "Trie | Leaf"]):
    """Children by map key or list index; ``first`` is the earliest path below."""

    __slots__ = ("first",)

    def __init__(self, first: ResolvedPath) -> None:
        super().__init__()
        self.first = first


class Leaf:
    """Where a path ends: the path itself and what to do there."""

    __slots__ = ("action", "path")

    def __init__(self, path: ResolvedPath, action: object) -> None:
        self.path = path
        self.action = action


def build_trie(entries: Iterable[tuple[ResolvedPath, object]]) -> Trie:
    """Gather paths into a trie, refusing overlapping and conflicting paths.

    Two paths overlap when one is a prefix of (or equal to) the other; they
    conflict when, at the first place they differ, one indexes a list and the
    other names a map key. Overlaps are reported before conflicts, each naming
    the earlier path first.
    """
    root: Trie | None = None
    conflict: str | None = None
    for path, action in entries:
        if root is None:
            root = Trie(path)
        node = root
        for depth, element in enumerate(path):
            if node and type(next(iter(node))) is not type(element) and conflict is None:
                other = next(iter(node.values()))
                earlier = other.first if isinstance(other, Trie) else other.path
                conflict = messages.PATHS_CONFLICT.format(
                    one=path_text(earlier), two=path_text(path)
                )
            child = node.get(element)
            last = depth == len(path) - 1
            if isinstance(child, Leaf):
                raise _overlap(child.path, path)
            if child is None:
                if last:
                    node[element] = Leaf(path, action)
                    break
                child = node[element] = Trie(path)
            elif last:
                raise _overlap(child.first, path)
            node = child
    if conflict is not None:
        raise ExpressionError(conflict)
    return root if root is not None else Trie(())


def _overlap(one: ResolvedPath, two: ResolvedPath) -> ExpressionError:
    return ExpressionError(messages.PATHS_OVERLAP.format(one=path_text(one), two=path_text(two)))

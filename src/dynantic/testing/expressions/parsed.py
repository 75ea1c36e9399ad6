"""What a parse produces: the tree with what binding needs, or an error."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeAlias, TypeVar

from dynantic.testing.expressions import ast

__all__ = ["Check", "ExpressionError", "Node", "Parsed"]

Node: TypeAlias = "ast.Operand | ast.Condition"
RootT = TypeVar("RootT")


class ExpressionError(Exception):
    """A problem with an expression; the caller prefixes ``Invalid <kind>: ``."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


@dataclass(frozen=True, slots=True)
class Check:
    """A rule to verify when placeholders are bound.

    ``category`` is ``"operand"``, ``"distinct"`` or ``"function"`` (the
    service reports them in that order); ``message`` is set when the text alone
    already breaks the rule.
    """

    category: str
    node: Node | ast.UpdateAction
    message: str | None = None


@dataclass(frozen=True, slots=True, eq=False)
class Parsed(Generic[RootT]):
    """A parsed expression: the tree, plus what binding needs to know about it.

    Compared and hashed by identity: the parse cache hands out one per text,
    and the compiled forms are cached against it.
    """

    text: str
    root: RootT
    placeholders: tuple[str, ...]  # "#n" and ":v" in order of first appearance
    checks: tuple[Check, ...]
    name_placeholders: tuple[str, ...]  # the "#n" among them
    paths: tuple[ast.DocumentPath, ...] = ()  # every document path, in text order

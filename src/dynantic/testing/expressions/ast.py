"""The syntax tree shared by DynamoDB's five expression languages.

Nodes are frozen and hold only what the text says: placeholders keep their
names (``#n``, ``:v``), never the values a request binds to them, so one tree
serves every request that sends the same text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypeAlias

__all__ = [
    "AddAction",
    "And",
    "Arithmetic",
    "Between",
    "Comparison",
    "ComparisonOperator",
    "Condition",
    "DeleteAction",
    "DocumentPath",
    "FunctionCall",
    "In",
    "NamePlaceholder",
    "Not",
    "Operand",
    "Or",
    "PathElement",
    "ProjectionExpression",
    "RemoveAction",
    "SetAction",
    "UpdateAction",
    "UpdateExpression",
    "ValuePlaceholder",
]


@dataclass(frozen=True, slots=True)
class NamePlaceholder:
    """``#name``: an attribute name supplied in ExpressionAttributeNames."""

    name: str


# A document path element: a plain attribute name, a ``#name`` placeholder,
# or a list index (``[3]``).
PathElement: TypeAlias = "str | NamePlaceholder | int"


@dataclass(frozen=True, slots=True)
class DocumentPath:
    """``a.#b[3].c``: a top-level attribute followed by map keys and list indexes."""

    elements: tuple[PathElement, ...]


@dataclass(frozen=True, slots=True)
class ValuePlaceholder:
    """``:value``: a value supplied in ExpressionAttributeValues."""

    name: str


@dataclass(frozen=True, slots=True)
class FunctionCall:
    """``name(arg, …)``: a condition function, ``size``, ``if_not_exists`` or
    ``list_append``."""

    name: str
    args: tuple[Operand, ...]


@dataclass(frozen=True, slots=True)
class Arithmetic:
    """``left + right`` or ``left - right`` in a SET action's value."""

    operator: Literal["+", "-"]
    left: Operand
    right: Operand


Operand: TypeAlias = "DocumentPath | ValuePlaceholder | FunctionCall | Arithmetic"

ComparisonOperator: TypeAlias = Literal["=", "<>", "<", "<=", ">", ">="]


@dataclass(frozen=True, slots=True)
class Comparison:
    """``left <op> right`` with one of ``= <> < <= > >=``."""

    operator: ComparisonOperator
    left: Operand
    right: Operand


@dataclass(frozen=True, slots=True)
class Between:
    """``operand BETWEEN lower AND upper`` (bounds included)."""

    operand: Operand
    lower: Operand
    upper: Operand


@dataclass(frozen=True, slots=True)
class In:
    """``operand IN (candidate, …)``."""

    operand: Operand
    candidates: tuple[Operand, ...]


@dataclass(frozen=True, slots=True)
class And:
    left: Condition
    right: Condition


@dataclass(frozen=True, slots=True)
class Or:
    left: Condition
    right: Condition


@dataclass(frozen=True, slots=True)
class Not:
    operand: Condition


# A condition function (attribute_exists, begins_with …) is a FunctionCall.
Condition: TypeAlias = "Comparison | Between | In | And | Or | Not | FunctionCall"


@dataclass(frozen=True, slots=True)
class SetAction:
    """``SET path = value``."""

    path: DocumentPath
    value: Operand


@dataclass(frozen=True, slots=True)
class RemoveAction:
    """``REMOVE path``."""

    path: DocumentPath


@dataclass(frozen=True, slots=True)
class AddAction:
    """``ADD path :value``: add to a number or a set, creating it if missing."""

    path: DocumentPath
    value: ValuePlaceholder


@dataclass(frozen=True, slots=True)
class DeleteAction:
    """``DELETE path :value``: take members out of a set."""

    path: DocumentPath
    value: ValuePlaceholder


UpdateAction: TypeAlias = "SetAction | RemoveAction | AddAction | DeleteAction"


@dataclass(frozen=True, slots=True)
class UpdateExpression:
    """The actions of every section, in the order they were written."""

    actions: tuple[UpdateAction, ...]


@dataclass(frozen=True, slots=True)
class ProjectionExpression:
    """The document paths to return, in the order they were written."""

    paths: tuple[DocumentPath, ...]

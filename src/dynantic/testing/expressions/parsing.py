"""Parsing with the service's framing: limits, message prefixes and a cache.

Each distinct text is parsed once (bounded LRU cache); the trees hold no
placeholder values, so every request that sends the same text shares them.
"""

from __future__ import annotations

import inspect
import sys
import threading
from collections.abc import Callable
from functools import lru_cache
from typing import Literal, TypeAlias, TypeVar

from dynantic.testing import messages
from dynantic.testing.errors import ServiceError, validation_error
from dynantic.testing.expressions import ast
from dynantic.testing.expressions.parsed import ExpressionError, Parsed
from dynantic.testing.expressions.parser import parse_condition_text
from dynantic.testing.expressions.statements import parse_projection_text, parse_update_text

__all__ = [
    "MAX_EXPRESSION_BYTES",
    "ConditionKind",
    "ExpressionKind",
    "invalid_expression",
    "parse_condition",
    "parse_key_condition",
    "parse_projection",
    "parse_update",
]

ConditionKind: TypeAlias = Literal[
    "ConditionExpression", "FilterExpression", "KeyConditionExpression"
]
ExpressionKind: TypeAlias = Literal[
    "ConditionExpression",
    "FilterExpression",
    "KeyConditionExpression",
    "UpdateExpression",
    "ProjectionExpression",
]

MAX_EXPRESSION_BYTES = 4096
_CACHE_SIZE = 2048
ParsedT = TypeVar("ParsedT")

# The parser recurses once per nesting level: at most six frames for each "("
# (a function call inside an update's value) or NOT. DynamoDB sets no nesting
# limit of its own (the 4 KB and 300-operator limits bound it), so a deeply
# nested text is parsed with the recursion limit raised for the purpose.
_FRAMES_PER_LEVEL = 6
_SHALLOW_LEVELS = 80
_RECURSION_LOCK = threading.Lock()


def _current_depth() -> int:
    depth = 0
    frame = inspect.currentframe()
    while frame is not None:
        depth += 1
        frame = frame.f_back
    return depth


def _parse_nested(parse: Callable[[str], ParsedT], text: str) -> ParsedT:
    """``parse(text)``, with room on the stack for however deeply ``text`` nests."""
    levels = text.count("(") + text.upper().count("NOT")
    if levels < _SHALLOW_LEVELS:
        return parse(text)
    needed = _current_depth() + _FRAMES_PER_LEVEL * levels + 100
    with _RECURSION_LOCK:
        limit = sys.getrecursionlimit()
        if needed <= limit:
            return parse(text)
        sys.setrecursionlimit(needed)
        try:
            return parse(text)
        finally:
            sys.setrecursionlimit(limit)


def invalid_expression(kind: ExpressionKind, detail: str) -> ServiceError:
    """``Invalid <kind>: <detail>`` as a ValidationException."""
    return validation_error(messages.EXPRESSION_INVALID.format(kind=kind, detail=detail))


def _check_size(text: str, kind: ExpressionKind) -> None:
    # Characters never outnumber UTF-8 bytes, and take at most four each.
    if len(text) * 4 <= MAX_EXPRESSION_BYTES:
        return
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_EXPRESSION_BYTES:
        if kind in {"ConditionExpression", "FilterExpression"}:
            raise invalid_expression(kind, messages.EXPRESSION_TOO_LONG_SIZED.format(size=size))
        raise invalid_expression(kind, messages.EXPRESSION_TOO_LONG)


@lru_cache(maxsize=_CACHE_SIZE)
def _condition(text: str) -> Parsed[ast.Condition]:
    return _parse_nested(parse_condition_text, text)


@lru_cache(maxsize=_CACHE_SIZE)
def _update(text: str) -> Parsed[ast.UpdateExpression]:
    return _parse_nested(parse_update_text, text)


@lru_cache(maxsize=_CACHE_SIZE)
def _projection(text: str) -> Parsed[ast.ProjectionExpression]:
    return _parse_nested(parse_projection_text, text)


def parse_condition(
    text: str, kind: ConditionKind = "ConditionExpression"
) -> Parsed[ast.Condition]:
    """Parse a ConditionExpression, FilterExpression or KeyConditionExpression.

    Raises the service's ``ValidationException`` for problems the text alone
    shows; those that depend on placeholders are checked when binding.
    """
    _check_size(text, kind)
    try:
        return _condition(text)
    except ExpressionError as error:
        raise invalid_expression(kind, error.detail) from None


def parse_key_condition(text: str) -> Parsed[ast.Condition]:
    """Parse a KeyConditionExpression (its key rules are checked when binding)."""
    return parse_condition(text, "KeyConditionExpression")


def parse_update(text: str) -> Parsed[ast.UpdateExpression]:
    """Parse an UpdateExpression."""
    _check_size(text, "UpdateExpression")
    try:
        return _update(text)
    except ExpressionError as error:
        raise invalid_expression("UpdateExpression", error.detail) from None


def parse_projection(text: str) -> Parsed[ast.ProjectionExpression]:
    """Parse a ProjectionExpression."""
    _check_size(text, "ProjectionExpression")
    try:
        return _projection(text)
    except ExpressionError as error:
        raise invalid_expression("ProjectionExpression", error.detail) from None

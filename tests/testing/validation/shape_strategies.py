"""Hypothesis strategies for requests of any shape of the DynamoDB model.

``requests(shape, style)`` draws requests for an input shape, recursively
through every nested shape:

- ``"clean"``: every value of its shape's type and within its constraints;
- ``"junk"``: as clean, but any value may be replaced by one of another type,
  required members dropped and unknown members added (what botocore refuses);
- ``"broken"``: every value of its type, but lengths, numbers, enum values and
  patterns drawn from both sides of each bound, and members left ``None`` or out
  (what the service refuses).
"""

from __future__ import annotations

import datetime
import functools
import io
import re
import string
from collections.abc import Hashable
from decimal import Decimal
from typing import Literal

from botocore.model import ListShape, MapShape, Shape, StringShape, StructureShape
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from dynantic.testing.model import input_shape
from dynantic.testing.validation.codegen import shape_key
from dynantic.testing.validation.java_regex import python_pattern

Style = Literal["clean", "junk", "broken"]

AGREEMENT = settings(
    max_examples=10,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
        HealthCheck.large_base_example,
    ],
)
"""Settings for the tests that compare two verdicts over every operation: a fixed
seed and a few examples each, so that the 62 operations take seconds."""

_DEEPEST = 4
_NAME_CHARACTERS = string.ascii_letters + string.digits + "_.-"
_JUNK: list[object] = [None, 0, 1, 1.5, "x", b"x", [], {}, True, object(), Decimal("2")]
_SOMETIMES = 12
"""A "junk" or "broken" value replaces about one value in this many."""


def requests(shape: Shape, style: Style) -> st.SearchStrategy[object]:
    """Requests for ``shape`` in ``style``: always a ``dict``, whatever it holds."""
    return _Builder(style).typed(shape, 0)


@functools.cache
def operation_requests(operation_name: str, *styles: Style) -> st.SearchStrategy[object]:
    """Requests for an operation, in any of ``styles``."""
    shape = input_shape(operation_name)
    return st.one_of([requests(shape, style) for style in styles])


class _Builder:
    def __init__(self, style: Style) -> None:
        self._style = style
        self._built: dict[tuple[Hashable, int], st.SearchStrategy[object]] = {}

    def build(self, shape: Shape, depth: int) -> st.SearchStrategy[object]:
        key = (shape_key(shape), depth)
        found = self._built.get(key)
        if found is None:
            found = self._built[key] = self._mutated(self.typed(shape, depth))
        return found

    def _mutated(self, typed: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
        if self._style != "junk":
            return typed
        junk = st.sampled_from(_JUNK)
        return st.integers(0, _SOMETIMES).flatmap(lambda n: junk if n == 0 else typed)

    def typed(self, shape: Shape, depth: int) -> st.SearchStrategy[object]:
        if isinstance(shape, StructureShape):
            return self._structure(shape, depth)
        if isinstance(shape, ListShape):
            return self._list(shape, depth)
        if isinstance(shape, MapShape):
            return self._map(shape, depth)
        if isinstance(shape, StringShape):
            return self._string(shape)
        return self._scalar(shape)

    def _structure(self, shape: StructureShape, depth: int) -> st.SearchStrategy[object]:
        members = {name: self.build(member, depth + 1) for name, member in shape.members.items()}
        if depth > _DEEPEST + 4:
            return st.just({})
        required = {name: members[name] for name in shape.required_members}
        optional = (
            {}
            if depth > _DEEPEST
            else {name: strategy for name, strategy in members.items() if name not in required}
        )
        if shape.is_tagged_union:
            drawn = st.sampled_from(sorted(members)).flatmap(
                lambda name: st.fixed_dictionaries({name: members[name]})
            )
        else:
            drawn = st.fixed_dictionaries(required, optional=optional)
        if self._style == "clean":
            return drawn
        return drawn.flatmap(lambda fields: self._damaged(fields, shape))

    def _damaged(self, fields: object, shape: StructureShape) -> st.SearchStrategy[object]:
        assert isinstance(fields, dict)
        names = sorted(fields)
        damage: list[st.SearchStrategy[object]] = [st.just(fields)] * _SOMETIMES
        if names:
            damage.append(st.sampled_from(names).map(lambda name: _without(fields, name)))
        if self._style == "junk":
            damage.append(st.just({**fields, "Unmodelled": 1}))
            if shape.is_tagged_union:
                damage.append(st.just({}))
                damage.append(st.just(dict.fromkeys(shape.members, _JUNK[1])))
        elif names:
            damage.append(st.sampled_from(names).map(lambda name: {**fields, name: None}))
        return st.one_of(damage)

    def _list(self, shape: ListShape, depth: int) -> st.SearchStrategy[object]:
        low, high = _sizes(shape, 3)
        if depth > _DEEPEST:
            high = low
        if high == 0:
            return st.just([])
        element = self.build(shape.member, depth + 1)
        lists = st.lists(element, min_size=low, max_size=high)
        if self._style == "junk":
            return st.one_of(lists, lists.map(tuple))
        if self._style == "broken":
            return st.one_of(lists, _lengths_around(shape).map(lambda n: [None] * n))
        return lists

    def _map(self, shape: MapShape, depth: int) -> st.SearchStrategy[object]:
        low, high = _sizes(shape, 3)
        if depth > _DEEPEST:
            high = low
        if high == 0:
            return st.just({})
        keys = self.build(shape.key, depth + 1).filter(lambda key: isinstance(key, Hashable))
        values = self.build(shape.value, depth + 1)
        return st.dictionaries(keys, values, min_size=low, max_size=high)

    def _string(self, shape: StringShape) -> st.SearchStrategy[object]:
        low, high = _sizes(shape, 12)
        if shape.enum:
            clean: st.SearchStrategy[str] = st.sampled_from(shape.enum)
        elif "pattern" in shape.metadata:
            clean = _matching(shape.metadata["pattern"]).filter(lambda s: len(s) >= low)
        else:
            clean = st.text(_NAME_CHARACTERS, min_size=low, max_size=high)
        if shape.name == "TableArn":
            arns = st.text(_NAME_CHARACTERS, min_size=3, max_size=8).map(_table_arn)
            names = st.text(_NAME_CHARACTERS, min_size=3, max_size=12)
            clean = st.one_of(names, arns)
        if self._style != "broken":
            return clean
        around = _lengths_around(shape).flatmap(
            lambda n: st.sampled_from(["a" * n, "arn:" + "a" * max(n - 4, 0), ";" * n])
        )
        return st.one_of(clean, around, st.text(max_size=4))

    def _scalar(self, shape: Shape) -> st.SearchStrategy[object]:
        kind = shape.type_name
        if kind in ("integer", "long"):
            low = shape.metadata.get("min", -3)
            high = shape.metadata.get("max", low + 40)
            numbers = st.integers(low, high)
            if self._style == "broken":
                return st.one_of(numbers, st.sampled_from([low - 1, low, high, high + 1]))
            return st.one_of(numbers, st.booleans()) if self._style == "junk" else numbers
        if kind in ("float", "double"):
            return st.one_of(
                st.floats(allow_nan=False), st.decimals(allow_nan=False), st.integers()
            )
        if kind == "boolean":
            return st.booleans()
        if kind == "blob":
            return st.one_of(st.binary(max_size=4), st.binary(max_size=4).map(bytearray))
        if kind == "timestamp":
            return st.one_of(
                st.datetimes(),
                st.datetimes().map(datetime.datetime.isoformat),
                st.integers(0, 2**31),
                *([st.text(max_size=5), st.just(io.BytesIO())] if self._style == "junk" else []),
            )
        raise AssertionError(f"no strategy for {kind} shapes")


@functools.cache
def _matching(pattern: str) -> st.SearchStrategy[str]:
    """Strings that match a model pattern.

    Patterns spelled with code points or classes (``\\u…``, ``\\p{…}``) admit
    almost any text, and hypothesis is slow to draw from them, so plain text
    that matches stands in for them.
    """
    python = python_pattern(pattern)
    if "\\u" in pattern or "\\p" in pattern:
        matches = re.compile(python).fullmatch
        return st.text(_NAME_CHARACTERS, max_size=12).filter(lambda s: matches(s) is not None)
    return st.from_regex(python, fullmatch=True)


def _without(fields: dict[str, object], name: str) -> dict[str, object]:
    return {key: value for key, value in fields.items() if key != name}


def _table_arn(name: str) -> str:
    return f"arn:aws:dynamodb:us-east-1:123456789012:table/{name}"


def _sizes(shape: Shape, longest: int) -> tuple[int, int]:
    """Sizes within the shape's bounds, kept small."""
    low = int(shape.metadata.get("min", 0))
    high = int(shape.metadata.get("max", low + longest))
    return low, min(high, low + longest)


def _lengths_around(shape: Shape) -> st.SearchStrategy[int]:
    """Lengths on both sides of the shape's bounds."""
    bounds = [int(shape.metadata[name]) for name in ("min", "max") if name in shape.metadata]
    lengths = {max(n, 0) for bound in bounds for n in (bound - 1, bound, bound + 1)}
    return st.sampled_from(sorted(lengths | {0, 1}))

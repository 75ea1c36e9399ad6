"""Every constraint the model sets on a data-plane request is enforced by the service-side check.

For each operation, every shape with an ``enum``, ``pattern``, ``max`` or
``min`` is found by walking the input shape; a request that is valid except for
one value breaking that one constraint must be refused, naming the value's
place and the constraint.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from botocore.model import ListShape, MapShape, Shape, StringShape, StructureShape

from dynantic.testing import messages
from dynantic.testing.errors import ServiceError
from dynantic.testing.model import input_shape
from dynantic.testing.validation import check_constraints
from dynantic.testing.validation.service_facts import (
    BYTE_LENGTH_SHAPES,
    NEWER_ENUM_FIRST,
    NEWER_ITEM_WRITES,
    OWN_ENUM_SHAPES,
    OWN_LENGTH_SHAPES,
    REQUEST_ITEMS_FIRST,
    TABLE_NAME_FIRST,
)

DATA_PLANE = [
    "GetItem",
    "PutItem",
    "UpdateItem",
    "DeleteItem",
    "Query",
    "Scan",
    "BatchGetItem",
    "BatchWriteItem",
    "TransactGetItems",
    "TransactWriteItems",
    "CreateTable",
    "UpdateTable",
    "DeleteTable",
    "DescribeTable",
    "ListTables",
    "UpdateTimeToLive",
    "DescribeTimeToLive",
    "TagResource",
    "UntagResource",
    "ListTagsOfResource",
]

TABLE_ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/"


@dataclass(frozen=True)
class Step:
    """One step down into a request: a member, a list's member, a map's key or value."""

    kind: str  # "member", "element", "key" or "value"
    name: str = ""


@dataclass(frozen=True)
class Site:
    """A constraint of a shape, and the way down to a value of that shape."""

    steps: tuple[Step, ...]
    shape: Shape
    constraint: str  # "enum", "pattern", "max" or "min"

    def __str__(self) -> str:
        path = ".".join(step.name or step.kind for step in self.steps)
        return f"{path}:{self.shape.name}:{self.constraint}"


def sites(
    shape: Shape, steps: tuple[Step, ...] = (), seen: frozenset[str] = frozenset()
) -> Iterator[Site]:
    """Every constrained shape under ``shape``, each reached by its first way down."""
    if shape.name in seen:
        return
    seen = seen | {shape.name}
    for constraint in ("enum", "pattern", "max", "min"):
        if shape.metadata.get(constraint):
            yield Site(steps, shape, constraint)
    if isinstance(shape, StructureShape):
        for name, member in shape.members.items():
            yield from sites(member, (*steps, Step("member", name)), seen)
    elif isinstance(shape, ListShape):
        yield from sites(shape.member, (*steps, Step("element")), seen)
    elif isinstance(shape, MapShape):
        yield from sites(shape.key, (*steps, Step("key")), seen)
        yield from sites(shape.value, (*steps, Step("value", "k0k")), seen)


def valid(shape: Shape) -> object:
    """The smallest value of ``shape`` that satisfies every constraint."""
    metadata = shape.metadata
    if isinstance(shape, StructureShape):
        return {name: valid(shape.members[name]) for name in shape.required_members}
    if isinstance(shape, ListShape):
        return [valid(shape.member)] * metadata.get("min", 0)
    if isinstance(shape, MapShape):
        return {valid_key(shape.key, n): valid(shape.value) for n in range(metadata.get("min", 0))}
    if isinstance(shape, StringShape):
        if shape.enum:
            return shape.enum[0]
        if shape.name == "TableArn":
            return "abc"
        return "a" * max(metadata.get("min", 0), 3 if "pattern" in metadata else 0)
    return {
        "integer": metadata.get("min", 1),
        "long": metadata.get("min", 1),
        "double": 1.0,
        "boolean": True,
        "blob": b"x",
        "timestamp": datetime.datetime(2024, 1, 1),
    }[shape.type_name]


def valid_key(shape: Shape, n: int) -> str:
    shortest: int = shape.metadata.get("min", 0)
    return f"k{n}k" + "a" * max(0, shortest - 3)


def breaking(site: Site) -> object:
    """A value of the site's shape that breaks its constraint, and only that one."""
    shape = site.shape
    if site.constraint == "enum":
        return "NOT_A_MEMBER"
    if site.constraint == "pattern":
        return ";" * max(shape.metadata.get("min", 1), 3)
    bound: int = shape.metadata[site.constraint]
    beyond = bound + 1 if site.constraint == "max" else bound - 1
    if isinstance(shape, StringShape):
        if shape.name == "TableArn" and site.constraint == "max":  # an ARN's bound, for an ARN
            return TABLE_ARN + "a" * (beyond - len(TABLE_ARN))
        return "a" * beyond
    if isinstance(shape, ListShape):
        return [valid(shape.member)] * beyond
    if isinstance(shape, MapShape):
        return {valid_key(shape.key, n): valid(shape.value) for n in range(beyond)}
    return beyond


def request(shape: Shape, steps: tuple[Step, ...], value: object) -> object:
    """A valid value of ``shape`` with ``value`` at the end of ``steps``."""
    if not steps:
        return value
    step, rest = steps[0], steps[1:]
    if isinstance(shape, StructureShape):
        fields = valid(shape)
        assert isinstance(fields, dict)
        return {**fields, step.name: request(shape.members[step.name], rest, value)}
    if isinstance(shape, ListShape):
        return [request(shape.member, rest, value)]
    assert isinstance(shape, MapShape)
    if step.kind == "key":
        assert isinstance(value, str)
        return {value: valid(shape.value)}
    return {step.name: request(shape.value, rest, value)}


def expected_place(steps: tuple[Step, ...]) -> str:
    """Where the service reports a failure at the end of ``steps``."""
    names: list[str] = []
    for index, step in enumerate(steps):
        last = index == len(steps) - 1
        if step.kind == "member":
            names.append(step.name[:1].lower() + step.name[1:])
        elif step.kind == "element":
            names += ["1", "member"]
        elif not last:  # a map's key, or its value's own rules, are reported on the map
            names += [step.name, "member"]
    return ".".join(names)


def answered_in_own_words(operation_name: str, site: Site) -> bool:
    """Whether the operation refuses this broken value in its own words (a table
    name outside 3 to 255 characters, an empty RequestItems map, Query's
    ConditionalOperator, a table class, a tag's key or value length; see
    ``test_service_side`` and the tag tests)."""
    if site.constraint == "enum" and site.shape.name in OWN_ENUM_SHAPES:
        return True
    if site.constraint in {"min", "max"} and site.shape.name in OWN_LENGTH_SHAPES:
        return True
    if operation_name in TABLE_NAME_FIRST:
        last = site.steps[-1]
        return site.constraint == "min" and last.name == "TableName"
    if operation_name == "Query" and site.steps == (Step("member", "Limit"),):
        return True  # "Value at 'Limit'", in test_service_side
    if operation_name == "BatchGetItem" and site.shape.name == "KeyList":
        return True  # "Value at 'RequestItems.<table>.member.Keys'", in test_service_side
    if operation_name in REQUEST_ITEMS_FIRST:
        return site.constraint == "min" and site.steps == (Step("member", "RequestItems"),)
    if operation_name in NEWER_ITEM_WRITES and (
        site.steps == (Step("member", "ReturnValues"),)
        or (site.constraint == "min" and site.steps == (Step("member", "TableName"),))
    ):
        return True
    newer = NEWER_ENUM_FIRST.get(operation_name)
    return (
        newer is not None
        and site.constraint == "enum"
        and site.steps == (Step("member", newer[0]),)
    )


def in_own_words_in_a_map(site: Site) -> bool:
    """Whether the service names neither value nor place: an attribute name too
    long, as a map's key or value (``BYTE_LENGTH_SHAPES``)."""
    return (
        site.shape.name in BYTE_LENGTH_SHAPES
        and site.constraint == "max"
        and site.steps[-1].kind in {"key", "value"}
    )


def all_sites() -> Iterator[tuple[str, Site]]:
    for operation_name in DATA_PLANE:
        shape = input_shape(operation_name)
        for site in sites(shape):
            if not answered_in_own_words(operation_name, site):
                yield operation_name, site


SITES = list(all_sites())


@pytest.mark.parametrize(("operation_name", "site"), SITES, ids=[f"{o}:{s}" for o, s in SITES])
def test_the_constraint_is_enforced(operation_name: str, site: Site) -> None:
    shape = input_shape(operation_name)
    params = request(shape, site.steps, breaking(site))
    assert isinstance(params, dict)
    with pytest.raises(ServiceError) as raised:
        check_constraints(operation_name, params)
    message = raised.value.message
    assert message.startswith("1 validation error detected: ")
    if in_own_words_in_a_map(site):
        assert message == f"1 validation error detected: {messages.ATTRIBUTE_NAME_TOO_LARGE}"
        return
    assert f" at '{expected_place(site.steps)}' failed to satisfy constraint: " in message
    bound = site.shape.metadata[site.constraint]
    constraint = {
        "enum": "Member must satisfy enum value set: [",
        "pattern": f"Member must satisfy regular expression pattern: {bound}",
        "max": f"less than or equal to {bound}",
        "min": f"greater than or equal to {bound}",
    }[site.constraint]
    assert constraint in message


def test_every_data_plane_operation_has_constraints_to_check() -> None:
    operations = {operation_name for operation_name, _ in SITES}
    assert operations == set(DATA_PLANE)
    assert {site.constraint for _, site in SITES} == {"enum", "pattern", "max", "min"}

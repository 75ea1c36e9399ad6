"""How the service words a constraint failure.

``Value 'FOO' at 'returnValues' failed to satisfy constraint: Member must …``:
a value is quoted (``null`` is not), a list is shown as ``[a, b]``, and a
structure or map as compact JSON with a structure's members in the order the
service keeps them; binary data appears as the base64 text the service
received. Several failures are joined as ``N validation errors detected: …; …``.
"""

from __future__ import annotations

import base64
import json
import zlib
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import cast

from botocore.model import ListShape, MapShape, Shape, StructureShape

from dynantic.testing import messages
from dynantic.testing.validation.constraints import Rule, lower_first, report_order
from dynantic.testing.validation.service_facts import JAVA_FIELDS_SHAPES, JAVA_OBJECT_SHAPES

__all__ = ["bracketed", "constraint_failure", "shown", "validation_errors"]


def validation_errors(failures: list[str]) -> str:
    """The message of a ``ValidationException`` listing ``failures``."""
    count = len(failures)
    plural = "" if count == 1 else "s"
    return messages.VALIDATION_ERRORS.format(count=count, plural=plural, errors="; ".join(failures))


def constraint_failure(value: object, shape: Shape, path: str, constraint: str) -> str:
    """One failure: ``value`` of ``shape`` at ``path`` breaks ``constraint``."""
    return messages.CONSTRAINT_FAILED.format(
        value=shown(value, shape), path=path, constraint=constraint
    )


def bracketed(rules: Iterable[Rule]) -> str:
    """The rules of a map's keys or values as the service lists them in brackets."""
    ordered = sorted(rules, key=lambda rule: _BRACKET_ORDER.index(rule.kind))
    return ", ".join(rule.text for rule in ordered)


# Inside "Map keys/value must satisfy constraint: [...]" the service names the
# upper bound before the lower one, unlike when it reports them one by one.
_BRACKET_ORDER = (
    "max_length",
    "max_bytes",
    "max_value",
    "min_length",
    "min_value",
    "pattern",
    "enum",
)


def shown(value: object, shape: Shape) -> str:
    """``value`` as a failure message shows it: quoted, or ``null``."""
    if value is None:
        return "null"
    return f"'{_text(value, shape)}'"


def _text(value: object, shape: Shape) -> str:
    if shape.name in JAVA_OBJECT_SHAPES:
        return _java(value, shape)
    if isinstance(value, (list, tuple)):
        element = shape.member if isinstance(shape, ListShape) else shape
        items = cast("Sequence[object]", value)
        return "[" + ", ".join(_text_or_null(item, element) for item in items) + "]"
    if isinstance(value, Mapping):
        entries = cast("Mapping[object, object]", value)
        if isinstance(shape, MapShape) and _holds_java_objects(shape.value):
            # A Java map's own rendering: {key=value, key=value}.
            inner = shape.value
            return (
                "{"
                + ", ".join(f"{key}={_text(item, inner)}" for key, item in entries.items())
                + "}"
            )
        return _json(entries, shape)
    return _scalar(value)


def _holds_java_objects(shape: Shape) -> bool:
    if isinstance(shape, ListShape):
        shape = shape.member
    return shape.name in JAVA_OBJECT_SHAPES


def _java(value: object, shape: Shape) -> str:
    """A value as Java's ``toString`` shows it inside a Java rendering."""
    if value is None:
        return "null"
    if shape.name in JAVA_FIELDS_SHAPES and isinstance(shape, StructureShape):
        return _java_fields(cast("Mapping[str, object]", value), shape)
    if isinstance(shape, StructureShape):
        return _java_object(value, shape)
    if isinstance(shape, MapShape) and isinstance(value, Mapping):
        entries = cast("Mapping[object, object]", value)
        return "{" + ", ".join(f"{k}={_java(v, shape.value)}" for k, v in entries.items()) + "}"
    if isinstance(shape, ListShape) and isinstance(value, (list, tuple)):
        items = cast("Sequence[object]", value)
        return "[" + ", ".join(_java(item, shape.member) for item in items) + "]"
    return _scalar(value)


def _java_fields(value: Mapping[str, object], shape: StructureShape) -> str:
    """A structure with its fields: ``Name(member=value, …, ownField=null)``."""
    fields = [
        f"{lower_first(name)}={_java(value.get(name), member)}"
        for name, member in shape.members.items()
    ]
    fields += [f"{name}=null" for name in JAVA_FIELDS_SHAPES[shape.name]]
    return f"{shape.name}({', '.join(fields)})"


def _java_object(value: object, shape: Shape) -> str:
    """A structure as Java prints an object without its own rendering: class@hash
    (the hash, arbitrary in the service, is drawn from the value here)."""
    digest = zlib.crc32(repr(value).encode("utf-8"))
    return messages.JAVA_OBJECT.format(shape=shape.name, hash=digest)


def _text_or_null(value: object, shape: Shape) -> str:
    return "null" if value is None else _text(value, shape)


def _scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return _number(value)
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode("ascii")
    return str(value)


def _number(value: float) -> str:
    """A float as the service's JSON shows it: ``1`` for ``1.0``, ``1e-7`` for ``1e-07``."""
    if value.is_integer() and abs(value) < 1e21:
        return str(int(value))
    mantissa, _, exponent = repr(value).partition("e")
    if not exponent:
        return mantissa
    return f"{mantissa}e{'+' if int(exponent) > 0 else '-'}{abs(int(exponent))}"


def _json(value: object, shape: Shape) -> str:
    """Compact JSON, structure members in the service's order, nulls left out."""
    if isinstance(value, Mapping):
        entries = cast("Mapping[object, object]", value)
        if isinstance(shape, StructureShape):
            pairs = [
                (name, entries[name], shape.members[name])
                for name in report_order(shape)
                if entries.get(name) is not None
            ]
        else:
            inner = shape.value if isinstance(shape, MapShape) else shape
            pairs = [(str(name), item, inner) for name, item in entries.items()]
        body = ",".join(f"{_json(name, shape)}:{_json(item, inner)}" for name, item, inner in pairs)
        return "{" + body + "}"
    if isinstance(value, (list, tuple)):
        element = shape.member if isinstance(shape, ListShape) else shape
        items = cast("Sequence[object]", value)
        return "[" + ",".join(_json(item, element) for item in items) + "]"
    if value is None:
        return "null"
    if isinstance(value, (bool, int, float, Decimal)):
        return _scalar(value)
    return json.dumps(_scalar(value), ensure_ascii=False)

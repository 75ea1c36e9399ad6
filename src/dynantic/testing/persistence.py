"""The in-memory DynamoDB's state as a JSON document, and saving it safely.

The document holds each table's definition — every field of
:class:`~dynantic.testing.engine.definition.TableDefinition`, indexes, TTL and
tags included, so the table comes back exactly — and its items in DynamoDB's
JSON wire form (``{"pk": {"S": "a"}, "b": {"B": "AAE="}}``)::

    {"format": "dynantic-dynamodb-state", "version": 1,
     "tables": [{"definition": {...}, "items": [{...}, ...]}]}

Definitions are written field by field from their type annotations, so a field
added to a definition class is saved without a change here. Nothing in this
module knows about HTTP.
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import json
import os
import tempfile
import types
import typing
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import cast

from dynantic.testing import wire
from dynantic.testing.engine.definition import TableDefinition
from dynantic.testing.engine.table import Table
from dynantic.testing.engine.values import decode_item, encode_item
from dynantic.testing.model import service_model

if typing.TYPE_CHECKING:
    from dynantic.testing.engine.database import Database

__all__ = ["FORMAT", "VERSION", "export_state", "import_state", "load_state", "save_state"]

FORMAT = "dynantic-dynamodb-state"
VERSION = 1
# Values in fields typed ``object`` keep their Python type through these tags.
_TAGS: dict[str, type] = {
    "$datetime": datetime,
    "$date": date,
    "$bytes": bytes,
    "$decimal": Decimal,
}


# ---------------------------------------------------------------- whole state


def export_state(database: Database) -> dict[str, object]:
    """The database's tables and items as a JSON-ready document."""
    item_encoder = wire.encoder(service_model().shape_for("AttributeMap"))
    assert item_encoder is not None
    with database.lock:
        tables = [
            {
                "definition": _dump(table.definition),
                "items": [item_encoder(encode_item(item)) for item in table.items()],
            }
            for table in database.tables.values()
        ]
    return {"format": FORMAT, "version": VERSION, "tables": tables}


def import_state(database: Database, document: Mapping[str, object]) -> None:
    """Replace the database's tables with those of an :func:`export_state` document."""
    if document.get("format") != FORMAT or document.get("version") != VERSION:
        raise ValueError(f"not a {FORMAT} document of version {VERSION}")
    item_decoder = wire.decoder(service_model().shape_for("AttributeMap"))
    tables: dict[str, Table] = {}
    for entry in cast("list[dict[str, object]]", document["tables"]):
        definition = cast("TableDefinition", _load(entry["definition"], TableDefinition))
        table = Table(definition)
        for index in (*definition.global_indexes.values(), *definition.local_indexes.values()):
            table.add_index(index)
        table.set_expiry(definition.ttl.attribute_name if definition.ttl.enabled else None)
        for wire_item in cast("list[object]", entry["items"]):
            item = cast("dict[str, object]", item_decoder(wire_item))
            table.put(decode_item(item))
        tables[definition.name] = table
    with database.lock:
        database.tables.clear()
        database.tables.update(tables)


def save_state(database: Database, path: str | os.PathLike[str]) -> None:
    """Write the state to ``path`` atomically: a crash mid-save leaves the
    previous file as it was.

    The document goes to a temporary file in the same directory, is flushed to
    disk, and replaces ``path`` in one rename; the directory is synced so the
    rename itself survives a power cut.
    """
    target = Path(path)
    data = json.dumps(export_state(database), ensure_ascii=False, separators=(",", ":"))
    descriptor, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_directory(target.parent)


def load_state(database: Database, path: str | os.PathLike[str]) -> bool:
    """Restore the state saved at ``path``; ``False`` if there is no such file."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return False
    import_state(database, cast("dict[str, object]", json.loads(text)))
    return True


def _sync_directory(directory: Path) -> None:
    if os.name != "posix":  # pragma: no cover - directories cannot be opened elsewhere
        return
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


# ---------------------------------------------------------------- definitions


def _dump(value: object) -> object:
    """A definition (or any field of one) as JSON."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        # Fields not given to the constructor are derived from the others.
        return {
            field.name: _dump(getattr(value, field.name))
            for field in dataclasses.fields(value)
            if field.init
        }
    if isinstance(value, dict):
        entries = cast("dict[str, object]", value)
        return {key: _dump(item) for key, item in entries.items()}
    if isinstance(value, list | tuple):
        return [_dump(item) for item in cast("list[object]", value)]
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, bytes):
        return {"$bytes": base64.b64encode(value).decode("ascii")}
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    return value


def _load(value: object, annotation: object) -> object:
    """The value of type ``annotation`` that :func:`_dump` wrote as ``value``."""
    if value is None:
        return None
    origin = typing.get_origin(annotation)
    arguments = typing.get_args(annotation)
    if origin is typing.Union or origin is types.UnionType:
        present = [argument for argument in arguments if argument is not type(None)]
        return _load(value, present[0] if len(present) == 1 else object)
    if isinstance(annotation, type) and dataclasses.is_dataclass(annotation):
        fields = cast("dict[str, object]", value)
        hints = typing.get_type_hints(annotation)
        known = {field.name for field in dataclasses.fields(annotation) if field.init}
        return annotation(
            **{name: _load(fields[name], hints[name]) for name in known & set(fields)}
        )
    if origin is tuple:
        return tuple(_load(item, arguments[0]) for item in cast("list[object]", value))
    if origin is list:
        return [_load(item, arguments[0]) for item in cast("list[object]", value)]
    if origin is dict:
        entries = cast("dict[str, object]", value)
        return {key: _load(item, arguments[1]) for key, item in entries.items()}
    return _untag(value)


def _untag(value: object) -> object:
    """A JSON value with the tagged datetimes, bytes and decimals restored."""
    if isinstance(value, list):
        return [_untag(item) for item in cast("list[object]", value)]
    if not isinstance(value, dict):
        return value
    entries = cast("dict[str, object]", value)
    if len(entries) == 1:
        ((tag, payload),) = entries.items()
        kind = _TAGS.get(tag)
        if kind is datetime:
            return datetime.fromisoformat(cast("str", payload))
        if kind is date:
            return date.fromisoformat(cast("str", payload))
        if kind is bytes:
            return base64.b64decode(cast("str", payload))
        if kind is Decimal:
            return Decimal(cast("str", payload))
    return {key: _untag(item) for key, item in entries.items()}

"""Direct access to the fake's state: declare tables, seed items, read them back,
reset, and copy and restore the whole of it.

Tables and items go in through the operations' own checks (CreateTable,
PutItem), so bad seed data is refused exactly as the service refuses it.
Snapshots copy containers and share items: stored items are never mutated in
place, so sharing them is safe, and a snapshot of a large table costs little
more than copying its dictionaries.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, TypeAlias, cast

from boto3.dynamodb.types import TypeDeserializer, TypeSerializer

from dynantic.testing.engine.database import NOT_STATE, Database
from dynantic.testing.engine.table import Table
from dynantic.testing.engine.values import encode_item
from dynantic.testing.validation import check_request

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import AttributeValueTypeDef

    from dynantic.testing.service import Service

__all__ = [
    "Snapshot",
    "TableSpec",
    "add_tables",
    "reset",
    "restore",
    "seed",
    "snapshot",
    "table_items",
    "wire_items",
]

TableSpec: TypeAlias = str | tuple[str, str] | Mapping[str, object]
"""A table in short: ``"pk"`` (a partition key, type S), ``"pk:N"`` (typed),
``("pk", "sk:N")`` (partition and sort key), or the CreateTable parameters
other than ``TableName`` (for indexes, streams …). Tables are on-demand unless
the parameters say otherwise."""

_KEY_TYPES = ("S", "N", "B")
_SERIALIZER = TypeSerializer()
_DESERIALIZER = TypeDeserializer()


# ---------------------------------------------------------------- tables


def _key(spec: str) -> tuple[str, str]:
    name, _, kind = spec.partition(":")
    kind = kind or "S"
    if not name or kind not in _KEY_TYPES:
        raise ValueError(
            f"dynantic: a key is 'name' or 'name:TYPE' with TYPE one of S, N, B; got {spec!r}"
        )
    return name, kind


def _short_table_request(name: str, spec: str | tuple[str, str]) -> dict[str, object]:
    keys = [_key(spec)] if isinstance(spec, str) else [_key(part) for part in spec]
    if not 1 <= len(keys) <= 2:
        raise ValueError(
            f"dynantic: a table has a partition key and at most one sort key: {spec!r}"
        )
    return {
        "TableName": name,
        "KeySchema": [
            {"AttributeName": key, "KeyType": role}
            for (key, _), role in zip(keys, ("HASH", "RANGE"), strict=False)
        ],
        "AttributeDefinitions": [
            {"AttributeName": key, "AttributeType": kind} for key, kind in keys
        ],
    }


def _create_table_request(name: str, spec: TableSpec) -> dict[str, object]:
    if not isinstance(spec, Mapping):
        request = _short_table_request(name, spec)
    elif spec.get("TableName", name) != name:
        raise ValueError(
            f"dynantic: table {name!r} is declared with TableName {spec['TableName']!r}; "
            "leave TableName out or make them agree"
        )
    else:
        request = {**spec, "TableName": name}
    if "ProvisionedThroughput" not in request:
        request.setdefault("BillingMode", "PAY_PER_REQUEST")
    return request


def add_tables(service: Service, tables: Mapping[str, TableSpec]) -> None:
    """Create each table (CreateTable's checks apply), in the order given."""
    for name, spec in tables.items():
        request = _create_table_request(name, spec)
        check_request("CreateTable", request)
        service.apply("CreateTable", request)


# ---------------------------------------------------------------- items


def _wire_item(table: str, position: int, item: Mapping[str, object]) -> dict[str, object]:
    try:
        return {name: _SERIALIZER.serialize(value) for name, value in item.items()}
    except TypeError as error:
        raise TypeError(
            f"dynantic: item {position} of table {table!r} cannot be converted by boto3's "
            f"TypeSerializer: {error}"
        ) from error


def seed(
    service: Service,
    items: Mapping[str, Iterable[Mapping[str, object]]],
    *,
    wire: bool = False,
) -> int:
    """Put every item (plain Python, or wire form when ``wire``) into its table.

    Each item goes through PutItem's checks; if one is refused, the error is
    raised and none of the items is kept. Returns how many items were put.
    """
    database = service.database
    count = 0
    with database.lock:
        before = snapshot(database)
        try:
            for table, table_items_ in items.items():
                for position, item in enumerate(table_items_):
                    wire_item = dict(item) if wire else _wire_item(table, position, item)
                    request: dict[str, object] = {"TableName": table, "Item": wire_item}
                    check_request("PutItem", request)
                    service.apply("PutItem", request)
                    count += 1
        except BaseException:
            restore(database, before)
            raise
    return count


def wire_items(database: Database, table: str) -> list[dict[str, AttributeValueTypeDef]]:
    """A table's items in key order (partition key, then sort key), in wire form."""
    with database.lock:
        found = database.table(table, named=True)
        items = sorted(found.items(), key=found.key_of)
    return [cast("dict[str, AttributeValueTypeDef]", encode_item(item)) for item in items]


def table_items(database: Database, table: str) -> list[dict[str, object]]:
    """A table's items in key order, as plain Python converted by boto3's
    ``TypeDeserializer``."""
    return [
        {name: _DESERIALIZER.deserialize(value) for name, value in item.items()}
        for item in wire_items(database, table)
    ]


# ---------------------------------------------------------------- snapshots


@dataclass(frozen=True, slots=True, eq=False)
class Snapshot:
    """The whole state of one fake at one instant: its tables, their items and
    indexes, and whatever else the database holds. Restorable any number of times."""

    region: str
    account_id: str
    data: Mapping[str, object]
    """The database's state by attribute (read-only; restore() copies it)."""

    @property
    def table_names(self) -> tuple[str, ...]:
        """The tables the snapshot holds."""
        tables = cast("Mapping[str, Table]", self.data.get("tables", {}))
        return tuple(sorted(tables))

    def __repr__(self) -> str:
        return f"<Snapshot of {len(self.table_names)} tables in {self.region}>"


_IMMUTABLE = (str, bytes, int, float, bool, type(None))


def _copy_state(value: object) -> object:
    """A copy of one piece of database state that shares only immutable parts."""
    if isinstance(value, Table):
        return value.copy()
    if isinstance(value, _IMMUTABLE):
        return value
    if isinstance(value, dict):
        members = cast("dict[object, object]", value)
        return {key: _copy_state(member) for key, member in members.items()}
    if isinstance(value, list):
        return [_copy_state(member) for member in cast("list[object]", value)]
    return copy.deepcopy(value)


def snapshot(database: Database) -> Snapshot:
    """Copy the whole state of ``database``. O(tables + partitions) at C speed;
    items are shared."""
    with database.lock:
        state = {
            name: _copy_state(value)
            for name, value in vars(database).items()
            if name not in NOT_STATE
        }
    return Snapshot(database.region, database.account_id, MappingProxyType(state))


def _fresh_state(database: Database) -> dict[str, object]:
    fresh = Database(region=database.region, account_id=database.account_id, clock=database.clock)
    return {name: value for name, value in vars(fresh).items() if name not in NOT_STATE}


def restore(database: Database, saved: Snapshot) -> None:
    """Make ``database`` hold exactly what ``saved`` holds (the snapshot stays reusable)."""
    if (saved.region, saved.account_id) != (database.region, database.account_id):
        raise ValueError(
            f"dynantic: this snapshot is of account {saved.account_id} in {saved.region}; "
            f"it cannot be restored into account {database.account_id} in {database.region}"
        )
    with database.lock:
        state = _fresh_state(database)
        state.update((name, _copy_state(value)) for name, value in saved.data.items())
        _replace_state(database, state)


def reset(database: Database) -> None:
    """Forget every table and item, as if ``database`` were new."""
    with database.lock:
        _replace_state(database, _fresh_state(database))


def _replace_state(database: Database, state: Mapping[str, object]) -> None:
    for name in [name for name in vars(database) if name not in NOT_STATE]:
        if name not in state:
            delattr(database, name)
    for name, value in state.items():
        setattr(database, name, value)

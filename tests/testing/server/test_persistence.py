"""Saving and loading the in-memory DynamoDB's state."""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import subprocess
import sys
import textwrap
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from dynantic.testing import FakeDynamoDBClient, persistence
from dynantic.testing.engine.database import Database
from dynantic.testing.engine.definition import (
    IndexDefinition,
    OnDemandThroughput,
    Projection,
    Statistics,
    StreamSettings,
    TableDefinition,
    Throughput,
    TimeToLive,
    WarmThroughput,
)
from dynantic.testing.engine.table import KeyAttribute, KeySchema, Table
from dynantic.testing.engine.values import Item

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import AttributeValueTypeDef

WHEN = datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=timezone.utc)
ITEM: dict[str, AttributeValueTypeDef] = {
    "pk": {"S": "u1"},
    "n": {"N": "-1.5E-3"},
    "b": {"B": b"\x00\xff"},
    "bool": {"BOOL": True},
    "null": {"NULL": True},
    "ss": {"SS": ["x", "y"]},
    "ns": {"NS": ["1", "2"]},
    "bs": {"BS": [b"\x01", b"\x02"]},
    "l": {"L": [{"S": "a"}, {"M": {"b": {"B": b"\x03"}}}]},
    "m": {"M": {"n": {"N": "7"}}},
}

ORDER: Item = {
    "pk": "o1",
    "sk": Decimal(1),
    "g1": "g",
    "g2": Decimal(2),
    "s1": b"\x05",
    "l1": "l",
    "x": "projected",
}


def every_field_definition() -> TableDefinition:
    """A definition in which no field keeps its default."""
    index_keys = KeySchema(
        partition=(KeyAttribute("g1", "S"), KeyAttribute("g2", "N")),
        sort=(KeyAttribute("s1", "B"),),
    )
    return TableDefinition(
        name="orders",
        key_schema=KeySchema(partition=(KeyAttribute("pk", "S"),), sort=(KeyAttribute("sk", "N"),)),
        attribute_types={"pk": "S", "sk": "N", "g1": "S", "g2": "N", "s1": "B", "l1": "S"},
        arn="arn:aws:dynamodb:eu-west-1:123456789012:table/orders",
        table_id="0b0c0d0e-0000-4000-8000-000000000000",
        created=WHEN,
        billing_mode="PAY_PER_REQUEST",
        pay_per_request_since=WHEN,
        throughput=Throughput(5, 7, WHEN, WHEN, 2, WHEN.date()),
        on_demand=OnDemandThroughput(10, 20),
        warm=WarmThroughput(12000, 4000),
        warm_requested=True,
        global_indexes={
            "by_g": IndexDefinition(
                name="by_g",
                key_schema=index_keys,
                projection=Projection("INCLUDE", ("x", "y")),
                is_global=True,
                arn="arn:aws:dynamodb:eu-west-1:123456789012:table/orders/index/by_g",
                throughput=Throughput(1, 2),
                on_demand=OnDemandThroughput(3, None),
                warm=WarmThroughput(100, 50),
                status="CREATING",
            )
        },
        local_indexes={
            "by_l": IndexDefinition(
                name="by_l",
                key_schema=KeySchema((KeyAttribute("pk", "S"),), (KeyAttribute("l1", "S"),)),
                projection=Projection("KEYS_ONLY"),
                is_global=False,
                arn="arn:aws:dynamodb:eu-west-1:123456789012:table/orders/index/by_l",
            )
        },
        stream=StreamSettings("NEW_IMAGE", "2026-01-02T03:04:05.678"),
        latest_stream_label="2026-01-02T03:04:05.678",
        sse_key_arn="arn:aws:kms:eu-west-1:123456789012:key/k",
        table_class="STANDARD_INFREQUENT_ACCESS",
        table_class_updated=WHEN,
        table_class_changes=[WHEN.timestamp()],
        deletion_protection=True,
        deletion_protection_changed_at=WHEN.timestamp(),
        tags={"team": "a", "cost": "b"},
        stream_tags={"feed": "c"},
        ttl=TimeToLive("expires", enabled=True, changed_at=WHEN.timestamp()),
        statistics=Statistics(WHEN.timestamp(), 3, 99, (("by_g", 1, 20),)),
        status="UPDATING",
    )


def test_the_sample_definition_sets_every_field() -> None:
    definition = every_field_definition()
    for field in dataclasses.fields(TableDefinition):
        if field.default is not dataclasses.MISSING:
            assert getattr(definition, field.name) != field.default, field.name
        elif field.default_factory is not dataclasses.MISSING:
            assert getattr(definition, field.name) != field.default_factory(), field.name


def database_with(definition: TableDefinition) -> tuple[Database, FakeDynamoDBClient]:
    fake = FakeDynamoDBClient()
    fake.create_table(
        TableName="users",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    fake.put_item(TableName="users", Item=ITEM)
    fake.put_item(TableName="users", Item={"pk": {"S": "u2"}})
    database = fake.service.database
    orders = database.tables["orders"] = Table(definition)
    for index in (*definition.global_indexes.values(), *definition.local_indexes.values()):
        orders.add_index(index)
    orders.put(ORDER)
    return database, fake


def test_a_table_definition_comes_back_exactly() -> None:
    database, _fake = database_with(every_field_definition())
    document = json.loads(json.dumps(persistence.export_state(database)))
    restored = Database(region="us-east-1", account_id="123456789012")
    persistence.import_state(restored, document)
    assert sorted(restored.tables) == ["orders", "users"]
    for name, table in database.tables.items():
        assert restored.tables[name].definition == table.definition
    indexes = restored.tables["orders"].indexes
    assert sorted(indexes) == ["by_g", "by_l"]
    assert [item["pk"] for item in indexes["by_g"].items()] == ["o1"]
    assert [item["pk"] for item in indexes["by_l"].items()] == ["o1"]


def test_items_come_back_and_are_kept_in_wire_form(tmp_path: Path) -> None:
    database, _fake = database_with(every_field_definition())
    path = tmp_path / "state.json"
    persistence.save_state(database, path)
    saved = json.loads(path.read_text(encoding="utf-8"))
    users = next(t for t in saved["tables"] if t["definition"]["name"] == "users")
    assert {"pk": {"S": "u2"}} in users["items"]
    assert next(i for i in users["items"] if i["pk"] == {"S": "u1"})["b"] == {"B": "AP8="}

    loaded = FakeDynamoDBClient()
    assert persistence.load_state(loaded.service.database, path)
    got = loaded.get_item(TableName="users", Key={"pk": {"S": "u1"}}).get("Item")
    assert got == {**ITEM, "n": {"N": "-0.0015"}}
    assert loaded.service.database.tables["users"].item_count == 2


def test_loading_a_missing_file_changes_nothing(tmp_path: Path) -> None:
    fake = FakeDynamoDBClient()
    assert not persistence.load_state(fake.service.database, tmp_path / "absent.json")
    assert fake.service.database.tables == {}


def test_a_document_of_another_format_is_refused() -> None:
    with pytest.raises(ValueError, match="dynantic-dynamodb-state"):
        persistence.import_state(FakeDynamoDBClient().service.database, {"tables": []})


def saved_twice_with_a_fault(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> tuple[Path, str]:
    database, fake = database_with(every_field_definition())
    path = tmp_path / "state.json"
    persistence.save_state(database, path)
    before = path.read_text(encoding="utf-8")
    fake.delete_table(TableName="users")

    def fail(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, name, fail)
    with pytest.raises(OSError, match="disk full"):
        persistence.save_state(database, path)
    return path, before


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_a_failed_save_leaves_the_previous_state_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    path, before = saved_twice_with_a_fault(tmp_path, monkeypatch, failing)
    assert path.read_text(encoding="utf-8") == before
    assert os.listdir(tmp_path) == ["state.json"]  # no temporary file left behind


@pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL")
def test_a_process_killed_mid_save_leaves_the_previous_state_intact(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_text('{"previous": true}', encoding="utf-8")
    # The child writes the new state to its temporary file, then stalls just
    # before the rename, where it is killed.
    script = textwrap.dedent(
        f"""
        import os, sys, time
        from dynantic.testing import FakeDynamoDBClient, persistence

        def stall(*args):
            print("writing", flush=True)
            time.sleep(60)

        os.replace = stall
        fake = FakeDynamoDBClient()
        fake.create_table(
            TableName="things",
            KeySchema=[{{"AttributeName": "pk", "KeyType": "HASH"}}],
            AttributeDefinitions=[{{"AttributeName": "pk", "AttributeType": "S"}}],
            BillingMode="PAY_PER_REQUEST",
        )
        persistence.save_state(fake.service.database, {str(path)!r})
        """
    )
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None
        assert child.stdout.readline() == "writing\n"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    assert path.read_text(encoding="utf-8") == '{"previous": true}'
    (partial,) = tmp_path.glob(".state.json.*.tmp")  # the new state, never renamed
    assert "dynantic-dynamodb-state" in partial.read_text(encoding="utf-8")

"""Copies of a table stay independent of it, and of each other, under random writes."""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from dynantic.testing.engine.definition import IndexDefinition, Projection, TableDefinition
from dynantic.testing.engine.table import KeyAttribute, KeySchema, Table
from dynantic.testing.engine.values import Item


def make_table(*, sort: bool) -> Table:
    schema = KeySchema(
        partition=(KeyAttribute("pk", "S"),),
        sort=(KeyAttribute("sk", "N"),) if sort else (),
    )
    definition = TableDefinition(
        name="t",
        key_schema=schema,
        attribute_types={"pk": "S", "sk": "N", "g": "S"},
        arn="arn:aws:dynamodb:us-east-1:123456789012:table/t",
        table_id="id",
        created=datetime(2030, 1, 1, tzinfo=timezone.utc),
    )
    index = IndexDefinition(
        name="by_g",
        key_schema=KeySchema(partition=(KeyAttribute("g", "S"),)),
        projection=Projection("ALL"),
        is_global=True,
        arn="arn:index",
    )
    definition.global_indexes["by_g"] = index
    table = Table(definition)
    table.add_index(index)
    return table


Key = tuple[str, int]
steps = st.lists(
    st.tuples(
        st.integers(0, 3),  # which of the tables made so far
        st.sampled_from(["put", "put", "delete", "copy"]),
        st.sampled_from(["a", "b", "c"]),
        st.integers(0, 3),
        st.sampled_from(["x", "y", None]),
    ),
    max_size=60,
)


def item(pk: str, sk: int, g: str | None, *, sort: bool) -> Item:
    result: Item = {"pk": pk, "v": Decimal(sk)}
    if sort:
        result["sk"] = Decimal(sk)
    if g is not None:
        result["g"] = g
    return result


@settings(max_examples=150, deadline=None)
@given(steps=steps, sort=st.booleans())
def test_a_table_and_its_copies_never_see_each_others_writes(
    steps: list[tuple[int, str, str, int, str | None]], sort: bool
) -> None:
    tables: list[tuple[Table, dict[Key, Item]]] = [(make_table(sort=sort), {})]
    for which, action, pk, sk, g in steps:
        table, model = tables[which % len(tables)]
        key: Key = (pk, sk if sort else 0)
        if action == "copy":
            tables.append((table.copy(), dict(model)))
        elif action == "put":
            model[key] = item(pk, sk, g, sort=sort)
            table.put(model[key])
        else:
            model.pop(key, None)
            table.delete(pk, Decimal(sk) if sort else None)
    for table, model in tables:
        table.check_invariants()
        assert sorted(table.items(), key=repr) == sorted(model.values(), key=repr)
        in_index = [entry for entry in model.values() if "g" in entry]
        assert sorted(table.indexes["by_g"].items(), key=repr) == sorted(in_index, key=repr)


def test_a_table_copy_shares_no_plain_container_or_definition() -> None:
    table = make_table(sort=True)
    table.put(item("a", 1, "x", sort=True))
    copied = table.copy()
    mutable = [
        name
        for name, value in vars(table).items()
        if isinstance(value, dict | list | set | TableDefinition)
    ]
    assert {"definition", "indexes", "_single"} <= set(mutable)
    for name in mutable:
        assert vars(copied)[name] is not vars(table)[name], name
    assert copied.indexes["by_g"].definition is copied.definition.global_indexes["by_g"]

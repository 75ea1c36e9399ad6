"""UpdateTable: creating, deleting and updating global secondary indexes.

One index may be created or deleted per request (several may be updated).
A new index takes its key attributes' definitions from the request, added to
the table's; deleting an index drops the definitions no other key uses.
Local indexes exist only from CreateTable and cannot be changed.

A new index is filled with the table's items at once (the service backfills
it in the background); a deleted one is dropped with its entries.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import TYPE_CHECKING, cast

from dynantic.testing import messages
from dynantic.testing.errors import ServiceError, validation_error
from dynantic.testing.operations.capacity_rules import (
    check_capacity_quota,
    check_on_demand,
    check_warm_not_lower,
    on_demand_members,
    warm_members,
)
from dynantic.testing.operations.index_rules import (
    MAX_GLOBAL_INDEXES,
    check_global_index,
    global_index_definition,
)
from dynantic.testing.operations.update_capacity import (
    apply_capacity,
    check_capacity_change,
    on_demand_after,
    warm_after,
)

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.literals import ScalarAttributeTypeType
    from mypy_boto3_dynamodb.type_defs import (
        AttributeDefinitionTypeDef,
        CreateGlobalSecondaryIndexActionTypeDef,
        UpdateGlobalSecondaryIndexActionTypeDef,
        UpdateTableInputTypeDef,
    )

    from dynantic.testing.engine.definition import IndexDefinition, TableDefinition
    from dynantic.testing.engine.table import Table

__all__ = ["apply_index_updates", "check_index_updates"]


def _actions(request: UpdateTableInputTypeDef) -> Iterator[tuple[str, str]]:
    """``(action, index name)`` for each entry of GlobalSecondaryIndexUpdates."""
    for update in request.get("GlobalSecondaryIndexUpdates", ()):
        if "Create" in update:
            yield "Create", update["Create"]["IndexName"]
        elif "Delete" in update:
            yield "Delete", update["Delete"]["IndexName"]
        elif "Update" in update:
            yield "Update", update["Update"]["IndexName"]


def _existing_global(definition: TableDefinition, name: str, action: str) -> IndexDefinition:
    if name in definition.local_indexes:
        raise validation_error(messages.INDEX_NOT_GLOBAL.format(action=action, index=name))
    index = definition.global_indexes.get(name)
    if index is None:
        raise ServiceError(
            "ResourceNotFoundException",
            messages.INDEX_NOT_FOUND.format(index=name, table=definition.name),
        )
    return index


def _request_definitions(
    request: UpdateTableInputTypeDef, definition: TableDefinition
) -> list[AttributeDefinitionTypeDef]:
    """The request's definitions, the table's types winning. A new index's key
    attributes must all be among them: the table's stored definitions do not
    stand in (nubo-db/dynamodb-conformance's Ketlark fork, updateTable/gsi,
    captured in eu-west-2 in 2026-07: an index keyed on the table's partition
    key, left out of the request's definitions, is refused)."""
    return [
        _definition(attribute["AttributeName"], known)
        if (known := definition.attribute_types.get(attribute["AttributeName"]))
        else attribute
        for attribute in request.get("AttributeDefinitions", ())
    ]


def _merged_definitions(
    request: UpdateTableInputTypeDef, definition: TableDefinition
) -> list[AttributeDefinitionTypeDef]:
    """The request's definitions, then the table's others; the table's types win."""
    merged = _request_definitions(request, definition)
    named = {attribute["AttributeName"] for attribute in merged}
    merged.extend(
        _definition(name, kind)
        for name, kind in definition.attribute_types.items()
        if name not in named
    )
    return merged


def _definition(name: str, kind: str) -> AttributeDefinitionTypeDef:
    """An attribute definition of a type the table already accepted."""
    return {"AttributeName": name, "AttributeType": cast("ScalarAttributeTypeType", kind)}


def _check_create(
    action: CreateGlobalSecondaryIndexActionTypeDef,
    request: UpdateTableInputTypeDef,
    definition: TableDefinition,
    *,
    provisioned: bool,
    region: str,
) -> None:
    name = action["IndexName"]
    if "AttributeDefinitions" not in request:
        raise validation_error(messages.INDEX_DEFINITIONS_MISSING.format(index=name))
    if definition.index(name) is not None:
        raise validation_error(messages.INDEX_ALREADY_EXISTS)
    _check_no_redefinition(action, request, definition)
    check_global_index(
        action,
        _request_definitions(request, definition),
        provisioned=provisioned,
        creating_table=False,
        region=region,
    )
    if len(definition.global_indexes) >= MAX_GLOBAL_INDEXES:
        raise ServiceError("LimitExceededException", messages.GLOBAL_INDEX_LIMIT)
    throughput = action.get("ProvisionedThroughput")
    if throughput is not None:
        check_capacity_quota(throughput, region, name)


def _check_no_redefinition(
    action: CreateGlobalSecondaryIndexActionTypeDef,
    request: UpdateTableInputTypeDef,
    definition: TableDefinition,
) -> None:
    """A new index may not key on an attribute the table already defines with
    another type: writes could not be held to both (ScyllaDB's Alternator suite
    run against the service, test_gsi_updatetable.py)."""
    given = {
        a["AttributeName"]: a["AttributeType"] for a in request.get("AttributeDefinitions", ())
    }
    elements = action["KeySchema"]
    for element in elements:
        attribute = element["AttributeName"]
        known = definition.attribute_types.get(attribute)
        if known is None or given.get(attribute, known) == known:
            continue
        new = (
            (e["AttributeName"], given.get(e["AttributeName"], "?"), e["KeyType"]) for e in elements
        )
        raise validation_error(
            messages.ATTRIBUTE_REDEFINED.format(
                existing=_schema_text(_schema_defining(definition, attribute)),
                new=_schema_text(new),
            )
        )


def _schema_defining(definition: TableDefinition, attribute: str) -> list[tuple[str, str, str]]:
    """The key schema, the table's or an index's, that defines ``attribute``."""
    for schema in (
        definition.key_schema,
        *(index.key_schema for index in definition.global_indexes.values()),
        *(index.key_schema for index in definition.local_indexes.values()),
    ):
        if attribute in schema.names:
            return [(a.name, a.type, "HASH") for a in schema.partition] + [
                (a.name, a.type, "RANGE") for a in schema.sort
            ]
    return []


def _schema_text(elements: Iterable[tuple[str, str, str]]) -> str:
    """Key schema elements as the service prints them: ``SchemaElement: key{x:S:HASH}``."""
    return ", ".join(f"SchemaElement: key{{{name}:{kind}:{role}}}" for name, kind, role in elements)


def _check_update(
    action: UpdateGlobalSecondaryIndexActionTypeDef,
    index: IndexDefinition,
    now: datetime,
    *,
    provisioned: bool,
    switching: bool,
    region: str,
) -> None:
    name = action["IndexName"]
    throughput = action.get("ProvisionedThroughput")
    on_demand = action.get("OnDemandThroughput")
    has_on_demand = on_demand is not None and bool(on_demand_members(on_demand))
    warm = action.get("WarmThroughput")
    has_warm = warm is not None and bool(warm_members(warm))
    if not provisioned and (throughput is not None or not (has_on_demand or has_warm)):
        raise validation_error(messages.INDEX_ONLY_ON_DEMAND_UPDATES.format(index=name))
    if on_demand is not None and has_on_demand:
        check_on_demand(
            on_demand, provisioned=provisioned, creating=False, region=region, index=name
        )
    if provisioned and throughput is None and not has_warm:
        raise validation_error(messages.INDEX_THROUGHPUT_MISSING_UPDATE.format(index=name))
    if throughput is not None:
        if not switching and index.throughput is not None:
            check_capacity_change(index.throughput, throughput, now, name)
        check_capacity_quota(throughput, region, name)
    if warm is not None and index.warm is not None:
        check_warm_not_lower(warm, index.warm, region=region, index=name)


def check_index_updates(
    request: UpdateTableInputTypeDef,
    definition: TableDefinition,
    now: datetime,
    *,
    mode: str,
    region: str,
) -> None:
    """Each index action of ``request`` against the table, in request order."""
    actions = list(_actions(request))
    if sum(action in {"Create", "Delete"} for action, _ in actions) > 1:
        raise ServiceError("LimitExceededException", messages.INDEX_ONE_ONLINE)
    provisioned = mode == "PROVISIONED"
    switching = mode != definition.billing_mode
    for update in request.get("GlobalSecondaryIndexUpdates", ()):
        if "Delete" in update:
            _existing_global(definition, update["Delete"]["IndexName"], "delete")
        elif "Update" in update:
            action = update["Update"]
            index = _existing_global(definition, action["IndexName"], "update")
            _check_update(
                action, index, now, provisioned=provisioned, switching=switching, region=region
            )
        elif "Create" in update:
            _check_create(
                update["Create"], request, definition, provisioned=provisioned, region=region
            )


def _prune_definitions(definition: TableDefinition) -> None:
    """Forget definitions no key schema uses any more."""
    used = set(definition.key_schema.names)
    for index in (*definition.global_indexes.values(), *definition.local_indexes.values()):
        used |= index.key_schema.names
    for name in list(definition.attribute_types):
        if name not in used:
            del definition.attribute_types[name]


def _apply_update(
    action: UpdateGlobalSecondaryIndexActionTypeDef,
    index: IndexDefinition,
    now: datetime,
    *,
    switching: bool,
) -> None:
    throughput = action.get("ProvisionedThroughput")
    if throughput is not None and index.throughput is not None:
        if switching:
            index.throughput.read_capacity_units = throughput["ReadCapacityUnits"]
            index.throughput.write_capacity_units = throughput["WriteCapacityUnits"]
        else:
            apply_capacity(index.throughput, throughput, now)
        if index.warm is not None:
            index.warm = warm_after(
                index.warm,
                {
                    "ReadUnitsPerSecond": throughput["ReadCapacityUnits"],
                    "WriteUnitsPerSecond": throughput["WriteCapacityUnits"],
                },
            )
    if index.warm is not None:
        index.warm = warm_after(index.warm, action.get("WarmThroughput"))
    index.on_demand = on_demand_after(index.on_demand, action.get("OnDemandThroughput"))


def apply_index_updates(
    request: UpdateTableInputTypeDef,
    table: Table,
    now: datetime,
    *,
    provisioned: bool,
    switching: bool,
) -> None:
    """Apply the index actions of a request that passed every check (after its billing
    mode: ``switching`` tells whether the request changed it)."""
    definition = table.definition
    for update in request.get("GlobalSecondaryIndexUpdates", ()):
        if "Delete" in update:
            name = update["Delete"]["IndexName"]
            del definition.global_indexes[name]
            table.drop_index(name)
            _prune_definitions(definition)
        elif "Update" in update:
            action = update["Update"]
            index = definition.global_indexes[action["IndexName"]]
            _apply_update(action, index, now, switching=switching)
        elif "Create" in update:
            create = update["Create"]
            types = {
                attribute["AttributeName"]: attribute["AttributeType"]
                for attribute in _merged_definitions(request, definition)
            }
            index = global_index_definition(create, types, definition.arn, provisioned=provisioned)
            definition.global_indexes[create["IndexName"]] = index
            table.add_index(index)
            for attribute in index.key_schema.attributes:
                definition.attribute_types[attribute.name] = attribute.type

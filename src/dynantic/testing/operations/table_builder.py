"""A new table, with its secondary indexes, from a CreateTable request that passed
every rule."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from dynantic.testing.engine.definition import StreamSettings, TableDefinition, Throughput
from dynantic.testing.engine.table import Table
from dynantic.testing.operations.capacity_rules import merged_on_demand, starting_warm
from dynantic.testing.operations.index_rules import (
    global_index_definition,
    local_index_definition,
)
from dynantic.testing.operations.key_rules import key_schema
from dynantic.testing.operations.settings_rules import kms_key_arn, sse_requested, stream_label

if TYPE_CHECKING:
    from datetime import datetime

    from mypy_boto3_dynamodb.type_defs import CreateTableInputTypeDef

    from dynantic.testing.engine.database import Database

__all__ = ["new_table", "table_definition"]


def _stream(request: CreateTableInputTypeDef, created: datetime) -> StreamSettings | None:
    stream = request.get("StreamSpecification")
    if stream is None or not stream["StreamEnabled"]:
        return None
    return StreamSettings(view_type=stream.get("StreamViewType", ""), label=stream_label(created))


def table_definition(
    database: Database, request: CreateTableInputTypeDef, name: str, created: datetime
) -> TableDefinition:
    """The new table's settings; ``created`` is its creation time."""
    types: dict[str, str] = {
        d["AttributeName"]: d["AttributeType"] for d in request.get("AttributeDefinitions", ())
    }
    arn = database.table_arn(name)
    provisioned = request.get("BillingMode", "PROVISIONED") == "PROVISIONED"
    requested = request.get("ProvisionedThroughput")
    throughput = (
        Throughput(requested["ReadCapacityUnits"], requested["WriteCapacityUnits"])
        if provisioned and requested is not None
        else Throughput()
    )
    on_demand = request.get("OnDemandThroughput")
    sse = request.get("SSESpecification")
    stream = _stream(request, created)
    return TableDefinition(
        name=name,
        key_schema=key_schema(request.get("KeySchema", ()), types),
        attribute_types=types,
        arn=arn,
        table_id=str(uuid.uuid4()),
        created=created,
        billing_mode="PROVISIONED" if provisioned else "PAY_PER_REQUEST",
        pay_per_request_since=None if provisioned else created,
        throughput=throughput,
        on_demand=merged_on_demand(None, on_demand) if on_demand is not None else None,
        warm=starting_warm(request.get("WarmThroughput"), throughput if provisioned else None),
        warm_requested="WarmThroughput" in request,
        local_indexes={
            index["IndexName"]: local_index_definition(index, types, arn)
            for index in request.get("LocalSecondaryIndexes", ())
        },
        global_indexes={
            index["IndexName"]: global_index_definition(index, types, arn, provisioned=provisioned)
            for index in request.get("GlobalSecondaryIndexes", ())
        },
        stream=stream,
        latest_stream_label=stream.label if stream else None,
        sse_key_arn=(
            kms_key_arn(sse, database.region, database.account_id, database.partition)
            if sse is not None and sse_requested(sse)
            else None
        ),
        table_class=request.get("TableClass"),
        deletion_protection=request.get("DeletionProtectionEnabled", False),
        tags={tag["Key"]: tag["Value"] for tag in request.get("Tags", ())},
    )


def new_table(
    database: Database, request: CreateTableInputTypeDef, name: str, created: datetime
) -> Table:
    """The new, empty table with its local and global indexes."""
    table = Table(table_definition(database, request, name, created))
    for index in (
        *table.definition.local_indexes.values(),
        *table.definition.global_indexes.values(),
    ):
        table.add_index(index)
    return table

"""The ``TableDescription`` the service returns, in its three cuts.

DescribeTable returns everything; the CreateTable response is the same
without what the service fills in once the table is ACTIVE (warm throughput
unless requested, the time the table became on-demand); the DeleteTable
response keeps only the table's identity, size, capacity and settings.
Attribute definitions and projected attributes come back sorted by name.

Item counts and sizes are those of the last six-hourly refresh (see
:mod:`dynantic.testing.operations.statistics`).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from dynantic.testing.engine.definition import (
    IndexDefinition,
    OnDemandThroughput,
    Projection,
    Statistics,
    TableDefinition,
    Throughput,
    WarmThroughput,
)
from dynantic.testing.operations.statistics import current_statistics

if TYPE_CHECKING:
    from dynantic.testing.engine.table import KeySchema, Table

__all__ = ["created_description", "deleted_description", "table_description"]

Description = dict[str, object]


def _java_order(name: str) -> bytes:
    """Sort key of Java's ``String.compareTo``: UTF-16 code units."""
    return name.encode("utf-16-be")


def key_schema_elements(key_schema: KeySchema) -> list[dict[str, str]]:
    """Partition key attributes first, then sort key attributes, in order."""
    return [
        {"AttributeName": attribute.name, "KeyType": "HASH"} for attribute in key_schema.partition
    ] + [{"AttributeName": attribute.name, "KeyType": "RANGE"} for attribute in key_schema.sort]


def _attribute_definitions(definition: TableDefinition) -> list[dict[str, str]]:
    return [
        {"AttributeName": name, "AttributeType": definition.attribute_types[name]}
        for name in sorted(definition.attribute_types, key=_java_order)
    ]


def _projection(projection: Projection) -> Description:
    described: Description = {"ProjectionType": projection.type}
    if projection.type == "INCLUDE":
        described["NonKeyAttributes"] = sorted(projection.non_key_attributes, key=_java_order)
    return described


def _throughput(throughput: Throughput, today: date) -> Description:
    described: Description = {
        "NumberOfDecreasesToday": throughput.decreases_on(today),
        "ReadCapacityUnits": throughput.read_capacity_units,
        "WriteCapacityUnits": throughput.write_capacity_units,
    }
    if throughput.last_increase is not None:
        described["LastIncreaseDateTime"] = throughput.last_increase
    if throughput.last_decrease is not None:
        described["LastDecreaseDateTime"] = throughput.last_decrease
    return described


def _on_demand(on_demand: OnDemandThroughput) -> Description:
    described: Description = {}
    if on_demand.max_read_request_units is not None:
        described["MaxReadRequestUnits"] = on_demand.max_read_request_units
    if on_demand.max_write_request_units is not None:
        described["MaxWriteRequestUnits"] = on_demand.max_write_request_units
    return described


def _warm(warm: WarmThroughput, status: str = "ACTIVE") -> Description:
    return {
        "ReadUnitsPerSecond": warm.read_units_per_second,
        "WriteUnitsPerSecond": warm.write_units_per_second,
        "Status": status,
    }


def _index_statistics(statistics: Statistics, index: IndexDefinition) -> Description:
    item_count, size_bytes = statistics.index(index.name)
    return {
        "IndexSizeBytes": size_bytes,
        "ItemCount": item_count,
        "IndexArn": index.arn,
    }


def _local_index(statistics: Statistics, index: IndexDefinition) -> Description:
    return {
        "IndexName": index.name,
        "KeySchema": key_schema_elements(index.key_schema),
        "Projection": _projection(index.projection),
        **_index_statistics(statistics, index),
    }


def _global_index(
    statistics: Statistics, index: IndexDefinition, today: date, *, creating: bool
) -> Description:
    described: Description = {
        "IndexName": index.name,
        "KeySchema": key_schema_elements(index.key_schema),
        "Projection": _projection(index.projection),
        "IndexStatus": "CREATING" if creating else index.status,
        "ProvisionedThroughput": _throughput(index.throughput or Throughput(), today),
        **_index_statistics(statistics, index),
    }
    if index.on_demand is not None:
        described["OnDemandThroughput"] = _on_demand(index.on_demand)
    if index.warm is not None and not creating:
        described["WarmThroughput"] = _warm(index.warm)
    return described


def _billing_summary(definition: TableDefinition, *, creating: bool) -> Description | None:
    since = definition.pay_per_request_since
    if since is None:
        return None
    summary: Description = {"BillingMode": definition.billing_mode}
    if not creating:
        summary["LastUpdateToPayPerRequestDateTime"] = since
    return summary


def _settings(definition: TableDefinition, *, creating: bool) -> Description:
    """Billing, encryption, class and protection: the members every cut shares."""
    described: Description = {}
    billing = _billing_summary(definition, creating=creating)
    if billing is not None:
        described["BillingModeSummary"] = billing
    if definition.on_demand is not None:
        described["OnDemandThroughput"] = _on_demand(definition.on_demand)
    if definition.sse_key_arn is not None:
        described["SSEDescription"] = {
            "Status": "ENABLED",
            "SSEType": "KMS",
            "KMSMasterKeyArn": definition.sse_key_arn,
        }
    if definition.table_class is not None:
        summary: Description = {"TableClass": definition.table_class}
        if definition.table_class_updated is not None:
            summary["LastUpdateDateTime"] = definition.table_class_updated
        described["TableClassSummary"] = summary
    described["DeletionProtectionEnabled"] = definition.deletion_protection
    return described


def _stream(definition: TableDefinition) -> Description:
    described: Description = {}
    if definition.stream is not None:
        described["StreamSpecification"] = {
            "StreamEnabled": True,
            "StreamViewType": definition.stream.view_type,
        }
    if definition.latest_stream_label is not None:
        described["LatestStreamLabel"] = definition.latest_stream_label
        described["LatestStreamArn"] = f"{definition.arn}/stream/{definition.latest_stream_label}"
    return described


def _full(table: Table, moment: datetime, *, status: str, creating: bool) -> Description:
    definition = table.definition
    today = moment.date()
    statistics = current_statistics(table, moment.timestamp())
    described: Description = {
        "AttributeDefinitions": _attribute_definitions(definition),
        "TableName": definition.name,
        "KeySchema": key_schema_elements(definition.key_schema),
        "TableStatus": status,
        "CreationDateTime": definition.created,
        "ProvisionedThroughput": _throughput(definition.throughput, today),
        "TableSizeBytes": statistics.size_bytes,
        "ItemCount": statistics.item_count,
        "TableArn": definition.arn,
        "TableId": definition.table_id,
    }
    if definition.local_indexes:
        described["LocalSecondaryIndexes"] = [
            _local_index(statistics, index) for index in definition.local_indexes.values()
        ]
    if definition.global_indexes:
        described["GlobalSecondaryIndexes"] = [
            _global_index(statistics, index, today, creating=creating)
            for index in definition.global_indexes.values()
        ]
    described.update(_stream(definition))
    described.update(_settings(definition, creating=creating))
    if not creating or definition.warm_requested:
        described["WarmThroughput"] = _warm(definition.warm, "UPDATING" if creating else status)
    return described


def table_description(table: Table, moment: datetime, *, status: str | None = None) -> Description:
    """What DescribeTable returns for ``table`` at ``moment`` (an aware UTC time)."""
    return _full(table, moment, status=status or table.definition.status, creating=False)


def created_description(table: Table, moment: datetime) -> Description:
    """What CreateTable returns: the table and its global indexes still CREATING."""
    return _full(table, moment, status="CREATING", creating=True)


def deleted_description(table: Table, moment: datetime) -> Description:
    """What DeleteTable returns: no schema, indexes or streams, status DELETING."""
    definition = table.definition
    statistics = current_statistics(table, moment.timestamp())
    described: Description = {
        "TableName": definition.name,
        "TableStatus": "DELETING",
        "ProvisionedThroughput": _throughput(definition.throughput, moment.date()),
        "TableSizeBytes": statistics.size_bytes,
        "ItemCount": statistics.item_count,
        "TableArn": definition.arn,
        "TableId": definition.table_id,
    }
    described.update(_settings(definition, creating=False))
    return described

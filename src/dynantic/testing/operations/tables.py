"""CreateTable, DescribeTable, DeleteTable and ListTables."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from dynantic.testing import messages
from dynantic.testing.engine.definition import TableDefinition, Throughput
from dynantic.testing.engine.table import KeyAttribute, KeySchema, Table
from dynantic.testing.errors import ServiceError
from dynantic.testing.operations.registry import operation

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import (
        CreateTableInputTypeDef,
        DeleteTableInputTypeDef,
        DescribeTableInputTypeDef,
        ListTablesInputTypeDef,
    )

    from dynantic.testing.engine.database import Database

__all__ = ["describe"]


def _key_schema(request: CreateTableInputTypeDef) -> KeySchema:
    types = {
        d["AttributeName"]: d["AttributeType"] for d in request.get("AttributeDefinitions", [])
    }
    schema = request.get("KeySchema", [])
    partition = [k["AttributeName"] for k in schema if k["KeyType"] == "HASH"]
    sort = [k["AttributeName"] for k in schema if k["KeyType"] == "RANGE"]
    return KeySchema(
        partition=tuple(KeyAttribute(name, types[name]) for name in partition),
        sort=tuple(KeyAttribute(name, types[name]) for name in sort),
    )


def describe(table: Table, status: str | None = None) -> dict[str, object]:
    """The ``TableDescription`` the service returns for ``table``."""
    definition = table.definition
    description: dict[str, object] = {
        "AttributeDefinitions": [
            {"AttributeName": name, "AttributeType": kind}
            for name, kind in definition.attribute_types.items()
        ],
        "TableName": definition.name,
        "KeySchema": [
            {"AttributeName": attribute.name, "KeyType": "HASH"}
            for attribute in definition.key_schema.partition
        ]
        + [
            {"AttributeName": attribute.name, "KeyType": "RANGE"}
            for attribute in definition.key_schema.sort
        ],
        "TableStatus": status or definition.status,
        "CreationDateTime": definition.created,
        "ProvisionedThroughput": {
            "NumberOfDecreasesToday": definition.throughput.decreases_today,
            "ReadCapacityUnits": definition.throughput.read_capacity_units,
            "WriteCapacityUnits": definition.throughput.write_capacity_units,
        },
        "TableSizeBytes": table.size_bytes,
        "ItemCount": table.item_count,
        "TableArn": definition.arn,
        "TableId": definition.table_id,
        "DeletionProtectionEnabled": definition.deletion_protection,
    }
    if definition.billing_mode == "PAY_PER_REQUEST":
        description["BillingModeSummary"] = {
            "BillingMode": "PAY_PER_REQUEST",
            "LastUpdateToPayPerRequestDateTime": definition.pay_per_request_since
            or definition.created,
        }
    return description


@operation("CreateTable")
def create_table(database: Database, request: CreateTableInputTypeDef) -> dict[str, object]:
    name = request["TableName"]
    with database.lock:
        if name in database.tables:
            raise ServiceError(
                "ResourceInUseException", messages.TABLE_ALREADY_EXISTS.format(name=name)
            )
        billing_mode = request.get("BillingMode", "PROVISIONED")
        throughput = request.get("ProvisionedThroughput")
        definition = TableDefinition(
            name=name,
            key_schema=_key_schema(request),
            attribute_types={
                d["AttributeName"]: d["AttributeType"]
                for d in request.get("AttributeDefinitions", [])
            },
            arn=database.table_arn(name),
            table_id=str(uuid.uuid4()),
            created=database.clock.now_datetime(),
            billing_mode=billing_mode,
            throughput=Throughput(
                read_capacity_units=throughput["ReadCapacityUnits"] if throughput else 0,
                write_capacity_units=throughput["WriteCapacityUnits"] if throughput else 0,
            ),
        )
        table = database.tables[name] = Table(definition)
        return {"TableDescription": describe(table, "CREATING")}


@operation("DescribeTable")
def describe_table(database: Database, request: DescribeTableInputTypeDef) -> dict[str, object]:
    with database.lock:
        return {"Table": describe(database.table(request["TableName"], named=True))}


@operation("DeleteTable")
def delete_table(database: Database, request: DeleteTableInputTypeDef) -> dict[str, object]:
    with database.lock:
        table = database.table(request["TableName"], named=True)
        del database.tables[table.name]
        return {"TableDescription": describe(table, "DELETING")}


@operation("ListTables")
def list_tables(database: Database, request: ListTablesInputTypeDef) -> dict[str, object]:
    start = request.get("ExclusiveStartTableName")
    limit = request.get("Limit", 100)
    with database.lock:
        names = sorted(database.tables)
    if start is not None:
        names = [name for name in names if name > start]
    page = names[:limit]
    response: dict[str, object] = {"TableNames": page}
    if len(names) > limit:
        response["LastEvaluatedTableName"] = page[-1]
    return response

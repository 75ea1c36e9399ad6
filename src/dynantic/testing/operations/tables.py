"""CreateTable, DescribeTable, DeleteTable and ListTables.

The in-memory service applies control-plane changes at once: CreateTable
answers ``CREATING`` as the service does, and the table is ``ACTIVE`` from
the next call on; DeleteTable answers ``DELETING`` and the table is gone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dynantic.testing import messages
from dynantic.testing.errors import ServiceError, validation_error
from dynantic.testing.operations.capacity_rules import check_capacity_quota
from dynantic.testing.operations.describe import (
    created_description,
    deleted_description,
    table_description,
)
from dynantic.testing.operations.registry import operation
from dynantic.testing.operations.table_builder import new_table
from dynantic.testing.operations.table_rules import check_create_table
from dynantic.testing.operations.timestamps import now

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import (
        CreateTableInputTypeDef,
        DeleteTableInputTypeDef,
        DescribeTableInputTypeDef,
        ListTablesInputTypeDef,
    )

    from dynantic.testing.engine.database import Database

__all__ = ["create_table", "delete_table", "describe_table", "list_tables"]

# ListTables: at most 100 names a page.
MAX_LIST_TABLES_LIMIT = 100


def _check_capacity_quotas(request: CreateTableInputTypeDef, region: str) -> None:
    """Capacity above the account's per-table and per-index quotas."""
    throughput = request.get("ProvisionedThroughput")
    if request.get("BillingMode", "PROVISIONED") != "PROVISIONED" or throughput is None:
        return
    check_capacity_quota(throughput, region)
    for index in request.get("GlobalSecondaryIndexes", ()):
        index_throughput = index.get("ProvisionedThroughput")
        if index_throughput is not None:
            check_capacity_quota(index_throughput, region, index["IndexName"])


@operation("CreateTable")
def create_table(database: Database, request: CreateTableInputTypeDef) -> dict[str, object]:
    check_create_table(request, database.region)
    name = database.table_name(request["TableName"])
    with database.lock:
        if name in database.tables:
            raise ServiceError(
                "ResourceInUseException", messages.TABLE_ALREADY_EXISTS.format(name=name)
            )
        _check_capacity_quotas(request, database.region)
        created = now(database.clock)
        table = database.tables[name] = new_table(database, request, name, created)
        return {"TableDescription": created_description(table, created)}


@operation("DescribeTable")
def describe_table(database: Database, request: DescribeTableInputTypeDef) -> dict[str, object]:
    with database.lock:
        table = database.table(request["TableName"], named=True)
        return {"Table": table_description(table, now(database.clock))}


@operation("DeleteTable")
def delete_table(database: Database, request: DeleteTableInputTypeDef) -> dict[str, object]:
    with database.lock:
        table = database.table(request["TableName"], named=True)
        if table.definition.deletion_protection:
            raise validation_error(messages.DELETION_PROTECTED)
        del database.tables[table.name]
        return {"TableDescription": deleted_description(table, now(database.clock))}


@operation("ListTables")
def list_tables(database: Database, request: ListTablesInputTypeDef) -> dict[str, object]:
    """Names in byte order from after ``ExclusiveStartTableName`` (which need not exist);
    ``LastEvaluatedTableName`` only when names remain after the page."""
    start = request.get("ExclusiveStartTableName")
    limit = request.get("Limit", MAX_LIST_TABLES_LIMIT)
    with database.lock:
        names = sorted(database.tables, key=lambda name: name.encode("utf-8"))
    if start is not None:
        names = [name for name in names if name.encode("utf-8") > start.encode("utf-8")]
    page = names[:limit]
    response: dict[str, object] = {"TableNames": page}
    if len(names) > limit:
        response["LastEvaluatedTableName"] = page[-1]
    return response

"""BatchWriteItem: up to 25 puts and deletes over one or more tables.

Each put or delete is checked as PutItem and DeleteItem check theirs (without
conditions or return values), and the whole call is refused, changing nothing,
if any of them is refused. The order in which the service reports what is
wrong (after the model's constraints, among them at most 25 requests per table):

1. more than 25 requests over all tables;
2. request by request, table by table in request order: a ``WriteRequest``
   holds exactly one of ``PutRequest`` and ``DeleteRequest``; its item or key
   decodes; a put item is at most 400 KB;
3. request by request again: the table exists; the item or key matches the
   key schema; then no earlier request of the call names the same item.

A put whose key attributes are missing or of the wrong type is reported as a
key that does not match the schema, and an empty key value in PutItem's words
(see :mod:`.batch_rules`). Sources: AWS's API reference for BatchWriteItem,
dynalite's ``validations/batchWriteItem.js`` and ``actions/batchWriteItem.js``,
and the service's answers captured in four regions.

Requests a test asked the faults to leave unprocessed (``faults.leave_unprocessed``)
come back in ``UnprocessedItems``, unapplied and uncharged; the rest are applied.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, cast

from dynantic.testing import messages
from dynantic.testing.errors import validation_error
from dynantic.testing.operations.batch_rules import batch_write_error
from dynantic.testing.operations.capacity_totals import CapacityTotals
from dynantic.testing.operations.items_apply import (
    apply_write,
    collection_metrics,
    write_capacity_units,
)
from dynantic.testing.operations.items_check import Refusal, WritePlan, check_write
from dynantic.testing.operations.items_prepare import (
    PreparedWrite,
    prepare_delete,
    prepare_put,
)
from dynantic.testing.operations.registry import operation

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import (
        BatchWriteItemInputTypeDef,
        DeleteItemInputTypeDef,
        PutItemInputTypeDef,
    )

    from dynantic.testing.engine.database import Database

__all__ = ["MAX_WRITE_REQUESTS", "batch_write_item"]

MAX_WRITE_REQUESTS = 25
"""DynamoDB: one BatchWriteItem call holds at most 25 put and delete requests."""

WriteRequests = Mapping[str, Sequence[Mapping[str, object]]]


@operation("BatchWriteItem")
def batch_write_item(database: Database, request: BatchWriteItemInputTypeDef) -> dict[str, object]:
    request_items = cast("WriteRequests", request["RequestItems"])
    writes = _prepare(request_items)
    with database.lock:
        plans = _judge(database, writes)
        unprocessed = database.faults.unprocessed("BatchWriteItem", request_items)
        applied = _apply(plans, unprocessed)
        response: dict[str, object] = {"UnprocessedItems": _unprocessed(request_items, unprocessed)}
        mode = request.get("ReturnConsumedCapacity")
        if mode is not None and mode != "NONE":
            response["ConsumedCapacity"] = _capacity(applied).entries(mode)
        if request.get("ReturnItemCollectionMetrics") == "SIZE":
            metrics = _collection_metrics(applied)
            if metrics:
                response["ItemCollectionMetrics"] = metrics
    return response


def _prepare(request_items: WriteRequests) -> dict[str, list[PreparedWrite]]:
    """Every request decoded and checked on its own, by table (steps 1 and 2)."""
    if sum(len(requests) for requests in request_items.values()) > MAX_WRITE_REQUESTS:
        raise validation_error(messages.BATCH_WRITE_TOO_MANY)
    return {
        name: [_prepare_one(name, write_request) for write_request in requests]
        for name, requests in request_items.items()
    }


def _prepare_one(table_name: str, write_request: Mapping[str, object]) -> PreparedWrite:
    put = write_request.get("PutRequest")
    delete = write_request.get("DeleteRequest")
    if (put is None) == (delete is None):
        raise validation_error(messages.BATCH_WRITE_REQUEST_NOT_ONE)
    if put is not None:
        item = cast("Mapping[str, object]", put)["Item"]
        return prepare_put(cast("PutItemInputTypeDef", {"TableName": table_name, "Item": item}))
    key = cast("Mapping[str, object]", delete)["Key"]
    return prepare_delete(cast("DeleteItemInputTypeDef", {"TableName": table_name, "Key": key}))


def _judge(
    database: Database, writes: dict[str, list[PreparedWrite]]
) -> dict[str, list[WritePlan]]:
    """Every request judged against the stored state (step 3); raises the first refusal."""
    plans: dict[str, list[WritePlan]] = {}
    seen: set[tuple[int, object, object]] = set()
    for name, table_writes in writes.items():
        table_plans = plans[name] = []
        for write in table_writes:
            outcome = check_write(database, write)
            if isinstance(outcome, Refusal):
                raise batch_write_error(outcome.error)
            identity = (id(outcome.table), *outcome.key)
            if identity in seen:
                raise validation_error(messages.BATCH_DUPLICATE_KEYS)
            seen.add(identity)
            table_plans.append(outcome)
    return plans


def _apply(
    plans: dict[str, list[WritePlan]], unprocessed: Mapping[str, frozenset[int]]
) -> dict[str, list[WritePlan]]:
    """Carry out every plan not left unprocessed; returns those carried out, by table."""
    applied: dict[str, list[WritePlan]] = {}
    for name, table_plans in plans.items():
        left = unprocessed.get(name, frozenset())
        done = [plan for i, plan in enumerate(table_plans) if i not in left]
        for plan in done:
            apply_write(plan)
        if done:
            applied[name] = done
    return applied


def _unprocessed(
    request_items: WriteRequests, unprocessed: Mapping[str, frozenset[int]]
) -> dict[str, object]:
    """``UnprocessedItems``: the requests left out, as the caller wrote them."""
    return {
        name: [copy.deepcopy(request_items[name][i]) for i in sorted(indexes)]
        for name, indexes in unprocessed.items()
    }


def _capacity(applied: dict[str, list[WritePlan]]) -> CapacityTotals:
    totals = CapacityTotals()
    for name, table_plans in applied.items():
        for plan in table_plans:
            totals.add(name, *write_capacity_units(plan))
    return totals


def _collection_metrics(applied: dict[str, list[WritePlan]]) -> dict[str, object]:
    """``ItemCollectionMetrics``: for each table with local indexes, the collection
    of each item written, measured after the whole call."""
    return {
        name: [collection_metrics(plan) for plan in table_plans]
        for name, table_plans in applied.items()
        if table_plans[0].table.definition.local_indexes
    }

"""TransactGetItems: up to 100 items read from one consistent state.

Every ``Get`` is read in one hold of the database lock, so the answer never
holds half of a concurrent transaction. The order in which the service reports
what is wrong (after the model's constraints, among them at most 100 Gets):

1. Get by Get: GetItem's request checks (the projection, its names, the key's values);
2. Get by Get: the table exists, and no key value is empty — these fail the
   request as they are (an empty key value in PutItem's words);
3. no two Gets name the same item (``ValidationException``);
4. any other refusal — a key that does not match the schema, a projection into
   a key attribute — cancels the call: ``TransactionCanceledException`` with one
   reason per Get, in request order;
5. the items read hold at most 4 MB together (their full sizes, as capacity
   counts them, whatever the projections keep): the service rejects the whole
   request, as it rejects a TransactWriteItems over the limit.

``Responses`` holds one entry per Get, in request order: ``{"Item": …}`` (projected)
or ``{}`` for a missing item, and ``{}`` too when the projection keeps none of the
item's attributes (where GetItem answers ``{"Item": {}}``). Reads are strongly
consistent and, being transactional, charged twice. Sources: AWS's API reference (TransactGetItems,
TransactionCanceledException) and the service's answers captured in four regions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, cast

from dynantic.testing import messages
from dynantic.testing.engine.capacity import read_units
from dynantic.testing.engine.values import encode_item
from dynantic.testing.errors import ServiceError, transaction_cancelled, validation_error
from dynantic.testing.operations.batch_rules import (
    MAX_TRANSACTION_BYTES,
    TRANSACTION_FACTOR,
    fails_whole_transaction,
    item_identity,
    without_idle_placeholders,
)
from dynantic.testing.operations.capacity_totals import CapacityTotals
from dynantic.testing.operations.items_check import ReadResult, Refusal, read_item
from dynantic.testing.operations.items_prepare import PreparedGet, prepare_get
from dynantic.testing.operations.registry import operation

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import GetItemInputTypeDef, TransactGetItemsInputTypeDef

    from dynantic.testing.engine.database import Database

__all__ = ["transact_get_items"]


@operation("TransactGetItems")
def transact_get_items(
    database: Database, request: TransactGetItemsInputTypeDef
) -> dict[str, object]:
    actions = cast("Sequence[Mapping[str, object]]", request["TransactItems"])
    reads = [_prepare(cast("Mapping[str, object]", action["Get"])) for action in actions]
    with database.lock:
        outcomes = [_read(database, read) for read in reads]
        _check_whole(database, reads, outcomes)
    results = [outcome for outcome in outcomes if isinstance(outcome, ReadResult)]
    if len(results) != len(outcomes):
        raise transaction_cancelled(
            [
                Refusal(outcome).cancellation_reason
                if isinstance(outcome, ServiceError)
                else {"Code": "None"}
                for outcome in outcomes
            ]
        )
    if sum(result.size for result in results) > MAX_TRANSACTION_BYTES:
        raise validation_error(messages.TRANSACT_TOO_LARGE)
    response: dict[str, object] = {"Responses": [_returned(result) for result in results]}
    mode = request.get("ReturnConsumedCapacity")
    if mode is not None and mode != "NONE":
        totals = CapacityTotals()
        for result in results:
            totals.add(result.read.table_name, read_units(result.size, consistent=True))
        response["ConsumedCapacity"] = totals.entries(
            mode, factor=TRANSACTION_FACTOR, units_member="ReadCapacityUnits"
        )
    return response


def _prepare(get: Mapping[str, object]) -> PreparedGet:
    """One Get checked as GetItem checks it (step 1)."""
    get = without_idle_placeholders(get, "ProjectionExpression")
    return prepare_get(cast("GetItemInputTypeDef", get))


def _read(database: Database, read: PreparedGet) -> ReadResult | ServiceError:
    try:
        return read_item(database, read)
    except ServiceError as error:
        return error


def _check_whole(
    database: Database,
    reads: Sequence[PreparedGet],
    outcomes: Sequence[ReadResult | ServiceError],
) -> None:
    """Raise what fails the whole request (steps 2 and 3)."""
    for outcome in outcomes:
        if isinstance(outcome, ServiceError) and fails_whole_transaction(outcome):
            raise outcome
    seen: set[tuple[object, ...]] = set()
    for read in reads:
        table = database.table(read.table_name)
        identity = item_identity(table, read.key)
        if identity in seen:
            raise validation_error(messages.TRANSACT_SAME_ITEM)
        seen.add(identity)


def _returned(result: ReadResult) -> dict[str, object]:
    item = result.item
    if item is None:
        return {}
    projection = result.read.projection
    if projection is not None:
        item = projection.project(item)
        if not item:
            return {}  # unlike GetItem, no empty Item
    return {"Item": encode_item(item)}

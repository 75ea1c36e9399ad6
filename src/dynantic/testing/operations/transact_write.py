"""TransactWriteItems: up to 100 puts, updates, deletes and condition checks,
all applied or none.

Every action is judged against one state and, if all pass, applied, in one hold
of the database lock, so a concurrent call sees all of a transaction or none of
it. The order in which the service reports what is wrong (after the model's
constraints, among them at most 100 actions):

1. action by action: it holds exactly one of ``ConditionCheck``, ``Put``,
   ``Update`` and ``Delete``, and passes the request checks of the single-item
   operation it stands for (expressions, values, the 400 KB item limit);
2. the items the actions put hold at most 4 MB together;
3. a ``ClientRequestToken`` seen in the last 10 minutes answers for the call
   (see :mod:`~dynantic.testing.engine.transaction_tokens`);
4. action by action: the table exists, and no key value is empty — these fail
   the request as they are (an empty key value in PutItem's words);
5. no two actions name the same item (``ValidationException``);
6. every other refusal of an action — a key that does not match the schema, a
   failed condition, an update that cannot apply — cancels the transaction:
   ``TransactionCanceledException`` with one reason per action, in request order.
   A key that does not match is found before anything runs, and only the first
   such key is reported: every other action then reads ``None``.

Sources: AWS's API reference (TransactWriteItems, TransactionCanceledException)
and the service's answers captured in four regions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, cast

from dynantic.testing import messages
from dynantic.testing.engine.capacity import read_units
from dynantic.testing.engine.transaction_tokens import TokenRecord, request_parameters
from dynantic.testing.engine.values import item_size
from dynantic.testing.errors import ServiceError, transaction_cancelled, validation_error
from dynantic.testing.operations.batch_rules import (
    MAX_TRANSACTION_BYTES,
    TRANSACTION_FACTOR,
    fails_whole_transaction,
    found_before_running,
    item_identity,
    without_idle_placeholders,
)
from dynantic.testing.operations.capacity_totals import CapacityTotals
from dynantic.testing.operations.items_apply import (
    apply_writes,
    collection_metrics,
    write_capacity_units,
)
from dynantic.testing.operations.items_check import Refusal, WritePlan, check_writes
from dynantic.testing.operations.items_prepare import (
    PreparedConditionCheck,
    PreparedPut,
    PreparedWrite,
    prepare_condition_check,
    prepare_delete,
    prepare_put,
    prepare_update,
)
from dynantic.testing.operations.registry import operation

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import (
        ConditionCheckTypeDef,
        DeleteItemInputTypeDef,
        PutItemInputTypeDef,
        TransactWriteItemsInputTypeDef,
        UpdateItemInputTypeDef,
    )

    from dynantic.testing.engine.database import Database

__all__ = ["transact_write_items"]


@operation("TransactWriteItems")
def transact_write_items(
    database: Database, request: TransactWriteItemsInputTypeDef
) -> dict[str, object]:
    actions = cast("Sequence[Mapping[str, object]]", request["TransactItems"])
    writes = [_prepare(action) for action in actions]
    _check_size(writes)
    token = request.get("ClientRequestToken")
    mode = request.get("ReturnConsumedCapacity")
    parameters: object = None
    with database.lock:
        if token is not None:
            parameters = request_parameters(cast("Mapping[str, object]", request))
            record = database.transaction_tokens.find(token, database.clock.now())
            if record is not None:
                if record.parameters != parameters:
                    raise ServiceError(
                        "IdempotentParameterMismatchException",
                        messages.IDEMPOTENT_PARAMETER_MISMATCH,
                    )
                return _repeated(record, mode)
        plans = _plans(database, writes)
        apply_writes(plans)
        if token is not None:
            sizes = tuple(
                (plan.write.table_name, max(plan.old_size, plan.new_size)) for plan in plans
            )
            record = TokenRecord(parameters, database.clock.now(), sizes)
            database.transaction_tokens.remember(token, record)
        response: dict[str, object] = {}
        if mode is not None and mode != "NONE":
            response["ConsumedCapacity"] = _capacity(plans).entries(
                mode, units_member="WriteCapacityUnits"
            )
        if request.get("ReturnItemCollectionMetrics") == "SIZE":
            metrics = _collection_metrics(plans)
            if metrics:
                response["ItemCollectionMetrics"] = metrics
    return response


def _prepare(action: Mapping[str, object]) -> PreparedWrite:
    """One action checked on its own (step 1)."""
    if not action:
        raise validation_error(messages.TRANSACT_NO_ACTION)
    if len(action) != 1:
        raise validation_error(messages.TRANSACT_NOT_ONE_ACTION)
    kind, body = next(iter(action.items()))
    try:
        return _prepare_body(kind, cast("Mapping[str, object]", body))
    except ServiceError as error:
        if messages.NESTING_TOO_DEEP not in error.message:
            raise
        # A value nested past the second limit is judged after the action's
        # other checks: find the first of them that fails without it.
        shallow = _without_deepest_values(cast("Mapping[str, object]", body))
        if shallow is not None:
            _prepare_body(kind, shallow)
        raise


def _prepare_body(kind: str, body: Mapping[str, object]) -> PreparedWrite:
    if kind == "Put":
        body = without_idle_placeholders(body, "ConditionExpression")
        return prepare_put(cast("PutItemInputTypeDef", body))
    if kind == "Update":
        return prepare_update(cast("UpdateItemInputTypeDef", body), statement_sized=False)
    if kind == "Delete":
        body = without_idle_placeholders(body, "ConditionExpression")
        return prepare_delete(cast("DeleteItemInputTypeDef", body))
    return prepare_condition_check(cast("ConditionCheckTypeDef", body))


# Past this many maps and lists around a value, the service reads the value
# late: an action's other problems are reported first (public captures, ten
# regions, 2026-10: 100 levels read late, 40 early; single-item operations
# switch between 62 and 63).
_LATE_DEPTH = 63
# The members of an action that hold attribute values by name.
_VALUE_MAPS = ("Item", "Key", "ExpressionAttributeValues")


def _without_deepest_values(body: Mapping[str, object]) -> dict[str, object] | None:
    """``body`` with each value nested past :data:`_LATE_DEPTH` replaced by an
    empty one of its type, or ``None`` if it has no such value."""
    changed = False
    shallow = dict(body)
    for member in _VALUE_MAPS:
        values = body.get(member)
        if not isinstance(values, Mapping):
            continue
        replaced: dict[str, object] = {}
        for name, value in cast("Mapping[str, Mapping[str, object]]", values).items():
            if _depth(value) >= _LATE_DEPTH:
                replaced[name] = {"L": []} if "L" in value else {"M": {}}
                changed = True
            else:
                replaced[name] = value
        shallow[member] = replaced
    return shallow if changed else None


def _depth(value: Mapping[str, object]) -> int:
    """How many maps and lists nest around the deepest part of a wire value."""
    deepest = 0
    pending: list[tuple[object, int]] = [(value, 0)]
    while pending:
        current, depth = pending.pop()
        if not isinstance(current, Mapping):
            continue
        for tag, payload in cast("Mapping[str, object]", current).items():
            members: Iterable[object]
            if tag == "M" and isinstance(payload, Mapping):
                members = cast("Mapping[str, object]", payload).values()
            elif tag == "L" and isinstance(payload, list):
                members = cast("list[object]", payload)
            else:
                continue
            deepest = max(deepest, depth + 1)
            pending.extend((member, depth + 1) for member in members)
    return deepest


def _check_size(writes: Sequence[PreparedWrite]) -> None:
    """Step 2: the items put, and the keys of the other actions, within 4 MB."""
    total = 0
    for write in writes:
        total += write.size if isinstance(write, PreparedPut) else item_size(write.key)
    if total > MAX_TRANSACTION_BYTES:
        raise validation_error(messages.TRANSACT_TOO_LARGE)


def _plans(database: Database, writes: Sequence[PreparedWrite]) -> list[WritePlan]:
    """Every action judged against the stored state (steps 4 to 6)."""
    outcomes = check_writes(database, writes)
    for outcome in outcomes:
        if isinstance(outcome, Refusal) and fails_whole_transaction(outcome.error):
            raise outcome.error
    seen: set[tuple[object, ...]] = set()
    for write in writes:
        table = database.table(write.table_name)
        identity = item_identity(table, write.key)
        if identity in seen:
            raise validation_error(messages.TRANSACT_SAME_ITEM)
        seen.add(identity)
    plans = [outcome for outcome in outcomes if isinstance(outcome, WritePlan)]
    if len(plans) != len(outcomes):
        raise transaction_cancelled(_reasons(outcomes))
    return plans


def _reasons(outcomes: Sequence[WritePlan | Refusal]) -> list[dict[str, object]]:
    """The cancellation reasons: the first key that does not match its schema
    alone, if there is one (nothing else is run); else every refusal."""
    refusals = [outcome for outcome in outcomes if isinstance(outcome, Refusal)]
    first = next((r for r in refusals if found_before_running(r.error)), None)
    return [
        outcome.cancellation_reason
        if isinstance(outcome, Refusal) and (first is None or outcome is first)
        else {"Code": "None"}
        for outcome in outcomes
    ]


def _capacity(plans: Sequence[WritePlan]) -> CapacityTotals:
    """Each action's write units; a condition check is charged as a write of the
    item it reads, leaving its indexes alone. The transaction doubles what each
    action costs its table, and nothing else: an index is charged what the same
    write costs it outside a transaction (the live service's figures, as
    nubo-db/dynoxide PR 188 records them)."""
    totals = CapacityTotals()
    for plan in plans:
        table_units, global_units, local_units = write_capacity_units(plan)
        totals.add(
            plan.write.table_name, table_units * TRANSACTION_FACTOR, global_units, local_units
        )
    return totals


def _collection_metrics(plans: Sequence[WritePlan]) -> dict[str, object]:
    """``ItemCollectionMetrics``: for each table with local indexes, the collection
    of each item put, updated or deleted, measured after the transaction."""
    metrics: dict[str, list[dict[str, object]]] = {}
    for plan in plans:
        if plan.table.definition.local_indexes and not isinstance(
            plan.write, PreparedConditionCheck
        ):
            metrics.setdefault(plan.write.table_name, []).append(collection_metrics(plan))
    return dict(metrics)


def _repeated(record: TokenRecord, mode: str | None) -> dict[str, object]:
    """The answer to a call repeating a transaction: nothing written; its capacity
    is that of reading, transactionally, each item at the size the first call
    charged it on (a deleted item at its size before the delete), whatever the
    items hold now. Source: the API reference, TransactWriteItems
    ``ClientRequestToken`` (a repeated call reports read units), and the
    service's figures as public conformance captures record them (a repeated
    1.5 KB put: 4 write units, then 2 read units; a repeated delete of a 9 KB
    item: 6 read units)."""
    response: dict[str, object] = {}
    if mode is None or mode == "NONE":
        return response
    totals = CapacityTotals()
    for table_name, size in record.charged_sizes:
        totals.add(table_name, read_units(size, consistent=True))
    response["ConsumedCapacity"] = totals.entries(
        mode, factor=TRANSACTION_FACTOR, units_member="ReadCapacityUnits"
    )
    return response

"""BatchGetItem: up to 100 items from one or more tables, read as GetItem reads them.

The order in which the service reports what is wrong (after the model's
constraints, among them at most 100 keys per table):

1. no table asks for ``AttributesToGet`` while another (or the same) asks for a
   ``ProjectionExpression``: the call is one request, and mixing the two kinds of
   parameter anywhere in it is refused (the live service's answer, recorded by
   public conformance captures; its exact words for two tables are not on
   record, so the fake gives those of one);
2. table by table in request order: expression and legacy parameters are not
   mixed, ``AttributesToGet`` has no duplicates, the projection parses; then key
   by key: the key decodes, the table's keys hold no duplicate, and the call
   holds at most 100 keys over all its tables;
3. key by key again: the table exists and the key matches its key schema (an
   empty key value is reported in PutItem's words, see :mod:`.batch_rules`).

Sources: AWS's API reference for BatchGetItem, dynalite's
``validations/batchGetItem.js`` and the service's answers captured in four regions.

An answer holds at most 16 MB of items: reading in request order, the first item
that would take the answer past it, and every key after it, come back in
``UnprocessedKeys`` with their table's parameters, unread and uncharged. So do
the keys a test asked the faults to leave unprocessed. Items come back in
request order within each table (the service promises no order).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple, cast

from dynantic.testing import messages
from dynantic.testing.engine.capacity import read_units
from dynantic.testing.engine.values import Item, decode_item, encode_item
from dynantic.testing.errors import ServiceError, validation_error
from dynantic.testing.operations.capacity_totals import CapacityTotals
from dynantic.testing.operations.items_check import ReadResult, read_item
from dynantic.testing.operations.items_prepare import PreparedGet, prepare_get
from dynantic.testing.operations.registry import operation

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import BatchGetItemInputTypeDef, GetItemInputTypeDef

    from dynantic.testing.engine.database import Database

__all__ = ["MAX_KEYS", "MAX_RESPONSE_BYTES", "batch_get_item"]

MAX_KEYS = 100
"""DynamoDB: one BatchGetItem call asks for at most 100 items."""
MAX_RESPONSE_BYTES = 16 * 1024 * 1024
"""DynamoDB: one BatchGetItem answer holds at most 16 MB of items."""

KeysAndAttributes = Mapping[str, object]
_PROJECTIONS = ("AttributesToGet", "ProjectionExpression")
_TABLE_PARAMETERS = (
    "ProjectionExpression",
    "ExpressionAttributeNames",
    "AttributesToGet",
    "ConsistentRead",
)


class _Answer(NamedTuple):
    """What the reads found: results by table, and the keys left unprocessed."""

    results: dict[str, list[ReadResult]]
    unprocessed: dict[str, list[int]]


@operation("BatchGetItem")
def batch_get_item(database: Database, request: BatchGetItemInputTypeDef) -> dict[str, object]:
    request_items = cast("Mapping[str, KeysAndAttributes]", request["RequestItems"])
    reads = _prepare(request_items)
    with database.lock:
        results = _read(database, reads)
        chosen = database.faults.unprocessed(
            "BatchGetItem",
            {name: _keys(entry) for name, entry in request_items.items()},
        )
    answer = _cut(results, chosen)
    response: dict[str, object] = {
        "Responses": {
            name: [_returned(result) for result in table_results if result.item is not None]
            for name, table_results in answer.results.items()
        },
        "UnprocessedKeys": _unprocessed_keys(request_items, answer.unprocessed),
    }
    mode = request.get("ReturnConsumedCapacity")
    if mode is not None and mode != "NONE":
        response["ConsumedCapacity"] = _capacity(answer.results).entries(mode)
    return response


def _keys(entry: KeysAndAttributes) -> Sequence[Mapping[str, object]]:
    return cast("Sequence[Mapping[str, object]]", entry["Keys"])


def _prepare(request_items: Mapping[str, KeysAndAttributes]) -> dict[str, list[PreparedGet]]:
    """Every key decoded and checked on its own, by table (steps 1 and 2)."""
    _check_one_kind_of_projection(request_items.values())
    reads: dict[str, list[PreparedGet]] = {}
    count = 0
    for name, entry in request_items.items():
        keys = _keys(entry)
        parameters = {member: entry[member] for member in _TABLE_PARAMETERS if member in entry}
        first = prepare_get(
            cast("GetItemInputTypeDef", {"TableName": name, "Key": keys[0], **parameters})
        )
        table_reads = reads[name] = []
        seen: set[object] = set()
        for i, key in enumerate(keys):
            read = first if i == 0 else first._replace(key=decode_item(key))
            identity = _identity(read.key)
            if identity in seen:
                raise validation_error(messages.BATCH_DUPLICATE_KEYS)
            seen.add(identity)
            count += 1
            if count > MAX_KEYS:
                raise validation_error(messages.BATCH_GET_TOO_MANY)
            table_reads.append(read)
    return reads


def _check_one_kind_of_projection(entries: Iterable[KeysAndAttributes]) -> None:
    """Step 1: ``AttributesToGet`` and ``ProjectionExpression`` are not both used."""
    used = {member for entry in entries for member in _PROJECTIONS if member in entry}
    if len(used) == len(_PROJECTIONS):
        raise validation_error(
            messages.EXPRESSIONS_MIXED_WITH_LEGACY.format(
                legacy="AttributesToGet", expressions="ProjectionExpression"
            )
        )


def _identity(key: Item) -> object:
    """A hashable stand-in for a key's attributes and values."""
    try:
        return frozenset(key.items())
    except TypeError:  # a set, list or map value: not a valid key, but comparable
        return repr(sorted(key.items(), key=lambda pair: pair[0]))


def _read(database: Database, reads: dict[str, list[PreparedGet]]) -> dict[str, list[ReadResult]]:
    """Every key read from its table (step 3); raises the first refusal."""
    results: dict[str, list[ReadResult]] = {}
    for name, table_reads in reads.items():
        try:
            results[name] = [read_item(database, read) for read in table_reads]
        except ServiceError as error:
            raise error from None
    return results


def _cut(results: dict[str, list[ReadResult]], chosen: Mapping[str, frozenset[int]]) -> _Answer:
    """Leave out the keys the faults chose, and everything past 16 MB of items."""
    kept: dict[str, list[ReadResult]] = {}
    unprocessed: dict[str, list[int]] = {}
    total = 0
    full = False
    for name, table_results in results.items():
        left = chosen.get(name, frozenset())
        table_kept = kept[name] = []
        for i, result in enumerate(table_results):
            if not full and i not in left:
                total += result.size
                full = total > MAX_RESPONSE_BYTES
            if full or i in left:
                unprocessed.setdefault(name, []).append(i)
            else:
                table_kept.append(result)
    return _Answer(kept, unprocessed)


def _returned(result: ReadResult) -> dict[str, dict[str, object]]:
    item = cast("Item", result.item)
    projection = result.read.projection
    return encode_item(item if projection is None else projection.project(item))


def _unprocessed_keys(
    request_items: Mapping[str, KeysAndAttributes], unprocessed: dict[str, list[int]]
) -> dict[str, object]:
    """``UnprocessedKeys``: each table's keys left out, with the table's parameters,
    ready to be sent again as ``RequestItems``."""
    answer: dict[str, object] = {}
    for name, indexes in unprocessed.items():
        entry = request_items[name]
        keys = _keys(entry)
        left: dict[str, object] = {"Keys": [copy.deepcopy(keys[i]) for i in indexes]}
        for member in _TABLE_PARAMETERS:
            if member in entry:
                left[member] = copy.deepcopy(entry[member])
        answer[name] = left
    return answer


def _capacity(results: dict[str, list[ReadResult]]) -> CapacityTotals:
    totals = CapacityTotals()
    for name, table_results in results.items():
        if table_results:
            consistent = table_results[0].read.consistent
            totals.add(
                name,
                sum(read_units(result.size, consistent=consistent) for result in table_results),
            )
    return totals

"""PutItem, GetItem and DeleteItem."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dynantic.testing import messages
from dynantic.testing.engine.capacity import consumed_capacity, read_units, write_units
from dynantic.testing.engine.keys import check_item_keys, check_key
from dynantic.testing.engine.values import decode_item, encode_item, item_size
from dynantic.testing.errors import validation_error
from dynantic.testing.operations.registry import operation

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import (
        DeleteItemInputTypeDef,
        GetItemInputTypeDef,
        PutItemInputTypeDef,
    )

    from dynantic.testing.engine.database import Database

# DynamoDB: an item is at most 400 KB (409,600 bytes) by the item-size formula.
MAX_ITEM_BYTES = 400 * 1024


@operation("PutItem")
def put_item(database: Database, request: PutItemInputTypeDef) -> dict[str, object]:
    item = decode_item(request["Item"])
    return_values = request.get("ReturnValues", "NONE")
    if return_values not in {"NONE", "ALL_OLD"}:
        raise validation_error(messages.PUT_RETURN_VALUES)
    size = item_size(item)
    if size > MAX_ITEM_BYTES:
        raise validation_error(messages.ITEM_TOO_LARGE)
    with database.lock:
        table = database.table(request["TableName"])
        check_item_keys(item, table.key_schema)
        for index in table.indexes.values():
            index.check_item(item)
        old, old_size = table.put(item, size)
        name = table.name
    response: dict[str, object] = {}
    if return_values == "ALL_OLD" and old is not None:
        response["Attributes"] = encode_item(old)
    capacity = consumed_capacity(
        request.get("ReturnConsumedCapacity"),
        name,
        write_units(old_size, size),
    )
    if capacity is not None:
        response["ConsumedCapacity"] = capacity
    return response


@operation("GetItem")
def get_item(database: Database, request: GetItemInputTypeDef) -> dict[str, object]:
    key = decode_item(request["Key"])
    with database.lock:
        table = database.table(request["TableName"])
        check_key(key, table.key_schema)
        found = table.get(*table.key_of(key))
        name = table.name
    response: dict[str, object] = {}
    if found is not None:
        response["Item"] = encode_item(found)
    capacity = consumed_capacity(
        request.get("ReturnConsumedCapacity"),
        name,
        read_units(
            item_size(found) if found else 0, consistent=request.get("ConsistentRead", False)
        ),
    )
    if capacity is not None:
        response["ConsumedCapacity"] = capacity
    return response


@operation("DeleteItem")
def delete_item(database: Database, request: DeleteItemInputTypeDef) -> dict[str, object]:
    key = decode_item(request["Key"])
    return_values = request.get("ReturnValues", "NONE")
    if return_values not in {"NONE", "ALL_OLD"}:
        raise validation_error(messages.DELETE_RETURN_VALUES)
    with database.lock:
        table = database.table(request["TableName"])
        check_key(key, table.key_schema)
        old = table.delete(*table.key_of(key))
        name = table.name
    response: dict[str, object] = {}
    if return_values == "ALL_OLD" and old is not None:
        response["Attributes"] = encode_item(old)
    capacity = consumed_capacity(
        request.get("ReturnConsumedCapacity"), name, write_units(item_size(old) if old else 0, 0)
    )
    if capacity is not None:
        response["ConsumedCapacity"] = capacity
    return response

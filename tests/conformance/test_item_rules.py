"""The item operations' limits and refusals, capacity with indexes, and item
collection metrics."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.table_shapes import pk_sk_table

from .backends import DYNALITE, MOTO
from .markers import known_divergence
from .support import Backend, service_error, without_volatile

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import AttributeValueTypeDef

KEY: dict[str, AttributeValueTypeDef] = {"pk": {"S": "a"}}


def _indexed_table(dynamodb: Backend) -> str:
    """Keys pk/sk (S); global index by-g on g (S), keys only; local index by-l on l (N)."""
    name = dynamodb.table_name()
    dynamodb.create_table(
        **pk_sk_table(
            name,
            {"g": "S", "l": "N"},
            global_indexes=[("by-g", ("g",), "KEYS_ONLY")],
            local_indexes=[("by-l", ("pk", "l"), "ALL")],
        )
    )
    return name


INDEXED_KEY: dict[str, AttributeValueTypeDef] = {"pk": {"S": "a"}, "sk": {"S": "1"}}


# ---------------------------------------------------------------- limits


@known_divergence(
    MOTO,
    "refuses an item of exactly 409,600 bytes",
    service="AWS DynamoDB developer guide, 'Service, account, and table quotas': the maximum "
    "item size is 400 KB, attribute names and values included",
    when=lambda case: case["accepted"] is True,
)
@pytest.mark.parametrize(("size", "accepted"), [(409_600, True), (409_601, False)])
def test_an_item_is_at_most_400_kb(dynamodb: Backend, size: int, accepted: bool) -> None:
    table = dynamodb.key_table()
    # "pk" + "a" and "v" are 4 bytes; the string makes up the rest.
    item: dict[str, AttributeValueTypeDef] = {"pk": {"S": "a"}, "v": {"S": "x" * (size - 4)}}
    if accepted:
        dynamodb.client.put_item(TableName=table, Item=item)
        return
    with service_error("ValidationException", "Item size has exceeded the maximum allowed size"):
        dynamodb.client.put_item(TableName=table, Item=item)


def test_a_partition_key_over_2048_bytes_is_refused(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    with service_error(
        "ValidationException",
        "One or more parameter values were invalid: Size of hashkey has exceeded the maximum "
        "size limit of2048 bytes",
    ):
        dynamodb.client.put_item(TableName=table, Item={"pk": {"S": "k" * 2049}})


@known_divergence(
    MOTO,
    "refuses the 409,000-byte item the update starts from",
    service="AWS DynamoDB developer guide, 'Service, account, and table quotas': the maximum "
    "item size is 400 KB",
)
def test_an_update_that_grows_the_item_over_400_kb_is_refused(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    dynamodb.put_items(table, {"pk": {"S": "a"}, "v": {"S": "x" * 409_000}})
    with service_error(
        "ValidationException", "Item size to update has exceeded the maximum allowed size"
    ):
        dynamodb.client.update_item(
            TableName=table,
            Key=KEY,
            UpdateExpression="SET w = :w",
            ExpressionAttributeValues={":w": {"S": "y" * 1000}},
        )


_EMPTY_NAME_SOURCE = (
    "scylladb test/alternator test_limits.py::test_limit_attribute_length_nonkey_empty, "
    "run against AWS; paritysuite/dynamodb-conformance "
    "tests/tier3/validation-ordering/deepRequests.test.ts for the wording (a transaction's Put)"
)


@known_divergence(DYNALITE, "accepts an empty attribute name", service=_EMPTY_NAME_SOURCE)
@known_divergence(MOTO, "accepts an empty attribute name", service=_EMPTY_NAME_SOURCE)
@pytest.mark.parametrize("request_kind", ["put", "batch put", "attribute update", "get list"])
def test_an_attribute_name_is_never_empty(dynamodb: Backend, request_kind: str) -> None:
    table = dynamodb.key_table()
    client = dynamodb.client
    item: dict[str, AttributeValueTypeDef] = {"pk": {"S": "blank"}, "": {"S": "nameless"}}
    with service_error("ValidationException", "Empty attribute name"):
        if request_kind == "put":
            client.put_item(TableName=table, Item=item)
        elif request_kind == "batch put":
            client.batch_write_item(RequestItems={table: [{"PutRequest": {"Item": item}}]})
        elif request_kind == "attribute update":
            client.update_item(
                TableName=table,
                Key={"pk": {"S": "blank"}},
                AttributeUpdates={"": {"Value": {"S": "nameless"}, "Action": "PUT"}},
            )
        else:
            client.get_item(TableName=table, Key={"pk": {"S": "blank"}}, AttributesToGet=["", "x"])
    assert "Item" not in client.get_item(TableName=table, Key={"pk": {"S": "blank"}})


_LONG_NAME_SOURCE = "ExtendDB issue 365, measured against the service 2026-09-16"


@known_divergence(
    (DYNALITE, MOTO),
    "accepts a name of 32,768 two-byte characters (65,536 bytes)",
    service=_LONG_NAME_SOURCE,
)
@pytest.mark.parametrize(
    "request_kind", ["top level", "nested", "update value", "update name", "condition name"]
)
def test_an_attribute_name_over_65535_bytes_is_refused(
    dynamodb: Backend, request_kind: str
) -> None:
    table = dynamodb.key_table()
    client = dynamodb.client
    long_name = "\u00e9" * 32768  # 65,536 bytes in UTF-8
    key: dict[str, AttributeValueTypeDef] = {"pk": {"S": "long"}}
    with service_error(
        "ValidationException",
        "1 validation error detected: Attribute name is too large, must be less than 65536 bytes",
    ):
        if request_kind == "top level":
            client.put_item(TableName=table, Item={**key, long_name: {"S": "x"}})
        elif request_kind == "nested":
            client.put_item(TableName=table, Item={**key, "doc": {"M": {long_name: {"S": "x"}}}})
        elif request_kind == "condition name":
            client.put_item(
                TableName=table,
                Item=key,
                ConditionExpression="attribute_not_exists(#n)",
                ExpressionAttributeNames={"#n": long_name},
            )
        elif request_kind == "update value":
            client.update_item(
                TableName=table,
                Key=key,
                UpdateExpression="SET doc = :v",
                ExpressionAttributeValues={":v": {"M": {long_name: {"S": "x"}}}},
            )
        else:
            client.update_item(
                TableName=table,
                Key=key,
                UpdateExpression="SET #n = :v",
                ExpressionAttributeNames={"#n": long_name},
                ExpressionAttributeValues={":v": {"S": "x"}},
            )
    assert "Item" not in client.get_item(TableName=table, Key=key)


def test_an_attribute_name_of_65535_bytes_is_accepted(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    name = "\u00e9" * 32767 + "n"
    item: dict[str, AttributeValueTypeDef] = {"pk": {"S": "long"}, "doc": {"M": {name: {"N": "1"}}}}
    dynamodb.client.put_item(TableName=table, Item=item)
    got = dynamodb.client.get_item(TableName=table, Key={"pk": {"S": "long"}})
    assert got["Item"] == item


# ---------------------------------------------------------------- updates


@known_divergence(
    MOTO,
    "adds the key attributes to UPDATED_NEW and returns ConsumedCapacity that was not asked for",
    service="AWS DynamoDB API reference, UpdateItem: UPDATED_NEW returns only the updated "
    "attributes, as they appear after the UpdateItem operation",
)
def test_updated_new_of_a_created_item_holds_no_key_attribute(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    updated = dynamodb.client.update_item(
        TableName=table,
        Key=KEY,
        UpdateExpression="SET v = :v",
        ExpressionAttributeValues={":v": {"S": "x"}},
        ReturnValues="UPDATED_NEW",
    )
    assert without_volatile(updated) == {"Attributes": {"v": {"S": "x"}}}


def test_an_update_whose_condition_fails_creates_nothing(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    with service_error("ConditionalCheckFailedException", "The conditional request failed"):
        dynamodb.client.update_item(
            TableName=table,
            Key=KEY,
            UpdateExpression="SET v = :v",
            ConditionExpression="attribute_exists(pk)",
            ExpressionAttributeValues={":v": {"S": "x"}},
        )
    assert "Item" not in dynamodb.client.get_item(TableName=table, Key=KEY)


@known_divergence(
    MOTO,
    "answers that the key attribute itself cannot be updated",
    service="as dynalite, checked against the live service, answers 'Key attributes must be "
    "scalars; list random access '[]' and map lookup '.' are not allowed'",
)
def test_an_update_reading_inside_a_key_attribute_is_refused(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    with service_error(
        "ValidationException",
        "Key attributes must be scalars; list random access '[]' and map lookup '.' are not "
        "allowed: Key: pk",
    ):
        dynamodb.client.update_item(TableName=table, Key=KEY, UpdateExpression="SET v = pk.x")


@known_divergence(
    MOTO,
    "words the refusal as for a table key ('Type mismatch for key g')",
    service="as dynalite, checked against the live service, answers 'Type mismatch for Index "
    "Key g Expected: S Actual: N IndexName: by-g'",
)
def test_an_update_writing_an_index_key_of_the_wrong_type_is_refused(dynamodb: Backend) -> None:
    table = _indexed_table(dynamodb)
    with service_error(
        "ValidationException",
        "One or more parameter values were invalid: Type mismatch for Index Key g Expected: S "
        "Actual: N IndexName: by-g",
    ):
        dynamodb.client.update_item(
            TableName=table,
            Key=INDEXED_KEY,
            UpdateExpression="SET g = :n",
            ExpressionAttributeValues={":n": {"N": "1"}},
        )


@known_divergence(
    DYNALITE,
    "ignores ReturnValuesOnConditionCheckFailure",
    service="AWS DynamoDB API reference, UpdateItem: ReturnValuesOnConditionCheckFailure=ALL_OLD "
    "returns the item as it was with the error",
)
def test_a_failed_update_condition_returns_the_item_when_asked(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    dynamodb.put_items(table, {"pk": {"S": "a"}, "v": {"N": "1"}})
    with service_error(
        "ConditionalCheckFailedException", "The conditional request failed"
    ) as error:
        dynamodb.client.update_item(
            TableName=table,
            Key=KEY,
            UpdateExpression="SET v = :two",
            ConditionExpression="v = :two",
            ExpressionAttributeValues={":two": {"N": "2"}},
            ReturnValuesOnConditionCheckFailure="ALL_OLD",
        )
    assert error.response.get("Item") == {"pk": {"S": "a"}, "v": {"N": "1"}}


# ---------------------------------------------------------------- capacity


@known_divergence(
    MOTO,
    "hard-codes capacity units instead of rounding item sizes",
    service="AWS DynamoDB developer guide, 'Read/write capacity mode': an update is charged "
    "per 1 KB of the larger of the item before and after it",
)
def test_an_update_costs_the_larger_of_the_old_and_new_item(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    dynamodb.put_items(table, {"pk": {"S": "a"}, "v": {"S": "x" * 2500}})
    updated = dynamodb.client.update_item(
        TableName=table, Key=KEY, UpdateExpression="REMOVE v", ReturnConsumedCapacity="TOTAL"
    )
    assert without_volatile(updated) == {
        "ConsumedCapacity": {"TableName": table, "CapacityUnits": 3.0}
    }


@known_divergence(
    (DYNALITE, MOTO),
    "reports the table's units alone, leaving out the writes to the indexes",
    service="AWS DynamoDB developer guide, 'Provisioned throughput considerations for global "
    "secondary indexes' (and for local ones): writing an item into an index costs a write "
    "on that index; ConsumedCapacity with INDEXES lists each index",
)
def test_a_put_reports_each_index_it_writes(dynamodb: Backend) -> None:
    table = _indexed_table(dynamodb)
    put = dynamodb.client.put_item(
        TableName=table,
        Item={**INDEXED_KEY, "g": {"S": "x"}, "l": {"N": "1"}},
        ReturnConsumedCapacity="INDEXES",
    )
    assert without_volatile(put) == {
        "ConsumedCapacity": {
            "TableName": table,
            "CapacityUnits": 3.0,
            "Table": {"CapacityUnits": 1.0},
            "GlobalSecondaryIndexes": {"by-g": {"CapacityUnits": 1.0}},
            "LocalSecondaryIndexes": {"by-l": {"CapacityUnits": 1.0}},
        }
    }


@known_divergence(
    (DYNALITE, MOTO),
    "returns no ItemCollectionMetrics",
    service="AWS DynamoDB API reference, PutItem: ItemCollectionMetrics (ItemCollectionKey "
    "and SizeEstimateRangeGB) for tables with local secondary indexes when "
    "ReturnItemCollectionMetrics is SIZE",
)
def test_item_collection_metrics_name_the_partition_key(dynamodb: Backend) -> None:
    table = _indexed_table(dynamodb)
    put = dynamodb.client.put_item(
        TableName=table, Item=INDEXED_KEY, ReturnItemCollectionMetrics="SIZE"
    )
    assert without_volatile(put) == {
        "ItemCollectionMetrics": {
            "ItemCollectionKey": {"pk": {"S": "a"}},
            "SizeEstimateRangeGB": [0.0, 1.0],
        }
    }


def test_item_collection_metrics_are_absent_without_local_indexes(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    put = dynamodb.client.put_item(TableName=table, Item=KEY, ReturnItemCollectionMetrics="SIZE")
    assert without_volatile(put) == {}

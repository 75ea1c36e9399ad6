"""BatchWriteItem and BatchGetItem."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

import pytest

from .backends import DYNALITE, MOTO
from .markers import known_divergence
from .support import Backend, service_error, without_volatile

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import WriteRequestTypeDef


@known_divergence(
    MOTO,
    "returns ConsumedCapacity that was not asked for",
    service="AWS DynamoDB API reference, BatchWriteItem",
)
def test_batch_write_puts_and_deletes_and_reports_no_unprocessed_items(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    dynamodb.put_items(table, {"pk": {"S": "old"}})
    written = dynamodb.client.batch_write_item(
        RequestItems={
            table: [
                {"PutRequest": {"Item": {"pk": {"S": "a"}, "v": {"N": "1"}}}},
                {"PutRequest": {"Item": {"pk": {"S": "b"}}}},
                {"DeleteRequest": {"Key": {"pk": {"S": "old"}}}},
            ]
        }
    )
    assert without_volatile(written) == {"UnprocessedItems": {}}
    found = dynamodb.client.scan(TableName=table)
    assert sorted(item["pk"]["S"] for item in found["Items"]) == ["a", "b"]


@known_divergence(
    MOTO,
    "returns ConsumedCapacity that was not asked for",
    service="AWS DynamoDB API reference, BatchGetItem",
)
def test_batch_get_returns_found_items_by_table(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    dynamodb.put_items(table, {"pk": {"S": "a"}, "v": {"N": "1"}}, {"pk": {"S": "b"}})
    got = dynamodb.client.batch_get_item(
        RequestItems={table: {"Keys": [{"pk": {"S": "a"}}, {"pk": {"S": "nobody"}}]}}
    )
    assert without_volatile(got) == {
        "Responses": {table: [{"pk": {"S": "a"}, "v": {"N": "1"}}]},
        "UnprocessedKeys": {},
    }


def test_batch_get_applies_the_projection_per_table(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    dynamodb.put_items(table, {"pk": {"S": "a"}, "v": {"N": "1"}, "w": {"N": "2"}})
    got = dynamodb.client.batch_get_item(
        RequestItems={
            table: {
                "Keys": [{"pk": {"S": "a"}}],
                "ProjectionExpression": "#w",
                "ExpressionAttributeNames": {"#w": "w"},
                "ConsistentRead": True,
            }
        }
    )
    assert got["Responses"] == {table: [{"w": {"N": "2"}}]}


@known_divergence(
    MOTO,
    "accepts the same key twice in one batch",
    service="AWS DynamoDB API reference, BatchWriteItem: 'There are more than one request for "
    "the same item' is a ValidationException",
)
def test_batch_write_with_the_same_key_twice_is_refused(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    with service_error("ValidationException", "Provided list of item keys contains duplicates"):
        dynamodb.client.batch_write_item(
            RequestItems={
                table: [
                    {"PutRequest": {"Item": {"pk": {"S": "a"}}}},
                    {"DeleteRequest": {"Key": {"pk": {"S": "a"}}}},
                ]
            }
        )


def test_batch_get_with_the_same_key_twice_is_refused(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    with service_error("ValidationException", "Provided list of item keys contains duplicates"):
        dynamodb.client.batch_get_item(
            RequestItems={table: {"Keys": [{"pk": {"S": "a"}}, {"pk": {"S": "a"}}]}}
        )


@known_divergence(
    DYNALITE,
    "reports the request items as JSON instead of the service's Java rendering",
    service="the service's validation message renders the map as "
    "{table=[WriteRequest(putRequest=PutRequest(item={pk=…}, …), deleteRequest=null), …]}",
)
@known_divergence(
    MOTO,
    "accepts more than 25 requests",
    service="AWS DynamoDB API reference, BatchWriteItem: at most 25 put or delete requests",
)
def test_batch_write_of_more_than_25_requests_is_refused(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    with service_error(
        "ValidationException",
        f"1 validation error detected: Value '{{{table}=[WriteRequest(putRequest=PutRequest("
        "item={pk=com.amazonaws.dynamodb.v20120810.AttributeValue@",
        prefix=True,
    ):
        dynamodb.client.batch_write_item(
            RequestItems={
                table: [{"PutRequest": {"Item": {"pk": {"S": str(i)}}}} for i in range(26)]
            }
        )


@known_divergence(
    (DYNALITE, MOTO),
    "word the Keys list's limit with the member names in lower case (dynalite also shows the keys)",
    service="paritysuite/dynamodb-conformance and nubo-db/dynamodb-conformance tests/tier3/"
    "error-messages/batchGetItem.test.ts, captured in 2026: no value, 'RequestItems.<table>."
    "member.Keys'",
)
def test_batch_get_of_more_than_100_keys_for_one_table_breaks_the_keys_constraint(
    dynamodb: Backend,
) -> None:
    table = dynamodb.key_table()
    with service_error(
        "ValidationException",
        f"1 validation error detected: Value at 'RequestItems.{table}.member.Keys' failed to "
        "satisfy constraint: Member must have length less than or equal to 100",
    ):
        dynamodb.client.batch_get_item(
            RequestItems={table: {"Keys": [{"pk": {"S": str(i)}} for i in range(101)]}}
        )


def test_batch_get_of_more_than_100_keys_over_two_tables_is_refused(dynamodb: Backend) -> None:
    first, second = dynamodb.key_table(), dynamodb.key_table()
    with service_error("ValidationException", "Too many items requested for the BatchGetItem call"):
        dynamodb.client.batch_get_item(
            RequestItems={
                first: {"Keys": [{"pk": {"S": str(i)}} for i in range(60)]},
                second: {"Keys": [{"pk": {"S": str(i)}} for i in range(41)]},
            }
        )


def test_batch_write_to_a_missing_table_is_refused(dynamodb: Backend) -> None:
    name = dynamodb.table_name()
    with service_error("ResourceNotFoundException", "Requested resource not found"):
        dynamodb.client.batch_write_item(
            RequestItems={name: [{"PutRequest": {"Item": {"pk": {"S": "a"}}}}]}
        )


@known_divergence(
    MOTO,
    "accepts a delete request whose key has the wrong type",
    service="AWS DynamoDB API reference, BatchWriteItem: 'Primary key attributes specified on "
    "an item in the request do not match those in the corresponding table's primary "
    "key schema' is a ValidationException",
)
def test_batch_write_with_a_wrong_key_changes_nothing(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    with service_error("ValidationException", "The provided key element does not match the schema"):
        dynamodb.client.batch_write_item(
            RequestItems={
                table: [
                    {"PutRequest": {"Item": {"pk": {"S": "a"}}}},
                    {"DeleteRequest": {"Key": {"pk": {"N": "1"}}}},
                ]
            }
        )
    assert dynamodb.client.scan(TableName=table)["Count"] == 0


@known_divergence(
    MOTO,
    "hard-codes one unit per item instead of rounding each item's size",
    service="AWS DynamoDB developer guide, 'Read/write capacity mode': 1 RCU per 4 KB read "
    "strongly consistent, half that eventually consistent; batches round item by item",
)
def test_batch_get_reports_capacity_per_table(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    dynamodb.put_items(table, {"pk": {"S": "a"}}, {"pk": {"S": "b"}, "v": {"S": "x" * 5000}})
    got = dynamodb.client.batch_get_item(
        RequestItems={table: {"Keys": [{"pk": {"S": "a"}}, {"pk": {"S": "b"}}]}},
        ReturnConsumedCapacity="TOTAL",
    )
    assert got.get("ConsumedCapacity") == [{"TableName": table, "CapacityUnits": 1.5}]


@known_divergence(
    MOTO,
    "answers with PutItem's type-mismatch message",
    service="the live service's BatchWriteItem answer, captured in four regions: 'The provided "
    "key element does not match the schema'",
)
def test_batch_write_of_a_put_whose_key_has_the_wrong_type_is_refused(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    with service_error("ValidationException", "The provided key element does not match the schema"):
        dynamodb.client.batch_write_item(
            RequestItems={table: [{"PutRequest": {"Item": {"pk": {"N": "5"}}}}]}
        )


@known_divergence(
    (DYNALITE, MOTO),
    "accepts AttributesToGet for one table and a ProjectionExpression for another",
    service="the live service's BatchGetItem answer, recorded by public conformance captures "
    "(paritysuite/dynamodb-conformance): a ValidationException for the whole call",
)
def test_batch_get_mixing_projection_kinds_over_tables_is_refused(dynamodb: Backend) -> None:
    first, second = dynamodb.key_table(), dynamodb.key_table()
    with service_error(
        "ValidationException",
        "Can not use both expression and non-expression parameters in the same request",
        prefix=True,
    ):
        dynamodb.client.batch_get_item(
            RequestItems={
                first: {"Keys": [{"pk": {"S": "a"}}], "ProjectionExpression": "pk"},
                second: {"Keys": [{"pk": {"S": "a"}}], "AttributesToGet": ["pk"]},
            }
        )


@known_divergence(
    DYNALITE,
    "counts the 25 requests per table only",
    service="AWS DynamoDB API reference, BatchWriteItem: the call is refused if 'there are "
    "more than 25 requests in the batch'",
)
@known_divergence(
    MOTO,
    "answers that the item keys contain duplicates",
    service="AWS DynamoDB API reference, BatchWriteItem: at most 25 requests in the batch",
)
def test_batch_write_of_more_than_25_requests_over_two_tables_is_refused(
    dynamodb: Backend,
) -> None:
    first, second = dynamodb.key_table(), dynamodb.key_table()
    with service_error(
        "ValidationException", "Too many items requested for the BatchWriteItem call"
    ):
        dynamodb.client.batch_write_item(
            RequestItems={
                name: [{"PutRequest": {"Item": {"pk": {"S": str(i)}}}} for i in range(13)]
                for name in (first, second)
            }
        )
    assert dynamodb.client.scan(TableName=first)["Count"] == 0


@known_divergence(
    MOTO,
    "fails with an internal error on a request with neither PutRequest nor DeleteRequest, "
    "and applies the put of one holding both",
    service="AWS's DynamoDB Local and dynalite's record of the service: a WriteRequest holds "
    "exactly one of them, or 'Supplied AttributeValue has more than one datatypes set'",
)
@known_divergence(
    DYNALITE,
    "applies the put of a request holding both PutRequest and DeleteRequest",
    service="AWS's DynamoDB Local: a WriteRequest holds exactly one of them",
    when=lambda params: params["members"] == ("PutRequest", "DeleteRequest"),
)
@pytest.mark.parametrize("members", [(), ("PutRequest", "DeleteRequest")], ids=["none", "both"])
def test_batch_write_request_holding_not_exactly_one_request_is_refused(
    dynamodb: Backend, members: tuple[str, ...]
) -> None:
    table = dynamodb.key_table()
    parts: dict[str, object] = {
        "PutRequest": {"Item": {"pk": {"S": "a"}}},
        "DeleteRequest": {"Key": {"pk": {"S": "b"}}},
    }
    request = cast("WriteRequestTypeDef", {member: parts[member] for member in members})
    with service_error(
        "ValidationException",
        "Supplied AttributeValue has more than one datatypes set, must contain exactly one of "
        "the supported datatypes",
    ):
        dynamodb.client.batch_write_item(RequestItems={table: [request]})
    assert dynamodb.client.scan(TableName=table)["Count"] == 0


@known_divergence(
    DYNALITE,
    "answers with the generic minimum-length constraint message",
    service="us-east-1's answers, recorded by public conformance captures (paritysuite "
    "registry/splits.json, 2026-10): BatchWriteItem 'The requestItems parameter is required "
    "for …', BatchGetItem the newer 'Value at 'RequestItems' …'",
)
@known_divergence(
    MOTO, "accepts an empty RequestItems map", service="the model: at least one table"
)
@pytest.mark.parametrize("operation", ["BatchGetItem", "BatchWriteItem"])
def test_an_empty_request_items_map_is_refused(dynamodb: Backend, operation: str) -> None:
    message = (
        "1 validation error detected: Value at 'RequestItems' failed to satisfy constraint: "
        "Member must have length greater than or equal to 1"
        if operation == "BatchGetItem"
        else f"The requestItems parameter is required for {operation}"
    )
    with service_error("ValidationException", message):
        if operation == "BatchGetItem":
            dynamodb.client.batch_get_item(RequestItems={})
        else:
            dynamodb.client.batch_write_item(RequestItems={})


UNKNOWN_CAPACITY = (
    "Value 'SOMETIMES' at 'returnConsumedCapacity' failed to satisfy constraint: "
    "Member must satisfy enum value set: [INDEXES, TOTAL, NONE]"
)
TABLE_NAME_KEYS = (
    "failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length "
    "less than or equal to 255, Member must have length greater than or equal to 3, "
    "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+]"
)
ORDERING_CAPTURE = (
    "paritysuite/dynamodb-conformance tests/tier3/validation-ordering/batchOperations.test.ts, "
    "us-east-1 and eu-west-2, 2026-10"
)


@known_divergence(
    (DYNALITE, MOTO),
    "does not report the malformed table name beside the unknown ReturnConsumedCapacity",
    service=f"{ORDERING_CAPTURE}: 'BatchGetItem reports a malformed table name and an "
    "unknown ReturnConsumedCapacity together'",
)
def test_batch_get_lists_a_malformed_table_name_before_an_unknown_capacity_setting(
    dynamodb: Backend,
) -> None:
    with service_error(
        "ValidationException",
        "2 validation errors detected: "
        'Value \'{"orders#2":{"Keys":[{"id":{"S":"o-1"}}]}}\' '
        f"at 'requestItems' {TABLE_NAME_KEYS}; {UNKNOWN_CAPACITY}",
    ):
        dynamodb.client.batch_get_item(
            RequestItems={"orders#2": {"Keys": [{"id": {"S": "o-1"}}]}},
            ReturnConsumedCapacity=cast("Any", "SOMETIMES"),
        )


@known_divergence(
    DYNALITE,
    "lists the malformed table name beside the unknown ReturnConsumedCapacity",
    service=f"{ORDERING_CAPTURE}: 'BatchWriteItem reports an unknown ReturnConsumedCapacity "
    "alone over a malformed table name'",
)
@known_divergence(
    MOTO,
    "answers that the table does not exist",
    service=f"{ORDERING_CAPTURE}: 'BatchWriteItem reports an unknown ReturnConsumedCapacity "
    "alone over a malformed table name'",
)
def test_batch_write_reports_an_unknown_capacity_setting_alone_over_a_malformed_table_name(
    dynamodb: Backend,
) -> None:
    with service_error("ValidationException", f"1 validation error detected: {UNKNOWN_CAPACITY}"):
        dynamodb.client.batch_write_item(
            RequestItems={"orders#2": [{"PutRequest": {"Item": {"id": {"S": "o-1"}}}}]},
            ReturnConsumedCapacity=cast("Any", "SOMETIMES"),
        )


@known_divergence(
    DYNALITE,
    "reports the request items as JSON instead of the service's Java rendering",
    service="paritysuite/dynamodb-conformance tests/tier3/error-messages/batchWriteItem.test.ts "
    "'malformed table name: anchored regex on the map-keys constraint', us-east-1 and "
    "eu-west-2, 2026-10",
)
@known_divergence(
    MOTO,
    "answers that the table does not exist",
    service="the same capture refuses the table name in the generic constraint check",
)
def test_batch_write_shows_write_requests_with_their_fields_beside_a_malformed_table_name(
    dynamodb: Backend,
) -> None:
    with service_error(
        "ValidationException",
        "1 validation error detected: Value '{orders#2=[WriteRequest(putRequest=PutRequest("
        "item={id=com.amazonaws.dynamodb.v20120810.AttributeValue@",
        prefix=True,
    ) as error:
        dynamodb.client.batch_write_item(
            RequestItems={"orders#2": [{"PutRequest": {"Item": {"id": {"S": "o-1"}}}}]}
        )
    assert error.message.endswith(
        "}, workloadProfileName=null), deleteRequest=null)]}' at 'requestItems' " + TABLE_NAME_KEYS
    )

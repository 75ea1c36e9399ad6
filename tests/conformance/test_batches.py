"""BatchWriteItem and BatchGetItem."""

from __future__ import annotations

from .backends import DYNALITE, MOTO
from .markers import known_divergence
from .support import Backend, service_error, without_volatile


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
    "{table=[com.amazonaws.dynamodb.v20120810.WriteRequest@...]}",
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
        f"1 validation error detected: Value '{{{table}=[com.amazonaws.dynamodb.v20120810."
        "WriteRequest@",
        prefix=True,
    ):
        dynamodb.client.batch_write_item(
            RequestItems={
                table: [{"PutRequest": {"Item": {"pk": {"S": str(i)}}}} for i in range(26)]
            }
        )


def test_batch_get_of_more_than_100_keys_for_one_table_breaks_the_keys_constraint(
    dynamodb: Backend,
) -> None:
    table = dynamodb.key_table()
    with service_error(
        "ValidationException", "1 validation error detected: ", prefix=True
    ) as error:
        dynamodb.client.batch_get_item(
            RequestItems={table: {"Keys": [{"pk": {"S": str(i)}} for i in range(101)]}}
        )
    assert error.message.endswith(
        f"at 'requestItems.{table}.member.keys' failed to satisfy constraint: "
        "Member must have length less than or equal to 100"
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

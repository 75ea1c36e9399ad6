"""TransactGetItems: one consistent read of many items, and the rules it refuses by."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

import pytest

from dynantic.testing import FakeDynamoDBClient
from tests.testing.items.conftest import SIMPLE, SORTED, Refuses, answer

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import TransactGetItemsInputTypeDef


def transact_get(
    fake: FakeDynamoDBClient, gets: list[dict[str, object]], **options: str
) -> dict[str, object]:
    items = [{"Get": get} for get in gets]
    request = cast("TransactGetItemsInputTypeDef", {"TransactItems": items, **options})
    return answer(fake.transact_get_items(**request))


def get(pk: str, table: str = SIMPLE, **more: object) -> dict[str, object]:
    return {"TableName": table, "Key": {"pk": {"S": pk}}, **more}


@pytest.fixture
def stored(fake: FakeDynamoDBClient) -> FakeDynamoDBClient:
    fake.seed({SIMPLE: [{"pk": "a", "v": 1, "w": 2}, {"pk": "b"}], SORTED: [{"pk": "a", "sk": 1}]})
    return fake


def test_responses_follow_request_order_with_an_empty_entry_for_a_missing_item(
    stored: FakeDynamoDBClient,
) -> None:
    got = transact_get(
        stored,
        [
            get("b"),
            get("nobody"),
            get("a", ProjectionExpression="#w", ExpressionAttributeNames={"#w": "w"}),
            {"TableName": SORTED, "Key": {"pk": {"S": "a"}, "sk": {"N": "1"}}},
        ],
    )
    assert got == {
        "Responses": [
            {"Item": {"pk": {"S": "b"}}},
            {},
            {"Item": {"w": {"N": "2"}}},
            {"Item": {"pk": {"S": "a"}, "sk": {"N": "1"}}},
        ]
    }


def test_capacity_is_twice_a_strongly_consistent_read(stored: FakeDynamoDBClient) -> None:
    got = transact_get(
        stored,
        [get("a"), get("nobody"), get("a", SORTED, Key={"pk": {"S": "a"}, "sk": {"N": "1"}})],
        ReturnConsumedCapacity="TOTAL",
    )
    assert got["ConsumedCapacity"] == [
        {"TableName": SIMPLE, "CapacityUnits": 4.0, "ReadCapacityUnits": 4.0},
        {"TableName": SORTED, "CapacityUnits": 2.0, "ReadCapacityUnits": 2.0},
    ]


def test_two_gets_of_one_item_are_refused(stored: FakeDynamoDBClient, refuses: Refuses) -> None:
    with refuses(
        "ValidationException", "Transaction request cannot include multiple operations on one item"
    ):
        transact_get(stored, [get("a"), get("b"), get("a", ProjectionExpression="v")])


def test_a_key_that_does_not_match_the_schema_cancels_with_a_validation_reason(
    stored: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses(
        "TransactionCanceledException",
        "Transaction cancelled, please refer cancellation reasons for specific reasons "
        "[None, ValidationError]",
    ) as info:
        transact_get(stored, [get("a"), {"TableName": SIMPLE, "Key": {}}])
    assert info.response.get("CancellationReasons") == [
        {"Code": "None"},
        {
            "Code": "ValidationError",
            "Message": "The provided key element does not match the schema",
        },
    ]


def test_a_missing_table_fails_the_request(stored: FakeDynamoDBClient, refuses: Refuses) -> None:
    with refuses("ResourceNotFoundException", "Requested resource not found"):
        transact_get(stored, [{"TableName": SIMPLE, "Key": {}}, get("a", "nowhere")])


def test_an_empty_key_value_fails_the_request_in_putitem_words(
    stored: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses(
        "ValidationException",
        "One or more parameter values are not valid. The AttributeValue for a key attribute "
        "cannot contain an empty string value. Key: pk",
    ):
        transact_get(stored, [get("")])


def test_a_projection_syntax_error_fails_the_request(
    stored: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses(
        "ValidationException", 'Invalid ProjectionExpression: Syntax error; token: "!", near: "!!"'
    ):
        transact_get(stored, [get("a", "nowhere", ProjectionExpression="!!!")])


def test_items_over_4_mb_together_are_refused_whatever_the_projection(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    big = "x" * (400 * 1024 - 100)
    fake.seed({SIMPLE: [{"pk": str(i), "v": big} for i in range(11)]})
    eleven = [get(str(i), ProjectionExpression="pk") for i in range(11)]
    with refuses(
        "ValidationException", "Transaction size has exceeded the maximum allowed size of 4 MB"
    ):
        transact_get(fake, eleven)
    # Ten such items (about 4,000,000 bytes) are within the limit.
    got = transact_get(fake, eleven[:10])
    assert got == {"Responses": [{"Item": {"pk": {"S": str(i)}}} for i in range(10)]}
    # Missing items weigh nothing.
    assert (
        len(cast("list[object]", transact_get(fake, [*eleven[:10], get("gone")])["Responses"]))
        == 11
    )

"""BatchGetItem: what it reads and answers, and each rule it refuses a call by."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

import pytest

from dynantic.testing import FakeDynamoDBClient
from tests.testing.items.conftest import SIMPLE, SORTED, Refuses, answer

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import BatchGetItemInputTypeDef


def batch_get(
    fake: FakeDynamoDBClient, request_items: dict[str, dict[str, object]], **options: str
) -> dict[str, object]:
    """``batch_get_item`` with wire-form keys built freely, answered without metadata."""
    request = cast("BatchGetItemInputTypeDef", {"RequestItems": request_items, **options})
    return answer(fake.batch_get_item(**request))


def key(pk: str) -> dict[str, object]:
    return {"pk": {"S": pk}}


@pytest.fixture
def stored(fake: FakeDynamoDBClient) -> FakeDynamoDBClient:
    fake.seed(
        {
            SIMPLE: [{"pk": "a", "v": 1, "w": "x"}, {"pk": "b", "v": 2}],
            SORTED: [{"pk": "a", "sk": 1, "v": 3}],
        }
    )
    return fake


def test_batch_get_answers_the_items_found_by_table_in_request_order(
    stored: FakeDynamoDBClient,
) -> None:
    got = batch_get(
        stored,
        {
            SIMPLE: {"Keys": [key("b"), key("nobody"), key("a")]},
            SORTED: {"Keys": [{"pk": {"S": "z"}, "sk": {"N": "1"}}]},
        },
    )
    assert got == {
        "Responses": {
            SIMPLE: [
                {"pk": {"S": "b"}, "v": {"N": "2"}},
                {"pk": {"S": "a"}, "v": {"N": "1"}, "w": {"S": "x"}},
            ],
            SORTED: [],
        },
        "UnprocessedKeys": {},
    }


def test_each_table_has_its_own_projection(stored: FakeDynamoDBClient) -> None:
    got = batch_get(
        stored,
        {
            SIMPLE: {
                "Keys": [key("a")],
                "ProjectionExpression": "#w",
                "ExpressionAttributeNames": {"#w": "w"},
            },
            SORTED: {"Keys": [{"pk": {"S": "a"}, "sk": {"N": "1"}}], "ProjectionExpression": "v"},
        },
    )
    assert got["Responses"] == {SIMPLE: [{"w": {"S": "x"}}], SORTED: [{"v": {"N": "3"}}]}


def test_a_projection_expression_and_attributes_to_get_in_one_call_are_refused(
    stored: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses(
        "ValidationException",
        "Can not use both expression and non-expression parameters in the same request: "
        "Non-expression parameters: {AttributesToGet} Expression parameters: "
        "{ProjectionExpression}",
    ):
        batch_get(
            stored,
            {
                SIMPLE: {"Keys": [key("a")], "ProjectionExpression": "w"},
                SORTED: {"Keys": [{"pk": {"S": "a"}, "sk": {"N": "1"}}], "AttributesToGet": ["v"]},
            },
        )


def test_capacity_is_charged_per_item_and_summed_per_table(stored: FakeDynamoDBClient) -> None:
    got = batch_get(
        stored,
        {
            SIMPLE: {"Keys": [key("a"), key("b"), key("nobody")]},
            SORTED: {"Keys": [{"pk": {"S": "a"}, "sk": {"N": "1"}}], "ConsistentRead": True},
        },
        ReturnConsumedCapacity="TOTAL",
    )
    assert got["ConsumedCapacity"] == [
        {"TableName": SIMPLE, "CapacityUnits": 1.5},
        {"TableName": SORTED, "CapacityUnits": 1.0},
    ]


def test_a_key_asked_twice_is_refused(stored: FakeDynamoDBClient, refuses: Refuses) -> None:
    with refuses("ValidationException", "Provided list of item keys contains duplicates"):
        batch_get(stored, {SIMPLE: {"Keys": [key("a"), key("b"), key("a")]}})


def test_numbers_equal_after_normalisation_are_one_key(
    stored: FakeDynamoDBClient, refuses: Refuses
) -> None:
    keys = [{"pk": {"S": "a"}, "sk": {"N": "1"}}, {"pk": {"S": "a"}, "sk": {"N": "1.00"}}]
    with refuses("ValidationException", "Provided list of item keys contains duplicates"):
        batch_get(stored, {SORTED: {"Keys": keys}})


def test_more_than_100_keys_over_all_tables_are_refused(
    stored: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses("ValidationException", "Too many items requested for the BatchGetItem call"):
        batch_get(
            stored,
            {
                SIMPLE: {"Keys": [key(str(i)) for i in range(60)]},
                SORTED: {"Keys": [{"pk": {"S": "a"}, "sk": {"N": str(i)}} for i in range(41)]},
            },
        )


def test_a_missing_table_is_refused(stored: FakeDynamoDBClient, refuses: Refuses) -> None:
    with refuses("ResourceNotFoundException", "Requested resource not found"):
        batch_get(stored, {SIMPLE: {"Keys": [key("a")]}, "nowhere": {"Keys": [key("a")]}})


@pytest.mark.parametrize("bad", [{"pk": {"N": "1"}}, {"pk": {"S": "a"}, "v": {"S": "x"}}, {}])
def test_a_key_that_does_not_match_the_schema_is_refused(
    stored: FakeDynamoDBClient, refuses: Refuses, bad: dict[str, object]
) -> None:
    with refuses("ValidationException", "The provided key element does not match the schema"):
        batch_get(stored, {SIMPLE: {"Keys": [key("a"), bad]}})


def test_an_empty_key_value_is_refused_in_putitem_words(
    stored: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses(
        "ValidationException",
        "One or more parameter values are not valid. The AttributeValue for a key attribute "
        "cannot contain an empty string value. Key: pk",
    ):
        batch_get(stored, {SIMPLE: {"Keys": [key("")]}})


def test_expression_and_legacy_projection_are_not_mixed(
    stored: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses(
        "ValidationException",
        "Can not use both expression and non-expression parameters in the same request: "
        "Non-expression parameters: {AttributesToGet} "
        "Expression parameters: {ProjectionExpression}",
    ):
        batch_get(
            stored,
            {SIMPLE: {"Keys": [key("a")], "AttributesToGet": ["v"], "ProjectionExpression": "v"}},
        )


def test_an_overlapping_projection_is_refused_before_any_read(
    stored: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses(
        "ValidationException",
        "Invalid ProjectionExpression: Two document paths overlap with each other; must remove "
        "or rewrite one of these paths; path one: [a], path two: [a]",
    ):
        batch_get(stored, {"nowhere": {"Keys": [key("a")], "ProjectionExpression": "a, a"}})


def test_unprocessed_keys_chosen_by_faults_come_back_with_their_table_parameters(
    stored: FakeDynamoDBClient,
) -> None:
    stored.faults.leave_unprocessed(operation="batch_get_item", count=1)
    entry: dict[str, object] = {
        "Keys": [key("a"), key("b")],
        "ProjectionExpression": "#v",
        "ExpressionAttributeNames": {"#v": "v"},
        "ConsistentRead": True,
    }
    got = batch_get(stored, {SIMPLE: entry}, ReturnConsumedCapacity="TOTAL")
    assert got == {
        "Responses": {SIMPLE: [{"v": {"N": "2"}}]},
        "UnprocessedKeys": {SIMPLE: {**entry, "Keys": [key("a")]}},
        "ConsumedCapacity": [{"TableName": SIMPLE, "CapacityUnits": 1.0}],
    }


def test_an_answer_over_16_mb_leaves_the_rest_unprocessed(fake: FakeDynamoDBClient) -> None:
    filler = "x" * (400 * 1024 - 100)
    fake.seed({SIMPLE: [{"pk": f"{i:02}", "v": filler} for i in range(45)]})
    keys = [key(f"{i:02}") for i in range(45)]
    got = batch_get(fake, {SIMPLE: {"Keys": keys}}, ReturnConsumedCapacity="TOTAL")
    # 40 items of just under 400 KB fit in 16 MB (16,777,216 bytes); the 41st does not.
    responses = cast("dict[str, list[object]]", got["Responses"])
    assert len(responses[SIMPLE]) == 40
    assert got["UnprocessedKeys"] == {SIMPLE: {"Keys": keys[40:]}}
    assert got["ConsumedCapacity"] == [{"TableName": SIMPLE, "CapacityUnits": 40 * 50.0}]
    again = batch_get(fake, cast("dict[str, dict[str, object]]", got["UnprocessedKeys"]))
    assert len(cast("dict[str, list[object]]", again["Responses"])[SIMPLE]) == 5
    assert again["UnprocessedKeys"] == {}

"""GetItem: keys, projections and the legacy AttributesToGet."""

from __future__ import annotations

import pytest

from dynantic.testing import FakeDynamoDBClient

from .conftest import INDEXED, SIMPLE, SORTED, Refuses, answer


@pytest.fixture
def stored(fake: FakeDynamoDBClient) -> FakeDynamoDBClient:
    fake.put_item(
        TableName=SIMPLE,
        Item={
            "pk": {"S": "a"},
            "l": {"L": [{"N": "1"}, {"N": "2"}, {"N": "3"}]},
            "m": {"M": {"x": {"S": "1"}, "y": {"M": {"z": {"S": "2"}}}}},
            "v": {"S": "plain"},
        },
    )
    return fake


def test_get_item_returns_the_stored_item(stored: FakeDynamoDBClient) -> None:
    got = stored.get_item(TableName=SIMPLE, Key={"pk": {"S": "a"}}, ConsistentRead=True)
    assert answer(got)["Item"] == stored.table_items(SIMPLE, wire=True)[0]


def test_get_item_of_a_missing_item_has_no_item_member(stored: FakeDynamoDBClient) -> None:
    assert answer(stored.get_item(TableName=SIMPLE, Key={"pk": {"S": "b"}})) == {}


def test_get_item_projection_selects_paths_and_keeps_their_nesting(
    stored: FakeDynamoDBClient,
) -> None:
    got = stored.get_item(
        TableName=SIMPLE,
        Key={"pk": {"S": "a"}},
        ProjectionExpression="#m.y.z, l[2], l[0], nosuch",
        ExpressionAttributeNames={"#m": "m"},
    )
    assert answer(got) == {
        "Item": {
            "m": {"M": {"y": {"M": {"z": {"S": "2"}}}}},
            "l": {"L": [{"N": "1"}, {"N": "3"}]},
        }
    }


def test_get_item_projection_of_nothing_stored_returns_an_empty_item(
    stored: FakeDynamoDBClient,
) -> None:
    got = stored.get_item(TableName=SIMPLE, Key={"pk": {"S": "a"}}, ProjectionExpression="nosuch")
    assert answer(got) == {"Item": {}}


def test_get_item_attributes_to_get_selects_top_level_attributes(
    stored: FakeDynamoDBClient,
) -> None:
    got = stored.get_item(TableName=SIMPLE, Key={"pk": {"S": "a"}}, AttributesToGet=["v", "l"])
    assert answer(got) == {
        "Item": {"v": {"S": "plain"}, "l": {"L": [{"N": "1"}, {"N": "2"}, {"N": "3"}]}}
    }


def test_get_item_attributes_to_get_refuses_duplicates(
    stored: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses(
        "ValidationException",
        "One or more parameter values were invalid: Duplicate value in attribute name: v",
    ):
        stored.get_item(TableName=SIMPLE, Key={"pk": {"S": "a"}}, AttributesToGet=["v", "v"])


def test_get_item_attributes_to_get_refuses_an_empty_name(
    stored: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses("ValidationException", "Empty attribute name"):
        stored.get_item(TableName=SIMPLE, Key={"pk": {"S": "a"}}, AttributesToGet=["v", ""])


def test_get_item_refuses_attributes_to_get_with_a_projection_expression(
    stored: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses(
        "ValidationException",
        "Can not use both expression and non-expression parameters in the same request: "
        "Non-expression parameters: {AttributesToGet} Expression parameters: "
        "{ProjectionExpression}",
    ):
        stored.get_item(
            TableName=SIMPLE,
            Key={"pk": {"S": "a"}},
            AttributesToGet=["v"],
            ProjectionExpression="v",
        )


def test_get_item_refuses_names_without_an_expression(
    stored: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses(
        "ValidationException",
        "ExpressionAttributeNames can only be specified when using expressions",
    ):
        stored.get_item(
            TableName=SIMPLE, Key={"pk": {"S": "a"}}, ExpressionAttributeNames={"#v": "v"}
        )


def test_get_item_refuses_an_unused_name(stored: FakeDynamoDBClient, refuses: Refuses) -> None:
    with refuses(
        "ValidationException",
        "Value provided in ExpressionAttributeNames unused in expressions: keys: {#w}",
    ):
        stored.get_item(
            TableName=SIMPLE,
            Key={"pk": {"S": "a"}},
            ProjectionExpression="#v",
            ExpressionAttributeNames={"#v": "v", "#w": "w"},
        )


def test_get_item_refuses_overlapping_projection_paths(
    stored: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses(
        "ValidationException",
        "Invalid ProjectionExpression: Two document paths overlap with each other; must remove "
        "or rewrite one of these paths; path one: [m], path two: [m, x]",
    ):
        stored.get_item(TableName=SIMPLE, Key={"pk": {"S": "a"}}, ProjectionExpression="m, m.x")


def test_get_item_refuses_a_projection_into_a_key_attribute(
    stored: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses(
        "ValidationException",
        "Key attributes must be scalars; list random access '[]' and map lookup '.' are not "
        "allowed: Key: pk",
    ):
        stored.get_item(TableName=SIMPLE, Key={"pk": {"S": "a"}}, ProjectionExpression="pk.x")


def test_get_item_refuses_a_projection_into_an_index_key_attribute(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses(
        "ValidationException",
        "Key attributes must be scalars; list random access '[]' and map lookup '.' are not "
        "allowed: IndexKey: g",
    ):
        fake.get_item(
            TableName=INDEXED, Key={"pk": {"S": "a"}, "sk": {"S": "1"}}, ProjectionExpression="g[0]"
        )


# ---------------------------------------------------------------- keys


@pytest.mark.parametrize(
    "key",
    [
        {"pk": {"S": "a"}},
        {"pk": {"S": "a"}, "sk": {"S": "1"}},
        {"pk": {"S": "a"}, "sk": {"N": "1"}, "x": {"N": "1"}},
        {"pk": {"S": "a"}, "other": {"N": "1"}},
    ],
    ids=["without-the-sort-key", "wrong-type", "extra-attribute", "other-attribute"],
)
def test_get_item_refuses_a_key_that_does_not_match_the_schema(
    fake: FakeDynamoDBClient, refuses: Refuses, key: dict[str, object]
) -> None:
    with refuses("ValidationException", "The provided key element does not match the schema"):
        fake.get_item(TableName=SORTED, Key=key)  # type: ignore[arg-type]  # wire values built per case


def test_get_item_refuses_an_empty_string_key(fake: FakeDynamoDBClient, refuses: Refuses) -> None:
    with refuses(
        "ValidationException",
        "One or more parameter values are not valid. The AttributeValue for a key attribute "
        "cannot contain an empty string value. Key: pk",
    ):
        fake.get_item(TableName=SIMPLE, Key={"pk": {"S": ""}})


def test_get_item_checks_the_table_before_the_key(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses("ResourceNotFoundException", "Requested resource not found"):
        fake.get_item(TableName="missing", Key={"pk": {"S": ""}, "x": {"N": "1"}})


def test_get_item_accepts_the_table_arn(stored: FakeDynamoDBClient) -> None:
    arn = "arn:aws:dynamodb:us-east-1:123456789012:table/simple"
    got = stored.get_item(TableName=arn, Key={"pk": {"S": "a"}}, ProjectionExpression="v")
    assert answer(got) == {"Item": {"v": {"S": "plain"}}}


def test_get_item_answers_with_copies(stored: FakeDynamoDBClient) -> None:
    got = stored.get_item(TableName=SIMPLE, Key={"pk": {"S": "a"}})
    elements = got["Item"]["l"].get("L")
    assert isinstance(elements, list)
    elements.clear()
    again = stored.get_item(TableName=SIMPLE, Key={"pk": {"S": "a"}}, ProjectionExpression="l")
    assert answer(again) == {"Item": {"l": {"L": [{"N": "1"}, {"N": "2"}, {"N": "3"}]}}}

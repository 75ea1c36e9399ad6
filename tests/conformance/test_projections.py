"""ProjectionExpression and AttributesToGet on reads."""

from __future__ import annotations

from .backends import DYNALITE, MOTO
from .markers import known_divergence
from .support import Backend, service_error, without_volatile


def _table(dynamodb: Backend) -> str:
    table = dynamodb.key_table()
    dynamodb.put_items(
        table,
        {
            "pk": {"S": "a"},
            "l": {"L": [{"N": "1"}, {"N": "2"}, {"N": "3"}]},
            "m": {"M": {"x": {"S": "1"}, "y": {"M": {"z": {"S": "2"}, "w": {"S": "3"}}}}},
            "v": {"S": "plain"},
        },
    )
    return table


def test_projection_selects_top_level_attributes(dynamodb: Backend) -> None:
    table = _table(dynamodb)
    got = dynamodb.client.get_item(
        TableName=table, Key={"pk": {"S": "a"}}, ProjectionExpression="v, pk"
    )
    assert without_volatile(got) == {"Item": {"pk": {"S": "a"}, "v": {"S": "plain"}}}


def test_projection_of_nested_map_members_keeps_their_nesting(dynamodb: Backend) -> None:
    table = _table(dynamodb)
    got = dynamodb.client.get_item(
        TableName=table, Key={"pk": {"S": "a"}}, ProjectionExpression="m.y.z"
    )
    assert without_volatile(got) == {"Item": {"m": {"M": {"y": {"M": {"z": {"S": "2"}}}}}}}


@known_divergence(
    MOTO,
    "returns only the first of several projected list elements",
    service="AWS DynamoDB developer guide, 'Projection expressions': each selected element is "
    "returned",
)
def test_projection_of_list_elements_compacts_them_in_list_order(dynamodb: Backend) -> None:
    table = _table(dynamodb)
    got = dynamodb.client.get_item(
        TableName=table, Key={"pk": {"S": "a"}}, ProjectionExpression="l[2], l[0]"
    )
    assert without_volatile(got) == {"Item": {"l": {"L": [{"N": "1"}, {"N": "3"}]}}}


def test_projection_of_only_missing_attributes_returns_an_empty_item(dynamodb: Backend) -> None:
    table = _table(dynamodb)
    got = dynamodb.client.get_item(
        TableName=table, Key={"pk": {"S": "a"}}, ProjectionExpression="nosuch"
    )
    assert without_volatile(got) == {"Item": {}}


def test_projection_with_name_placeholders(dynamodb: Backend) -> None:
    table = _table(dynamodb)
    got = dynamodb.client.get_item(
        TableName=table,
        Key={"pk": {"S": "a"}},
        ProjectionExpression="#m.#x",
        ExpressionAttributeNames={"#m": "m", "#x": "x"},
    )
    assert without_volatile(got) == {"Item": {"m": {"M": {"x": {"S": "1"}}}}}


@known_divergence(
    MOTO,
    "accepts overlapping projection paths",
    service="AWS DynamoDB developer guide, 'Projection expressions': overlapping document "
    "paths are refused",
)
def test_overlapping_projection_paths_are_refused(dynamodb: Backend) -> None:
    table = _table(dynamodb)
    with service_error(
        "ValidationException",
        "Invalid ProjectionExpression: Two document paths overlap with each other; must remove "
        "or rewrite one of these paths; path one: [m], path two: [m, x]",
    ):
        dynamodb.client.get_item(
            TableName=table, Key={"pk": {"S": "a"}}, ProjectionExpression="m, m.x"
        )


@known_divergence(
    MOTO,
    "drops 'Invalid ' from the message",
    service="as dynalite, checked against the live service, answers 'Invalid "
    "ProjectionExpression: Attribute name is a reserved keyword; ...'",
)
def test_projection_with_a_reserved_word_is_refused(dynamodb: Backend) -> None:
    table = _table(dynamodb)
    with service_error(
        "ValidationException",
        "Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: "
        "name",
    ):
        dynamodb.client.get_item(
            TableName=table, Key={"pk": {"S": "a"}}, ProjectionExpression="name"
        )


@known_divergence(
    MOTO,
    "ignores AttributesToGet",
    service="AWS DynamoDB API reference, GetItem: AttributesToGet",
)
def test_attributes_to_get_selects_top_level_attributes(dynamodb: Backend) -> None:
    table = _table(dynamodb)
    got = dynamodb.client.get_item(TableName=table, Key={"pk": {"S": "a"}}, AttributesToGet=["v"])
    assert without_volatile(got) == {"Item": {"v": {"S": "plain"}}}


def test_projection_path_of_thirty_two_levels_is_accepted(dynamodb: Backend) -> None:
    table = _table(dynamodb)
    path = "m" + ".y" * 30 + "[0]"  # 32 levels: one name, 30 members, one index
    got = dynamodb.client.get_item(
        TableName=table, Key={"pk": {"S": "a"}}, ProjectionExpression=path
    )
    assert without_volatile(got) == {"Item": {}}


@known_divergence(
    (DYNALITE, MOTO),
    "accept a document path of 33 levels",
    service="scylladb test/alternator test_projection_expression.py::"
    "test_projection_expression_path_nesting_levels, run against AWS",
)
def test_projection_path_of_thirty_three_levels_is_refused(dynamodb: Backend) -> None:
    table = _table(dynamodb)
    with service_error(
        "ValidationException",
        "Invalid ProjectionExpression: The document path has too many nesting levels; "
        "nesting levels: 33",
    ):
        dynamodb.client.get_item(
            TableName=table, Key={"pk": {"S": "a"}}, ProjectionExpression="m" + ".y" * 31 + "[1]"
        )

"""UpdateItem: creating and changing items, ReturnValues, and the rules the
service holds an update to against the table's keys and indexes."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from dynantic.testing import FakeDynamoDBClient

from .conftest import INDEXED, REPORT, SIMPLE, Refuses, Wire, answer

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.literals import ReturnValueType
    from mypy_boto3_dynamodb.type_defs import AttributeValueTypeDef, UpdateItemInputTypeDef

KEY: Wire = {"pk": {"S": "a"}}
INDEXED_KEY: Wire = {"pk": {"S": "a"}, "sk": {"S": "1"}}


@pytest.fixture
def stored(fake: FakeDynamoDBClient) -> FakeDynamoDBClient:
    fake.put_item(TableName=SIMPLE, Item={"pk": {"S": "a"}, "v": {"N": "1"}, "w": {"N": "1"}})
    return fake


def test_update_item_of_a_missing_item_creates_it(fake: FakeDynamoDBClient) -> None:
    updated = fake.update_item(
        TableName=SIMPLE,
        Key=KEY,
        UpdateExpression="SET v = :v",
        ExpressionAttributeValues={":v": {"S": "x"}},
        ReturnValues="ALL_NEW",
    )
    assert answer(updated) == {"Attributes": {"pk": {"S": "a"}, "v": {"S": "x"}}}
    assert fake.table_items(SIMPLE, wire=True) == [{"pk": {"S": "a"}, "v": {"S": "x"}}]


def test_update_item_of_a_missing_item_can_read_its_key(fake: FakeDynamoDBClient) -> None:
    fake.update_item(
        TableName=SIMPLE,
        Key=KEY,
        UpdateExpression="SET #c = pk",
        ExpressionAttributeNames={"#c": "copy"},
    )
    assert fake.table_items(SIMPLE, wire=True) == [{"pk": {"S": "a"}, "copy": {"S": "a"}}]


def test_update_item_with_only_removals_leaves_a_missing_item_missing(
    fake: FakeDynamoDBClient,
) -> None:
    # Alternator's test_item.py test_update_item_non_existent, run against the service.
    fake.update_item(TableName=SIMPLE, Key=KEY, UpdateExpression="REMOVE v, l[3], m.x")
    assert fake.table_items(SIMPLE, wire=True) == []


def test_update_item_without_an_update_creates_the_key_alone(fake: FakeDynamoDBClient) -> None:
    assert answer(fake.update_item(TableName=SIMPLE, Key=KEY, ReturnValues="ALL_NEW")) == {
        "Attributes": {"pk": {"S": "a"}}
    }


def test_update_item_whose_condition_fails_on_a_missing_item_creates_nothing(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses("ConditionalCheckFailedException", "The conditional request failed") as error:
        fake.update_item(
            TableName=SIMPLE,
            Key=KEY,
            UpdateExpression="SET v = :v",
            ConditionExpression="attribute_exists(pk)",
            ExpressionAttributeValues={":v": {"S": "x"}},
            ReturnValuesOnConditionCheckFailure="ALL_OLD",
        )
    assert "Item" not in error.response


def test_update_item_failed_condition_returns_the_item_when_asked(
    stored: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses("ConditionalCheckFailedException", "The conditional request failed") as error:
        stored.update_item(
            TableName=SIMPLE,
            Key=KEY,
            UpdateExpression="ADD v :one",
            ConditionExpression="v > :one",
            ExpressionAttributeValues={":one": {"N": "1"}},
            ReturnValuesOnConditionCheckFailure="ALL_OLD",
        )
    assert error.response["Item"] == {"pk": {"S": "a"}, "v": {"N": "1"}, "w": {"N": "1"}}


# ---------------------------------------------------------------- ReturnValues


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        ("NONE", None),
        ("ALL_OLD", {"pk": {"S": "a"}, "v": {"N": "1"}, "w": {"N": "1"}}),
        ("UPDATED_OLD", {"v": {"N": "1"}}),
        ("ALL_NEW", {"pk": {"S": "a"}, "v": {"N": "2"}, "w": {"N": "1"}, "n": {"N": "5"}}),
        ("UPDATED_NEW", {"v": {"N": "2"}, "n": {"N": "5"}}),
    ],
)
def test_update_item_return_values_of_an_existing_item(
    stored: FakeDynamoDBClient, mode: ReturnValueType, expected: Wire | None
) -> None:
    updated = stored.update_item(
        TableName=SIMPLE,
        Key=KEY,
        UpdateExpression="SET v = v + :one, n = :five",
        ExpressionAttributeValues={":one": {"N": "1"}, ":five": {"N": "5"}},
        ReturnValues=mode,
    )
    assert answer(updated) == ({} if expected is None else {"Attributes": expected})


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        ("ALL_OLD", None),
        ("UPDATED_OLD", None),
        ("ALL_NEW", {"pk": {"S": "a"}, "n": {"N": "5"}}),
        ("UPDATED_NEW", {"n": {"N": "5"}}),
    ],
)
def test_update_item_return_values_of_a_new_item(
    fake: FakeDynamoDBClient, mode: ReturnValueType, expected: Wire | None
) -> None:
    updated = fake.update_item(
        TableName=SIMPLE,
        Key=KEY,
        UpdateExpression="SET n = :five",
        ExpressionAttributeValues={":five": {"N": "5"}},
        ReturnValues=mode,
    )
    assert answer(updated) == ({} if expected is None else {"Attributes": expected})


def test_update_item_updated_new_never_adds_the_key_attributes(fake: FakeDynamoDBClient) -> None:
    fake.put_item(TableName=SIMPLE, Item={"pk": {"S": "a"}, "l": {"L": [{"N": "1"}, {"N": "2"}]}})
    updated = fake.update_item(
        TableName=SIMPLE,
        Key=KEY,
        UpdateExpression="SET l[1] = :v",
        ExpressionAttributeValues={":v": {"S": "x"}},
        ReturnValues="UPDATED_NEW",
    )
    assert answer(updated) == {"Attributes": {"l": {"L": [{"S": "x"}]}}}


def test_update_item_updated_old_of_attributes_that_did_not_exist_has_no_attributes(
    stored: FakeDynamoDBClient,
) -> None:
    updated = stored.update_item(
        TableName=SIMPLE,
        Key=KEY,
        UpdateExpression="SET z = :v",
        ExpressionAttributeValues={":v": {"N": "1"}},
        ReturnValues="UPDATED_OLD",
    )
    assert answer(updated) == {}


def test_update_item_updated_new_after_a_removal_has_no_attributes(
    stored: FakeDynamoDBClient,
) -> None:
    updated = stored.update_item(
        TableName=SIMPLE, Key=KEY, UpdateExpression="REMOVE v", ReturnValues="UPDATED_NEW"
    )
    assert answer(updated) == {}


# ---------------------------------------------------------------- keys


def test_update_item_refuses_to_update_a_key_attribute(
    stored: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses(
        "ValidationException",
        "One or more parameter values were invalid: Cannot update attribute pk. This attribute "
        "is part of the key",
    ):
        stored.update_item(
            TableName=SIMPLE,
            Key=KEY,
            UpdateExpression="SET pk = :v",
            ExpressionAttributeValues={":v": {"S": "b"}},
        )


def test_the_same_text_with_other_names_targets_other_attributes(
    stored: FakeDynamoDBClient, refuses: Refuses
) -> None:
    # What an update writes is worked out once per text and names, and used
    # again for the next request with both the same.
    for _ in range(2):
        for target in ("v", "pk", "w"):
            request: UpdateItemInputTypeDef = {
                "TableName": SIMPLE,
                "Key": KEY,
                "UpdateExpression": "SET #t = :v",
                "ExpressionAttributeNames": {"#t": target},
                "ExpressionAttributeValues": {":v": {"S": target}},
            }
            if target == "pk":
                with refuses(
                    "ValidationException",
                    "One or more parameter values were invalid: Cannot update attribute pk. "
                    "This attribute is part of the key",
                ):
                    stored.update_item(**request)
            else:
                stored.update_item(**request)
    assert stored.table_items(SIMPLE, wire=True) == [
        {"pk": {"S": "a"}, "v": {"S": "v"}, "w": {"S": "w"}}
    ]


def test_update_item_refuses_a_path_inside_a_key_attribute(
    stored: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses(
        "ValidationException",
        "Key attributes must be scalars; list random access '[]' and map lookup '.' are not "
        "allowed: Key: pk",
    ):
        stored.update_item(TableName=SIMPLE, Key=KEY, UpdateExpression="SET v = pk.x")


def test_update_item_checks_the_key_attributes_before_the_condition(
    stored: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses(
        "ValidationException",
        "One or more parameter values were invalid: Cannot update attribute pk. This attribute "
        "is part of the key",
    ):
        stored.update_item(
            TableName=SIMPLE,
            Key=KEY,
            UpdateExpression="REMOVE pk",
            ConditionExpression="attribute_not_exists(pk)",
        )


def test_update_item_refuses_a_key_that_does_not_match_the_schema(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses("ValidationException", "The provided key element does not match the schema"):
        fake.update_item(TableName=SIMPLE, Key={"pk": {"N": "1"}}, UpdateExpression="REMOVE v")


def test_update_item_refuses_an_empty_string_key(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses(
        "ValidationException",
        "One or more parameter values are not valid. The AttributeValue for a key attribute "
        "cannot contain an empty string value. Key: pk",
    ):
        fake.update_item(TableName=SIMPLE, Key={"pk": {"S": ""}}, UpdateExpression="REMOVE v")


# ---------------------------------------------------------------- indexes


def test_update_item_refuses_an_index_key_value_of_the_wrong_type_before_the_condition(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses(
        "ValidationException",
        "One or more parameter values were invalid: Type mismatch for Index Key gs Expected: N "
        "Actual: S IndexName: by-g",
    ):
        fake.update_item(
            TableName=INDEXED,
            Key=INDEXED_KEY,
            UpdateExpression="SET gs = :v",
            ConditionExpression="attribute_exists(pk)",
            ExpressionAttributeValues={":v": {"S": "x"}},
        )


@pytest.mark.parametrize(
    ("expression", "actual"),
    [("SET g = g2 + :one", "N"), ("SET g = list_append(:l, :l)", "L"), ("ADD g :one", "N")],
)
def test_update_item_knows_the_type_arithmetic_and_functions_write(
    fake: FakeDynamoDBClient, refuses: Refuses, expression: str, actual: str
) -> None:
    values: Wire = {":one": {"N": "1"}} if ":one" in expression else {":l": {"L": []}}
    with refuses(
        "ValidationException",
        "One or more parameter values were invalid: Type mismatch for Index Key g Expected: S "
        f"Actual: {actual} IndexName: by-g",
    ):
        fake.update_item(
            TableName=INDEXED,
            Key=INDEXED_KEY,
            UpdateExpression=expression,
            ExpressionAttributeValues=values,
        )


def test_update_item_refuses_copying_a_value_of_the_wrong_type_into_an_index_key(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    fake.put_item(TableName=INDEXED, Item={**INDEXED_KEY, "n": {"N": "1"}})
    with refuses(
        "ValidationException",
        "The update expression attempted to update the secondary index key to unsupported type",
    ):
        fake.update_item(TableName=INDEXED, Key=INDEXED_KEY, UpdateExpression="SET g = n")


def test_update_item_refuses_an_empty_index_key(fake: FakeDynamoDBClient, refuses: Refuses) -> None:
    # An update's own words, naming no index (PutItem names it).
    with refuses(
        "ValidationException",
        "One or more parameter values are not valid. The update expression attempted to update "
        "a secondary index key to a value that is not supported. The AttributeValue for a key "
        "attribute cannot contain an empty string value.",
    ):
        fake.update_item(
            TableName=INDEXED,
            Key=INDEXED_KEY,
            UpdateExpression="SET g = :empty",
            ExpressionAttributeValues={":empty": {"S": ""}},
        )


def test_update_item_refuses_a_path_inside_an_index_key(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses(
        "ValidationException",
        "Key attributes must be scalars; list random access '[]' and map lookup '.' are not "
        "allowed: IndexKey: l",
    ):
        fake.update_item(TableName=INDEXED, Key=INDEXED_KEY, UpdateExpression="REMOVE l[0]")


def test_update_item_keeps_the_indexes_in_step(fake: FakeDynamoDBClient) -> None:
    fake.update_item(
        TableName=INDEXED,
        Key=INDEXED_KEY,
        UpdateExpression="SET g = :g, gs = :n, l = :n",
        ExpressionAttributeValues={":g": {"S": "x"}, ":n": {"N": "1"}},
    )
    table = fake.service.database.table(INDEXED)
    assert {name: index.item_count for name, index in table.indexes.items()} == {
        "by-l": 1,
        "by-g": 1,
        "by-g-include": 1,
    }
    fake.update_item(TableName=INDEXED, Key=INDEXED_KEY, UpdateExpression="REMOVE g")
    assert {name: index.item_count for name, index in table.indexes.items()} == {
        "by-l": 1,
        "by-g": 0,
        "by-g-include": 0,
    }
    table.check_invariants()


# ---------------------------------------------------------------- size


def test_update_item_refuses_an_item_that_grows_over_400_kb(
    stored: FakeDynamoDBClient, refuses: Refuses
) -> None:
    # "pk" "a" (3) + "v" 1 (3) + "w" 1 (3) + "big" and its value (3 + the string);
    # then "v" grows from 1 (2 bytes) to "xyz" (3). The item is put whole: an
    # update writing "big" would be refused for its own statement charge.
    stored.put_item(
        TableName=SIMPLE,
        Item={
            "pk": {"S": "a"},
            "v": {"N": "1"},
            "w": {"N": "1"},
            "big": {"S": "x" * (409_600 - 12)},
        },
    )
    assert stored.service.database.table(SIMPLE).size_bytes == 409_600
    with refuses(
        "ValidationException", "Item size to update has exceeded the maximum allowed size"
    ):
        stored.update_item(
            TableName=SIMPLE,
            Key=KEY,
            UpdateExpression="SET v = :s",
            ExpressionAttributeValues={":s": {"S": "xyz"}},
        )


# ---------------------------------------------------------------- AttributeUpdates


def test_update_item_attribute_updates_put_add_and_delete(stored: FakeDynamoDBClient) -> None:
    stored.put_item(
        TableName=SIMPLE,
        Item={"pk": {"S": "a"}, "n": {"N": "1"}, "ss": {"SS": ["x", "y"]}, "l": {"L": []}},
    )
    updated = stored.update_item(
        TableName=SIMPLE,
        Key=KEY,
        AttributeUpdates={
            "v": {"Action": "PUT", "Value": {"S": "new"}},
            "n": {"Action": "ADD", "Value": {"N": "2"}},
            "ss": {"Action": "DELETE", "Value": {"SS": ["x"]}},
            "l": {"Action": "ADD", "Value": {"L": [{"N": "1"}]}},
            "gone": {"Action": "DELETE"},
        },
        ReturnValues="UPDATED_NEW",
    )
    assert answer(updated) == {
        "Attributes": {
            "v": {"S": "new"},
            "n": {"N": "3"},
            "ss": {"SS": ["y"]},
            "l": {"L": [{"N": "1"}]},
        }
    }


def test_update_item_attribute_updates_refuse_a_key_attribute(
    stored: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses(
        "ValidationException",
        "One or more parameter values were invalid: Cannot update attribute pk. This attribute "
        "is part of the key",
    ):
        stored.update_item(
            TableName=SIMPLE, Key=KEY, AttributeUpdates={"pk": {"Value": {"S": "b"}}}
        )


def test_update_item_attribute_updates_refuse_an_empty_name(
    stored: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses("ValidationException", "Empty attribute name"):
        stored.update_item(TableName=SIMPLE, Key=KEY, AttributeUpdates={"": {"Value": {"S": "b"}}})
    assert "" not in stored.get_item(TableName=SIMPLE, Key=KEY)["Item"]


def test_update_item_attribute_updates_refuse_an_index_key_of_the_wrong_type(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses(
        "ValidationException",
        "One or more parameter values were invalid: Type mismatch for Index Key l Expected: N "
        "Actual: S IndexName: by-l",
    ):
        fake.update_item(
            TableName=INDEXED, Key=INDEXED_KEY, AttributeUpdates={"l": {"Value": {"S": "x"}}}
        )


def test_update_item_refuses_attribute_updates_with_an_update_expression(
    stored: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses(
        "ValidationException",
        REPORT + "Can not use both expression and non-expression parameters in the same request: "
        "Non-expression parameters: {AttributeUpdates} Expression parameters: {UpdateExpression}",
    ):
        stored.update_item(
            TableName=SIMPLE,
            Key=KEY,
            UpdateExpression="REMOVE v",
            AttributeUpdates={"w": {"Action": "DELETE"}},
        )


def test_update_item_refuses_values_without_expressions(
    stored: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses(
        "ValidationException",
        REPORT + "ExpressionAttributeValues can only be specified when using expressions",
    ):
        stored.update_item(TableName=SIMPLE, Key=KEY, ExpressionAttributeValues={":v": {"N": "1"}})


def test_update_item_checks_the_dialect_before_the_key(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses(
        "ValidationException",
        REPORT + "Can not use both expression and non-expression parameters in the same request: "
        "Non-expression parameters: {Expected} Expression parameters: {UpdateExpression}",
    ):
        fake.update_item(
            TableName=SIMPLE,
            Key={"pk": {"N": "not a number"}},
            UpdateExpression="REMOVE v",
            Expected={"v": {"Exists": False}},
        )


def test_update_item_checks_the_key_values_before_the_expressions(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses(
        "ValidationException",
        REPORT + "The parameter cannot be converted to a numeric value: x",
    ):
        fake.update_item(TableName=SIMPLE, Key={"pk": {"N": "x"}}, UpdateExpression="SET v =")


_TOO_DEEP = (
    "Nesting Levels have exceeded supported limits: "
    "Attributes in the item have nested levels beyond supported limit"
)


def _lists(depth: int, inner: AttributeValueTypeDef) -> AttributeValueTypeDef:
    """``inner`` inside ``depth`` lists."""
    value: AttributeValueTypeDef = inner
    for _ in range(depth):
        value = {"L": [value]}
    return value


def test_an_update_may_not_nest_an_attribute_into_itself_beyond_the_limit(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    # 31 lists around a number: the leaf at level 32, the deepest allowed.
    fake.put_item(TableName=SIMPLE, Item={"pk": {"S": "a"}, "x": _lists(31, {"N": "1"})})
    with refuses("ValidationException", _TOO_DEEP):
        fake.update_item(TableName=SIMPLE, Key=KEY, UpdateExpression="SET x[0] = x")


@pytest.mark.parametrize(
    ("inner", "refused"), [({"L": []}, False), ({"M": {}}, False), ({"L": [{"N": "1"}]}, True)]
)
def test_an_update_nests_the_item_to_level_32_and_no_further(
    fake: FakeDynamoDBClient, refuses: Refuses, inner: AttributeValueTypeDef, refused: bool
) -> None:
    # m.b.c is level 3: 29 lists around ``inner`` put ``inner`` at level 32,
    # where an empty container holds nothing deeper.
    fake.put_item(TableName=SIMPLE, Item={"pk": {"S": "a"}, "m": {"M": {"b": {"M": {}}}}})
    value = _lists(29, inner)

    def update() -> None:
        fake.update_item(
            TableName=SIMPLE,
            Key=KEY,
            UpdateExpression="SET m.b.c = :v",
            ExpressionAttributeValues={":v": value},
        )

    if not refused:
        update()
        return
    with refuses("ValidationException", _TOO_DEEP):
        update()


def test_a_transaction_update_nesting_the_item_too_deep_is_cancelled(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    fake.put_item(TableName=SIMPLE, Item={"pk": {"S": "a"}, "m": {"M": {"b": {"M": {}}}}})
    with refuses(
        "TransactionCanceledException",
        "Transaction cancelled, please refer cancellation reasons for specific reasons "
        "[ValidationError]",
    ) as refusal:
        fake.transact_write_items(
            TransactItems=[
                {
                    "Update": {
                        "TableName": SIMPLE,
                        "Key": KEY,
                        "UpdateExpression": "SET m.b.c = :v",
                        "ExpressionAttributeValues": {":v": _lists(30, {"N": "1"})},
                    }
                }
            ]
        )
    assert refusal.response["CancellationReasons"] == [
        {"Code": "ValidationError", "Message": _TOO_DEEP}
    ]


@pytest.mark.parametrize(
    "expression",
    [
        "SET x = :v",
        "SET x = if_not_exists(x, :v)",
        "SET x = list_append(:v, :v)",
        "SET y = x",
    ],
)
def test_an_update_of_top_level_attributes_keeps_values_at_their_depth(
    fake: FakeDynamoDBClient, expression: str
) -> None:
    # Every value the request sends, or the item holds, is within the limit as
    # an attribute of its own; writing whole attributes moves nothing deeper,
    # so the update is not refused, whatever it writes.
    deepest = _lists(31, {"N": "1"})
    fake.put_item(TableName=SIMPLE, Item={"pk": {"S": "a"}, "x": deepest})
    if ":v" in expression:
        fake.update_item(
            TableName=SIMPLE,
            Key=KEY,
            UpdateExpression=expression,
            ExpressionAttributeValues={":v": deepest},
        )
    else:
        fake.update_item(TableName=SIMPLE, Key=KEY, UpdateExpression=expression)
    item = fake.get_item(TableName=SIMPLE, Key=KEY)["Item"]
    assert item["y" if expression == "SET y = x" else "x"]["L"][0] == deepest["L"][0]


def test_a_nested_target_is_held_to_the_depth_limit_beside_top_level_ones(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    # One action below the top level is enough for the whole item to be checked.
    fake.put_item(TableName=SIMPLE, Item={"pk": {"S": "a"}, "m": {"M": {}}})
    with refuses("ValidationException", _TOO_DEEP):
        fake.update_item(
            TableName=SIMPLE,
            Key=KEY,
            UpdateExpression="SET y = :n, m.c = :v",
            ExpressionAttributeValues={":n": {"N": "1"}, ":v": _lists(31, {"N": "1"})},
        )

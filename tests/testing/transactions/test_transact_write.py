"""TransactWriteItems: all or nothing, its cancellation reasons, capacity and the
rules it refuses a call by."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

import pytest
from botocore.exceptions import ClientError

from dynantic.testing import FakeDynamoDBClient
from tests.testing.items.conftest import INDEXED, SIMPLE, SORTED, Refuses, answer

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import TransactWriteItemsInputTypeDef

CANCELLED = "Transaction cancelled, please refer cancellation reasons for specific reasons [{}]"
CONDITION_FAILED = {"Code": "ConditionalCheckFailed", "Message": "The conditional request failed"}


def transact(
    fake: FakeDynamoDBClient, actions: list[dict[str, object]], **options: str
) -> dict[str, object]:
    """``transact_write_items`` with actions built freely, answered without metadata."""
    request = cast("TransactWriteItemsInputTypeDef", {"TransactItems": actions, **options})
    return answer(fake.transact_write_items(**request))


def put(pk: str, table: str = SIMPLE, **more: object) -> dict[str, object]:
    return {"Put": {"TableName": table, "Item": {"pk": {"S": pk}}, **more}}


def check(pk: str, condition: str, **more: object) -> dict[str, object]:
    body = {"TableName": SIMPLE, "Key": {"pk": {"S": pk}}, "ConditionExpression": condition}
    return {"ConditionCheck": {**body, **more}}


def add_one(pk: str) -> dict[str, object]:
    return {
        "Update": {
            "TableName": SIMPLE,
            "Key": {"pk": {"S": pk}},
            "UpdateExpression": "ADD n :one",
            "ExpressionAttributeValues": {":one": {"N": "1"}},
        }
    }


def reasons_of(info: object) -> object:
    return cast("dict[str, object]", getattr(info, "response", {})).get("CancellationReasons")


def test_a_transaction_applies_every_action_and_answers_nothing(fake: FakeDynamoDBClient) -> None:
    fake.seed({SIMPLE: [{"pk": "upd", "n": 1}, {"pk": "del"}, {"pk": "chk"}]})
    written = transact(
        fake,
        [
            put("new"),
            add_one("upd"),
            {"Delete": {"TableName": SIMPLE, "Key": {"pk": {"S": "del"}}}},
            check("chk", "attribute_exists(pk)"),
        ],
    )
    assert written == {}
    assert sorted(str(item["pk"]) for item in fake.table_items(SIMPLE)) == ["chk", "new", "upd"]
    assert fake.get_item(TableName=SIMPLE, Key={"pk": {"S": "upd"}}).get("Item") == {
        "pk": {"S": "upd"},
        "n": {"N": "2"},
    }


def test_a_failed_condition_cancels_every_action_with_reasons_in_order(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    fake.seed({SIMPLE: [{"pk": "a", "v": 1}]})
    with refuses(
        "TransactionCanceledException", CANCELLED.format("None, ConditionalCheckFailed")
    ) as info:
        transact(
            fake, [put("b"), check("a", "v = :two", ExpressionAttributeValues={":two": {"N": "2"}})]
        )
    assert reasons_of(info) == [{"Code": "None"}, CONDITION_FAILED]


def test_every_failed_action_has_its_reason(fake: FakeDynamoDBClient, refuses: Refuses) -> None:
    fake.seed({SIMPLE: [{"pk": "a"}, {"pk": "b"}]})
    exists_not = {"ConditionExpression": "attribute_not_exists(pk)"}
    codes = "ConditionalCheckFailed, None, ConditionalCheckFailed"
    with refuses("TransactionCanceledException", CANCELLED.format(codes)) as info:
        transact(fake, [put("a", **exists_not), put("c"), put("b", **exists_not)])
    assert reasons_of(info) == [CONDITION_FAILED, {"Code": "None"}, CONDITION_FAILED]


def test_the_reason_carries_the_item_when_all_old_is_asked(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    fake.seed({SIMPLE: [{"pk": "a", "v": 1}]})
    with refuses(
        "TransactionCanceledException", CANCELLED.format("ConditionalCheckFailed")
    ) as info:
        transact(
            fake,
            [check("a", "attribute_not_exists(v)", ReturnValuesOnConditionCheckFailure="ALL_OLD")],
        )
    assert reasons_of(info) == [{**CONDITION_FAILED, "Item": {"pk": {"S": "a"}, "v": {"N": "1"}}}]


def test_a_put_key_of_the_wrong_type_cancels_with_putitems_message(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses("TransactionCanceledException", CANCELLED.format("None, ValidationError")) as info:
        transact(fake, [put("a"), {"Put": {"TableName": SIMPLE, "Item": {"pk": {"N": "5"}}}}])
    assert reasons_of(info) == [
        {"Code": "None"},
        {
            "Code": "ValidationError",
            "Message": "One or more parameter values were invalid: "
            "Type mismatch for key pk expected: S actual: N",
        },
    ]


@pytest.mark.parametrize("kind", ["Delete", "ConditionCheck", "Update"])
def test_a_key_of_the_wrong_type_cancels_as_a_schema_mismatch(
    fake: FakeDynamoDBClient, refuses: Refuses, kind: str
) -> None:
    body: dict[str, object] = {"TableName": SIMPLE, "Key": {"pk": {"N": "5"}}}
    if kind == "ConditionCheck":
        body["ConditionExpression"] = "attribute_exists(pk)"
    if kind == "Update":
        body["UpdateExpression"] = "REMOVE v"
    with refuses("TransactionCanceledException", CANCELLED.format("ValidationError")) as info:
        transact(fake, [{kind: body}])
    assert reasons_of(info) == [
        {"Code": "ValidationError", "Message": "The provided key element does not match the schema"}
    ]


def test_an_update_that_cannot_apply_cancels_with_its_message(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    fake.seed({SIMPLE: [{"pk": "a", "n": "text"}]})
    with refuses("TransactionCanceledException", CANCELLED.format("ValidationError")) as info:
        transact(fake, [add_one("a")])
    reasons = cast("list[dict[str, object]]", reasons_of(info))
    assert reasons[0]["Code"] == "ValidationError"
    assert str(reasons[0]["Message"]).startswith("An operand in the update expression")


@pytest.mark.parametrize("kind", ["Put", "Delete", "ConditionCheck"])
def test_an_empty_key_value_fails_the_request_in_putitem_words(
    fake: FakeDynamoDBClient, refuses: Refuses, kind: str
) -> None:
    member = "Item" if kind == "Put" else "Key"
    body: dict[str, object] = {"TableName": SIMPLE, member: {"pk": {"S": ""}}}
    if kind == "ConditionCheck":
        body["ConditionExpression"] = "attribute_exists(pk)"
    with refuses(
        "ValidationException",
        "One or more parameter values are not valid. The AttributeValue for a key attribute "
        "cannot contain an empty string value. Key: pk",
    ):
        transact(fake, [check("x", "attribute_exists(pk)"), {kind: body}])


@pytest.mark.parametrize("existing", [False, True])
def test_an_update_emptying_an_index_key_fails_the_request_in_the_updates_words(
    fake: FakeDynamoDBClient, refuses: Refuses, existing: bool
) -> None:
    # Not a cancellation: the service refuses the request as UpdateItem would
    # (nubo-db/dynamodb-conformance, transactIndexKeys, four regions).
    key = {"pk": {"S": "a"}, "sk": {"S": "1"}}
    if existing:
        fake.put_item(TableName=INDEXED, Item={**key, "g": {"S": "x"}, "gs": {"N": "1"}})
    update: dict[str, object] = {
        "Update": {
            "TableName": INDEXED,
            "Key": key,
            "UpdateExpression": "SET g = :v",
            "ExpressionAttributeValues": {":v": {"S": ""}},
        }
    }
    with refuses(
        "ValidationException",
        "One or more parameter values are not valid. The update expression attempted to update "
        "a secondary index key to a value that is not supported. The AttributeValue for a key "
        "attribute cannot contain an empty string value.",
    ):
        transact(fake, [put("x"), update])


def test_a_missing_table_fails_the_request_before_any_condition(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses("ResourceNotFoundException", "Requested resource not found"):
        transact(fake, [check("nobody", "attribute_exists(pk)"), put("a", table="nowhere")])


def test_two_actions_on_one_item_are_refused(fake: FakeDynamoDBClient, refuses: Refuses) -> None:
    with refuses(
        "ValidationException", "Transaction request cannot include multiple operations on one item"
    ):
        transact(fake, [put("a"), check("a", "attribute_exists(pk)")])


def test_the_same_item_in_two_tables_is_two_items(fake: FakeDynamoDBClient) -> None:
    sorted_put: dict[str, object] = {
        "Put": {"TableName": SORTED, "Item": {"pk": {"S": "a"}, "sk": {"N": "1"}}}
    }
    assert transact(fake, [put("a"), sorted_put]) == {}


@pytest.mark.parametrize(
    ("action", "message"),
    [
        (
            {},
            "Invalid Request: TransactWriteRequest should contain Delete or Put or Update request",
        ),
        (
            {**put("a"), "Delete": {"TableName": SIMPLE, "Key": {"pk": {"S": "b"}}}},
            "TransactItems can only contain one of Check, Put, Update or Delete",
        ),
    ],
    ids=["none", "two"],
)
def test_each_element_holds_exactly_one_action(
    fake: FakeDynamoDBClient, refuses: Refuses, action: dict[str, object], message: str
) -> None:
    with refuses("ValidationException", message):
        transact(fake, [put("x"), action])


def test_a_syntax_error_on_a_later_action_comes_before_a_missing_table(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses(
        "ValidationException",
        'Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "("',
    ):
        transact(fake, [put("a", table="nowhere"), check("b", "attribute_not_exists(")])


def test_items_over_4_mb_together_are_refused(fake: FakeDynamoDBClient, refuses: Refuses) -> None:
    big = "x" * (400 * 1024 - 100)
    actions: list[dict[str, object]] = [
        {"Put": {"TableName": SIMPLE, "Item": {"pk": {"S": str(i)}, "v": {"S": big}}}}
        for i in range(11)
    ]
    with refuses(
        "ValidationException", "Transaction size has exceeded the maximum allowed size of 4 MB"
    ):
        transact(fake, actions)
    assert transact(fake, actions[:10]) == {}


def test_capacity_is_twice_the_plain_writes_per_table(fake: FakeDynamoDBClient) -> None:
    fake.seed({SIMPLE: [{"pk": "chk", "v": "x" * 1500}]})
    written = transact(
        fake,
        [
            {"Put": {"TableName": SIMPLE, "Item": {"pk": {"S": "a"}, "v": {"S": "x" * 1500}}}},
            check("chk", "attribute_exists(pk)"),
            {"Put": {"TableName": SORTED, "Item": {"pk": {"S": "a"}, "sk": {"N": "1"}}}},
        ],
        ReturnConsumedCapacity="TOTAL",
    )
    assert written == {
        "ConsumedCapacity": [
            {"TableName": SIMPLE, "CapacityUnits": 8.0, "WriteCapacityUnits": 8.0},
            {"TableName": SORTED, "CapacityUnits": 2.0, "WriteCapacityUnits": 2.0},
        ]
    }


def test_indexes_mode_doubles_the_tables_write_units_and_not_the_indexes(
    fake: FakeDynamoDBClient,
) -> None:
    item = {"pk": {"S": "a"}, "sk": {"S": "s"}, "g": {"S": "g"}, "gs": {"N": "1"}}
    written = transact(
        fake, [{"Put": {"TableName": INDEXED, "Item": item}}], ReturnConsumedCapacity="INDEXES"
    )
    assert written == {
        "ConsumedCapacity": [
            {
                "TableName": INDEXED,
                "CapacityUnits": 4.0,
                "WriteCapacityUnits": 4.0,
                "Table": {"CapacityUnits": 2.0, "WriteCapacityUnits": 2.0},
                "GlobalSecondaryIndexes": {
                    "by-g": {"CapacityUnits": 1.0, "WriteCapacityUnits": 1.0},
                    "by-g-include": {"CapacityUnits": 1.0, "WriteCapacityUnits": 1.0},
                },
            }
        ]
    }


def test_item_collection_metrics_cover_the_writes_to_tables_with_local_indexes(
    fake: FakeDynamoDBClient,
) -> None:
    written = transact(
        fake,
        [{"Put": {"TableName": INDEXED, "Item": {"pk": {"S": "a"}, "sk": {"S": "s"}}}}, put("b")],
        ReturnItemCollectionMetrics="SIZE",
    )
    assert written == {
        "ItemCollectionMetrics": {
            INDEXED: [{"ItemCollectionKey": {"pk": {"S": "a"}}, "SizeEstimateRangeGB": [0.0, 1.0]}]
        }
    }


def test_a_refused_transaction_raises_the_clients_exception_class(fake: FakeDynamoDBClient) -> None:
    fake.seed({SIMPLE: [{"pk": "a"}]})
    with pytest.raises(fake.exceptions.TransactionCanceledException) as raised:
        transact(fake, [check("a", "attribute_not_exists(pk)")])
    assert isinstance(raised.value, ClientError)


def _wrapped(levels: int) -> dict[str, object]:
    value: dict[str, object] = {"S": "leaf"}
    for _ in range(levels):
        value = {"M": {"n": value}}
    return value


_NESTED = (
    "Nesting Levels have exceeded supported limits: "
    "Attributes in the item have nested levels beyond supported limit"
)


@pytest.mark.parametrize(("levels", "expected"), [(62, _NESTED), (63, "Empty attribute name")])
def test_a_value_nested_past_62_levels_is_judged_after_the_items_names(
    fake: FakeDynamoDBClient, refuses: Refuses, levels: int, expected: str
) -> None:
    # paritysuite's validation-ordering/deepRequests.test.ts: 40 levels early, 100 late.
    item = {"pk": {"S": "a"}, "d": _wrapped(levels), "": {"S": "x"}}
    with refuses("ValidationException", expected):
        transact(fake, [{"Put": {"TableName": SIMPLE, "Item": item}}])


def test_an_oversized_condition_comes_before_a_key_nested_100_levels(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    condition = "a = :v" + " AND a = :v" * 373
    delete = {
        "TableName": SIMPLE,
        "Key": {"pk": _wrapped(100)},
        "ConditionExpression": condition,
        "ExpressionAttributeValues": {":v": {"S": "x"}},
    }
    with refuses(
        "ValidationException",
        "Invalid ConditionExpression: Expression size has exceeded the maximum allowed size; "
        "expression size: 4109",
    ):
        transact(fake, [{"Delete": delete}])


def test_an_empty_name_in_an_earlier_put_comes_before_a_later_value_nested_100_levels(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    later = {
        "TableName": SIMPLE,
        "Key": {"pk": {"S": "b"}},
        "ConditionExpression": "d = :deep",
        "ExpressionAttributeValues": {":deep": _wrapped(100)},
    }
    with refuses("ValidationException", "Empty attribute name"):
        transact(
            fake,
            [
                {"Put": {"TableName": SIMPLE, "Item": {"pk": {"S": "a"}, "": {"S": "x"}}}},
                {"ConditionCheck": later},
            ],
        )

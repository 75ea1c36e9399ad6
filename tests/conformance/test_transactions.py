"""TransactWriteItems and TransactGetItems: all or nothing, cancellation reasons,
idempotency."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

import pytest

from .backends import MOTO
from .markers import known_divergence, unsupported
from .support import Backend, service_error, without_volatile

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import AttributeValueTypeDef, TransactWriteItemTypeDef

pytestmark = unsupported("dynalite", "transactions (TransactWriteItems, TransactGetItems)")

CANCELLED = (
    "Transaction cancelled, please refer cancellation reasons for specific reasons "
    "[None, ConditionalCheckFailed]"
)


@known_divergence(
    MOTO,
    "returns empty ConsumedCapacity and ItemCollectionMetrics that were not asked for",
    service="AWS DynamoDB API reference, TransactWriteItems",
)
def test_transact_write_applies_every_action(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    dynamodb.put_items(table, {"pk": {"S": "upd"}, "n": {"N": "1"}}, {"pk": {"S": "del"}})
    written = dynamodb.client.transact_write_items(
        TransactItems=[
            {"Put": {"TableName": table, "Item": {"pk": {"S": "new"}}}},
            {
                "Update": {
                    "TableName": table,
                    "Key": {"pk": {"S": "upd"}},
                    "UpdateExpression": "ADD n :one",
                    "ExpressionAttributeValues": {":one": {"N": "1"}},
                }
            },
            {"Delete": {"TableName": table, "Key": {"pk": {"S": "del"}}}},
        ]
    )
    assert without_volatile(written) == {}
    found = dynamodb.client.scan(TableName=table)["Items"]
    assert sorted(found, key=repr) == sorted(
        [{"pk": {"S": "new"}}, {"pk": {"S": "upd"}, "n": {"N": "2"}}], key=repr
    )


def test_a_failed_condition_cancels_the_whole_transaction(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    dynamodb.put_items(table, {"pk": {"S": "a"}, "v": {"N": "1"}})
    with service_error("TransactionCanceledException", CANCELLED) as error:
        dynamodb.client.transact_write_items(
            TransactItems=[
                {"Put": {"TableName": table, "Item": {"pk": {"S": "b"}}}},
                {
                    "ConditionCheck": {
                        "TableName": table,
                        "Key": {"pk": {"S": "a"}},
                        "ConditionExpression": "v = :two",
                        "ExpressionAttributeValues": {":two": {"N": "2"}},
                    }
                },
            ]
        )
    assert error.response.get("CancellationReasons") == [
        {"Code": "None"},
        {"Code": "ConditionalCheckFailed", "Message": "The conditional request failed"},
    ]
    assert dynamodb.client.scan(TableName=table)["Count"] == 1


def test_cancellation_reason_carries_the_item_when_asked(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    dynamodb.put_items(table, {"pk": {"S": "a"}, "v": {"N": "1"}})
    with service_error("TransactionCanceledException", CANCELLED) as error:
        dynamodb.client.transact_write_items(
            TransactItems=[
                {"Put": {"TableName": table, "Item": {"pk": {"S": "b"}}}},
                {
                    "Delete": {
                        "TableName": table,
                        "Key": {"pk": {"S": "a"}},
                        "ConditionExpression": "v = :two",
                        "ExpressionAttributeValues": {":two": {"N": "2"}},
                        "ReturnValuesOnConditionCheckFailure": "ALL_OLD",
                    }
                },
            ]
        )
    assert error.response.get("CancellationReasons") == [
        {"Code": "None"},
        {
            "Code": "ConditionalCheckFailed",
            "Message": "The conditional request failed",
            "Item": {"pk": {"S": "a"}, "v": {"N": "1"}},
        },
    ]


def test_two_actions_on_one_item_are_refused(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    with service_error(
        "ValidationException",
        "Transaction request cannot include multiple operations on one item",
    ):
        dynamodb.client.transact_write_items(
            TransactItems=[
                {"Put": {"TableName": table, "Item": {"pk": {"S": "a"}}}},
                {"Delete": {"TableName": table, "Key": {"pk": {"S": "a"}}}},
            ]
        )


@known_divergence(
    MOTO,
    "ignores ClientRequestToken",
    service="AWS DynamoDB API reference, TransactWriteItems: ClientRequestToken, "
    "IdempotentParameterMismatchException",
)
def test_a_reused_token_with_other_parameters_is_refused(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    token = uuid.uuid4().hex
    dynamodb.client.transact_write_items(
        TransactItems=[{"Put": {"TableName": table, "Item": {"pk": {"S": "a"}}}}],
        ClientRequestToken=token,
    )
    with service_error(
        "IdempotentParameterMismatchException",
        "Request with the same client token has different parameters",
        prefix=True,
    ):
        dynamodb.client.transact_write_items(
            TransactItems=[{"Put": {"TableName": table, "Item": {"pk": {"S": "b"}}}}],
            ClientRequestToken=token,
        )


@known_divergence(
    MOTO,
    "applies a repeated idempotent request twice",
    service="AWS DynamoDB API reference, TransactWriteItems: a repeated ClientRequestToken "
    "within 10 minutes is not applied again",
)
def test_a_reused_token_with_the_same_parameters_succeeds_once(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    token = uuid.uuid4().hex
    for _ in range(2):
        dynamodb.client.transact_write_items(
            TransactItems=[
                {
                    "Update": {
                        "TableName": table,
                        "Key": {"pk": {"S": "a"}},
                        "UpdateExpression": "ADD n :one",
                        "ExpressionAttributeValues": {":one": {"N": "1"}},
                    }
                }
            ],
            ClientRequestToken=token,
        )
    got = dynamodb.client.get_item(TableName=table, Key={"pk": {"S": "a"}})
    assert got.get("Item") == {"pk": {"S": "a"}, "n": {"N": "1"}}


@known_divergence(
    MOTO,
    "ignores ProjectionExpression in TransactGetItems",
    service="AWS DynamoDB API reference, TransactGetItems: Get.ProjectionExpression",
)
def test_transact_get_returns_items_in_request_order(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    dynamodb.put_items(table, {"pk": {"S": "a"}, "v": {"N": "1"}}, {"pk": {"S": "b"}})
    got = dynamodb.client.transact_get_items(
        TransactItems=[
            {"Get": {"TableName": table, "Key": {"pk": {"S": "b"}}}},
            {"Get": {"TableName": table, "Key": {"pk": {"S": "nobody"}}}},
            {"Get": {"TableName": table, "Key": {"pk": {"S": "a"}}, "ProjectionExpression": "v"}},
        ]
    )
    assert without_volatile(got) == {
        "Responses": [{"Item": {"pk": {"S": "b"}}}, {}, {"Item": {"v": {"N": "1"}}}]
    }


@known_divergence(
    MOTO,
    "ignores ProjectionExpression in TransactGetItems",
    service="ExtendDB issue 74 and PR 81, and nubo-db/dynoxide issues 39 and 53, each checked "
    "against the live service: a Get whose projection keeps nothing answers {}, where GetItem "
    "answers an empty Item",
)
def test_transact_get_projection_keeping_nothing_answers_without_item(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    dynamodb.put_items(
        table,
        {"pk": {"S": "lamp"}, "watts": {"N": "40"}},
        {"pk": {"S": "fan"}, "watts": {"N": "9"}},
    )
    got = dynamodb.client.transact_get_items(
        TransactItems=[
            {"Get": {"TableName": table, "Key": {"pk": {"S": k}}, "ProjectionExpression": p}}
            for k, p in (("lamp", "colour"), ("fan", "watts"))
        ]
    )
    assert without_volatile(got) == {"Responses": [{}, {"Item": {"watts": {"N": "9"}}}]}


@known_divergence(
    MOTO,
    "accepts two Gets of one item",
    service="AWS DynamoDB API reference, TransactGetItems: no two actions may target the same item",
)
def test_transact_get_of_one_item_twice_is_refused(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    with service_error(
        "ValidationException",
        "Transaction request cannot include multiple operations on one item",
    ):
        dynamodb.client.transact_get_items(
            TransactItems=[
                {"Get": {"TableName": table, "Key": {"pk": {"S": "a"}}}},
                {"Get": {"TableName": table, "Key": {"pk": {"S": "a"}}}},
            ]
        )


@known_divergence(
    MOTO,
    "accepts a key of the wrong type in a transaction",
    service="AWS DynamoDB API reference, TransactWriteItems: CancellationReasons with "
    "ValidationError",
)
def test_a_wrong_key_type_cancels_with_a_validation_reason(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    with service_error(
        "TransactionCanceledException",
        "Transaction cancelled, please refer cancellation reasons for specific reasons "
        "[None, ValidationError]",
    ) as error:
        dynamodb.client.transact_write_items(
            TransactItems=[
                {"Put": {"TableName": table, "Item": {"pk": {"S": "a"}}}},
                {"Delete": {"TableName": table, "Key": {"pk": {"N": "1"}}}},
            ]
        )
    reasons = error.response.get("CancellationReasons")
    assert isinstance(reasons, list)
    assert [reason.get("Code") for reason in reasons] == ["None", "ValidationError"]


@known_divergence(
    MOTO,
    "accepts a key of the wrong type in a transaction",
    service="scylladb test/alternator test_transact.py::"
    "test_transact_write_cancellation_reasons_validationerror, run against AWS",
)
def test_only_the_first_wrong_key_is_reported(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    with service_error(
        "TransactionCanceledException",
        "Transaction cancelled, please refer cancellation reasons for specific reasons "
        "[None, ValidationError, None, None]",
    ) as error:
        dynamodb.client.transact_write_items(
            TransactItems=[
                {"Put": {"TableName": table, "Item": {"pk": {"S": "fine"}}}},
                {"Put": {"TableName": table, "Item": {"pk": {"B": b"\x01"}}}},
                {
                    "ConditionCheck": {
                        "TableName": table,
                        "Key": {"pk": {"S": "absent"}},
                        "ConditionExpression": "attribute_exists(pk)",
                    }
                },
                {"Delete": {"TableName": table, "Key": {"pk": {"N": "3"}}}},
            ]
        )
    reasons = error.response.get("CancellationReasons")
    assert isinstance(reasons, list)
    assert [reason.get("Code") for reason in reasons] == ["None", "ValidationError", "None", "None"]
    assert [("Message" in reason) for reason in reasons] == [False, True, False, False]
    assert dynamodb.client.scan(TableName=table)["Items"] == []


@known_divergence(
    MOTO,
    "hard-codes one unit per Get instead of twice a consistent read of each item's size",
    service="AWS DynamoDB developer guide, 'Capacity unit consumption for transactions'",
)
def test_transact_get_costs_twice_a_consistent_read(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    dynamodb.put_items(table, {"pk": {"S": "a"}, "v": {"S": "x" * 5000}})
    got = dynamodb.client.transact_get_items(
        TransactItems=[
            {"Get": {"TableName": table, "Key": {"pk": {"S": "a"}}}},
            {"Get": {"TableName": table, "Key": {"pk": {"S": "nobody"}}}},
        ],
        ReturnConsumedCapacity="TOTAL",
    )
    assert got.get("ConsumedCapacity") == [
        {"TableName": table, "CapacityUnits": 6.0, "ReadCapacityUnits": 6.0}
    ]


@known_divergence(
    MOTO,
    "accepts an empty key value in a transaction's Delete",
    service="the live service's TransactWriteItems answer, captured in four regions: an empty "
    "key value is a ValidationException for the whole request",
)
def test_an_empty_key_value_fails_the_transaction_request(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    with service_error(
        "ValidationException",
        "One or more parameter values are not valid. The AttributeValue for a key attribute "
        "cannot contain an empty string value. Key: pk",
    ):
        dynamodb.client.transact_write_items(
            TransactItems=[{"Delete": {"TableName": table, "Key": {"pk": {"S": ""}}}}]
        )


@known_divergence(
    MOTO,
    "ignores ClientRequestToken and reports no capacity for transactions",
    service="AWS DynamoDB API reference, TransactWriteItems: ClientRequestToken (a repeated "
    "call reports the read units of reading the items); the live service's figures, recorded "
    "by public conformance captures: a transactional read of each item at the size the first "
    "call was charged on",
)
def test_a_repeated_transaction_is_charged_as_reading_what_the_first_one_wrote(
    dynamodb: Backend,
) -> None:
    table = dynamodb.key_table()
    dynamodb.put_items(table, {"pk": {"S": "a"}, "v": {"S": "x" * 5000}})
    token = uuid.uuid4().hex
    capacities = [
        dynamodb.client.transact_write_items(
            TransactItems=[{"Delete": {"TableName": table, "Key": {"pk": {"S": "a"}}}}],
            ClientRequestToken=token,
            ReturnConsumedCapacity="TOTAL",
        ).get("ConsumedCapacity")
        for _ in range(2)
    ]
    assert capacities == [
        [{"TableName": table, "CapacityUnits": 10.0, "WriteCapacityUnits": 10.0}],
        [{"TableName": table, "CapacityUnits": 4.0, "ReadCapacityUnits": 4.0}],
    ]


@known_divergence(
    MOTO,
    "accepts a ClientRequestToken over 36 characters and an unknown ReturnConsumedCapacity",
    service="AWS DynamoDB API reference, TransactWriteItems: ClientRequestToken is 1 to 36 "
    "characters; the live service's answer (us-east-1, public captures) lists the token first",
)
def test_a_too_long_token_is_reported_before_an_unknown_capacity_mode(dynamodb: Backend) -> None:
    # Some regions have moved to a generic wording that reports the token alone.
    table = dynamodb.key_table()
    token = "t" * 37
    with service_error(
        "ValidationException",
        f"2 validation errors detected: Value '{token}' at 'clientRequestToken' failed to "
        "satisfy constraint: Member must have length less than or equal to 36; Value 'BOGUS' "
        "at 'returnConsumedCapacity' failed to satisfy constraint: Member must satisfy enum "
        "value set: [INDEXES, TOTAL, NONE]",
    ):
        dynamodb.client.transact_write_items(
            TransactItems=[{"Put": {"TableName": table, "Item": {"pk": {"S": "a"}}}}],
            ClientRequestToken=token,
            ReturnConsumedCapacity="BOGUS",  # type: ignore[arg-type]  # the unknown mode is the behaviour under test
        )
    assert dynamodb.client.scan(TableName=table)["Count"] == 0


@known_divergence(
    MOTO,
    "reports no capacity for transactions",
    service="the live service's figures, as nubo-db/dynoxide PR 188 records them: a "
    "transaction doubles what a write costs its table, not what it costs an index",
)
def test_a_transaction_doubles_the_table_units_and_not_the_index_units(dynamodb: Backend) -> None:
    table = dynamodb.table_name()
    dynamodb.create_table(
        TableName=table,
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[
            {"AttributeName": "pk", "AttributeType": "S"},
            {"AttributeName": "g", "AttributeType": "S"},
        ],
        GlobalSecondaryIndexes=[
            {
                "IndexName": "by-g",
                "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                "Projection": {"ProjectionType": "ALL"},
            }
        ],
        BillingMode="PAY_PER_REQUEST",
    )
    written = dynamodb.client.transact_write_items(
        TransactItems=[{"Put": {"TableName": table, "Item": {"pk": {"S": "a"}, "g": {"S": "x"}}}}],
        ReturnConsumedCapacity="INDEXES",
    )
    capacity = written.get("ConsumedCapacity")
    assert isinstance(capacity, list)
    assert [
        (entry.get("CapacityUnits"), entry.get("Table", {}).get("CapacityUnits"))
        for entry in capacity
    ] == [(3.0, 2.0)]
    assert capacity[0].get("GlobalSecondaryIndexes", {}).get("by-g", {}).get("CapacityUnits") == 1.0


_DEEP_ORDER_SOURCE = (
    "paritysuite/dynamodb-conformance tests/tier3/validation-ordering/deepRequests.test.ts, "
    "ten regions, 2026-10"
)
_NESTED = (
    "Nesting Levels have exceeded supported limits: "
    "Attributes in the item have nested levels beyond supported limit"
)


def _wrapped(levels: int) -> AttributeValueTypeDef:
    value: AttributeValueTypeDef = {"S": "leaf"}
    for _ in range(levels):
        value = {"M": {"n": value}}
    return value


def _put(table: str, pk: str, **more: AttributeValueTypeDef) -> TransactWriteItemTypeDef:
    return {"Put": {"TableName": table, "Item": {"pk": {"S": pk}, **more}}}


_EMPTY_NAME: dict[str, AttributeValueTypeDef] = {"": {"S": "x"}}


@known_divergence(
    MOTO,
    "accepts an empty attribute name and values nested past the limit",
    service=_DEEP_ORDER_SOURCE,
)
@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("deep 40, then an empty name", _NESTED),
        ("an empty name, then deep 100", "Empty attribute name"),
        ("an empty name and deep 100 in one item", "Empty attribute name"),
        ("deep 100 and an empty name in one item", "Empty attribute name"),
        ("a key nested 100 levels and a syntax error", "Invalid ConditionExpression: Syntax error"),
    ],
)
def test_actions_are_checked_in_order_and_a_very_deep_value_last(
    dynamodb: Backend, case: str, expected: str
) -> None:
    table = dynamodb.table_name()
    empty = _EMPTY_NAME
    cases: dict[str, list[TransactWriteItemTypeDef]] = {
        "deep 40, then an empty name": [
            _put(table, "b", d=_wrapped(40)),
            _put(table, "a", **empty),
        ],
        "an empty name, then deep 100": [
            _put(table, "a", **empty),
            _put(table, "b", d=_wrapped(100)),
        ],
        "an empty name and deep 100 in one item": [_put(table, "a", **empty, d=_wrapped(100))],
        "deep 100 and an empty name in one item": [_put(table, "a", d=_wrapped(100), **empty)],
        "a key nested 100 levels and a syntax error": [
            {
                "Delete": {
                    "TableName": table,
                    "Key": {"pk": _wrapped(100)},
                    "ConditionExpression": "a = = b",
                }
            }
        ],
    }
    with service_error("ValidationException", expected, prefix=True):
        dynamodb.client.transact_write_items(TransactItems=cases[case])


@known_divergence(
    MOTO,
    "refuses the placeholders as unused in expressions",
    service="ExtendDB tests/test_transact_expression_validation.py and PR 169, captured from "
    "the service: a transaction's Put, Delete or Get accepts placeholders with no expression",
)
def test_transaction_actions_ignore_placeholders_without_an_expression(
    dynamodb: Backend,
) -> None:
    table = dynamodb.key_table()
    dynamodb.put_items(table, {"pk": {"S": "old"}, "shelf": {"N": "3"}})
    dynamodb.client.transact_write_items(
        TransactItems=[
            {
                "Put": {
                    "TableName": table,
                    "Item": {"pk": {"S": "new"}},
                    "ExpressionAttributeNames": {"#s": "shelf"},
                    "ExpressionAttributeValues": {":three": {"N": "3"}},
                }
            },
            {
                "Delete": {
                    "TableName": table,
                    "Key": {"pk": {"S": "old"}},
                    "ExpressionAttributeValues": {":three": {"N": "3"}},
                }
            },
        ]
    )
    got = dynamodb.client.transact_get_items(
        TransactItems=[
            {
                "Get": {
                    "TableName": table,
                    "Key": {"pk": {"S": key}},
                    "ExpressionAttributeNames": {"#s": "shelf"},
                }
            }
            for key in ("new", "old")
        ]
    )
    assert without_volatile(got) == {"Responses": [{"Item": {"pk": {"S": "new"}}}, {}]}

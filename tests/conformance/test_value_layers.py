"""Bad attribute values as the service words them, by operation: GetItem,
BatchGetItem and Query in the current value layer (an empty number keeps its
colon, a set's repeat is listed quoted, no ExpressionAttributeValues key is
named), BatchWriteItem in the older one."""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING

import pytest

from .backends import DYNALITE, MOTO
from .markers import known_divergence
from .support import Backend, service_error

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import AttributeValueTypeDef

SOURCE = (
    "live-service captures in four regions, paritysuite/dynamodb-conformance "
    "tests/tier3/error-messages/valueLayers.test.ts"
)
NOT_NUMERIC = "The parameter cannot be converted to a numeric value"
OVERFLOW = (
    "Number overflow. Attempting to store a number with magnitude larger than supported range"
)
UNDERFLOW = (
    "Number underflow. Attempting to store a number with magnitude smaller than supported range"
)
INVALID = "One or more parameter values were invalid: "

NUMBERS = [
    ("abc", f"{NOT_NUMERIC}: abc"),
    ("", f"{NOT_NUMERIC}: "),
    ("1e126", OVERFLOW),
    ("1e2147483647", OVERFLOW),
]
# Sent out of order with a repeat; listed sorted up to the repeat, then the rest.
REPEATS: list[tuple[AttributeValueTypeDef, str]] = [
    ({"SS": ["b", "a", "b"]}, f'{INVALID}Input collection ["a", "b", "b"] contains duplicates.'),
    (
        {"BS": [base64.b64decode(text) for text in ("/w==", "AA==", "AA==")]},
        f'{INVALID}Input collection ["AA==","/w==","AA=="]of type BS contains duplicates.',
    ),
    ({"NS": ["2", "1", "2"]}, f"{INVALID}Input collection contains duplicates."),
]
# The older layer: no colon after an empty number, 1e2147483647 read as Java's
# BigDecimal wraps it (an underflow), a set's repeat listed as sent.
OLDER_NUMBERS = [
    ("abc", f"{NOT_NUMERIC}: abc"),
    ("", NOT_NUMERIC),
    ("1e126", OVERFLOW),
    ("1e2147483647", UNDERFLOW),
]
OLDER_REPEATS: list[tuple[AttributeValueTypeDef, str]] = [
    ({"SS": ["b", "a", "b"]}, f"{INVALID}Input collection [b, a, b] contains duplicates."),
    (
        {"BS": [base64.b64decode(text) for text in ("/w==", "AA==", "AA==")]},
        f"{INVALID}Input collection [/w==, AA==, AA==]of type BS contains duplicates.",
    ),
    ({"NS": ["2", "1", "2"]}, "Input collection contains duplicates"),
]


@known_divergence(
    DYNALITE,
    "drops the colon after an empty number",
    service=SOURCE,
    when=lambda c: c["number"] == "",
)
@known_divergence(MOTO, "accepts or words a bad number otherwise", service=SOURCE)
@pytest.mark.parametrize(("number", "message"), NUMBERS)
def test_get_item_words_a_bad_number_key(dynamodb: Backend, number: str, message: str) -> None:
    table = dynamodb.key_table(("pk", "N"))
    with service_error("ValidationException", message):
        dynamodb.client.get_item(TableName=table, Key={"pk": {"N": number}})


@known_divergence(
    (DYNALITE, MOTO),
    "wrap the message in 'ExpressionAttributeValues contains invalid value'",
    service=SOURCE,
)
@pytest.mark.parametrize(("number", "message"), NUMBERS)
def test_query_words_a_bad_number_in_a_filter_value(
    dynamodb: Backend, number: str, message: str
) -> None:
    table = dynamodb.key_table()
    with service_error("ValidationException", message):
        dynamodb.client.query(
            TableName=table,
            KeyConditionExpression="pk = :p",
            FilterExpression="n = :v",
            ExpressionAttributeValues={":p": {"S": "a"}, ":v": {"N": number}},
        )


@known_divergence((DYNALITE, MOTO), "list a set's repeat in the older words", service=SOURCE)
@pytest.mark.parametrize(("value", "message"), REPEATS, ids=["SS", "BS", "NS"])
def test_get_item_lists_a_repeated_set_member_in_the_key(
    dynamodb: Backend, value: AttributeValueTypeDef, message: str
) -> None:
    table = dynamodb.key_table()
    with service_error("ValidationException", message):
        dynamodb.client.get_item(TableName=table, Key={"pk": value})


@known_divergence((DYNALITE, MOTO), "list a set's repeat in the older words", service=SOURCE)
@pytest.mark.parametrize(("value", "message"), REPEATS, ids=["SS", "BS", "NS"])
def test_query_lists_a_repeated_set_member_in_a_filter_value(
    dynamodb: Backend, value: AttributeValueTypeDef, message: str
) -> None:
    table = dynamodb.key_table()
    with service_error("ValidationException", message):
        dynamodb.client.query(
            TableName=table,
            KeyConditionExpression="pk = :p",
            FilterExpression="s = :t",
            ExpressionAttributeValues={":p": {"S": "a"}, ":t": value},
        )


@known_divergence(
    (DYNALITE, MOTO),
    "word it 'were invalid' or not at all",
    service="paritysuite/dynamodb-conformance tests/tier3/error-messages/deleteItem.test.ts and "
    "updateItem.test.ts, 'empty-binary key value', and its capture of GetItem with an empty key",
)
@pytest.mark.parametrize("operation", ["GetItem", "UpdateItem", "DeleteItem"])
def test_an_empty_binary_key_is_not_valid(dynamodb: Backend, operation: str) -> None:
    table = dynamodb.key_table(("pk", "B"))
    key: dict[str, AttributeValueTypeDef] = {"pk": {"B": b""}}
    with service_error(
        "ValidationException",
        "One or more parameter values are not valid. The AttributeValue for a key attribute "
        "cannot contain an empty binary value. Key: pk",
    ):
        if operation == "GetItem":
            dynamodb.client.get_item(TableName=table, Key=key)
        elif operation == "UpdateItem":
            dynamodb.client.update_item(
                TableName=table,
                Key=key,
                UpdateExpression="SET a = :v",
                ExpressionAttributeValues={":v": {"S": "x"}},
            )
        else:
            dynamodb.client.delete_item(TableName=table, Key=key)


@known_divergence(MOTO, "lists a set's repeat in the older words", service=SOURCE)
@known_divergence(DYNALITE, "lists a set's repeat in the older words", service=SOURCE)
@pytest.mark.parametrize(("value", "message"), REPEATS, ids=["SS", "BS", "NS"])
def test_batch_get_item_words_a_bad_key_in_the_current_layer(
    dynamodb: Backend, value: AttributeValueTypeDef, message: str
) -> None:
    table = dynamodb.key_table()
    with service_error("ValidationException", message):
        dynamodb.client.batch_get_item(RequestItems={table: {"Keys": [{"pk": value}]}})


@known_divergence(
    MOTO,
    "accepts some bad numbers and words others otherwise",
    service=SOURCE,
    when=lambda c: c["number"] != "abc",
)
@known_divergence(
    DYNALITE,
    "reads 1e2147483647 as an overflow",
    service=SOURCE,
    when=lambda c: c["number"] == "1e2147483647",
)
@pytest.mark.parametrize(("number", "message"), OLDER_NUMBERS)
def test_batch_write_item_words_a_bad_number_in_the_older_layer(
    dynamodb: Backend, number: str, message: str
) -> None:
    table = dynamodb.key_table()
    with service_error("ValidationException", message):
        dynamodb.client.batch_write_item(
            RequestItems={table: [{"PutRequest": {"Item": {"pk": {"S": "a"}, "n": {"N": number}}}}]}
        )


@known_divergence(MOTO, "accepts a set with a repeat", service=SOURCE)
@pytest.mark.parametrize(("value", "message"), OLDER_REPEATS, ids=["SS", "BS", "NS"])
def test_batch_write_item_lists_a_set_repeat_as_sent(
    dynamodb: Backend, value: AttributeValueTypeDef, message: str
) -> None:
    table = dynamodb.key_table()
    with service_error("ValidationException", message):
        dynamodb.client.batch_write_item(
            RequestItems={table: [{"PutRequest": {"Item": {"pk": {"S": "a"}, "s": value}}}]}
        )

"""Single items: PutItem, GetItem and DeleteItem, their keys and their ReturnValues."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from .backends import DYNALITE, MOTO
from .markers import known_divergence, without_report

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import AttributeValueTypeDef

from .support import Backend, reported_error, service_error, without_volatile


def test_put_item_answers_with_nothing_by_default(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    put = dynamodb.client.put_item(TableName=table, Item={"pk": {"S": "a"}, "v": {"N": "1"}})
    assert without_volatile(put) == {}


def test_put_item_all_old_returns_the_replaced_item(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    dynamodb.put_items(table, {"pk": {"S": "a"}, "v": {"N": "1"}})
    put = dynamodb.client.put_item(
        TableName=table, Item={"pk": {"S": "a"}, "w": {"S": "new"}}, ReturnValues="ALL_OLD"
    )
    assert without_volatile(put) == {"Attributes": {"pk": {"S": "a"}, "v": {"N": "1"}}}


def test_put_item_all_old_of_a_new_item_returns_no_attributes(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    put = dynamodb.client.put_item(TableName=table, Item={"pk": {"S": "a"}}, ReturnValues="ALL_OLD")
    assert without_volatile(put) == {}


def test_put_item_replaces_the_whole_item(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    dynamodb.put_items(
        table, {"pk": {"S": "a"}, "v": {"N": "1"}}, {"pk": {"S": "a"}, "w": {"N": "2"}}
    )
    got = dynamodb.client.get_item(TableName=table, Key={"pk": {"S": "a"}})
    assert without_volatile(got) == {"Item": {"pk": {"S": "a"}, "w": {"N": "2"}}}


@without_report()
@known_divergence(
    MOTO,
    "answers 'Return values set to invalid value'",
    service="as dynalite, checked against the live service, answers 'ReturnValues can only be "
    "ALL_OLD or NONE'",
)
def test_put_item_return_values_all_new_is_refused(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    with reported_error("ValidationException", "ReturnValues can only be ALL_OLD or NONE"):
        dynamodb.client.put_item(TableName=table, Item={"pk": {"S": "a"}}, ReturnValues="ALL_NEW")


@known_divergence(
    (DYNALITE, MOTO),
    "word a ReturnValues outside the enum in the older form ('Value ... at returnValues')",
    service="paritysuite/dynamodb-conformance captures/cross-region-latest.json, us-east-1 and "
    "eu-west-2 (2026-09-20): the newer validation's words, UPDATE_NEW as the service spells it",
)
@pytest.mark.parametrize("operation", ["PutItem", "UpdateItem", "DeleteItem"])
def test_a_return_values_outside_the_enum_is_refused_in_the_newer_words(
    dynamodb: Backend, operation: str
) -> None:
    table = dynamodb.key_table()
    key: dict[str, AttributeValueTypeDef] = {"pk": {"S": "a"}}
    with reported_error(
        "ValidationException",
        "Failed to satisfy constraint: Member must satisfy enum value set: "
        "[ALL_OLD, UPDATED_OLD, ALL_NEW, UPDATE_NEW, NONE]",
    ):
        if operation == "PutItem":
            dynamodb.client.put_item(TableName=table, Item=key, ReturnValues="ALL")  # type: ignore[arg-type]  # the value outside the enum is the behaviour under test
        elif operation == "UpdateItem":
            dynamodb.client.update_item(TableName=table, Key=key, ReturnValues="ALL")  # type: ignore[arg-type]  # as above
        else:
            dynamodb.client.delete_item(TableName=table, Key=key, ReturnValues="ALL")  # type: ignore[arg-type]  # as above


def test_get_item_of_a_missing_item_has_no_item_member(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    got = dynamodb.client.get_item(TableName=table, Key={"pk": {"S": "nobody"}})
    assert without_volatile(got) == {}


def test_get_item_with_consistent_read_returns_the_item(dynamodb: Backend) -> None:
    table = dynamodb.key_table(sort=("sk", "N"))
    dynamodb.put_items(table, {"pk": {"S": "a"}, "sk": {"N": "1"}, "v": {"BOOL": True}})
    got = dynamodb.client.get_item(
        TableName=table, Key={"pk": {"S": "a"}, "sk": {"N": "1"}}, ConsistentRead=True
    )
    assert without_volatile(got) == {
        "Item": {"pk": {"S": "a"}, "sk": {"N": "1"}, "v": {"BOOL": True}}
    }


def test_every_attribute_type_round_trips(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    item: dict[str, AttributeValueTypeDef] = {
        "pk": {"S": "a"},
        "s": {"S": "text"},
        "n": {"N": "-12.5"},
        "b": {"B": b"\x00\xff"},
        "ss": {"SS": ["x", "y"]},
        "ns": {"NS": ["1", "2"]},
        "bs": {"BS": [b"\x01", b"\x02"]},
        "m": {"M": {"inner": {"L": [{"S": "z"}, {"NULL": True}]}}},
        "l": {"L": [{"N": "1"}, {"BOOL": False}]},
        "null": {"NULL": True},
        "bool": {"BOOL": True},
        "empty_s": {"S": ""},
        "empty_b": {"B": b""},
    }
    dynamodb.client.put_item(TableName=table, Item=item)
    got = dynamodb.client.get_item(TableName=table, Key={"pk": {"S": "a"}})
    assert without_volatile(got) == without_volatile({"Item": item})


def test_delete_item_all_old_returns_the_deleted_item(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    dynamodb.put_items(table, {"pk": {"S": "a"}, "v": {"S": "x"}})
    deleted = dynamodb.client.delete_item(
        TableName=table, Key={"pk": {"S": "a"}}, ReturnValues="ALL_OLD"
    )
    assert without_volatile(deleted) == {"Attributes": {"pk": {"S": "a"}, "v": {"S": "x"}}}
    got = dynamodb.client.get_item(TableName=table, Key={"pk": {"S": "a"}})
    assert "Item" not in got


def test_delete_item_of_a_missing_item_succeeds_with_nothing(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    deleted = dynamodb.client.delete_item(
        TableName=table, Key={"pk": {"S": "a"}}, ReturnValues="ALL_OLD"
    )
    assert without_volatile(deleted) == {}


@without_report()
@known_divergence(
    DYNALITE,
    "accepts ReturnValues=ALL_NEW on DeleteItem",
    service="AWS DynamoDB API reference, DeleteItem: ReturnValues recognises only NONE and ALL_OLD",
)
@known_divergence(
    MOTO,
    "answers 'Return values set to invalid value'",
    service="as dynalite, checked against the live service, answers 'ReturnValues can only be "
    "ALL_OLD or NONE'",
)
def test_delete_item_return_values_all_new_is_refused(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    with reported_error("ValidationException", "ReturnValues can only be ALL_OLD or NONE"):
        dynamodb.client.delete_item(TableName=table, Key={"pk": {"S": "a"}}, ReturnValues="ALL_NEW")


def test_item_operations_on_a_missing_table_are_refused(dynamodb: Backend) -> None:
    name = dynamodb.table_name()
    with service_error("ResourceNotFoundException", "Requested resource not found"):
        dynamodb.client.put_item(TableName=name, Item={"pk": {"S": "a"}})
    with service_error("ResourceNotFoundException", "Requested resource not found"):
        dynamodb.client.get_item(TableName=name, Key={"pk": {"S": "a"}})
    with service_error("ResourceNotFoundException", "Requested resource not found"):
        dynamodb.client.delete_item(TableName=name, Key={"pk": {"S": "a"}})


# ---------------------------------------------------------------- keys


def test_put_item_without_the_partition_key_is_refused(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    with service_error(
        "ValidationException",
        "One or more parameter values were invalid: Missing the key pk in the item",
    ):
        dynamodb.client.put_item(TableName=table, Item={"other": {"S": "a"}})


def test_put_item_with_a_key_of_the_wrong_type_is_refused(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    with service_error(
        "ValidationException",
        "One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N",
    ):
        dynamodb.client.put_item(TableName=table, Item={"pk": {"N": "1"}})


@known_divergence(
    MOTO,
    "words the empty-key message as DynamoDB did before 2020",
    service="as dynalite, checked against the live service, answers (and the fake's message "
    "table) 'The AttributeValue for a key attribute cannot contain an empty string "
    "value'",
)
def test_put_item_with_an_empty_string_key_is_refused(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    with service_error(
        "ValidationException",
        "One or more parameter values are not valid. The AttributeValue for a key attribute "
        "cannot contain an empty string value. Key: pk",
    ):
        dynamodb.client.put_item(TableName=table, Item={"pk": {"S": ""}})


@known_divergence(
    MOTO,
    "accepts an empty binary sort key",
    service="AWS DynamoDB developer guide, 'Supported data types': key attributes cannot hold "
    "empty String or Binary values",
)
def test_put_item_with_an_empty_binary_sort_key_is_refused(dynamodb: Backend) -> None:
    table = dynamodb.key_table(sort=("sk", "B"))
    with service_error(
        "ValidationException",
        "One or more parameter values are not valid. The AttributeValue for a key attribute "
        "cannot contain an empty binary value. Key: sk",
    ):
        dynamodb.client.put_item(TableName=table, Item={"pk": {"S": "a"}, "sk": {"B": b""}})


def test_get_item_with_an_extra_key_attribute_is_refused(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    with service_error("ValidationException", "The provided key element does not match the schema"):
        dynamodb.client.get_item(TableName=table, Key={"pk": {"S": "a"}, "x": {"S": "b"}})


@known_divergence(
    MOTO,
    "accepts a key of the wrong type",
    service="AWS DynamoDB API reference, GetItem: the key must match the table's key schema",
)
def test_get_item_with_a_key_of_the_wrong_type_is_refused(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    with service_error("ValidationException", "The provided key element does not match the schema"):
        dynamodb.client.get_item(TableName=table, Key={"pk": {"N": "1"}})


@known_divergence(
    MOTO,
    "answers 'Validation Exception'",
    service="as dynalite, checked against the live service, answers 'The provided key element "
    "does not match the schema'",
)
def test_get_item_without_the_sort_key_is_refused(dynamodb: Backend) -> None:
    table = dynamodb.key_table(sort=("sk", "S"))
    with service_error("ValidationException", "The provided key element does not match the schema"):
        dynamodb.client.get_item(TableName=table, Key={"pk": {"S": "a"}})


@known_divergence(
    MOTO,
    "accepts an empty string key on DeleteItem",
    service="AWS DynamoDB developer guide, 'Supported data types': key attributes cannot hold "
    "empty String or Binary values",
)
@known_divergence(
    DYNALITE,
    "words it 'One or more parameter values were invalid:'",
    service="paritysuite/dynamodb-conformance captures/cross-region-latest.json, live "
    "DeleteItem with an empty key: 'One or more parameter values are not valid.'",
)
def test_delete_item_with_an_empty_string_key_is_refused(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    with service_error(
        "ValidationException",
        "One or more parameter values are not valid. The AttributeValue for a key attribute "
        "cannot contain an empty string value. Key: pk",
    ):
        dynamodb.client.delete_item(TableName=table, Key={"pk": {"S": ""}})


@known_divergence(
    MOTO,
    "stores numbers as given instead of normalised",
    service="AWS DynamoDB developer guide, 'Supported data types': leading and trailing zeroes "
    "are trimmed",
)
def test_number_keys_are_equal_when_their_values_are(dynamodb: Backend) -> None:
    table = dynamodb.key_table(partition=("pk", "N"))
    dynamodb.put_items(table, {"pk": {"N": "1.0"}, "v": {"S": "x"}})
    got = dynamodb.client.get_item(TableName=table, Key={"pk": {"N": "1"}})
    assert without_volatile(got) == {"Item": {"pk": {"N": "1"}, "v": {"S": "x"}}}

"""CreateTable: the table's key schema and its attribute definitions."""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

import pytest
from botocore.exceptions import ClientError

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.literals import ScalarAttributeTypeType
    from mypy_boto3_dynamodb.type_defs import (
        AttributeDefinitionTypeDef,
        CreateTableInputTypeDef,
        KeySchemaElementTypeDef,
    )

    from dynantic.testing import FakeDynamoDBClient

Refuses = Callable[[str, str], AbstractContextManager[None]]
INVALID = "One or more parameter values were invalid: "


def hash_key(name: str) -> KeySchemaElementTypeDef:
    return {"AttributeName": name, "KeyType": "HASH"}


def range_key(name: str) -> KeySchemaElementTypeDef:
    return {"AttributeName": name, "KeyType": "RANGE"}


def attribute(name: str, kind: ScalarAttributeTypeType = "S") -> AttributeDefinitionTypeDef:
    return {"AttributeName": name, "AttributeType": kind}


def table(
    keys: list[KeySchemaElementTypeDef], definitions: list[AttributeDefinitionTypeDef]
) -> CreateTableInputTypeDef:
    return {
        "TableName": "things",
        "KeySchema": keys,
        "AttributeDefinitions": definitions,
        "BillingMode": "PAY_PER_REQUEST",
    }


def test_missing_attribute_definitions_is_a_null_member(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    request = table([hash_key("pk")], [attribute("pk")])
    del request["AttributeDefinitions"]
    with refuses(
        "ValidationException",
        "1 validation error detected: Value null at 'attributeDefinitions' failed to satisfy "
        "constraint: Member must not be null",
    ):
        fake.create_table(**request)


def test_missing_key_schema_is_a_null_member(fake: FakeDynamoDBClient, refuses: Refuses) -> None:
    request = table([hash_key("pk")], [attribute("pk")])
    del request["KeySchema"]
    with refuses(
        "ValidationException",
        "1 validation error detected: Value null at 'keySchema' failed to satisfy "
        "constraint: Member must not be null",
    ):
        fake.create_table(**request)


def test_missing_definitions_and_key_schema_are_reported_together(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses(
        "ValidationException",
        "2 validation errors detected: Value null at 'attributeDefinitions' failed to satisfy "
        "constraint: Member must not be null; Value null at 'keySchema' failed to satisfy "
        "constraint: Member must not be null",
    ):
        fake.create_table(TableName="things", BillingMode="PAY_PER_REQUEST")


def test_table_key_schema_holds_at_most_two_elements(fake: FakeDynamoDBClient) -> None:
    request = table(
        [hash_key("a"), range_key("b"), range_key("c")],
        [attribute("a"), attribute("b"), attribute("c")],
    )
    with pytest.raises(ClientError) as raised:
        fake.create_table(**request)
    element = r"com\.amazonaws\.dynamodb\.v20120810\.KeySchemaElement@[0-9a-f]{8}"
    assert re.fullmatch(
        rf"1 validation error detected: Value '\[{element}, {element}, {element}\]' at "
        r"'keySchema' failed to satisfy constraint: Member must have length less than or "
        r"equal to 2",
        raised.value.response["Error"]["Message"],
    )
    assert fake.list_tables()["TableNames"] == []


@pytest.mark.parametrize("second_type", ["S", "N"])
def test_an_attribute_defined_twice_is_refused(
    fake: FakeDynamoDBClient, refuses: Refuses, second_type: ScalarAttributeTypeType
) -> None:
    request = table([hash_key("pk")], [attribute("pk"), attribute("pk", second_type)])
    with refuses("ValidationException", "Attribute Name is duplicated: pk"):
        fake.create_table(**request)


def test_more_key_elements_than_definitions_have_no_definition(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    request = table([hash_key("a"), range_key("b")], [attribute("a")])
    with refuses(
        "ValidationException", "Invalid KeySchema: Some index key attribute have no definition"
    ):
        fake.create_table(**request)


def test_no_definitions_at_all_leave_the_key_without_definition(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses(
        "ValidationException", "Invalid KeySchema: Some index key attribute have no definition"
    ):
        fake.create_table(**table([hash_key("pk")], []))


def test_a_key_attribute_must_be_defined(fake: FakeDynamoDBClient, refuses: Refuses) -> None:
    with refuses(
        "ValidationException",
        INVALID + "Some index key attributes are not defined in AttributeDefinitions. "
        "Keys: [pk], AttributeDefinitions: [other]",
    ):
        fake.create_table(**table([hash_key("pk")], [attribute("other")]))


def test_attribute_names_are_case_sensitive(fake: FakeDynamoDBClient, refuses: Refuses) -> None:
    with refuses(
        "ValidationException",
        INVALID + "Some index key attributes are not defined in AttributeDefinitions. "
        "Keys: [PK], AttributeDefinitions: [pk]",
    ):
        fake.create_table(**table([hash_key("PK")], [attribute("pk")]))


def test_partition_and_sort_key_need_different_names(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    request = table([hash_key("a"), range_key("a")], [attribute("a"), attribute("b")])
    with refuses(
        "ValidationException",
        "Both the Hash Key and the Range Key element in the KeySchema have the same name",
    ):
        fake.create_table(**request)


@pytest.mark.parametrize(
    "keys",
    [[range_key("a"), hash_key("b")], [range_key("a"), range_key("b")], [range_key("a")]],
    ids=["range-then-hash", "two-ranges", "range-only"],
)
def test_the_first_key_element_is_the_partition_key(
    fake: FakeDynamoDBClient, refuses: Refuses, keys: list[KeySchemaElementTypeDef]
) -> None:
    definitions = [attribute(key["AttributeName"]) for key in keys]
    with refuses(
        "ValidationException",
        "Invalid KeySchema: The first KeySchemaElement is not a HASH key type",
    ):
        fake.create_table(**table(keys, definitions))


def test_the_second_key_element_is_the_sort_key(fake: FakeDynamoDBClient, refuses: Refuses) -> None:
    request = table([hash_key("a"), hash_key("b")], [attribute("a"), attribute("b")])
    with refuses(
        "ValidationException",
        "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type",
    ):
        fake.create_table(**request)


def test_without_indexes_every_definition_is_a_table_key(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    request = table([hash_key("pk")], [attribute("pk"), attribute("extra")])
    with refuses(
        "ValidationException",
        INVALID + "Number of attributes in KeySchema does not exactly match number of "
        "attributes defined in AttributeDefinitions",
    ):
        fake.create_table(**request)


def test_with_indexes_every_definition_is_used_by_some_key(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    request = table(
        [hash_key("pk"), range_key("sk")],
        [attribute("sk"), attribute("a"), attribute("b"), attribute("pk"), attribute("c")],
    )
    request["GlobalSecondaryIndexes"] = [
        {"IndexName": "by-a", "KeySchema": [hash_key("a")], "Projection": {"ProjectionType": "ALL"}}
    ]
    # Definitions are listed as given; the keys used as the service's hash set orders them.
    with refuses(
        "ValidationException",
        INVALID + "Some AttributeDefinitions are not used. AttributeDefinitions: "
        "[sk, a, b, pk, c], keys used: [a, sk, pk]",
    ):
        fake.create_table(**request)


@pytest.mark.parametrize("kind", ["S", "N", "B"])
def test_key_attributes_may_be_strings_numbers_or_binary(
    fake: FakeDynamoDBClient, kind: ScalarAttributeTypeType
) -> None:
    request = table([hash_key("pk"), range_key("sk")], [attribute("pk", kind), attribute("sk")])
    fake.create_table(**request)
    described = fake.describe_table(TableName="things")["Table"]
    assert described.get("AttributeDefinitions") == [attribute("pk", kind), attribute("sk")]
    assert described.get("KeySchema") == [hash_key("pk"), range_key("sk")]


def test_attribute_definitions_come_back_sorted_by_name(fake: FakeDynamoDBClient) -> None:
    request = table(
        [hash_key("pk"), range_key("sk")], [attribute("sk", "N"), attribute("pk"), attribute("Z")]
    )
    request["LocalSecondaryIndexes"] = [
        {
            "IndexName": "by-z",
            "KeySchema": [hash_key("pk"), range_key("Z")],
            "Projection": {"ProjectionType": "KEYS_ONLY"},
        }
    ]
    created = fake.create_table(**request)["TableDescription"]
    expected = [attribute("Z"), attribute("pk"), attribute("sk", "N")]
    assert created.get("AttributeDefinitions") == expected
    described = fake.describe_table(TableName="things")["Table"]
    assert described.get("AttributeDefinitions") == expected

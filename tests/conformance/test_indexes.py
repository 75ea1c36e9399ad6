"""Secondary indexes: sparse membership, projections, key types, LSIs and GSIs."""

from __future__ import annotations

from tests.table_shapes import indexed_table

from .backends import DYNALITE, MOTO
from .markers import known_divergence
from .support import Backend, service_error, without_volatile


def _table_with_indexes(dynamodb: Backend) -> str:
    name = dynamodb.table_name()
    dynamodb.create_table(**indexed_table(name))
    dynamodb.put_items(
        name,
        {
            "pk": {"S": "a"},
            "sk": {"S": "1"},
            "g": {"S": "x"},
            "gs": {"N": "2"},
            "l": {"N": "9"},
            "extra": {"S": "e1"},
            "other": {"S": "o1"},
        },
        {
            "pk": {"S": "a"},
            "sk": {"S": "2"},
            "g": {"S": "x"},
            "gs": {"N": "1"},
            "l": {"N": "3"},
            "extra": {"S": "e2"},
        },
        {"pk": {"S": "a"}, "sk": {"S": "3"}, "other": {"S": "not indexed by g"}},
    )
    return name


@known_divergence(
    MOTO,
    "describes an on-demand index without NumberOfDecreasesToday",
    service="AWS DynamoDB API reference, ProvisionedThroughputDescription",
)
def test_describe_table_lists_the_indexes(dynamodb: Backend) -> None:
    name = _table_with_indexes(dynamodb)
    table = dynamodb.client.describe_table(TableName=name)["Table"]
    globals_ = {i.get("IndexName"): i for i in table.get("GlobalSecondaryIndexes", [])}
    assert without_volatile(globals_["by-g"]) == {
        "IndexName": "by-g",
        "KeySchema": [
            {"AttributeName": "g", "KeyType": "HASH"},
            {"AttributeName": "gs", "KeyType": "RANGE"},
        ],
        "Projection": {"ProjectionType": "KEYS_ONLY"},
        "IndexStatus": "ACTIVE",
        "ProvisionedThroughput": {
            "NumberOfDecreasesToday": 0,
            "ReadCapacityUnits": 0,
            "WriteCapacityUnits": 0,
        },
        "IndexSizeBytes": 0,
        "ItemCount": 0,
    }
    locals_ = table.get("LocalSecondaryIndexes", [])
    assert [without_volatile(i) for i in locals_] == [
        {
            "IndexName": "by-l",
            "KeySchema": [
                {"AttributeName": "pk", "KeyType": "HASH"},
                {"AttributeName": "l", "KeyType": "RANGE"},
            ],
            "Projection": {"ProjectionType": "ALL"},
            "IndexSizeBytes": 0,
            "ItemCount": 0,
        }
    ]


def test_global_index_query_returns_projected_keys_in_index_order(dynamodb: Backend) -> None:
    name = _table_with_indexes(dynamodb)
    found = dynamodb.client.query(
        TableName=name,
        IndexName="by-g",
        KeyConditionExpression="g = :x",
        ExpressionAttributeValues={":x": {"S": "x"}},
    )
    assert without_volatile(found) == {
        "Items": [
            {"pk": {"S": "a"}, "sk": {"S": "2"}, "g": {"S": "x"}, "gs": {"N": "1"}},
            {"pk": {"S": "a"}, "sk": {"S": "1"}, "g": {"S": "x"}, "gs": {"N": "2"}},
        ],
        "Count": 2,
        "ScannedCount": 2,
    }


def test_include_projection_adds_the_named_attributes(dynamodb: Backend) -> None:
    name = _table_with_indexes(dynamodb)
    found = dynamodb.client.query(
        TableName=name,
        IndexName="by-g-include",
        KeyConditionExpression="g = :x",
        ExpressionAttributeValues={":x": {"S": "x"}},
    )
    assert sorted(sorted(item) for item in found["Items"]) == [
        ["extra", "g", "pk", "sk"],
        ["extra", "g", "pk", "sk"],
    ]


def test_an_item_without_the_index_key_is_absent_from_the_index(dynamodb: Backend) -> None:
    name = _table_with_indexes(dynamodb)
    found = dynamodb.client.scan(TableName=name, IndexName="by-g")
    assert sorted(item["sk"]["S"] for item in found["Items"]) == ["1", "2"]


def test_index_page_last_evaluated_key_holds_index_and_table_keys(dynamodb: Backend) -> None:
    name = _table_with_indexes(dynamodb)
    found = dynamodb.client.query(
        TableName=name,
        IndexName="by-g",
        KeyConditionExpression="g = :x",
        ExpressionAttributeValues={":x": {"S": "x"}},
        Limit=1,
    )
    assert found.get("LastEvaluatedKey") == {
        "g": {"S": "x"},
        "gs": {"N": "1"},
        "pk": {"S": "a"},
        "sk": {"S": "2"},
    }


def test_local_index_query_orders_by_the_index_sort_key(dynamodb: Backend) -> None:
    name = _table_with_indexes(dynamodb)
    found = dynamodb.client.query(
        TableName=name,
        IndexName="by-l",
        KeyConditionExpression="pk = :a",
        ExpressionAttributeValues={":a": {"S": "a"}},
    )
    assert [item["sk"]["S"] for item in found["Items"]] == ["2", "1"]


def test_consistent_read_on_a_global_index_is_refused(dynamodb: Backend) -> None:
    name = _table_with_indexes(dynamodb)
    with service_error(
        "ValidationException", "Consistent reads are not supported on global secondary indexes"
    ):
        dynamodb.client.query(
            TableName=name,
            IndexName="by-g",
            KeyConditionExpression="g = :x",
            ExpressionAttributeValues={":x": {"S": "x"}},
            ConsistentRead=True,
        )


@known_divergence(
    MOTO,
    "stores an index key attribute of the wrong type",
    service="AWS DynamoDB developer guide, 'Global secondary indexes': an index key attribute "
    "must match the type in AttributeDefinitions",
)
def test_an_index_key_of_the_wrong_type_is_refused_on_write(dynamodb: Backend) -> None:
    name = _table_with_indexes(dynamodb)
    with service_error(
        "ValidationException",
        "One or more parameter values were invalid: Type mismatch for Index Key gs Expected: N "
        "Actual: S IndexName: by-g",
    ):
        dynamodb.client.put_item(
            TableName=name,
            Item={"pk": {"S": "b"}, "sk": {"S": "1"}, "g": {"S": "x"}, "gs": {"S": "oops"}},
        )


@known_divergence(
    DYNALITE,
    "stores an empty string as an index key",
    service="AWS DynamoDB developer guide, 'Supported data types': empty String and Binary "
    "values are not allowed as index key values",
)
def test_an_empty_string_index_key_is_refused_on_write(dynamodb: Backend) -> None:
    name = _table_with_indexes(dynamodb)
    with service_error(
        "ValidationException",
        "One or more parameter values are not valid. A value specified for a secondary index key "
        "is not supported. The AttributeValue for a key attribute cannot contain an empty string "
        "value. IndexName: by-g, IndexKey: g",
    ):
        dynamodb.client.put_item(
            TableName=name, Item={"pk": {"S": "b"}, "sk": {"S": "1"}, "g": {"S": ""}}
        )


@known_divergence(
    MOTO,
    "answers ResourceNotFoundException listing the indexes",
    service="AWS DynamoDB API reference, Query: an unknown IndexName is a ValidationException",
)
def test_query_of_a_missing_index_is_refused(dynamodb: Backend) -> None:
    name = _table_with_indexes(dynamodb)
    with service_error(
        "ValidationException",
        "The table does not have the specified index: nosuch",
    ):
        dynamodb.client.query(
            TableName=name,
            IndexName="nosuch",
            KeyConditionExpression="g = :x",
            ExpressionAttributeValues={":x": {"S": "x"}},
        )


def test_select_all_attributes_on_a_keys_only_index_is_refused(dynamodb: Backend) -> None:
    name = _table_with_indexes(dynamodb)
    with service_error(
        "ValidationException",
        "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported "
        "for global secondary index by-g because its projection type is not ALL",
    ):
        dynamodb.client.query(
            TableName=name,
            IndexName="by-g",
            KeyConditionExpression="g = :x",
            ExpressionAttributeValues={":x": {"S": "x"}},
            Select="ALL_ATTRIBUTES",
        )

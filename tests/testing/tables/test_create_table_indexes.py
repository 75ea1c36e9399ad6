"""CreateTable: local and global secondary indexes, including multi-attribute keys."""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

import pytest
from botocore.exceptions import ClientError

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import (
        AttributeDefinitionTypeDef,
        CreateTableInputTypeDef,
        GlobalSecondaryIndexTypeDef,
        KeySchemaElementTypeDef,
        LocalSecondaryIndexTypeDef,
        ProjectionTypeDef,
    )

    from dynantic.testing import FakeDynamoDBClient

Refuses = Callable[[str, str], AbstractContextManager[None]]
INVALID = "One or more parameter values were invalid: "
ALL: ProjectionTypeDef = {"ProjectionType": "ALL"}


def hash_key(name: str) -> KeySchemaElementTypeDef:
    return {"AttributeName": name, "KeyType": "HASH"}


def range_key(name: str) -> KeySchemaElementTypeDef:
    return {"AttributeName": name, "KeyType": "RANGE"}


def attributes(*names: str) -> list[AttributeDefinitionTypeDef]:
    return [{"AttributeName": name, "AttributeType": "S"} for name in names]


def local(
    name: str, keys: list[KeySchemaElementTypeDef], projection: ProjectionTypeDef = ALL
) -> LocalSecondaryIndexTypeDef:
    return {"IndexName": name, "KeySchema": keys, "Projection": projection}


def glob(
    name: str, keys: list[KeySchemaElementTypeDef], projection: ProjectionTypeDef = ALL
) -> GlobalSecondaryIndexTypeDef:
    return {"IndexName": name, "KeySchema": keys, "Projection": projection}


def table(*names: str) -> CreateTableInputTypeDef:
    """A table keyed on a and b, with definitions for ``names`` (default a and b)."""
    return {
        "TableName": "things",
        "KeySchema": [hash_key("a"), range_key("b")],
        "AttributeDefinitions": attributes(*(names or ("a", "b"))),
        "BillingMode": "PAY_PER_REQUEST",
    }


# ------------------------------------------------------------------ local indexes


def test_an_empty_local_index_list_is_refused(fake: FakeDynamoDBClient, refuses: Refuses) -> None:
    request = table()
    request["LocalSecondaryIndexes"] = []
    with refuses("ValidationException", INVALID + "List of LocalSecondaryIndexes is empty"):
        fake.create_table(**request)


def test_local_indexes_need_a_table_sort_key(fake: FakeDynamoDBClient, refuses: Refuses) -> None:
    request = table("a", "c")
    request["KeySchema"] = [hash_key("a")]
    request["LocalSecondaryIndexes"] = [local("by-c", [hash_key("a"), range_key("c")])]
    with refuses(
        "ValidationException",
        INVALID + "Table KeySchema does not have a range key, which is required when "
        "specifying a LocalSecondaryIndex",
    ):
        fake.create_table(**request)


def test_local_index_keys_must_be_defined(fake: FakeDynamoDBClient, refuses: Refuses) -> None:
    request = table()
    request["LocalSecondaryIndexes"] = [local("by-cd", [range_key("c"), range_key("d")])]
    with refuses(
        "ValidationException",
        INVALID + "Some index key attributes are not defined in AttributeDefinitions. "
        "Keys: [c, d], AttributeDefinitions: [a, b]",
    ):
        fake.create_table(**request)


def test_local_index_keys_need_different_names(fake: FakeDynamoDBClient, refuses: Refuses) -> None:
    request = table()
    request["LocalSecondaryIndexes"] = [local("twice", [hash_key("a"), range_key("a")])]
    with refuses(
        "ValidationException",
        "Both the Hash Key and the Range Key element in the KeySchema have the same name",
    ):
        fake.create_table(**request)


def test_local_index_keys_start_with_the_partition_key(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    request = table()
    request["LocalSecondaryIndexes"] = [local("by-a", [range_key("a")])]
    with refuses(
        "ValidationException",
        "Invalid KeySchema: The first KeySchemaElement is not a HASH key type",
    ):
        fake.create_table(**request)


def test_local_index_second_key_is_a_sort_key(fake: FakeDynamoDBClient, refuses: Refuses) -> None:
    request = table()
    request["LocalSecondaryIndexes"] = [local("by-b", [hash_key("a"), hash_key("b")])]
    with refuses(
        "ValidationException",
        "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type",
    ):
        fake.create_table(**request)


def test_a_local_index_needs_a_sort_key(fake: FakeDynamoDBClient, refuses: Refuses) -> None:
    request = table()
    request["LocalSecondaryIndexes"] = [local("by-b", [hash_key("b")])]
    with refuses(
        "ValidationException",
        INVALID + "Index KeySchema does not have a range key for index: by-b",
    ):
        fake.create_table(**request)


def test_a_local_index_shares_the_table_partition_key(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    request = table()
    request["LocalSecondaryIndexes"] = [local("by-ba", [hash_key("b"), range_key("a")])]
    with refuses(
        "ValidationException",
        INVALID + "Index KeySchema does not have the same leading hash key as table KeySchema "
        "for index: by-ba. index hash key: b, table hash key: a",
    ):
        fake.create_table(**request)


def test_a_local_index_key_holds_at_most_two_elements(fake: FakeDynamoDBClient) -> None:
    request = table("a", "b", "c")
    request["LocalSecondaryIndexes"] = [
        local("wide", [hash_key("a"), range_key("b"), range_key("c")])
    ]
    with pytest.raises(ClientError) as raised:
        fake.create_table(**request)
    assert re.fullmatch(
        r"1 validation error detected: Value '\[.+\]' at "
        r"'localSecondaryIndexes\.1\.member\.keySchema' failed to satisfy constraint: "
        r"Member must have length less than or equal to 2",
        raised.value.response["Error"]["Message"],
    )


def test_at_most_five_local_indexes(fake: FakeDynamoDBClient, refuses: Refuses) -> None:
    request = table("a", "b", "c")
    request["LocalSecondaryIndexes"] = [
        local(f"index-{n}", [hash_key("a"), range_key("c")]) for n in range(6)
    ]
    with refuses(
        "ValidationException",
        INVALID + "Number of LocalSecondaryIndexes exceeds per-table limit of 5",
    ):
        fake.create_table(**request)
    request["LocalSecondaryIndexes"] = request["LocalSecondaryIndexes"][:5]
    created = fake.create_table(**request)["TableDescription"]
    assert len(created.get("LocalSecondaryIndexes", [])) == 5


def test_a_local_index_may_sort_on_the_table_sort_key(fake: FakeDynamoDBClient) -> None:
    request = table()
    request["LocalSecondaryIndexes"] = [local("same", [hash_key("a"), range_key("b")])]
    fake.create_table(**request)
    index = fake.describe_table(TableName="things")["Table"].get("LocalSecondaryIndexes", [])[0]
    assert index == {
        "IndexName": "same",
        "KeySchema": [hash_key("a"), range_key("b")],
        "Projection": {"ProjectionType": "ALL"},
        "IndexSizeBytes": 0,
        "ItemCount": 0,
        "IndexArn": "arn:aws:dynamodb:us-east-1:123456789012:table/things/index/same",
    }


# ------------------------------------------------------------------ projections


@pytest.mark.parametrize(
    ("projection", "message"),
    [
        ({}, "Unknown ProjectionType: null"),
        ({"NonKeyAttributes": ["x"]}, "Unknown ProjectionType: null"),
        (
            {"ProjectionType": "ALL", "NonKeyAttributes": ["x"]},
            "ProjectionType is ALL, but NonKeyAttributes is specified",
        ),
        (
            {"ProjectionType": "KEYS_ONLY", "NonKeyAttributes": ["x"]},
            "ProjectionType is KEYS_ONLY, but NonKeyAttributes is specified",
        ),
        (
            {"ProjectionType": "INCLUDE"},
            "ProjectionType is INCLUDE, but NonKeyAttributes is not specified",
        ),
        (
            {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["x", "y", "x"]},
            "Duplicate element in NonKeyAttributes: x",
        ),
    ],
    ids=["empty", "no-type", "all-with-names", "keys-only-with-names", "include-bare", "twice"],
)
@pytest.mark.parametrize("kind", ["local", "global"])
def test_projection_rules(
    fake: FakeDynamoDBClient,
    refuses: Refuses,
    projection: ProjectionTypeDef,
    message: str,
    kind: str,
) -> None:
    request = table("a", "b", "c")
    # update(), not item assignment: pyright cannot unpack a request whose branches
    # narrowed it to different keys.
    if kind == "local":
        request.update(
            {"LocalSecondaryIndexes": [local("idx", [hash_key("a"), range_key("c")], projection)]}
        )
    else:
        request.update({"GlobalSecondaryIndexes": [glob("idx", [hash_key("c")], projection)]})
    with refuses("ValidationException", INVALID + message):
        fake.create_table(**request)


def test_projected_attributes_come_back_sorted(fake: FakeDynamoDBClient) -> None:
    request = table("a", "b", "c")
    request["GlobalSecondaryIndexes"] = [
        glob(
            "idx", [hash_key("c")], {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["zz", "aa"]}
        )
    ]
    fake.create_table(**request)
    index = fake.describe_table(TableName="things")["Table"].get("GlobalSecondaryIndexes", [])[0]
    assert index.get("Projection") == {
        "ProjectionType": "INCLUDE",
        "NonKeyAttributes": ["aa", "zz"],
    }


def test_at_most_100_projected_attributes_across_indexes(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    request = table("a", "b", "c", "d")
    names = [f"n{n}" for n in range(20)]
    request["GlobalSecondaryIndexes"] = [
        glob(
            f"idx{n}",
            [hash_key("c" if n % 2 else "d")],
            {
                "ProjectionType": "INCLUDE",
                "NonKeyAttributes": names,
            },
        )
        for n in range(6)
    ]
    with refuses(
        "ValidationException",
        INVALID + "Number of projected attributes in all indexes exceeds limit of 100",
    ):
        fake.create_table(**request)
    request["GlobalSecondaryIndexes"] = request["GlobalSecondaryIndexes"][:5]
    fake.create_table(**request)


# ------------------------------------------------------------------ global indexes


def test_an_empty_global_index_list_is_refused(fake: FakeDynamoDBClient, refuses: Refuses) -> None:
    request = table()
    request["GlobalSecondaryIndexes"] = []
    with refuses("ValidationException", INVALID + "List of GlobalSecondaryIndexes is empty"):
        fake.create_table(**request)


def test_global_index_keys_must_be_defined(fake: FakeDynamoDBClient, refuses: Refuses) -> None:
    request = table()
    request["GlobalSecondaryIndexes"] = [glob("by-ac", [hash_key("a"), range_key("c")])]
    with refuses(
        "ValidationException",
        INVALID + "Some index key attributes are not defined in AttributeDefinitions. "
        "Keys: [a, c], AttributeDefinitions: [a, b]",
    ):
        fake.create_table(**request)


@pytest.mark.parametrize(
    "keys",
    [[range_key("c"), hash_key("d")], [range_key("c"), range_key("d")]],
    ids=["range-then-hash", "range-only"],
)
def test_global_index_keys_start_with_a_partition_key(
    fake: FakeDynamoDBClient, refuses: Refuses, keys: list[KeySchemaElementTypeDef]
) -> None:
    request = table("a", "b", "c", "d")
    request["GlobalSecondaryIndexes"] = [glob("idx", keys)]
    with refuses(
        "ValidationException",
        "Invalid KeySchema: The first KeySchemaElement is not a HASH key type",
    ):
        fake.create_table(**request)


def test_global_index_partition_and_sort_key_need_different_names(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    request = table("a", "b", "c")
    request["GlobalSecondaryIndexes"] = [glob("idx", [hash_key("c"), range_key("c")])]
    with refuses(
        "ValidationException",
        "Both the Hash Key and the Range Key element in the KeySchema have the same name",
    ):
        fake.create_table(**request)


@pytest.mark.parametrize(
    "keys",
    [[hash_key("c"), hash_key("c")], [hash_key("c"), hash_key("d"), range_key("c")]],
    ids=["two-partition", "partition-and-sort"],
)
def test_multi_attribute_keys_name_each_attribute_once(
    fake: FakeDynamoDBClient, refuses: Refuses, keys: list[KeySchemaElementTypeDef]
) -> None:
    request = table("a", "b", *dict.fromkeys(key["AttributeName"] for key in keys))
    request["GlobalSecondaryIndexes"] = [glob("idx", keys)]
    with refuses(
        "ValidationException", "The KeySchema contains multiple key attributes with the same name"
    ):
        fake.create_table(**request)


def test_multi_attribute_keys_list_partition_keys_first(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    request = table("a", "b", "c", "d", "e")
    request["GlobalSecondaryIndexes"] = [
        glob("idx", [hash_key("c"), range_key("d"), hash_key("e")])
    ]
    with refuses(
        "ValidationException",
        INVALID + "All HASH key attributes must precede RANGE key attributes in the KeySchema",
    ):
        fake.create_table(**request)


@pytest.mark.parametrize("kind", ["HASH", "RANGE"])
def test_multi_attribute_keys_hold_at_most_four_of_each_kind(
    fake: FakeDynamoDBClient, refuses: Refuses, kind: str
) -> None:
    names = [f"k{n}" for n in range(5)]
    if kind == "HASH":
        request = table("a", "b", *names)
        keys = [hash_key(name) for name in names]
    else:
        request = table("a", "b", "h", *names)
        keys = [hash_key("h")] + [range_key(name) for name in names]
    request["GlobalSecondaryIndexes"] = [glob("idx", keys)]
    with refuses(
        "ValidationException",
        INVALID + f"The KeySchema exceeds the maximum allowed number of {kind} key attributes",
    ):
        fake.create_table(**request)


def test_multi_attribute_keys_of_four_and_four_are_described_in_order(
    fake: FakeDynamoDBClient,
) -> None:
    partition = [hash_key(f"h{n}") for n in range(4)]
    sort = [range_key(f"r{n}") for n in range(4)]
    request = table("a", "b", *(f"h{n}" for n in range(4)), *(f"r{n}" for n in range(4)))
    request["GlobalSecondaryIndexes"] = [
        glob("wide", partition + sort),
        glob("pair", partition[:2]),
    ]
    fake.create_table(**request)
    indexes = fake.describe_table(TableName="things")["Table"].get("GlobalSecondaryIndexes", [])
    assert [index.get("KeySchema") for index in indexes] == [partition + sort, partition[:2]]


def test_a_global_index_may_repeat_the_table_key(fake: FakeDynamoDBClient) -> None:
    request = table()
    request["GlobalSecondaryIndexes"] = [glob("things", [hash_key("a"), range_key("b")])]
    fake.create_table(**request)
    assert fake.describe_table(TableName="things")["Table"].get("GlobalSecondaryIndexes")


def test_index_names_are_unique_among_global_indexes(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    request = table("a", "b", "c")
    request["GlobalSecondaryIndexes"] = [glob("idx", [hash_key("c")]), glob("idx", [hash_key("b")])]
    with refuses("ValidationException", INVALID + "Duplicate index name: idx"):
        fake.create_table(**request)


def test_index_names_are_unique_across_local_and_global_indexes(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    request = table("a", "b", "c")
    request["LocalSecondaryIndexes"] = [local("idx", [hash_key("a"), range_key("c")])]
    request["GlobalSecondaryIndexes"] = [glob("idx", [hash_key("c")])]
    with refuses("ValidationException", INVALID + "Duplicate index name: idx"):
        fake.create_table(**request)


def test_at_most_twenty_global_indexes(fake: FakeDynamoDBClient, refuses: Refuses) -> None:
    request = table("a", "b", "c")
    request["GlobalSecondaryIndexes"] = [glob(f"idx{n}", [hash_key("c")]) for n in range(21)]
    with refuses(
        "ValidationException",
        INVALID + "GlobalSecondaryIndex count exceeds the per-table limit of 20",
    ):
        fake.create_table(**request)
    request["GlobalSecondaryIndexes"] = request["GlobalSecondaryIndexes"][:20]
    fake.create_table(**request)


def test_on_demand_global_indexes_take_no_throughput(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    request = table("a", "b", "c")
    index = glob("idx", [hash_key("c")])
    index["ProvisionedThroughput"] = {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}
    request["GlobalSecondaryIndexes"] = [index]
    with refuses(
        "ValidationException",
        INVALID + "ProvisionedThroughput should not be specified for index: idx when "
        "BillingMode is PAY_PER_REQUEST",
    ):
        fake.create_table(**request)


def test_provisioned_global_indexes_need_throughput(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    request = table("a", "b", "c")
    request["BillingMode"] = "PROVISIONED"
    request["ProvisionedThroughput"] = {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}
    request["GlobalSecondaryIndexes"] = [glob("idx", [hash_key("c")])]
    with refuses(
        "ValidationException", INVALID + "ProvisionedThroughput is not specified for index: idx"
    ):
        fake.create_table(**request)


def test_global_index_on_demand_caps_need_an_on_demand_table(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    request = table("a", "b", "c")
    request["BillingMode"] = "PROVISIONED"
    request["ProvisionedThroughput"] = {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}
    index = glob("idx", [hash_key("c")])
    index["ProvisionedThroughput"] = {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}
    index["OnDemandThroughput"] = {"MaxReadRequestUnits": 10}
    request["GlobalSecondaryIndexes"] = [index]
    with refuses(
        "ValidationException",
        INVALID + "MaxReadRequestUnits for OnDemandThroughput for index: idx cannot be "
        "specified when table BillingMode is PROVISIONED.",
    ):
        fake.create_table(**request)


@pytest.mark.parametrize("units", [0, -1])
def test_global_index_on_demand_caps_are_positive(
    fake: FakeDynamoDBClient, refuses: Refuses, units: int
) -> None:
    request = table("a", "b", "c")
    index = glob("idx", [hash_key("c")])
    index["OnDemandThroughput"] = {"MaxWriteRequestUnits": units}
    request["GlobalSecondaryIndexes"] = [index]
    with refuses(
        "ValidationException",
        INVALID + "Requested MaxWriteRequestUnits for OnDemandThroughput for index : idx is "
        "outside of valid range",
    ):
        fake.create_table(**request)


def test_global_index_warm_throughput_starts_at_the_on_demand_start(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    request = table("a", "b", "c")
    index = glob("idx", [hash_key("c")])
    index["WarmThroughput"] = {"ReadUnitsPerSecond": 100}
    request["GlobalSecondaryIndexes"] = [index]
    with refuses(
        "ValidationException",
        INVALID + "Requested ReadUnitsPerSecond for WarmThroughput for index idx is lower than "
        "initial throughput for OnDemand. See: https://docs.aws.amazon.com/amazondynamodb/latest/"
        "developerguide/on-demand-capacity-mode.html#on-demand-capacity-mode-initial",
    ):
        fake.create_table(**request)


def test_global_index_descriptions(fake: FakeDynamoDBClient) -> None:
    request = table("a", "b", "c")
    request["BillingMode"] = "PROVISIONED"
    request["ProvisionedThroughput"] = {"ReadCapacityUnits": 3, "WriteCapacityUnits": 4}
    index = glob("idx", [hash_key("c")], {"ProjectionType": "KEYS_ONLY"})
    index["ProvisionedThroughput"] = {"ReadCapacityUnits": 5, "WriteCapacityUnits": 6}
    request["GlobalSecondaryIndexes"] = [index]
    expected = {
        "IndexName": "idx",
        "KeySchema": [hash_key("c")],
        "Projection": {"ProjectionType": "KEYS_ONLY"},
        "IndexStatus": "CREATING",
        "ProvisionedThroughput": {
            "NumberOfDecreasesToday": 0,
            "ReadCapacityUnits": 5,
            "WriteCapacityUnits": 6,
        },
        "IndexSizeBytes": 0,
        "ItemCount": 0,
        "IndexArn": "arn:aws:dynamodb:us-east-1:123456789012:table/things/index/idx",
    }
    created = fake.create_table(**request)["TableDescription"]
    assert created.get("GlobalSecondaryIndexes") == [expected]
    described = fake.describe_table(TableName="things")["Table"]
    warm = {"ReadUnitsPerSecond": 5, "WriteUnitsPerSecond": 6, "Status": "ACTIVE"}
    assert described.get("GlobalSecondaryIndexes") == [
        {**expected, "IndexStatus": "ACTIVE", "WarmThroughput": warm}
    ]


@pytest.mark.parametrize("member", ["LocalSecondaryIndexes", "GlobalSecondaryIndexes"])
def test_an_empty_index_list_is_reported_before_unused_definitions(
    fake: FakeDynamoDBClient, refuses: Refuses, member: str
) -> None:
    request = table("a", "b")
    request["KeySchema"] = [hash_key("a")]
    # update(), not item assignment: pyright cannot unpack a request whose branches
    # narrowed it to different keys.
    if member == "LocalSecondaryIndexes":
        request.update({"LocalSecondaryIndexes": []})
    else:
        request.update({"GlobalSecondaryIndexes": []})
    with refuses("ValidationException", INVALID + f"List of {member} is empty"):
        fake.create_table(**request)


def test_a_table_sort_key_is_required_before_definitions_are_counted(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    request = table("a", "b")
    request["KeySchema"] = [hash_key("a")]
    request["LocalSecondaryIndexes"] = [local("by-c", [range_key("c")])]
    with refuses(
        "ValidationException",
        INVALID + "Table KeySchema does not have a range key, which is required when "
        "specifying a LocalSecondaryIndex",
    ):
        fake.create_table(**request)

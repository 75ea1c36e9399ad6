"""Secondary indexes: sparse membership, projections, key types, LSIs and GSIs."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.table_shapes import indexed_table, pk_sk_table

from .backends import DYNALITE, MOTO
from .markers import known_divergence
from .support import Backend, service_error, without_volatile

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.literals import ScalarAttributeTypeType
    from mypy_boto3_dynamodb.type_defs import AttributeValueTypeDef


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


_LOCAL_TIES_SOURCE = (
    "ExtendDB tests/test_query_scan.py::TestLSIPaginationDuplicateSortKeys::"
    "test_paginate_reverse_order, run against the service: a local index lists entries "
    "with the same index sort key in table sort-key order"
)


@known_divergence(
    DYNALITE,
    "orders tied local index entries by the digest of the table key",
    service=_LOCAL_TIES_SOURCE,
)
def test_local_index_orders_tied_entries_by_the_table_sort_key(dynamodb: Backend) -> None:
    name = dynamodb.table_name()
    dynamodb.create_table(
        **pk_sk_table(name, {"stage": "S"}, local_indexes=[("by-stage", ("pk", "stage"), "ALL")])
    )
    sort_keys = ["lot-07", "lot-02", "lot-11", "lot-05", "lot-09", "lot-03"]
    for sk in sort_keys:
        dynamodb.put_items(name, {"pk": {"S": "bin"}, "sk": {"S": sk}, "stage": {"S": "packed"}})
    pages: list[list[str]] = []
    for forward in (True, False):
        found = dynamodb.client.query(
            TableName=name,
            IndexName="by-stage",
            KeyConditionExpression="pk = :p",
            ExpressionAttributeValues={":p": {"S": "bin"}},
            ScanIndexForward=forward,
        )
        pages.append([item["sk"]["S"] for item in found["Items"]])
    assert pages == [sorted(sort_keys), sorted(sort_keys, reverse=True)]


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
    "stores an index partition key of any size",
    service="ScyllaDB Alternator test_gsi.py::test_gsi_limit_partition_key_len_2048, run "
    "against AWS; the message as live captures quote it (dynalite issue 35, "
    "wellcomecollection/platform issue 2285)",
)
@known_divergence(
    MOTO,
    "refuses it in the words of the table's own key limit ('Size of hashkey has exceeded …')",
    service="ScyllaDB Alternator test_gsi.py::test_gsi_limit_partition_key_len_2048, run "
    "against AWS; the message as live captures quote it (dynalite issue 35, "
    "wellcomecollection/platform issue 2285)",
)
def test_an_index_partition_key_over_2048_bytes_is_refused_on_write(dynamodb: Backend) -> None:
    name = dynamodb.table_name()
    dynamodb.create_table(
        **pk_sk_table(name, {"label": "S"}, global_indexes=[("by-label", ("label",), "KEYS_ONLY")])
    )
    dynamodb.put_items(name, {"pk": {"S": "fits"}, "sk": {"S": "1"}, "label": {"S": "q" * 2048}})
    with service_error(
        "ValidationException",
        "One or more parameter values were invalid: Size limit exceeded for Index Key label "
        "Actual Size: 2049 bytes Max Size: 2048 bytes IndexName: by-label",
    ):
        dynamodb.client.put_item(
            TableName=name,
            Item={"pk": {"S": "long"}, "sk": {"S": "1"}, "label": {"S": "q" * 2049}},
        )
    assert "Item" not in dynamodb.client.get_item(
        TableName=name, Key={"pk": {"S": "long"}, "sk": {"S": "1"}}
    )


@known_divergence(
    (DYNALITE, MOTO),
    "stores an index sort key of any size that an update writes",
    service="ScyllaDB Alternator test_gsi.py::test_gsi_limit_sort_key_len_1024, run against AWS",
)
def test_an_index_sort_key_over_1024_bytes_is_refused_on_write(dynamodb: Backend) -> None:
    name = dynamodb.table_name()
    dynamodb.create_table(
        **pk_sk_table(
            name, {"label": "S"}, global_indexes=[("by-pk-label", ("pk", "label"), "ALL")]
        )
    )
    dynamodb.put_items(name, {"pk": {"S": "a"}, "sk": {"S": "1"}, "label": {"S": "q" * 1024}})
    # The partition-key form of this message is the service's; its Max Size
    # for a sort key is not captured anywhere, so only the lead is pinned.
    with service_error(
        "ValidationException",
        "One or more parameter values were invalid: Size limit exceeded for Index Key label ",
        prefix=True,
    ):
        dynamodb.client.update_item(
            TableName=name,
            Key={"pk": {"S": "a"}, "sk": {"S": "1"}},
            UpdateExpression="SET label = :long",
            ExpressionAttributeValues={":long": {"S": "q" * 1025}},
        )


@known_divergence(
    (DYNALITE, MOTO),
    "filters a local index query on an attribute it fetches from the table",
    service="ScyllaDB Alternator test_lsi.py::"
    "test_lsi_keys_only_filter_on_non_projected_attribute, run against AWS",
)
def test_a_filter_on_what_a_local_index_does_not_project_is_refused(dynamodb: Backend) -> None:
    name = dynamodb.table_name()
    dynamodb.create_table(
        **pk_sk_table(name, {"rank": "N"}, local_indexes=[("by-rank", ("pk", "rank"), "KEYS_ONLY")])
    )
    dynamodb.put_items(
        name,
        {"pk": {"S": "p"}, "sk": {"S": "one"}, "rank": {"N": "2"}, "colour": {"S": "red"}},
        {"pk": {"S": "p"}, "sk": {"S": "two"}, "rank": {"N": "1"}, "colour": {"S": "blue"}},
    )
    with service_error(
        "ValidationException",
        "One or more parameter values were invalid: Secondary index by-rank does not project "
        "one or more filter attributes: [colour]",
    ):
        dynamodb.client.query(
            TableName=name,
            IndexName="by-rank",
            KeyConditionExpression="pk = :p",
            FilterExpression="colour = :c",
            ExpressionAttributeValues={":p": {"S": "p"}, ":c": {"S": "red"}},
            Select="ALL_ATTRIBUTES",
        )
    found = dynamodb.client.query(
        TableName=name,
        IndexName="by-rank",
        KeyConditionExpression="pk = :p",
        FilterExpression="sk = :s",
        ExpressionAttributeValues={":p": {"S": "p"}, ":s": {"S": "one"}},
        Select="ALL_ATTRIBUTES",
    )
    assert found["Items"] == [
        {"pk": {"S": "p"}, "sk": {"S": "one"}, "rank": {"N": "2"}, "colour": {"S": "red"}}
    ]


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
    DYNALITE,
    "stores an empty string as an index key",
    service="nubo-db/dynamodb-conformance tests/tier3/error-messages (index key messages, four "
    "regions, 2026-06): an update's refusal names no index",
)
@pytest.mark.parametrize("existing", [False, True])
def test_an_update_to_an_empty_string_index_key_is_refused_in_its_own_words(
    dynamodb: Backend, existing: bool
) -> None:
    name = _table_with_indexes(dynamodb)
    key: dict[str, AttributeValueTypeDef] = {"pk": {"S": "b"}, "sk": {"S": "1"}}
    if existing:
        dynamodb.put_items(name, {**key, "g": {"S": "x"}})
    with service_error(
        "ValidationException",
        "One or more parameter values are not valid. The update expression attempted to update "
        "a secondary index key to a value that is not supported. The AttributeValue for a key "
        "attribute cannot contain an empty string value.",
    ):
        dynamodb.client.update_item(
            TableName=name,
            Key=key,
            UpdateExpression="SET g = :v",
            ExpressionAttributeValues={":v": {"S": ""}},
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


def _tied_index_table(dynamodb: Backend, index_key: tuple[str, ...]) -> str:
    """A (pk, sk) table of strings with one KEYS_ONLY global index ``tied`` keyed
    ``index_key`` (string attributes, hash first)."""
    name = dynamodb.table_name()
    types: dict[str, ScalarAttributeTypeType] = dict.fromkeys(index_key, "S")
    dynamodb.create_table(
        **pk_sk_table(name, types, global_indexes=[("tied", index_key, "KEYS_ONLY")])
    )
    return name


def _query_keys(
    dynamodb: Backend, name: str, condition: str, value: str, **extra: object
) -> list[tuple[str, str]]:
    found = dynamodb.client.query(
        TableName=name,
        IndexName="tied",
        KeyConditionExpression=condition,
        ExpressionAttributeValues={":v": {"S": value}},
        **extra,  # type: ignore[arg-type]  # ScanIndexForward or Limit
    )
    return [(item["pk"]["S"], item["sk"]["S"]) for item in found["Items"]]


@known_divergence(
    MOTO,
    "orders entries with the same index key by the table key",
    service="dynalite's index tests, run against the live service, expect this order",
)
def test_entries_with_the_same_index_key_follow_the_digest_of_the_table_key(
    dynamodb: Backend,
) -> None:
    # Six items share the index key; the service orders them by the MD5 digest
    # of the table key attributes the index key lacks (here pk, then sk).
    name = _tied_index_table(dynamodb, ("g",))
    keys = [("a", "a"), ("b", "b"), ("c", "e"), ("c", "d"), ("d", "a"), ("e", "a")]
    for pk, sk in keys:
        dynamodb.put_items(name, {"pk": {"S": pk}, "sk": {"S": sk}, "g": {"S": "same"}})
    expected = [("b", "b"), ("a", "a"), ("c", "e"), ("e", "a"), ("d", "a"), ("c", "d")]
    assert _query_keys(dynamodb, name, "g = :v", "same") == expected
    assert _query_keys(dynamodb, name, "g = :v", "same", ScanIndexForward=False) == expected[::-1]


@known_divergence(
    DYNALITE,
    "includes the index's own partition key in the digest",
    service="a query of the live service on an index sharing the table's partition key "
    "(awslabs/dynein issue 221) lists tied entries in the digest order of the sort key alone",
)
@known_divergence(
    MOTO,
    "orders entries with the same index key by the table key",
    service="awslabs/dynein issue 221, a query of the live service",
)
def test_ties_leave_out_table_key_attributes_the_index_key_holds(dynamodb: Backend) -> None:
    name = _tied_index_table(dynamodb, ("pk", "g"))
    sort_keys = [
        "q#Tx12IZ3FXZVJ0NB#meta",
        "q#Tx1W4DS0L22WOW0#meta",
        "q#Tx269YJS2EDQJS1#meta",
        "q#Tx28ZVOED5GOL1C#meta",
        "q#Tx39IVDF6JEK0ZZ#meta",
        "q#TxBE62XOV5GDXN#meta",
        "q#TxR7GGCCSRK57C#meta",
    ]
    for sk in sort_keys:
        dynamodb.put_items(name, {"pk": {"S": "B001TOQ8J8"}, "sk": {"S": sk}, "g": {"S": "yes-no"}})
    found = _query_keys(dynamodb, name, "pk = :v", "B001TOQ8J8")
    assert [sk for _pk, sk in found] == [
        "q#Tx28ZVOED5GOL1C#meta",
        "q#Tx1W4DS0L22WOW0#meta",
        "q#TxBE62XOV5GDXN#meta",
        "q#TxR7GGCCSRK57C#meta",
        "q#Tx269YJS2EDQJS1#meta",
        "q#Tx39IVDF6JEK0ZZ#meta",
        "q#Tx12IZ3FXZVJ0NB#meta",
    ]


@known_divergence(
    MOTO,
    "orders entries with the same index key by the table key",
    service="dynalite's index tests, run against the live service, page in this order",
)
def test_index_pages_resume_among_tied_entries(dynamodb: Backend) -> None:
    name = _tied_index_table(dynamodb, ("g",))
    keys = [("a", "a"), ("b", "b"), ("c", "e"), ("c", "d"), ("d", "a"), ("e", "a")]
    for pk, sk in keys:
        dynamodb.put_items(name, {"pk": {"S": pk}, "sk": {"S": sk}, "g": {"S": "same"}})
    first = dynamodb.client.query(
        TableName=name,
        IndexName="tied",
        KeyConditionExpression="g = :v",
        ExpressionAttributeValues={":v": {"S": "same"}},
        Limit=4,
    )
    assert first["LastEvaluatedKey"] == {"pk": {"S": "e"}, "sk": {"S": "a"}, "g": {"S": "same"}}
    rest = _query_keys(
        dynamodb, name, "g = :v", "same", ExclusiveStartKey=first["LastEvaluatedKey"]
    )
    assert rest == [("d", "a"), ("c", "d")]


def _scan_order_table(dynamodb: Backend) -> str:
    """Items k1..k15 keyed as a table, a local index and a global index see them
    (all keys-only), each also holding ``a``, which no index projects."""
    name = dynamodb.table_name()
    dynamodb.create_table(
        **pk_sk_table(
            name,
            {"g": "S", "l": "S"},
            global_indexes=[("by-g", ("g",), "KEYS_ONLY")],
            local_indexes=[("by-l", ("pk", "l"), "KEYS_ONLY")],
        )
    )
    for number in range(1, 16):
        key = f"k{number}"
        dynamodb.put_items(
            name,
            {"pk": {"S": key}, "sk": {"S": "s"}, "g": {"S": key}, "l": {"S": "l"}, "a": {"N": "5"}},
        )
    return name


@known_divergence(
    MOTO,
    "scans in the order of the keys' values",
    service="a Scan of k1..k15 on DynamoDB returns k9, k6, k7, k1, k3, k13, ... "
    "(getmoto/moto issue 7534); an index is scanned in its partition keys' digest order, "
    "as dynalite (checked against the service) scans it",
)
def test_an_index_scan_visits_partitions_in_the_digest_order_of_their_key(
    dynamodb: Backend,
) -> None:
    # A local index shares the table's partitions; a global index keyed by the
    # same values places its partitions where the table places those values.
    name = _scan_order_table(dynamodb)
    expected = [f"k{number}" for number in (9, 6, 7, 1, 3, 13, 12, 5, 2, 14, 11, 15, 10, 4, 8)]
    scans = {
        "table": dynamodb.client.scan(TableName=name),
        "local index": dynamodb.client.scan(TableName=name, IndexName="by-l"),
        "global index": dynamodb.client.scan(TableName=name, IndexName="by-g"),
    }
    for target, found in scans.items():
        assert [item["pk"]["S"] for item in found["Items"]] == expected, target


@known_divergence(
    MOTO,
    "refuses a Scan filter on an attribute the index does not project",
    service="the service refuses it only in a Query; a Scan judges each entry as the "
    "index holds it (PartiQL reads of an index without its key, as public conformance "
    "captures record the service's answers; dynalite and DynamoDB Local do the same)",
)
def test_an_index_scan_filters_entries_as_the_index_holds_them(dynamodb: Backend) -> None:
    # ``a`` is on every item but in no index: a Scan of an index takes a filter
    # on it, and finds it absent from every entry.
    name = _scan_order_table(dynamodb)
    for index in ("by-g", "by-l"):
        found = dynamodb.client.scan(
            TableName=name,
            IndexName=index,
            FilterExpression="a > :v",
            ExpressionAttributeValues={":v": {"N": "1"}},
        )
        assert (found["Count"], found["ScannedCount"], found["Items"]) == (0, 15, []), index
        absent = dynamodb.client.scan(
            TableName=name, IndexName=index, FilterExpression="attribute_not_exists(a)"
        )
        assert (absent["Count"], absent["ScannedCount"]) == (15, 15), index
        legacy = dynamodb.client.scan(
            TableName=name, IndexName=index, ScanFilter={"a": {"ComparisonOperator": "NULL"}}
        )
        assert legacy["Count"] == 15, index
    # Attributes the index holds are filtered as usual.
    keyed = dynamodb.client.scan(
        TableName=name,
        IndexName="by-g",
        FilterExpression="g = :k",
        ExpressionAttributeValues={":k": {"S": "k3"}},
    )
    assert keyed["Items"] == [{"pk": {"S": "k3"}, "sk": {"S": "s"}, "g": {"S": "k3"}}]

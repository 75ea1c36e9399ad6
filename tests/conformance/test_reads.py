"""Query and Scan beyond the basics: multi-attribute index keys, the 1 MB page cut,
start-key checks, parallel scan segments, Select rules and index projections."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from .backends import DYNALITE, MOTO
from .markers import known_divergence, unsupported
from .support import Backend, service_error

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import AttributeValueTypeDef, KeySchemaElementTypeDef


def _schema(hash_keys: list[str], range_keys: list[str]) -> list[KeySchemaElementTypeDef]:
    schema: list[KeySchemaElementTypeDef] = [
        {"AttributeName": n, "KeyType": "HASH"} for n in hash_keys
    ]
    schema.extend({"AttributeName": n, "KeyType": "RANGE"} for n in range_keys)
    return schema


@pytest.fixture
def table(dynamodb: Backend) -> str:
    """Partition "a" holds sort keys 1..5 (v = sk * 10); partition "b" holds 1."""
    name = dynamodb.key_table(sort=("sk", "N"))
    for sk in range(1, 6):
        dynamodb.put_items(name, {"pk": {"S": "a"}, "sk": {"N": str(sk)}, "v": {"N": str(sk * 10)}})
    dynamodb.put_items(name, {"pk": {"S": "b"}, "sk": {"N": "1"}, "v": {"N": "0"}})
    return name


# ---------------------------------------------------------------- multi-attribute keys


@pytest.fixture
def matches(dynamodb: Backend) -> str:
    """A global index keyed by ``h`` and sorted by ``a, b, c, d`` (multi-attribute keys)."""
    name = dynamodb.table_name()
    dynamodb.create_table(
        TableName=name,
        KeySchema=_schema(["pk"], []),
        AttributeDefinitions=[
            {"AttributeName": n, "AttributeType": "S"} for n in ("pk", "h", "a", "b", "c", "d")
        ],
        GlobalSecondaryIndexes=[
            {
                "IndexName": "gsi",
                "KeySchema": _schema(["h"], ["a", "b", "c", "d"]),
                "Projection": {"ProjectionType": "ALL"},
            }
        ],
        BillingMode="PAY_PER_REQUEST",
    )
    rows = [
        ("p1", "T", "live", "b", "r1"),
        ("p2", "T", "live", "a", "r2"),
        ("p3", "T", "live", "a", "r1"),
        ("p4", "T", "draft", "c", "r1"),
        ("p5", "F", "live", "a", "r0"),
    ]
    for pk, a, b, c, d in rows:
        dynamodb.put_items(
            name,
            {
                "pk": {"S": pk},
                "h": {"S": "o1"},
                "a": {"S": a},
                "b": {"S": b},
                "c": {"S": c},
                "d": {"S": d},
            },
        )
    dynamodb.put_items(name, {"pk": {"S": "p6"}, "h": {"S": "o1"}, "a": {"S": "T"}})
    return name


_MATCH_VALUES: dict[str, AttributeValueTypeDef] = {
    ":h": {"S": "o1"},
    ":a": {"S": "T"},
    ":b": {"S": "live"},
    ":c": {"S": "a"},
    ":d": {"S": "r"},
}


def _match_query(dynamodb: Backend, table: str, condition: str) -> list[str]:
    found = dynamodb.client.query(
        TableName=table,
        IndexName="gsi",
        KeyConditionExpression=condition,
        ExpressionAttributeValues={k: v for k, v in _MATCH_VALUES.items() if k in condition},
    )
    return [item["pk"].get("S", "") for item in found["Items"]]


@unsupported(DYNALITE, "multi-attribute index keys")
@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ("h = :h", ["p5", "p4", "p3", "p2", "p1"]),
        ("h = :h AND a = :a", ["p4", "p3", "p2", "p1"]),
        ("b = :b AND h = :h AND a = :a", ["p3", "p2", "p1"]),
        ("h = :h AND a = :a AND b = :b AND c > :c", ["p1"]),
        ("h = :h AND a = :a AND b = :b AND c = :c AND begins_with(d, :d)", ["p3", "p2"]),
    ],
)
def test_multi_attribute_index_keys_query_left_to_right(
    dynamodb: Backend, matches: str, condition: str, expected: list[str]
) -> None:
    assert _match_query(dynamodb, matches, condition) == expected


@unsupported(DYNALITE, "multi-attribute index keys")
@known_divergence(
    MOTO,
    "answers 'Query key condition not supported' for a range condition before an equality",
    service="AWS DynamoDB developer guide, 'Multi-attribute keys pattern': sort attributes are "
    "named from the left with equality, a range only on the last one named",
    when=lambda case: (
        case["earlier"] == "a" and case["later"] == "b" and ">" in str(case["condition"])
    ),
)
@pytest.mark.parametrize(
    ("condition", "earlier", "later"),
    [
        ("h = :h AND a = :a AND c = :c", "b", "c"),
        ("h = :h AND b = :b", "a", "b"),
        ("h = :h AND a > :a AND b = :b", "a", "b"),
    ],
)
def test_multi_attribute_sort_keys_need_equalities_before_a_condition(
    dynamodb: Backend, matches: str, condition: str, earlier: str, later: str
) -> None:
    with service_error(
        "ValidationException",
        f"RANGE key attributes {earlier} must have equality conditions specified in the query "
        f"because a condition is present on key attribute {later}",
    ):
        _match_query(dynamodb, matches, condition)


@pytest.fixture
def regions(dynamodb: Backend) -> str:
    """A global index partitioned by ``country, city`` and sorted by ``street``."""
    name = dynamodb.table_name()
    dynamodb.create_table(
        TableName=name,
        KeySchema=_schema(["pk"], []),
        AttributeDefinitions=[
            {"AttributeName": n, "AttributeType": "S"} for n in ("pk", "country", "city", "street")
        ],
        GlobalSecondaryIndexes=[
            {
                "IndexName": "gsi",
                "KeySchema": _schema(["country", "city"], ["street"]),
                "Projection": {"ProjectionType": "KEYS_ONLY"},
            }
        ],
        BillingMode="PAY_PER_REQUEST",
    )
    dynamodb.put_items(
        name,
        {
            "pk": {"S": "shop"},
            "country": {"S": "NL"},
            "city": {"S": "Delft"},
            "street": {"S": "Markt"},
        },
    )
    return name


@unsupported(DYNALITE, "multi-attribute index keys")
@known_divergence(
    MOTO,
    "answers in the words of a single-attribute partition key "
    "('Query condition missed key schema element' or 'Query key condition not supported')",
    service="ScyllaDB test/alternator test_gsi_composite_keys.py "
    "test_gsi_composite_query_missing_one_hk, _hk_inequality, _hk_between_rejected, "
    "_hk_begins_with_rejected and _swapped_hash_range_keys, run against AWS "
    "(ValidationException matching 'HASH.*equality'); the words after the attribute "
    "follow the service's RANGE counterpart",
)
@pytest.mark.parametrize(
    ("condition", "attribute"),
    [
        ("country = :country", "city"),
        ("city = :city AND street = :street", "country"),
        ("country = :country AND city > :city", "city"),
        ("country = :country AND begins_with(city, :city)", "city"),
    ],
)
def test_every_attribute_of_a_multi_attribute_partition_key_needs_equality(
    dynamodb: Backend, regions: str, condition: str, attribute: str
) -> None:
    values: dict[str, AttributeValueTypeDef] = {
        ":country": {"S": "NL"},
        ":city": {"S": "Delft"},
        ":street": {"S": "Markt"},
    }
    with service_error(
        "ValidationException",
        f"HASH key attributes {attribute} must have equality conditions specified in the query",
    ):
        dynamodb.client.query(
            TableName=regions,
            IndexName="gsi",
            KeyConditionExpression=condition,
            ExpressionAttributeValues={k: v for k, v in values.items() if k in condition},
        )


# ---------------------------------------------------------------- the 1 MB page cut


@known_divergence(
    MOTO,
    "ends the page before the item that reaches 1 MB, measuring items after its own encoding",
    service="AWS DynamoDB developer guide, 'Query': a page reads up to 1 MB, measured before "
    "the filter and the projection",
)
def test_a_page_ends_once_one_megabyte_was_read_before_the_filter(dynamodb: Backend) -> None:
    name = dynamodb.key_table(sort=("sk", "N"))
    for sk in range(12):
        # 100,011 bytes each: ten are under 1 MB, the eleventh reaches it.
        dynamodb.put_items(
            name, {"pk": {"S": "p"}, "sk": {"N": str(sk + 10)}, "v": {"S": "x" * 100_000}}
        )
    found = dynamodb.client.query(
        TableName=name,
        KeyConditionExpression="pk = :p",
        FilterExpression="v = :none",
        ExpressionAttributeValues={":p": {"S": "p"}, ":none": {"S": "-"}},
    )
    assert (found["Count"], found["ScannedCount"]) == (0, 11)
    assert found.get("LastEvaluatedKey") == {"pk": {"S": "p"}, "sk": {"N": "20"}}


# ---------------------------------------------------------------- ExclusiveStartKey


@known_divergence(
    MOTO,
    "does not check ExclusiveStartKey against the key schema and the query",
    service="AWS DynamoDB API reference, Query and Scan: ExclusiveStartKey is the primary key "
    "of the first item to evaluate; dynalite, checked against the live service, answers these "
    "messages",
)
@pytest.mark.parametrize(
    ("start", "message"),
    [
        ({"pk": {"S": "a"}}, "The provided starting key is invalid"),
        (
            {"pk": {"S": "a"}, "sk": {"S": "1"}},
            "The provided key element does not match the schema",
        ),
        (
            {"pk": {"S": "b"}, "sk": {"N": "1"}},
            "The provided starting key is outside query boundaries based on provided conditions",
        ),
    ],
)
def test_query_start_key_must_be_a_key_within_the_query(
    dynamodb: Backend, table: str, start: dict[str, AttributeValueTypeDef], message: str
) -> None:
    with service_error("ValidationException", message):
        dynamodb.client.query(
            TableName=table,
            KeyConditionExpression="pk = :a",
            ExpressionAttributeValues={":a": {"S": "a"}},
            ExclusiveStartKey=start,
        )


@known_divergence(
    MOTO,
    "does not check ExclusiveStartKey against the key schema and the query",
    service="AWS DynamoDB API reference, Query and Scan: ExclusiveStartKey is the primary key "
    "of the first item to evaluate; dynalite, checked against the live service, answers these "
    "messages",
)
def test_query_start_key_must_match_the_sort_condition(dynamodb: Backend, table: str) -> None:
    with service_error(
        "ValidationException", "The provided starting key does not match the range key predicate"
    ):
        dynamodb.client.query(
            TableName=table,
            KeyConditionExpression="pk = :a AND sk > :x",
            ExpressionAttributeValues={":a": {"S": "a"}, ":x": {"N": "2"}},
            ExclusiveStartKey={"pk": {"S": "a"}, "sk": {"N": "1"}},
        )


@known_divergence(
    MOTO,
    "does not check ExclusiveStartKey against the key schema and the query",
    service="AWS DynamoDB API reference, Query and Scan: ExclusiveStartKey is the primary key "
    "of the first item to evaluate; dynalite, checked against the live service, answers these "
    "messages",
)
def test_scan_start_key_must_be_a_table_key(dynamodb: Backend, table: str) -> None:
    with service_error(
        "ValidationException",
        "The provided starting key is invalid: The provided key element does not match the schema",
    ):
        dynamodb.client.scan(TableName=table, ExclusiveStartKey={"pk": {"S": "a"}})


# ---------------------------------------------------------------- parallel scan


def test_parallel_scan_segments_hold_every_item_once(dynamodb: Backend) -> None:
    name = dynamodb.key_table()
    for i in range(40):
        dynamodb.put_items(name, {"pk": {"S": f"item-{i}"}})
    seen: list[str] = []
    for segment in range(4):
        page = dynamodb.client.scan(TableName=name, Segment=segment, TotalSegments=4)
        seen += [item["pk"].get("S", "") for item in page["Items"]]
    assert sorted(seen) == sorted(f"item-{i}" for i in range(40))


def test_total_segments_without_segment_is_refused(dynamodb: Backend, table: str) -> None:
    with service_error(
        "ValidationException",
        "The Segment parameter is required but was not present in the request when parameter "
        "TotalSegments is present",
    ):
        dynamodb.client.scan(TableName=table, TotalSegments=2)


# ---------------------------------------------------------------- Select


@known_divergence(
    DYNALITE,
    "does not check Select against the projection and the index",
    service="AWS DynamoDB API reference, Query and Scan: Select",
)
@known_divergence(
    MOTO,
    "puts '1 validation error detected: ' before Scan's Select refusals too",
    service="AWS DynamoDB, as moto's own tests verified against it later: Scan states them plainly",
    when=lambda case: case["operation"] == "scan",
)
@pytest.mark.parametrize(
    ("operation", "prefix"), [("query", "1 validation error detected: "), ("scan", "")]
)
@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            {"Select": "COUNT", "ProjectionExpression": "v"},
            "Cannot specify the ProjectionExpression when choosing to get only the Count",
        ),
        (
            {"Select": "SPECIFIC_ATTRIBUTES"},
            "Must specify the AttributesToGet or ProjectionExpression when choosing to get "
            "SPECIFIC_ATTRIBUTES",
        ),
        (
            {"Select": "ALL_PROJECTED_ATTRIBUTES"},
            "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName",
        ),
    ],
)
def test_select_rules(  # noqa: PLR0917 - fixtures and parametrised cases
    dynamodb: Backend, table: str, operation: str, prefix: str, extra: dict[str, str], message: str
) -> None:
    request: dict[str, object] = {"TableName": table, **extra}
    if operation == "query":
        request["KeyConditionExpression"] = "pk = :a"
        request["ExpressionAttributeValues"] = {":a": {"S": "a"}}
    with service_error("ValidationException", prefix + message):
        getattr(dynamodb.client, operation)(**request)


# ---------------------------------------------------------------- index projections


@pytest.fixture
def indexed(dynamodb: Backend) -> str:
    """A KEYS_ONLY global index on ``g`` and a KEYS_ONLY local index on ``l``."""
    name = dynamodb.table_name()
    dynamodb.create_table(
        TableName=name,
        KeySchema=_schema(["pk"], ["sk"]),
        AttributeDefinitions=[
            {"AttributeName": "pk", "AttributeType": "S"},
            {"AttributeName": "sk", "AttributeType": "S"},
            {"AttributeName": "g", "AttributeType": "S"},
            {"AttributeName": "l", "AttributeType": "N"},
        ],
        GlobalSecondaryIndexes=[
            {
                "IndexName": "by-g",
                "KeySchema": _schema(["g"], []),
                "Projection": {"ProjectionType": "KEYS_ONLY"},
            }
        ],
        LocalSecondaryIndexes=[
            {
                "IndexName": "by-l",
                "KeySchema": _schema(["pk"], ["l"]),
                "Projection": {"ProjectionType": "KEYS_ONLY"},
            }
        ],
        BillingMode="PAY_PER_REQUEST",
    )
    for sk, l_value in (("1", "9"), ("2", "3")):
        dynamodb.put_items(
            name,
            {
                "pk": {"S": "a"},
                "sk": {"S": sk},
                "g": {"S": "x"},
                "l": {"N": l_value},
                "extra": {"S": f"e{sk}"},
            },
        )
    return name


@known_divergence(
    (DYNALITE, MOTO),
    "returns the projected attributes instead of refusing the others",
    service="AWS DynamoDB developer guide, 'Global secondary indexes': a query can request only "
    "the attributes projected into the index",
)
def test_global_index_refuses_projecting_what_it_does_not_hold(
    dynamodb: Backend, indexed: str
) -> None:
    with service_error(
        "ValidationException",
        "One or more parameter values were invalid: Global secondary index by-g does not project "
        "[extra]",
    ):
        dynamodb.client.query(
            TableName=indexed,
            IndexName="by-g",
            KeyConditionExpression="g = :x",
            ExpressionAttributeValues={":x": {"S": "x"}},
            ProjectionExpression="pk, extra",
        )


@known_divergence(
    (DYNALITE, MOTO),
    "returns only the projected attributes",
    service="AWS DynamoDB developer guide, 'Local secondary indexes': attributes not projected "
    "are fetched from the table",
)
def test_local_index_fetches_what_it_does_not_project(dynamodb: Backend, indexed: str) -> None:
    found = dynamodb.client.query(
        TableName=indexed,
        IndexName="by-l",
        KeyConditionExpression="pk = :a",
        ExpressionAttributeValues={":a": {"S": "a"}},
        ProjectionExpression="sk, extra",
    )
    assert found["Items"] == [
        {"sk": {"S": "2"}, "extra": {"S": "e2"}},
        {"sk": {"S": "1"}, "extra": {"S": "e1"}},
    ]

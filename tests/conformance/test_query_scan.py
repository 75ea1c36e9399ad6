"""Query and Scan: key conditions, filters, Select, ordering and paging."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from .backends import DYNALITE, MOTO
from .markers import known_divergence
from .support import Backend, service_error, without_volatile


@pytest.fixture
def table(dynamodb: Backend) -> str:
    """Partition "a" holds sort keys 1..5 (v = sk * 10); partition "b" holds 1."""
    name = dynamodb.key_table(sort=("sk", "N"))
    for sk in range(1, 6):
        dynamodb.put_items(name, {"pk": {"S": "a"}, "sk": {"N": str(sk)}, "v": {"N": str(sk * 10)}})
    dynamodb.put_items(name, {"pk": {"S": "b"}, "sk": {"N": "1"}, "v": {"N": "0"}})
    return name


def _sort_keys(response: object) -> list[str]:
    assert isinstance(response, dict)
    return [item["sk"]["N"] for item in response["Items"]]


@known_divergence(
    MOTO,
    "refuses a key condition with the value on the left",
    service="AWS DynamoDB developer guide, 'Key condition expressions for query': "
    "the comparison may be written either way round",
    when=lambda case: case["condition"] == ":a = pk",
)
@pytest.mark.parametrize(
    ("condition", "values", "expected"),
    [
        ("pk = :a", {}, ["1", "2", "3", "4", "5"]),
        ("pk = :a AND sk = :x", {":x": {"N": "3"}}, ["3"]),
        ("pk = :a AND sk < :x", {":x": {"N": "3"}}, ["1", "2"]),
        ("pk = :a AND sk <= :x", {":x": {"N": "3"}}, ["1", "2", "3"]),
        ("pk = :a AND sk > :x", {":x": {"N": "3"}}, ["4", "5"]),
        ("pk = :a AND sk >= :x", {":x": {"N": "3"}}, ["3", "4", "5"]),
        ("pk = :a AND sk BETWEEN :x AND :y", {":x": {"N": "2"}, ":y": {"N": "4"}}, ["2", "3", "4"]),
        (":a = pk", {}, ["1", "2", "3", "4", "5"]),
    ],
)
def test_key_conditions(
    dynamodb: Backend, table: str, condition: str, values: dict[str, object], expected: list[str]
) -> None:
    found = dynamodb.client.query(
        TableName=table,
        KeyConditionExpression=condition,
        ExpressionAttributeValues={":a": {"S": "a"}, **values},  # type: ignore[dict-item]  # values of a parametrised case
    )
    assert _sort_keys(found) == expected
    assert (found["Count"], found["ScannedCount"]) == (len(expected), len(expected))


def test_query_answers_with_items_count_and_scanned_count(dynamodb: Backend, table: str) -> None:
    found = dynamodb.client.query(
        TableName=table,
        KeyConditionExpression="pk = :b",
        ExpressionAttributeValues={":b": {"S": "b"}},
    )
    assert without_volatile(found) == {
        "Items": [{"pk": {"S": "b"}, "sk": {"N": "1"}, "v": {"N": "0"}}],
        "Count": 1,
        "ScannedCount": 1,
    }


def test_begins_with_on_a_string_sort_key(dynamodb: Backend) -> None:
    name = dynamodb.key_table(sort=("sk", "S"))
    for sk in ("apple", "apricot", "banana"):
        dynamodb.put_items(name, {"pk": {"S": "a"}, "sk": {"S": sk}})
    found = dynamodb.client.query(
        TableName=name,
        KeyConditionExpression="pk = :a AND begins_with(sk, :p)",
        ExpressionAttributeValues={":a": {"S": "a"}, ":p": {"S": "ap"}},
    )
    assert [item["sk"]["S"] for item in found["Items"]] == ["apple", "apricot"]


def test_scan_index_forward_false_reverses_the_order(dynamodb: Backend, table: str) -> None:
    found = dynamodb.client.query(
        TableName=table,
        KeyConditionExpression="pk = :a",
        ExpressionAttributeValues={":a": {"S": "a"}},
        ScanIndexForward=False,
    )
    assert _sort_keys(found) == ["5", "4", "3", "2", "1"]


def test_string_sort_keys_order_by_utf8_bytes(dynamodb: Backend) -> None:
    name = dynamodb.key_table(sort=("sk", "S"))
    for sk in ("a", "Z", "é", "z", "\U0001f600", "\uffff"):
        dynamodb.put_items(name, {"pk": {"S": "a"}, "sk": {"S": sk}})
    found = dynamodb.client.query(
        TableName=name,
        KeyConditionExpression="pk = :a",
        ExpressionAttributeValues={":a": {"S": "a"}},
    )
    assert [item["sk"]["S"] for item in found["Items"]] == [
        "Z",
        "a",
        "z",
        "é",
        "\uffff",
        "\U0001f600",
    ]


@known_divergence(
    MOTO,
    "returns number keys as given instead of normalised",
    service="AWS DynamoDB developer guide, 'Supported data types': numbers are normalised",
)
def test_number_sort_keys_order_numerically(dynamodb: Backend) -> None:
    name = dynamodb.key_table(sort=("sk", "N"))
    for sk in ("10", "-2", "1E+3", "0.5", "-10.5", "2"):
        dynamodb.put_items(name, {"pk": {"S": "a"}, "sk": {"N": sk}})
    found = dynamodb.client.query(
        TableName=name,
        KeyConditionExpression="pk = :a",
        ExpressionAttributeValues={":a": {"S": "a"}},
    )
    assert _sort_keys(found) == ["-10.5", "-2", "0.5", "2", "10", "1000"]


def test_binary_sort_keys_order_as_unsigned_bytes(dynamodb: Backend) -> None:
    name = dynamodb.key_table(sort=("sk", "B"))
    for sk in (b"\xff", b"\x00", b"\x7f", b"\x80\x00", b"\x80"):
        dynamodb.put_items(name, {"pk": {"S": "a"}, "sk": {"B": sk}})
    found = dynamodb.client.query(
        TableName=name,
        KeyConditionExpression="pk = :a",
        ExpressionAttributeValues={":a": {"S": "a"}},
    )
    assert [item["sk"]["B"] for item in found["Items"]] == [
        b"\x00",
        b"\x7f",
        b"\x80",
        b"\x80\x00",
        b"\xff",
    ]


def test_limit_counts_items_read_before_the_filter(dynamodb: Backend, table: str) -> None:
    found = dynamodb.client.query(
        TableName=table,
        KeyConditionExpression="pk = :a",
        FilterExpression="v > :v",
        ExpressionAttributeValues={":a": {"S": "a"}, ":v": {"N": "20"}},
        Limit=3,
    )
    assert without_volatile(found) == {
        "Items": [{"pk": {"S": "a"}, "sk": {"N": "3"}, "v": {"N": "30"}}],
        "Count": 1,
        "ScannedCount": 3,
        "LastEvaluatedKey": {"pk": {"S": "a"}, "sk": {"N": "3"}},
    }


@known_divergence(
    MOTO,
    "leaves out LastEvaluatedKey when Limit is reached on the last item",
    service="AWS DynamoDB API reference, Query: LastEvaluatedKey is present whenever the page "
    "stopped at Limit",
)
def test_a_page_ended_by_limit_at_the_last_item_still_has_a_last_evaluated_key(
    dynamodb: Backend, table: str
) -> None:
    found = dynamodb.client.query(
        TableName=table,
        KeyConditionExpression="pk = :a",
        ExpressionAttributeValues={":a": {"S": "a"}},
        Limit=5,
    )
    assert found.get("LastEvaluatedKey") == {"pk": {"S": "a"}, "sk": {"N": "5"}}


def test_exclusive_start_key_continues_after_it(dynamodb: Backend, table: str) -> None:
    found = dynamodb.client.query(
        TableName=table,
        KeyConditionExpression="pk = :a",
        ExpressionAttributeValues={":a": {"S": "a"}},
        ExclusiveStartKey={"pk": {"S": "a"}, "sk": {"N": "3"}},
    )
    assert _sort_keys(found) == ["4", "5"]
    assert "LastEvaluatedKey" not in found


def test_select_count_returns_only_counts(dynamodb: Backend, table: str) -> None:
    found = dynamodb.client.query(
        TableName=table,
        KeyConditionExpression="pk = :a",
        FilterExpression="v >= :v",
        ExpressionAttributeValues={":a": {"S": "a"}, ":v": {"N": "40"}},
        Select="COUNT",
    )
    assert without_volatile(found) == {"Count": 2, "ScannedCount": 5}


def test_query_projection_expression(dynamodb: Backend, table: str) -> None:
    found = dynamodb.client.query(
        TableName=table,
        KeyConditionExpression="pk = :b",
        ExpressionAttributeValues={":b": {"S": "b"}},
        ProjectionExpression="v",
    )
    assert found["Items"] == [{"v": {"N": "0"}}]


def test_query_paginator_walks_every_page(dynamodb: Backend, table: str) -> None:
    pages = dynamodb.client.get_paginator("query").paginate(
        TableName=table,
        KeyConditionExpression="pk = :a",
        ExpressionAttributeValues={":a": {"S": "a"}},
        PaginationConfig={"PageSize": 2},
    )
    assert [item["sk"]["N"] for page in pages for item in page["Items"]] == [
        "1",
        "2",
        "3",
        "4",
        "5",
    ]


@known_divergence(
    MOTO,
    "accepts a filter on a key attribute",
    service="AWS DynamoDB developer guide, 'Filter expressions for query': a filter cannot "
    "name a partition or sort key attribute",
)
def test_filter_on_a_key_attribute_is_refused(dynamodb: Backend, table: str) -> None:
    with service_error(
        "ValidationException",
        "Filter Expression can only contain non-primary key attributes: Primary key attribute: sk",
    ):
        dynamodb.client.query(
            TableName=table,
            KeyConditionExpression="pk = :a",
            FilterExpression="sk > :x",
            ExpressionAttributeValues={":a": {"S": "a"}, ":x": {"N": "1"}},
        )


def test_key_condition_without_the_partition_key_is_refused(dynamodb: Backend, table: str) -> None:
    with service_error("ValidationException", "Query condition missed key schema element: pk"):
        dynamodb.client.query(
            TableName=table,
            KeyConditionExpression="sk = :x",
            ExpressionAttributeValues={":x": {"N": "1"}},
        )


def test_key_condition_on_a_non_key_attribute_is_refused(dynamodb: Backend, table: str) -> None:
    with service_error("ValidationException", "Query condition missed key schema element: sk"):
        dynamodb.client.query(
            TableName=table,
            KeyConditionExpression="pk = :a AND v = :x",
            ExpressionAttributeValues={":a": {"S": "a"}, ":x": {"N": "1"}},
        )


@known_divergence(
    MOTO,
    "accepts two conditions on the sort key",
    service="AWS DynamoDB developer guide, 'Key condition expressions for query': at most one "
    "condition on the sort key",
)
@known_divergence(
    DYNALITE,
    "leaves out the 'Invalid KeyConditionExpression: ' prefix",
    service="paritysuite/dynamodb-conformance tests/tier3/error-messages/"
    "queryKeyConditionOperands.test.ts, pinned against the live service",
)
def test_two_conditions_on_the_sort_key_are_refused(dynamodb: Backend, table: str) -> None:
    with service_error(
        "ValidationException",
        "Invalid KeyConditionExpression: "
        "KeyConditionExpressions must only contain one condition per key",
    ):
        dynamodb.client.query(
            TableName=table,
            KeyConditionExpression="pk = :a AND sk > :x AND sk < :y",
            ExpressionAttributeValues={":a": {"S": "a"}, ":x": {"N": "1"}, ":y": {"N": "3"}},
        )


@known_divergence(
    MOTO,
    "reads the nested path as a missing key attribute ('Query condition missed key schema "
    "element')",
    service="ExtendDB PR 195 (captured with the AWS CLI, 2026-07)",
)
@known_divergence(
    DYNALITE,
    "leaves out the 'Invalid KeyConditionExpression: ' prefix",
    service="ExtendDB PR 195 (captured with the AWS CLI, 2026-07) and dynoxide's changelog "
    "(confirmed in eu-west-2)",
)
@pytest.mark.parametrize("expression", ["pk.x = :a", "pk = :a AND sk[0] = :x"])
def test_a_key_condition_on_a_nested_attribute_is_refused(
    dynamodb: Backend, table: str, expression: str
) -> None:
    with service_error(
        "ValidationException",
        "Invalid KeyConditionExpression: "
        "KeyConditionExpressions cannot have conditions on nested attributes",
    ):
        dynamodb.client.query(
            TableName=table,
            KeyConditionExpression=expression,
            ExpressionAttributeValues={":a": {"S": "a"}, ":x": {"N": "1"}}
            if ":x" in expression
            else {":a": {"S": "a"}},
        )


@known_divergence(
    MOTO,
    "fails inside the mock with AssertionError",
    service="AWS DynamoDB developer guide, 'Key condition expressions for query': only AND "
    "joins key conditions",
)
def test_or_in_a_key_condition_is_refused(dynamodb: Backend, table: str) -> None:
    with service_error(
        "ValidationException",
        "Invalid operator used in KeyConditionExpression: OR",
    ):
        dynamodb.client.query(
            TableName=table,
            KeyConditionExpression="pk = :a OR sk = :x",
            ExpressionAttributeValues={":a": {"S": "a"}, ":x": {"N": "1"}},
        )


@known_divergence(
    MOTO,
    "runs a key condition whose value has the wrong type",
    service="AWS DynamoDB API reference, Query: key condition values must match the key schema",
)
def test_key_condition_value_of_the_wrong_type_is_refused(dynamodb: Backend, table: str) -> None:
    with service_error(
        "ValidationException",
        "One or more parameter values were invalid: Condition parameter type does not match "
        "schema type",
    ):
        dynamodb.client.query(
            TableName=table,
            KeyConditionExpression="pk = :a",
            ExpressionAttributeValues={":a": {"N": "1"}},
        )


def test_scan_returns_every_item_with_counts(dynamodb: Backend, table: str) -> None:
    found = dynamodb.client.scan(TableName=table)
    assert (found["Count"], found["ScannedCount"], len(found["Items"])) == (6, 6, 6)
    assert "LastEvaluatedKey" not in found


def test_scan_filter_counts_scanned_items(dynamodb: Backend, table: str) -> None:
    found = dynamodb.client.scan(
        TableName=table, FilterExpression="v = :z", ExpressionAttributeValues={":z": {"N": "0"}}
    )
    assert without_volatile(found) == {
        "Items": [{"pk": {"S": "b"}, "sk": {"N": "1"}, "v": {"N": "0"}}],
        "Count": 1,
        "ScannedCount": 6,
    }


def test_scan_pages_with_limit_cover_the_table_once(dynamodb: Backend, table: str) -> None:
    seen: list[tuple[str, str]] = []
    start: dict[str, object] = {}
    while True:
        page = dynamodb.client.scan(TableName=table, Limit=4, **start)  # type: ignore[arg-type]  # ExclusiveStartKey from the previous page
        seen += [(item["pk"]["S"], item["sk"]["N"]) for item in page["Items"]]
        if "LastEvaluatedKey" not in page:
            break
        start = {"ExclusiveStartKey": page["LastEvaluatedKey"]}
    assert sorted(seen) == [("a", str(sk)) for sk in range(1, 6)] + [("b", "1")]


def test_parallel_scan_segments_partition_the_table(dynamodb: Backend, table: str) -> None:
    seen: list[tuple[str, str]] = []
    for segment in range(3):
        page = dynamodb.client.scan(TableName=table, Segment=segment, TotalSegments=3)
        seen += [(item["pk"]["S"], item["sk"]["N"]) for item in page["Items"]]
    assert sorted(seen) == [("a", str(sk)) for sk in range(1, 6)] + [("b", "1")]


@known_divergence(
    DYNALITE,
    "accepts Segment without TotalSegments",
    service="AWS DynamoDB API reference, Scan: Segment and TotalSegments must be given together",
)
def test_segment_without_total_segments_is_refused(dynamodb: Backend, table: str) -> None:
    with service_error(
        "ValidationException",
        "The TotalSegments parameter is required but was not present in the request when "
        "Segment parameter is present",
    ):
        dynamodb.client.scan(TableName=table, Segment=0)


@known_divergence(
    MOTO,
    "leaves the two values out of the message",
    service="as dynalite, checked against the live service, answers the message with 'Segment: "
    "2 is not less than TotalSegments: 2'",
)
def test_segment_not_below_total_segments_is_refused(dynamodb: Backend, table: str) -> None:
    with service_error(
        "ValidationException",
        "The Segment parameter is zero-based and must be less than parameter TotalSegments: "
        "Segment: 2 is not less than TotalSegments: 2",
    ):
        dynamodb.client.scan(TableName=table, Segment=2, TotalSegments=2)


def test_scan_paginator_walks_every_page(dynamodb: Backend, table: str) -> None:
    pages = dynamodb.client.get_paginator("scan").paginate(
        TableName=table, PaginationConfig={"PageSize": 2}
    )
    assert sum(len(page["Items"]) for page in pages) == 6


# The order a Scan of string keys k1..k15 came back in from DynamoDB itself (in
# eu-central-1): partitions are visited in the order of an MD5 digest of their
# key, which dynalite reproduces.
_SERVICE_SCAN_ORDER = [9, 6, 7, 1, 3, 13, 12, 5, 2, 14, 11, 15, 10, 4, 8]
_HASH_ORDER_DIVERGENCE = known_divergence(
    MOTO,
    "scans in the order of the keys' values",
    service="a Scan of k1..k15 on DynamoDB returns k9, k6, k7, k1, k3, k13, ... "
    "(getmoto/moto issue 7534, run against the live service)",
)


@_HASH_ORDER_DIVERGENCE
def test_scan_visits_partitions_in_the_services_hash_order(dynamodb: Backend) -> None:
    name = dynamodb.key_table(("id", "S"))
    for number in range(1, 16):
        dynamodb.put_items(name, {"id": {"S": f"k{number}"}})
    first = dynamodb.client.scan(TableName=name, Limit=10)
    rest = dynamodb.client.scan(TableName=name, ExclusiveStartKey=first["LastEvaluatedKey"])
    assert first["LastEvaluatedKey"] == {"id": {"S": "k14"}}
    assert [item["id"]["S"] for item in first["Items"] + rest["Items"]] == [
        f"k{number}" for number in _SERVICE_SCAN_ORDER
    ]


@_HASH_ORDER_DIVERGENCE
def test_scan_order_hashes_numbers_in_the_services_byte_form(dynamodb: Backend) -> None:
    # The digest is taken over the number's internal bytes (base-100 digits
    # behind an exponent byte), so 1, 1.0 and 10E-1 are one key in one place.
    name = dynamodb.key_table(("pk", "N"))
    for number in ("0", "1", "-1", "10", "100", "0.5", "-0.5", "123.456", "-123.456", "1E+10"):
        dynamodb.put_items(name, {"pk": {"N": number}})
    dynamodb.put_items(name, {"pk": {"N": "10E-1"}})  # the same key as 1: replaces it
    found = dynamodb.client.scan(TableName=name)
    assert [item["pk"]["N"] for item in found["Items"]] == [
        "-1", "10", "10000000000", "123.456", "100", "-123.456", "0.5", "-0.5", "1", "0"
    ]  # fmt: skip


@_HASH_ORDER_DIVERGENCE
def test_scan_order_hashes_binary_keys_as_their_bytes(dynamodb: Backend) -> None:
    name = dynamodb.key_table(("pk", "B"))
    for value in (b"\x00", b"\xff", b"a", b"ab", b"abc", b"\x00\x01", b"dynamodb"):
        dynamodb.put_items(name, {"pk": {"B": value}})
    found = dynamodb.client.scan(TableName=name)
    assert [item["pk"]["B"] for item in found["Items"]] == [
        b"abc", b"\xff", b"\x00\x01", b"ab", b"dynamodb", b"a", b"\x00"
    ]  # fmt: skip


@known_divergence(
    (DYNALITE, MOTO),
    "do not count the conditions against the key attributes",
    service="paritysuite/dynamodb-conformance tests/tier3/error-messages/"
    "queryKeyConditionOperands.test.ts, pinned against the live service",
)
def test_more_key_conditions_than_key_attributes_are_counted(dynamodb: Backend, table: str) -> None:
    with service_error(
        "ValidationException",
        "The number of query conditions (3) exceeds the number of key attributes defined in "
        "the schema (2)",
    ):
        dynamodb.client.query(
            TableName=table,
            KeyConditionExpression="pk = :a AND sk > :x AND v = :y",
            ExpressionAttributeValues={":a": {"S": "a"}, ":x": {"N": "1"}, ":y": {"N": "5"}},
        )


@known_divergence(
    MOTO,
    "does not refuse it with the schema message",
    service="paritysuite/dynamodb-conformance tests/tier3/error-messages/"
    "queryKeyConditionOperands.test.ts, pinned against the live service",
)
def test_begins_with_a_string_on_a_number_sort_key_fails_the_schema_check(
    dynamodb: Backend, table: str
) -> None:
    with service_error(
        "ValidationException",
        "One or more parameter values were invalid: Condition parameter type does not match "
        "schema type",
    ):
        dynamodb.client.query(
            TableName=table,
            KeyConditionExpression="pk = :a AND begins_with(sk, :x)",
            ExpressionAttributeValues={":a": {"S": "a"}, ":x": {"S": "1"}},
        )


_KEY_ORDER_SOURCE = (
    "paritysuite/dynamodb-conformance tests/tier3/validation-ordering/"
    "queryKeyCondition.test.ts, eu-west-2, 2026-10"
)
_WRONG_OPERAND = (
    "Invalid KeyConditionExpression: Incorrect operand type for operator or function; "
    "operator or function: begins_with, operand type: N"
)
_UNDEFINED = (
    "Invalid KeyConditionExpression: An expression attribute value used in expression is "
    "not defined; attribute value: :missing"
)


@known_divergence(
    MOTO,
    "runs key conditions with an undefined value or a number in begins_with",
    service=_KEY_ORDER_SOURCE,
)
@pytest.mark.parametrize(
    ("condition", "values", "expected"),
    [
        ("pk = :missing AND begins_with(sk, :n)", {}, _UNDEFINED),
        ("begins_with(sk, :n) AND pk = :missing", {}, _WRONG_OPERAND),
        ("pk = :p AND begins_with(sk, :n) AND sk = :missing", {":p": {"S": "q"}}, _WRONG_OPERAND),
        (
            "pk = :p AND begins_with(sk, :n) AND sk > :s",
            {":p": {"S": "q"}, ":s": {"S": "a"}},
            _WRONG_OPERAND,
        ),
    ],
)
def test_key_condition_problems_are_reported_in_the_order_written(
    dynamodb: Backend, condition: str, values: dict[str, object], expected: str
) -> None:
    table = dynamodb.key_table(sort=("sk", "S"))
    with service_error("ValidationException", expected):
        dynamodb.client.query(
            TableName=table,
            KeyConditionExpression=condition,
            ExpressionAttributeValues={":n": {"N": "1"}, **values},  # type: ignore[dict-item]  # values of a parametrised case
        )


@known_divergence(
    MOTO,
    "looks for the table before it checks the key condition's operands",
    service=_KEY_ORDER_SOURCE,
    when=lambda case: case["code"] == "ValidationException",
)
@pytest.mark.parametrize(
    ("sort_operand", "code"),
    [({"N": "1"}, "ValidationException"), ({"S": "a"}, "ResourceNotFoundException")],
)
def test_a_wrong_key_operand_is_reported_before_a_missing_table(
    dynamodb: Backend, sort_operand: dict[str, str], code: str
) -> None:
    with pytest.raises(ClientError) as raised:
        dynamodb.client.query(
            TableName=dynamodb.table_name(),
            KeyConditionExpression="pk = :p AND begins_with(sk, :x)",
            ExpressionAttributeValues={":p": {"S": "q"}, ":x": sort_operand},
        )
    assert raised.value.response.get("Error", {}).get("Code") == code

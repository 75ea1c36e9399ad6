"""ConditionExpression on writes: every operator and function, and what a failed
condition answers."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from .backends import DYNALITE, MOTO
from .markers import known_divergence, without_report
from .support import Backend, reported_error, service_error, without_volatile

if TYPE_CHECKING:
    from collections.abc import Mapping

    from mypy_boto3_dynamodb.literals import ReturnValuesOnConditionCheckFailureType
    from mypy_boto3_dynamodb.type_defs import AttributeValueTypeDef

CONDITION_FAILED = "The conditional request failed"

_ITEM: dict[str, AttributeValueTypeDef] = {
    "pk": {"S": "a"},
    "n": {"N": "5"},
    "s": {"S": "hello world"},
    "b": {"B": b"\x01\x02"},
    "ss": {"SS": ["red", "blue"]},
    "ns": {"NS": ["1", "2"]},
    "l": {"L": [{"S": "x"}, {"N": "2"}, {"M": {"deep": {"S": "y"}}}]},
    "m": {"M": {"child": {"M": {"v": {"N": "3"}}}, "s": {"S": "q"}}},
    "t": {"BOOL": True},
    "z": {"NULL": True},
}


@pytest.fixture
def table(dynamodb: Backend) -> str:
    name = dynamodb.key_table()
    dynamodb.put_items(name, _ITEM)
    return name


def _holds(
    dynamodb: Backend,
    table: str,
    condition: str,
    values: dict[str, AttributeValueTypeDef] | None = None,
    names: dict[str, str] | None = None,
) -> bool:
    """Whether ``condition`` holds for the stored item, asked through a DeleteItem
    that keeps nothing: a conditional delete, then the item put back."""
    extra: dict[str, object] = {}
    request = {"TableName": table, "Key": {"pk": {"S": "a"}}, "ConditionExpression": condition}
    if values:
        extra["ExpressionAttributeValues"] = values
    if names:
        extra["ExpressionAttributeNames"] = names
    try:
        dynamodb.client.delete_item(**request, **extra)  # type: ignore[arg-type]  # the request is assembled from optional parts
    except dynamodb.client.exceptions.ConditionalCheckFailedException:
        return False
    dynamodb.put_items(table, _ITEM)
    return True


@known_divergence(
    DYNALITE,
    "compares maps and lists by identity, so equal ones differ",
    service="AWS DynamoDB developer guide, 'Comparison operator and function reference': "
    "a = b is true if a is equal to b, for any type",
    when=lambda case: case["condition"] in {"m = :m", "l = :l"},
)
@known_divergence(
    DYNALITE,
    "refuses NOT NOT as a syntax error",
    service="AWS DynamoDB developer guide, 'Comparison operator and function reference': "
    "condition ::= ... | NOT condition, so NOT applies to any condition, a negated one too",
    when=lambda case: case["condition"] == "NOT NOT n = :v",
)
@known_divergence(
    MOTO,
    "fails inside the mock with ValueError on NOT NOT",
    service="AWS DynamoDB developer guide, 'Comparison operator and function reference': "
    "condition ::= ... | NOT condition, so NOT applies to any condition, a negated one too",
    when=lambda case: case["condition"] == "NOT NOT n = :v",
)
@known_divergence(
    MOTO,
    "fails inside the mock with TypeError when the operands' types differ",
    service="AWS DynamoDB developer guide, 'Comparison operator and function reference': "
    "operands of different types compare as false",
    when=lambda case: case["condition"] == "n < :s",
)
@pytest.mark.parametrize(
    ("condition", "values", "expected"),
    [
        ("n = :v", {":v": {"N": "5.0"}}, True),
        ("n <> :v", {":v": {"N": "5"}}, False),
        ("n < :v", {":v": {"N": "6"}}, True),
        ("n <= :v", {":v": {"N": "5"}}, True),
        ("n > :v", {":v": {"N": "5"}}, False),
        ("n >= :v", {":v": {"N": "-1"}}, True),
        ("s < :v", {":v": {"S": "hello zzz"}}, True),
        ("b > :v", {":v": {"B": b"\x01"}}, True),
        ("n BETWEEN :lo AND :hi", {":lo": {"N": "1"}, ":hi": {"N": "5"}}, True),
        ("n BETWEEN :lo AND :hi", {":lo": {"N": "6"}, ":hi": {"N": "9"}}, False),
        ("n IN (:a, :b)", {":a": {"N": "4"}, ":b": {"N": "5"}}, True),
        ("n IN (:a, :b)", {":a": {"N": "4"}, ":b": {"S": "5"}}, False),
        ("n = :v AND s = :w", {":v": {"N": "5"}, ":w": {"S": "nope"}}, False),
        ("n = :v OR s = :w", {":v": {"N": "5"}, ":w": {"S": "nope"}}, True),
        ("NOT n = :v", {":v": {"N": "5"}}, False),
        ("NOT NOT n = :v", {":v": {"N": "5"}}, True),
        (
            "(n = :v OR n = :w) AND NOT s = :x",
            {":v": {"N": "1"}, ":w": {"N": "5"}, ":x": {"S": "q"}},
            True,
        ),
        ("n < :s", {":s": {"S": "6"}}, False),
        ("nosuch = :v", {":v": {"N": "5"}}, False),
        ("nosuch <> :v", {":v": {"N": "5"}}, True),
        ("m.child.v = :v", {":v": {"N": "3"}}, True),
        ("l[2].deep = :v", {":v": {"S": "y"}}, True),
        ("l[1] = :v", {":v": {"N": "2"}}, True),
        ("l[7] = :v", {":v": {"N": "2"}}, False),
        ("m = :m", {":m": {"M": {"child": {"M": {"v": {"N": "3"}}}, "s": {"S": "q"}}}}, True),
        ("l = :l", {":l": {"L": [{"S": "x"}, {"N": "2"}, {"M": {"deep": {"S": "y"}}}]}}, True),
        ("ss = :ss", {":ss": {"SS": ["blue", "red"]}}, True),
        ("t = :t", {":t": {"BOOL": True}}, True),
        ("z = :z", {":z": {"NULL": True}}, True),
    ],
)
def test_comparisons(
    dynamodb: Backend,
    table: str,
    condition: str,
    values: dict[str, AttributeValueTypeDef],
    expected: bool,
) -> None:
    assert _holds(dynamodb, table, condition, values) is expected


@known_divergence(
    MOTO,
    "evaluates begins_with on binary values as false",
    service="AWS DynamoDB developer guide, 'Comparison operator and function reference': "
    "begins_with takes a String or Binary",
    when=lambda case: case["condition"] == "begins_with(b, :p)",
)
@known_divergence(
    MOTO,
    "fails inside the mock with ValueError on size() of a number",
    service="AWS DynamoDB developer guide, 'Comparison operator and function reference': "
    "size() of a type it does not measure makes the condition false",
    when=lambda case: case["condition"] == "size(n) = :v",
)
@pytest.mark.parametrize(
    ("condition", "values", "expected"),
    [
        ("attribute_exists(n)", None, True),
        ("attribute_exists(nosuch)", None, False),
        ("attribute_not_exists(nosuch)", None, True),
        ("attribute_exists(m.child.v)", None, True),
        ("attribute_exists(l[5])", None, False),
        ("attribute_type(n, :t)", {":t": {"S": "N"}}, True),
        ("attribute_type(ss, :t)", {":t": {"S": "SS"}}, True),
        ("attribute_type(m, :t)", {":t": {"S": "L"}}, False),
        ("begins_with(s, :p)", {":p": {"S": "hello"}}, True),
        ("begins_with(s, :p)", {":p": {"S": "world"}}, False),
        ("begins_with(b, :p)", {":p": {"B": b"\x01"}}, True),
        ("contains(s, :p)", {":p": {"S": "o w"}}, True),
        ("contains(ss, :p)", {":p": {"S": "red"}}, True),
        ("contains(ns, :p)", {":p": {"N": "3"}}, False),
        ("contains(l, :p)", {":p": {"S": "x"}}, True),
        ("size(s) = :v", {":v": {"N": "11"}}, True),
        ("size(ss) = :v", {":v": {"N": "2"}}, True),
        ("size(l) > :v", {":v": {"N": "2"}}, True),
        ("size(m) = :v", {":v": {"N": "2"}}, True),
        ("size(b) = :v", {":v": {"N": "2"}}, True),
        ("size(n) = :v", {":v": {"N": "1"}}, False),
    ],
)
def test_functions(
    dynamodb: Backend,
    table: str,
    condition: str,
    values: dict[str, AttributeValueTypeDef] | None,
    expected: bool,
) -> None:
    assert _holds(dynamodb, table, condition, values) is expected


@known_divergence(
    MOTO,
    "counts a string's size() in code points",
    service="nubo-db/dynamodb-conformance tests/tier1/query/expressions.test.ts, "
    "'Query — size() string encoding', run against the service: UTF-16 code units",
)
def test_size_of_a_string_counts_utf16_code_units(dynamodb: Backend) -> None:
    # é is one code unit, U+1D11E two (a surrogate pair); UTF-8 takes six bytes.
    table = dynamodb.key_table()
    key: dict[str, AttributeValueTypeDef] = {"pk": {"S": "a"}}
    dynamodb.put_items(table, {**key, "s": {"S": "\u00e9\U0001d11e"}})
    sizes = []
    for size in ("2", "3", "6"):
        found = dynamodb.client.scan(
            TableName=table,
            FilterExpression="size(s) = :n",
            ExpressionAttributeValues={":n": {"N": size}},
        )
        sizes.append(found["Count"])
    assert sizes == [0, 1, 0]


def test_names_are_substituted_from_expression_attribute_names(
    dynamodb: Backend, table: str
) -> None:
    assert _holds(dynamodb, table, "#m.#i.v = :v", {":v": {"N": "3"}}, {"#m": "m", "#i": "child"})


def test_put_with_attribute_not_exists_refuses_the_second_put(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    dynamodb.client.put_item(
        TableName=table, Item={"pk": {"S": "a"}}, ConditionExpression="attribute_not_exists(pk)"
    )
    with service_error("ConditionalCheckFailedException", CONDITION_FAILED) as error:
        dynamodb.client.put_item(
            TableName=table,
            Item={"pk": {"S": "a"}},
            ConditionExpression="attribute_not_exists(pk)",
        )
    assert "Item" not in error.response


@known_divergence(
    DYNALITE,
    "ignores ReturnValuesOnConditionCheckFailure",
    service="AWS DynamoDB API reference, PutItem/UpdateItem/DeleteItem: "
    "ReturnValuesOnConditionCheckFailure=ALL_OLD returns the item with the error",
)
def test_failed_condition_returns_the_item_when_asked(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    dynamodb.put_items(table, {"pk": {"S": "a"}, "v": {"N": "1"}})
    with service_error("ConditionalCheckFailedException", CONDITION_FAILED) as error:
        dynamodb.client.delete_item(
            TableName=table,
            Key={"pk": {"S": "a"}},
            ConditionExpression="v = :two",
            ExpressionAttributeValues={":two": {"N": "2"}},
            ReturnValuesOnConditionCheckFailure="ALL_OLD",
        )
    assert error.response.get("Item") == {"pk": {"S": "a"}, "v": {"N": "1"}}


@known_divergence(
    DYNALITE,
    "ignores ReturnValuesOnConditionCheckFailure",
    service="localstack tests/aws/services/dynamodb/test_dynamodb.snapshot.json "
    "test_return_values_on_conditions_check_failure, recorded against AWS",
)
@known_divergence(
    MOTO,
    "answers a PutItem's failed condition with a top-level message beside the item",
    service="localstack tests/aws/services/dynamodb/test_dynamodb.snapshot.json "
    "test_return_values_on_conditions_check_failure, recorded against AWS",
)
def test_failed_condition_with_the_item_has_no_top_level_message(dynamodb: Backend) -> None:
    # The answer spells its message "Message", which the model's shape does not
    # name, so boto3 keeps it in Error alone; without the item it reads "message".
    table = dynamodb.key_table()
    dynamodb.put_items(table, {"pk": {"S": "crate"}, "weight": {"N": "40"}})

    def refused_put(return_values: ReturnValuesOnConditionCheckFailureType) -> Mapping[str, object]:
        with service_error("ConditionalCheckFailedException", CONDITION_FAILED) as error:
            dynamodb.client.put_item(
                TableName=table,
                Item={"pk": {"S": "crate"}, "weight": {"N": "41"}},
                ConditionExpression="weight < :limit",
                ExpressionAttributeValues={":limit": {"N": "30"}},
                ReturnValuesOnConditionCheckFailure=return_values,
            )
        return error.response

    assert sorted(refused_put("ALL_OLD")) == ["Error", "Item", "ResponseMetadata"]
    assert refused_put("NONE").get("message") == CONDITION_FAILED


def test_failed_condition_changes_nothing(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    dynamodb.put_items(table, {"pk": {"S": "a"}, "v": {"N": "1"}})
    with service_error("ConditionalCheckFailedException", CONDITION_FAILED):
        dynamodb.client.put_item(
            TableName=table,
            Item={"pk": {"S": "a"}, "v": {"N": "9"}},
            ConditionExpression="v = :two",
            ExpressionAttributeValues={":two": {"N": "2"}},
        )
    got = dynamodb.client.get_item(TableName=table, Key={"pk": {"S": "a"}})
    assert without_volatile(got) == {"Item": {"pk": {"S": "a"}, "v": {"N": "1"}}}


def test_condition_on_a_nosuch_item_sees_no_attributes(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    with service_error("ConditionalCheckFailedException", CONDITION_FAILED):
        dynamodb.client.delete_item(
            TableName=table, Key={"pk": {"S": "a"}}, ConditionExpression="attribute_exists(pk)"
        )


@without_report()
@known_divergence(
    MOTO,
    "evaluates the condition as false instead of refusing it",
    service="AWS DynamoDB developer guide, 'Comparison operator and function reference': "
    "BETWEEN requires lower bound <= upper bound",
)
def test_between_with_the_bounds_reversed_is_refused(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    with reported_error(
        "ValidationException",
        "Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater "
        "than or equal to lower bound; lower bound operand: AttributeValue: {N:5}, upper bound "
        "operand: AttributeValue: {N:1}",
    ):
        dynamodb.client.put_item(
            TableName=table,
            Item={"pk": {"S": "a"}},
            ConditionExpression="v BETWEEN :hi AND :lo",
            ExpressionAttributeValues={":hi": {"N": "5"}, ":lo": {"N": "1"}},
        )


@without_report()
@known_divergence(
    MOTO,
    "fails inside the mock with ValueError",
    service="AWS DynamoDB developer guide, 'Comparison operator and function reference': only "
    "the documented functions exist",
)
def test_unknown_function_is_refused(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    with reported_error(
        "ValidationException",
        "Invalid ConditionExpression: Invalid function name; function: nope",
    ):
        dynamodb.client.put_item(
            TableName=table, Item={"pk": {"S": "a"}}, ConditionExpression="nope(v)"
        )


@without_report()
@known_divergence(
    MOTO,
    "evaluates an unknown type name as false instead of refusing it",
    service="AWS DynamoDB developer guide, 'Comparison operator and function reference': "
    "attribute_type takes S, SS, N, NS, B, BS, BOOL, NULL, L or M",
)
def test_attribute_type_with_an_unknown_type_is_refused(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    with reported_error(
        "ValidationException",
        "Invalid ConditionExpression: Invalid attribute type name found; type: X, valid types: "
        "{B,NULL,SS,BOOL,L,BS,N,NS,S,M}",
    ):
        dynamodb.client.put_item(
            TableName=table,
            Item={"pk": {"S": "a"}},
            ConditionExpression="attribute_type(v, :t)",
            ExpressionAttributeValues={":t": {"S": "X"}},
        )


@without_report()
@known_divergence(
    DYNALITE,
    "words syntax errors as its parser generator does",
    service='the service reports \'Syntax error; token: "...", near: "..."\'',
)
@known_divergence(
    MOTO,
    "fails inside the mock with ValueError",
    service="the service refuses a malformed expression with a ValidationException",
)
def test_syntax_error_names_the_token(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    with reported_error(
        "ValidationException",
        'Invalid ConditionExpression: Syntax error; token: "<EOF>", near: ',
        prefix=True,
    ):
        dynamodb.client.put_item(
            TableName=table, Item={"pk": {"S": "a"}}, ConditionExpression="v ="
        )

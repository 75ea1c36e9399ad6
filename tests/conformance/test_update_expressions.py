"""UpdateItem with UpdateExpression: SET, REMOVE, ADD, DELETE, ReturnValues, and
every rule the service enforces on them."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from .backends import DYNALITE, MOTO
from .markers import known_divergence, without_report
from .support import Backend, reported_error, service_error, without_volatile

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.literals import ReturnValueType
    from mypy_boto3_dynamodb.type_defs import AttributeValueTypeDef

KEY: dict[str, AttributeValueTypeDef] = {"pk": {"S": "a"}}


def _update(
    dynamodb: Backend,
    table: str,
    expression: str,
    values: dict[str, AttributeValueTypeDef] | None = None,
    names: dict[str, str] | None = None,
    *,
    return_values: ReturnValueType = "ALL_NEW",
) -> object:
    """Apply ``expression`` to the item at KEY; the response without volatile members."""
    if values and names:
        response = dynamodb.client.update_item(
            TableName=table,
            Key=KEY,
            UpdateExpression=expression,
            ExpressionAttributeValues=values,
            ExpressionAttributeNames=names,
            ReturnValues=return_values,
        )
    elif values:
        response = dynamodb.client.update_item(
            TableName=table,
            Key=KEY,
            UpdateExpression=expression,
            ExpressionAttributeValues=values,
            ReturnValues=return_values,
        )
    elif names:
        response = dynamodb.client.update_item(
            TableName=table,
            Key=KEY,
            UpdateExpression=expression,
            ExpressionAttributeNames=names,
            ReturnValues=return_values,
        )
    else:
        response = dynamodb.client.update_item(
            TableName=table, Key=KEY, UpdateExpression=expression, ReturnValues=return_values
        )
    return without_volatile(response)


def _table_with(dynamodb: Backend, **attributes: AttributeValueTypeDef) -> str:
    table = dynamodb.key_table()
    dynamodb.put_items(table, {**KEY, **attributes})
    return table


@known_divergence(
    MOTO,
    "returns ConsumedCapacity that was not asked for",
    service="AWS DynamoDB API reference, UpdateItem: ConsumedCapacity is returned only when "
    "ReturnConsumedCapacity is TOTAL or INDEXES",
)
def test_update_of_a_missing_item_creates_it(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    assert _update(dynamodb, table, "SET v = :v", {":v": {"S": "x"}}) == {
        "Attributes": {"pk": {"S": "a"}, "v": {"S": "x"}}
    }


@known_divergence(
    MOTO,
    "returns ConsumedCapacity that was not asked for",
    service="AWS DynamoDB API reference, UpdateItem: ConsumedCapacity is returned only when "
    "ReturnConsumedCapacity is TOTAL or INDEXES",
)
def test_update_without_return_values_answers_with_nothing(dynamodb: Backend) -> None:
    table = _table_with(dynamodb, v={"N": "1"})
    assert _update(dynamodb, table, "SET v = :v", {":v": {"N": "2"}}, return_values="NONE") == {}


@known_divergence(
    MOTO,
    "returns ConsumedCapacity that was not asked for",
    service="AWS DynamoDB API reference, UpdateItem: ConsumedCapacity is returned only when "
    "ReturnConsumedCapacity is TOTAL or INDEXES",
)
def test_set_arithmetic_adds_and_subtracts(dynamodb: Backend) -> None:
    table = _table_with(dynamodb, n={"N": "10"})
    assert _update(
        dynamodb,
        table,
        "SET a = n + :one, b = n - :half",
        {":one": {"N": "1"}, ":half": {"N": "0.5"}},
    ) == {"Attributes": {"pk": {"S": "a"}, "n": {"N": "10"}, "a": {"N": "11"}, "b": {"N": "9.5"}}}


@known_divergence(
    MOTO,
    "returns ConsumedCapacity that was not asked for",
    service="AWS DynamoDB API reference, UpdateItem: ConsumedCapacity is returned only when "
    "ReturnConsumedCapacity is TOTAL or INDEXES",
)
def test_set_if_not_exists_keeps_an_existing_value(dynamodb: Backend) -> None:
    table = _table_with(dynamodb, n={"N": "10"})
    assert _update(
        dynamodb,
        table,
        "SET n = if_not_exists(n, :zero), m = if_not_exists(m, :zero)",
        {":zero": {"N": "0"}},
    ) == {"Attributes": {"pk": {"S": "a"}, "n": {"N": "10"}, "m": {"N": "0"}}}


@known_divergence(
    MOTO,
    "returns ConsumedCapacity that was not asked for",
    service="AWS DynamoDB API reference, UpdateItem: ConsumedCapacity is returned only when "
    "ReturnConsumedCapacity is TOTAL or INDEXES",
)
def test_list_append_concatenates_in_either_order(dynamodb: Backend) -> None:
    table = _table_with(dynamodb, l={"L": [{"N": "2"}]})
    assert _update(
        dynamodb,
        table,
        "SET l = list_append(:front, l), r = list_append(l, :back)",
        {":front": {"L": [{"N": "1"}]}, ":back": {"L": [{"N": "3"}]}},
    ) == {
        "Attributes": {
            "pk": {"S": "a"},
            "l": {"L": [{"N": "1"}, {"N": "2"}]},
            "r": {"L": [{"N": "2"}, {"N": "3"}]},
        }
    }


@known_divergence(
    MOTO,
    "returns ConsumedCapacity that was not asked for",
    service="AWS DynamoDB API reference, UpdateItem: ConsumedCapacity is returned only when "
    "ReturnConsumedCapacity is TOTAL or INDEXES",
)
def test_set_a_list_element_past_the_end_appends_it(dynamodb: Backend) -> None:
    table = _table_with(dynamodb, l={"L": [{"N": "1"}, {"N": "2"}]})
    assert _update(dynamodb, table, "SET l[10] = :v", {":v": {"N": "9"}}) == {
        "Attributes": {"pk": {"S": "a"}, "l": {"L": [{"N": "1"}, {"N": "2"}, {"N": "9"}]}}
    }


@known_divergence(
    MOTO,
    "returns ConsumedCapacity that was not asked for",
    service="AWS DynamoDB API reference, UpdateItem: ConsumedCapacity is returned only when "
    "ReturnConsumedCapacity is TOTAL or INDEXES",
)
def test_set_a_nested_map_member(dynamodb: Backend) -> None:
    table = _table_with(dynamodb, m={"M": {"child": {"M": {}}}})
    assert _update(dynamodb, table, "SET m.child.v = :v", {":v": {"S": "x"}}) == {
        "Attributes": {"pk": {"S": "a"}, "m": {"M": {"child": {"M": {"v": {"S": "x"}}}}}}
    }


def test_set_under_a_missing_map_is_refused(dynamodb: Backend) -> None:
    table = _table_with(dynamodb, m={"M": {}})
    with service_error(
        "ValidationException",
        "The document path provided in the update expression is invalid for update",
    ):
        _update(dynamodb, table, "SET m.child.v = :v", {":v": {"S": "x"}})


@known_divergence(
    MOTO,
    "returns ConsumedCapacity that was not asked for",
    service="AWS DynamoDB API reference, UpdateItem: ConsumedCapacity is returned only when "
    "ReturnConsumedCapacity is TOTAL or INDEXES",
)
def test_remove_deletes_attributes_and_ignores_missing_ones(dynamodb: Backend) -> None:
    table = _table_with(dynamodb, v={"N": "1"}, w={"N": "2"})
    assert _update(dynamodb, table, "REMOVE v, nosuch") == {
        "Attributes": {"pk": {"S": "a"}, "w": {"N": "2"}}
    }


_REMOVE_MISSING_SOURCE = (
    "the live service, as ScyllaDB's Alternator suite records it: REMOVE x.y and REMOVE "
    "x[0] on a missing item are accepted (test_nested_attribute_remove_from_missing_item), "
    "and an update that only removes leaves a missing item missing "
    "(test_item.py test_update_item_non_existent; scylladb issue 5862)"
)


@known_divergence(
    (DYNALITE, MOTO),
    "refuses REMOVE of a nested path on an item that does not exist",
    service=_REMOVE_MISSING_SOURCE,
)
def test_remove_of_a_nested_path_on_a_missing_item_is_ignored(dynamodb: Backend) -> None:
    """On an existing item without ``x`` the same paths are invalid; on a missing
    item they are accepted, and the item stays missing."""
    table = dynamodb.key_table()
    assert _update(dynamodb, table, "REMOVE x.y", return_values="NONE") == {}
    assert _update(dynamodb, table, "REMOVE x[0]", return_values="NONE") == {}
    assert without_volatile(dynamodb.client.get_item(TableName=table, Key=KEY)) == {}


@known_divergence(
    DYNALITE,
    "creates the item with its key when an update only removes",
    service=_REMOVE_MISSING_SOURCE,
)
@known_divergence(
    MOTO,
    "returns ConsumedCapacity that was not asked for",
    service="AWS DynamoDB API reference, UpdateItem: ConsumedCapacity is returned only when "
    "ReturnConsumedCapacity is TOTAL or INDEXES",
)
def test_an_update_that_only_removes_leaves_a_missing_item_missing(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    assert _update(dynamodb, table, "REMOVE a, b", return_values="NONE") == {}
    dynamodb.client.update_item(
        TableName=table, Key=KEY, AttributeUpdates={"a": {"Action": "DELETE"}}
    )
    assert without_volatile(dynamodb.client.get_item(TableName=table, Key=KEY)) == {}
    # An update that writes, even nothing at all, creates it.
    dynamodb.client.update_item(TableName=table, Key=KEY)
    assert without_volatile(dynamodb.client.get_item(TableName=table, Key=KEY)) == {"Item": KEY}


@known_divergence(
    DYNALITE,
    "applies REMOVE l[0], l[2] one after the other and keeps [2, 3]",
    service="AWS DynamoDB developer guide, 'Update expressions': every path is resolved "
    "against the item before the update",
)
@known_divergence(
    MOTO,
    "returns ConsumedCapacity that was not asked for",
    service="AWS DynamoDB API reference, UpdateItem: ConsumedCapacity is returned only when "
    "ReturnConsumedCapacity is TOTAL or INDEXES",
)
def test_update_remove_list_elements_resolve_against_the_original_item(
    dynamodb: Backend,
) -> None:
    table = _table_with(dynamodb, l={"L": [{"N": "1"}, {"N": "2"}, {"N": "3"}]})
    assert _update(dynamodb, table, "REMOVE l[0], l[2]") == {
        "Attributes": {"pk": {"S": "a"}, "l": {"L": [{"N": "2"}]}}
    }


@known_divergence(
    MOTO,
    "returns ConsumedCapacity that was not asked for",
    service="AWS DynamoDB API reference, UpdateItem: ConsumedCapacity is returned only when "
    "ReturnConsumedCapacity is TOTAL or INDEXES",
)
def test_add_to_a_missing_number_starts_from_zero(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    assert _update(dynamodb, table, "ADD c :n", {":n": {"N": "5"}}) == {
        "Attributes": {"pk": {"S": "a"}, "c": {"N": "5"}}
    }


@known_divergence(
    MOTO,
    "returns ConsumedCapacity that was not asked for",
    service="AWS DynamoDB API reference, UpdateItem: ConsumedCapacity is returned only when "
    "ReturnConsumedCapacity is TOTAL or INDEXES",
)
def test_add_to_a_set_unions_its_members(dynamodb: Backend) -> None:
    table = _table_with(dynamodb, ss={"SS": ["a", "b"]})
    assert _update(dynamodb, table, "ADD ss :more", {":more": {"SS": ["b", "c"]}}) == {
        "Attributes": {"pk": {"S": "a"}, "ss": {"SS": ["a", "b", "c"]}}
    }


@known_divergence(
    MOTO,
    "keeps 1 and 1.0 as two members of a number set",
    service="AWS DynamoDB developer guide, 'Supported data types': a set's members are unique "
    "values",
)
def test_add_an_equal_number_to_a_number_set_changes_nothing(dynamodb: Backend) -> None:
    table = _table_with(dynamodb, ns={"NS": ["1"]})
    assert _update(dynamodb, table, "ADD ns :v", {":v": {"NS": ["1.0"]}}) == {
        "Attributes": {"pk": {"S": "a"}, "ns": {"NS": ["1"]}}
    }


@known_divergence(
    MOTO,
    "returns ConsumedCapacity that was not asked for",
    service="AWS DynamoDB API reference, UpdateItem: ConsumedCapacity is returned only when "
    "ReturnConsumedCapacity is TOTAL or INDEXES",
)
def test_delete_removes_set_members_and_an_emptied_set(dynamodb: Backend) -> None:
    table = _table_with(dynamodb, ss={"SS": ["a", "b"]}, ns={"NS": ["1"]})
    assert _update(
        dynamodb, table, "DELETE ss :a, ns :one", {":a": {"SS": ["a"]}, ":one": {"NS": ["1"]}}
    ) == {"Attributes": {"pk": {"S": "a"}, "ss": {"SS": ["b"]}}}


@pytest.mark.parametrize(
    ("return_values", "expected"),
    [
        ("ALL_OLD", {"pk": {"S": "a"}, "v": {"N": "1"}, "w": {"N": "1"}}),
        ("UPDATED_OLD", {"v": {"N": "1"}}),
        ("ALL_NEW", {"pk": {"S": "a"}, "v": {"N": "2"}, "w": {"N": "1"}}),
        ("UPDATED_NEW", {"v": {"N": "2"}}),
    ],
)
@known_divergence(
    MOTO,
    "returns ConsumedCapacity that was not asked for",
    service="AWS DynamoDB API reference, UpdateItem: ConsumedCapacity is returned only when "
    "ReturnConsumedCapacity is TOTAL or INDEXES",
)
def test_return_values(
    dynamodb: Backend, return_values: ReturnValueType, expected: dict[str, object]
) -> None:
    table = _table_with(dynamodb, v={"N": "1"}, w={"N": "1"})
    assert _update(
        dynamodb, table, "SET v = :two", {":two": {"N": "2"}}, return_values=return_values
    ) == {"Attributes": expected}


@known_divergence(
    MOTO,
    "returns the whole list",
    service="AWS DynamoDB API reference, UpdateItem: UPDATED_NEW returns only the updated "
    "attributes",
)
def test_updated_new_after_setting_a_list_element_holds_only_that_element(
    dynamodb: Backend,
) -> None:
    table = _table_with(dynamodb, l={"L": [{"N": "1"}, {"N": "2"}, {"N": "3"}]})
    assert _update(
        dynamodb, table, "SET l[1] = :v", {":v": {"S": "x"}}, return_values="UPDATED_NEW"
    ) == {"Attributes": {"l": {"L": [{"S": "x"}]}}}


@known_divergence(
    (DYNALITE, MOTO),
    "answers an empty Attributes map",
    service="scylladb test/alternator test_returnvalues.py::"
    "test_update_item_returnvalues_updated_old and ::test_update_item_returnvalues_nested, "
    "run against AWS",
)
def test_updated_old_of_only_new_paths_has_no_attributes(dynamodb: Backend) -> None:
    table = _table_with(dynamodb, doc={"M": {"kept": {"S": "x"}}})
    response = dynamodb.client.update_item(
        TableName=table,
        Key=KEY,
        UpdateExpression="SET fresh = :v, doc.added = :v",
        ExpressionAttributeValues={":v": {"N": "7"}},
        ReturnValues="UPDATED_OLD",
    )
    assert response.get("Attributes") is None  # absent, not an empty map
    got = dynamodb.client.get_item(TableName=table, Key=KEY)
    doc = {"M": {"kept": {"S": "x"}, "added": {"N": "7"}}}
    assert without_volatile(got) == {"Item": {**KEY, "fresh": {"N": "7"}, "doc": doc}}


@known_divergence(
    (DYNALITE, MOTO),
    "answers an empty Attributes map",
    service="paritysuite/dynamodb-conformance tests/tier1/updateItem/basic.test.ts, live: "
    "'REMOVE with UPDATED_NEW omits Attributes'",
)
def test_updated_new_of_a_remove_alone_has_no_attributes(dynamodb: Backend) -> None:
    table = _table_with(dynamodb, x={"S": "keep"}, y={"S": "drop"})
    response = dynamodb.client.update_item(
        TableName=table, Key=KEY, UpdateExpression="REMOVE y", ReturnValues="UPDATED_NEW"
    )
    assert response.get("Attributes") is None  # absent, not an empty map
    got = dynamodb.client.get_item(TableName=table, Key=KEY)
    assert without_volatile(got) == {"Item": {**KEY, "x": {"S": "keep"}}}


@known_divergence(
    (DYNALITE, MOTO),
    "returns set members in the order they were added",
    service="paritysuite/dynamodb-conformance tests/tier1/updateItem/basic.test.ts, live in "
    "eu-west-2: string and binary sets come back bytewise, number sets by value",
)
def test_a_string_set_comes_back_in_byte_order(dynamodb: Backend) -> None:
    table = _table_with(dynamodb, tags={"SS": ["a"]})
    dynamodb.client.update_item(
        TableName=table,
        Key=KEY,
        UpdateExpression="ADD tags :v",
        ExpressionAttributeValues={":v": {"SS": [""]}},
    )
    got = dynamodb.client.get_item(TableName=table, Key=KEY)
    # Compared as is: without_volatile would sort the members itself.
    assert got.get("Item", {}).get("tags") == {"SS": ["", "a"]}


@known_divergence(
    (DYNALITE, MOTO),
    "return set members in the order they were written",
    service="paritysuite/dynamodb-conformance tests/tier1/updateItem/basic.test.ts, live in "
    "eu-west-2: string and binary sets come back bytewise, number sets by value",
)
def test_number_and_binary_sets_come_back_in_the_services_order(dynamodb: Backend) -> None:
    table = _table_with(
        dynamodb,
        ns={"NS": ["10", "9", "-1.5", "0.25"]},
        bs={"BS": [b"\xff", b"a", b"\x00\x01", b"\x00"]},
        ss={"SS": ["é", "b", "B", "a"]},
    )
    got = dynamodb.client.get_item(TableName=table, Key=KEY).get("Item", {})
    # Compared as is: without_volatile would sort the members itself.
    assert got.get("ns") == {"NS": ["-1.5", "0.25", "9", "10"]}
    assert got.get("bs") == {"BS": [b"\x00", b"\x00\x01", b"a", b"\xff"]}
    assert got.get("ss") == {"SS": ["B", "a", "b", "é"]}


def test_update_with_a_failed_condition_changes_nothing(dynamodb: Backend) -> None:
    table = _table_with(dynamodb, v={"N": "1"})
    with service_error("ConditionalCheckFailedException", "The conditional request failed"):
        dynamodb.client.update_item(
            TableName=table,
            Key=KEY,
            UpdateExpression="SET v = :two",
            ConditionExpression="v = :two",
            ExpressionAttributeValues={":two": {"N": "2"}},
        )
    got = dynamodb.client.get_item(TableName=table, Key=KEY)
    assert without_volatile(got) == {"Item": {"pk": {"S": "a"}, "v": {"N": "1"}}}


# ---------------------------------------------------------------- refusals


@without_report(DYNALITE)
def test_two_actions_on_overlapping_paths_are_refused(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    with reported_error(
        "ValidationException",
        "Invalid UpdateExpression: Two document paths overlap with each other; must remove or "
        "rewrite one of these paths; path one: [m], path two: [m, c]",
    ):
        _update(dynamodb, table, "SET m = :v REMOVE m.c", {":v": {"N": "1"}})


def test_updating_a_key_attribute_is_refused(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    with service_error(
        "ValidationException",
        "One or more parameter values were invalid: Cannot update attribute pk. This attribute "
        "is part of the key",
    ):
        _update(dynamodb, table, "SET pk = :v", {":v": {"S": "b"}})


@known_divergence(
    MOTO,
    "words the message as a parse-time operand error",
    service="as dynalite, checked against the live service, answers 'An operand in the update "
    "expression has an incorrect data type'",
)
def test_arithmetic_on_a_string_is_refused(dynamodb: Backend) -> None:
    table = _table_with(dynamodb, s={"S": "x"})
    with service_error(
        "ValidationException",
        "An operand in the update expression has an incorrect data type",
    ):
        _update(dynamodb, table, "SET v = s + :one", {":one": {"N": "1"}})


def test_add_to_a_string_attribute_is_refused(dynamodb: Backend) -> None:
    table = _table_with(dynamodb, s={"S": "x"})
    with service_error(
        "ValidationException",
        "An operand in the update expression has an incorrect data type",
    ):
        _update(dynamodb, table, "ADD s :one", {":one": {"N": "1"}})


def test_arithmetic_on_a_missing_attribute_is_refused(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    with service_error(
        "ValidationException",
        "The provided expression refers to an attribute that does not exist in the item",
    ):
        _update(dynamodb, table, "SET v = nosuch + :one", {":one": {"N": "1"}})


_ARITHMETIC_DIGITS_SOURCE = (
    "scylladb test/alternator test_number.py::test_update_expression_plus_imprecise, run "
    "against AWS: a sum or difference needing more than 38 digits reads 'Number overflow. …'"
)


@known_divergence(
    (DYNALITE, MOTO), "stores the result with all its digits", service=_ARITHMETIC_DIGITS_SOURCE
)
@pytest.mark.parametrize("operator", ["+", "-"])
def test_arithmetic_needing_more_than_38_digits_is_refused_as_an_overflow(
    dynamodb: Backend, operator: str
) -> None:
    """The result is within the number range but too precise; the service names it an
    overflow all the same, not in the words a stored 39-digit number gets."""
    table = _table_with(dynamodb, big={"N": "7" + "0" * 45})
    with service_error(
        "ValidationException",
        "Number overflow. Attempting to store a number with magnitude larger than supported range",
    ):
        _update(dynamodb, table, f"SET v = big {operator} :small", {":small": {"N": "3"}})


@without_report(DYNALITE)
def test_a_section_used_twice_is_refused(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    with reported_error(
        "ValidationException",
        'Invalid UpdateExpression: The "SET" section can only be used once in an update '
        "expression;",
    ):
        _update(dynamodb, table, "SET a = :v SET b = :v", {":v": {"N": "1"}})


@known_divergence(
    (DYNALITE, MOTO),
    "word it bare and stop after the operand type, without naming the allowed type set",
    service="typedorm issue 264 (2022) quoting the service; the validation report as in "
    "without_report's sources",
)
@pytest.mark.parametrize(
    ("expression", "value", "shown"),
    [("ADD a :v", {"S": "x"}, "STRING"), ("DELETE a :v", {"L": []}, "LIST")],
)
def test_add_or_delete_of_a_value_they_cannot_take_is_refused(
    dynamodb: Backend, expression: str, value: AttributeValueTypeDef, shown: str
) -> None:
    table = dynamodb.key_table()
    operator = expression.split(maxsplit=1)[0]
    with reported_error(
        "ValidationException",
        "Invalid UpdateExpression: Incorrect operand type for operator or function; "
        f"operator: {operator}, operand type: {shown}, typeSet: ALLOWED_FOR_{operator}_OPERAND",
    ):
        _update(dynamodb, table, expression, {":v": value})


@without_report()
def test_a_reserved_word_as_a_name_is_refused(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    with reported_error(
        "ValidationException",
        "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: status",
    ):
        _update(dynamodb, table, "SET status = :v", {":v": {"N": "1"}})


@known_divergence(
    MOTO,
    "returns ConsumedCapacity that was not asked for",
    service="AWS DynamoDB API reference, UpdateItem: ConsumedCapacity is returned only when "
    "ReturnConsumedCapacity is TOTAL or INDEXES",
)
def test_a_reserved_word_through_a_name_placeholder_is_accepted(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    assert _update(dynamodb, table, "SET #s = :v", {":v": {"N": "1"}}, {"#s": "status"}) == {
        "Attributes": {"pk": {"S": "a"}, "status": {"N": "1"}}
    }


@without_report()
@known_divergence(
    MOTO,
    "reports the defined value as unused instead of the undefined one",
    service="as dynalite, checked against the live service, answers 'An expression attribute "
    "value used in expression is not defined'",
)
def test_an_undefined_value_placeholder_is_refused(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    with reported_error(
        "ValidationException",
        "Invalid UpdateExpression: An expression attribute value used in expression is not "
        "defined; attribute value: :nosuch",
    ):
        _update(dynamodb, table, "SET #v = :nosuch", {":v": {"N": "1"}}, {"#v": "v"})


@without_report()
@known_divergence(
    MOTO,
    "fails inside the mock with KeyError",
    service="as dynalite, checked against the live service, answers 'An expression attribute "
    "name used in the document path is not defined'",
)
def test_an_undefined_name_placeholder_is_refused(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    with reported_error(
        "ValidationException",
        "Invalid UpdateExpression: An expression attribute name used in the document path is "
        "not defined; attribute name: #nosuch",
    ):
        _update(dynamodb, table, "SET #nosuch = :v", {":v": {"N": "1"}})


@without_report(DYNALITE)
def test_an_unused_value_placeholder_is_refused(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    with reported_error(
        "ValidationException",
        "Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}",
    ):
        _update(dynamodb, table, "SET v = :v", {":v": {"N": "1"}, ":unused": {"N": "2"}})


@without_report(DYNALITE)
def test_an_unused_name_placeholder_is_refused(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    with reported_error(
        "ValidationException",
        "Value provided in ExpressionAttributeNames unused in expressions: keys: {#unused}",
    ):
        _update(dynamodb, table, "SET v = :v", {":v": {"N": "1"}}, {"#unused": "x"})


@without_report(DYNALITE)
def test_empty_expression_attribute_values_are_refused(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    with reported_error("ValidationException", "ExpressionAttributeValues must not be empty"):
        dynamodb.client.update_item(
            TableName=table, Key=KEY, UpdateExpression="REMOVE v", ExpressionAttributeValues={}
        )


@without_report()
@known_divergence(
    MOTO,
    "accepts empty ExpressionAttributeNames",
    service="as dynalite, checked against the live service, answers 'ExpressionAttributeNames "
    "must not be empty'",
)
def test_empty_expression_attribute_names_are_refused(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    with reported_error("ValidationException", "ExpressionAttributeNames must not be empty"):
        dynamodb.client.update_item(
            TableName=table, Key=KEY, UpdateExpression="REMOVE v", ExpressionAttributeNames={}
        )


_LONG_KEY_SOURCE = (
    "ExtendDB tests/test_expression_attribute_map_validation.py, run against the live service"
)
LONGEST_NAME_KEY = "#" + "n" * 254  # 255 bytes, the prefix included


def test_a_placeholder_key_of_255_bytes_is_accepted(dynamodb: Backend) -> None:
    table = _table_with(dynamodb, note={"S": "x"})
    names = {LONGEST_NAME_KEY: "note"}
    response = dynamodb.client.update_item(
        TableName=table,
        Key=KEY,
        UpdateExpression=f"REMOVE {LONGEST_NAME_KEY}",
        ExpressionAttributeNames=names,
        ReturnValues="ALL_NEW",
    )
    assert response["Attributes"] == KEY


@without_report()
@known_divergence(
    (DYNALITE, MOTO),
    "does not limit a placeholder key's length",
    service=_LONG_KEY_SOURCE,
)
@pytest.mark.parametrize(
    ("key", "size"),
    [("#" + "n" * 255, 256), ("#" + "n" * 256 + "-", 258)],
    ids=["too-long", "too-long-and-malformed"],
)
def test_a_name_key_longer_than_255_bytes_is_refused_with_its_size(
    dynamodb: Backend, key: str, size: int
) -> None:
    table = dynamodb.key_table()
    with reported_error(
        "ValidationException",
        "ExpressionAttributeNames contains invalid key: The expression attribute map contains "
        f"a key that is too long; size of key: {size}",
    ):
        _update(dynamodb, table, "REMOVE #n", names={key: "note"})


@without_report()
@known_divergence(
    (DYNALITE, MOTO),
    "does not limit a placeholder key's length",
    service=_LONG_KEY_SOURCE,
)
def test_a_value_key_longer_than_255_bytes_is_refused_without_its_size(
    dynamodb: Backend,
) -> None:
    table = dynamodb.key_table()
    with reported_error(
        "ValidationException",
        "ExpressionAttributeValues contains invalid key: The expression attribute map contains "
        "a key that is too long;",
    ):
        _update(dynamodb, table, "SET note = :v", {":" + "v" * 255: {"S": "x"}})


@without_report()
@known_divergence(
    DYNALITE,
    "words syntax errors as its parser generator does",
    service='the service reports \'Syntax error; token: "...", near: "..."\'',
)
def test_update_expression_syntax_error_is_refused(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    with reported_error(
        "ValidationException",
        'Invalid UpdateExpression: Syntax error; token: "<EOF>", near: ',
        prefix=True,
    ):
        _update(dynamodb, table, "SET v =")

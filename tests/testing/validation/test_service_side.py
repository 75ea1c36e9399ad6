"""The service-side check answers as DynamoDB does for requests the client let through.

Expected texts were checked against dynalite, whose validation messages were
recorded from the live service.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import ClassVar

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dynantic.testing.errors import ServiceError
from dynantic.testing.model import service_model
from dynantic.testing.validation import check_constraints
from dynantic.testing.validation.codegen import Check
from dynantic.testing.validation.constraints import request_node
from dynantic.testing.validation.report import constraint_failures
from dynantic.testing.validation.verdict import compile_verdict

from .shape_strategies import AGREEMENT, operation_requests

OPERATIONS = service_model().operation_names
ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/users"


def refusal(operation_name: str, params: Mapping[str, object]) -> str | None:
    """The service's ValidationException text for ``params``, or ``None`` if it accepts them."""
    try:
        check_constraints(operation_name, params)
    except ServiceError as error:
        return f"{error.code}: {error.message}".removeprefix("ValidationException: ")
    return None


@functools.cache
def verdict(operation_name: str) -> Check:
    return compile_verdict(request_node(operation_name))


@pytest.mark.parametrize("operation_name", OPERATIONS)
@AGREEMENT
@given(data=st.data())
def test_the_verdict_agrees_with_the_report_for_every_operation(
    operation_name: str, data: st.DataObject
) -> None:
    params = data.draw(operation_requests(operation_name, "clean", "broken"))
    assert isinstance(params, dict)
    failures = constraint_failures(request_node(operation_name), params)
    assert verdict(operation_name)(params) == (not failures)
    assert 0 <= len(failures) <= 10
    refusal(operation_name, params)


def test_a_valid_request_passes() -> None:
    assert refusal("GetItem", {"TableName": "users", "Key": {"pk": {"S": "1"}}}) is None


def test_an_enum_failure_lists_the_values_in_the_services_order() -> None:
    params = {"TableName": "users", "Key": {}, "ReturnConsumedCapacity": "FOO"}
    assert refusal("GetItem", params) == (
        "1 validation error detected: Value 'FOO' at 'returnConsumedCapacity' failed to "
        "satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]"
    )


_NEWER_RETURN_VALUES = (
    "Failed to satisfy constraint: Member must satisfy enum value set: "
    "[ALL_OLD, UPDATED_OLD, ALL_NEW, UPDATE_NEW, NONE]"
)
_OLDER_RETURN_VALUES = (
    "Value 'FOO' at 'returnValues' failed to satisfy constraint: Member must satisfy enum "
    "value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]"
)
_BAD_CAPACITY = (
    "Value 'FOO' at 'returnConsumedCapacity' failed to satisfy constraint: Member must "
    "satisfy enum value set: [INDEXES, TOTAL, NONE]"
)


class TestNewerItemWrites:
    """PutItem, UpdateItem and DeleteItem in the newer validation's words, as
    us-east-1 and eu-west-2 answer them (paritysuite's cross-region capture)."""

    @pytest.mark.parametrize(
        ("operation_name", "member"),
        [("PutItem", "Item"), ("DeleteItem", "Key"), ("UpdateItem", "Key")],
    )
    def test_a_return_values_outside_the_enum(self, operation_name: str, member: str) -> None:
        params = {"TableName": "users", member: {}, "ReturnValues": "FOO"}
        assert refusal(operation_name, params) == (
            "1 validation error detected: " + _NEWER_RETURN_VALUES
        )

    def test_put_and_delete_list_it_with_the_rest(self) -> None:
        params = {"TableName": "users", "Key": {}, "ReturnValues": "FOO"}
        assert refusal("DeleteItem", {**params, "ReturnConsumedCapacity": "FOO"}) == (
            f"2 validation errors detected: {_BAD_CAPACITY}; {_NEWER_RETURN_VALUES}"
        )

    def test_update_reports_it_alone(self) -> None:
        params = {"TableName": "users", "Key": {}, "ReturnValues": "FOO"}
        assert refusal("UpdateItem", {**params, "ReturnConsumedCapacity": "FOO"}) == (
            "1 validation error detected: " + _NEWER_RETURN_VALUES
        )

    @pytest.mark.parametrize(
        ("operation_name", "member"),
        [("PutItem", "Item"), ("DeleteItem", "Key"), ("UpdateItem", "Key")],
    )
    def test_a_bad_table_name_is_reported_alone(self, operation_name: str, member: str) -> None:
        # dynoxide's captures, eu-west-2 2026: the name before the Return* enums.
        params = {"TableName": "x!", member: {}, "ReturnValues": "FOO"}
        assert refusal(operation_name, {**params, "ReturnConsumedCapacity": "FOO"}) == (
            "2 validation errors detected: "
            "Value 'x!' at 'tableName' failed to satisfy constraint: "
            "Member must have length greater than or equal to 3; "
            "Value 'x!' at 'tableName' failed to satisfy constraint: "
            "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"
        )

    def test_an_update_without_a_key_keeps_the_older_words(self) -> None:
        params = {"TableName": "", "ReturnValues": "FOO"}
        assert refusal("UpdateItem", params) == (
            "3 validation errors detected: Value '' at 'tableName' failed to satisfy "
            "constraint: Member must have length greater than or equal to 1; "
            f"{_OLDER_RETURN_VALUES}; Value null at 'key' failed to satisfy constraint: "
            "Member must not be null"
        )


def test_failures_are_listed_in_the_services_member_order() -> None:
    params = {"TableName": "a", "Key": {}, "ReturnConsumedCapacity": "x", "AttributesToGet": []}
    assert refusal("GetItem", params) == (
        "3 validation errors detected: "
        "Value 'x' at 'returnConsumedCapacity' failed to satisfy constraint: "
        "Member must satisfy enum value set: [INDEXES, TOTAL, NONE]; "
        "Value '[]' at 'attributesToGet' failed to satisfy constraint: "
        "Member must have length greater than or equal to 1; "
        "Value 'a' at 'tableName' failed to satisfy constraint: "
        "Member must have length greater than or equal to 3"
    )


def test_a_transactions_token_is_listed_before_its_other_options() -> None:
    params = {
        "TransactItems": [{"Put": {"TableName": "users", "Item": {}}}],
        "ReturnItemCollectionMetrics": "y",
        "ReturnConsumedCapacity": "x",
        "ClientRequestToken": "t" * 37,
    }
    assert refusal("TransactWriteItems", params) == (
        "3 validation errors detected: "
        f"Value '{'t' * 37}' at 'clientRequestToken' failed to satisfy constraint: "
        "Member must have length less than or equal to 36; "
        "Value 'x' at 'returnConsumedCapacity' failed to satisfy constraint: "
        "Member must satisfy enum value set: [INDEXES, TOTAL, NONE]; "
        "Value 'y' at 'returnItemCollectionMetrics' failed to satisfy constraint: "
        "Member must satisfy enum value set: [SIZE, NONE]"
    )


def test_a_missing_required_member_is_a_null_value() -> None:
    assert refusal("GetItem", {"TableName": "users"}) == (
        "1 validation error detected: Value null at 'key' failed to satisfy constraint: "
        "Member must not be null"
    )


def test_a_null_member_is_a_missing_member() -> None:
    assert refusal("GetItem", {"TableName": None, "Key": {}}) == (
        "1 validation error detected: Value null at 'tableName' failed to satisfy constraint: "
        "Member must not be null"
    )


def test_one_value_may_break_several_rules_length_first() -> None:
    assert refusal("Query", {"TableName": "users", "IndexName": ""}) == (
        "2 validation errors detected: "
        "Value '' at 'indexName' failed to satisfy constraint: "
        "Member must have length greater than or equal to 3; "
        "Value '' at 'indexName' failed to satisfy constraint: "
        "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"
    )
    assert refusal("UpdateItem", {"TableName": "x!", "Key": {}}) == (
        "2 validation errors detected: "
        "Value 'x!' at 'tableName' failed to satisfy constraint: "
        "Member must have length greater than or equal to 3; "
        "Value 'x!' at 'tableName' failed to satisfy constraint: "
        "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"
    )


@pytest.mark.parametrize("operation", ["CreateTable", "UpdateTable"])
def test_an_empty_kms_key_is_too_short_though_the_model_sets_no_minimum(operation: str) -> None:
    sse = {"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": ""}
    assert refusal(operation, {"TableName": "users", "SSESpecification": sse}) == (
        "1 validation error detected: Value '' at 'sSESpecification.kMSMasterKeyId' failed to "
        "satisfy constraint: Member must have length greater than or equal to 1"
    )
    sse["KMSMasterKeyId"] = "k"
    assert refusal(operation, {"TableName": "users", "SSESpecification": sse}) is None


def test_at_most_ten_failures_are_listed() -> None:
    params = {
        "TableName": "a;",
        "IndexName": "b;",
        "Select": "x",
        "ReturnConsumedCapacity": "y",
        "AttributesToGet": [],
        "Limit": 0,
        "ScanFilter": {"a": {"ComparisonOperator": "q"}, "b": {"ComparisonOperator": "r"}},
        "Segment": -1,
        "TotalSegments": 0,
    }
    message = refusal("Scan", params)
    assert message is not None
    assert message.startswith("10 validation errors detected: Value 'x' at 'select' ")
    assert message.count("failed to satisfy constraint") == 10
    assert message.endswith(
        "Value '-1' at 'segment' failed to satisfy constraint: "
        "Member must have value greater than or equal to 0"
    )
    assert "'limit'" not in message  # the eleventh


def test_numbers_are_held_to_their_bounds() -> None:
    assert refusal("ListTables", {"Limit": 101}) == (
        "1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: "
        "Member must have value less than or equal to 100"
    )
    assert refusal("Scan", {"TableName": "users", "Segment": -1, "TotalSegments": 1}) == (
        "1 validation error detected: Value '-1' at 'segment' failed to satisfy constraint: "
        "Member must have value greater than or equal to 0"
    )


def test_list_members_are_numbered_from_one_and_nested_members_named_in_the_path() -> None:
    params = {
        "TableName": "abc",
        "AttributeDefinitions": [{}],
        "KeySchema": [{"KeyType": "HASH"}, {"AttributeName": "a", "KeyType": "Woop"}],
        "ProvisionedThroughput": {},
    }
    assert refusal("CreateTable", params) == (
        "6 validation errors detected: "
        "Value null at 'attributeDefinitions.1.member.attributeName' failed to satisfy "
        "constraint: Member must not be null; "
        "Value null at 'attributeDefinitions.1.member.attributeType' failed to satisfy "
        "constraint: Member must not be null; "
        "Value null at 'provisionedThroughput.writeCapacityUnits' failed to satisfy "
        "constraint: Member must not be null; "
        "Value null at 'provisionedThroughput.readCapacityUnits' failed to satisfy "
        "constraint: Member must not be null; "
        "Value null at 'keySchema.1.member.attributeName' failed to satisfy constraint: "
        "Member must not be null; "
        "Value 'Woop' at 'keySchema.2.member.keyType' failed to satisfy constraint: "
        "Member must satisfy enum value set: [HASH, RANGE]"
    )


def test_map_entries_are_named_by_their_key() -> None:
    params = {"Expected": {"a": {"ComparisonOperator": "q"}}, "TableName": "abc", "Key": {}}
    assert refusal("DeleteItem", params) == (
        "1 validation error detected: Value 'q' at 'expected.a.member.comparisonOperator' "
        "failed to satisfy constraint: Member must satisfy enum value set: "
        "[IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, "
        "CONTAINS]"
    )


def test_map_keys_are_reported_on_the_map_once_per_key_that_fails() -> None:
    params = {"RequestItems": {"abc": {"Keys": []}, "x": {"Keys": [{}]}, "y": {"Keys": [{}]}}}
    keys = (
        'Value \'{"abc":{"Keys":[]},"x":{"Keys":[{}]},"y":{"Keys":[{}]}}\' at '
        "'requestItems' failed to satisfy constraint: Map keys must satisfy constraint: "
        "[Member must have length less than or equal to 255, Member must have length greater "
        "than or equal to 3, Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+]"
    )
    assert refusal("BatchGetItem", params) == (
        f"3 validation errors detected: {keys}; {keys}; "
        "Value at 'RequestItems.abc.member.Keys' failed to satisfy constraint: "
        "Member must have length greater than or equal to 1"
    )


def test_map_values_are_reported_on_the_map() -> None:
    params: dict[str, object] = {"RequestItems": {"abc": [{"PutRequest": {}}], "abd": []}}
    message = refusal("BatchWriteItem", params)
    assert message is not None
    assert re.fullmatch(
        r"2 validation errors detected: "
        r"Value '\{abc=\[WriteRequest\(putRequest=PutRequest\(item=null, "
        r"workloadProfileName=null\), deleteRequest=null\)\], "
        r"abd=\[\]\}' at 'requestItems' failed to satisfy constraint: Map value must satisfy "
        r"constraint: \[Member must have length less than or equal to 25, Member must have "
        r"length greater than or equal to 1\]; Value null at "
        r"'requestItems\.abc\.member\.1\.member\.putRequest\.item' failed to satisfy "
        r"constraint: Member must not be null",
        message,
    )


@pytest.mark.parametrize("operation_name", ["BatchGetItem", "BatchWriteItem"])
def test_an_empty_request_items_map_is_refused_in_the_operations_own_words(
    operation_name: str,
) -> None:
    assert refusal(operation_name, {"RequestItems": {}, "ReturnConsumedCapacity": "x"}) == (
        "1 validation error detected: Value at 'RequestItems' failed to satisfy constraint: "
        "Member must have length greater than or equal to 1"
        if operation_name == "BatchGetItem"
        else f"The requestItems parameter is required for {operation_name}"
    )


TOO_LARGE = (
    "1 validation error detected: Attribute name is too large, must be less than 65536 bytes"
)


@pytest.mark.parametrize(
    ("name", "accepted"),
    [
        ("n" * 65535, True),
        ("n" * 65536, False),
        ("\u00e9" * 32767 + "n", True),  # 65,535 bytes in UTF-8
        ("\u00e9" * 32768, False),  # 32,768 characters, 65,536 bytes
        ("\U0001f600" * 16384, False),  # 16,384 characters, 65,536 bytes
    ],
)
def test_attribute_names_are_at_most_65535_utf8_bytes(name: str, accepted: bool) -> None:
    expected = None if accepted else TOO_LARGE
    assert refusal("PutItem", {"TableName": "users", "Item": {name: {"S": "x"}}}) == expected
    nested = {"m": {"M": {"l": {"L": [{"M": {name: {"NULL": True}}}]}}}}
    assert refusal("PutItem", {"TableName": "users", "Item": nested}) == expected
    names = {"TableName": "users", "Key": {"pk": {"S": "a"}}, "UpdateExpression": "SET #n = :v"}
    update = {**names, "ExpressionAttributeNames": {"#n": name}}
    update["ExpressionAttributeValues"] = {":v": {"S": "x"}}
    assert refusal("UpdateItem", update) == expected


def test_an_attribute_name_too_large_is_listed_with_other_failures() -> None:
    item = {"n" * 65536: {"S": "x"}}
    assert refusal("PutItem", {"TableName": "users", "Item": item, "ReturnValues": "x"}) == (
        "2 validation errors detected: "
        "Attribute name is too large, must be less than 65536 bytes; "
        "Failed to satisfy constraint: Member must satisfy enum value set: "
        "[ALL_OLD, UPDATED_OLD, ALL_NEW, UPDATE_NEW, NONE]"
    )


def test_a_list_is_shown_in_brackets() -> None:
    projection = {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["a", "b"] * 11}
    key = {"AttributeName": "a", "KeyType": "HASH"}
    index = {"IndexName": "idx", "KeySchema": [key], "Projection": projection}
    params = {"TableName": "abc", "LocalSecondaryIndexes": [index]}
    assert refusal("CreateTable", params) == (
        "1 validation error detected: Value '[" + ", ".join(["a, b"] * 11) + "]' at "
        "'localSecondaryIndexes.1.member.projection.nonKeyAttributes' failed to satisfy "
        "constraint: Member must have length less than or equal to 20"
    )


def test_structures_are_shown_as_json_with_members_in_the_services_order() -> None:
    # As the live service answers (captured in two regions).
    params = {"RequestItems": {"bad!name": {"Keys": [{"pk": {"S": "a"}}], "ConsistentRead": True}}}
    assert refusal("BatchGetItem", params) == (
        "1 validation error detected: Value "
        '\'{"bad!name":{"Keys":[{"pk":{"S":"a"}}],"ConsistentRead":true}}\' at \'requestItems\' '
        "failed to satisfy constraint: Map keys must satisfy constraint: [Member must have "
        "length less than or equal to 255, Member must have length greater than or equal to 3, "
        "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+]"
    )


def test_write_requests_are_shown_with_their_fields_in_a_java_map() -> None:
    # The live service: '{table=[WriteRequest(putRequest=PutRequest(item={pk=com.amazonaws.
    # dynamodb.v20120810.AttributeValue@483470e1}, workloadProfileName=null),
    # deleteRequest=null), …]}'.
    write = {"PutRequest": {"Item": {"b": {"B": b"\x00\x01"}}}}
    message = refusal("BatchWriteItem", {"RequestItems": {"abc": [write] * 26}})
    assert message is not None
    shown = ", ".join(
        [
            r"WriteRequest\(putRequest=PutRequest\(item=\{b=com\.amazonaws\.dynamodb\.v20120810"
            r"\.AttributeValue@[0-9a-f]{8}\}, workloadProfileName=null\), deleteRequest=null\)"
        ]
        * 26
    )
    assert re.fullmatch(
        rf"1 validation error detected: Value '\{{abc=\[{shown}\]\}}' at 'requestItems' "
        r"failed to satisfy constraint: Map value must satisfy constraint: \[Member must have "
        r"length less than or equal to 25, Member must have length greater than or equal to 1\]",
        message,
    )


def test_transaction_elements_are_shown_as_java_objects() -> None:
    get = {"Get": {"TableName": "users", "Key": {"pk": {"S": "a"}}}}
    message = refusal("TransactGetItems", {"TransactItems": [get] * 101})
    assert message is not None
    assert message.startswith(
        "1 validation error detected: Value '[com.amazonaws.dynamodb.v20120810.TransactGetItem@"
    )
    assert message.endswith(
        "]' at 'transactItems' failed to satisfy constraint: "
        "Member must have length less than or equal to 100"
    )


class TestTableNames:
    """A TableName is a table's name (3-255 of ``[a-zA-Z0-9_.-]``) or its ARN (1-1024)."""

    def test_a_short_name_is_refused(self) -> None:
        assert refusal("GetItem", {"TableName": "ab", "Key": {}}) == (
            "1 validation error detected: Value 'ab' at 'tableName' failed to satisfy "
            "constraint: Member must have length greater than or equal to 3"
        )

    def test_a_name_with_other_characters_is_refused(self) -> None:
        assert refusal("PutItem", {"TableName": "ab;c", "Item": {}}) == (
            "1 validation error detected: Value 'ab;c' at 'tableName' failed to satisfy "
            "constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"
        )

    def test_an_arn_is_accepted(self) -> None:
        assert refusal("GetItem", {"TableName": ARN, "Key": {}}) is None

    def test_an_arn_is_at_most_1024_characters(self) -> None:
        arn = ARN + "x" * (1025 - len(ARN))
        assert refusal("GetItem", {"TableName": arn, "Key": {}}) == (
            f"1 validation error detected: Value '{arn}' at 'tableName' failed to satisfy "
            "constraint: Member must have length less than or equal to 1024"
        )

    @pytest.mark.parametrize("operation_name", ["PutItem", "UpdateItem", "DeleteItem"])
    def test_an_empty_name_is_only_too_short(self, operation_name: str) -> None:
        # paritysuite's cross-region capture: no pattern, no "3", no value shown,
        # and nothing else reported beside it (ReturnValues here).
        params = {
            "TableName": "",
            ("Item" if operation_name == "PutItem" else "Key"): {},
            "ReturnValues": "FOO",
        }
        assert refusal(operation_name, params) == (
            "1 validation error detected: Value at 'TableName' failed to satisfy "
            "constraint: Member must have length greater than or equal to 1"
        )

    def test_a_batch_takes_arns_as_keys(self) -> None:
        params = {"RequestItems": {ARN: {"Keys": [{"pk": {"S": "1"}}]}}}
        assert refusal("BatchGetItem", params) is None


class TestCheckedFirst:
    """Some operations check one parameter before everything else, in words of their own."""

    @pytest.mark.parametrize(
        "operation_name",
        [
            "CreateTable",
            "DeleteTable",
            "DescribeTable",
            "DescribeTimeToLive",
            "UpdateTable",
            "UpdateTimeToLive",
        ],
    )
    def test_a_missing_table_name_is_a_missing_parameter(self, operation_name: str) -> None:
        assert refusal(operation_name, {"TableName": None, "BillingMode": "x"}) == (
            "The parameter 'TableName' is required but was not present in the request"
        )

    @pytest.mark.parametrize("name", ["", "ab", "a;", "a" * 256])
    def test_a_table_name_outside_3_to_255_characters_is_refused_alone(self, name: str) -> None:
        assert refusal("DescribeTable", {"TableName": name}) == (
            "TableName must be at least 3 characters long and at most 255 characters long"
        )

    def test_create_table_leaves_a_short_name_to_the_generic_check(self) -> None:
        assert refusal("CreateTable", {"TableName": "ab"}) == (
            "1 validation error detected: Value 'ab' at 'tableName' failed to satisfy "
            "constraint: Member must have length greater than or equal to 3"
        )

    def test_other_failures_follow_once_the_name_is_long_enough(self) -> None:
        assert refusal("DescribeTable", {"TableName": "ab;"}) == (
            "1 validation error detected: Value 'ab;' at 'tableName' failed to satisfy "
            "constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"
        )

    def test_an_arn_is_not_a_name(self) -> None:
        assert refusal("DescribeTable", {"TableName": ARN}) is None

    @pytest.mark.parametrize(
        "operation_name", ["ListTagsOfResource", "TagResource", "UntagResource"]
    )
    def test_a_missing_resource_arn_is_an_invalid_table_arn(self, operation_name: str) -> None:
        assert refusal(operation_name, {}) == "Invalid TableArn"

    @pytest.mark.parametrize("select", [None, "BOGUS"])
    def test_query_refuses_an_unknown_conditional_operator_alone(self, select: str | None) -> None:
        # paritysuite's validation-ordering/query.test.ts, eu-west-2 and us-east-1, 2026-10.
        params = {"TableName": "a;", "ConditionalOperator": "XOR", "Select": select}
        assert refusal("Query", params) == (
            "Failed to satisfy constraint: Member must satisfy enum value set: [ALL, OR]"
        )

    def test_query_refuses_its_capacity_enum_then_its_select_alone(self) -> None:
        # ExtendDB's handle_query, measured in us-east-1 2026-08-24.
        capacity = (
            "1 validation error detected: Value 'BAD' at 'returnConsumedCapacity' failed to "
            "satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]"
        )
        select = (
            "1 validation error detected: Value 'BAD' at 'select' failed to satisfy "
            "constraint: Member must satisfy enum value set: "
            "[SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]"
        )
        both = {"TableName": "users", "ReturnConsumedCapacity": "BAD", "Select": "BAD"}
        assert refusal("Query", both) == capacity
        assert refusal("Query", {"TableName": "users", "Select": "BAD"}) == select
        # Scan lists both, Select first.
        assert refusal("Scan", both) == (
            select.replace("1 validation error detected", "2 validation errors detected")
            + "; "
            + capacity.removeprefix("1 validation error detected: ")
        )

    def test_other_operations_list_a_missing_table_name_with_the_rest(self) -> None:
        assert refusal("Query", {"Limit": 0}) == (
            "2 validation errors detected: "
            "Value null at 'tableName' failed to satisfy constraint: Member must not be null; "
            "Value at 'Limit' failed to satisfy constraint: "
            "Member must have value greater than or equal to 1"
        )


def test_query_words_its_limit_in_the_newer_form_and_scan_in_the_older() -> None:
    # nubo-db/dynamodb-conformance's Query tests pin the newer words with no
    # region split; Scan's are split, the older ones in us-east-1.
    assert refusal("Query", {"TableName": "users", "Limit": 0}) == (
        "1 validation error detected: Value at 'Limit' failed to satisfy constraint: "
        "Member must have value greater than or equal to 1"
    )
    assert refusal("Scan", {"TableName": "users", "Limit": 0}) == (
        "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: "
        "Member must have value greater than or equal to 1"
    )


def test_a_refused_name_stays_refused() -> None:
    for _ in range(2):
        assert refusal("Query", {"TableName": "users", "IndexName": "by;name"}) == (
            "1 validation error detected: Value 'by;name' at 'indexName' failed to satisfy "
            "constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"
        )


def test_values_of_the_types_botocore_lets_through_are_checked_too() -> None:
    projection = {"ProjectionType": "INCLUDE", "NonKeyAttributes": ("a",) * 21}
    key = ({"AttributeName": "a", "KeyType": "HASH"},)
    index = {"IndexName": "idx", "KeySchema": key, "Projection": projection}
    message = refusal("CreateTable", {"TableName": "abc", "LocalSecondaryIndexes": (index,)})
    assert message == (
        "1 validation error detected: Value '[" + ", ".join("a" * 21) + "]' at "
        "'localSecondaryIndexes.1.member.projection.nonKeyAttributes' failed to satisfy "
        "constraint: Member must have length less than or equal to 20"
    )


class TestUpdateItemBesideAMissingKey:
    """paritysuite's validation-ordering/updateItem.test.ts, eu-west-2 and us-east-1, 2026-10."""

    UPDATE: ClassVar[dict[str, object]] = {
        "UpdateExpression": "SET a = :a",
        "ExpressionAttributeValues": {":a": {"S": "x"}},
    }
    EMPTY_NAME = (
        "Value '' at 'tableName' failed to satisfy constraint: "
        "Member must have length greater than or equal to 1"
    )
    NO_KEY = "Value null at 'key' failed to satisfy constraint: Member must not be null"

    def test_an_empty_name_is_joined_with_the_missing_key(self) -> None:
        assert refusal("UpdateItem", {"TableName": "", **self.UPDATE}) == (
            f"2 validation errors detected: {self.EMPTY_NAME}; {self.NO_KEY}"
        )

    def test_the_enums_the_name_and_the_key_are_listed_in_member_order(self) -> None:
        params = {
            "TableName": "",
            **self.UPDATE,
            "ReturnConsumedCapacity": "INVALID",
            "ReturnValues": "INVALID",
        }
        assert refusal("UpdateItem", params) == (
            "4 validation errors detected: Value 'INVALID' at 'returnConsumedCapacity' failed "
            "to satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]; "
            f"{self.EMPTY_NAME}; Value 'INVALID' at 'returnValues' failed to satisfy constraint: "
            "Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, "
            f"UPDATED_NEW]; {self.NO_KEY}"
        )

    def test_a_conditional_operator_comes_before_the_missing_key(self) -> None:
        params = {
            "TableName": "absent_table",
            "AttributeUpdates": {"x": {"Action": "PUT", "Value": {"S": "1"}}},
            "Expected": {"a": {"Exists": False}, "b": {"Exists": False}},
            "ConditionalOperator": "XOR",
        }
        assert refusal("UpdateItem", params) == (
            "2 validation errors detected: Value 'XOR' at 'conditionalOperator' failed to "
            f"satisfy constraint: Member must satisfy enum value set: [OR, AND]; {self.NO_KEY}"
        )


@pytest.mark.parametrize(("local", "global_"), [("l1", "g1"), ("aa", "zz")])
def test_create_table_lists_global_index_failures_before_local_ones(
    local: str, global_: str
) -> None:
    # paritysuite's validation-ordering/createTable.test.ts, both regions, 2026-10.
    keys = ({"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"})
    params = {
        "TableName": "absent_table",
        "BillingMode": "PAY_PER_REQUEST",
        "AttributeDefinitions": [
            {"AttributeName": "pk", "AttributeType": "S"},
            {"AttributeName": "sk", "AttributeType": "S"},
        ],
        "KeySchema": list(keys),
        "LocalSecondaryIndexes": [
            {
                "IndexName": local,
                "KeySchema": [keys[0], {"AttributeName": "lr", "KeyType": "RANGE"}],
                "Projection": {"ProjectionType": "ALL"},
            }
        ],
        "GlobalSecondaryIndexes": [
            {
                "IndexName": global_,
                "KeySchema": [{"AttributeName": "gh", "KeyType": "HASH"}],
                "Projection": {"ProjectionType": "ALL"},
            }
        ],
    }

    def too_short(name: str, member: str) -> str:
        return (
            f"Value '{name}' at '{member}.1.member.indexName' failed to satisfy constraint: "
            "Member must have length greater than or equal to 3"
        )

    assert refusal("CreateTable", params) == (
        f"2 validation errors detected: {too_short(global_, 'globalSecondaryIndexes')}; "
        f"{too_short(local, 'localSecondaryIndexes')}"
    )

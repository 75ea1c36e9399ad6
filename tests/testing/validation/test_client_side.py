"""The client-side check refuses exactly what a real boto3 client refuses."""

from __future__ import annotations

import datetime
import io
from collections.abc import Mapping
from decimal import Decimal

import boto3
import pytest
from botocore.exceptions import ParamValidationError
from botocore.model import ServiceModel
from botocore.validate import ParamValidator
from hypothesis import given
from hypothesis import strategies as st

from dynantic.testing.model import input_shape, service_model
from dynantic.testing.validation import check_request
from dynantic.testing.validation.client_side import compile_shape_check

from .shape_strategies import AGREEMENT, operation_requests

OPERATIONS = service_model().operation_names


def botocore_report(operation_name: str, params: Mapping[str, object]) -> str | None:
    """What botocore's own validator says about ``params``, or ``None`` if it accepts them."""
    shape = input_shape(operation_name)
    report = ParamValidator().validate(params, shape)
    return report.generate_report() if report.has_errors() else None


def refusal(operation_name: str, params: Mapping[str, object]) -> str | None:
    try:
        check_request(operation_name, params)
    except ParamValidationError as error:
        return str(error)
    return None


@pytest.mark.parametrize("operation_name", OPERATIONS)
@AGREEMENT
@given(data=st.data())
def test_the_verdict_agrees_with_botocore_for_every_operation(
    operation_name: str, data: st.DataObject
) -> None:
    params = data.draw(operation_requests(operation_name, "clean", "junk"))
    assert isinstance(params, dict)
    expected = botocore_report(operation_name, params)
    refused = refusal(operation_name, params)
    if expected is None:
        assert refused is None
    else:
        assert refused == f"Parameter validation failed:\n{expected}"


def test_a_valid_request_passes() -> None:
    check_request("GetItem", {"TableName": "users", "Key": {"pk": {"S": "user#1"}}})


def test_the_report_is_botocores_own() -> None:
    with pytest.raises(ParamValidationError) as raised:
        check_request("GetItem", {"TableName": "", "Key": {"pk": {"S": 1}}, "Limit": 1})
    assert str(raised.value) == (
        "Parameter validation failed:\n"
        'Unknown parameter in input: "Limit", must be one of: TableName, Key, AttributesToGet, '
        "ConsistentRead, ReturnConsumedCapacity, ProjectionExpression, ExpressionAttributeNames\n"
        "Invalid length for parameter TableName, value: 0, valid min length: 1\n"
        "Invalid type for parameter Key.pk.S, value: 1, type: <class 'int'>, "
        "valid types: <class 'str'>"
    )


def test_the_refusal_is_the_one_a_real_client_raises() -> None:
    client = boto3.client(
        "dynamodb",
        region_name="us-east-1",
        endpoint_url="http://127.0.0.1:9",
        aws_access_key_id="a",
        aws_secret_access_key="b",
    )
    params: dict[str, object] = {"TableName": "users", "Key": {"pk": {"N": 1}}, "Bogus": True}
    with pytest.raises(ParamValidationError) as from_client:
        client.get_item(**params)  # type: ignore[arg-type]  # deliberately malformed
    assert refusal("GetItem", params) == str(from_client.value)


def test_missing_required_members_are_refused() -> None:
    assert refusal("PutItem", {"TableName": "users"}) == (
        'Parameter validation failed:\nMissing required parameter in input: "Item"'
    )


def test_booleans_pass_as_integers() -> None:
    check_request("Query", {"TableName": "users", "Limit": True})
    assert refusal("Query", {"TableName": "users", "Limit": False}) == (
        "Parameter validation failed:\n"
        "Invalid value for parameter Limit, value: False, valid min value: 1"
    )


@pytest.mark.parametrize("blob", [b"x", bytearray(b"x"), "x", io.BytesIO(b"x")])
def test_blobs_accept_bytes_bytearrays_text_and_file_likes(blob: object) -> None:
    check_request("GetItem", {"TableName": "users", "Key": {"pk": {"B": blob}}})


def test_blobs_refuse_other_types() -> None:
    assert refusal("GetItem", {"TableName": "users", "Key": {"pk": {"B": 1}}}) == (
        "Parameter validation failed:\n"
        "Invalid type for parameter Key.pk.B, value: 1, type: <class 'int'>, "
        "valid types: <class 'bytes'>, <class 'bytearray'>, file-like object"
    )


def test_map_keys_are_checked_against_the_key_shape() -> None:
    assert refusal("GetItem", {"TableName": "users", "Key": {1: {"S": "x"}}}) == (
        "Parameter validation failed:\n"
        "Invalid type for parameter Key (key: 1), value: 1, type: <class 'int'>, "
        "valid types: <class 'str'>"
    )


@pytest.mark.parametrize("value", [{}, {"S": "x", "N": "1"}])
def test_attribute_values_are_not_a_tagged_union_to_botocore(value: object) -> None:
    # The model does not mark AttributeValue as a union, so a real client sends
    # an empty or many-typed attribute value on; the service refuses it.
    check_request("GetItem", {"TableName": "users", "Key": {"pk": value}})


def test_lists_accept_tuples() -> None:
    check_request("GetItem", {"TableName": "t", "Key": {}, "AttributesToGet": ("a", "b")})


@pytest.mark.parametrize("number", [1, 1.5, Decimal("1.5")])
def test_doubles_accept_ints_floats_and_decimals(number: object) -> None:
    policy = {"TargetTrackingScalingPolicyConfiguration": {"TargetValue": number}}
    scaling = {"ScalingPolicyUpdate": policy}
    params = {"TableName": "t", "ProvisionedWriteCapacityAutoScalingUpdate": scaling}
    check_request("UpdateTableReplicaAutoScaling", params)


@pytest.mark.parametrize(
    "moment", [datetime.datetime(2024, 1, 1), "2024-01-01T00:00:00Z", 1_700_000_000]
)
def test_timestamps_accept_what_botocore_can_parse(moment: object) -> None:
    check_request("ListBackups", {"TimeRangeLowerBound": moment})


def test_timestamps_refuse_what_botocore_cannot_parse() -> None:
    assert refusal("ListBackups", {"TimeRangeLowerBound": "not a date"}) == (
        "Parameter validation failed:\n"
        "Invalid type for parameter TimeRangeLowerBound, value: not a date, "
        "type: <class 'str'>, valid types: <class 'datetime.datetime'>, timestamp-string"
    )


def test_max_enum_and_pattern_are_left_to_the_service() -> None:
    check_request(
        "GetItem",
        {"TableName": "a;" * 600, "Key": {}, "ReturnConsumedCapacity": "LOTS"},
    )


def test_the_size_of_a_map_is_left_to_the_service() -> None:
    check_request("BatchGetItem", {"RequestItems": {}})


SHAPES = ServiceModel(
    {
        "metadata": {"protocol": "json"},
        "operations": {},
        "shapes": {
            "Choice": {
                "type": "structure",
                "union": True,
                "members": {"A": {"shape": "S"}, "B": {"shape": "S"}},
            },
            "Document": {"type": "structure", "document": True, "members": {}},
            "S": {"type": "string"},
        },
    }
)
UNION = SHAPES.shape_for("Choice")
DOCUMENT = SHAPES.shape_for("Document")


@pytest.mark.parametrize(
    ("value", "accepted"),
    [({"A": "x"}, True), ({}, False), ({"A": "x", "B": "y"}, False), ({"C": "x"}, False)],
)
def test_a_tagged_union_takes_exactly_one_member(value: object, accepted: bool) -> None:
    assert compile_shape_check(UNION)(value) is accepted
    assert ParamValidator().validate(value, UNION).has_errors() is not accepted  # type: ignore[arg-type]  # any value may be validated


@pytest.mark.parametrize(
    ("value", "accepted"), [({"a": [1, "x", None]}, True), ({"a": b"x"}, False)]
)
def test_a_document_takes_what_botocore_takes(value: object, accepted: bool) -> None:
    assert compile_shape_check(DOCUMENT)(value) is accepted

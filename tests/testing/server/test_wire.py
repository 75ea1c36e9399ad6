"""The JSON wire format: decoding requests and encoding responses by botocore's shapes."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dynantic.testing import wire
from dynantic.testing.errors import ServiceError
from dynantic.testing.model import operation_model, service_model
from dynantic.testing.wire import text as text_module

PARAMETERIZED = (
    "class sun.reflect.generics.reflectiveObjects.ParameterizedTypeImpl cannot be cast to "
    "class java.lang.Class (sun.reflect.generics.reflectiveObjects.ParameterizedTypeImpl and "
    "java.lang.Class are in module java.base of loader 'bootstrap')"
)
AV_MAP = "java.util.Map<java.lang.String, com.amazonaws.dynamodb.v20120810.AttributeValue>"


def refusal(operation: str, body: str) -> str:
    with pytest.raises(ServiceError) as raised:
        wire.decode_request(operation, json.loads(body))
    assert raised.value.code == "SerializationException"
    return raised.value.message


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('{"TableName": 1}', "NUMBER_VALUE cannot be converted to String"),
        ('{"TableName": 1.5}', "DECIMAL_VALUE cannot be converted to String"),
        ('{"TableName": true}', "TRUE_VALUE cannot be converted to String"),
        ('{"TableName": false}', "FALSE_VALUE cannot be converted to String"),
        ('{"TableName": []}', "Unrecognized collection type class java.lang.String"),
        ('{"TableName": {}}', "Start of structure or map found where not expected"),
        ('{"ConsistentRead": 1}', "NUMBER_VALUE cannot be converted to Boolean"),
        ('{"ConsistentRead": "maybe"}', "Unexpected token received from parser"),
        ('{"ConsistentRead": []}', "Unrecognized collection type class java.lang.Boolean"),
        ('{"Key": 1}', "Unexpected field type"),
        ('{"Key": []}', f"Unrecognized collection type {AV_MAP}"),
        ('{"Key": {"a": 1}}', "Unexpected value type in payload"),
        (
            '{"Key": {"a": []}}',
            "Unrecognized collection type class com.amazonaws.dynamodb.v20120810.AttributeValue",
        ),
        ('{"Key": {"a": {"B": 1}}}', "only base-64-encoded strings are convertible to bytes"),
        ('{"Key": {"a": {"B": []}}}', "Unrecognized collection type class java.nio.ByteBuffer"),
        (
            '{"Key": {"a": {"B": "abc"}}}',
            "Base64 encoded length is expected a multiple of 4 bytes but found: 3",
        ),
        ('{"Key": {"a": {"B": "YR=="}}}', "Invalid last non-pad Base64 character dectected"),
        ('{"Key": {"a": {"B": "a$b="}}}', "Invalid last non-pad Base64 character dectected"),
        ('{"Key": {"a": {"SS": "x"}}}', "Unexpected field type"),
        ('{"Key": {"a": {"SS": {}}}}', "Start of structure or map found where not expected"),
        ('{"Key": {"a": {"L": [1]}}}', "Unexpected value type in payload"),
        ('{"Key": {"a": {"M": []}}}', f"Unrecognized collection type {AV_MAP}"),
        ('{"AttributesToGet": "x"}', "Unexpected field type"),
    ],
)
def test_wrong_json_types_get_the_services_serialization_texts(body: str, message: str) -> None:
    assert refusal("GetItem", body) == message


def test_integers_refuse_strings_and_booleans() -> None:
    assert refusal("Scan", '{"Limit": "1"}') == "STRING_VALUE cannot be converted to Integer"
    assert refusal("Scan", '{"Limit": true}') == "TRUE_VALUE cannot be converted to Integer"
    assert (
        refusal("Scan", '{"Limit": [1]}') == "Unrecognized collection type class java.lang.Integer"
    )


def test_long_members_are_named_long() -> None:
    body = '{"ProvisionedThroughput": {"ReadCapacityUnits": "1"}}'
    assert refusal("CreateTable", body) == "STRING_VALUE cannot be converted to Long"


def test_a_structure_in_a_list_or_map_is_a_value_and_in_a_structure_a_field() -> None:
    assert refusal("BatchWriteItem", '{"RequestItems": {"t": [1]}}') == (
        "Unexpected value type in payload"
    )
    assert refusal("BatchWriteItem", '{"RequestItems": {"t": [{"PutRequest": 1}]}}') == (
        "Unexpected field type"
    )


def test_a_collection_directly_inside_a_collection_cannot_be_named() -> None:
    assert refusal("BatchWriteItem", '{"RequestItems": {"t": 1}}') == PARAMETERIZED
    assert refusal("BatchGetItem", '{"RequestItems": {"t": {"Keys": [1]}}}') == PARAMETERIZED
    assert refusal("BatchGetItem", '{"RequestItems": {"t": {"Keys": [[]]}}}') == (
        f"Unrecognized collection type {AV_MAP}"
    )


def test_a_map_of_lists_names_its_generic_type() -> None:
    assert refusal("BatchWriteItem", '{"RequestItems": []}') == (
        "Unrecognized collection type java.util.Map<java.lang.String, "
        "java.util.List<com.amazonaws.dynamodb.v20120810.WriteRequest>>"
    )


def test_the_first_wrong_value_in_document_order_is_reported() -> None:
    assert refusal("GetItem", '{"ConsistentRead": 2, "TableName": 1}') == (
        "NUMBER_VALUE cannot be converted to Boolean"
    )


def test_blobs_are_decoded_from_base64_and_numbers_stay_strings() -> None:
    body = {"Key": {"b": {"B": "AAH/"}, "n": {"N": "1.50"}, "bs": {"BS": ["", "YQ=="]}}}
    assert wire.decode_request("GetItem", body)["Key"] == {
        "b": {"B": b"\x00\x01\xff"},
        "n": {"N": "1.50"},
        "bs": {"BS": [b"", b"a"]},
    }


def test_nested_lists_and_maps_are_decoded_at_every_level() -> None:
    body = {"Item": {"m": {"M": {"l": {"L": [{"B": "AQ=="}, {"M": {"x": {"NULL": True}}}]}}}}}
    assert wire.decode_request("PutItem", body)["Item"] == {
        "m": {"M": {"l": {"L": [{"B": b"\x01"}, {"M": {"x": {"NULL": True}}}]}}}
    }


def test_unknown_members_and_null_members_are_dropped() -> None:
    body = {"TableName": "t", "Bogus": [1, {}], "ConsistentRead": None, "Key": {"a": {"S": "x"}}}
    assert wire.decode_request("GetItem", body) == {"TableName": "t", "Key": {"a": {"S": "x"}}}


def test_a_null_attribute_value_reads_as_an_empty_one() -> None:
    assert wire.decode_request("GetItem", {"Key": {"a": None}})["Key"] == {"a": {}}
    item = {"l": {"L": [{"S": "x"}, None]}}
    assert wire.decode_request("PutItem", {"Item": item})["Item"] == {"l": {"L": [{"S": "x"}, {}]}}


def test_null_strings_in_lists_and_maps_are_dropped() -> None:
    body = {"AttributesToGet": ["a", None], "ExpressionAttributeNames": {"#a": "a", "#b": None}}
    assert wire.decode_request("GetItem", body) == {
        "AttributesToGet": ["a"],
        "ExpressionAttributeNames": {"#a": "a"},
    }


def test_a_null_set_member_is_kept_for_the_value_rules_to_refuse() -> None:
    item = {"s": {"SS": ["a", None]}, "n": {"NS": ["1", None]}, "b": {"BS": [None, "QQ=="]}}
    assert wire.decode_request("PutItem", {"Item": item})["Item"] == {
        "s": {"SS": ["a", None]},
        "n": {"NS": ["1", None]},
        "b": {"BS": [None, b"A"]},
    }


def test_booleans_accept_the_words_the_service_accepts() -> None:
    for word, value in [("true", True), ("YES", True), ("1", True), ("no", False), ("0", False)]:
        assert wire.decode_request("GetItem", {"ConsistentRead": word}) == {"ConsistentRead": value}


def test_a_decimal_for_an_integer_is_floored() -> None:
    assert wire.decode_request("Scan", {"Limit": 1.9}) == {"Limit": 1}
    assert wire.decode_request("Scan", {"Limit": -1.5}) == {"Limit": -2}


def test_timestamps_are_epoch_seconds() -> None:
    decoded = wire.decode_request("ListBackups", {"TimeRangeLowerBound": 1700000000.5})
    expected = datetime(2023, 11, 14, 22, 13, 20, 500000, tzinfo=timezone.utc)
    assert decoded == {"TimeRangeLowerBound": expected}
    assert refusal("ListBackups", '{"TimeRangeLowerBound": "x"}') == (
        "STRING_VALUE cannot be converted to Date"
    )


def test_a_body_that_is_not_an_object_has_no_members() -> None:
    assert wire.decode_request("GetItem", [1, 2]) == {}
    assert wire.decode_request("GetItem", None) == {}


@pytest.mark.parametrize("text", [b"nojson", b'{"a":1,}', b'{"a":NaN}', b"[" * 100_000])
def test_text_that_is_not_json_is_a_bare_serialization_exception(text: bytes) -> None:
    with pytest.raises(ServiceError) as raised:
        wire.loads(text)
    assert (raised.value.code, raised.value.message) == ("SerializationException", "")


@pytest.mark.parametrize(
    ("text", "expected"),
    [(b'{"a":1}', {"a": 1}), (b' \r\n\t{"a": [1, "x"]} \n', {"a": [1, "x"]}), (b"[]", [])],
)
def test_json_with_whitespace_around_it_is_read(text: bytes, expected: object) -> None:
    assert wire.loads(text) == expected


@pytest.mark.parametrize("text", [b'{"a":1}x', b'{"a":1}{"b":2}', b"", b"  ", b'{"a":1} ,'])
def test_anything_after_the_value_or_no_value_is_a_serialization_exception(text: bytes) -> None:
    with pytest.raises(ServiceError) as raised:
        wire.loads(text)
    assert raised.value.code == "SerializationException"


def test_dumps_writes_the_same_without_the_c_writer(monkeypatch: pytest.MonkeyPatch) -> None:
    value = {"Item": {"b": {"B": b"\x00"}, "s": {"S": "é"}, "n": {"N": "1"}}, "C": 1.5, "t": True}
    written = wire.dumps(value)
    monkeypatch.setattr(text_module, "_C_WRITER", None)
    assert (
        wire.dumps(value)
        == written
        == ('{"Item":{"b":{"B":"AA=="},"s":{"S":"é"},"n":{"N":"1"}},"C":1.5,"t":true}'.encode())
    )


def test_responses_encode_bytes_as_base64_and_capacity_as_floats() -> None:
    response = {
        "Item": {"b": {"B": b"\x00\x01"}, "l": {"L": [{"BS": [b"a"]}]}, "s": {"S": "x"}},
        "ConsumedCapacity": {"TableName": "t", "CapacityUnits": 1},
    }
    encoded = wire.encode_response("GetItem", response)
    assert wire.dumps(encoded) == (
        b'{"Item":{"b":{"B":"AAE="},"l":{"L":[{"BS":["YQ=="]}]},"s":{"S":"x"}},'
        b'"ConsumedCapacity":{"TableName":"t","CapacityUnits":1.0}}'
    )


def test_responses_encode_datetimes_as_epoch_seconds() -> None:
    created = datetime(2023, 11, 14, 22, 13, 20, 250000, tzinfo=timezone.utc)
    encoded = wire.encode_response("DescribeTable", {"Table": {"CreationDateTime": created}})
    assert wire.dumps(encoded) == b'{"Table":{"CreationDateTime":1700000000.25}}'


def test_dumps_refuses_values_json_has_no_form_for() -> None:
    with pytest.raises(TypeError, match="set has no JSON form"):
        wire.dumps({"SS": {"a"}})


def test_values_are_made_json_ready_by_their_shape_for_any_writer() -> None:
    item_encoder = wire.encoder(service_model().shape_for("AttributeMap"))
    assert item_encoder is not None
    item = {"b": {"B": b"\x00\x01"}, "m": {"M": {"bs": {"BS": [b"a"]}}}, "s": {"S": "x"}}
    assert item_encoder(item) == {
        "b": {"B": "AAE="},
        "m": {"M": {"bs": {"BS": ["YQ=="]}}},
        "s": {"S": "x"},
    }


def test_responses_without_blobs_timestamps_or_doubles_pass_through() -> None:
    response: dict[str, object] = {"TableNames": ["a", "b"]}
    assert wire.encode_response("ListTables", response) is response


def test_dumps_writes_utf8_and_escapes_lone_surrogates() -> None:
    assert wire.dumps({"S": "é"}) == '{"S":"é"}'.encode()
    assert wire.dumps({"S": "\ud800"}) == b'{"S":"\\ud800"}'


def test_dynamodb_errors_are_in_the_models_namespace() -> None:
    error = ServiceError("ResourceNotFoundException", "Requested resource not found")
    assert wire.encode_error(error) == {
        "__type": "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
        "message": "Requested resource not found",
    }


def test_validation_errors_are_in_the_validation_frameworks_namespace() -> None:
    error = ServiceError("ValidationException", "bad")
    assert wire.encode_error(error) == {
        "__type": "com.amazon.coral.validate#ValidationException",
        "message": "bad",
    }


def test_framework_errors_are_in_the_service_frameworks_namespace() -> None:
    assert wire.encode_error(ServiceError("UnknownOperationException", "")) == {
        "__type": "com.amazon.coral.service#UnknownOperationException"
    }
    assert wire.encode_error(ServiceError("SerializationException", "Unexpected field type")) == {
        "__type": "com.amazon.coral.service#SerializationException",
        "Message": "Unexpected field type",
    }


def test_modeled_error_members_are_encoded_by_the_error_shape() -> None:
    failed = ServiceError(
        "ConditionalCheckFailedException",
        "The conditional request failed",
        {"Item": {"pk": {"S": "a"}, "b": {"B": b"\x01"}}},
    )
    assert wire.loads(wire.dumps(wire.encode_error(failed))) == {
        "__type": "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException",
        "message": "The conditional request failed",
        "Item": {"pk": {"S": "a"}, "b": {"B": "AQ=="}},
    }
    cancelled = ServiceError(
        "TransactionCanceledException",
        "Transaction cancelled, please refer cancellation reasons for specific reasons [None]",
        {"CancellationReasons": [{"Code": "None"}]},
    )
    body = wire.encode_error(cancelled)
    assert body["Message"] == cancelled.message  # this shape spells it with a capital M
    assert body["CancellationReasons"] == [{"Code": "None"}]


_ATTRIBUTE_TYPES = ["S", "N", "B", "BOOL", "NULL", "SS", "NS", "BS", "L", "M"]
_keys = st.sampled_from(_ATTRIBUTE_TYPES) | st.text(max_size=4)
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(_keys, children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(
    operation=st.sampled_from(["PutItem", "GetItem", "CreateTable", "BatchWriteItem", "Query"]),
    data=st.data(),
)
def test_any_json_is_decoded_or_refused_with_a_serialization_exception(
    operation: str, data: st.DataObject
) -> None:
    shape = operation_model(operation).input_shape
    assert shape is not None
    body = data.draw(st.dictionaries(st.sampled_from(list(shape.members)), json_values))
    refusal: ServiceError | None = None
    try:
        wire.decode_request(operation, body)
    except ServiceError as error:
        refusal = error
    if refusal is not None:
        assert refusal.code == "SerializationException"
        assert refusal.message

"""Over the HTTP endpoint, a body of the commonest form is answered by the lane
as it arrives, undecoded (``Endpoint._call`` and ``Service.invoke_plain``).

That is right only because decoding such a body would return it unchanged:
the lane takes nothing but JSON's own types in the form a boto3 caller passes
them. Each body is answered twice, by an endpoint with the lanes open and by
one with them closed, and the two must agree on the status, the body, every
table afterwards and the call record. The bodies are the Python lane test's
requests written as JSON, plus what only the wire can carry: blobs as base64
text, booleans as words, ``null`` members, members the shape does not know.
"""

from __future__ import annotations

import base64
import contextlib
import copy
import json
from collections.abc import Iterator
from typing import Any, cast

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dynantic.testing import wire
from dynantic.testing.endpoint import Endpoint, HttpRequest
from dynantic.testing.operations.registry import LANES

from .conftest import SIMPLE, stored_state
from .test_plain_lane import _seeded, lane_answers, lanes_closed, near_plain_requests

OPERATIONS = {
    "put_item": "PutItem",
    "get_item": "GetItem",
    "update_item": "UpdateItem",
    "delete_item": "DeleteItem",
}
HEADERS = {
    "content-type": "application/x-amz-json-1.0",
    "authorization": "AWS4-HMAC-SHA256 Credential=x/20260101/us-east-1/dynamodb/aws4_request, "
    "SignedHeaders=host, Signature=00",
    "x-amz-date": "20260101T000000Z",
}
# What the wire may carry that a Python caller's request cannot.
WIRE_VALUES: list[object] = [
    {"B": "YWJj"},
    {"B": "YWJ"},
    {"B": "QR=="},
    {"B": "YW Jj"},
    {"B": ""},
    {"BS": ["YQ==", "Yg=="]},
    {"M": {"b": {"B": "AA=="}}},
    {"L": [{"S": "x"}, {"B": "AA=="}]},
    {"BOOL": "TRUE"},
    {"BOOL": "no"},
    {"NULL": "1"},
    {"S": "x", "B": None},
    {"S": "x", "Unknown": 1},
    {"SS": ["a", None]},
    {"L": [None, {"S": "x"}]},
    {"M": {"a": None}},
    {"N": 1},
    {"N": 1.5},
]
WIRE_MEMBERS: list[tuple[str, object]] = [
    ("ReturnValues", None),
    ("UpdateExpression", None),
    ("ConditionExpression", None),
    ("ExpressionAttributeNames", None),
    ("ExpressionAttributeValues", None),
    ("Unknown", {"a": 1}),
    ("ConsistentRead", "true"),
]


def _json_default(value: object) -> object:
    assert isinstance(value, bytes)
    return base64.b64encode(value).decode("ascii")


@st.composite
def near_plain_bodies(draw: st.DrawFn) -> tuple[str, str]:
    """A JSON body of a plain request, or of one with one thing changed."""
    operation, request = draw(near_plain_requests())
    member = "Item" if operation == "put_item" else "Key"
    attributes = request.get(member)
    if draw(st.integers(0, 2)) == 0 and isinstance(attributes, dict) and attributes:
        if draw(st.booleans()):
            attributes[draw(st.sampled_from(["w", "pk"]))] = draw(st.sampled_from(WIRE_VALUES))
        else:
            name, value = draw(st.sampled_from(WIRE_MEMBERS))
            request[name] = copy.deepcopy(value)
    body = json.dumps(request, default=_json_default)
    return OPERATIONS[operation], body


def _outcome(operation: str, body: str) -> tuple[object, ...]:
    """What an endpoint over a fresh fake answers, and what it stores afterwards."""
    fake = _seeded()
    headers = {**HEADERS, "x-amz-target": f"DynamoDB_20120810.{operation}"}
    response = Endpoint(fake.service).answer(HttpRequest("POST", "/", headers, body.encode()))
    last = fake.calls.last
    record = (last.api_name, last.params, last.error)
    return response.status, json.loads(response.body), stored_state(fake), record


@settings(
    max_examples=600,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    deadline=None,
)
@given(near_plain_bodies())
def test_an_undecoded_body_is_answered_as_the_decoded_one(call: tuple[str, str]) -> None:
    operation, body = call
    through_lane = _outcome(operation, body)
    with lanes_closed():
        the_long_way = _outcome(operation, body)
    assert through_lane == the_long_way


def _unrecorded_answers(bodies: list[tuple[str, str]]) -> list[tuple[int, object]]:
    """What an endpoint over a fresh fake that records no calls answers to each
    body in turn, each followed by two GetItems of the key it names."""
    fake = _seeded()
    fake.service.calls.recording = False
    endpoint = Endpoint(fake.service)
    answers: list[tuple[int, object]] = []
    for operation, body in bodies:
        request = json.loads(body)
        reads = [(operation, request)]
        key = request.get("Key") or {
            name: value
            for name, value in (request.get("Item") or {}).items()
            if name in {"pk", "sk"}
        }
        if "TableName" in request:
            reads += [("GetItem", {"TableName": request["TableName"], "Key": key})] * 2
        for name, sent in reads:
            headers = {**HEADERS, "x-amz-target": f"DynamoDB_20120810.{name}"}
            sent_body = json.dumps(sent, default=_json_default).encode()
            response = endpoint.answer(HttpRequest("POST", "/", headers, sent_body))
            answers.append((response.status, json.loads(response.body)))
    return answers


@settings(
    max_examples=300,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    deadline=None,
)
@given(st.lists(near_plain_bodies(), min_size=1, max_size=4))
def test_a_get_item_read_straight_to_json_answers_as_the_long_way(
    bodies: list[tuple[str, str]],
) -> None:
    """With no call record, a plain GetItem is written from the stored item's
    JSON, kept on it for the next read; a write in between must show."""
    through_lane = _unrecorded_answers(bodies)
    with lanes_closed():
        the_long_way = _unrecorded_answers(bodies)
    assert through_lane == the_long_way


def test_a_stored_item_keeps_its_json_until_it_is_replaced() -> None:
    fake = _seeded()
    fake.service.calls.recording = False
    endpoint = Endpoint(fake.service)
    key = {"pk": {"S": "w"}}
    assert _answer(endpoint, "GetItem", {"TableName": SIMPLE, "Key": key}) == (200, {})
    _answer(endpoint, "PutItem", {"TableName": SIMPLE, "Item": {**key, "v": {"N": "1"}}})
    first = _answer(endpoint, "GetItem", {"TableName": SIMPLE, "Key": key})
    assert first == _answer(endpoint, "GetItem", {"TableName": SIMPLE, "Key": key})
    assert first == (200, {"Item": {**key, "v": {"N": "1"}}})
    fake.update_item(
        TableName=SIMPLE,
        Key=key,
        UpdateExpression="SET v = v + :one",
        ExpressionAttributeValues={":one": {"N": "1"}},
    )
    second = _answer(endpoint, "GetItem", {"TableName": SIMPLE, "Key": key})
    assert second == (200, {"Item": {**key, "v": {"N": "2"}}})


def _answer(endpoint: Endpoint, operation: str, body: dict[str, Any]) -> tuple[int, object]:
    headers = {**HEADERS, "x-amz-target": f"DynamoDB_20120810.{operation}"}
    request = HttpRequest("POST", "/", headers, json.dumps(body).encode())
    response = endpoint.answer(request)
    return response.status, json.loads(response.body)


def test_plain_bodies_take_the_lane_and_bodies_with_blobs_are_decoded_first() -> None:
    fake = _seeded()
    endpoint = Endpoint(fake.service)
    item = {"pk": {"S": "z"}, "n": {"N": "-1.50"}, "m": {"M": {"l": {"L": [{"NS": ["7"]}]}}}}
    with lane_answers() as answered:
        assert _answer(endpoint, "PutItem", {"TableName": SIMPLE, "Item": item}) == (200, {})
        got = _answer(endpoint, "GetItem", {"TableName": SIMPLE, "Key": {"pk": {"S": "z"}}})
    assert answered == ["PutItem", "GetItem"]
    assert got == (200, {"Item": {**item, "n": {"N": "-1.5"}}})

    # Base64 text is not yet a blob: a blob that is a whole attribute value is
    # decoded before the lane sees the body, and the body is not decoded again.
    blob = {"pk": {"S": "y"}, "b": {"B": "YWJj"}}
    with lane_answers() as answered, _counted_decoding() as decoded:
        assert _answer(endpoint, "PutItem", {"TableName": SIMPLE, "Item": blob}) == (200, {})
    assert (answered, decoded) == (["PutItem"], [])
    assert fake.get_item(TableName=SIMPLE, Key={"pk": {"S": "y"}})["Item"]["b"] == {"B": b"abc"}
    assert fake.calls.last.params == {"TableName": SIMPLE, "Key": {"pk": {"S": "y"}}}
    assert fake.calls[-2].params == {"TableName": SIMPLE, "Item": {**blob, "b": {"B": b"abc"}}}

    # The same with the member's name escaped, which no look at the text finds.
    escaped = '{"TableName": "%s", "Item": {"pk": {"S": "e"}, "b": {"\\u0042": "YWJj"}}}'
    headers = {**HEADERS, "x-amz-target": "DynamoDB_20120810.PutItem"}
    request = HttpRequest("POST", "/", headers, (escaped % SIMPLE).encode())
    assert endpoint.answer(request).status == 200
    assert fake.get_item(TableName=SIMPLE, Key={"pk": {"S": "e"}})["Item"]["b"] == {"B": b"abc"}


def test_a_body_with_a_deeper_blob_is_decoded_whole_and_a_binary_key_takes_the_lane() -> None:
    fake = _seeded()
    endpoint = Endpoint(fake.service)
    nested = {"pk": {"S": "n"}, "b": {"B": "YWJj"}, "m": {"M": {"c": {"B": "ZA=="}}}}
    with lane_answers() as answered, _counted_decoding() as decoded:
        assert _answer(endpoint, "PutItem", {"TableName": SIMPLE, "Item": nested}) == (200, {})
    assert (answered, decoded) == (["PutItem"], ["PutItem"])
    stored = fake.get_item(TableName=SIMPLE, Key={"pk": {"S": "n"}})["Item"]
    assert stored["m"] == {"M": {"c": {"B": b"d"}}}

    fake.create_table(
        TableName="binary",
        KeySchema=[{"AttributeName": "k", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "k", "AttributeType": "B"}],
        BillingMode="PAY_PER_REQUEST",
    )
    fake.put_item(TableName="binary", Item={"k": {"B": b"\x00\xff"}, "v": {"S": "x"}})
    key = {"k": {"B": "AP8="}}
    with lane_answers() as answered, _counted_decoding() as decoded:
        got = _answer(endpoint, "GetItem", {"TableName": "binary", "Key": key})
        # A padding bit set: refused as the full path refuses it.
        refused = _answer(endpoint, "GetItem", {"TableName": "binary", "Key": {"k": {"B": "AP9="}}})
    assert got == (200, {"Item": {"k": {"B": "AP8="}, "v": {"S": "x"}}})
    assert refused[0] == 400
    assert cast("dict[str, str]", refused[1])["__type"].endswith("SerializationException")
    assert (answered, decoded) == (["GetItem"], ["GetItem"])


@contextlib.contextmanager
def _counted_decoding() -> Iterator[list[str]]:
    """The operations whose bodies the endpoint decodes whole, while in the block."""
    decoded: list[str] = []
    original = wire.decode_request

    def counting(operation_name: str, body: object) -> dict[str, object]:
        decoded.append(operation_name)
        return original(operation_name, body)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(wire, "decode_request", counting)
        yield decoded


def test_the_lanes_are_the_ones_the_python_test_closes() -> None:
    assert set(LANES) == set(OPERATIONS.values())


def test_a_blob_written_through_boto3_in_process_is_stored_as_its_bytes() -> None:
    fake = _seeded()
    client = fake.boto3_client()
    client.put_item(TableName=SIMPLE, Item={"pk": {"S": "y"}, "b": {"B": b"a"}})
    client.put_item(TableName=SIMPLE, Item={"pk": {"S": "x"}, "b": {"BS": [b"a", b"b"]}})
    assert fake.get_item(TableName=SIMPLE, Key={"pk": {"S": "y"}})["Item"]["b"] == {"B": b"a"}
    got = client.get_item(TableName=SIMPLE, Key={"pk": {"S": "x"}})
    assert got["Item"]["b"] == {"BS": [b"a", b"b"]}

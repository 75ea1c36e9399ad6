"""The lane of the commonest item requests (``operations/items_plain.py``) answers
exactly as the checks and the handlers do.

Each request is answered twice, by a fake with the lanes open and by one with
them closed, and the two must agree on the answer or error (code, message,
botocore's ParamValidationError text) and on every table afterwards. The
requests are plain ones and plain ones with one thing changed, so both sides
of each of the lane's rules are reached.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, Any

import pytest
from botocore.exceptions import ClientError, ParamValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dynantic.testing import FakeDynamoDBClient
from dynantic.testing.engine.values import (
    decode_checked_item,
    decode_item,
    encode_item,
    item_size,
)
from dynantic.testing.operations.items_prepare import MAX_ITEM_BYTES
from dynantic.testing.operations.registry import LANES, Lane, LaneAnswer

from .conftest import INDEXED, SIMPLE, SORTED, add_tables, stored_state
from .test_properties import SEEDS, conditions, numbers, scalars

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import AttributeValueTypeDef

    from dynantic.testing.engine.database import Database

LONGEST_NAME = 65535  # AttributeName's max in the service model

plain_values = st.one_of(
    st.builds(lambda text: {"S": text}, st.text(max_size=4)),
    st.builds(lambda number: {"N": str(number)}, st.integers(-(10**40), 10**40)),
    st.builds(lambda number: {"N": str(number)}, st.decimals(places=2, allow_nan=False)),
    st.builds(lambda flag: {"BOOL": flag}, st.booleans()),
    st.just({"NULL": True}),
)
ODD_VALUES: list[object] = [
    {"S": 1},
    {"N": 1},
    {"BOOL": "true"},
    {"BOOL": 1},
    {"NULL": False},
    {"NULL": 1},
    {"S": None},
    {"S": "x", "N": "1"},
    {},
    {"M": {"a": {"S": "x"}}},
    {"M": {"n" * (LONGEST_NAME + 1): {"S": "x"}}},
    {"L": [{"M": {"n" * LONGEST_NAME: {"BOOL": 1}}}]},
    {"L": []},
    {"S": "x" * 409_600},
    "x",
    None,
]
odd_values: st.SearchStrategy[object] = st.one_of(
    st.sampled_from(ODD_VALUES),
    st.sampled_from(ODD_VALUES),
    scalars,
    st.builds(lambda text: {"N": text}, numbers),
)
PLAIN_NAMES = ["a", "b", "g", "gs", "l", "é"]
odd_names = st.sampled_from(["", "n" * (LONGEST_NAME + 1), "n" * LONGEST_NAME, "x.y"])
KEYS: dict[str, dict[str, Any]] = {
    SIMPLE: {"pk": {"S": "a"}},
    SORTED: {"pk": {"S": "a"}, "sk": {"N": "1"}},
    INDEXED: {"pk": {"S": "a"}, "sk": {"S": "1"}},
}
CONDITIONS = [
    ("attribute_exists(pk)", None, None),
    ("attribute_not_exists(pk)", None, None),
    ("#n = :v", {"#n": "a"}, {":v": {"N": "1"}}),
    ("a <> :v", None, {":v": {"S": "x"}}),
]
# Update expressions, with their placeholders (none shared with CONDITIONS').
UPDATES: list[tuple[str, dict[str, str] | None, dict[str, Any] | None]] = [
    ("SET a = :u", None, {":u": {"S": "y"}}),
    ("SET #u = #u + :u", {"#u": "a"}, {":u": {"N": "1"}}),
    ("REMOVE b", None, None),
    ("REMOVE #u[0]", {"#u": "b"}, None),
    ("ADD gs :u", None, {":u": {"N": "2"}}),
    ("SET g = :u", None, {":u": {"N": "1"}}),
    ("SET pk = :u", None, {":u": {"S": "z"}}),
    ("SET m.a = :u", None, {":u": {"S": "q"}}),
    ("DELETE a :u", None, {":u": {"SS": ["x"]}}),
    ("SET l = list_append(if_not_exists(l, :e), :u)", None, {":e": {"L": []}, ":u": {"L": []}}),
    # Over the statement charge's limit, though the stored "a" is left as it is.
    ("SET a = if_not_exists(a, :u)", None, {":u": {"S": "x" * 409_600}}),
]
ODD_UPDATES = ["", "SET", "SET a = :missing", "REMOVE pk", "SET a = :u, a = :u", 1, None]
PERTURBATIONS = [
    (
        "ReturnValues",
        st.sampled_from(["NONE", "ALL_OLD", "ALL_NEW", "UPDATED_OLD", "UPDATED_NEW", "all_new", 1]),
    ),
    ("ReturnConsumedCapacity", st.sampled_from(["NONE", "TOTAL"])),
    ("ReturnValuesOnConditionCheckFailure", st.just("ALL_OLD")),
    ("ConsistentRead", st.booleans()),
    ("ProjectionExpression", st.just("a")),
    ("Expected", st.just({"a": {"Exists": False}})),
    ("ExpressionAttributeNames", st.just(None)),
    ("Unknown", st.just(1)),
    ("UpdateExpression", st.sampled_from(ODD_UPDATES)),
]
# Weighted towards the deviations with the most cases.
DEVIATIONS = [
    "table",
    "member",
    "value",
    "value",
    "value",
    "name",
    "names",
    "values",
    "member",
    "condition",
    "names",
    "values",
    "key",
    "size",
    "missing",
]


@st.composite
def near_plain_requests(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    """A plain PutItem, GetItem, UpdateItem or DeleteItem request, or one with one
    thing changed."""
    operation = draw(st.sampled_from(["put_item", "get_item", "update_item", "delete_item"]))
    table = draw(st.sampled_from([SIMPLE, SORTED, INDEXED]))
    request: dict[str, Any] = {"TableName": table}
    attributes = dict(KEYS[table])
    if operation == "put_item":
        attributes.update(
            draw(st.dictionaries(st.sampled_from(PLAIN_NAMES), plain_values, max_size=4))
        )
    request["Item" if operation == "put_item" else "Key"] = attributes
    expressions: list[tuple[str, tuple[str, Any, Any]]] = []
    if operation == "update_item":
        expressions.append(("UpdateExpression", draw(st.sampled_from(UPDATES))))
        if draw(st.booleans()):
            request["ReturnValues"] = draw(PERTURBATIONS[0][1])
    if operation != "get_item" and draw(st.booleans()):
        expressions.append(("ConditionExpression", draw(st.sampled_from(CONDITIONS))))
    for member, (expression, names, values) in expressions:
        request[member] = expression
        if names is not None:
            request.setdefault("ExpressionAttributeNames", {}).update(names)
        if values is not None:
            request.setdefault("ExpressionAttributeValues", {}).update(values)
    if draw(st.integers(0, 3)):
        _deviate(draw, draw(st.sampled_from(DEVIATIONS)), request, attributes)
    return operation, request


def _deviate(
    draw: st.DrawFn, deviation: str, request: dict[str, Any], attributes: dict[str, Any]
) -> None:
    """Change one thing in a plain ``request`` (whose item or key is ``attributes``)."""
    table = request["TableName"]
    target = draw(st.sampled_from(sorted(attributes)))
    if deviation == "table":
        arn = f"arn:aws:dynamodb:us-east-1:123456789012:table/{table}"
        request["TableName"] = draw(st.sampled_from(["missing", "ab", arn, 7, [table]]))
    elif deviation == "value":
        attributes[target] = draw(odd_values)
    elif deviation == "name":
        attributes[draw(odd_names)] = attributes.pop(target)
    elif deviation == "member":
        member, member_values = draw(st.sampled_from(PERTURBATIONS))
        request[member] = draw(member_values)
    elif deviation == "condition":
        request["ConditionExpression"] = draw(st.one_of(conditions, st.just(None), st.just(1)))
    elif deviation == "names":
        request["ConditionExpression"] = "#n = :v"
        request["ExpressionAttributeValues"] = {":v": {"N": "1"}}
        request["ExpressionAttributeNames"] = draw(
            st.one_of(
                odd_names.map(lambda name: {"#n": name}),
                st.sampled_from([None, {}, {"#n": 1}, {1: "a"}, ["#n"], {"#n": "a", "#m": "b"}]),
            )
        )
    elif deviation == "values":
        request["ConditionExpression"] = "a <> :v"
        odd_maps = [None, {}, [":v"], {"v": {"S": "x"}}, {":v": {"S": "x"}, ":w": {"S": "y"}}]
        request["ExpressionAttributeValues"] = draw(
            st.one_of(odd_values.map(lambda value: {":v": value}), st.sampled_from(odd_maps))
        )
    elif deviation == "key":
        if draw(st.booleans()):
            attributes[draw(st.sampled_from(PLAIN_NAMES))] = draw(plain_values)
        else:
            del attributes[target]
    elif deviation == "size":
        # One byte under the item size limit, at it, or one byte over.
        room = MAX_ITEM_BYTES - item_size(decode_item(KEYS[table])) - len("big")
        attributes["big"] = {"S": "x" * (room + draw(st.sampled_from([-1, 0, 1])))}
    else:
        del request[draw(st.sampled_from(sorted(request)))]


@contextmanager
def lanes_closed() -> Iterator[None]:
    """Every request takes the checks and the handler, as without the lanes."""
    saved = dict(LANES)
    LANES.clear()
    try:
        yield
    finally:
        LANES.update(saved)


def _seeded() -> FakeDynamoDBClient:
    fake = FakeDynamoDBClient()
    add_tables(fake)
    for item in SEEDS:
        sorted_item: dict[str, Any] = {**item, "sk": {"N": "1"}}
        indexed_item: dict[str, Any] = {**item, "sk": {"S": "1"}, "g": {"S": "x"}}
        fake.put_item(TableName=SIMPLE, Item=item)
        fake.put_item(TableName=SORTED, Item=sorted_item)
        fake.put_item(TableName=INDEXED, Item=indexed_item)
    return fake


def _outcome(operation: str, request: dict[str, Any]) -> tuple[object, ...]:
    """What a fresh fake answers ``request`` with, and what it stores afterwards."""
    fake = _seeded()
    answer: object
    try:
        response = dict(getattr(fake, operation)(**copy.deepcopy(request)))
        del response["ResponseMetadata"]
        answer = ("answered", response)
    except ClientError as error:
        answer = ("refused", error.response["Error"])
    except ParamValidationError as error:
        answer = ("invalid", str(error))
    last = fake.calls.last
    return answer, stored_state(fake), (last.api_name, last.params, last.response, last.error)


@settings(
    max_examples=1000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    deadline=None,
)
@given(near_plain_requests())
def test_the_lane_answers_as_the_checks_and_the_handler_do(
    call: tuple[str, dict[str, Any]],
) -> None:
    operation, request = call
    through_lane = _outcome(operation, request)
    with lanes_closed():
        the_long_way = _outcome(operation, request)
    assert through_lane == the_long_way


@contextmanager
def lane_answers() -> Iterator[list[str]]:
    """The operations whose lane answered a request within the block."""
    answered: list[str] = []
    saved = dict(LANES)

    def spy(name: str, lane: Lane) -> Lane:
        def watched(database: Database, request: Mapping[str, object]) -> LaneAnswer | None:
            answer = lane(database, request)
            if answer is not None:
                answered.append(name)
            return answer

        return watched

    LANES.update({name: spy(name, lane) for name, lane in saved.items()})
    try:
        yield answered
    finally:
        LANES.update(saved)


def test_the_commonest_requests_take_the_lane() -> None:
    fake = _seeded()
    item: dict[str, AttributeValueTypeDef] = {
        "pk": {"S": "z"},
        "n": {"N": "-1.50"},
        "big": {"N": "10"},
        "t": {"BOOL": False},
        "u": {"NULL": True},
        "é": {"S": "ü"},
        "m": {"M": {"l": {"L": [{"B": b"\x00"}, {"NS": ["7"]}]}}},
    }
    with lane_answers() as answered:
        fake.put_item(TableName=SIMPLE, Item=item)
        fake.put_item(
            TableName=SIMPLE,
            Item=item,
            ConditionExpression="#n = :v",
            ExpressionAttributeNames={"#n": "n"},
            ExpressionAttributeValues={":v": {"N": "-1.5"}},
        )
        got = fake.get_item(TableName=SIMPLE, Key={"pk": {"S": "z"}})
        updated = fake.update_item(
            TableName=SIMPLE,
            Key={"pk": {"S": "z"}},
            UpdateExpression="SET #n = #n + :one REMOVE u",
            ConditionExpression="t = :f",
            ExpressionAttributeNames={"#n": "big"},
            ExpressionAttributeValues={":one": {"N": "1"}, ":f": {"BOOL": False}},
            ReturnValues="UPDATED_NEW",
        )
        fake.update_item(TableName=SIMPLE, Key={"pk": {"S": "z"}}, UpdateExpression="REMOVE t")
        fake.delete_item(
            TableName=SIMPLE, Key={"pk": {"S": "z"}}, ConditionExpression="attribute_exists(pk)"
        )
    assert answered == [
        "PutItem",
        "PutItem",
        "GetItem",
        "UpdateItem",
        "UpdateItem",
        "DeleteItem",
    ]
    assert got["Item"] == {**item, "n": {"N": "-1.5"}}
    assert updated["Attributes"] == {"big": {"N": "11"}}
    assert fake.calls[-3].response == {"Attributes": {"big": {"N": "11"}}}
    assert fake.calls[-2].params == {
        "TableName": SIMPLE,
        "Key": {"pk": {"S": "z"}},
        "UpdateExpression": "REMOVE t",
    }
    assert [stored for stored in fake.table_items(SIMPLE) if stored["pk"] == "z"] == []
    assert [call.api_name for call in fake.calls[-6:]] == answered  # recorded as ever
    assert fake.calls.last.params == {
        "TableName": SIMPLE,
        "Key": {"pk": {"S": "z"}},
        "ConditionExpression": "attribute_exists(pk)",
    }


@pytest.mark.parametrize(
    ("operation", "request_"),
    [
        ("put_item", {"TableName": SIMPLE, "Item": {"pk": {"S": "a"}, "b": {"SS": []}}}),
        ("put_item", {"TableName": SIMPLE, "Item": {"pk": {"S": "a"}, "b": {"NULL": False}}}),
        ("put_item", {"TableName": SIMPLE, "Item": {"pk": {"S": "a"}}, "ReturnValues": "NONE"}),
        ("get_item", {"TableName": SIMPLE, "Key": {"pk": {"S": "a"}}, "ConsistentRead": True}),
        (
            "update_item",
            {
                "TableName": SIMPLE,
                "Key": {"pk": {"S": "a"}},
                "UpdateExpression": "REMOVE b",
                "ReturnConsumedCapacity": "TOTAL",
            },
        ),
        (
            "update_item",
            {"TableName": SIMPLE, "Key": {"pk": {"S": "a"}}, "AttributeUpdates": {}},
        ),
        (
            "update_item",
            {
                "TableName": SIMPLE,
                "Key": {"pk": {"S": "a"}},
                "UpdateExpression": "REMOVE b",
                "ReturnValues": "all_new",
            },
        ),
        ("get_item", {"TableName": "missing", "Key": {"pk": {"S": "a"}}}),
        ("delete_item", {"TableName": SIMPLE, "Key": {"pk": {"S": "a"}, "": {"S": "x"}}}),
        (
            "delete_item",
            {"TableName": SIMPLE, "Key": {"pk": {"S": "a"}}, "ConditionExpression": "a = :unset"},
        ),
    ],
)
def test_other_requests_take_the_checks_and_the_handler(
    operation: str, request_: dict[str, Any]
) -> None:
    fake = _seeded()
    with lane_answers() as answered, suppress(ClientError):
        getattr(fake, operation)(**request_)
    assert answered == []


def test_programmed_faults_and_automatic_expiry_close_the_lane() -> None:
    fake = _seeded()
    fake.faults.fail("InternalServerError", operation="put_item")
    with lane_answers() as answered, pytest.raises(ClientError, match="InternalServerError"):
        fake.put_item(TableName=SIMPLE, Item={"pk": {"S": "q"}})
    assert answered == []
    fake.auto_expire = True
    with lane_answers() as answered:
        fake.put_item(TableName=SIMPLE, Item={"pk": {"S": "q"}})
    assert answered == []
    assert fake.get_item(TableName=SIMPLE, Key={"pk": {"S": "q"}})["Item"] == {"pk": {"S": "q"}}


@settings(max_examples=500, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(PLAIN_NAMES),
        st.one_of(plain_values, odd_values, st.builds(lambda text: {"N": text}, numbers)),
        max_size=4,
    )
)
def test_a_plain_item_said_to_encode_back_exactly_does(wire: dict[str, object]) -> None:
    # The call record keeps such an item decoded and encodes it when read.
    decoded = decode_checked_item(wire, lambda _value: True, LONGEST_NAME)
    if decoded is not None and decoded[2]:
        assert encode_item(decoded[0]) == wire

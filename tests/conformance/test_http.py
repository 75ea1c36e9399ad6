"""What the service does at the HTTP level: a gzip request body, a large response
compressed when the client accepts it, the CORS headers a browser reads. Headers
and bodies are changed before the request is signed, as an SDK does; the
in-process fake has no HTTP."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import pytest
from botocore.exceptions import ClientError

from .backends import DYNALITE, FAKE, MOTO
from .markers import known_divergence, unsupported, without_report
from .support import Backend, reported_error

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import AttributeValueTypeDef

pytestmark = unsupported(FAKE, "HTTP (it is called in process)")

_SERVICE = (
    "scylladb test/alternator test_compressed_request.py and test_compressed_response.py, "
    "run against AWS"
)


@contextmanager
def _handler(dynamodb: Backend, event: str, handler: Callable[..., None]) -> Iterator[None]:
    client: Any = dynamodb.client  # a boto3 client: the in-process fake is skipped
    events = client.meta.events
    events.register(event, handler)
    try:
        yield
    finally:
        events.unregister(event, handler)


@contextmanager
def _request_body(
    dynamodb: Backend, rewrite: Callable[[bytes], bytes], coding: str
) -> Iterator[None]:
    """Every request body rewritten and labelled with ``Content-Encoding: coding``."""

    def encode(request: Any, **_: object) -> None:
        request.data = rewrite(request.body)
        request.headers["Content-Encoding"] = coding

    with _handler(dynamodb, "before-sign.dynamodb", encode):
        yield


@contextmanager
def _accepting(dynamodb: Backend, accept: str) -> Iterator[list[str | None]]:
    """Requests sent with ``Accept-Encoding: accept``; yields the ``Content-Encoding``
    of each response, its body decompressed for botocore to parse."""
    codings: list[str | None] = []

    def add_header(request: Any, **_: object) -> None:
        request.headers["Accept-Encoding"] = accept

    def decompress(response_dict: dict[str, Any], **_: object) -> None:
        coding = response_dict["headers"].get("Content-Encoding")
        codings.append(coding)
        if coding == "gzip":
            response_dict["body"] = gzip.decompress(response_dict["body"])
        elif coding == "deflate":
            response_dict["body"] = zlib.decompress(response_dict["body"])

    with (
        _handler(dynamodb, "before-sign.dynamodb", add_header),
        _handler(dynamodb, "before-parse.dynamodb", decompress),
    ):
        yield codings


@known_divergence(DYNALITE, "cannot read a gzip request body", service=_SERVICE)
def test_a_gzip_request_body_is_read(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    item = {"pk": {"S": "compressed"}, "note": {"S": "folded " * 50}}
    with _request_body(dynamodb, gzip.compress, "gzip"):
        dynamodb.client.put_item(TableName=table, Item=item)
    assert (
        dynamodb.client.get_item(TableName=table, Key={"pk": {"S": "compressed"}})["Item"] == item
    )


@known_divergence(DYNALITE, "cannot read a gzip request body", service=_SERVICE)
def test_gzip_members_one_after_another_make_one_body(dynamodb: Backend) -> None:
    table = dynamodb.key_table()

    def two_members(body: bytes) -> bytes:
        return gzip.compress(body[:7]) + gzip.compress(body[7:])

    with _request_body(dynamodb, two_members, "gzip"):
        dynamodb.client.put_item(TableName=table, Item={"pk": {"S": "two"}})
    assert "Item" in dynamodb.client.get_item(TableName=table, Key={"pk": {"S": "two"}})


@pytest.mark.parametrize(
    ("coding", "rewrite"),
    [
        pytest.param("gzip", lambda body: body, id="plain-body-labelled-gzip"),
        pytest.param("gzip", lambda body: gzip.compress(body)[:-1], id="truncated-gzip"),
        pytest.param("br", gzip.compress, id="unknown-coding"),
    ],
)
@known_divergence(
    DYNALITE,
    "ignores Content-Encoding: reads a plain body, refuses any other as a SerializationException",
    service=_SERVICE,
)
@known_divergence(
    MOTO, "reads a plain body labelled gzip, and fails in process on the others", service=_SERVICE
)
def test_an_undecodable_request_body_is_an_internal_server_error(
    dynamodb: Backend, coding: str, rewrite: Callable[[bytes], bytes]
) -> None:
    table = dynamodb.key_table()
    with pytest.raises(ClientError) as raised, _request_body(dynamodb, rewrite, coding):
        dynamodb.client.put_item(TableName=table, Item={"pk": {"S": "never"}})
    response: Any = raised.value.response
    assert response["Error"]["Code"] == "InternalServerError"
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 500
    assert "Item" not in dynamodb.client.get_item(TableName=table, Key={"pk": {"S": "never"}})


def _compressed(params: Mapping[str, object]) -> bool:
    return params["expected"] is not None


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("gzip", "gzip"),
        ("deflate", "deflate"),
        ("identity", None),
        ("br, deflate, gzip", "deflate"),
        ("*", "gzip"),
        ("*, gzip;q=0.5", "deflate"),
        ("gzip;q=0", None),
        ("deflate;q=0.4, gzip;q=7", "gzip"),
    ],
)
@known_divergence(
    (DYNALITE, MOTO), "never compresses a response", service=_SERVICE, when=_compressed
)
def test_a_large_response_is_compressed_as_accepted(
    dynamodb: Backend, accept: str, expected: str | None
) -> None:
    table = dynamodb.key_table()
    item: dict[str, AttributeValueTypeDef] = {"pk": {"S": "big"}, "text": {"S": "z" * 5000}}
    dynamodb.put_items(table, item)
    with _accepting(dynamodb, accept) as codings:
        got = dynamodb.client.get_item(TableName=table, Key={"pk": {"S": "big"}})
    assert got["Item"] == item
    assert codings == [expected]


def test_a_small_response_is_not_compressed(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    item: dict[str, AttributeValueTypeDef] = {"pk": {"S": "small"}, "text": {"S": "z" * 3000}}
    dynamodb.put_items(table, item)
    with _accepting(dynamodb, "gzip, deflate") as codings:
        got = dynamodb.client.get_item(TableName=table, Key={"pk": {"S": "small"}})
    assert got["Item"] == item
    assert codings == [None]


_CORS_SERVICE = "scylladb test/alternator test_cors.py, run against AWS"
_EXPOSED = "x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date"


@known_divergence(DYNALITE, "answers without Access-Control-Expose-Headers", service=_CORS_SERVICE)
@known_divergence(MOTO, "answers without CORS headers", service=_CORS_SERVICE)
def test_a_request_with_an_origin_is_answered_for_a_browser(dynamodb: Backend) -> None:
    answers: list[dict[str, str]] = []

    def add_origin(request: Any, **_: object) -> None:
        request.headers["Origin"] = "http://localhost:5173"

    def keep_headers(response_dict: dict[str, Any], **_: object) -> None:
        answers.append({name.lower(): value for name, value in response_dict["headers"].items()})

    with (
        _handler(dynamodb, "before-sign.dynamodb", add_origin),
        _handler(dynamodb, "before-parse.dynamodb", keep_headers),
    ):
        dynamodb.client.list_tables(Limit=1)
    (headers,) = answers
    assert headers["access-control-allow-origin"] == "*"
    assert headers["access-control-expose-headers"] == _EXPOSED
    assert "access-control-max-age" not in headers


_NULL_MEMBER_SOURCE = (
    "ExtendDB tests/test_attribute_value_validation.py, run against the live service; "
    "the same words in AWS's DAX client and DynamoDB Local"
)
_STAND_IN = "stand-in-for-null"


@contextmanager
def _null_for_stand_in(dynamodb: Backend) -> Iterator[None]:
    """Every request body sent with the string ``_STAND_IN`` written as JSON ``null``,
    which botocore itself would refuse to send."""

    def rewrite(request: Any, **_: object) -> None:
        request.data = request.body.replace(f'"{_STAND_IN}"'.encode(), b"null")

    with _handler(dynamodb, "before-sign.dynamodb", rewrite):
        yield


@without_report()
@pytest.mark.parametrize(
    "value",
    [
        pytest.param({"SS": ["red", _STAND_IN]}, id="string-set"),
        pytest.param({"L": [{"SS": [_STAND_IN, "red"]}]}, id="string-set-in-a-list"),
        pytest.param({"M": {"inner": {"SS": ["red", _STAND_IN]}}}, id="string-set-in-a-map"),
    ],
)
@unsupported(DYNALITE, "a null set member: its server process exits on one")
@known_divergence(
    MOTO, "fails in process on a string set with a null member", service=_NULL_MEMBER_SOURCE
)
def test_a_null_string_set_member_is_refused(
    dynamodb: Backend, value: AttributeValueTypeDef
) -> None:
    table = dynamodb.key_table()
    with (
        reported_error(
            "ValidationException",
            "One or more parameter values were invalid: "
            "An string set may not have a null string as a member",
        ),
        _null_for_stand_in(dynamodb),
    ):
        dynamodb.client.put_item(TableName=table, Item={"pk": {"S": "colours"}, "tags": value})
    assert "Item" not in dynamodb.client.get_item(TableName=table, Key={"pk": {"S": "colours"}})

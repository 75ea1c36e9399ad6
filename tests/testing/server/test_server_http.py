"""The endpoint over raw HTTP, without an SDK: what the service answers to
malformed requests, and how connections are handled."""

from __future__ import annotations

import gzip
import http.client
import json
import socket
import threading
import zlib
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING

import pytest

from dynantic.testing.content_coding import response_coding
from dynantic.testing.errors import ServiceError
from dynantic.testing.server import DynamoDBServer, serve
from dynantic.testing.service import Service

from .endpoint_helpers import AMZ_JSON, SIGNED, address, post

if TYPE_CHECKING:
    from dynantic.testing import FakeDynamoDBClient

GET_USER = b'{"TableName": "users", "Key": {"pk": {"S": "u1"}}}'


def error_of(body: bytes) -> dict[str, object]:
    decoded: dict[str, object] = json.loads(body)
    return decoded


def request_head(operation: str, length: int, *, extra: str = "") -> bytes:
    signed = "".join(f"{name}: {value}\r\n" for name, value in SIGNED.items())
    return (
        f"POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: DynamoDB_20120810.{operation}\r\n"
        f"Content-Type: {AMZ_JSON}\r\n{signed}Content-Length: {length}\r\n{extra}\r\n"
    ).encode()


def read_response(connection: socket.socket) -> bytes:
    """One whole response (headers and Content-Length body) from a raw socket."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = connection.recv(65536)
        assert chunk, "connection closed before a response"
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = int(head.lower().split(b"content-length: ")[1].split(b"\r\n")[0])
    while len(body) < length:
        body += connection.recv(65536)
    return data


# ---------------------------------------------------------------- what the service answers


def test_a_successful_answer_carries_the_headers_the_sdks_check(url: str) -> None:
    answer = post(url, GET_USER)
    assert answer.status == 200
    assert answer.body == b"{}"
    assert answer.headers["content-type"] == AMZ_JSON
    assert answer.headers["content-length"] == "2"
    assert answer.headers["x-amz-crc32"] == str(zlib.crc32(answer.body))
    assert len(answer.headers["x-amzn-requestid"]) == 52
    assert answer.headers["date"].endswith(" GMT")
    assert answer.headers["connection"] == "keep-alive"


def test_a_body_that_is_not_json_is_a_bare_serialization_exception(url: str) -> None:
    answer = post(url, b"{not json")
    assert answer.status == 400
    assert answer.body == b'{"__type":"com.amazon.coral.service#SerializationException"}'
    assert answer.headers["x-amz-crc32"] == str(zlib.crc32(answer.body))


def test_an_empty_body_is_a_bare_serialization_exception(url: str) -> None:
    answer = post(url, b"")
    assert (answer.status, answer.body) == (
        400,
        b'{"__type":"com.amazon.coral.service#SerializationException"}',
    )


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'{"TableName": 1}', "NUMBER_VALUE cannot be converted to String"),
        (b'{"TableName": "users", "Key": {"pk": 1}}', "Unexpected value type in payload"),
        (b'{"TableName": "users", "ConsistentRead": "x"}', "Unexpected token received from parser"),
        (
            b'{"TableName": "users", "Key": {"pk": {"B": "abc"}}}',
            "Base64 encoded length is expected a multiple of 4 bytes but found: 3",
        ),
    ],
)
def test_wrong_json_types_are_serialization_exceptions(url: str, body: bytes, message: str) -> None:
    answer = post(url, body)
    assert answer.status == 400
    assert error_of(answer.body) == {
        "__type": "com.amazon.coral.service#SerializationException",
        "Message": message,
    }


def test_a_body_not_json_is_reported_before_the_target_is_looked_at(url: str) -> None:
    answer = post(url, b"nope", operation="Nope")
    assert error_of(answer.body) == {"__type": "com.amazon.coral.service#SerializationException"}


@pytest.mark.parametrize("operation", [None, "Nope", "GetItem.Extra"])
def test_a_missing_or_unknown_target_is_an_unknown_operation(
    url: str, operation: str | None
) -> None:
    answer = post(url, GET_USER, operation=operation)
    assert answer.status == 400
    assert answer.body == b'{"__type":"com.amazon.coral.service#UnknownOperationException"}'


def test_an_operation_of_the_api_that_is_not_implemented_says_so(url: str) -> None:
    answer = post(url, b"{}", operation="ExecuteStatement")
    assert answer.status == 400
    assert error_of(answer.body) == {
        "__type": "com.amazon.coral.service#UnknownOperationException",
        "message": "ExecuteStatement is a DynamoDB operation that dynantic's in-memory DynamoDB"
        " does not implement",
    }


def test_describe_endpoints_names_the_address_the_request_was_sent_to() -> None:
    """Endpoint discovery then keeps the client here, instead of sending it to AWS;
    the call record shows the answer the client got."""
    service = Service()
    with serve(service) as url:
        answer = post(url, b"{}", operation="DescribeEndpoints", extra={"Host": "db.test:4566"})
    assert answer.status == 200
    expected = {"Endpoints": [{"Address": "db.test:4566", "CachePeriodInMinutes": 1440}]}
    assert json.loads(answer.body) == expected
    assert service.calls.last.response == expected


def test_describe_endpoints_without_a_host_names_the_regional_host(url: str) -> None:
    body = b"{}"
    head = request_head("DescribeEndpoints", len(body)).replace(b"Host: localhost\r\n", b"")
    with socket.create_connection(address(url), timeout=10) as connection:
        connection.sendall(head + body)
        response = read_response(connection)
    assert response.endswith(
        b'{"Endpoints":[{"Address":"dynamodb.us-east-1.amazonaws.com","CachePeriodInMinutes":1440}]}'
    )


def test_a_target_of_another_api_version_is_an_unknown_operation(url: str) -> None:
    answer = post(
        url, GET_USER, operation=None, extra={"X-Amz-Target": "DynamoDB_20111205.GetItem"}
    )
    assert error_of(answer.body) == {"__type": "com.amazon.coral.service#UnknownOperationException"}


@pytest.mark.parametrize("content_type", [None, "text/plain", "Application/JSON"])
def test_a_body_of_another_content_type_is_not_found(url: str, content_type: str | None) -> None:
    answer = post(url, GET_USER, content_type=content_type)
    assert answer.status == 404
    assert answer.body == b"<UnknownOperationException/>\n"
    assert answer.headers["x-amz-crc32"] == str(zlib.crc32(answer.body))


def test_plain_json_is_accepted_and_answered_as_plain_json(url: str) -> None:
    answer = post(url, GET_USER, content_type="application/json; charset=utf-8")
    assert (answer.status, answer.body) == (200, b"{}")
    assert answer.headers["content-type"] == "application/json"


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_other_methods_are_not_found(url: str, method: str) -> None:
    answer = post(url, GET_USER, method=method)
    assert (answer.status, answer.body) == (404, b"<UnknownOperationException/>\n")


def test_head_is_answered_without_a_body(url: str) -> None:
    with socket.create_connection(address(url)) as connection:
        connection.sendall(b"HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 404 Not Found\r\n")
    assert b"\r\nContent-Length: 29\r\n" in head
    assert body == b""


def test_get_answers_a_health_check(url: str) -> None:
    answer = post(url, b"", method="GET", operation=None, content_type=None)
    assert (answer.status, answer.body) == (200, b"healthy: dynamodb.us-east-1.amazonaws.com ")


def test_a_browser_preflight_is_allowed(url: str) -> None:
    extra = {
        "Origin": "http://localhost:3000",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "x-amz-target,content-type",
    }
    answer = post(url, b"", method="OPTIONS", operation=None, content_type=None, extra=extra)
    assert answer.status == 200
    assert answer.headers["access-control-allow-origin"] == "*"
    assert answer.headers["access-control-allow-headers"] == "x-amz-target,content-type"
    assert answer.headers["access-control-allow-methods"] == "POST"


def test_every_answer_to_an_origin_exposes_the_service_headers(url: str) -> None:
    origin = {"Origin": "http://localhost:3000"}
    preflight = post(url, b"", method="OPTIONS", operation=None, content_type=None, extra=origin)
    answer = post(url, GET_USER, extra=origin)
    for response in (preflight, answer):
        assert response.headers["access-control-expose-headers"] == (
            "x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date"
        )
    assert "access-control-max-age" in preflight.headers
    assert "access-control-max-age" not in answer.headers


def test_no_cors_header_without_an_origin(url: str) -> None:
    answer = post(url, GET_USER)
    assert not [name for name in answer.headers if name.startswith("access-control-")]


@pytest.mark.parametrize("path", ["/health", "/abc", "/index.htm"])
def test_a_get_elsewhere_than_the_root_is_not_found(url: str, path: str) -> None:
    connection = http.client.HTTPConnection(*address(url), timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        assert (response.status, response.read()) == (404, b"<UnknownOperationException/>\n")
    finally:
        connection.close()


def test_an_unsigned_request_is_missing_its_authentication_token(url: str) -> None:
    answer = post(url, GET_USER, signed=False)
    assert error_of(answer.body) == {
        "__type": "com.amazon.coral.service#MissingAuthenticationTokenException",
        "message": "Request is missing Authentication Token",
    }


def test_an_incomplete_signature_says_what_is_missing(url: str) -> None:
    header = "AWS4-HMAC-SHA256 Credential=a, Signature=b"
    answer = post(url, GET_USER, signed=False, extra={"Authorization": header})
    assert error_of(answer.body) == {
        "__type": "com.amazon.coral.service#IncompleteSignatureException",
        "message": "Authorization header requires 'SignedHeaders' parameter. "
        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. "
        f"Authorization={header}",
    }


def test_service_errors_carry_their_namespace(url: str) -> None:
    answer = post(url, b'{"TableName": "missing", "Key": {"pk": {"S": "u1"}}}')
    assert answer.status == 400
    assert error_of(answer.body) == {
        "__type": "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
        "message": "Requested resource not found",
    }


class _BrokenService(Service):
    def invoke(
        self,
        operation_name: str,
        request: Mapping[str, object],
        *,
        check_shape: Callable[[str, Mapping[str, object]], None] | None = None,
    ) -> dict[str, object]:
        raise RuntimeError("a bug")


def test_a_fault_in_the_service_is_an_internal_server_error_and_serving_goes_on(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with serve(_BrokenService()) as url:
        first = post(url, GET_USER)
        second = post(url, GET_USER)
    assert first.status == second.status == 500
    assert error_of(first.body) == {
        "__type": "com.amazonaws.dynamodb.v20120810#InternalServerError",
        "message": "Internal server error",
    }
    assert "RuntimeError: a bug" in capsys.readouterr().err


def nested_list(depth: int) -> bytes:
    value = '{"S": "x"}'
    for _ in range(depth):
        value = f'{{"L": [{value}]}}'
    return f'{{"TableName": "users", "Item": {{"pk": {{"S": "a"}}, "l": {value}}}}}'.encode()


@pytest.mark.parametrize(("depth", "report"), [(32, "1 validation error detected: "), (450, "")])
def test_values_nested_too_deep_are_refused(url: str, depth: int, report: str) -> None:
    # PutItem words its own refusal as a validation report; a body nested past
    # what the decoder walks is refused before the operation, bare.
    answer = post(url, nested_list(depth), operation="PutItem")
    assert error_of(answer.body) == {
        "__type": "com.amazon.coral.validate#ValidationException",
        "message": report + "Nesting Levels have exceeded supported limits: "
        "Attributes in the item have nested levels beyond supported limit",
    }


def test_json_nested_beyond_any_parser_is_a_serialization_exception(url: str) -> None:
    answer = post(url, nested_list(5000), operation="PutItem")
    assert error_of(answer.body) == {"__type": "com.amazon.coral.service#SerializationException"}


class _Faulting(Service):
    def invoke(
        self,
        operation_name: str,
        request: Mapping[str, object],
        *,
        check_shape: Callable[[str, Mapping[str, object]], None] | None = None,
    ) -> dict[str, object]:
        raise ServiceError("InternalServerError", "Internal server error")


def test_an_internal_server_error_is_a_500_whoever_raises_it() -> None:
    with serve(_Faulting()) as url:
        answer = post(url, GET_USER)
    assert answer.status == 500
    assert error_of(answer.body)["__type"] == (
        "com.amazonaws.dynamodb.v20120810#InternalServerError"
    )


# ---------------------------------------------------------------- content codings

PUT_USER = b'{"TableName": "users", "Item": {"pk": {"S": "u9"}, "name": {"S": "Ada"}}}'


def stored_user(fake: FakeDynamoDBClient) -> object:
    return fake.get_item(TableName="users", Key={"pk": {"S": "u9"}}).get("Item")


def test_a_gzip_request_body_is_decompressed(fake: FakeDynamoDBClient, url: str) -> None:
    answer = post(
        url, gzip.compress(PUT_USER), operation="PutItem", extra={"Content-Encoding": "gzip"}
    )
    assert answer.status == 200
    assert stored_user(fake) == {"pk": {"S": "u9"}, "name": {"S": "Ada"}}


def test_gzip_members_in_a_row_are_one_body(fake: FakeDynamoDBClient, url: str) -> None:
    body = gzip.compress(PUT_USER[:12]) + gzip.compress(PUT_USER[12:])
    answer = post(url, body, operation="PutItem", extra={"Content-Encoding": "gzip"})
    assert answer.status == 200
    assert stored_user(fake) is not None


def test_bytes_after_the_last_gzip_member_are_ignored(fake: FakeDynamoDBClient, url: str) -> None:
    body = gzip.compress(PUT_USER) + b"trailing"
    answer = post(url, body, operation="PutItem", extra={"Content-Encoding": "gzip"})
    assert answer.status == 200
    assert stored_user(fake) is not None


@pytest.mark.parametrize(
    ("coding", "body"),
    [
        ("gzip", PUT_USER),
        ("gzip", gzip.compress(PUT_USER)[:-1]),
        ("gzip", b""),
        ("garbage", PUT_USER),
        ("deflate", zlib.compress(PUT_USER)),
    ],
    ids=["not-gzip", "truncated", "empty", "unknown-coding", "deflate"],
)
def test_an_undecodable_body_is_an_internal_server_error(
    fake: FakeDynamoDBClient, url: str, coding: str, body: bytes
) -> None:
    answer = post(url, body, operation="PutItem", extra={"Content-Encoding": coding})
    assert answer.status == 500
    assert error_of(answer.body) == {
        "__type": "com.amazonaws.dynamodb.v20120810#InternalServerError",
        "message": "Internal server error",
    }
    assert stored_user(fake) is None


def put_text(fake: FakeDynamoDBClient, length: int) -> bytes:
    fake.put_item(TableName="users", Item={"pk": {"S": "u1"}, "text": {"S": "t" * length}})
    return GET_USER


@pytest.mark.parametrize("coding", ["gzip", "deflate"])
def test_a_large_answer_is_compressed_when_accepted(
    fake: FakeDynamoDBClient, url: str, coding: str
) -> None:
    answer = post(url, put_text(fake, 5000), extra={"Accept-Encoding": coding})
    assert answer.headers["content-encoding"] == coding
    assert answer.headers["x-amz-crc32"] == str(zlib.crc32(answer.body))
    plain = gzip.decompress(answer.body) if coding == "gzip" else zlib.decompress(answer.body)
    assert json.loads(plain)["Item"]["text"] == {"S": "t" * 5000}


def test_an_answer_under_4_kb_is_not_compressed(fake: FakeDynamoDBClient, url: str) -> None:
    answer = post(url, put_text(fake, 4000), extra={"Accept-Encoding": "gzip"})
    assert len(answer.body) < 4096
    assert "content-encoding" not in answer.headers


def test_an_answer_is_not_compressed_unless_asked(fake: FakeDynamoDBClient, url: str) -> None:
    answer = post(url, put_text(fake, 5000))
    assert "content-encoding" not in answer.headers


@pytest.mark.parametrize(
    ("accept", "coding"),
    [
        ("", None),
        ("identity", None),
        ("br, zstd, x-gzip, compress", None),
        ("gzip, deflate", "gzip"),
        ("br, identity, deflate, gzip", "deflate"),
        ("GZIP ,, cat", "gzip"),
        ("gzip;q=0.8, deflate;q=0.5", "gzip"),
        ("br, gzip;q=0, deflate; q = 0.5 , identity;q=0", "deflate"),
        ("*", "gzip"),
        ("*, deflate", "deflate"),
        ("*, deflate;q=0.5", "gzip"),
        ("*, gzip;q=0.5", "deflate"),
        ("*;q=0", None),
        ("*;q=0.5,identity", "gzip"),
        ("br;q=0.8,identity;q=0.5,*;q=0", None),
        ('"gzip"', None),
        ("gzip br", None),
        ("gzip:q=1", None),
        ("gzip;q=31,deflate;q=51", "gzip"),
        ("deflate;q=0.5, gzip;q=1;q=0.2", "gzip"),
        ("deflate;q=0.5,gzip;q=0.", "deflate"),
        ("deflate;q=0.5,gzip;q=0.x", "gzip"),
        ("deflate;q=-0.5,gzip;q=0.2", "gzip"),
        ("gzip;nq=1;q=0 ", None),
        ("gzip;q=0, gzip;q=1, gzip;q=0", "gzip"),
        ("br,identity;q=0.5,gzip;q=0.0001", "gzip"),
    ],
)
def test_accept_encoding_is_read_as_the_service_reads_it(accept: str, coding: str | None) -> None:
    assert response_coding(accept) == coding


# ---------------------------------------------------------------- bodies and framing


def test_a_body_over_16_mb_is_refused_without_being_read(url: str) -> None:
    with socket.create_connection(address(url)) as connection:
        connection.sendall(request_head("GetItem", 16 * 1024 * 1024 + 1))
        answer = connection.recv(65536)
        assert answer.startswith(b"HTTP/1.1 413 ")
        assert b"Connection: close\r\n" in answer
        assert connection.recv(65536) == b""  # and the connection is closed


def test_a_client_that_sends_an_oversized_body_anyway_reads_the_refusal(url: str) -> None:
    answer = post(url, b" " * (16 * 1024 * 1024 + 1))
    assert answer.status == 413
    assert answer.headers["connection"] == "close"


def test_a_body_of_exactly_16_mb_is_accepted(url: str) -> None:
    body = GET_USER.ljust(16 * 1024 * 1024)
    assert post(url, body).status == 200


def test_a_chunked_body_is_read(url: str) -> None:
    with socket.create_connection(address(url)) as connection:
        head = request_head("GetItem", 0).replace(
            b"Content-Length: 0\r\n", b"Transfer-Encoding: chunked\r\n"
        )
        chunks = b"".join(
            b"%x\r\n%s\r\n" % (len(part), part) for part in (GET_USER[:10], GET_USER[10:])
        )
        connection.sendall(head + chunks + b"0\r\n\r\n")
        assert read_response(connection).startswith(b"HTTP/1.1 200 OK\r\n")


def test_expect_100_continue_is_honoured(url: str) -> None:
    with socket.create_connection(address(url)) as connection:
        connection.sendall(request_head("GetItem", len(GET_USER), extra="Expect: 100-continue\r\n"))
        assert connection.recv(65536) == b"HTTP/1.1 100 Continue\r\n\r\n"
        connection.sendall(GET_USER)
        assert read_response(connection).startswith(b"HTTP/1.1 200 OK\r\n")


def test_a_malformed_request_line_is_a_bad_request(url: str) -> None:
    with socket.create_connection(address(url)) as connection:
        connection.sendall(b"NONSENSE\r\n\r\n")
        assert connection.recv(65536).startswith(b"HTTP/1.1 400 Bad Request\r\n")


@pytest.mark.parametrize(
    "framing",
    [
        "Content-Length: -1",
        "Content-Length: \u00b2",
        "Content-Length: 1, 2",
        "Content-Length: 0x10",
    ],
)
def test_a_malformed_content_length_is_a_bad_request(url: str, framing: str) -> None:
    with socket.create_connection(address(url), timeout=10) as connection:
        connection.sendall(f"POST / HTTP/1.1\r\n{framing}\r\n\r\n".encode("latin-1"))
        assert connection.recv(65536).startswith(b"HTTP/1.1 400 Bad Request\r\n")


@pytest.mark.parametrize("size", [b"-5", b"+5", b"1_0", b"zz", b" "])
def test_a_malformed_chunk_size_is_a_bad_request(url: str, size: bytes) -> None:
    with socket.create_connection(address(url), timeout=10) as connection:
        head = b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
        connection.sendall(head + size + b"\r\nabcde\r\n0\r\n\r\n")
        assert connection.recv(65536).startswith(b"HTTP/1.1 400 Bad Request\r\n")


def test_a_client_leaving_mid_body_does_not_disturb_the_others(url: str) -> None:
    with socket.create_connection(address(url)) as other:
        leaving = socket.create_connection(address(url))
        leaving.sendall(request_head("GetItem", 1000) + b'{"TableName"')
        leaving.close()
        other.sendall(request_head("GetItem", len(GET_USER)) + GET_USER)
        assert read_response(other).startswith(b"HTTP/1.1 200 OK\r\n")
    assert post(url, GET_USER).status == 200


@pytest.mark.parametrize(
    "garbage",
    [
        b"POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
        "POST / HTTP/1.1\r\nContent-Length: \u00b2\r\n\r\n".encode("latin-1"),
        b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n-5\r\nabc\r\n",
        b"POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nshort",
        b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nabcdeXX",
        b"POST / HTTP/1.1\r\n: no name\r\n\r\n",
        b"GET / HTTP/9\r\n\r\n",
        b"\r\n" * 100,
        b"\x00\xff" * 1000,
        b"x" * 70_000,
    ],
)
def test_garbage_on_the_wire_never_stops_the_server(url: str, garbage: bytes) -> None:
    with socket.create_connection(address(url), timeout=10) as connection:
        connection.sendall(garbage)
        connection.shutdown(socket.SHUT_WR)
        while connection.recv(65536):  # answered or closed, never left hanging
            pass
    assert post(url, GET_USER).status == 200


# ---------------------------------------------------------------- connections


def test_a_connection_is_kept_alive_between_requests(url: str) -> None:
    connection = http.client.HTTPConnection(*address(url), timeout=10)
    headers = {**SIGNED, "X-Amz-Target": "DynamoDB_20120810.GetItem", "Content-Type": AMZ_JSON}
    sockets = set()
    for _ in range(5):
        connection.request("POST", "/", body=GET_USER, headers=headers)
        response = connection.getresponse()
        assert response.read() == b"{}"
        assert response.getheader("Connection") == "keep-alive"
        sockets.add(id(connection.sock))
    connection.close()
    assert len(sockets) == 1


def test_http_1_0_connections_close_unless_kept_alive(url: str) -> None:
    for extra, expected in [("", b"Connection: close"), ("Connection: keep-alive\r\n", b"keep")]:
        with socket.create_connection(address(url)) as connection:
            head = request_head("GetItem", len(GET_USER), extra=extra)
            connection.sendall(head.replace(b"HTTP/1.1", b"HTTP/1.0") + GET_USER)
            assert expected in read_response(connection)


def test_connection_close_is_honoured(url: str) -> None:
    with socket.create_connection(address(url)) as connection:
        connection.sendall(
            request_head("GetItem", len(GET_USER), extra="Connection: close\r\n") + GET_USER
        )
        answer = read_response(connection)
        assert b"Connection: close\r\n" in answer
        assert connection.recv(65536) == b""


def test_many_concurrent_connections_are_all_served(fake: FakeDynamoDBClient, url: str) -> None:
    threads, requests = 50, 20
    failures: list[str] = []

    def work(worker: int) -> None:
        connection = http.client.HTTPConnection(*address(url), timeout=30)
        headers = {**SIGNED, "X-Amz-Target": "DynamoDB_20120810.PutItem", "Content-Type": AMZ_JSON}
        for number in range(requests):
            item = {"pk": {"S": f"{worker}-{number}"}}
            body = json.dumps({"TableName": "users", "Item": item})
            connection.request("POST", "/", body=body, headers=headers)
            response = connection.getresponse()
            if (response.status, response.read()) != (200, b"{}"):
                failures.append(f"{worker}-{number}: {response.status}")
        connection.close()

    workers = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert failures == []
    stored = [
        "Item" in fake.get_item(TableName="users", Key={"pk": {"S": f"{worker}-{number}"}})
        for worker in range(threads)
        for number in range(requests)
    ]
    assert all(stored)


class _RecordingSocket:
    """Stands in for an accepted socket, recording what the server writes."""

    def __init__(self, connection: socket.socket, writes: list[bytes]) -> None:
        self._connection = connection
        self.writes = writes

    def recv(self, size: int) -> bytes:
        return self._connection.recv(size)

    def sendall(self, data: bytes) -> None:
        self.writes.append(bytes(data))
        self._connection.sendall(data)

    def close(self) -> None:
        self._connection.close()

    def shutdown(self, how: int) -> None:
        self._connection.shutdown(how)


@pytest.fixture
def recorded(fake: FakeDynamoDBClient) -> Iterator[tuple[str, list[bytes], list[int]]]:
    writes: list[bytes] = []
    nodelay: list[int] = []

    class Recording(DynamoDBServer):
        def _serve_connection(self, connection: socket.socket) -> None:
            nodelay.append(connection.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            super()._serve_connection(_RecordingSocket(connection, writes))  # type: ignore[arg-type]  # duck-typed socket

    with Recording(fake.service) as server:
        yield server.url, writes, nodelay


def test_each_response_is_written_in_one_piece(
    recorded: tuple[str, list[bytes], list[int]],
) -> None:
    url, writes, _nodelay = recorded
    connection = http.client.HTTPConnection(*address(url), timeout=10)
    headers = {**SIGNED, "X-Amz-Target": "DynamoDB_20120810.GetItem", "Content-Type": AMZ_JSON}
    for body in (GET_USER, b"not json", GET_USER):
        connection.request("POST", "/", body=body, headers=headers)
        connection.getresponse().read()
    connection.close()
    assert len(writes) == 3
    for write in writes:
        head, _, body = write.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 ")
        assert f"Content-Length: {len(body)}".encode() in head


def test_accepted_sockets_send_without_delay(recorded: tuple[str, list[bytes], list[int]]) -> None:
    url, _writes, nodelay = recorded
    post(url, GET_USER)
    assert nodelay == [1]

"""DynamoDB's HTTP protocol over the in-memory service, apart from any socket.

:meth:`Endpoint.answer` takes one parsed HTTP request and returns the response
the service would send, checking what the service checks in the order it
checks it (as recorded by dynalite against the live service): the method and
content type, the body's content coding, that the body is JSON, the
``X-Amz-Target``, that the request is signed, that there is a body, the types of
the body's values — then the operation itself. Signatures are not verified, only
required to be present. A large response is compressed if the client accepts it
(:mod:`~dynantic.testing.content_coding`). DescribeEndpoints names the address
the request was sent to (its ``Host``) rather than AWS's regional host.
"""

from __future__ import annotations

import re
import sys
import traceback
import zlib
from collections.abc import Mapping
from typing import NamedTuple, cast
from urllib.parse import parse_qs, urlsplit

from dynantic.testing import content_coding, messages, wire
from dynantic.testing.engine.values import Item, StoredItem, encode_item
from dynantic.testing.errors import ServiceError
from dynantic.testing.metadata import ResponseMetadataFactory
from dynantic.testing.model import service_host, service_model
from dynantic.testing.operations.endpoints import ADDRESS
from dynantic.testing.service import Service

__all__ = ["Endpoint", "HttpRequest", "HttpResponse"]

TARGET_PREFIX = "DynamoDB_20120810"
AMZ_JSON = "application/x-amz-json-1.0"
JSON = "application/json"
_NOT_FOUND_BODY = b"<UnknownOperationException/>\n"
# The service answers a request it cannot route with this XML body and 404.
# What a browser script may read of any response to a request with an Origin.
_EXPOSED_HEADERS = "x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date"
_QUERY_SIGNATURE_PARAMETERS = (
    "X-Amz-Algorithm",
    "X-Amz-Credential",
    "X-Amz-Signature",
    "X-Amz-SignedHeaders",
    "X-Amz-Date",
)
# Errors that are the server's fault carry a 5xx status whoever raised them.
_SERVER_FAULTS = {"InternalServerError": 500, "ServiceUnavailable": 503}
_HEADER_SIGNATURE_PARAMETERS = ("Credential", "Signature", "SignedHeaders")
# A blob's member name, as a body names it (or any text that looks like one).
_BLOB_MEMBER = re.compile(rb'"BS?"')
# An Authorization header as the SDKs write it, with every parameter present.
_SDK_AUTHORIZATION = re.compile(
    r"AWS4-[^ ,=]+ Credential=[^ ,=]+, ?SignedHeaders=[^ ,=]+, ?Signature=[^ ,=]+"
)


class HttpRequest(NamedTuple):
    """One request: ``headers`` are keyed by lower-case name; ``target`` is the
    request-target (path and query). (A named tuple: a frozen dataclass costs
    more to build than the budget of a whole request allows for it.)"""

    method: str
    target: str
    headers: Mapping[str, str]
    body: bytes
    version: str = "HTTP/1.1"


class HttpResponse(NamedTuple):
    """One response, without the headers that belong to the connection
    (``Date``, ``Content-Length``, ``Connection``)."""

    status: int
    headers: list[tuple[str, str]]
    body: bytes


class Endpoint:
    """Answers DynamoDB's JSON 1.0 requests from one :class:`Service`. Thread-safe."""

    def __init__(self, service: Service) -> None:
        self.service = service
        self._metadata = ResponseMetadataFactory()
        self._operations = service.operation_names()
        self._plain_operations = service.plain_operation_names()
        # Operations the model gives no output answer with an empty body, not
        # "{}" (ScyllaDB's Alternator suite, run against the service:
        # test_manual_requests.py::test_tags_return_empty_body).
        model = service_model()
        self._bodiless = frozenset(
            name for name in self._operations if model.operation_model(name).output_shape is None
        )

    def answer(self, request: HttpRequest) -> HttpResponse:
        """The service's response to ``request``."""
        headers = [("x-amzn-RequestId", self._metadata.request_id())]
        origin = request.headers.get("origin")
        if origin:
            headers.append(("Access-Control-Allow-Origin", "*"))
            headers.append(("Access-Control-Expose-Headers", _EXPOSED_HEADERS))
            if request.method == "OPTIONS":
                return _preflight(request, headers)
        if request.method == "GET":
            return self._health_check(request, headers)
        content_type = request.headers.get("content-type", "").split(";")[0].strip()
        if request.method != "POST" or (request.body and content_type not in {AMZ_JSON, JSON}):
            return _with_crc(404, headers, _NOT_FOUND_BODY)
        headers.append(("Content-Type", AMZ_JSON if content_type == AMZ_JSON else JSON))
        try:
            status, body = 200, self._call(request)
        except ServiceError as error:
            status = _SERVER_FAULTS.get(error.code, error.status)
            body = wire.dumps(wire.encode_error(error))
        if len(body) >= content_coding.COMPRESSION_THRESHOLD_BYTES:
            coding = content_coding.response_coding(request.headers.get("accept-encoding", ""))
            if coding is not None:
                body = content_coding.compressed(coding, body)
                headers.append(("Content-Encoding", coding))
        return _with_crc(status, headers, body)

    def _health_check(self, request: HttpRequest, headers: list[tuple[str, str]]) -> HttpResponse:
        """The answer to a GET: the service's health check at its root, 404 elsewhere."""
        if urlsplit(request.target).path not in {"/", ""}:
            return _with_crc(404, headers, _NOT_FOUND_BODY)
        host = service_host(self.service.database.region)
        return _with_crc(200, headers, f"healthy: {host} ".encode())

    def _call(self, request: HttpRequest) -> bytes:
        body = request.body
        coding = request.headers.get("content-encoding")
        if coding is not None:
            body = content_coding.decoded(coding, body)
        document: object = wire.loads(body) if body else None
        operation_name = self._operation_name(request.headers.get("x-amz-target", ""))
        _check_signed(request)
        if not body:
            raise ServiceError("SerializationException", "")
        try:
            # A body of the commonest form is already what a boto3 caller passes
            # (see Service.invoke_plain), once its blobs, base64 text on the
            # wire, are bytes: a look at the body's text tells whether it may
            # hold one, and only such a body is copied to decode them.
            response = None
            if operation_name in self._plain_operations and document.__class__ is dict:
                offered = cast("dict[str, object]", document)
                if _BLOB_MEMBER.search(body) is not None:
                    offered = wire.decode_top_level_blobs(offered)
                if operation_name == "GetItem":
                    read = self.service.read_plain(offered)
                    if read is not None:
                        return _get_item_body(read[0])
                response = self.service.invoke_plain(operation_name, offered)
            if response is None:
                response = self._invoke(request, operation_name, document)
            if operation_name in self._bodiless:
                return b""
            if not response:  # a write's commonest answer
                return b"{}"
            return wire.dumps(wire.encode_response(operation_name, response))
        except ServiceError:
            raise
        except Exception:  # a fault of ours must not take the endpoint down
            traceback.print_exc(file=sys.stderr)
            raise ServiceError(
                "InternalServerError", messages.INTERNAL_SERVER_ERROR, status=500
            ) from None

    def _invoke(
        self, request: HttpRequest, operation_name: str, document: object
    ) -> dict[str, object]:
        """The full path: the body decoded to a boto3 caller's request, then answered."""
        try:
            params = wire.decode_request(operation_name, document)
        except RecursionError:
            # Only attribute values nest deeply, far beyond the 32 levels allowed.
            raise ServiceError("ValidationException", messages.NESTING_TOO_DEEP) from None
        # Where the client sent the request (DescribeEndpoints names it, so
        # that endpoint discovery leads the client back here, not to AWS).
        token = ADDRESS.set(request.headers.get("host") or None)
        try:
            return self.service.invoke(operation_name, params)
        finally:
            ADDRESS.reset(token)

    def _operation_name(self, target: str) -> str:
        prefix, dot, operation_name = target.partition(".")
        if prefix != TARGET_PREFIX or not dot or operation_name not in self._operations:
            message = ""
            if prefix == TARGET_PREFIX and operation_name in service_model().operation_names:
                # The service would answer it: say why this endpoint does not.
                message = messages.OPERATION_NOT_IMPLEMENTED.format(operation=operation_name)
            raise ServiceError("UnknownOperationException", message)
        return operation_name


def _get_item_body(item: Item | None) -> bytes:
    """A plain GetItem's answer for the item read, its JSON kept on the stored
    item (which never changes) for the next read of it."""
    if item is None:
        return b"{}"
    text: bytes | None = getattr(item, "wire", None)
    if text is None:
        text = wire.dumps(encode_item(item))
        if type(item) is StoredItem:
            item.wire = text
    return b'{"Item":' + text + b"}"


def _with_crc(status: int, headers: list[tuple[str, str]], body: bytes) -> HttpResponse:
    """The response with the CRC32 of its body, which the SDKs verify."""
    headers.append(("x-amz-crc32", str(zlib.crc32(body))))
    return HttpResponse(status, headers, body)


def _preflight(request: HttpRequest, headers: list[tuple[str, str]]) -> HttpResponse:
    """A browser's CORS preflight: whatever it asks for is allowed."""
    asked_headers = request.headers.get("access-control-request-headers")
    if asked_headers:
        headers.append(("Access-Control-Allow-Headers", asked_headers))
    asked_method = request.headers.get("access-control-request-method")
    if asked_method:
        headers.append(("Access-Control-Allow-Methods", asked_method))
    headers.append(("Access-Control-Max-Age", "172800"))
    return HttpResponse(200, headers, b"")


def _check_signed(request: HttpRequest) -> None:
    """Refuse a request without a complete Signature Version 4, by header or by query."""
    authorization = request.headers.get("authorization", "")
    target = request.target
    query = parse_qs(urlsplit(target).query, keep_blank_values=True) if "?" in target else {}
    by_query = "X-Amz-Algorithm" in query
    if authorization and by_query:
        raise ServiceError("InvalidSignatureException", messages.SIGNATURE_HEADER_AND_QUERY)
    if not by_query and not authorization.strip().startswith("AWS4-"):
        raise ServiceError(
            "MissingAuthenticationTokenException", messages.MISSING_AUTHENTICATION_TOKEN
        )
    if authorization:
        problems = _header_signature_problems(authorization, request.headers)
        if problems:
            suffix = messages.SIGNATURE_HEADER_SUFFIX.format(header=authorization)
            raise ServiceError("IncompleteSignatureException", problems + suffix)
        return
    problems = "".join(
        messages.SIGNATURE_QUERY_PARAMETER.format(name=name)
        for name in _QUERY_SIGNATURE_PARAMETERS
        if not query.get(name, [""])[0]
    )
    if problems:
        raise ServiceError(
            "IncompleteSignatureException", problems + messages.SIGNATURE_QUERY_SUFFIX
        )


def _header_signature_problems(authorization: str, headers: Mapping[str, str]) -> str:
    """What an ``Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…,
    Signature=…`` header lacks."""
    if not headers.get("x-amz-date") and not headers.get("date"):
        return _parameter_problems(authorization) + messages.SIGNATURE_HEADER_DATE
    if _SDK_AUTHORIZATION.fullmatch(authorization):
        return ""  # the form every SDK sends, complete
    return _parameter_problems(authorization)


def _parameter_problems(authorization: str) -> str:
    parameters: dict[str, str] = {}
    for part in authorization.replace(",", " ").split()[1:]:
        name, _, value = part.partition("=")
        parameters[name] = value.partition("=")[0]
    problems = ""
    for name in _HEADER_SIGNATURE_PARAMETERS:
        if not parameters.get(name):
            problems += messages.SIGNATURE_HEADER_PARAMETER.format(name=name)
    return problems

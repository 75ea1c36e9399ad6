"""boto3's own clients and resources answered by the in-memory service, without a socket.

Code that builds its own ``boto3.client("dynamodb")``, uses ``boto3.resource``
or sits on botocore (PynamoDB, say) needs no endpoint to run on the fake:
:func:`attach` hooks a session's ``before-send`` event, the last step botocore
takes before the network, and hands each DynamoDB request, as signed and
serialised for the wire, to the same :class:`~dynantic.testing.endpoint.Endpoint`
the HTTP server uses. botocore then reads the answer exactly as it reads the
service's: its own parsing, error classes, retries and CRC32 check.

    fake = FakeDynamoDBClient()
    table = fake.boto3_resource().Table("users")

    with fake.attached(my_session):  # the clients my_session makes in the block
        code_under_test(my_session)

    with fake.attached():  # boto3's default session and every session made since
        code_under_test()

Three ways in. :func:`client_of` and :func:`resource_of` make a client from one
cached session per region (a new session reloads the service model, which costs
far more than a client) and give that client a route of its own. :func:`attach`
gives one session's future clients a route of their own, for their whole life.
:func:`everywhere` answers, while it runs, the clients of boto3's default
session and of every session made after :func:`install` put a dispatcher into
botocore's built-in handlers (which every new session registers). The
dispatcher asks at each call which fake, if any, is attached: a client cached
across tests (PynamoDB keeps its connections) follows the current one, and goes
to the network outside any block.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import threading
from collections.abc import Callable, Generator, Iterator
from contextlib import AbstractContextManager
from email.utils import formatdate
from typing import IO, TYPE_CHECKING, TypeAlias, cast
from urllib.parse import urlsplit

import boto3.session
import botocore.handlers
import botocore.session
from botocore.awsrequest import AWSPreparedRequest, AWSResponse
from botocore.compat import HTTPHeaders

from dynantic.testing.endpoint import Endpoint, HttpRequest

if TYPE_CHECKING:
    from botocore.config import Config
    from botocore.hooks import BaseEventHooks
    from mypy_boto3_dynamodb.client import DynamoDBClient as Boto3DynamoDBClient
    from mypy_boto3_dynamodb.service_resource import DynamoDBServiceResource

    from dynantic.testing.service import Service

__all__ = [
    "UNREACHABLE_URL",
    "AnySession",
    "attach",
    "attached",
    "client_of",
    "detach",
    "everywhere",
    "install",
    "resource_of",
]

AnySession: TypeAlias = boto3.session.Session | botocore.session.Session
"""A boto3 session, or the botocore session beneath one (or PynamoDB's)."""

UNREACHABLE_URL = "http://dynamodb.dynantic.invalid"
"""The endpoint of the clients :func:`client_of` makes: a name that never resolves
(RFC 6761), so nothing they send can reach a network, and moto's mock, if active in
the same process, does not take their requests for AWS's."""

_EVENT = "before-send.dynamodb"
_unique = itertools.count()
_DISPATCHER_ID = "dynantic-dispatcher"
_ANSWERED = "_dynantic_answered"
"""Set on a request one of our handlers answered, so that the others leave it."""


class _Body:
    """What botocore reads a response body from: ``stream()`` (urllib3's reader)."""

    def __init__(self, data: bytes) -> None:
        self._data = data

    def stream(self, *_args: object, **_kwargs: object) -> Iterator[bytes]:
        yield self._data


class _Route:
    """The ``before-send`` handler: one request in, the service's response out."""

    def __init__(self, service: Service) -> None:
        self.endpoint = Endpoint(service)

    def __call__(self, request: AWSPreparedRequest, **_kwargs: object) -> AWSResponse | None:
        """As a session's own handler: answer a request no handler of ours has."""
        return _answer_once(self, request)

    def answer(self, request: AWSPreparedRequest) -> AWSResponse:
        """The service's response to ``request``."""
        data = _body_bytes(request.body)
        fields = {name.lower(): _text(value) for name, value in request.headers.items()}
        url = urlsplit(request.url)
        target = url.path or "/"
        if url.query:
            target += f"?{url.query}"
        answer = self.endpoint.answer(HttpRequest(request.method, target, fields, data))
        # The headers the HTTP endpoint adds for the connection, as the service sends them.
        date = formatdate(self.endpoint.service.database.clock.now(), usegmt=True)
        sent = {"Server": "Server", "Date": date, **dict(answer.headers)}
        sent["Content-Length"] = str(len(answer.body))
        sent["Connection"] = "keep-alive"
        headers = HTTPHeaders.from_dict(sent)
        return AWSResponse(request.url, answer.status, headers, _Body(answer.body))


def _answer_once(route: _Route, request: AWSPreparedRequest) -> AWSResponse | None:
    """``route``'s answer, unless a handler of ours answered this request already.

    A session can hold several (its own routes, the dispatcher twice when it
    predates the built-in handler); botocore calls them all and uses the first
    answer, so the others must not apply the request again. botocore builds a
    new request for each retry, so a retry is answered afresh."""
    if getattr(request, _ANSWERED, False):
        return None
    setattr(request, _ANSWERED, True)
    return route.answer(request)


def _handler(answering: Callable[..., AWSResponse | None]) -> Callable[..., None]:
    """``answering`` as botocore's stubs type an event handler: returning None. A
    ``before-send`` handler's answer is the response botocore uses instead of
    sending the request."""
    return cast("Callable[..., None]", answering)


def _text(value: object) -> str:
    """A header's value: botocore's stubs say ``str``, but botocore sets some as bytes."""
    return value.decode("latin-1") if isinstance(value, bytes) else str(value)


def _body_bytes(body: str | bytes | bytearray | IO[bytes] | IO[str] | None) -> bytes:
    if body is None:
        return b""
    if isinstance(body, str):
        return body.encode("utf-8")
    if isinstance(body, bytes | bytearray):
        return bytes(body)
    return _body_bytes(body.read())  # a file-like body, which botocore would stream


def _events(session: object) -> BaseEventHooks:
    """The session's event emitter; anything else is refused (at run time too)."""
    if isinstance(session, boto3.session.Session):
        return session.events
    if isinstance(session, botocore.session.Session):
        emitter: BaseEventHooks = session.get_component("event_emitter")
        return emitter
    raise TypeError(
        "dynantic: expected a boto3.session.Session or a botocore.session.Session, "
        f"got {type(session).__name__}; a client or resource cannot be attached after it "
        "is made: attach the session that makes it"
    )


def attach(service: Service, session: AnySession) -> str:
    """Answer from ``service`` every DynamoDB request of the clients (and resources)
    ``session`` makes from now until :func:`detach`, to which it returns the id.

    botocore copies a session's handlers into each client it makes, so a client
    made while attached stays on ``service`` for its whole life, and one made
    before or after does not. Clients of other services are untouched."""
    unique_id = f"dynantic-in-process-{next(_unique)}"
    route = _handler(_Route(service))
    _events(session).register_first(_EVENT, route, unique_id=unique_id)
    return unique_id


def detach(session: AnySession, attachment: str) -> None:
    """Leave the clients ``session`` makes from now on to the network again."""
    _events(session).unregister(_EVENT, unique_id=attachment)


def attached(service: Service, session: AnySession) -> AbstractContextManager[AnySession]:
    """:func:`attach` for the length of a ``with`` block (a non-session is refused
    at once, not when the block begins)."""
    _events(session)
    return _attached(service, session)


@contextlib.contextmanager
def _attached(service: Service, session: AnySession) -> Generator[AnySession, None, None]:
    attachment = attach(service, session)
    try:
        yield session
    finally:
        detach(session, attachment)


class _Dispatcher:
    """The process-wide ``before-send`` handler: the innermost :func:`everywhere`
    block's fake answers; outside any block the request goes on to the network."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._routes: list[_Route] = []
        self.installed = False

    def __call__(self, request: AWSPreparedRequest, **_kwargs: object) -> AWSResponse | None:
        routes = self._routes
        return _answer_once(routes[-1], request) if routes else None

    def install(self) -> None:
        # Registered last: a session's own route (registered first) answers first.
        handler = _handler(self)
        with self._lock:
            if not self.installed:
                botocore.handlers.BUILTIN_HANDLERS.append(
                    (_EVENT, handler, botocore.handlers.REGISTER_LAST)
                )
                self.installed = True
            if boto3.DEFAULT_SESSION is not None:  # it may predate the built-in handler
                boto3.DEFAULT_SESSION.events.register_last(
                    _EVENT, handler, unique_id=_DISPATCHER_ID
                )

    @contextlib.contextmanager
    def serving(self, route: _Route) -> Generator[None, None, None]:
        with self._lock:
            self._routes = [*self._routes, route]  # replaced, never changed in place
        try:
            yield
        finally:
            with self._lock:
                self._routes = [other for other in self._routes if other is not route]


_DISPATCHER = _Dispatcher()


def install() -> None:
    """Put the dispatcher :func:`everywhere` relies on into every botocore session
    made from now on, and into boto3's current default session. Idempotent; every
    :func:`everywhere` block does it. Call it early (a ``conftest.py``) when the
    code under test makes its sessions or clients at import time."""
    _DISPATCHER.install()


@contextlib.contextmanager
def everywhere(service: Service) -> Generator[None, None, None]:
    """While the block runs, ``service`` answers every DynamoDB request of the
    clients of boto3's default session and of every session made after
    :func:`install` (the innermost block wins; blocks are process-wide, not per
    thread). Requests a session's own route (:func:`attach`) answers are left to it."""
    install()
    with _DISPATCHER.serving(_Route(service)):
        yield


_SHARED_LOCK = threading.Lock()  # a boto3 session is not safe to make clients from at once


@functools.cache
def _shared_session(region: str) -> boto3.session.Session:
    """One boto3 session per region, with placeholder credentials (never checked):
    a session loads the service model once, which costs far more than a client."""
    return boto3.session.Session(
        aws_access_key_id="testing", aws_secret_access_key="testing", region_name=region
    )


def client_of(service: Service, config: Config | None = None) -> Boto3DynamoDBClient:
    """A real boto3 DynamoDB client that ``service`` alone answers, for its whole life
    (the route is registered on the client's own events, not on a session)."""
    with _SHARED_LOCK:
        session = _shared_session(service.database.region)
        # boto3-stubs type client() as an overload over every AWS service; pyright
        # strict calls the services whose stubs are not installed "unknown".
        client: Boto3DynamoDBClient = session.client(  # pyright: ignore[reportUnknownMemberType]
            "dynamodb", endpoint_url=UNREACHABLE_URL, config=config
        )
    _route_client(service, client)
    return client


def resource_of(service: Service, config: Config | None = None) -> DynamoDBServiceResource:
    """``boto3.resource("dynamodb")`` that ``service`` alone answers."""
    with _SHARED_LOCK:
        session = _shared_session(service.database.region)
        resource: DynamoDBServiceResource = session.resource(  # pyright: ignore[reportUnknownMemberType]
            "dynamodb", endpoint_url=UNREACHABLE_URL, config=config
        )
    _route_client(service, resource.meta.client)
    return resource


def _route_client(service: Service, client: Boto3DynamoDBClient) -> None:
    route = _handler(_Route(service))
    client.meta.events.register_first(_EVENT, route)

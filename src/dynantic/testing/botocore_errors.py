"""Turning a :class:`ServiceError` into what a real boto3 client raises.

The exception classes are the ones botocore's error factory builds from the
service model; where possible they are the very classes of
``boto3.client("dynamodb").exceptions`` in this process, so code catching a
real client's exception classes catches the fake's errors too.
"""

from __future__ import annotations

import functools
import threading
from typing import TYPE_CHECKING, cast

from botocore.errorfactory import BaseClientExceptions, ClientExceptionsFactory
from botocore.exceptions import ClientError
from botocore.model import StructureShape

from dynantic.testing.model import service_model

if TYPE_CHECKING:
    # botocore-stubs names ClientError's response type privately.
    from botocore.exceptions import (
        _ClientErrorResponseTypeDef as _ClientErrorResponse,  # pyright: ignore[reportPrivateUsage]
    )
    from mypy_boto3_dynamodb.client import Exceptions

    from dynantic.testing.errors import ServiceError

__all__ = ["client_exceptions", "to_client_error"]


def _shared_factory() -> ClientExceptionsFactory:
    """The error factory of boto3's current default session, or a private one.

    Sharing it makes ``client.exceptions.X`` the same class for the fake and for
    ``boto3.client("dynamodb")``; boto3 exposes it only through private names,
    so any surprise falls back to a factory of our own. It is looked up on every
    use: a new default session (``boto3.setup_default_session``, or a mocking
    library's reset) brings new classes, and the fake follows them.
    """
    import boto3  # noqa: PLC0415 - imported once, then found in sys.modules

    default_session: object = getattr(boto3, "_get_default_session", lambda: None)()
    botocore_session: object = getattr(default_session, "_session", None)
    get_component = getattr(botocore_session, "_get_internal_component", None)
    factory: object = get_component("exceptions_factory") if callable(get_component) else None
    if isinstance(factory, ClientExceptionsFactory):
        return factory
    return _private_factory()  # pragma: no cover - boto3 internals moved


@functools.cache
def _private_factory() -> ClientExceptionsFactory:  # pragma: no cover - boto3 internals moved
    return ClientExceptionsFactory()


# botocore builds a client's exception classes once, when the client is made;
# the fake asks for them on first use, possibly from many threads at once, and
# neither boto3's default session nor the factory's cache is made under a lock:
# two threads could otherwise get two different sets of classes, and one of them
# raise an error the other's ``except client.exceptions.X`` does not catch.
_BUILDING = threading.Lock()


def client_exceptions() -> Exceptions:
    """``client.exceptions`` as boto3 builds it for DynamoDB (the factory keeps
    the classes it built, so this is a lookup after the first call)."""
    with _BUILDING:
        built: BaseClientExceptions = _shared_factory().create_client_exceptions(service_model())
    return cast("Exceptions", built)


def _error_classes() -> dict[str, type[ClientError]]:
    """Error code → the exception class botocore raises for it."""
    return _classes_of(client_exceptions())


@functools.lru_cache(maxsize=4)
def _classes_of(exceptions: Exceptions) -> dict[str, type[ClientError]]:
    classes: dict[str, type[ClientError]] = {}
    for shape in service_model().error_shapes:
        found: object = getattr(exceptions, shape.name, None)
        if isinstance(found, type) and issubclass(found, ClientError):
            classes[shape.name] = found
    return classes


@functools.cache
def _message_members() -> dict[str, str]:
    """Error code → the name its shape gives the message (``message`` or ``Message``)."""
    names: dict[str, str] = {}
    for shape in service_model().error_shapes:
        if isinstance(shape, StructureShape):
            for member in shape.members:
                if member.lower() == "message":
                    names[shape.name] = member
    return names


def error_response(error: ServiceError, metadata: dict[str, object]) -> dict[str, object]:
    """``err.response`` as botocore parses the service's error answer."""
    response: dict[str, object] = {
        "Error": {"Message": error.message, "Code": error.code},
        "ResponseMetadata": metadata,
    }
    # botocore copies the message to the top level only when the body spells it
    # as the error's shape does.
    member = _message_members().get(error.code)
    if member is not None and error.message_member in (None, member):
        response[member] = error.message
    response.update(error.fields)
    return response


def to_client_error(
    error: ServiceError, operation_name: str, metadata: dict[str, object]
) -> ClientError:
    """The botocore exception a real client raises for ``error``."""
    exception_class = _error_classes().get(error.code, ClientError)
    response = cast("_ClientErrorResponse", error_response(error, metadata))
    return exception_class(response, operation_name)

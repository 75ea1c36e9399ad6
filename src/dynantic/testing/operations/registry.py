"""Which function answers which DynamoDB operation.

A handler takes the database and a request that already passed the shape
checks, and returns the response without ``ResponseMetadata``; it raises
:class:`~dynantic.testing.errors.ServiceError` to refuse.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, TypeVar, cast

if TYPE_CHECKING:
    from dynantic.testing.engine.database import Database

__all__ = ["HANDLERS", "Handler", "operation"]

Handler = Callable[["Database", Mapping[str, object]], dict[str, object]]
RequestT = TypeVar("RequestT")
TypedHandler = Callable[["Database", RequestT], dict[str, object]]

HANDLERS: dict[str, Handler] = {}


def operation(
    name: str,
) -> Callable[
    [Callable[[Database, RequestT], dict[str, object]]],
    Callable[[Database, RequestT], dict[str, object]],
]:
    """Register the decorated function as the handler of operation ``name``.

    Handlers annotate their request with the stubs' input TypedDict; the shape
    check has made that annotation true by the time they run.
    """

    def register(handler: TypedHandler[RequestT]) -> TypedHandler[RequestT]:
        HANDLERS[name] = cast("Handler", handler)
        return handler

    return register

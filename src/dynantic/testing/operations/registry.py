"""Which function answers which DynamoDB operation.

A handler takes the database and a request that already passed the shape
checks, and returns the response without ``ResponseMetadata``; it raises
:class:`~dynantic.testing.errors.ServiceError` to refuse.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, TypeVar, cast

from dynantic.testing.engine.value_layers import OLDER_LAYER_OPERATIONS, older_layer

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
    check has made that annotation true by the time they run. The handlers of
    operations that check values in the service's older layer are registered
    wrapped to do so (see :mod:`~dynantic.testing.engine.value_layers`).
    """

    def register(handler: TypedHandler[RequestT]) -> TypedHandler[RequestT]:
        registered = older_layer(handler) if name in OLDER_LAYER_OPERATIONS else handler
        HANDLERS[name] = cast("Handler", registered)
        return handler

    return register

"""Which function answers which DynamoDB operation.

A handler takes the database and a request that already passed the shape
checks, and returns the response without ``ResponseMetadata``; it raises
:class:`~dynantic.testing.errors.ServiceError` to refuse.

A few operations also have a *lane*: it takes the request before any check
and either answers it (a request of the commonest form, which it checks itself
while preparing it; see :mod:`.items_plain`) or returns ``None``, having changed
nothing, for the checks and the handler to take it. With its answer it says
how the call record can rebuild the request and response later, when it can
do so exactly, which spares the record copying them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, TypeVar, cast

from dynantic.testing.engine.value_layers import OLDER_LAYER_OPERATIONS, older_layer

if TYPE_CHECKING:
    from dynantic.testing.calls import Rebuild
    from dynantic.testing.engine.database import Database

__all__ = ["HANDLERS", "LANES", "Handler", "Lane", "LaneAnswer", "lane", "operation"]

Handler = Callable[["Database", Mapping[str, object]], dict[str, object]]
RequestT = TypeVar("RequestT")
TypedHandler = Callable[["Database", RequestT], dict[str, object]]
LaneAnswer = tuple[dict[str, object], "Rebuild | None"]
"""A lane's response, and how the call record rebuilds the request and response."""
Lane = Callable[["Database", Mapping[str, object]], LaneAnswer | None]

HANDLERS: dict[str, Handler] = {}
LANES: dict[str, Lane] = {}


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


def lane(name: str, answer: Lane) -> None:
    """Give operation ``name`` a lane: ``answer`` answers a request of the
    commonest form, with how the call record rebuilds it (``None``: the record
    copies it), or returns ``None`` for any other."""
    LANES[name] = answer

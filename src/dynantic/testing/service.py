"""The in-memory DynamoDB service: one entry point for every operation.

Both faces of the fake go through :meth:`Service.invoke` — the Python client
(after botocore's client-side checks) and the HTTP endpoint (after decoding the
wire format, unless :meth:`Service.invoke_plain` takes the body as it is) — so
they share one database, one set of programmed faults and one call record, and
behave identically.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from dynantic.testing import operations as _operations  # registers the handlers
from dynantic.testing.calls import Call, Calls
from dynantic.testing.engine.clock import Clock
from dynantic.testing.engine.database import Database
from dynantic.testing.engine.values import Item
from dynantic.testing.errors import ServiceError
from dynantic.testing.faults import Faults
from dynantic.testing.operations.items import plain_read
from dynantic.testing.operations.registry import HANDLERS, LANES, Handler
from dynantic.testing.validation import check_constraints

__all__ = ["Service"]

del _operations

ShapeCheck = Callable[[str, Mapping[str, object]], None]
"""A face's own check of a request's shape, raising before anything is sent."""


def _error_code(error: Exception) -> str:
    return error.code if isinstance(error, ServiceError) else type(error).__name__


class Service:
    """An account's DynamoDB in one region, held in memory."""

    def __init__(
        self,
        *,
        region: str = "us-east-1",
        account_id: str = "123456789012",
        clock: Clock | None = None,
        record_calls: bool = True,
    ) -> None:
        self.database = Database(region=region, account_id=account_id, clock=clock)
        self.calls = Calls(recording=record_calls)
        """Every request received, answered or refused, in arrival order."""

    @property
    def faults(self) -> Faults:
        """The failures programmed for this service."""
        return self.database.faults

    @staticmethod
    def operation_names() -> frozenset[str]:
        """The operations this service answers."""
        return frozenset(HANDLERS)

    @staticmethod
    def plain_operation_names() -> frozenset[str]:
        """The operations :meth:`invoke_plain` may answer."""
        return frozenset(LANES)

    def invoke(
        self,
        operation_name: str,
        request: Mapping[str, object],
        *,
        check_shape: ShapeCheck | None = None,
    ) -> dict[str, object]:
        """Answer one request; raise :class:`ServiceError` to refuse it.

        ``check_shape`` is the calling face's own check (botocore's
        ``ParamValidationError`` for the Python client); its refusals are recorded
        like the service's. It must accept whatever botocore's client accepts: a
        request of the commonest form skips it (see :meth:`invoke_plain`).
        Programmed faults fire after the service's request checks and before the
        operation, so they change nothing. The response has no
        ``ResponseMetadata``: each face adds its own.
        """
        response = self.invoke_plain(operation_name, request)
        if response is not None:
            return response
        return self.invoke_checked(operation_name, request, check_shape=check_shape)

    def invoke_checked(
        self,
        operation_name: str,
        request: Mapping[str, object],
        *,
        check_shape: ShapeCheck | None = None,
    ) -> dict[str, object]:
        """:meth:`invoke` for a request :meth:`invoke_plain` did not answer: every
        check, then the faults and the operation, recorded as :meth:`invoke` has it."""
        calls = self.calls
        if not calls.recording:
            return self._answer(operation_name, request, check_shape)
        try:
            response = self._answer(operation_name, request, check_shape)
        except Exception as error:
            calls.record(Call(operation_name, request, error=_error_code(error)))
            raise
        calls.record_answer(operation_name, request, response)
        return response

    def invoke_plain(
        self, operation_name: str, request: Mapping[str, object]
    ) -> dict[str, object] | None:
        """Answer ``request`` if it has the commonest form of its operation (see
        :mod:`.operations.items_plain`), as :meth:`invoke` would; else ``None``,
        having changed and recorded nothing.

        Such a request passes every check of the full path by the lane's own
        rules. It holds only strings, booleans, lists and maps, in the form a
        boto3 caller passes them, so a JSON body that is one needs no decoding
        (see :class:`~dynantic.testing.endpoint.Endpoint`). With faults
        programmed or expiry due, every request takes the full path.
        """
        database = self.database
        if not self._lanes_open():
            return None
        lane = LANES.get(operation_name)
        if lane is None:
            return None
        calls = self.calls
        try:
            answer = lane(database, request)
        except Exception as error:
            if calls.recording:
                calls.record(Call(operation_name, request, error=_error_code(error)))
            raise
        if answer is None:
            return None
        response, rebuild = answer
        if calls.recording:
            if rebuild is None:
                calls.record_answer(operation_name, request, response)
            else:
                calls.record_rebuilt(operation_name, rebuild)
        return response

    def read_plain(self, request: Mapping[str, object]) -> tuple[Item | None] | None:
        """The stored item (or ``None``) a GetItem of the commonest form reads,
        exactly as :meth:`invoke_plain` would answer it, for a face that writes
        the answer itself; ``None`` (having read nothing) when it would not be
        answered that way or the call record is on."""
        if self.calls.recording or "GetItem" not in LANES or not self._lanes_open():
            return None
        return plain_read(self.database, request)

    def _lanes_open(self) -> bool:
        """Whether requests may take the plain lanes: not while faults are
        programmed or automatic expiry is on (every request takes the full path)."""
        database = self.database
        return not (database.auto_expire or database.faults.programmed)

    def apply(self, operation_name: str, request: Mapping[str, object]) -> dict[str, object]:
        """Answer a request with no faults and no record (the harness seeds through this)."""
        handler = self._handler(operation_name)
        check_constraints(operation_name, request)
        return handler(self.database, request)

    def _answer(
        self, operation_name: str, request: Mapping[str, object], check_shape: ShapeCheck | None
    ) -> dict[str, object]:
        database = self.database
        if check_shape is not None:
            check_shape(operation_name, request)
        check_constraints(operation_name, request)
        if database.auto_expire:
            database.expire()
        faults = database.faults
        if faults.programmed:
            fault = faults.error_for(operation_name, request)
            if fault is not None:
                raise fault
        handler = HANDLERS.get(operation_name)
        if handler is None:
            raise ServiceError("UnknownOperationException", "")
        return handler(database, request)

    @staticmethod
    def _handler(operation_name: str) -> Handler:
        handler = HANDLERS.get(operation_name)
        if handler is None:
            raise ServiceError("UnknownOperationException", "")
        return handler

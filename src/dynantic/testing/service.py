"""The in-memory DynamoDB service: one entry point for every operation.

Both faces of the fake go through :meth:`Service.invoke` — the Python client
(after botocore's client-side checks) and the HTTP endpoint (after decoding the
wire format) — so they share one database, one set of programmed faults and one
call record, and behave identically.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from dynantic.testing import operations as _operations  # registers the handlers
from dynantic.testing.calls import Call, Calls
from dynantic.testing.engine.clock import Clock
from dynantic.testing.engine.database import Database
from dynantic.testing.errors import ServiceError
from dynantic.testing.faults import Faults
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
        request of the commonest form skips it (see :mod:`.operations.items_plain`).
        Programmed faults fire after the service's request checks and before the
        operation, so they change nothing. The response has no
        ``ResponseMetadata``: each face adds its own.
        """
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

    def apply(self, operation_name: str, request: Mapping[str, object]) -> dict[str, object]:
        """Answer a request with no faults and no record (the harness seeds through this)."""
        handler = self._handler(operation_name)
        check_constraints(operation_name, request)
        return handler(self.database, request)

    def _answer(
        self, operation_name: str, request: Mapping[str, object], check_shape: ShapeCheck | None
    ) -> dict[str, object]:
        database = self.database
        # A request of the commonest form passes every check below by the lane's
        # own rules; with faults programmed or expiry due, all take the long way.
        if not (database.auto_expire or database.faults.programmed):
            plain = LANES.get(operation_name)
            if plain is not None:
                response = plain(database, request)
                if response is not None:
                    return response
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

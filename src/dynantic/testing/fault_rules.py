"""The rules of a fault plan: which calls a rule matches, how often it acts, and
what it answers with.

A :class:`FaultRule` makes matching calls fail with one of the service's
throttling, conflict, limit or server errors, in the service's own words; an
:class:`UnprocessedRule` picks the requests of a batch call to hand back
unprocessed. Each counts the matching calls it is consulted on (``seen``) and
the ones it acted on (``fired``). :class:`~dynantic.testing.faults.Faults`
holds them and consults them on every call.
"""

from __future__ import annotations

import enum
import functools
import random
from collections.abc import Callable, Mapping, Sequence
from typing import Final, Literal, cast, get_args

from dynantic.testing import messages
from dynantic.testing.errors import ServiceError, transaction_cancelled
from dynantic.testing.model import service_model
from dynantic.testing.names import api_names, method_name
from dynantic.testing.targets import table_name

__all__ = [
    "BATCH_OPERATIONS",
    "TRANSACTION_OPERATIONS",
    "UNSET",
    "ConflictRule",
    "FaultCode",
    "FaultRule",
    "UnprocessedRule",
    "Unset",
    "fault_operations",
]

FaultCode = Literal[
    "ProvisionedThroughputExceededException",
    "ThrottlingException",
    "RequestLimitExceeded",
    "InternalServerError",
    "TransactionConflictException",
    "TransactionInProgressException",
    "ItemCollectionSizeLimitExceededException",
    "LimitExceededException",
]
"""The errors :meth:`Faults.fail` can program."""


class Unset(enum.Enum):
    """The type of :data:`UNSET`."""

    UNSET = enum.auto()


UNSET: Final = Unset.UNSET
"""An argument left out (where ``None`` means something of its own)."""
_FAULT_CODES: Final = frozenset(get_args(FaultCode))
BATCH_OPERATIONS: Final = frozenset({"BatchWriteItem", "BatchGetItem"})
TRANSACTION_OPERATIONS: Final = frozenset({"TransactWriteItems", "TransactGetItems"})
# Any AWS operation may be throttled or fail on the server, modeled or not.
_ANSWERED_BY_EVERY_OPERATION: Final = frozenset({"ThrottlingException", "InternalServerError"})
_MESSAGES: Final[Mapping[str, str]] = {
    "ProvisionedThroughputExceededException": messages.PROVISIONED_THROUGHPUT_EXCEEDED,
    "RequestLimitExceeded": messages.REQUEST_LIMIT_EXCEEDED,
    "InternalServerError": messages.INTERNAL_SERVER_ERROR,
    "TransactionConflictException": messages.TRANSACTION_CONFLICT,
    "TransactionInProgressException": messages.TRANSACTION_IN_PROGRESS,
    "ItemCollectionSizeLimitExceededException": messages.ITEM_COLLECTION_SIZE_LIMIT_EXCEEDED,
    "LimitExceededException": messages.LIMIT_EXCEEDED,
}
# ThrottlingReason.reason is <resource><operation><limit>, e.g. TableWriteAccountLimitExceeded.
_THROTTLING_LIMITS: Final[Mapping[str, str]] = {
    "ProvisionedThroughputExceededException": "ProvisionedThroughputExceeded",
    "RequestLimitExceeded": "AccountLimitExceeded",
}
_READS: Final = frozenset({"GetItem", "BatchGetItem", "Query", "Scan", "TransactGetItems"})
_WRITES: Final = frozenset(
    {"PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems"}
)


@functools.cache
def _operations_answering(code: str) -> frozenset[str]:
    """The API names of the operations the fake answers whose answers may be
    error ``code``."""
    model = service_model()
    answered = _answered_operations()
    if code in _ANSWERED_BY_EVERY_OPERATION:
        return answered
    return frozenset(
        name
        for name in answered
        if any(shape.name == code for shape in model.operation_model(name).error_shapes)
    )


def _answered_operations() -> frozenset[str]:
    """The API names of the operations the fake answers."""
    # Imported here: the handlers import the engine, which holds faults. Importing
    # the package registers every handler, whatever was imported before.
    from dynantic.testing import operations  # noqa: PLC0415
    from dynantic.testing.operations.registry import HANDLERS  # noqa: PLC0415

    del operations
    return frozenset(HANDLERS)


def fault_operations(error: str, operation: str | Sequence[str] | None) -> frozenset[str]:
    """The API names of the operations a rule for ``error`` applies to: those named
    (boto3 or API spelling), or by default every operation that can answer
    ``error``. Refuses errors faults cannot program, and operations that never
    answer ``error``."""
    if error not in _FAULT_CODES:
        raise ValueError(
            f"dynantic: {error!r} is not an error faults can program. "
            f"Valid errors: {', '.join(sorted(_FAULT_CODES))}."
        )
    answering = _operations_answering(error)
    operations = answering if operation is None else api_names(operation)
    unanswered = sorted(map(method_name, operations - _answered_operations()))
    if unanswered:
        raise ValueError(
            f"dynantic: the fake does not answer {' or '.join(unanswered)}, so no fault can "
            f"fire on it; the operations that can answer {error}: "
            f"{', '.join(sorted(map(method_name, answering)))}."
        )
    never = sorted(method_name(name) for name in operations - answering)
    if never:
        raise ValueError(
            f"dynantic: DynamoDB never answers {' or '.join(never)} with {error}; "
            f"the operations that can: {', '.join(sorted(map(method_name, answering)))}."
        )
    return operations


def _default_message(code: str, operation: str) -> str:
    if code == "ThrottlingException":
        data_plane = "ThrottlingException" in {
            shape.name for shape in service_model().operation_model(operation).error_shapes
        }
        return messages.THROTTLING_DATA_PLANE if data_plane else messages.THROTTLING_CONTROL_PLANE
    return _MESSAGES[code]


def _is_positive(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def _is_index(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _check_counts(nth: int, times: int | None, probability: float | None) -> None:
    if not _is_positive(nth):
        raise ValueError(f"dynantic: nth counts matching calls from 1, got {nth!r}")
    if times is not None and not _is_positive(times):
        raise ValueError(
            f"dynantic: times is a positive number or None (every call), got {times!r}"
        )
    if probability is not None and not 0 < probability <= 1:
        raise ValueError(f"dynantic: probability is in (0, 1], got {probability!r}")


class _Rule:
    """What every rule shares: which calls it matches and how often it acts."""

    def __init__(
        self,
        *,
        operations: frozenset[str],
        table: str | None,
        nth: int,
        times: int | None,
        probability: float | None,
        seed: int,
    ) -> None:
        _check_counts(nth, times, probability)
        self._operations = operations
        self.table = None if table is None else table_name(table)
        self.nth = nth
        self.times = times
        self.probability = probability
        self.seed = seed
        self._random = random.Random(seed)
        self.seen = 0
        """How many matching calls this rule was consulted on."""
        self.fired = 0
        """How many calls this rule acted on."""

    @property
    def operations(self) -> tuple[str, ...]:
        """The boto3 names of the operations this rule applies to."""
        return tuple(sorted(method_name(name) for name in self._operations))

    @property
    def done(self) -> bool:
        """Whether the rule has acted as many times as it was told to."""
        return self.times is not None and self.fired >= self.times

    def answers(self, operation: str) -> bool:
        """Whether the rule concerns operation ``operation`` (API name) at all."""
        return operation in self._operations

    def applies_to(self, operation: str, tables: tuple[str, ...]) -> bool:
        """Whether a call of ``operation`` (API name) naming ``tables`` is one to consider."""
        return (
            operation in self._operations
            and (self.table is None or self.table in tables)
            and not self.done
        )

    def count_call(self) -> bool:
        """Count one matching call; decide whether the rule acts on it."""
        self.seen += 1
        if self.seen < self.nth:
            return False
        if self.probability is not None and self._random.random() >= self.probability:
            return False
        self.fired += 1
        return True

    def _where(self) -> str:
        table = f" on table {self.table!r}" if self.table is not None else ""
        times = "every time" if self.times is None else f"{self.times}x"
        chance = f", p={self.probability}, seed={self.seed}" if self.probability else ""
        names = self.operations
        operations = "/".join(names) if len(names) <= 3 else f"{len(names)} operations"
        return f"{operations}{table}, call {self.nth} on, {times}{chance}"


class FaultRule(_Rule):
    """A programmed error: matching calls fail with ``error`` before they change anything."""

    def __init__(
        self,
        error: FaultCode,
        *,
        operations: frozenset[str],
        table: str | None,
        nth: int,
        times: int | None,
        probability: float | None,
        seed: int,
        message: str | None,
    ) -> None:
        super().__init__(
            operations=operations,
            table=table,
            nth=nth,
            times=times,
            probability=probability,
            seed=seed,
        )
        self.error: FaultCode = error
        self.message = message

    def build_error(
        self,
        operation: str,
        tables: tuple[str, ...],
        table_arn: Callable[[str], str],
        request: Mapping[str, object],
    ) -> ServiceError:
        """The service error this rule answers ``operation`` (``request``) with."""
        del request  # the error does not depend on it
        fields: dict[str, object] = {}
        limit = _THROTTLING_LIMITS.get(self.error)
        kind = "Read" if operation in _READS else "Write" if operation in _WRITES else None
        if limit is not None and kind is not None and len(tables) == 1:
            reason = {"reason": f"Table{kind}{limit}", "resource": table_arn(tables[0])}
            fields["ThrottlingReasons"] = [reason]
        message = (
            self.message if self.message is not None else _default_message(self.error, operation)
        )
        status = 500 if self.error == "InternalServerError" else 400
        return ServiceError(self.error, message, fields, status=status)

    def __repr__(self) -> str:
        return f"<FaultRule {self.error} for {self._where()}: fired {self.fired}>"


class ConflictRule(FaultRule):
    """A programmed transaction conflict: matching transactions are cancelled as
    when one of their items is in another transaction that is under way, with a
    ``TransactionCanceledException`` whose ``CancellationReasons`` hold
    ``TransactionConflict`` for element ``element`` (the last one, if the
    transaction is shorter) and ``None`` for the others. ``error`` names the
    conflict the cancellation reports."""

    def __init__(
        self,
        *,
        element: int,
        operations: frozenset[str],
        table: str | None,
        nth: int,
        times: int | None,
        probability: float | None,
        seed: int,
    ) -> None:
        if not _is_index(element):
            raise ValueError(
                f"dynantic: element counts a transaction's elements from 0, got {element!r}"
            )
        super().__init__(
            "TransactionConflictException",
            operations=operations,
            table=table,
            nth=nth,
            times=times,
            probability=probability,
            seed=seed,
            message=None,
        )
        self.element = element

    def build_error(
        self,
        operation: str,
        tables: tuple[str, ...],
        table_arn: Callable[[str], str],
        request: Mapping[str, object],
    ) -> ServiceError:
        del operation, tables, table_arn  # the cancellation depends on the request alone
        # Faults fire after the request checks: TransactItems holds 1 to 100 elements.
        count = len(cast("Sequence[object]", request["TransactItems"]))
        reasons: list[Mapping[str, object]] = [{"Code": "None"}] * count
        reasons[min(self.element, count - 1)] = {
            "Code": "TransactionConflict",
            "Message": messages.TRANSACTION_CONFLICT,
        }
        return transaction_cancelled(reasons)

    def __repr__(self) -> str:
        return f"<ConflictRule on element {self.element} for {self._where()}: fired {self.fired}>"


class UnprocessedRule(_Rule):
    """A programmed partial batch: some requests come back unprocessed."""

    def __init__(
        self,
        *,
        operations: frozenset[str],
        table: str | None,
        count: int | None,
        where: Callable[[Mapping[str, object]], bool] | None,
        nth: int,
        times: int | None,
        probability: float | None,
        seed: int,
    ) -> None:
        super().__init__(
            operations=operations,
            table=table,
            nth=nth,
            times=times,
            probability=probability,
            seed=seed,
        )
        if count is not None and not _is_positive(count):
            raise ValueError(f"dynantic: count is a positive number or None (all), got {count!r}")
        self.count = count
        self.where = where

    def select(
        self, requests: Mapping[str, Sequence[Mapping[str, object]]]
    ) -> dict[str, frozenset[int]]:
        """The requests this rule would leave unprocessed, by table as the call names it."""
        chosen: dict[str, frozenset[int]] = {}
        remaining = self.count
        for name, entries in requests.items():
            if self.table is not None and table_name(name) != self.table:
                continue
            indexes = [
                i for i, entry in enumerate(entries) if self.where is None or self.where(entry)
            ]
            if remaining is not None:
                indexes = indexes[:remaining]
                remaining -= len(indexes)
            if indexes:
                chosen[name] = frozenset(indexes)
            if remaining == 0:
                break
        return chosen

    def __repr__(self) -> str:
        return f"<UnprocessedRule for {self._where()}: fired {self.fired}>"

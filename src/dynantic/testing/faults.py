"""Failures on purpose: the errors and partial batch results a test programs.

``client.faults.fail(...)`` makes matching calls fail with one of the service's
throttling, conflict, limit or server errors; ``client.faults.leave_unprocessed(...)``
makes batch calls hand part of their requests back as ``UnprocessedItems`` /
``UnprocessedKeys``. Both are consulted before the operation changes anything,
so a programmed failure leaves the tables as they were.

Rules are consulted in the order they were added; each counts the matching calls
it is consulted on (``seen``) and the ones it acted on (``fired``), and the
first rule that fires decides the call.
"""

from __future__ import annotations

import enum
import functools
import random
import threading
from collections.abc import Callable, Mapping, Sequence
from typing import Final, Literal, get_args

from dynantic.testing import messages
from dynantic.testing.errors import ServiceError
from dynantic.testing.model import service_model
from dynantic.testing.names import api_name, api_names, method_name
from dynantic.testing.targets import request_tables, table_name

__all__ = ["FaultCode", "FaultRule", "Faults", "UnprocessedRule"]

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


class _Unset(enum.Enum):
    UNSET = enum.auto()


_UNSET: Final = _Unset.UNSET
_FAULT_CODES: Final = frozenset(get_args(FaultCode))
_BATCH_OPERATIONS: Final = frozenset({"BatchWriteItem", "BatchGetItem"})
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
    """The API names of the operations whose answers may be error ``code``."""
    model = service_model()
    if code in _ANSWERED_BY_EVERY_OPERATION:
        return frozenset(model.operation_names)
    return frozenset(
        name
        for name in model.operation_names
        if any(shape.name == code for shape in model.operation_model(name).error_shapes)
    )


def _default_message(code: str, operation: str) -> str:
    if code == "ThrottlingException":
        data_plane = "ThrottlingException" in {
            shape.name for shape in service_model().operation_model(operation).error_shapes
        }
        return messages.THROTTLING_DATA_PLANE if data_plane else messages.THROTTLING_CONTROL_PLANE
    return _MESSAGES[code]


def _is_positive(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


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
        self, operation: str, tables: tuple[str, ...], table_arn: Callable[[str], str]
    ) -> ServiceError:
        """The service error this rule answers ``operation`` with."""
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


class Faults:
    """The failures programmed into one fake, consulted on every call.

    An empty plan costs one truth test per call.
    """

    def __init__(self, *, table_arn: Callable[[str], str]) -> None:
        self._table_arn = table_arn
        self._lock = threading.Lock()
        self._failures: list[FaultRule] = []
        self._unprocessed: list[UnprocessedRule] = []

    # ------------------------------------------------------------ programming

    def fail(
        self,
        error: FaultCode,
        *,
        operation: str | Sequence[str] | None = None,
        table: str | None = None,
        nth: int = 1,
        times: int | _Unset | None = _UNSET,
        probability: float | None = None,
        seed: int = 0,
        message: str | None = None,
    ) -> FaultRule:
        """Make matching calls fail with ``error``.

        ``operation``: one operation or several, boto3 or API spelling; by default
        every operation that can answer ``error`` (an operation that never does is
        refused). ``table``: only calls naming this table. ``nth``: start at the
        n-th matching call. ``times``: how many calls fail — once by default, or
        every matching call when ``probability`` is given; ``None`` for every call.
        ``probability``: each matching call fails with this chance, drawn from a
        generator seeded with ``seed`` so a run is reproducible. ``message``:
        replaces the service's text.
        """
        if error not in _FAULT_CODES:
            raise ValueError(
                f"dynantic: {error!r} is not an error faults can program. "
                f"Valid errors: {', '.join(sorted(_FAULT_CODES))}."
            )
        answering = _operations_answering(error)
        operations = answering if operation is None else api_names(operation)
        never = sorted(method_name(name) for name in operations - answering)
        if never:
            raise ValueError(
                f"dynantic: DynamoDB never answers {' or '.join(never)} with {error}; "
                f"the operations that can: {', '.join(sorted(map(method_name, answering)))}."
            )
        rule = FaultRule(
            error,
            operations=operations,
            table=table,
            nth=nth,
            times=(None if probability is not None else 1) if times is _UNSET else times,
            probability=probability,
            seed=seed,
            message=message,
        )
        with self._lock:
            self._failures.append(rule)
        return rule

    def leave_unprocessed(
        self,
        *,
        operation: Literal["batch_write_item", "batch_get_item", "BatchWriteItem", "BatchGetItem"]
        | None = None,
        table: str | None = None,
        count: int | None = None,
        where: Callable[[Mapping[str, object]], bool] | None = None,
        nth: int = 1,
        times: int | None = 1,
        probability: float | None = None,
        seed: int = 0,
    ) -> UnprocessedRule:
        """Make matching batch calls hand requests back unprocessed.

        ``operation``: ``batch_write_item`` or ``batch_get_item`` (default both).
        ``table``: only that table's requests. ``where``: only requests for which
        it is true — it receives the wire-form ``WriteRequest``
        (``{"PutRequest": {"Item": …}}``) or ``BatchGetItem`` key. ``count``: at
        most this many per call, in request order (default all selected).
        ``nth``, ``times``, ``probability``, ``seed``: as for :meth:`fail`, counting
        only calls with at least one selected request.
        """
        operations = (
            _BATCH_OPERATIONS
            if operation is None
            else frozenset({api_name(operation, allowed=_BATCH_OPERATIONS)})
        )
        rule = UnprocessedRule(
            operations=operations,
            table=table,
            count=count,
            where=where,
            nth=nth,
            times=times,
            probability=probability,
            seed=seed,
        )
        with self._lock:
            self._unprocessed.append(rule)
        return rule

    @property
    def rules(self) -> tuple[FaultRule | UnprocessedRule, ...]:
        """Every programmed rule: error rules, then batch rules, each kind in the order
        it was added (the order in which they are consulted)."""
        with self._lock:
            return (*self._failures, *self._unprocessed)

    def remove(self, rule: FaultRule | UnprocessedRule) -> None:
        """Forget one rule."""
        with self._lock:
            if isinstance(rule, FaultRule):
                self._failures.remove(rule)
            else:
                self._unprocessed.remove(rule)

    def clear(self) -> None:
        """Forget every rule."""
        with self._lock:
            self._failures.clear()
            self._unprocessed.clear()

    # ------------------------------------------------------------ consulted by the service

    @property
    def programmed(self) -> bool:
        """Whether any error rule is programmed (the service's fast path)."""
        return bool(self._failures)

    def error_for(self, operation: str, request: Mapping[str, object]) -> ServiceError | None:
        """The error the first firing rule answers this call with, or ``None``.

        ``operation`` is the API name. The service calls this before the handler,
        so a call that fails here changes nothing.
        """
        with self._lock:
            candidates = [rule for rule in self._failures if rule.answers(operation)]
            if not candidates:
                return None
            tables = request_tables(request)
            for rule in candidates:
                if rule.applies_to(operation, tables) and rule.count_call():
                    return rule.build_error(operation, tables, self._table_arn)
        return None

    def unprocessed(
        self, operation: str, requests: Mapping[str, Sequence[Mapping[str, object]]]
    ) -> dict[str, frozenset[int]]:
        """Which requests of one batch call to hand back unprocessed.

        For the batch handlers: ``operation`` is ``"BatchWriteItem"`` or
        ``"BatchGetItem"``; ``requests`` maps each table, named as in the call's
        ``RequestItems``, to its ``WriteRequest`` list or its ``Keys`` list. The
        answer maps tables to the indexes (into those lists) to leave unprocessed;
        tables with none are absent, and without rules the answer is ``{}``. Call
        it once per call, before applying anything.
        """
        if not self._unprocessed:
            return {}
        tables = tuple(dict.fromkeys(table_name(name) for name in requests))
        with self._lock:
            for rule in self._unprocessed:
                if not rule.applies_to(operation, tables):
                    continue
                chosen = rule.select(requests)
                if chosen and rule.count_call():
                    return chosen
        return {}

    def __repr__(self) -> str:
        return f"<Faults: {len(self.rules)} rules>"

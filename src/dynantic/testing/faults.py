"""Failures on purpose: the errors and partial batch results a test programs.

``client.faults.fail(...)`` makes matching calls fail with one of the service's
throttling, conflict, limit or server errors; ``client.faults.conflict(...)``
cancels transactions as a conflict with another transaction does;
``client.faults.leave_unprocessed(...)``
makes batch calls hand part of their requests back as ``UnprocessedItems`` /
``UnprocessedKeys``. Both are consulted before the operation changes anything,
so a programmed failure leaves the tables as they were.

Rules are consulted in the order they were added; each counts the matching calls
it is consulted on (``seen``) and the ones it acted on (``fired``), and the
first rule that fires decides the call.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from typing import Literal

from dynantic.testing.errors import ServiceError
from dynantic.testing.fault_rules import (
    BATCH_OPERATIONS,
    TRANSACTION_OPERATIONS,
    UNSET,
    ConflictRule,
    FaultCode,
    FaultRule,
    UnprocessedRule,
    Unset,
    fault_operations,
)
from dynantic.testing.names import api_name
from dynantic.testing.targets import request_tables, table_name

__all__ = ["ConflictRule", "FaultCode", "FaultRule", "Faults", "UnprocessedRule"]


def _chosen(operation: str | None, allowed: frozenset[str]) -> frozenset[str]:
    """The API names a rule for ``operation`` (either spelling) applies to: all
    of ``allowed`` by default."""
    return allowed if operation is None else frozenset({api_name(operation, allowed=allowed)})


def _times(times: int | Unset | None, probability: float | None) -> int | None:
    """How many calls a rule acts on: once by default, or every matching call
    when it acts by ``probability``."""
    if times is UNSET:
        return None if probability is not None else 1
    return times


class Faults:
    """The failures programmed into one fake, consulted on every call.

    An empty plan costs one truth test per call.
    """

    def __init__(self, *, table_arn: Callable[[str], str]) -> None:
        self._table_arn = table_arn
        self._lock = threading.Lock()
        self._failures: list[FaultRule] = []
        self._unprocessed: list[UnprocessedRule] = []
        self.programmed = False
        """Whether any error rule is programmed (the service's fast path: a
        plain attribute, read on every call)."""

    # ------------------------------------------------------------ programming

    def fail(
        self,
        error: FaultCode,
        *,
        operation: str | Sequence[str] | None = None,
        table: str | None = None,
        nth: int = 1,
        times: int | Unset | None = UNSET,
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
        operations = fault_operations(error, operation)
        rule = FaultRule(
            error,
            operations=operations,
            table=table,
            nth=nth,
            times=_times(times, probability),
            probability=probability,
            seed=seed,
            message=message,
        )
        with self._lock:
            self._failures.append(rule)
            self.programmed = True
        return rule

    def conflict(
        self,
        *,
        operation: Literal[
            "transact_write_items", "transact_get_items", "TransactWriteItems", "TransactGetItems"
        ]
        | None = None,
        element: int = 0,
        table: str | None = None,
        nth: int = 1,
        times: int | Unset | None = UNSET,
        probability: float | None = None,
        seed: int = 0,
    ) -> ConflictRule:
        """Make matching transactions meet a conflict: each is cancelled, changing
        nothing, with the ``TransactionCanceledException`` the service answers
        when one of its items is in another transaction under way. Its
        ``CancellationReasons`` hold ``TransactionConflict`` for element
        ``element`` (0-based; the last element of a shorter transaction) and
        ``None`` for the others.

        ``operation``: ``transact_write_items`` or ``transact_get_items`` (default
        both). ``table``, ``nth``, ``times``, ``probability``, ``seed``: as for
        :meth:`fail`.
        """
        rule = ConflictRule(
            element=element,
            operations=_chosen(operation, TRANSACTION_OPERATIONS),
            table=table,
            nth=nth,
            times=_times(times, probability),
            probability=probability,
            seed=seed,
        )
        with self._lock:
            self._failures.append(rule)
            self.programmed = True
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
        rule = UnprocessedRule(
            operations=_chosen(operation, BATCH_OPERATIONS),
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
                self.programmed = bool(self._failures)
            else:
                self._unprocessed.remove(rule)

    def clear(self) -> None:
        """Forget every rule."""
        with self._lock:
            self._failures.clear()
            self._unprocessed.clear()
            self.programmed = False

    # ------------------------------------------------------------ consulted by the service

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
                    return rule.build_error(operation, tables, self._table_arn, request)
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

"""The record of calls a fake received, readable like ``unittest.mock``'s.

Every request that reaches the in-memory service — through the Python client or
the HTTP endpoint, answered or refused — is kept as a :class:`Call` holding a
frozen copy of its parameters and response, so a caller mutating what it passed
or got back cannot rewrite history. :class:`Calls` is a read-only sequence of them with filters and
assertions whose failures are :class:`CallAssertionError` (an ``AssertionError``).
"""

from __future__ import annotations

import marshal
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TypeAlias, cast, overload

from dynantic.testing.names import api_name, method_name
from dynantic.testing.targets import request_tables, table_name

__all__ = ["Call", "CallAssertionError", "Calls", "Rebuild", "freeze", "thaw"]

_SHOWN_CALLS = 10
_SHOWN_CHARACTERS = 160


class CallAssertionError(AssertionError):
    """A call-record assertion failed; the message lists what was called."""


def _copy_tree(value: object) -> object:
    if isinstance(value, Mapping):
        members = cast("Mapping[object, object]", value)
        return {key: _copy_tree(member) for key, member in members.items()}
    if isinstance(value, list | tuple):
        return [_copy_tree(member) for member in cast("list[object]", value)]
    if isinstance(value, bytearray):
        return bytes(value)
    return value


Rebuild: TypeAlias = "Callable[[], tuple[dict[str, object], dict[str, object]]]"
"""Builds a new copy of an answered call's request and response, from what
the service kept of them (immutable values, and containers it owns)."""

Frozen: TypeAlias = "bytes | dict[str, object]"
"""A request or response kept in a record: marshal's bytes, or a copied tree."""


def freeze(value: Mapping[str, object]) -> Frozen:
    """Keep ``value`` as it is now, sharing nothing mutable with it.

    Requests and responses are trees of dicts, lists, strings, bytes, numbers and
    booleans, which ``marshal`` serialises in C in a microsecond or two; the
    bytes are one object the garbage collector never has to visit, however many
    calls a test makes. Anything else (a file object given as a blob, a Decimal)
    is kept as a copied tree instead.
    """
    try:
        # marshal refuses (ValueError) any mapping that is not a plain dict.
        return marshal.dumps(cast("dict[str, object]", value), _MARSHAL_VERSION)
    except ValueError:
        return cast("dict[str, object]", _copy_tree(value))


def thaw(frozen: Frozen) -> dict[str, object]:
    """A new copy of what :func:`freeze` kept."""
    if isinstance(frozen, bytes):
        return cast("dict[str, object]", marshal.loads(frozen))
    return cast("dict[str, object]", _copy_tree(frozen))


# Version 4 shares repeated strings ("S", attribute names), which makes it the
# quickest to write for requests full of attribute values.
_MARSHAL_VERSION = 4


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= _SHOWN_CHARACTERS else text[: _SHOWN_CHARACTERS - 3] + "..."


class Call:
    """One request the fake received, and how it ended.

    ``operation`` is the boto3 method name (``put_item``), ``api_name`` the API's
    (``PutItem``); ``params`` the request as it was received; ``error`` the error
    code it failed with (``ThrottlingException``, ``ParamValidationError`` …) or
    ``None``; ``response`` the answer without ``ResponseMetadata``, or ``None``
    when it failed. ``params`` and ``response`` are new copies on every access,
    so neither the caller nor the test can change the record.
    """

    __slots__ = ("_both", "_params", "_response", "_tables", "api_name", "error")

    def __init__(
        self,
        api_name: str,
        params: Mapping[str, object],
        *,
        error: str | None = None,
        response: Mapping[str, object] | None = None,
    ) -> None:
        self.api_name = api_name
        self.error = error
        self._tables: tuple[str, ...] | None = None
        # Request and response frozen together in one marshal pass when both are
        # plain trees (the commonest case by far), else each on its own.
        self._params: Frozen | None = None
        self._response: Frozen | None = None
        try:
            pair = cast("tuple[dict[str, object], dict[str, object] | None]", (params, response))
            self._both: bytes | Rebuild | None = marshal.dumps(pair, _MARSHAL_VERSION)
        except ValueError:
            self._both = None
            self._params = freeze(params)
            self._response = None if response is None else freeze(response)

    @classmethod
    def answered(cls, api_name: str, both: bytes | Rebuild) -> Call:
        """The record of an answered call whose request and response ``marshal``
        froze together (as :meth:`Calls.record_answer` does), or that ``both``
        rebuilds (as :meth:`Calls.record_rebuilt` keeps them)."""
        call = cls.__new__(cls)
        call.api_name = api_name
        call.error = None
        call._tables = None
        call._params = call._response = None
        call._both = both
        return call

    def _thawed_both(
        self, both: bytes | Rebuild
    ) -> tuple[dict[str, object], dict[str, object] | None]:
        if isinstance(both, bytes):
            return cast("tuple[dict[str, object], dict[str, object] | None]", marshal.loads(both))
        return both()

    @property
    def params(self) -> dict[str, object]:
        """The request's parameters, as received."""
        if self._both is not None:
            return self._thawed_both(self._both)[0]
        assert self._params is not None  # frozen apart when not together
        return thaw(self._params)

    @property
    def response(self) -> dict[str, object] | None:
        """The response, without ``ResponseMetadata`` (``None`` if the call failed)."""
        if self._both is not None:
            return self._thawed_both(self._both)[1]
        return None if self._response is None else thaw(self._response)

    @property
    def operation(self) -> str:
        """The boto3 method name: ``put_item``."""
        return method_name(self.api_name)

    @property
    def tables(self) -> tuple[str, ...]:
        """The tables the request names (by name, also when given by ARN)."""
        if self._tables is None:
            self._tables = request_tables(self.params)
        return self._tables

    @property
    def table(self) -> str | None:
        """The table the request names, or ``None`` if it names none (or several)."""
        tables = self.tables
        return tables[0] if len(tables) == 1 else None

    @property
    def failed(self) -> bool:
        """Whether the call ended in an error."""
        return self.error is not None

    def __repr__(self) -> str:
        arguments = ", ".join(f"{name}={_short(value)}" for name, value in self.params.items())
        outcome = f" -> {self.error}" if self.error is not None else ""
        return f"{self.operation}({arguments}){outcome}"


def _operation_filter(operation: str | None) -> str | None:
    return None if operation is None else api_name(operation)


def _describe(operation: str | None, table: str | None, *, count: int | None = None) -> str:
    noun = "call" if count == 1 else "calls"
    what = f"{noun} to {method_name(operation)}" if operation else noun
    return f"{what} on table {table!r}" if table is not None else what


class Calls(Sequence[Call]):
    """The calls a fake received, oldest first.

    A read-only sequence (``len(calls)``, ``calls[0]``, ``calls[-2:]``, iteration)
    with helpers: :attr:`last`, :attr:`call_count`, :attr:`called`,
    :meth:`filter` and the ``assert_*`` methods. Recording can be switched off
    with :attr:`recording` when a test does not need it.
    """

    def __init__(self, records: Sequence[Call] = (), *, recording: bool = True) -> None:
        self._records: list[Call] = list(records)
        # Calls recorded since the last read: Call objects, or (API name, frozen
        # request and response, or their Rebuild) made into Call objects only
        # when read.
        self._pending: list[Call | tuple[str, bytes | Rebuild]] = []
        self._lock = threading.Lock()
        self.recording = recording
        """Whether new calls are recorded (switch off to save the copying)."""

    # ------------------------------------------------------------ recording

    def record(self, call: Call) -> None:
        """Append ``call`` (used by the service; tests only read). Appending to a
        list is atomic, so it needs no lock of its own."""
        self._pending.append(call)

    def record_answer(
        self, api_name: str, params: Mapping[str, object], response: Mapping[str, object]
    ) -> None:
        """Append an answered call, frozen now and made a :class:`Call` when read."""
        pair = cast("tuple[dict[str, object], dict[str, object]]", (params, response))
        try:
            self._pending.append((api_name, marshal.dumps(pair, _MARSHAL_VERSION)))
        except ValueError:  # not a plain tree: a Call keeps it its own way
            self._pending.append(Call(api_name, params, response=response))

    def record_rebuilt(self, api_name: str, rebuild: Rebuild) -> None:
        """Append an answered call whose request and response ``rebuild`` makes
        anew on every read: kept by the service in a form no caller can change,
        they need no copy now."""
        self._pending.append((api_name, rebuild))

    def clear(self) -> None:
        """Forget every recorded call."""
        with self._lock:
            del self._pending[: len(self._pending)]
            self._records.clear()

    def _settled(self) -> list[Call]:
        """Every recorded call as a :class:`Call`, oldest first."""
        pending = self._pending
        if pending:
            with self._lock:
                count = len(pending)
                batch = pending[:count]
                # Calls recorded meanwhile were appended after these: kept.
                del pending[:count]
                self._records.extend(
                    record if isinstance(record, Call) else Call.answered(*record)
                    for record in batch
                )
        return self._records

    # ------------------------------------------------------------ reading

    @overload
    def __getitem__(self, index: int) -> Call: ...
    @overload
    def __getitem__(self, index: slice) -> list[Call]: ...
    def __getitem__(self, index: int | slice) -> Call | list[Call]:
        return self._settled()[index]

    def __len__(self) -> int:
        return len(self._settled())

    def __iter__(self) -> Iterator[Call]:
        records = self._settled()
        with self._lock:
            records = list(records)
        return iter(records)

    def __repr__(self) -> str:
        return f"<Calls: {len(self)} recorded>"

    @property
    def last(self) -> Call:
        """The most recent call; a :class:`CallAssertionError` if there is none."""
        try:
            return self._settled()[-1]
        except IndexError:
            raise CallAssertionError("dynantic: no call was recorded") from None

    @property
    def call_count(self) -> int:
        """How many calls were recorded."""
        return len(self._settled())

    @property
    def called(self) -> bool:
        """Whether any call was recorded."""
        return bool(self._settled())

    def filter(
        self,
        *,
        operation: str | None = None,
        table: str | None = None,
        failed: bool | None = None,
        error: str | None = None,
        where: Callable[[Call], bool] | None = None,
    ) -> Calls:
        """The calls matching every given criterion, as a new (frozen) :class:`Calls`.

        ``operation``: either spelling (``put_item`` or ``PutItem``); ``table``: a
        table the call names; ``failed``: whether it ended in an error; ``error``:
        the error code it ended in; ``where``: any predicate on the :class:`Call`.
        """
        wanted_api = _operation_filter(operation)
        wanted_table = None if table is None else table_name(table)
        matched = [
            call
            for call in self
            if (wanted_api is None or call.api_name == wanted_api)
            and (wanted_table is None or wanted_table in call.tables)
            and (failed is None or call.failed == failed)
            and (error is None or call.error == error)
            and (where is None or where(call))
        ]
        return Calls(matched, recording=False)

    # ------------------------------------------------------------ assertions

    def _listing(self) -> str:
        records = list(self)
        if not records:
            return "No call was recorded."
        shown = records[-_SHOWN_CALLS:]
        first = len(records) - len(shown) + 1
        lines = [f"  {number}. {call!r}" for number, call in enumerate(shown, start=first)]
        skipped = f" (the last {len(shown)} of {len(records)})" if len(shown) < len(records) else ""
        return f"Recorded calls{skipped}:\n" + "\n".join(lines)

    def _fail(self, message: str) -> CallAssertionError:
        return CallAssertionError(f"dynantic: {message}\n{self._listing()}")

    def assert_called(
        self, *, operation: str | None = None, table: str | None = None, times: int | None = None
    ) -> Calls:
        """Assert that matching calls were made (exactly ``times`` of them, if given);
        return them."""
        matched = self.filter(operation=operation, table=table)
        wanted_api = _operation_filter(operation)
        if times is None and not matched:
            raise self._fail(f"expected {_describe(wanted_api, table)}, got none.")
        if times is not None and len(matched) != times:
            raise self._fail(
                f"expected {times} {_describe(wanted_api, table, count=times)}, got {len(matched)}."
            )
        return matched

    def assert_called_once(self, *, operation: str | None = None, table: str | None = None) -> Call:
        """Assert that exactly one matching call was made; return it."""
        return self.assert_called(operation=operation, table=table, times=1)[0]

    def assert_not_called(self, *, operation: str | None = None, table: str | None = None) -> None:
        """Assert that no matching call was made."""
        matched = self.filter(operation=operation, table=table)
        if matched:
            wanted_api = _operation_filter(operation)
            raise self._fail(f"expected no {_describe(wanted_api, table)}, got {len(matched)}.")

    def assert_last_call(self, operation: str, /, **params: object) -> Call:
        """Assert that the most recent call was ``operation`` with these parameters
        (parameters not named are not compared); return it."""
        wanted_api = api_name(operation)
        records = self._settled()
        if not records:
            raise self._fail(f"expected the last call to be {method_name(wanted_api)}.")
        last = records[-1]
        problem = _mismatch(last, wanted_api, params)
        if problem:
            raise self._fail(f"the last call is not the expected one: {problem}.")
        return last

    def assert_any_call(self, operation: str, /, **params: object) -> Call:
        """Assert that some call was ``operation`` with these parameters (parameters
        not named are not compared); return the most recent such call."""
        wanted_api = api_name(operation)
        for call in reversed(list(self)):
            if not _mismatch(call, wanted_api, params):
                return call
        shown = ", ".join(f"{name}={_short(value)}" for name, value in params.items())
        raise self._fail(f"expected a call {method_name(wanted_api)}({shown}), got none.")


def _mismatch(call: Call, wanted_api: str, params: Mapping[str, object]) -> str:
    """Why ``call`` is not ``wanted_api`` with ``params``, or ``""`` if it is."""
    if call.api_name != wanted_api:
        return f"expected {method_name(wanted_api)}, got {call.operation}"
    received = call.params
    for name, expected in params.items():
        if name not in received:
            return f"{name} was not passed (expected {_short(expected)})"
        actual = received[name]
        if actual != expected:
            return f"{name} is {_short(actual)}, expected {_short(expected)}"
    return ""

"""What a test needs from the fake that no DynamoDB offers.

:class:`FakeControls` is the part of ``FakeDynamoDBClient`` that is not boto3's:
the clock, programmed faults, the record of calls, boto3's own clients and
resources answered in process, and direct access to the stored state (declare
tables, seed items, read them back, reset, snapshot and restore). Errors are
raised exactly as the client raises them, so seeding a bad item fails with the
same ``ClientError`` a ``put_item`` would.
"""

from __future__ import annotations

from collections.abc import Generator, Iterable, Mapping
from contextlib import AbstractContextManager, contextmanager
from typing import TYPE_CHECKING, Literal, overload

from dynantic.testing import in_process, state
from dynantic.testing.botocore_errors import to_client_error
from dynantic.testing.errors import ServiceError

if TYPE_CHECKING:
    from botocore.config import Config
    from botocore.exceptions import ClientError
    from mypy_boto3_dynamodb.client import DynamoDBClient as Boto3DynamoDBClient
    from mypy_boto3_dynamodb.service_resource import DynamoDBServiceResource
    from mypy_boto3_dynamodb.type_defs import AttributeValueTypeDef

    from dynantic.testing.calls import Calls
    from dynantic.testing.engine.clock import Clock
    from dynantic.testing.faults import Faults
    from dynantic.testing.metadata import ResponseMetadataFactory
    from dynantic.testing.service import Service
    from dynantic.testing.state import Snapshot, TableSpec

__all__ = ["FakeControls"]


class FakeControls:
    """Time, faults, the call record and the stored state of one fake."""

    _service: Service
    _metadata: ResponseMetadataFactory

    @property
    def service(self) -> Service:
        """The in-memory service behind this client (share it with an HTTP endpoint)."""
        return self._service

    @property
    def clock(self) -> Clock:
        """The clock the fake reads: move it, shift it, freeze it, or let it follow
        real time."""
        return self._service.database.clock

    @property
    def faults(self) -> Faults:
        """Failures on purpose: ``faults.fail(...)``, ``faults.leave_unprocessed(...)``."""
        return self._service.database.faults

    @property
    def calls(self) -> Calls:
        """Every call received, oldest first, with filters and assertions."""
        return self._service.calls

    # ------------------------------------------------------------ time to live

    def expire_items(self) -> dict[str, int]:
        """Delete every item whose time to live has passed (by :attr:`clock`), from its
        table and indexes, as the service's background process eventually does.
        Returns how many items went, per table. Until then expired items stay
        readable, as they do in DynamoDB."""
        return self._service.database.expire()

    @property
    def auto_expire(self) -> bool:
        """When true, expired items are deleted before every call (off by default)."""
        return self._service.database.auto_expire

    @auto_expire.setter
    def auto_expire(self, value: bool) -> None:
        self._service.database.auto_expire = value

    # ------------------------------------------------------------ stored state

    def add_tables(
        self, tables: Mapping[str, TableSpec] | None = None, /, **more: TableSpec
    ) -> None:
        """Create tables from short specs: ``add_tables(users="pk", orders=("pk", "sk:N"))``
        or a mapping (for names that are not identifiers). See :data:`TableSpec`."""
        with self._client_errors("CreateTable"):
            state.add_tables(self._service, {**(tables or {}), **more})

    def seed(
        self, items: Mapping[str, Iterable[Mapping[str, object]]], *, wire: bool = False
    ) -> int:
        """Put items into tables in one call: ``seed({"users": [{"pk": "u1", "age": 30}]})``.

        Items are plain Python converted by boto3's ``TypeSerializer`` (so numbers
        are ``int`` or ``Decimal``, never ``float``), or wire form when ``wire``.
        PutItem's checks apply; if any item is refused, none is kept. Not recorded
        as calls and never subject to faults. Returns how many items were put.
        """
        with self._client_errors("PutItem"):
            return state.seed(self._service, items, wire=wire)

    @overload
    def table_items(
        self, table: str, *, wire: Literal[False] = False
    ) -> list[dict[str, object]]: ...
    @overload
    def table_items(
        self, table: str, *, wire: Literal[True]
    ) -> list[dict[str, AttributeValueTypeDef]]: ...
    def table_items(
        self, table: str, *, wire: bool = False
    ) -> list[dict[str, object]] | list[dict[str, AttributeValueTypeDef]]:
        """A table's items in key order (partition key, then sort key), as plain Python
        (boto3's ``TypeDeserializer``: numbers are ``Decimal``, sets are ``set``) or in
        wire form when ``wire``."""
        with self._client_errors("Scan"):
            database = self._service.database
            return state.wire_items(database, table) if wire else state.table_items(database, table)

    def snapshot(self) -> Snapshot:
        """Copy the whole stored state (tables, items, indexes); cheap, items are shared."""
        return state.snapshot(self._service.database)

    def restore(self, snapshot: Snapshot) -> None:
        """Return the stored state to ``snapshot`` (reusable: restore it as often as needed).
        Faults and the call record are left as they are."""
        state.restore(self._service.database, snapshot)

    def reset(self) -> None:
        """Forget every table and item, every programmed fault and every recorded call.
        The clock is left as it is."""
        state.reset(self._service.database)
        self.faults.clear()
        self.calls.clear()

    # ------------------------------------------------------------ boto3's own objects

    def boto3_client(self, *, config: Config | None = None) -> Boto3DynamoDBClient:
        """A real ``boto3`` DynamoDB client that this fake answers in process: botocore
        serialises, signs, retries and parses as against AWS, and nothing leaves the
        process (its endpoint is a name that never resolves). ``config``: botocore's
        client ``Config`` (retries, say)."""
        return in_process.client_of(self._service, config)

    def boto3_resource(self, *, config: Config | None = None) -> DynamoDBServiceResource:
        """``boto3.resource("dynamodb")`` answered by this fake (``.Table(name)``,
        batch writers, conditions from ``boto3.dynamodb.conditions``)."""
        return in_process.resource_of(self._service, config)

    def attached(
        self, session: in_process.AnySession | None = None
    ) -> AbstractContextManager[object]:
        """With ``session`` (a boto3 or botocore session, such as one the code under
        test takes): this fake answers the DynamoDB clients and resources that
        ``session`` makes inside the ``with`` block, for their whole life.

        Without: while the block runs, this fake answers the DynamoDB clients of
        boto3's default session (``boto3.client``, ``boto3.resource``) and of every
        session made after the first such block began, or after
        :func:`dynantic.testing.in_process.install` (a ``boto3.Session`` the code
        makes, botocore's own). Outside any block they go to AWS as usual.

        botocore still signs each request, so sessions need credentials of some
        kind (any will do)."""
        if session is None:
            return in_process.everywhere(self._service)
        return in_process.attached(self._service, session)

    # ------------------------------------------------------------ errors as boto3 raises them

    def _client_error(self, error: ServiceError, operation_name: str) -> ClientError:
        metadata = self._metadata.build(self.clock.now(), status=error.status)
        return to_client_error(error, operation_name, metadata)

    @contextmanager
    def _client_errors(self, operation_name: str) -> Generator[None, None, None]:
        try:
            yield
        except ServiceError as error:
            raise self._client_error(error, operation_name) from None

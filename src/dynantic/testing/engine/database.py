"""The whole in-memory DynamoDB: its tables, its lock and its clock.

Every operation runs while holding :attr:`Database.lock`, so concurrent calls
from many threads behave as if applied one at a time.

Every attribute that is not in :data:`NOT_STATE` is data: a snapshot copies it and
a reset returns it to what a new database holds, so state added here later is
snapshotted and reset without further work.
"""

from __future__ import annotations

import re
import threading

from dynantic.testing import messages
from dynantic.testing.engine.clock import Clock
from dynantic.testing.engine.table import Table
from dynantic.testing.engine.transaction_tokens import TransactionTokens
from dynantic.testing.errors import ServiceError, validation_error
from dynantic.testing.faults import Faults
from dynantic.testing.model import partition_of

__all__ = ["NOT_STATE", "Database"]

_SHORTEST_NAME = 3
_TABLE_NAME = re.compile(r"[a-zA-Z0-9_.-]{3,255}")
"""What the resource of a table's ARN holds after ``table/``."""
_TABLE_ARN_ACCOUNT = re.compile(r"arn:[^:]*:dynamodb:[^:]*:([^:]*):table/")
"""A table ARN, up to its resource; the group is the account."""

NOT_STATE = frozenset({"region", "account_id", "clock", "lock", "faults", "auto_expire"})
"""The attributes of a :class:`Database` that describe it rather than hold its data."""


class Database:
    """Tables by name, one re-entrant lock, the clock, the account and region."""

    def __init__(self, *, region: str, account_id: str, clock: Clock | None = None) -> None:
        self.region = region
        self.account_id = account_id
        self.clock = clock if clock is not None else Clock()
        self.lock = threading.RLock()
        self.faults = Faults(table_arn=self.table_arn)
        """The failures a test programmed; batch handlers ask it what to leave unprocessed."""
        self.tables: dict[str, Table] = {}
        self.transaction_tokens = TransactionTokens()
        """The client request tokens of recent TransactWriteItems calls."""
        self.auto_expire = False
        """Delete expired items (time to live) before every call, instead of on request."""

    def expire(self) -> dict[str, int]:
        """Delete every item whose time to live has passed, as the service's background
        process eventually does; returns how many went, per table that lost any."""
        now = self.clock.now()
        with self.lock:
            expired = {name: table.expire(now) for name, table in self.tables.items()}
        return {name: count for name, count in expired.items() if count}

    @property
    def partition(self) -> str:
        """The partition of the region, the first field of every ARN (``aws``, ``aws-cn`` …)."""
        return partition_of(self.region)

    def table_arn(self, name: str) -> str:
        """The ARN a table of this name has in this account and region."""
        return f"arn:{self.partition}:dynamodb:{self.region}:{self.account_id}:table/{name}"

    def table_name(self, name_or_arn: str) -> str:
        """A table's name from its name or its ARN (the API accepts both).

        An ARN whose resource is not a table name alone (an index's ARN,
        ``table/NAME/index/INDEX``) is refused: the service resolves only a
        table's own ARN (ExtendDB's tests/test_table_arn_as_name.py and PR 200,
        captured from the service).
        """
        prefix = f"arn:{self.partition}:dynamodb:{self.region}:{self.account_id}:table/"
        if name_or_arn.startswith(prefix):
            name = name_or_arn[len(prefix) :]
            if len(name) < _SHORTEST_NAME:
                raise validation_error(messages.TABLE_ARN_NAME_SHORT.format(arn=name_or_arn))
            if not _TABLE_NAME.fullmatch(name):
                raise validation_error(messages.TABLE_ARN_FORMAT.format(arn=name_or_arn))
            return name
        return name_or_arn

    def table(self, name_or_arn: str, *, named: bool = False) -> Table:
        """The table, or the service's ``ResourceNotFoundException``.

        ``named``: the control-plane operations name the missing table in the
        message; the data-plane ones do not. They also deny a table ARN of
        another account, in any region, before looking for it (the
        ack-api-quirks DynamoDB catalogue, DDB-TABLE-011, live 2026-10, for
        DescribeTable).
        """
        table = self.tables.get(name_or_arn)
        if table is None:
            if named and self._another_accounts(name_or_arn):
                raise ServiceError("AccessDeniedException", messages.ACCESS_DENIED)
            name = self.table_name(name_or_arn)
            table = self.tables.get(name)
            if table is None:
                message = (
                    messages.TABLE_NOT_FOUND_NAMED.format(name=name)
                    if named
                    else (messages.TABLE_NOT_FOUND)
                )
                raise ServiceError("ResourceNotFoundException", message)
        return table

    def _another_accounts(self, name_or_arn: str) -> bool:
        """Whether ``name_or_arn`` is the ARN of a table in an account other than this one."""
        match = _TABLE_ARN_ACCOUNT.match(name_or_arn)
        return match is not None and match.group(1) != self.account_id

"""TransactWriteItems' ``ClientRequestToken``: the calls it makes idempotent.

A token names a transaction that succeeded for 10 minutes of the fake's clock
after it completed. Within them, a call with the same token and the same other
parameters succeeds again without writing anything; with other parameters it
raises ``IdempotentParameterMismatchException``. After them, the token names
nothing and the call is a new one. A cancelled or refused transaction leaves
no token behind. Source: AWS's API reference, TransactWriteItems
``ClientRequestToken``.

The database holds one :class:`TransactionTokens`, so snapshots and resets
carry and clear the tokens with the tables.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple, cast

__all__ = ["TOKEN_LIFETIME_SECONDS", "TokenRecord", "TransactionTokens", "request_parameters"]

TOKEN_LIFETIME_SECONDS = 600.0
"""DynamoDB: a client request token is valid for 10 minutes after its call completes."""

_TOKEN = "ClientRequestToken"


class TokenRecord(NamedTuple):
    """A successful transaction: its parameters, when it completed, and for each
    action the table (as the request named it) and the item size the action was
    charged on, from which a repeated call reports its capacity."""

    parameters: object
    completed_at: float
    charged_sizes: tuple[tuple[str, int], ...]


def _frozen(value: object) -> object:
    """``value`` as a hashable whole that compares equal regardless of map order."""
    if isinstance(value, Mapping):
        members = cast("Mapping[object, object]", value)
        return frozenset((key, _frozen(member)) for key, member in members.items())
    if isinstance(value, list | tuple):
        return tuple(_frozen(member) for member in cast("list[object]", value))
    if isinstance(value, bytearray):
        return bytes(value)
    return value


def request_parameters(request: Mapping[str, object]) -> object:
    """Every parameter of a TransactWriteItems request except its token, comparable."""
    return _frozen({name: value for name, value in request.items() if name != _TOKEN})


class TransactionTokens:
    """The tokens of the transactions that completed in the last 10 minutes."""

    def __init__(self) -> None:
        # In order of completion, so that the expired ones come first.
        self._records: dict[str, TokenRecord] = {}

    def find(self, token: str, now: float) -> TokenRecord | None:
        """The live record of ``token``, forgetting every record that has expired."""
        records = self._records
        while records:
            oldest, first = next(iter(records.items()))
            if now - first.completed_at < TOKEN_LIFETIME_SECONDS:
                break
            del records[oldest]
        found = records.get(token)
        if found is not None and now - found.completed_at >= TOKEN_LIFETIME_SECONDS:
            return None
        return found

    def remember(self, token: str, record: TokenRecord) -> None:
        """Keep ``record`` for ``token`` from now on, replacing an expired one."""
        self._records.pop(token, None)
        self._records[token] = record

    def __len__(self) -> int:
        return len(self._records)

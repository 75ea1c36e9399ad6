"""The typed seam between application code and DynamoDB.

Application code asks :func:`get_client` for a :class:`DynamoDBClient` and never
constructs one itself. Which client it gets is decided, in order, by

1. the client installed with :func:`using_client` in the current thread or
   asyncio task (innermost block wins);
2. the process-wide default installed with :func:`set_client`;
3. a ``boto3.client("dynamodb")`` created on first use, once, under a lock.

A real boto3 client and :class:`dynantic.testing.FakeDynamoDBClient` both
satisfy :class:`DynamoDBClient` structurally, so the same code runs against
DynamoDB in production and in memory in tests, and the type checker verifies
both sides.
"""

from __future__ import annotations

import functools
import inspect
import threading
from collections.abc import Awaitable, Callable
from contextlib import ContextDecorator
from contextvars import ContextVar, Token
from typing import TYPE_CHECKING, Generic, Literal, Protocol, TypeVar, cast, overload

from typing_extensions import Self

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.client import Exceptions
    from mypy_boto3_dynamodb.paginator import (
        ListTablesPaginator,
        QueryPaginator,
        ScanPaginator,
    )
    from mypy_boto3_dynamodb.type_defs import (
        BatchGetItemInputTypeDef,
        BatchGetItemOutputTypeDef,
        BatchWriteItemInputTypeDef,
        BatchWriteItemOutputTypeDef,
        CreateTableInputTypeDef,
        CreateTableOutputTypeDef,
        DeleteItemInputTypeDef,
        DeleteItemOutputTypeDef,
        DeleteTableInputTypeDef,
        DeleteTableOutputTypeDef,
        DescribeTableInputTypeDef,
        DescribeTableOutputTypeDef,
        DescribeTimeToLiveInputTypeDef,
        DescribeTimeToLiveOutputTypeDef,
        EmptyResponseMetadataTypeDef,
        GetItemInputTypeDef,
        GetItemOutputTypeDef,
        ListTablesInputTypeDef,
        ListTablesOutputTypeDef,
        ListTagsOfResourceInputTypeDef,
        ListTagsOfResourceOutputTypeDef,
        PutItemInputTypeDef,
        PutItemOutputTypeDef,
        QueryInputTypeDef,
        QueryOutputTypeDef,
        ScanInputTypeDef,
        ScanOutputTypeDef,
        TagResourceInputTypeDef,
        TransactGetItemsInputTypeDef,
        TransactGetItemsOutputTypeDef,
        TransactWriteItemsInputTypeDef,
        TransactWriteItemsOutputTypeDef,
        UntagResourceInputTypeDef,
        UpdateItemInputTypeDef,
        UpdateItemOutputTypeDef,
        UpdateTableInputTypeDef,
        UpdateTableOutputTypeDef,
        UpdateTimeToLiveInputTypeDef,
        UpdateTimeToLiveOutputTypeDef,
    )
    from mypy_boto3_dynamodb.waiter import TableExistsWaiter, TableNotExistsWaiter
    from typing_extensions import Unpack

__all__ = [
    "ClientOverride",
    "DynamoDBClient",
    "clear_client",
    "get_client",
    "set_client",
    "using_client",
]


class DynamoDBClient(Protocol):
    """The DynamoDB operations dynantic relies on, typed as the boto3 stubs type them.

    Every method has exactly the signature of the same method of
    ``mypy_boto3_dynamodb.DynamoDBClient``, so ``boto3.client("dynamodb")``
    satisfies this protocol without a cast, and so does any object with the
    same methods (``dynantic.testing.FakeDynamoDBClient`` among them).
    """

    @property
    def exceptions(self) -> Exceptions:
        """The service's error classes, as ``client.exceptions.<Code>``."""
        ...

    # Items
    def get_item(self, **kwargs: Unpack[GetItemInputTypeDef]) -> GetItemOutputTypeDef: ...
    def put_item(self, **kwargs: Unpack[PutItemInputTypeDef]) -> PutItemOutputTypeDef: ...
    def update_item(self, **kwargs: Unpack[UpdateItemInputTypeDef]) -> UpdateItemOutputTypeDef: ...
    def delete_item(self, **kwargs: Unpack[DeleteItemInputTypeDef]) -> DeleteItemOutputTypeDef: ...

    # Reads over many items
    def query(self, **kwargs: Unpack[QueryInputTypeDef]) -> QueryOutputTypeDef: ...
    def scan(self, **kwargs: Unpack[ScanInputTypeDef]) -> ScanOutputTypeDef: ...

    # Batches and transactions
    def batch_get_item(
        self, **kwargs: Unpack[BatchGetItemInputTypeDef]
    ) -> BatchGetItemOutputTypeDef: ...
    def batch_write_item(
        self, **kwargs: Unpack[BatchWriteItemInputTypeDef]
    ) -> BatchWriteItemOutputTypeDef: ...
    def transact_get_items(
        self, **kwargs: Unpack[TransactGetItemsInputTypeDef]
    ) -> TransactGetItemsOutputTypeDef: ...
    def transact_write_items(
        self, **kwargs: Unpack[TransactWriteItemsInputTypeDef]
    ) -> TransactWriteItemsOutputTypeDef: ...

    # Tables
    def create_table(
        self, **kwargs: Unpack[CreateTableInputTypeDef]
    ) -> CreateTableOutputTypeDef: ...
    def delete_table(
        self, **kwargs: Unpack[DeleteTableInputTypeDef]
    ) -> DeleteTableOutputTypeDef: ...
    def describe_table(
        self, **kwargs: Unpack[DescribeTableInputTypeDef]
    ) -> DescribeTableOutputTypeDef: ...
    def list_tables(self, **kwargs: Unpack[ListTablesInputTypeDef]) -> ListTablesOutputTypeDef: ...
    def update_table(
        self, **kwargs: Unpack[UpdateTableInputTypeDef]
    ) -> UpdateTableOutputTypeDef: ...

    # Time to live and tags
    def update_time_to_live(
        self, **kwargs: Unpack[UpdateTimeToLiveInputTypeDef]
    ) -> UpdateTimeToLiveOutputTypeDef: ...
    def describe_time_to_live(
        self, **kwargs: Unpack[DescribeTimeToLiveInputTypeDef]
    ) -> DescribeTimeToLiveOutputTypeDef: ...
    def tag_resource(
        self, **kwargs: Unpack[TagResourceInputTypeDef]
    ) -> EmptyResponseMetadataTypeDef: ...
    def untag_resource(
        self, **kwargs: Unpack[UntagResourceInputTypeDef]
    ) -> EmptyResponseMetadataTypeDef: ...
    def list_tags_of_resource(
        self, **kwargs: Unpack[ListTagsOfResourceInputTypeDef]
    ) -> ListTagsOfResourceOutputTypeDef: ...

    # Paginators and waiters
    @overload
    def get_paginator(self, operation_name: Literal["list_tables"]) -> ListTablesPaginator: ...
    @overload
    def get_paginator(self, operation_name: Literal["query"]) -> QueryPaginator: ...
    @overload
    def get_paginator(self, operation_name: Literal["scan"]) -> ScanPaginator: ...
    @overload
    def get_waiter(self, waiter_name: Literal["table_exists"]) -> TableExistsWaiter: ...
    @overload
    def get_waiter(self, waiter_name: Literal["table_not_exists"]) -> TableNotExistsWaiter: ...


# The members a run-time check looks for; kept beside the protocol they mirror.
_REQUIRED_METHODS: tuple[str, ...] = (
    "get_item",
    "put_item",
    "update_item",
    "delete_item",
    "query",
    "scan",
    "batch_get_item",
    "batch_write_item",
    "transact_get_items",
    "transact_write_items",
    "create_table",
    "delete_table",
    "describe_table",
    "list_tables",
    "update_table",
    "update_time_to_live",
    "describe_time_to_live",
    "tag_resource",
    "untag_resource",
    "list_tags_of_resource",
    "get_paginator",
    "get_waiter",
)

ClientT = TypeVar("ClientT", bound=DynamoDBClient)
FunctionT = TypeVar("FunctionT", bound=Callable[..., object])

_override: ContextVar[DynamoDBClient | None] = ContextVar("dynantic_client", default=None)


def _create_boto3_client() -> DynamoDBClient:
    import boto3  # noqa: PLC0415 - boto3 costs ~100 ms to import; only the fallback needs it

    # boto3-stubs types client() as an overload over every AWS service; pyright
    # strict calls the services whose stubs are not installed "unknown".
    client: DynamoDBClient = boto3.client("dynamodb")  # pyright: ignore[reportUnknownMemberType]
    return client


class _ProcessDefault:
    """The process-wide default client, and how to create it when none is set."""

    def __init__(self) -> None:
        self.client: DynamoDBClient | None = None
        self.lock = threading.Lock()
        # Replaced by the pytest plugin so that a test can never reach AWS by accident.
        self.factory: Callable[[], DynamoDBClient] = _create_boto3_client

    def get_or_create(self) -> DynamoDBClient:
        with self.lock:
            if self.client is None:
                created = self.factory()
                _check_client(created, "get_client")
                self.client = created
            return self.client

    def replace(self, client: DynamoDBClient | None) -> None:
        with self.lock:
            self.client = client


_default = _ProcessDefault()


def _check_client(client: object, caller: str) -> None:
    """Raise ``TypeError`` unless ``client`` looks like a DynamoDB client."""
    missing = [name for name in _REQUIRED_METHODS if not callable(getattr(client, name, None))]
    if not missing and hasattr(client, "exceptions"):
        return
    what = type(client).__name__
    hint = ""
    meta = getattr(client, "meta", None)
    if getattr(meta, "client", None) is not None and missing:
        hint = (
            " This looks like a boto3 resource; pass its low-level client (resource.meta.client)."
        )
    detail = f"missing {', '.join(missing)}" if missing else "missing the 'exceptions' attribute"
    raise TypeError(
        f"{caller}() expects a DynamoDB client (boto3.client('dynamodb'), "
        f"dynantic.testing.FakeDynamoDBClient or another dynantic.DynamoDBClient), "
        f"got {what!s} ({detail}).{hint}"
    )


def get_client() -> DynamoDBClient:
    """Return the DynamoDB client for the current context.

    The client installed by the innermost active :func:`using_client` block,
    else the default installed by :func:`set_client`, else a
    ``boto3.client("dynamodb")`` created on first use (exactly once per process,
    even when many threads ask at the same moment).
    """
    client = _override.get()
    if client is not None:
        return client
    client = _default.client
    if client is not None:
        return client
    return _default.get_or_create()


def set_client(client: DynamoDBClient) -> None:
    """Install ``client`` as the process-wide default returned by :func:`get_client`.

    It applies to every thread and task that is not inside a :func:`using_client`
    block. Undo it with :func:`clear_client`.
    """
    _check_client(client, "set_client")
    _default.replace(client)


def clear_client() -> None:
    """Forget the process-wide default, whether installed by :func:`set_client` or
    created lazily; the next :func:`get_client` outside a :func:`using_client`
    block creates a fresh boto3 client."""
    _default.replace(None)


def using_client(client: ClientT) -> ClientOverride[ClientT]:
    """Make ``client`` the one :func:`get_client` returns inside the block.

    The override belongs to the current thread or asyncio task only (it is kept
    in a :class:`contextvars.ContextVar`), blocks nest with the inner one
    winning, and the previous client comes back when the block ends, also when
    it raises. Usable as ``with using_client(c) as c:`` or as a decorator: of a
    function, which runs inside the block on every call, or of a coroutine
    function, whose body (not only the creation of its coroutine) runs inside
    it. A generator function is refused with :class:`TypeError`: its body runs
    piecemeal, after the call has returned, where no block can follow it.
    """
    return ClientOverride(client)


class ClientOverride(ContextDecorator, Generic[ClientT]):
    """The block :func:`using_client` returns (see there)."""

    def __init__(self, client: ClientT) -> None:
        _check_client(client, "using_client")
        self._client = client
        self._tokens: list[Token[DynamoDBClient | None]] = []

    def __enter__(self) -> ClientT:
        self._tokens.append(_override.set(self._client))
        return self._client

    def __exit__(self, *exc_info: object) -> None:
        _override.reset(self._tokens.pop())

    def _recreate_cm(self) -> Self:
        # Each call of a decorated function enters a block of its own, so calls
        # in several threads or tasks at once never share one.
        return type(self)(self._client)

    def __call__(self, func: FunctionT) -> FunctionT:
        if inspect.isgeneratorfunction(func) or inspect.isasyncgenfunction(func):
            raise TypeError(
                f"using_client cannot decorate the generator function {func.__qualname__}: "
                "use `with using_client(client):` inside its body instead"
            )
        if not inspect.iscoroutinefunction(func):
            return super().__call__(func)
        coroutine_function = cast("Callable[..., Awaitable[object]]", func)

        @functools.wraps(func)
        async def inside(*args: object, **kwargs: object) -> object:
            with self._recreate_cm():
                return await coroutine_function(*args, **kwargs)

        return cast("FunctionT", inside)

"""``FakeDynamoDBClient``: an in-memory DynamoDB behind boto3's client interface.

Each method is one line: it hands the request to :meth:`FakeDynamoDBClient._invoke`,
which passes it to the service with botocore's shape check, and returns the
response with ``ResponseMetadata`` — or raises the botocore exception a real
client would. What a test needs beyond boto3's interface (clock, faults, call
record, stored state) comes from :class:`~dynantic.testing.controls.FakeControls`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Literal, cast, overload

from botocore.paginate import Paginator
from botocore.waiter import NormalizedOperationMethod, Waiter

from dynantic.testing.botocore_errors import client_exceptions
from dynantic.testing.controls import FakeControls
from dynantic.testing.engine.clock import Clock
from dynantic.testing.errors import ServiceError
from dynantic.testing.metadata import ResponseMetadataFactory
from dynantic.testing.model import operation_model, session
from dynantic.testing.service import Service
from dynantic.testing.validation import check_request

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.client import Exceptions
    from mypy_boto3_dynamodb.paginator import (
        ListTablesPaginator,
        ListTagsOfResourcePaginator,
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
        DescribeEndpointsResponseTypeDef,
        DescribeLimitsOutputTypeDef,
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

__all__ = ["FakeDynamoDBClient"]

_PAGINATED = {
    "list_tables": "ListTables",
    "list_tags_of_resource": "ListTagsOfResource",
    "query": "Query",
    "scan": "Scan",
}
_WAITERS = {"table_exists": "TableExists", "table_not_exists": "TableNotExists"}


class FakeDynamoDBClient(FakeControls):
    """An in-memory DynamoDB with the methods, results and errors of
    ``boto3.client("dynamodb")``, plus test controls: :attr:`clock`,
    :attr:`faults`, :attr:`calls` and the stored-state methods
    (:meth:`add_tables`, :meth:`seed`, :meth:`table_items`, :meth:`snapshot`,
    :meth:`restore`, :meth:`reset`).

    Two instances share nothing. Thread-safe: concurrent calls behave as if
    applied one at a time. ``record_calls=False`` skips the call record's
    copying when a test does not need it; ``auto_expire=True`` deletes items
    whose time to live has passed before every call (otherwise they stay
    readable, as in DynamoDB, until :meth:`expire_items`).
    """

    def __init__(
        self,
        *,
        region_name: str = "us-east-1",
        account_id: str = "123456789012",
        clock: Clock | None = None,
        record_calls: bool = True,
        auto_expire: bool = False,
    ) -> None:
        self._service = Service(
            region=region_name, account_id=account_id, clock=clock, record_calls=record_calls
        )
        self._service.database.auto_expire = auto_expire
        self._metadata = ResponseMetadataFactory()
        self._clock = self._service.database.clock  # the database keeps one clock for life

    @property
    def exceptions(self) -> Exceptions:
        """The service's error classes, as ``client.exceptions.<Code>``."""
        return client_exceptions()

    def _invoke(self, operation_name: str, request: Mapping[str, object]) -> dict[str, object]:
        try:
            # Service.invoke, by its two halves: one frame less for the commonest calls.
            service = self._service
            response = service.invoke_plain(operation_name, request)
            if response is None:
                response = service.invoke_checked(
                    operation_name, request, check_shape=check_request
                )
        except ServiceError as error:
            raise self._client_error(error, operation_name) from None
        response["ResponseMetadata"] = self._metadata.build(self._clock.now())
        return response

    # Items
    def get_item(self, **kwargs: Unpack[GetItemInputTypeDef]) -> GetItemOutputTypeDef:
        return cast("GetItemOutputTypeDef", self._invoke("GetItem", kwargs))

    def put_item(self, **kwargs: Unpack[PutItemInputTypeDef]) -> PutItemOutputTypeDef:
        return cast("PutItemOutputTypeDef", self._invoke("PutItem", kwargs))

    def update_item(self, **kwargs: Unpack[UpdateItemInputTypeDef]) -> UpdateItemOutputTypeDef:
        return cast("UpdateItemOutputTypeDef", self._invoke("UpdateItem", kwargs))

    def delete_item(self, **kwargs: Unpack[DeleteItemInputTypeDef]) -> DeleteItemOutputTypeDef:
        return cast("DeleteItemOutputTypeDef", self._invoke("DeleteItem", kwargs))

    # Reads over many items
    def query(self, **kwargs: Unpack[QueryInputTypeDef]) -> QueryOutputTypeDef:
        return cast("QueryOutputTypeDef", self._invoke("Query", kwargs))

    def scan(self, **kwargs: Unpack[ScanInputTypeDef]) -> ScanOutputTypeDef:
        return cast("ScanOutputTypeDef", self._invoke("Scan", kwargs))

    # Batches and transactions
    def batch_get_item(
        self, **kwargs: Unpack[BatchGetItemInputTypeDef]
    ) -> BatchGetItemOutputTypeDef:
        return cast("BatchGetItemOutputTypeDef", self._invoke("BatchGetItem", kwargs))

    def batch_write_item(
        self, **kwargs: Unpack[BatchWriteItemInputTypeDef]
    ) -> BatchWriteItemOutputTypeDef:
        return cast("BatchWriteItemOutputTypeDef", self._invoke("BatchWriteItem", kwargs))

    def transact_get_items(
        self, **kwargs: Unpack[TransactGetItemsInputTypeDef]
    ) -> TransactGetItemsOutputTypeDef:
        return cast("TransactGetItemsOutputTypeDef", self._invoke("TransactGetItems", kwargs))

    def transact_write_items(
        self, **kwargs: Unpack[TransactWriteItemsInputTypeDef]
    ) -> TransactWriteItemsOutputTypeDef:
        return cast("TransactWriteItemsOutputTypeDef", self._invoke("TransactWriteItems", kwargs))

    # Tables
    def create_table(self, **kwargs: Unpack[CreateTableInputTypeDef]) -> CreateTableOutputTypeDef:
        return cast("CreateTableOutputTypeDef", self._invoke("CreateTable", kwargs))

    def delete_table(self, **kwargs: Unpack[DeleteTableInputTypeDef]) -> DeleteTableOutputTypeDef:
        return cast("DeleteTableOutputTypeDef", self._invoke("DeleteTable", kwargs))

    def describe_table(
        self, **kwargs: Unpack[DescribeTableInputTypeDef]
    ) -> DescribeTableOutputTypeDef:
        return cast("DescribeTableOutputTypeDef", self._invoke("DescribeTable", kwargs))

    def list_tables(self, **kwargs: Unpack[ListTablesInputTypeDef]) -> ListTablesOutputTypeDef:
        return cast("ListTablesOutputTypeDef", self._invoke("ListTables", kwargs))

    def update_table(self, **kwargs: Unpack[UpdateTableInputTypeDef]) -> UpdateTableOutputTypeDef:
        return cast("UpdateTableOutputTypeDef", self._invoke("UpdateTable", kwargs))

    # Time to live and tags
    def update_time_to_live(
        self, **kwargs: Unpack[UpdateTimeToLiveInputTypeDef]
    ) -> UpdateTimeToLiveOutputTypeDef:
        return cast("UpdateTimeToLiveOutputTypeDef", self._invoke("UpdateTimeToLive", kwargs))

    def describe_time_to_live(
        self, **kwargs: Unpack[DescribeTimeToLiveInputTypeDef]
    ) -> DescribeTimeToLiveOutputTypeDef:
        return cast("DescribeTimeToLiveOutputTypeDef", self._invoke("DescribeTimeToLive", kwargs))

    def tag_resource(
        self, **kwargs: Unpack[TagResourceInputTypeDef]
    ) -> EmptyResponseMetadataTypeDef:
        return cast("EmptyResponseMetadataTypeDef", self._invoke("TagResource", kwargs))

    def untag_resource(
        self, **kwargs: Unpack[UntagResourceInputTypeDef]
    ) -> EmptyResponseMetadataTypeDef:
        return cast("EmptyResponseMetadataTypeDef", self._invoke("UntagResource", kwargs))

    def list_tags_of_resource(
        self, **kwargs: Unpack[ListTagsOfResourceInputTypeDef]
    ) -> ListTagsOfResourceOutputTypeDef:
        return cast("ListTagsOfResourceOutputTypeDef", self._invoke("ListTagsOfResource", kwargs))

    def describe_limits(self) -> DescribeLimitsOutputTypeDef:
        return cast("DescribeLimitsOutputTypeDef", self._invoke("DescribeLimits", {}))

    def describe_endpoints(self) -> DescribeEndpointsResponseTypeDef:
        return cast("DescribeEndpointsResponseTypeDef", self._invoke("DescribeEndpoints", {}))

    # Paginators and waiters, run by botocore's own machinery over this client
    @overload
    def get_paginator(self, operation_name: Literal["list_tables"]) -> ListTablesPaginator: ...
    @overload
    def get_paginator(
        self, operation_name: Literal["list_tags_of_resource"]
    ) -> ListTagsOfResourcePaginator: ...
    @overload
    def get_paginator(self, operation_name: Literal["query"]) -> QueryPaginator: ...
    @overload
    def get_paginator(self, operation_name: Literal["scan"]) -> ScanPaginator: ...
    def get_paginator(
        self, operation_name: str
    ) -> ListTablesPaginator | ListTagsOfResourcePaginator | QueryPaginator | ScanPaginator:
        """A paginator that behaves as boto3's, over this client's calls."""
        api_name = _PAGINATED.get(operation_name)
        if api_name is None:
            raise ValueError(f"Operation cannot be paginated: {operation_name}")
        config = session().get_paginator_model("dynamodb").get_paginator(api_name)
        method = getattr(self, operation_name)
        paginator: Paginator[object] = Paginator(method, config, operation_model(api_name))
        return cast("QueryPaginator", paginator)

    def can_paginate(self, operation_name: str) -> bool:
        """Whether :meth:`get_paginator` has a paginator for ``operation_name``."""
        return operation_name in _PAGINATED

    def close(self) -> None:
        """As a boto3 client's ``close()``, which code calls when it is done with a
        client: the fake holds no connections, so there is nothing to release and
        it keeps answering."""

    @overload
    def get_waiter(self, waiter_name: Literal["table_exists"]) -> TableExistsWaiter: ...
    @overload
    def get_waiter(self, waiter_name: Literal["table_not_exists"]) -> TableNotExistsWaiter: ...
    def get_waiter(self, waiter_name: str) -> TableExistsWaiter | TableNotExistsWaiter:
        """A waiter that behaves as boto3's: it returns at once when the table is
        already in the awaited state."""
        api_name = _WAITERS.get(waiter_name)
        if api_name is None:
            raise ValueError(f"Waiter does not exist: {waiter_name}")
        config = session().get_waiter_model("dynamodb").get_waiter(api_name)
        # botocore-stubs type the config as a mapping and the method as returning
        # None; at run time botocore passes exactly these objects.
        method = NormalizedOperationMethod(cast("Callable[..., None]", self.describe_table))
        waiter = Waiter(api_name, cast("Mapping[str, Any]", config), method)
        return cast("TableExistsWaiter", waiter)

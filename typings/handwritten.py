"""A hand-written client with exactly the protocol's methods, used by the contract.

``ClientWithoutScan`` lacks one method; ``HandWrittenClient`` completes it. The
bodies never run: these files are only type-checked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, overload

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.client import Exceptions
    from mypy_boto3_dynamodb.paginator import ListTablesPaginator, QueryPaginator, ScanPaginator
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


class ClientWithoutScan:
    @property
    def exceptions(self) -> Exceptions:
        raise NotImplementedError

    def get_item(self, **kwargs: Unpack[GetItemInputTypeDef]) -> GetItemOutputTypeDef:
        raise NotImplementedError

    def put_item(self, **kwargs: Unpack[PutItemInputTypeDef]) -> PutItemOutputTypeDef:
        raise NotImplementedError

    def update_item(self, **kwargs: Unpack[UpdateItemInputTypeDef]) -> UpdateItemOutputTypeDef:
        raise NotImplementedError

    def delete_item(self, **kwargs: Unpack[DeleteItemInputTypeDef]) -> DeleteItemOutputTypeDef:
        raise NotImplementedError

    def query(self, **kwargs: Unpack[QueryInputTypeDef]) -> QueryOutputTypeDef:
        raise NotImplementedError

    def batch_get_item(
        self, **kwargs: Unpack[BatchGetItemInputTypeDef]
    ) -> BatchGetItemOutputTypeDef:
        raise NotImplementedError

    def batch_write_item(
        self, **kwargs: Unpack[BatchWriteItemInputTypeDef]
    ) -> BatchWriteItemOutputTypeDef:
        raise NotImplementedError

    def transact_get_items(
        self, **kwargs: Unpack[TransactGetItemsInputTypeDef]
    ) -> TransactGetItemsOutputTypeDef:
        raise NotImplementedError

    def transact_write_items(
        self, **kwargs: Unpack[TransactWriteItemsInputTypeDef]
    ) -> TransactWriteItemsOutputTypeDef:
        raise NotImplementedError

    def create_table(self, **kwargs: Unpack[CreateTableInputTypeDef]) -> CreateTableOutputTypeDef:
        raise NotImplementedError

    def delete_table(self, **kwargs: Unpack[DeleteTableInputTypeDef]) -> DeleteTableOutputTypeDef:
        raise NotImplementedError

    def describe_table(
        self, **kwargs: Unpack[DescribeTableInputTypeDef]
    ) -> DescribeTableOutputTypeDef:
        raise NotImplementedError

    def list_tables(self, **kwargs: Unpack[ListTablesInputTypeDef]) -> ListTablesOutputTypeDef:
        raise NotImplementedError

    def update_table(self, **kwargs: Unpack[UpdateTableInputTypeDef]) -> UpdateTableOutputTypeDef:
        raise NotImplementedError

    def update_time_to_live(
        self, **kwargs: Unpack[UpdateTimeToLiveInputTypeDef]
    ) -> UpdateTimeToLiveOutputTypeDef:
        raise NotImplementedError

    def describe_time_to_live(
        self, **kwargs: Unpack[DescribeTimeToLiveInputTypeDef]
    ) -> DescribeTimeToLiveOutputTypeDef:
        raise NotImplementedError

    def tag_resource(
        self, **kwargs: Unpack[TagResourceInputTypeDef]
    ) -> EmptyResponseMetadataTypeDef:
        raise NotImplementedError

    def untag_resource(
        self, **kwargs: Unpack[UntagResourceInputTypeDef]
    ) -> EmptyResponseMetadataTypeDef:
        raise NotImplementedError

    def list_tags_of_resource(
        self, **kwargs: Unpack[ListTagsOfResourceInputTypeDef]
    ) -> ListTagsOfResourceOutputTypeDef:
        raise NotImplementedError

    @overload
    def get_paginator(self, operation_name: Literal["list_tables"]) -> ListTablesPaginator: ...
    @overload
    def get_paginator(self, operation_name: Literal["query"]) -> QueryPaginator: ...
    @overload
    def get_paginator(self, operation_name: Literal["scan"]) -> ScanPaginator: ...
    def get_paginator(
        self, operation_name: str
    ) -> ListTablesPaginator | QueryPaginator | ScanPaginator:
        raise NotImplementedError

    @overload
    def get_waiter(self, waiter_name: Literal["table_exists"]) -> TableExistsWaiter: ...
    @overload
    def get_waiter(self, waiter_name: Literal["table_not_exists"]) -> TableNotExistsWaiter: ...
    def get_waiter(self, waiter_name: str) -> TableExistsWaiter | TableNotExistsWaiter:
        raise NotImplementedError


class HandWrittenClient(ClientWithoutScan):
    def scan(self, **kwargs: Unpack[ScanInputTypeDef]) -> ScanOutputTypeDef:
        raise NotImplementedError

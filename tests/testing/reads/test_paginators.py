"""Paginators and waiters: botocore's own machinery over the fake's calls."""

from __future__ import annotations

from typing import TYPE_CHECKING

import boto3
import pytest
from botocore.exceptions import WaiterError

from .conftest import create_table

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import PaginatorConfigTypeDef, TagTypeDef

    from dynantic.testing import FakeDynamoDBClient


def _binary_table(fake: FakeDynamoDBClient) -> None:
    create_table(fake, "blobs", types={"pk": "B", "sk": "B"}, range_key="sk")
    for i in range(7):
        fake.put_item(
            TableName="blobs", Item={"pk": {"B": b"\x00\xff"}, "sk": {"B": bytes([i, 255])}}
        )


def test_query_paginator_walks_every_page(fake: FakeDynamoDBClient, orders: str) -> None:
    pages = list(
        fake.get_paginator("query").paginate(
            TableName=orders,
            KeyConditionExpression="pk = :a",
            ExpressionAttributeValues={":a": {"S": "a"}},
            PaginationConfig={"PageSize": 2},
        )
    )
    assert [[item["sk"]["N"] for item in page["Items"]] for page in pages] == [
        ["1", "2"],
        ["3", "4"],
        ["5"],
    ]


def test_build_full_result_sums_counts(fake: FakeDynamoDBClient, orders: str) -> None:
    result = (
        fake.get_paginator("scan")
        .paginate(
            TableName=orders,
            FilterExpression="v > :v",
            ExpressionAttributeValues={":v": {"N": "15"}},
            PaginationConfig={"PageSize": 4},
        )
        .build_full_result()
    )
    assert (len(result["Items"]), result["Count"], result["ScannedCount"]) == (4, 4, 6)


def _binary_pages(fake: FakeDynamoDBClient, config: PaginatorConfigTypeDef) -> dict[str, object]:
    return dict(
        fake.get_paginator("query")
        .paginate(
            TableName="blobs",
            KeyConditionExpression="pk = :p",
            ExpressionAttributeValues={":p": {"B": b"\x00\xff"}},
            PaginationConfig=config,
        )
        .build_full_result()
    )


def test_max_items_and_starting_token_resume_with_binary_keys(fake: FakeDynamoDBClient) -> None:
    _binary_table(fake)
    first = _binary_pages(fake, {"MaxItems": 3, "PageSize": 2})
    assert first["Items"] == [
        {"pk": {"B": b"\x00\xff"}, "sk": {"B": bytes([i, 255])}} for i in range(3)
    ]
    token = first["NextToken"]
    assert isinstance(token, str)
    rest = _binary_pages(fake, {"StartingToken": token})
    assert rest["Items"] == [
        {"pk": {"B": b"\x00\xff"}, "sk": {"B": bytes([i, 255])}} for i in range(3, 7)
    ]


def test_list_tables_paginator(fake: FakeDynamoDBClient) -> None:
    for name in ("t-a", "t-b", "t-c"):
        create_table(fake, name, types={"pk": "S"})
    pages = fake.get_paginator("list_tables").paginate(PaginationConfig={"PageSize": 2})
    assert [page["TableNames"] for page in pages] == [["t-a", "t-b"], ["t-c"]]


def test_list_tags_of_resource_paginator(fake: FakeDynamoDBClient) -> None:
    create_table(fake, "tagged", types={"pk": "S"})
    arn = fake.describe_table(TableName="tagged")["Table"]["TableArn"]
    tags: list[TagTypeDef] = [{"Key": f"k{i}", "Value": str(i)} for i in range(3)]
    fake.tag_resource(ResourceArn=arn, Tags=tags)
    pages = list(fake.get_paginator("list_tags_of_resource").paginate(ResourceArn=arn))
    assert [page["Tags"] for page in pages] == [tags]


def test_can_paginate_names_the_paginators_it_has(fake: FakeDynamoDBClient) -> None:
    real = boto3.client(
        "dynamodb", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
    )
    for name in ("list_tables", "list_tags_of_resource", "query", "scan"):
        assert fake.can_paginate(name)
        assert real.can_paginate(name)
        fake.get_paginator(name)
    assert not fake.can_paginate("get_item")
    assert not real.can_paginate("get_item")


def test_unknown_paginator_is_refused(fake: FakeDynamoDBClient) -> None:
    with pytest.raises(ValueError, match="cannot be paginated"):
        fake.get_paginator("get_item")  # type: ignore[call-overload]  # not a paginated operation


def test_waiters_return_at_once_when_the_state_holds(fake: FakeDynamoDBClient) -> None:
    create_table(fake, "users", types={"pk": "S"})
    fake.get_waiter("table_exists").wait(TableName="users")
    fake.get_waiter("table_not_exists").wait(TableName="nobody")
    assert fake.calls.call_count == 3


def test_a_waiter_gives_up_after_its_attempts(fake: FakeDynamoDBClient) -> None:
    with pytest.raises(WaiterError):
        fake.get_waiter("table_exists").wait(
            TableName="nobody", WaiterConfig={"Delay": 0, "MaxAttempts": 2}
        )

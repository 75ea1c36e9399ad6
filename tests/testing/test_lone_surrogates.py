"""A string holding a lone UTF-16 surrogate (a Python caller's ``"\\ud800"``, or a
JSON body's ``"\\ud800"`` escape) is stored and returned as given, never a crash.

No capture shows the service's answer to one. The fake takes it as the
service's Java strings hold it, and counts it, in sizes, hashes and orders, as
the three bytes a Java string's surrogate takes in UTF-8.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import boto3

from dynantic.testing import FakeDynamoDBClient
from dynantic.testing.engine.values import value_size
from dynantic.testing.server import serve
from tests.table_shapes import pk_sk_table

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import AttributeValueTypeDef

LONE = "\ud800"


def _table(fake: FakeDynamoDBClient) -> str:
    fake.create_table(**pk_sk_table("strings", {}))
    return "strings"


def test_a_lone_surrogate_counts_three_bytes() -> None:
    assert value_size(f"a{LONE}b") == 5


def test_a_lone_surrogate_is_stored_and_read_back_in_process() -> None:
    fake = FakeDynamoDBClient()
    table = _table(fake)
    key: dict[str, AttributeValueTypeDef] = {"pk": {"S": f"p{LONE}"}, "sk": {"S": f"{LONE}s"}}
    item: dict[str, AttributeValueTypeDef] = {
        **key,
        "x": {"S": f"a{LONE}b"},
        "m": {"M": {f"k{LONE}": {"SS": [LONE, "b"]}}},
    }
    fake.put_item(TableName=table, Item=item)
    assert fake.get_item(TableName=table, Key=key)["Item"] == {
        **item,
        "m": {"M": {f"k{LONE}": {"SS": ["b", LONE]}}},  # in UTF-8 byte order
    }
    found = fake.query(
        TableName=table,
        KeyConditionExpression="pk = :p AND begins_with(sk, :s)",
        ExpressionAttributeValues={":p": key["pk"], ":s": {"S": LONE}},
    )
    assert found["Count"] == 1


def test_a_lone_surrogate_over_the_wire_round_trips() -> None:
    fake = FakeDynamoDBClient()
    table = _table(fake)
    with serve(fake.service) as url:
        client = boto3.client(
            "dynamodb",
            endpoint_url=url,
            region_name="us-east-1",
            aws_access_key_id="x",
            aws_secret_access_key="x",
        )
        key = {"pk": {"S": "p"}, "sk": {"S": "s"}}
        client.put_item(TableName=table, Item={**key, "x": {"S": f"a{LONE}b"}})
        assert client.get_item(TableName=table, Key=key)["Item"]["x"] == {"S": f"a{LONE}b"}

"""Secondary indexes created and deleted by the control plane hold the table's items.

Descriptions show counts as of the last six-hourly refresh, so the tests move the
clock six hours on before reading them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from botocore.exceptions import ClientError

if TYPE_CHECKING:
    from dynantic.testing import FakeDynamoDBClient


@pytest.fixture
def fake(fake: FakeDynamoDBClient) -> FakeDynamoDBClient:
    fake.create_table(
        TableName="things",
        KeySchema=[
            {"AttributeName": "pk", "KeyType": "HASH"},
            {"AttributeName": "sk", "KeyType": "RANGE"},
        ],
        AttributeDefinitions=[
            {"AttributeName": "pk", "AttributeType": "S"},
            {"AttributeName": "sk", "AttributeType": "S"},
            {"AttributeName": "l", "AttributeType": "S"},
            {"AttributeName": "g", "AttributeType": "S"},
        ],
        LocalSecondaryIndexes=[
            {
                "IndexName": "by-l",
                "KeySchema": [
                    {"AttributeName": "pk", "KeyType": "HASH"},
                    {"AttributeName": "l", "KeyType": "RANGE"},
                ],
                "Projection": {"ProjectionType": "ALL"},
            }
        ],
        GlobalSecondaryIndexes=[
            {
                "IndexName": "by-g",
                "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                "Projection": {"ProjectionType": "KEYS_ONLY"},
            }
        ],
        BillingMode="PAY_PER_REQUEST",
    )
    return fake


SIX_HOURS = 6 * 60 * 60


def statistics(client: FakeDynamoDBClient) -> dict[str, tuple[int, int]]:
    """Index name → (item count, size in bytes), as DescribeTable reports them six
    hours on, once the service has refreshed them."""
    client.clock.shift(SIX_HOURS)
    table = client.describe_table(TableName="things")["Table"]
    indexes = [*table.get("LocalSecondaryIndexes", []), *table.get("GlobalSecondaryIndexes", [])]
    return {
        index.get("IndexName", ""): (index.get("ItemCount", -1), index.get("IndexSizeBytes", -1))
        for index in indexes
    }


def test_indexes_count_the_items_that_carry_their_keys(fake: FakeDynamoDBClient) -> None:
    assert statistics(fake) == {"by-l": (0, 0), "by-g": (0, 0)}
    fake.put_item(TableName="things", Item={"pk": {"S": "a"}, "sk": {"S": "1"}, "l": {"S": "x"}})
    fake.put_item(
        TableName="things",
        Item={"pk": {"S": "a"}, "sk": {"S": "2"}, "g": {"S": "y"}, "other": {"S": "zzzz"}},
    )
    # by-l holds the first item whole; by-g the keys of the second: pk, sk and g.
    assert statistics(fake) == {"by-l": (1, 8), "by-g": (1, 8)}


def test_index_counts_wait_for_the_six_hourly_refresh(fake: FakeDynamoDBClient) -> None:
    fake.put_item(TableName="things", Item={"pk": {"S": "a"}, "sk": {"S": "1"}, "l": {"S": "x"}})
    table = fake.describe_table(TableName="things")["Table"]
    (local,) = table.get("LocalSecondaryIndexes", [])
    assert (local.get("ItemCount"), local.get("IndexSizeBytes")) == (0, 0)


def test_a_created_index_is_filled_with_existing_items(fake: FakeDynamoDBClient) -> None:
    for n in range(3):
        fake.put_item(
            TableName="things",
            Item={"pk": {"S": "a"}, "sk": {"S": str(n)}, "h": {"N": str(n)}},
        )
    fake.put_item(TableName="things", Item={"pk": {"S": "b"}, "sk": {"S": "0"}})
    fake.update_table(
        TableName="things",
        AttributeDefinitions=[{"AttributeName": "h", "AttributeType": "N"}],
        GlobalSecondaryIndexUpdates=[
            {
                "Create": {
                    "IndexName": "by-h",
                    "KeySchema": [{"AttributeName": "h", "KeyType": "HASH"}],
                    "Projection": {"ProjectionType": "ALL"},
                }
            }
        ],
    )
    count, _size = statistics(fake)["by-h"]
    assert count == 3


def test_a_created_index_checks_the_type_of_its_keys_on_write(fake: FakeDynamoDBClient) -> None:
    fake.update_table(
        TableName="things",
        AttributeDefinitions=[{"AttributeName": "h", "AttributeType": "N"}],
        GlobalSecondaryIndexUpdates=[
            {
                "Create": {
                    "IndexName": "by-h",
                    "KeySchema": [{"AttributeName": "h", "KeyType": "HASH"}],
                    "Projection": {"ProjectionType": "ALL"},
                }
            }
        ],
    )
    with pytest.raises(ClientError) as raised:
        fake.put_item(
            TableName="things", Item={"pk": {"S": "a"}, "sk": {"S": "1"}, "h": {"S": "text"}}
        )
    assert raised.value.response["Error"]["Message"] == (
        "One or more parameter values were invalid: Type mismatch for Index Key h Expected: N "
        "Actual: S IndexName: by-h"
    )


def test_a_deleted_index_no_longer_holds_or_checks_items(fake: FakeDynamoDBClient) -> None:
    fake.put_item(TableName="things", Item={"pk": {"S": "a"}, "sk": {"S": "1"}, "g": {"S": "y"}})
    fake.update_table(
        TableName="things", GlobalSecondaryIndexUpdates=[{"Delete": {"IndexName": "by-g"}}]
    )
    assert statistics(fake) == {"by-l": (0, 0)}
    fake.put_item(TableName="things", Item={"pk": {"S": "a"}, "sk": {"S": "2"}, "g": {"N": "1"}})

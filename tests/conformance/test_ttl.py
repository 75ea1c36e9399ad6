"""Time to live: UpdateTimeToLive, DescribeTimeToLive, and expired items staying
readable until the service removes them."""

from __future__ import annotations

from .backends import MOTO
from .markers import known_divergence, not_implemented, unsupported
from .support import Backend, service_error, without_volatile


@not_implemented("time to live")
def test_time_to_live_is_disabled_by_default(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    described = dynamodb.client.describe_time_to_live(TableName=table)
    assert without_volatile(described) == {
        "TimeToLiveDescription": {"TimeToLiveStatus": "DISABLED"}
    }


@unsupported("dynalite", "UpdateTimeToLive")
@not_implemented("time to live")
def test_enabling_time_to_live_names_the_attribute(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    updated = dynamodb.client.update_time_to_live(
        TableName=table, TimeToLiveSpecification={"Enabled": True, "AttributeName": "expires"}
    )
    assert without_volatile(updated) == {
        "TimeToLiveSpecification": {"Enabled": True, "AttributeName": "expires"}
    }
    described = dynamodb.client.describe_time_to_live(TableName=table)
    assert without_volatile(described) == {
        "TimeToLiveDescription": {"TimeToLiveStatus": "ENABLED", "AttributeName": "expires"}
    }


@unsupported("dynalite", "UpdateTimeToLive")
@not_implemented("time to live")
@known_divergence(
    MOTO,
    "accepts enabling time to live twice",
    service="AWS DynamoDB API reference, UpdateTimeToLive: 'TimeToLive is already enabled'",
)
def test_enabling_time_to_live_twice_is_refused(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    specification = {"Enabled": True, "AttributeName": "expires"}
    dynamodb.client.update_time_to_live(
        TableName=table, TimeToLiveSpecification={"Enabled": True, "AttributeName": "expires"}
    )
    del specification
    with service_error("ValidationException", "TimeToLive is already enabled"):
        dynamodb.client.update_time_to_live(
            TableName=table, TimeToLiveSpecification={"Enabled": True, "AttributeName": "expires"}
        )


@unsupported("dynalite", "UpdateTimeToLive")
@not_implemented("time to live")
def test_an_expired_item_stays_readable(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    dynamodb.client.update_time_to_live(
        TableName=table, TimeToLiveSpecification={"Enabled": True, "AttributeName": "expires"}
    )
    item = {"pk": {"S": "a"}, "expires": {"N": "1"}}
    dynamodb.client.put_item(TableName=table, Item=item)
    got = dynamodb.client.get_item(TableName=table, Key={"pk": {"S": "a"}})
    assert got.get("Item") == item


@not_implemented("time to live")
@known_divergence(
    MOTO,
    "answers code ResourceNotFound instead of ResourceNotFoundException",
    service="AWS DynamoDB API reference, DescribeTimeToLive: ResourceNotFoundException",
)
def test_describe_time_to_live_of_a_missing_table_is_refused(dynamodb: Backend) -> None:
    name = dynamodb.table_name()
    with service_error(
        "ResourceNotFoundException", f"Requested resource not found: Table: {name} not found"
    ):
        dynamodb.client.describe_time_to_live(TableName=name)

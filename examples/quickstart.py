"""dynantic in one screen: application code on the typed seam, run in memory.

By default this runs against ``FakeDynamoDBClient`` (no AWS account needed).
Set ``DYNAMODB_ENDPOINT_URL`` (e.g. ``http://127.0.0.1:8000`` for a local
DynamoDB) to run the same code against a real endpoint instead.
"""

from __future__ import annotations

import os

import boto3

from dynantic import DynamoDBClient, get_client, set_client
from dynantic.testing import FakeDynamoDBClient


def create_users_table(client: DynamoDBClient) -> None:
    client.create_table(
        TableName="users",
        KeySchema=[{"AttributeName": "user_id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "user_id", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    client.get_waiter("table_exists").wait(TableName="users")


def save_user(user_id: str, name: str) -> None:
    """Application code: it only knows the seam."""
    get_client().put_item(TableName="users", Item={"user_id": {"S": user_id}, "name": {"S": name}})


def user_name(user_id: str) -> str | None:
    item = get_client().get_item(TableName="users", Key={"user_id": {"S": user_id}}).get("Item")
    return item["name"].get("S") if item else None


def main() -> None:
    endpoint = os.environ.get("DYNAMODB_ENDPOINT_URL")
    if endpoint:
        set_client(boto3.client("dynamodb", endpoint_url=endpoint))
        print(f"using DynamoDB at {endpoint}")
    else:
        set_client(FakeDynamoDBClient())
        print("using the in-memory DynamoDB")

    create_users_table(get_client())
    save_user("u#1", "Ada")
    print("user u#1 is", user_name("u#1"))
    try:
        get_client().get_item(TableName="no-such-table", Key={"user_id": {"S": "u#1"}})
    except get_client().exceptions.ResourceNotFoundException as error:
        print("missing table:", error.response.get("Error", {}).get("Message"))


if __name__ == "__main__":
    main()

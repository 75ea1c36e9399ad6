"""Errors as boto3 shows them: classes, codes, status, and client-side shape checks."""

from __future__ import annotations

import pytest
from botocore.exceptions import ParamValidationError

from .support import Backend


def test_service_errors_are_the_clients_exception_classes(dynamodb: Backend) -> None:
    table = dynamodb.key_table()
    dynamodb.put_items(table, {"pk": {"S": "a"}})
    with pytest.raises(dynamodb.client.exceptions.ConditionalCheckFailedException) as raised:
        dynamodb.client.put_item(
            TableName=table, Item={"pk": {"S": "a"}}, ConditionExpression="attribute_not_exists(pk)"
        )
    response = raised.value.response
    assert response.get("Error", {}).get("Code") == "ConditionalCheckFailedException"
    assert response.get("ResponseMetadata", {}).get("HTTPStatusCode") == 400


def test_missing_table_is_a_resource_not_found_exception(dynamodb: Backend) -> None:
    with pytest.raises(dynamodb.client.exceptions.ResourceNotFoundException):
        dynamodb.client.describe_table(TableName=dynamodb.table_name())


def test_malformed_request_is_refused_before_it_is_sent(dynamodb: Backend) -> None:
    with pytest.raises(ParamValidationError) as raised:
        dynamodb.client.get_item(
            TableName=dynamodb.table_name(),
            Key={"pk": {"S": "a"}},
            ConsistentRead="yes",  # type: ignore[arg-type]  # the wrong type is the behaviour under test
        )
    assert "Invalid type for parameter ConsistentRead, value: yes" in str(raised.value)


def test_successful_responses_carry_metadata(dynamodb: Backend) -> None:
    metadata = dynamodb.client.list_tables(Limit=1)["ResponseMetadata"]
    assert metadata["HTTPStatusCode"] == 200
    assert metadata["RequestId"]

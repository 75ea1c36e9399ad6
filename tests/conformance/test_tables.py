"""Tables: create, describe, list, update, delete, tags, and how each is validated."""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING, TypedDict, cast
from urllib.parse import urlsplit

import pytest
from botocore.exceptions import ClientError

from .backends import DYNALITE, FAKE, FAKE_HTTP, MOTO
from .markers import known_divergence, unsupported
from .support import Backend, service_error, without_volatile

if TYPE_CHECKING:
    from collections.abc import Callable

    from botocore.awsrequest import AWSResponse
    from botocore.client import BaseClient
    from mypy_boto3_dynamodb.client import DynamoDBClient as Boto3DynamoDBClient
    from mypy_boto3_dynamodb.literals import (
        ProjectionTypeType,
        ScalarAttributeTypeType,
        StreamViewTypeType,
        TableClassType,
    )
    from mypy_boto3_dynamodb.type_defs import (
        GlobalSecondaryIndexTypeDef,
        LocalSecondaryIndexTypeDef,
        TableDescriptionTypeDef,
        TagTypeDef,
    )

    class _IndexLists(TypedDict):
        """CreateTable's two index lists, in the order they are sent."""

        LocalSecondaryIndexes: list[LocalSecondaryIndexTypeDef]
        GlobalSecondaryIndexes: list[GlobalSecondaryIndexTypeDef]


def _simple_schema(name: str) -> dict[str, object]:
    return {
        "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
        "TableName": name,
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
    }


@known_divergence(
    DYNALITE,
    "leaves DeletionProtectionEnabled out of the description",
    service="AWS DynamoDB API reference, TableDescription: DeletionProtectionEnabled",
)
@known_divergence(
    MOTO,
    "answers with ACTIVE at once and adds empty index lists and a PROVISIONED billing summary",
    service="AWS DynamoDB API reference, CreateTable: the response has TableStatus CREATING",
)
def test_create_table_answers_with_the_description_in_creating_status(dynamodb: Backend) -> None:
    name = dynamodb.table_name()
    created = dynamodb.client.create_table(
        TableName=name,
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        ProvisionedThroughput={"ReadCapacityUnits": 5, "WriteCapacityUnits": 3},
    )
    assert without_volatile(created) == {
        "TableDescription": {
            **_simple_schema(name),
            "TableStatus": "CREATING",
            "ProvisionedThroughput": {
                "NumberOfDecreasesToday": 0,
                "ReadCapacityUnits": 5,
                "WriteCapacityUnits": 3,
            },
            "TableSizeBytes": 0,
            "ItemCount": 0,
            "DeletionProtectionEnabled": False,
        }
    }


@known_divergence(
    DYNALITE,
    "leaves DeletionProtectionEnabled out of the description",
    service="AWS DynamoDB API reference, TableDescription: DeletionProtectionEnabled",
)
@known_divergence(
    MOTO,
    "adds empty index lists, a PROVISIONED billing summary, or other members the service "
    "leaves out",
    service="AWS DynamoDB API reference, TableDescription; BillingModeSummary appears once a "
    "table has been on-demand",
)
def test_describe_table_of_a_provisioned_table(dynamodb: Backend) -> None:
    name = dynamodb.table_name()
    dynamodb.create_table(
        TableName=name,
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        ProvisionedThroughput={"ReadCapacityUnits": 5, "WriteCapacityUnits": 3},
    )
    described = dynamodb.client.describe_table(TableName=name)
    assert without_volatile(described) == {
        "Table": {
            **_simple_schema(name),
            "TableStatus": "ACTIVE",
            "ProvisionedThroughput": {
                "NumberOfDecreasesToday": 0,
                "ReadCapacityUnits": 5,
                "WriteCapacityUnits": 3,
            },
            "TableSizeBytes": 0,
            "ItemCount": 0,
            "DeletionProtectionEnabled": False,
        }
    }


@known_divergence(
    DYNALITE,
    "leaves DeletionProtectionEnabled out of the description",
    service="AWS DynamoDB API reference, TableDescription: DeletionProtectionEnabled",
)
@known_divergence(
    MOTO,
    "adds empty index lists, a PROVISIONED billing summary, or other members the service "
    "leaves out",
    service="AWS DynamoDB API reference, TableDescription; BillingModeSummary appears once a "
    "table has been on-demand",
)
def test_describe_table_of_an_on_demand_table_has_a_billing_mode_summary(
    dynamodb: Backend,
) -> None:
    name = dynamodb.key_table()
    described = dynamodb.client.describe_table(TableName=name)
    assert without_volatile(described) == {
        "Table": {
            **_simple_schema(name),
            "TableStatus": "ACTIVE",
            "ProvisionedThroughput": {
                "NumberOfDecreasesToday": 0,
                "ReadCapacityUnits": 0,
                "WriteCapacityUnits": 0,
            },
            "TableSizeBytes": 0,
            "ItemCount": 0,
            "BillingModeSummary": {"BillingMode": "PAY_PER_REQUEST"},
            "DeletionProtectionEnabled": False,
        }
    }


def test_table_arn_names_the_region_account_and_table(dynamodb: Backend) -> None:
    name = dynamodb.key_table()
    arn = dynamodb.table_arn(name)
    prefix, _, table = arn.partition(":table/")
    assert table == name
    assert prefix.startswith("arn:aws:dynamodb:")
    assert len(prefix.split(":")) == 5


_TABLE_ARN_SOURCE = (
    "ExtendDB tests/test_table_arn_as_name.py and PR 200, captured from the service: a table's "
    "ARN stands for its name on the data plane; an index's ARN is a ValidationException"
)


@known_divergence(DYNALITE, "refuses a table ARN as TableName", service=_TABLE_ARN_SOURCE)
@known_divergence(MOTO, "answers an index ARN ResourceNotFoundException", service=_TABLE_ARN_SOURCE)
def test_a_table_arn_serves_as_its_name_but_an_index_arn_is_refused(dynamodb: Backend) -> None:
    name = dynamodb.key_table()
    arn = dynamodb.table_arn(name)
    dynamodb.client.put_item(TableName=arn, Item={"pk": {"S": "kettle"}})
    got = dynamodb.client.get_item(TableName=name, Key={"pk": {"S": "kettle"}})
    assert got.get("Item") == {"pk": {"S": "kettle"}}
    index_arn = f"{arn}/index/by-colour"
    with service_error(
        "ValidationException",
        f"1 validation error detected: Value '{index_arn}' at 'tableName' failed to satisfy "
        "constraint: Valid ARN format is "
        "'arn:<awsPartition>:<vendor>:<region>:<subscriber>:resourceType/resourceName', where "
        "Resource name must have length less than or equal to 255, Resource name must have "
        "length greater than or equal to 3, Resource name must satisfy regular expression "
        "pattern: [a-zA-Z0-9_.-]+",
    ):
        dynamodb.client.get_item(TableName=index_arn, Key={"pk": {"S": "kettle"}})


_FOREIGN_TABLE_ARN = (
    "aws-controllers-k8s/dynamodb-controller docs/api-quirks DDB-TABLE-011 "
    "(DescribeTable of another account's table ARN), probed against AWS 2026-10-08"
)


@known_divergence(DYNALITE, "refuses a table ARN as TableName", service=_FOREIGN_TABLE_ARN)
@known_divergence(MOTO, "answers ResourceNotFoundException", service=_FOREIGN_TABLE_ARN)
def test_describe_table_denies_another_accounts_table_arn(dynamodb: Backend) -> None:
    """Even when this account holds a table of that name."""
    name = dynamodb.key_table()
    arn = dynamodb.table_arn(name)
    prefix, region, _account, resource = arn.rsplit(":", 3)
    with service_error("AccessDeniedException", "Access is denied"):
        dynamodb.client.describe_table(TableName=f"{prefix}:{region}:444455556666:{resource}")


@unsupported(DYNALITE, "DescribeLimits")
@known_divergence(
    MOTO,
    "answers older defaults: 20,000 units for the account and 10,000 for a table",
    service="aws-controllers-k8s/dynamodb-controller docs/api-quirks DDB-TABLE-131, "
    "probed against AWS 2026-10-08",
)
def test_describe_limits_answers_the_default_quotas(dynamodb: Backend) -> None:
    """Quotas, not headroom: the same answer however much capacity the tables hold."""
    dynamodb.key_table()
    client = cast("Boto3DynamoDBClient", dynamodb.client)  # beyond what dynantic relies on
    assert without_volatile(client.describe_limits()) == {
        "AccountMaxReadCapacityUnits": 80000,
        "AccountMaxWriteCapacityUnits": 80000,
        "TableMaxReadCapacityUnits": 40000,
        "TableMaxWriteCapacityUnits": 40000,
    }


@unsupported(DYNALITE, "DescribeEndpoints")
def test_describe_endpoints_names_the_regional_host_for_a_day(dynamodb: Backend) -> None:
    """The AWS CLI's example answer, in us-west-2: ``dynamodb.us-west-2.amazonaws.com``,
    1440 minutes. The fake's HTTP endpoint names itself instead (the host the request
    was sent to), so that endpoint discovery keeps a client on it."""
    client = cast("Boto3DynamoDBClient", dynamodb.client)  # beyond what dynantic relies on
    expected = "dynamodb.us-east-1.amazonaws.com"
    if dynamodb.name == FAKE_HTTP:
        expected = urlsplit(client.meta.endpoint_url).netloc
    assert without_volatile(client.describe_endpoints()) == {
        "Endpoints": [{"Address": expected, "CachePeriodInMinutes": 1440}]
    }


def test_create_table_with_a_sort_key_lists_hash_then_range(dynamodb: Backend) -> None:
    name = dynamodb.table_name()
    created = dynamodb.create_table(
        TableName=name,
        KeySchema=[
            {"AttributeName": "pk", "KeyType": "HASH"},
            {"AttributeName": "sk", "KeyType": "RANGE"},
        ],
        AttributeDefinitions=[
            {"AttributeName": "pk", "AttributeType": "S"},
            {"AttributeName": "sk", "AttributeType": "N"},
        ],
        BillingMode="PAY_PER_REQUEST",
    )
    description = created["TableDescription"]
    assert description.get("KeySchema") == [
        {"AttributeName": "pk", "KeyType": "HASH"},
        {"AttributeName": "sk", "KeyType": "RANGE"},
    ]


@known_divergence(
    DYNALITE,
    "answers with an empty message",
    service="the service answers 'Table already exists: <name>'",
)
def test_create_table_that_exists_is_refused(dynamodb: Backend) -> None:
    name = dynamodb.key_table()
    with service_error("ResourceInUseException", f"Table already exists: {name}"):
        dynamodb.client.create_table(
            TableName=name,
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
        )


def test_describe_missing_table_names_it(dynamodb: Backend) -> None:
    name = dynamodb.table_name()
    with service_error(
        "ResourceNotFoundException", f"Requested resource not found: Table: {name} not found"
    ):
        dynamodb.client.describe_table(TableName=name)


@known_divergence(
    MOTO,
    "answers with ACTIVE instead of DELETING",
    service="AWS DynamoDB API reference, DeleteTable: the response has TableStatus DELETING",
)
def test_delete_table_answers_with_deleting_status_and_the_table_goes(dynamodb: Backend) -> None:
    name = dynamodb.key_table()
    deleted = dynamodb.client.delete_table(TableName=name)
    description = deleted["TableDescription"]
    assert (description.get("TableName"), description.get("TableStatus")) == (name, "DELETING")
    dynamodb.client.get_waiter("table_not_exists").wait(
        TableName=name, WaiterConfig={"Delay": 1, "MaxAttempts": 900}
    )
    with service_error(
        "ResourceNotFoundException", f"Requested resource not found: Table: {name} not found"
    ):
        dynamodb.client.describe_table(TableName=name)


@known_divergence(
    MOTO,
    "leaves the table name out of the message",
    service="as dynalite, checked against the live service, answers 'Requested resource not "
    "found: Table: <name> not found'",
)
def test_delete_missing_table_names_it(dynamodb: Backend) -> None:
    name = dynamodb.table_name()
    with service_error(
        "ResourceNotFoundException", f"Requested resource not found: Table: {name} not found"
    ):
        dynamodb.client.delete_table(TableName=name)


def _lift_deletion_protection(dynamodb: Backend, name: str) -> None:
    """Turn deletion protection off so the scenario's table can be cleaned up; the
    service may refuse a change made too soon after the last one, so retry a while."""
    deadline = time.monotonic() + dynamodb.state_change_seconds
    while True:
        try:
            dynamodb.client.update_table(TableName=name, DeletionProtectionEnabled=False)
            break
        except ClientError:
            if time.monotonic() > deadline:
                raise
            time.sleep(1)
    dynamodb.wait_active(name)


_PROTECTION_SOURCE = (
    "nubo-db/dynoxide issue 46 quotes the service's words; aws-bench/aws-bench PR 41 met "
    "them on a live table in us-east-1"
)


@unsupported(DYNALITE, "deletion protection (it deletes the table and refuses the setting)")
@known_divergence(
    MOTO,
    "answers '1 validation error detected: Table '<name>' can't be deleted while "
    "DeletionProtectionEnabled is set to True'",
    service=_PROTECTION_SOURCE,
)
def test_a_protected_table_is_not_deleted(dynamodb: Backend) -> None:
    name = dynamodb.table_name()
    dynamodb.create_table(
        TableName=name,
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
        DeletionProtectionEnabled=True,
    )
    try:
        with service_error(
            "ValidationException",
            "Resource cannot be deleted as it is currently protected against deletion. "
            "Disable deletion protection first.",
        ):
            dynamodb.client.delete_table(TableName=name)
        table = dynamodb.client.describe_table(TableName=name)["Table"]
        assert (table.get("TableStatus"), table.get("DeletionProtectionEnabled")) == (
            "ACTIVE",
            True,
        )
    finally:
        _lift_deletion_protection(dynamodb, name)


@known_divergence(
    MOTO,
    "leaves out LastEvaluatedTableName when Limit is reached",
    service="AWS DynamoDB API reference, ListTables: LastEvaluatedTableName",
)
def test_list_tables_is_sorted_and_pages_with_limit(dynamodb: Backend) -> None:
    prefix = dynamodb.table_name()
    names = [f"{prefix}-{suffix}" for suffix in ("c", "a", "b")]
    for name in names:
        dynamodb.create_table(
            TableName=name,
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
        )
    page = dynamodb.client.list_tables(ExclusiveStartTableName=f"{prefix}-a", Limit=1)
    assert without_volatile(page) == {
        "TableNames": [f"{prefix}-b"],
        "LastEvaluatedTableName": f"{prefix}-b",
    }
    listed: list[str] = []
    start: dict[str, str] = {}
    while True:
        page = dynamodb.client.list_tables(Limit=2, **start)
        assert len(page["TableNames"]) <= 2
        listed += page["TableNames"]
        # The stubs mark this member required; the service leaves it out on the last page.
        last = dict(page).get("LastEvaluatedTableName")
        if not isinstance(last, str):
            break
        assert last == page["TableNames"][-1]
        start = {"ExclusiveStartTableName": last}
    assert listed == sorted(listed)
    assert [name for name in listed if name.startswith(prefix)] == sorted(names)


def test_list_tables_paginator_walks_every_table(dynamodb: Backend) -> None:
    prefix = dynamodb.table_name()
    names = [f"{prefix}-{index}" for index in range(3)]
    for name in names:
        dynamodb.create_table(
            TableName=name,
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
        )
    pages = dynamodb.client.get_paginator("list_tables").paginate(PaginationConfig={"PageSize": 1})
    listed = [name for page in pages for name in page["TableNames"]]
    assert [name for name in listed if name.startswith(prefix)] == names


@known_divergence(
    MOTO,
    "keeps the old provisioned throughput after switching to on-demand",
    service="AWS DynamoDB API reference, ProvisionedThroughputDescription: 0 read and write "
    "units for an on-demand table",
)
def test_update_table_switches_to_on_demand(dynamodb: Backend) -> None:
    name = dynamodb.table_name()
    dynamodb.create_table(
        TableName=name,
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        ProvisionedThroughput={"ReadCapacityUnits": 5, "WriteCapacityUnits": 5},
    )
    dynamodb.client.update_table(TableName=name, BillingMode="PAY_PER_REQUEST")
    table = dynamodb.wait_active(name)
    assert table.get("BillingModeSummary", {}).get("BillingMode") == "PAY_PER_REQUEST"
    assert table.get("ProvisionedThroughput", {}).get("ReadCapacityUnits") == 0


_ACK_QUIRKS = "aws-controllers-k8s/dynamodb-controller docs/api-quirks"


@known_divergence(
    DYNALITE,
    "words it as a request for capacity on an on-demand table ('Neither ReadCapacityUnits nor "
    "WriteCapacityUnits can be specified …')",
    service=f"{_ACK_QUIRKS} DDB-TABLE-056, probed against AWS 2026-10-08",
)
@known_divergence(
    MOTO,
    "switches the table and ignores the capacity",
    service=f"{_ACK_QUIRKS} DDB-TABLE-056, probed against AWS 2026-10-08",
)
def test_switch_to_on_demand_carrying_capacity_is_refused_in_its_own_words(
    dynamodb: Backend,
) -> None:
    """UpdateTable asking for PAY_PER_REQUEST and capacity together (DDB-TABLE-056)."""
    name = dynamodb.table_name()
    dynamodb.create_table(
        TableName=name,
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        ProvisionedThroughput={"ReadCapacityUnits": 3, "WriteCapacityUnits": 2},
    )
    with service_error(
        "ValidationException",
        "One or more parameter values were invalid: ProvisionedThroughput cannot be specified "
        "when BillingMode is PAY_PER_REQUEST",
    ):
        dynamodb.client.update_table(
            TableName=name,
            BillingMode="PAY_PER_REQUEST",
            ProvisionedThroughput={"ReadCapacityUnits": 4, "WriteCapacityUnits": 4},
        )


@unsupported(DYNALITE, "on-demand throughput caps (it does not know OnDemandThroughput)")
@known_divergence(
    MOTO,
    "leaves OnDemandThroughput out of the UpdateTable response",
    service=f"{_ACK_QUIRKS} DDB-TABLE-182, probed against AWS 2026-10-09",
)
def test_removed_on_demand_cap_reads_minus_one_in_the_update_response(
    dynamodb: Backend,
) -> None:
    """The response echoes ``-1`` for a cap it removes; DescribeTable then leaves the
    member out (DDB-TABLE-182)."""
    name = dynamodb.table_name()
    dynamodb.create_table(
        TableName=name,
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
        OnDemandThroughput={"MaxReadRequestUnits": 800, "MaxWriteRequestUnits": 300},
    )
    updated = dynamodb.client.update_table(
        TableName=name, OnDemandThroughput={"MaxWriteRequestUnits": -1}
    )
    assert updated["TableDescription"].get("OnDemandThroughput") == {
        "MaxReadRequestUnits": 800,
        "MaxWriteRequestUnits": -1,
    }
    table = dynamodb.wait_until(
        name, lambda table: table.get("OnDemandThroughput") == {"MaxReadRequestUnits": 800}
    )
    assert table.get("OnDemandThroughput") == {"MaxReadRequestUnits": 800}


@unsupported(DYNALITE, "on-demand throughput caps (it does not know OnDemandThroughput)")
@known_divergence(
    MOTO,
    "accepts an on-demand cap for an index of a provisioned table",
    service=f"{_ACK_QUIRKS} DDB-TABLE-153, probed against AWS 2026-10-08",
)
def test_on_demand_cap_for_an_index_of_a_provisioned_table_is_refused(
    dynamodb: Backend,
) -> None:
    """UpdateTable's words space the colon after ``index`` (DDB-TABLE-153, which shows
    the message only from ``for index`` to ``cannot be specified``)."""
    name = dynamodb.table_name()
    dynamodb.create_table(
        TableName=name,
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[
            {"AttributeName": "pk", "AttributeType": "S"},
            {"AttributeName": "colour", "AttributeType": "S"},
        ],
        ProvisionedThroughput={"ReadCapacityUnits": 2, "WriteCapacityUnits": 2},
        GlobalSecondaryIndexes=[
            {
                "IndexName": "by-colour",
                "KeySchema": [{"AttributeName": "colour", "KeyType": "HASH"}],
                "Projection": {"ProjectionType": "KEYS_ONLY"},
                "ProvisionedThroughput": {"ReadCapacityUnits": 2, "WriteCapacityUnits": 2},
            }
        ],
    )
    with service_error(
        "ValidationException",
        "One or more parameter values were invalid: MaxReadRequestUnits for "
        "OnDemandThroughput for index : by-colour cannot be specified",
        prefix=True,
    ):
        dynamodb.client.update_table(
            TableName=name,
            GlobalSecondaryIndexUpdates=[
                {
                    "Update": {
                        "IndexName": "by-colour",
                        "OnDemandThroughput": {"MaxReadRequestUnits": 50},
                    }
                }
            ],
        )


@known_divergence(
    MOTO,
    "answers with ACTIVE instead of UPDATING",
    service="AWS DynamoDB API reference, UpdateTable: the table is UPDATING while the change "
    "is applied",
)
def test_update_table_changes_provisioned_throughput(dynamodb: Backend) -> None:
    name = dynamodb.table_name()
    dynamodb.create_table(
        TableName=name,
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        ProvisionedThroughput={"ReadCapacityUnits": 5, "WriteCapacityUnits": 5},
    )
    updated = dynamodb.client.update_table(
        TableName=name, ProvisionedThroughput={"ReadCapacityUnits": 7, "WriteCapacityUnits": 9}
    )
    assert updated["TableDescription"].get("TableStatus") == "UPDATING"
    throughput = dynamodb.wait_active(name).get("ProvisionedThroughput", {})
    assert (throughput.get("ReadCapacityUnits"), throughput.get("WriteCapacityUnits")) == (7, 9)


_DYNALITE_NEEDS_INDEX_THROUGHPUT = known_divergence(
    DYNALITE,
    "requires ProvisionedThroughput for a new index on an on-demand table",
    service="AWS DynamoDB API reference, UpdateTable: CreateGlobalSecondaryIndexAction on an "
    "on-demand table takes no throughput",
)


def _create_global_index(
    dynamodb: Backend,
    table: str,
    index: str,
    attribute: str,
    *,
    attribute_type: ScalarAttributeTypeType = "S",
    projection: ProjectionTypeType = "ALL",
) -> None:
    """UpdateTable adding a global index keyed on ``attribute`` alone."""
    dynamodb.client.update_table(
        TableName=table,
        AttributeDefinitions=[{"AttributeName": attribute, "AttributeType": attribute_type}],
        GlobalSecondaryIndexUpdates=[
            {
                "Create": {
                    "IndexName": index,
                    "KeySchema": [{"AttributeName": attribute, "KeyType": "HASH"}],
                    "Projection": {"ProjectionType": projection},
                }
            }
        ],
    )


@_DYNALITE_NEEDS_INDEX_THROUGHPUT
@known_divergence(
    MOTO,
    "replaces AttributeDefinitions instead of merging them",
    service="AWS DynamoDB API reference, UpdateTable: AttributeDefinitions names the "
    "attributes of the new index; the table keeps its own",
)
def test_update_table_adds_a_global_index_and_merges_attribute_definitions(
    dynamodb: Backend,
) -> None:
    name = dynamodb.key_table()
    dynamodb.put_items(name, {"pk": {"S": "a"}, "g": {"S": "x"}})
    _create_global_index(dynamodb, name, "by-g", "g")
    table = dynamodb.wait_active(name)
    assert sorted(d["AttributeName"] for d in table.get("AttributeDefinitions", [])) == ["g", "pk"]
    assert [i.get("IndexName") for i in table.get("GlobalSecondaryIndexes", [])] == ["by-g"]
    found = dynamodb.client.query(
        TableName=name,
        IndexName="by-g",
        KeyConditionExpression="g = :g",
        ExpressionAttributeValues={":g": {"S": "x"}},
    )
    assert found["Items"] == [{"pk": {"S": "a"}, "g": {"S": "x"}}]


@known_divergence(
    (DYNALITE, MOTO),
    "take the table's stored attribute definitions for a new index's key",
    service="nubo-db/dynamodb-conformance (Ketlark fork) tests/tier2/updateTable/gsi.test.ts, "
    "eu-west-2, 2026-07: an index keyed on the table's partition key, left out of the "
    "request's AttributeDefinitions, is refused",
)
def test_a_new_index_key_must_be_defined_in_the_request_even_if_the_table_defines_it(
    dynamodb: Backend,
) -> None:
    name = dynamodb.key_table()
    # The capture pins the error code; the words are the fake's CreateTable ones.
    with service_error(
        "ValidationException",
        "One or more parameter values were invalid: Some index key attributes are not defined "
        "in AttributeDefinitions.",
        prefix=True,
    ):
        dynamodb.client.update_table(
            TableName=name,
            AttributeDefinitions=[{"AttributeName": "g", "AttributeType": "S"}],
            GlobalSecondaryIndexUpdates=[
                {
                    "Create": {
                        "IndexName": "by-pk-g",
                        "KeySchema": [
                            {"AttributeName": "pk", "KeyType": "HASH"},
                            {"AttributeName": "g", "KeyType": "RANGE"},
                        ],
                        "Projection": {"ProjectionType": "KEYS_ONLY"},
                    }
                }
            ],
        )


@_DYNALITE_NEEDS_INDEX_THROUGHPUT
@known_divergence(
    MOTO,
    "back-fills every item holding the attribute, whatever its type, and then fails "
    "ordering a number against a string",
    service="scylladb test/alternator test_gsi.py::test_gsi_backfill, "
    "test_gsi_backfill_empty_string and test_gsi_updatetable.py::"
    "test_gsi_backfill_oversized_key, run against AWS",
)
def test_a_new_global_index_leaves_out_items_whose_index_key_it_cannot_hold(
    dynamodb: Backend,
) -> None:
    name = dynamodb.key_table()
    dynamodb.put_items(
        name,
        {"pk": {"S": "kept"}, "colour": {"S": "teal"}},
        {"pk": {"S": "numeric"}, "colour": {"N": "12"}},
        {"pk": {"S": "blank"}, "colour": {"S": ""}},
        {"pk": {"S": "long"}, "colour": {"S": "q" * 2049}},
        {"pk": {"S": "bare"}},
    )
    _create_global_index(dynamodb, name, "by-colour", "colour")
    dynamodb.wait_active(name)
    indexed = dynamodb.client.scan(TableName=name, IndexName="by-colour")
    assert indexed["Items"] == [{"pk": {"S": "kept"}, "colour": {"S": "teal"}}]
    assert dynamodb.client.scan(TableName=name, Select="COUNT")["Count"] == 5


@_DYNALITE_NEEDS_INDEX_THROUGHPUT
@known_divergence(
    MOTO,
    "accepts a new index that gives an indexed attribute another type",
    service="scylladb test/alternator test_gsi_updatetable.py::"
    "test_gsi_key_type_conflict_on_update, run against AWS",
)
def test_a_new_global_index_may_not_redefine_an_attribute_type(dynamodb: Backend) -> None:
    name = dynamodb.table_name()
    dynamodb.create_table(
        TableName=name,
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[
            {"AttributeName": "pk", "AttributeType": "S"},
            {"AttributeName": "size", "AttributeType": "S"},
        ],
        GlobalSecondaryIndexes=[
            {
                "IndexName": "by-size",
                "KeySchema": [{"AttributeName": "size", "KeyType": "HASH"}],
                "Projection": {"ProjectionType": "KEYS_ONLY"},
            }
        ],
        BillingMode="PAY_PER_REQUEST",
    )
    with service_error(
        "ValidationException",
        "One or more parameter values were invalid: Attributes cannot be redefined. Please "
        "check that your attribute has the same type as previously defined. Existing schema: "
        "Schema:[SchemaElement: key{size:S:HASH}] New schema: "
        "Schema:[SchemaElement: key{size:N:HASH}]",
    ):
        _create_global_index(
            dynamodb, name, "by-size-number", "size", attribute_type="N", projection="KEYS_ONLY"
        )


@known_divergence(
    DYNALITE,
    "keeps a deleted global index",
    service="AWS DynamoDB API reference, UpdateTable: DeleteGlobalSecondaryIndexAction",
)
@known_divergence(
    MOTO,
    "keeps a deleted global index",
    service="AWS DynamoDB API reference, UpdateTable: DeleteGlobalSecondaryIndexAction",
)
def test_update_table_removes_a_global_index(dynamodb: Backend) -> None:
    name = dynamodb.table_name()
    index: GlobalSecondaryIndexTypeDef = {
        "IndexName": "by-g",
        "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
        "Projection": {"ProjectionType": "KEYS_ONLY"},
    }
    dynamodb.create_table(
        TableName=name,
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[
            {"AttributeName": "pk", "AttributeType": "S"},
            {"AttributeName": "g", "AttributeType": "S"},
        ],
        GlobalSecondaryIndexes=[index],
        BillingMode="PAY_PER_REQUEST",
    )
    dynamodb.client.update_table(
        TableName=name, GlobalSecondaryIndexUpdates=[{"Delete": {"IndexName": "by-g"}}]
    )
    table = dynamodb.wait_until(name, lambda table: not table.get("GlobalSecondaryIndexes"))
    assert "GlobalSecondaryIndexes" not in table


def test_tags_are_added_listed_and_removed(dynamodb: Backend) -> None:
    name = dynamodb.key_table()
    arn = dynamodb.table_arn(name)
    dynamodb.client.tag_resource(
        ResourceArn=arn, Tags=[{"Key": "team", "Value": "a"}, {"Key": "env", "Value": "test"}]
    )
    dynamodb.client.untag_resource(ResourceArn=arn, TagKeys=["env"])
    listed = dynamodb.client.list_tags_of_resource(ResourceArn=arn)
    assert without_volatile(listed) == {"Tags": [{"Key": "team", "Value": "a"}]}


_TAG_LENGTHS = (
    "aws-controllers-k8s/dynamodb-controller docs/api-quirks DDB-TABLE-107 and DDB-TABLE-110, "
    "probed against AWS 2026-10-08"
)


@known_divergence((DYNALITE, MOTO), "accept a tag key of 129 characters", service=_TAG_LENGTHS)
def test_tag_lengths_are_refused_in_the_tag_words(dynamodb: Backend) -> None:
    # Not the generic "Member must have length less than or equal to".
    name = dynamodb.key_table()
    arn = dynamodb.table_arn(name)
    long_key, long_value = "label".ljust(129, "l"), "note".ljust(257, "n")
    with service_error("ValidationException", f"The Tag Key provided is invalid, Key: {long_key}"):
        dynamodb.client.tag_resource(ResourceArn=arn, Tags=[{"Key": long_key, "Value": "x"}])
    with service_error(
        "ValidationException", f"The Tag Value provided is invalid, Value: {long_value}"
    ):
        dynamodb.client.tag_resource(ResourceArn=arn, Tags=[{"Key": "note", "Value": long_value}])
    with service_error("ValidationException", f"The Tag Key provided is invalid, Key: {long_key}"):
        dynamodb.client.untag_resource(ResourceArn=arn, TagKeys=[long_key])
    with service_error("ValidationException", f"The Tag Key provided is invalid, Key: {long_key}"):
        dynamodb.create_table(
            TableName=dynamodb.table_name(),
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
            Tags=[{"Key": long_key, "Value": "x"}],
        )
    assert dynamodb.client.list_tags_of_resource(ResourceArn=arn)["Tags"] == []


_TAG_SET_SIZE = (
    "aws-controllers-k8s/dynamodb-controller docs/api-quirks DDB-TABLE-109 (10240-byte tag set, "
    "checked after the merge) and DDB-TABLE-442's message catalogue, probed against AWS "
    "2026-10-08/09"
)


@known_divergence((DYNALITE, MOTO), "accept a tag set over 10240 bytes", service=_TAG_SET_SIZE)
def test_a_tag_set_over_10240_bytes_is_refused(dynamodb: Backend) -> None:
    """What counts is every key and value the table would hold afterwards."""
    name = dynamodb.key_table()
    arn = dynamodb.table_arn(name)
    shelves: list[TagTypeDef] = [
        {"Key": f"shelf-{n:02}".ljust(100, "s"), "Value": "b" * 156} for n in range(40)
    ]
    dynamodb.client.tag_resource(ResourceArn=arn, Tags=shelves)  # 40 * 256 = 10240 bytes
    with service_error(
        "ValidationException", "Tag set size 10242 bytes is above max size limit of 10240 bytes"
    ):
        dynamodb.client.tag_resource(ResourceArn=arn, Tags=[{"Key": "ab", "Value": ""}])
    listed = dynamodb.client.list_tags_of_resource(ResourceArn=arn)
    assert len(listed["Tags"]) == 40


_STREAM_TAGS = (
    "aws-controllers-k8s/dynamodb-controller docs/api-quirks DDB-TABLE-373 (a live stream ARN "
    "is a tag slot of its own), probed against AWS 2026-10-09"
)


@known_divergence(DYNALITE, "describes no LatestStreamArn", service=_STREAM_TAGS)
@known_divergence(MOTO, "answers ResourceNotFoundException for the stream", service=_STREAM_TAGS)
def test_a_live_stream_is_tagged_apart_from_its_table(dynamodb: Backend) -> None:
    name = dynamodb.table_name()
    dynamodb.create_table(
        TableName=name,
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
        StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
    )
    table = dynamodb.client.describe_table(TableName=name)["Table"]
    stream_arn = table.get("LatestStreamArn", "")
    assert dynamodb.client.list_tags_of_resource(ResourceArn=stream_arn)["Tags"] == []
    dynamodb.client.tag_resource(ResourceArn=stream_arn, Tags=[{"Key": "feed", "Value": "audit"}])
    listed = dynamodb.client.list_tags_of_resource(ResourceArn=table.get("TableArn", ""))
    assert listed["Tags"] == []


@unsupported(FAKE, "an HTTP response: the in-process client has no wire")
@known_divergence(
    (DYNALITE, MOTO),
    "answer TagResource and UntagResource with the body '{}'",
    service="ScyllaDB test/alternator test_manual_requests.py::test_tags_return_empty_body, "
    "run against AWS",
)
def test_tagging_answers_with_an_empty_body(dynamodb: Backend) -> None:
    """TagResource and UntagResource have no output: the body is empty, not ``{}``."""
    name = dynamodb.key_table()
    arn = dynamodb.table_arn(name)
    bodies: list[bytes] = []

    def keep(http_response: AWSResponse, **_: object) -> None:
        bodies.append(http_response.content)

    events = cast("BaseClient", dynamodb.client).meta.events
    operations = ("after-call.dynamodb.TagResource", "after-call.dynamodb.UntagResource")
    for event in operations:
        events.register(event, keep)
    try:
        dynamodb.client.tag_resource(ResourceArn=arn, Tags=[{"Key": "shelf", "Value": "b2"}])
        dynamodb.client.untag_resource(ResourceArn=arn, TagKeys=["shelf"])
    finally:
        for event in operations:
            events.unregister(event, keep)
    assert bodies == [b"", b""]


_TAGGING_ACCESS = (
    "ExtendDB tests/rust/src/tagging.rs and its tagging handler's table of ARN refusals, "
    "verified against the service"
)


@known_divergence(
    DYNALITE,
    "denies it in IAM's words ('User: … is not authorized to perform: dynamodb:TagResource …')",
    service=_TAGGING_ACCESS,
)
@known_divergence(MOTO, "accepts the request", service=_TAGGING_ACCESS)
def test_a_tagging_request_naming_another_service_is_denied(dynamodb: Backend) -> None:
    """An ARN of another service is denied, not reported as a malformed ARN."""
    with service_error("AccessDeniedException", "Access is denied"):
        dynamodb.client.tag_resource(
            ResourceArn="arn:aws:s3:::ledger-exports", Tags=[{"Key": "team", "Value": "a"}]
        )


@known_divergence(DYNALITE, "accepts the request", service=_TAGGING_ACCESS)
@known_divergence(MOTO, "answers ResourceNotFoundException", service=_TAGGING_ACCESS)
def test_another_accounts_table_is_denied_before_its_region_is_judged(
    dynamodb: Backend,
) -> None:
    """Another account's table in another region: access is judged first."""
    name = dynamodb.key_table()
    arn = dynamodb.table_arn(name)
    prefix, region, _account, resource = arn.rsplit(":", 3)
    elsewhere = "ap-south-1" if region != "ap-south-1" else "sa-east-1"
    foreign = f"{prefix}:{elsewhere}:111122223333:{resource}"
    with service_error("AccessDeniedException", "Access is denied"):
        dynamodb.client.list_tags_of_resource(ResourceArn=foreign)


# ---------------------------------------------------------------- validation


@known_divergence(
    MOTO,
    "accepts a two-character table name",
    service="AWS DynamoDB API reference, CreateTable: TableName is 3 to 255 characters",
)
@known_divergence(
    DYNALITE,
    "refuses it in words of its own ('TableName must be at least 3 characters long …')",
    service=(
        "paritysuite/dynamodb-conformance captures/cross-region-latest.json, "
        "s_ct_table_short, live in eu-west-2 and us-east-1 (2026-09)"
    ),
)
def test_table_name_shorter_than_three_characters_is_refused(dynamodb: Backend) -> None:
    _assert_table_name_refused(
        dynamodb,
        "ab",
        "1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: "
        "Member must have length greater than or equal to 3",
    )


@known_divergence(
    MOTO,
    "accepts a table name with a space",
    service="AWS DynamoDB API reference, CreateTable: TableName pattern [a-zA-Z0-9_.-]+",
)
def test_table_name_with_a_space_is_refused(dynamodb: Backend) -> None:
    _assert_table_name_refused(
        dynamodb,
        "has space",
        "1 validation error detected: Value 'has space' at 'tableName' failed to satisfy "
        "constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
    )


@known_divergence(
    MOTO,
    "looks the table up without checking its name (ResourceNotFoundException)",
    service="moto's own later aws_verified test_update_item_with_invalid_table_name",
)
@known_divergence(
    DYNALITE,
    "lists the pattern before the length, as the service did when dynalite was recorded",
    service="moto's aws_verified test_update_item_with_invalid_table_name (UpdateItem of 'x!'): "
    "the length, then the pattern",
)
def test_a_table_name_too_short_and_off_the_pattern_breaks_the_length_first(
    dynamodb: Backend,
) -> None:
    with service_error(
        "ValidationException",
        "2 validation errors detected: Value 'x!' at 'tableName' failed to satisfy constraint: "
        "Member must have length greater than or equal to 3; Value 'x!' at 'tableName' failed "
        "to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
    ):
        dynamodb.client.update_item(
            TableName="x!",
            Key={"pk": {"S": "a"}},
            UpdateExpression="SET v = :v",
            ExpressionAttributeValues={":v": {"N": "1"}},
        )


def _assert_table_name_refused(dynamodb: Backend, name: str, message: str) -> None:
    """CreateTable with ``name`` is refused with ``message``; a table a backend makes
    anyway is deleted, so that other scenarios' table lists never see it."""
    try:
        with service_error("ValidationException", message):
            dynamodb.client.create_table(
                TableName=name,
                KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                BillingMode="PAY_PER_REQUEST",
            )
    finally:
        dynamodb.delete_if_created(name)


_EMPTY_KMS_KEY = (
    "aws-controllers-k8s/dynamodb-controller docs/api-quirks DDB-TABLE-457 "
    "(ct_sse_kms_key_empty, ut_sse_kms_key_empty), probed against AWS 2026-10-09"
)
_EMPTY_KMS_KEY_REFUSED = (
    "1 validation error detected: Value '' at 'sSESpecification.kMSMasterKeyId' failed to "
    "satisfy constraint: Member must have length greater than or equal to 1"
)


@known_divergence(
    DYNALITE,
    "does not know UpdateTable's SSESpecification ('At least one of … is required')",
    service=_EMPTY_KMS_KEY,
)
@known_divergence(MOTO, "accepts an empty KMS key", service=_EMPTY_KMS_KEY)
def test_an_empty_kms_key_is_too_short(dynamodb: Backend) -> None:
    """The model sets no minimum length on KMSMasterKeyId; the service holds it to one."""
    name = dynamodb.key_table()
    with service_error("ValidationException", _EMPTY_KMS_KEY_REFUSED):
        dynamodb.client.update_table(
            TableName=name,
            SSESpecification={"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": ""},
        )
    with service_error("ValidationException", _EMPTY_KMS_KEY_REFUSED):
        dynamodb.client.create_table(
            TableName=dynamodb.table_name(),
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
            SSESpecification={"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": ""},
        )


_TABLE_CLASS_REFUSED = (
    "Invalid table-class parameter provided. Please try again with a valid table-class value: "
    "[STANDARD, STANDARD_INFREQUENT_ACCESS]."
)
_TABLE_CLASS_EVIDENCE = (
    "ScyllaDB test/alternator test_tableclass.py::test_tableclass_create_table_bad_tableclass "
    "and test_tableclass_update_table, run against AWS, which quote the message"
)


@known_divergence(
    (DYNALITE, MOTO),
    "accepts a table class the service does not offer",
    service=_TABLE_CLASS_EVIDENCE,
)
@pytest.mark.parametrize("table_class", ["ARCHIVE", "standard"])
def test_an_unknown_table_class_is_refused_in_its_own_words(
    dynamodb: Backend, table_class: str
) -> None:
    with service_error("ValidationException", _TABLE_CLASS_REFUSED):
        dynamodb.client.create_table(
            TableName=dynamodb.table_name(),
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
            TableClass=cast("TableClassType", table_class),
        )


@known_divergence(
    DYNALITE,
    "does not know TableClass and answers that UpdateTable requires one of its other members",
    service=_TABLE_CLASS_EVIDENCE,
)
@known_divergence(
    MOTO, "accepts a table class the service does not offer", service=_TABLE_CLASS_EVIDENCE
)
def test_update_table_refuses_an_unknown_table_class_in_its_own_words(dynamodb: Backend) -> None:
    name = dynamodb.key_table()
    with service_error("ValidationException", _TABLE_CLASS_REFUSED):
        dynamodb.client.update_table(TableName=name, TableClass=cast("TableClassType", "COLD"))


def test_key_attribute_without_definition_is_refused(dynamodb: Backend) -> None:
    name = dynamodb.table_name()
    with service_error(
        "ValidationException",
        "One or more parameter values were invalid: Some index key attributes are not defined "
        "in AttributeDefinitions. Keys: [pk], AttributeDefinitions: [other]",
    ):
        dynamodb.client.create_table(
            TableName=name,
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "other", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
        )


def test_attribute_definition_not_used_by_a_key_is_refused(dynamodb: Backend) -> None:
    name = dynamodb.table_name()
    with service_error(
        "ValidationException",
        "One or more parameter values were invalid: Number of attributes in KeySchema does not "
        "exactly match number of attributes defined in AttributeDefinitions",
    ):
        dynamodb.client.create_table(
            TableName=name,
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            AttributeDefinitions=[
                {"AttributeName": "pk", "AttributeType": "S"},
                {"AttributeName": "extra", "AttributeType": "S"},
            ],
            BillingMode="PAY_PER_REQUEST",
        )


@known_divergence(
    MOTO,
    "accepts a key attribute of type BOOL",
    service="AWS DynamoDB API reference, AttributeDefinition: AttributeType is S, N or B",
)
def test_key_attribute_type_outside_s_n_b_is_refused(dynamodb: Backend) -> None:
    name = dynamodb.table_name()
    with service_error(
        "ValidationException",
        "1 validation error detected: Value 'BOOL' at 'attributeDefinitions.1.member.attributeType'"
        " failed to satisfy constraint: Member must satisfy enum value set: [B, N, S]",
    ):
        dynamodb.client.create_table(
            TableName=name,
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "BOOL"}],  # type: ignore[typeddict-item]  # the service's refusal of a type outside S/N/B is the behaviour under test
            BillingMode="PAY_PER_REQUEST",
        )


@known_divergence(
    MOTO,
    "accepts RANGE before HASH",
    service="AWS DynamoDB API reference, CreateTable: the first KeySchema element is the "
    "partition key",
)
def test_first_key_element_must_be_the_hash_key(dynamodb: Backend) -> None:
    name = dynamodb.table_name()
    with service_error(
        "ValidationException",
        "Invalid KeySchema: The first KeySchemaElement is not a HASH key type",
    ):
        dynamodb.client.create_table(
            TableName=name,
            KeySchema=[
                {"AttributeName": "sk", "KeyType": "RANGE"},
                {"AttributeName": "pk", "KeyType": "HASH"},
            ],
            AttributeDefinitions=[
                {"AttributeName": "pk", "AttributeType": "S"},
                {"AttributeName": "sk", "AttributeType": "S"},
            ],
            BillingMode="PAY_PER_REQUEST",
        )


@known_divergence(
    MOTO,
    "words the message differently",
    service="as dynalite, checked against the live service, answers the message 'One or more "
    "parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits "
    "can be specified when BillingMode is PAY_PER_REQUEST'",
)
def test_on_demand_table_with_provisioned_throughput_is_refused(dynamodb: Backend) -> None:
    name = dynamodb.table_name()
    with service_error(
        "ValidationException",
        "One or more parameter values were invalid: Neither ReadCapacityUnits nor "
        "WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST",
    ):
        dynamodb.client.create_table(
            TableName=name,
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
            ProvisionedThroughput={"ReadCapacityUnits": 1, "WriteCapacityUnits": 1},
        )


def test_provisioned_table_without_throughput_is_refused(dynamodb: Backend) -> None:
    name = dynamodb.table_name()
    with service_error(
        "ValidationException",
        "One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits "
        "must both be specified when BillingMode is PROVISIONED",
    ):
        dynamodb.client.create_table(
            TableName=name,
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        )


@known_divergence(
    MOTO,
    "accepts an LSI on a table without a sort key",
    service="AWS DynamoDB developer guide, 'Local secondary indexes': the base table must have "
    "a composite primary key",
)
def test_local_index_on_a_table_without_sort_key_is_refused(dynamodb: Backend) -> None:
    name = dynamodb.table_name()
    with service_error(
        "ValidationException",
        "One or more parameter values were invalid: Table KeySchema does not have a range key, "
        "which is required when specifying a LocalSecondaryIndex",
    ):
        dynamodb.client.create_table(
            TableName=name,
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            AttributeDefinitions=[
                {"AttributeName": "pk", "AttributeType": "S"},
                {"AttributeName": "l", "AttributeType": "S"},
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
            BillingMode="PAY_PER_REQUEST",
        )


@known_divergence(
    MOTO,
    "accepts more than five LSIs",
    service="AWS DynamoDB developer guide, 'Service quotas': 5 local secondary indexes per table",
)
def test_more_than_five_local_indexes_are_refused(dynamodb: Backend) -> None:
    name = dynamodb.table_name()
    with service_error(
        "ValidationException",
        "One or more parameter values were invalid: Number of LocalSecondaryIndexes exceeds "
        "per-table limit of 5",
    ):
        dynamodb.client.create_table(
            TableName=name,
            KeySchema=[
                {"AttributeName": "pk", "KeyType": "HASH"},
                {"AttributeName": "sk", "KeyType": "RANGE"},
            ],
            AttributeDefinitions=[
                {"AttributeName": "pk", "AttributeType": "S"},
                {"AttributeName": "sk", "AttributeType": "S"},
                {"AttributeName": "l", "AttributeType": "S"},
            ],
            LocalSecondaryIndexes=[
                {
                    "IndexName": f"local-{index}",
                    "KeySchema": [
                        {"AttributeName": "pk", "KeyType": "HASH"},
                        {"AttributeName": "l", "KeyType": "RANGE"},
                    ],
                    "Projection": {"ProjectionType": "KEYS_ONLY"},
                }
                for index in range(6)
            ],
            BillingMode="PAY_PER_REQUEST",
        )


@known_divergence(
    MOTO,
    "accepts more than twenty GSIs",
    service="AWS DynamoDB developer guide, 'Service quotas': 20 global secondary indexes per "
    "table by default",
)
def test_more_than_twenty_global_indexes_are_refused(dynamodb: Backend) -> None:
    name = dynamodb.table_name()
    with service_error(
        "ValidationException",
        "One or more parameter values were invalid: GlobalSecondaryIndex count exceeds the "
        "per-table limit of 20",
    ):
        dynamodb.client.create_table(
            TableName=name,
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            AttributeDefinitions=[
                {"AttributeName": "pk", "AttributeType": "S"},
                {"AttributeName": "g", "AttributeType": "S"},
            ],
            GlobalSecondaryIndexes=[
                {
                    "IndexName": f"global-{index}",
                    "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                    "Projection": {"ProjectionType": "KEYS_ONLY"},
                }
                for index in range(21)
            ],
            BillingMode="PAY_PER_REQUEST",
        )


_INDEX_ORDER_SOURCE = (
    "paritysuite/dynamodb-conformance tests/tier3/validation-ordering/createTable.test.ts, "
    "eu-west-2 and us-east-1, 2026-10"
)


@known_divergence(
    DYNALITE,
    "lists the local index failures first",
    service=_INDEX_ORDER_SOURCE,
)
@known_divergence(
    MOTO,
    "does not check index names against the model's pattern",
    service=_INDEX_ORDER_SOURCE,
)
@pytest.mark.parametrize("local_first", [True, False])
def test_global_index_failures_are_listed_before_local_ones(
    dynamodb: Backend, local_first: bool
) -> None:
    def failure(name: str, member: str) -> str:
        return (
            f"Value '{name}' at '{member}.1.member.indexName' failed to satisfy constraint: "
            "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"
        )

    local: LocalSecondaryIndexTypeDef = {
        "IndexName": "aa!",
        "KeySchema": [
            {"AttributeName": "pk", "KeyType": "HASH"},
            {"AttributeName": "lr", "KeyType": "RANGE"},
        ],
        "Projection": {"ProjectionType": "ALL"},
    }
    global_index: GlobalSecondaryIndexTypeDef = {
        "IndexName": "zz!",
        "KeySchema": [{"AttributeName": "gh", "KeyType": "HASH"}],
        "Projection": {"ProjectionType": "ALL"},
    }
    indexes: _IndexLists = (
        {"LocalSecondaryIndexes": [local], "GlobalSecondaryIndexes": [global_index]}
        if local_first
        else {"GlobalSecondaryIndexes": [global_index], "LocalSecondaryIndexes": [local]}
    )
    with service_error(
        "ValidationException",
        "2 validation errors detected: "
        f"{failure('zz!', 'globalSecondaryIndexes')}; {failure('aa!', 'localSecondaryIndexes')}",
    ):
        dynamodb.client.create_table(
            TableName=dynamodb.table_name(),
            BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[
                {"AttributeName": "pk", "AttributeType": "S"},
                {"AttributeName": "sk", "AttributeType": "S"},
            ],
            KeySchema=[
                {"AttributeName": "pk", "KeyType": "HASH"},
                {"AttributeName": "sk", "KeyType": "RANGE"},
            ],
            **indexes,
        )


def _quirk(entry: str, day: int) -> str:
    return (
        f"aws-controllers-k8s/dynamodb-controller docs/api-quirks {entry}, probed against AWS "
        f"2026-10-{day:02d}"
    )


@known_divergence(
    (DYNALITE, MOTO), "accepts a lowercase view type", service=_quirk("DDB-TABLE-035", 8)
)
def test_a_lowercase_stream_view_type_is_refused_with_the_values_in_the_services_order(
    dynamodb: Backend,
) -> None:
    with service_error(
        "ValidationException",
        "1 validation error detected: Value 'keys_only' at 'streamSpecification.streamViewType' "
        "failed to satisfy constraint: Member must satisfy enum value set: "
        "[OLD_IMAGE, KEYS_ONLY, NEW_AND_OLD_IMAGES, NEW_IMAGE]",
    ):
        dynamodb.client.create_table(
            TableName=dynamodb.table_name(),
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
            StreamSpecification={
                "StreamEnabled": True,
                "StreamViewType": cast("StreamViewTypeType", "keys_only"),
            },
        )


_CURRENT_KEY_SOURCE = _quirk("DDB-TABLE-082 and DDB-TABLE-141", 8)


@known_divergence(DYNALITE, "shows no SSEDescription", service=_CURRENT_KEY_SOURCE)
@known_divergence(MOTO, "accepts the current key's ARN", service=_CURRENT_KEY_SOURCE)
def test_the_current_encryption_key_is_refused_by_its_arn_and_accepted_by_its_alias(
    dynamodb: Backend,
) -> None:
    name = dynamodb.table_name()
    dynamodb.create_table(
        TableName=name,
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
        SSESpecification={"Enabled": True},
    )
    described = dynamodb.client.describe_table(TableName=name)["Table"]
    key_arn = described["SSEDescription"]["KMSMasterKeyArn"]
    with service_error(
        "ValidationException",
        "One or more parameter values were invalid: Table is already encrypted with given "
        "KMSMasterKeyId. Use KMSMasterKeyId parameter if you want to change Master Key",
    ):
        dynamodb.client.update_table(
            TableName=name,
            SSESpecification={"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": key_arn},
        )
    answered = dynamodb.client.update_table(
        TableName=name,
        SSESpecification={
            "Enabled": True,
            "SSEType": "KMS",
            "KMSMasterKeyId": "alias/aws/dynamodb",
        },
    )["TableDescription"]
    assert answered.get("SSEDescription", {}).get("Status") == "UPDATING"
    settled = dynamodb.wait_until(
        name, lambda table: table.get("SSEDescription", {}).get("Status") == "ENABLED"
    )
    assert settled.get("SSEDescription", {}).get("KMSMasterKeyArn") == key_arn


_CLASS_QUOTA_SOURCE = _quirk("DDB-TABLE-283", 9)


def _class_settled(wanted: str) -> Callable[[TableDescriptionTypeDef], bool]:
    def settled(table: TableDescriptionTypeDef) -> bool:
        summary = table.get("TableClassSummary", {})
        return table.get("TableStatus") == "ACTIVE" and summary.get("TableClass") == wanted

    return settled


@known_divergence(
    DYNALITE,
    "does not know TableClass and answers that UpdateTable requires one of its other members",
    service=_CLASS_QUOTA_SOURCE,
)
@known_divergence(MOTO, "sets the table class as often as asked", service=_CLASS_QUOTA_SOURCE)
def test_once_its_two_class_changes_are_spent_even_the_current_class_is_refused(
    dynamodb: Backend,
) -> None:
    name = dynamodb.key_table()
    classes: tuple[TableClassType, ...] = (
        "STANDARD_INFREQUENT_ACCESS",
        "STANDARD_INFREQUENT_ACCESS",  # the current class again: free while changes remain
        "STANDARD",
    )
    for table_class in classes:
        dynamodb.client.update_table(TableName=name, TableClass=table_class)
        dynamodb.wait_until(name, _class_settled(table_class))
    with service_error(
        "LimitExceededException",
        "Subscriber limit exceeded: Updates to TableClass are limited to 2 times in 30 day(s).",
    ):
        dynamodb.client.update_table(TableName=name, TableClass="STANDARD")


_PROTECTION_INTERVAL_SOURCE = _quirk("DDB-TABLE-003 and DDB-TABLE-054", 8)


@unsupported(DYNALITE, "deletion protection (it deletes the table and refuses the setting)")
@known_divergence(
    MOTO, "sets deletion protection as often as asked", service=_PROTECTION_INTERVAL_SOURCE
)
def test_deletion_protection_is_refused_even_unchanged_within_fifteen_seconds_of_a_change(
    dynamodb: Backend,
) -> None:
    name = dynamodb.table_name()
    dynamodb.create_table(
        TableName=name,
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
        DeletionProtectionEnabled=True,
    )
    dynamodb.client.update_table(TableName=name, DeletionProtectionEnabled=False)
    with service_error(
        "ThrottlingException",
        f"Deletion protection setting for table {name} modified within the previous 15000 "
        "milliseconds. Please try again after ",
        prefix=True,
    ) as refused:
        dynamodb.client.update_table(TableName=name, DeletionProtectionEnabled=False)
    assert re.fullmatch(r".* after \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", refused.message)


@unsupported(DYNALITE, "StreamSpecification in UpdateTable (it asks for one of its other members)")
def test_switching_a_stream_off_answers_without_a_stream_specification(dynamodb: Backend) -> None:
    """aws-controllers-k8s/dynamodb-controller docs/api-quirks DDB-TABLE-180 and DDB-TABLE-050,
    probed against AWS 2026-10-08."""
    name = dynamodb.key_table()
    dynamodb.client.update_table(
        TableName=name, StreamSpecification={"StreamEnabled": True, "StreamViewType": "OLD_IMAGE"}
    )
    stream_arn = dynamodb.wait_active(name).get("LatestStreamArn")
    answered = dynamodb.client.update_table(
        TableName=name, StreamSpecification={"StreamEnabled": False}
    )["TableDescription"]
    assert "StreamSpecification" not in answered
    assert answered.get("LatestStreamArn") == stream_arn
    described = dynamodb.wait_active(name)
    assert "StreamSpecification" not in described
    assert described.get("LatestStreamArn") == stream_arn

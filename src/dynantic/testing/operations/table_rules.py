"""CreateTable's semantic rules, in the order the service applies them.

The model-derived constraint checks (lengths, enums, patterns) have run
before these. The service reports the first rule a request breaks:

1. members its own model still requires or bounds (``AttributeDefinitions``
   and ``KeySchema`` present, at most two key elements for the table and for
   each local index), together, in its "N validation errors" form;
2. billing mode against provisioned throughput;
3. attribute definitions given twice;
4. the table's key schema; without indexes, definitions and keys must pair up;
5. index lists not empty, local indexes only with a table sort key; then every
   definition used by some key;
6. local indexes, then global indexes, in request order; index counts;
7. the number of projected attributes; on-demand and warm throughput;
8. stream and encryption settings; tags.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dynantic.testing import messages
from dynantic.testing.errors import validation_error
from dynantic.testing.operations.capacity_rules import (
    check_capacity_bounds,
    check_on_demand,
    check_warm_against_capacity,
)
from dynantic.testing.operations.index_rules import (
    MAX_GLOBAL_INDEXES,
    MAX_LOCAL_INDEXES,
    check_global_index,
    check_index_name_unique,
    check_local_index,
    check_projected_attribute_total,
)
from dynantic.testing.operations.key_rules import (
    check_definitions_unique,
    check_definitions_used,
    check_table_key_schema,
    rendered_key_schema,
)
from dynantic.testing.operations.settings_rules import (
    check_sse,
    check_stream_on_create,
    check_table_class,
)
from dynantic.testing.operations.tag_rules import check_tag_count, check_tags

if TYPE_CHECKING:
    from collections.abc import Sequence

    from mypy_boto3_dynamodb.type_defs import (
        AttributeDefinitionTypeDef,
        CreateTableInputTypeDef,
        KeySchemaElementTypeDef,
    )

    Definitions = Sequence[AttributeDefinitionTypeDef]
    KeyElements = Sequence[KeySchemaElementTypeDef]

__all__ = ["check_create_table"]

# DynamoDB: a table's (and a local index's) key is one partition and at most one sort key.
MAX_TABLE_KEY_ELEMENTS = 2


def _required_members(request: CreateTableInputTypeDef) -> tuple[Definitions, KeyElements]:
    """The definitions and key schema, which the service still requires and bounds."""
    problems: list[str] = []
    definitions = request.get("AttributeDefinitions")
    if definitions is None:
        problems.append(messages.TABLE_MEMBER_NULL.format(path="attributeDefinitions"))
    key_schema = request.get("KeySchema")
    if key_schema is None:
        problems.append(messages.TABLE_MEMBER_NULL.format(path="keySchema"))
    elif len(key_schema) > MAX_TABLE_KEY_ELEMENTS:
        problems.append(_too_long(key_schema, "keySchema"))
    for position, index in enumerate(request.get("LocalSecondaryIndexes", ()), start=1):
        if len(index["KeySchema"]) > MAX_TABLE_KEY_ELEMENTS:
            path = f"localSecondaryIndexes.{position}.member.keySchema"
            problems.append(_too_long(index["KeySchema"], path))
    if definitions is None or key_schema is None or problems:
        raise validation_error(
            messages.TABLE_VALIDATION_ERRORS.format(
                count=len(problems),
                plural="s" if len(problems) > 1 else "",
                errors="; ".join(problems),
            )
        )
    return definitions, key_schema


def _too_long(elements: KeyElements, path: str) -> str:
    return messages.TABLE_MEMBER_TOO_LONG.format(
        value=rendered_key_schema(elements), path=path, bound=MAX_TABLE_KEY_ELEMENTS
    )


def _check_billing(request: CreateTableInputTypeDef) -> None:
    throughput = request.get("ProvisionedThroughput")
    if request.get("BillingMode", "PROVISIONED") == "PAY_PER_REQUEST":
        if throughput is not None:
            raise validation_error(messages.PAY_PER_REQUEST_WITH_THROUGHPUT)
        return
    if throughput is None:
        raise validation_error(messages.PROVISIONED_WITHOUT_CAPACITY)
    check_capacity_bounds(throughput)


def _check_indexes(
    request: CreateTableInputTypeDef,
    definitions: Definitions,
    table_keys: KeyElements,
    region: str,
) -> None:
    provisioned = request.get("BillingMode", "PROVISIONED") == "PROVISIONED"
    seen_names: set[str] = set()
    local_indexes = request.get("LocalSecondaryIndexes")
    if local_indexes is not None:
        for local_index in local_indexes:
            check_local_index(local_index, definitions, table_keys[0]["AttributeName"], seen_names)
        if len(local_indexes) > MAX_LOCAL_INDEXES:
            raise validation_error(messages.LOCAL_INDEX_COUNT)
    global_indexes = request.get("GlobalSecondaryIndexes")
    if global_indexes is not None:
        for global_index in global_indexes:
            check_global_index(
                global_index,
                definitions,
                provisioned=provisioned,
                creating_table=True,
                region=region,
            )
            check_index_name_unique(global_index["IndexName"], seen_names)
        if len(global_indexes) > MAX_GLOBAL_INDEXES:
            raise validation_error(messages.GLOBAL_INDEX_COUNT)
    check_projected_attribute_total(
        [index["Projection"] for index in local_indexes or ()]
        + [index["Projection"] for index in global_indexes or ()]
    )


def _check_index_lists(request: CreateTableInputTypeDef, table_keys: KeyElements) -> None:
    """Index lists are not empty; local indexes need a table sort key."""
    local_indexes = request.get("LocalSecondaryIndexes")
    if local_indexes is not None:
        if not local_indexes:
            raise validation_error(messages.INDEX_LIST_EMPTY.format(member="LocalSecondaryIndexes"))
        if len(table_keys) != MAX_TABLE_KEY_ELEMENTS:
            raise validation_error(messages.LOCAL_INDEX_WITHOUT_TABLE_RANGE)
    if request.get("GlobalSecondaryIndexes") == []:
        raise validation_error(messages.INDEX_LIST_EMPTY.format(member="GlobalSecondaryIndexes"))


def _check_capacity_settings(request: CreateTableInputTypeDef, region: str) -> None:
    provisioned = request.get("BillingMode", "PROVISIONED") == "PROVISIONED"
    on_demand = request.get("OnDemandThroughput")
    if on_demand is not None:
        check_on_demand(on_demand, provisioned=provisioned, creating=True, region=region)
    warm = request.get("WarmThroughput")
    if warm is not None:
        throughput = request.get("ProvisionedThroughput") if provisioned else None
        check_warm_against_capacity(warm, throughput, region=region)


def _check_supported(request: CreateTableInputTypeDef) -> None:
    """Members asking for global tables or vector indexes, which the in-memory service has not."""
    members: tuple[tuple[str, object], ...] = (
        ("GlobalTableSourceArn", request.get("GlobalTableSourceArn")),
        ("VectorIndexes", request.get("VectorIndexes")),
    )
    for name, value in members:
        if value:
            raise validation_error(messages.UNSUPPORTED_MEMBER.format(member=name))


def check_create_table(request: CreateTableInputTypeDef, region: str) -> None:
    """Raise the service's ValidationException for the first rule ``request`` breaks."""
    definitions, table_keys = _required_members(request)
    _check_billing(request)
    check_definitions_unique(definitions)
    has_indexes = "LocalSecondaryIndexes" in request or "GlobalSecondaryIndexes" in request
    check_table_key_schema(table_keys, definitions, has_indexes=has_indexes)
    _check_index_lists(request, table_keys)
    if has_indexes:
        check_definitions_used(
            definitions,
            [table_keys]
            + [index["KeySchema"] for index in request.get("LocalSecondaryIndexes", ())]
            + [index["KeySchema"] for index in request.get("GlobalSecondaryIndexes", ())],
        )
    _check_indexes(request, definitions, table_keys, region)
    _check_capacity_settings(request, region)
    stream = request.get("StreamSpecification")
    if stream is not None:
        check_stream_on_create(stream)
    sse = request.get("SSESpecification")
    if sse is not None:
        check_sse(sse)
    table_class = request.get("TableClass")
    if table_class is not None:
        check_table_class(table_class)
    tags = request.get("Tags", [])
    check_tags(tags)
    check_tag_count({tag["Key"] for tag in tags})
    _check_supported(request)

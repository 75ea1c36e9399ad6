"""The service's rules for secondary indexes, and their definitions once valid.

CreateTable checks local indexes, then global ones, each in request order;
UpdateTable checks a new global index the same way, with its own words for
missing or unwanted throughput.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from dynantic.testing import messages
from dynantic.testing.engine.definition import IndexDefinition, Projection, Throughput
from dynantic.testing.errors import validation_error
from dynantic.testing.operations.capacity_rules import (
    check_on_demand,
    check_warm_against_capacity,
    merged_on_demand,
    starting_warm,
)
from dynantic.testing.operations.key_rules import (
    check_global_key_schema,
    check_local_key_schema,
    key_schema,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

    from mypy_boto3_dynamodb.type_defs import (
        AttributeDefinitionTypeDef,
        CreateGlobalSecondaryIndexActionTypeDef,
        GlobalSecondaryIndexUnionTypeDef,
        LocalSecondaryIndexTypeDef,
        ProjectionUnionTypeDef,
    )

    GlobalIndexRequest = GlobalSecondaryIndexUnionTypeDef | CreateGlobalSecondaryIndexActionTypeDef

__all__ = [
    "MAX_GLOBAL_INDEXES",
    "MAX_LOCAL_INDEXES",
    "check_global_index",
    "check_index_name_unique",
    "check_local_index",
    "check_projected_attribute_total",
    "global_index_definition",
    "local_index_definition",
]

# DynamoDB: at most 5 local and 20 global secondary indexes per table, and at
# most 100 attributes projected by INCLUDE across all of a table's indexes.
MAX_LOCAL_INDEXES = 5
MAX_GLOBAL_INDEXES = 20
MAX_PROJECTED_ATTRIBUTES = 100

Definitions = Sequence["AttributeDefinitionTypeDef"]


def _check_projection(projection: ProjectionUnionTypeDef) -> None:
    """INCLUDE names its non-key attributes; KEYS_ONLY and ALL name none."""
    projection_type = projection.get("ProjectionType")
    if projection_type is None:
        raise validation_error(messages.PROJECTION_TYPE_NULL)
    non_key = projection.get("NonKeyAttributes")
    if non_key is not None and projection_type != "INCLUDE":
        raise validation_error(messages.PROJECTION_NON_KEY_UNEXPECTED.format(type=projection_type))
    if non_key is None and projection_type == "INCLUDE":
        raise validation_error(messages.PROJECTION_NON_KEY_MISSING)
    seen: set[str] = set()
    for name in non_key or ():
        if name in seen:
            raise validation_error(messages.PROJECTION_NON_KEY_DUPLICATE.format(name=name))
        seen.add(name)


def check_index_name_unique(name: str, seen_names: set[str]) -> None:
    """Index names are unique across a table's local and global indexes."""
    if name in seen_names:
        raise validation_error(messages.INDEX_NAME_DUPLICATE.format(index=name))
    seen_names.add(name)


def check_local_index(
    index: LocalSecondaryIndexTypeDef,
    definitions: Definitions,
    table_hash: str,
    seen_names: set[str],
) -> None:
    """One local index of a CreateTable request."""
    check_local_key_schema(index["IndexName"], index["KeySchema"], definitions, table_hash)
    _check_projection(index["Projection"])
    check_index_name_unique(index["IndexName"], seen_names)


def check_global_index(
    index: GlobalIndexRequest,
    definitions: Definitions,
    *,
    provisioned: bool,
    creating_table: bool,
    region: str,
) -> None:
    """One global index of a CreateTable request, or one created by UpdateTable."""
    name = index["IndexName"]
    check_global_key_schema(index["KeySchema"], definitions)
    _check_projection(index["Projection"])
    throughput = index.get("ProvisionedThroughput")
    if not provisioned and throughput is not None:
        template = (
            messages.INDEX_THROUGHPUT_ON_DEMAND_CREATE
            if creating_table
            else messages.INDEX_THROUGHPUT_ON_DEMAND_UPDATE
        )
        raise validation_error(template.format(index=name))
    if provisioned and throughput is None:
        template = (
            messages.INDEX_THROUGHPUT_MISSING_CREATE
            if creating_table
            else messages.INDEX_THROUGHPUT_MISSING_UPDATE
        )
        raise validation_error(template.format(index=name))
    on_demand = index.get("OnDemandThroughput")
    if on_demand is not None:
        check_on_demand(
            on_demand, provisioned=provisioned, creating=True, region=region, index=name
        )
    warm = index.get("WarmThroughput")
    if warm is not None:
        check_warm_against_capacity(warm, throughput, region=region, index=name)


def check_projected_attribute_total(projections: Sequence[ProjectionUnionTypeDef]) -> None:
    """INCLUDE projections name at most 100 attributes in all, counting repeats."""
    total = sum(len(projection.get("NonKeyAttributes", ())) for projection in projections)
    if total > MAX_PROJECTED_ATTRIBUTES:
        raise validation_error(messages.PROJECTED_ATTRIBUTES_TOO_MANY)


def _projection(projection: ProjectionUnionTypeDef) -> Projection:
    return Projection(
        type=projection.get("ProjectionType", "ALL"),
        non_key_attributes=tuple(projection.get("NonKeyAttributes", ())),
    )


def local_index_definition(
    index: LocalSecondaryIndexTypeDef, types: Mapping[str, str], table_arn: str
) -> IndexDefinition:
    """The definition of a valid local index."""
    name = index["IndexName"]
    return IndexDefinition(
        name=name,
        key_schema=key_schema(index["KeySchema"], types),
        projection=_projection(index["Projection"]),
        is_global=False,
        arn=f"{table_arn}/index/{name}",
    )


def global_index_definition(
    index: GlobalIndexRequest,
    types: Mapping[str, str],
    table_arn: str,
    *,
    provisioned: bool,
) -> IndexDefinition:
    """The definition of a valid global index (capacity 0/0 when on demand)."""
    name = index["IndexName"]
    requested = index.get("ProvisionedThroughput")
    throughput = (
        Throughput(requested["ReadCapacityUnits"], requested["WriteCapacityUnits"])
        if provisioned and requested is not None
        else Throughput()
    )
    on_demand = index.get("OnDemandThroughput")
    return IndexDefinition(
        name=name,
        key_schema=key_schema(index["KeySchema"], types),
        projection=_projection(index["Projection"]),
        is_global=True,
        arn=f"{table_arn}/index/{name}",
        throughput=throughput,
        on_demand=merged_on_demand(None, on_demand) if on_demand is not None else None,
        warm=starting_warm(index.get("WarmThroughput"), throughput if provisioned else None),
    )

"""Query: the items of one partition of a table or index, in sort-key order.

The service checks a request in this order, reporting the first problem: the
expression and legacy parameters (the request alone), the table and index, the
start key and key conditions attribute by attribute, the start key's place, then
what the projection and filter may name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from dynantic.testing import messages
from dynantic.testing.errors import validation_error
from dynantic.testing.expressions import (
    BoundCondition,
    BoundProjection,
    ExpressionAttributes,
    KeyCondition,
    attributes_to_get,
    check_conditional_operator,
    check_expression_parameters,
    filter_conditions,
    key_conditions,
    legacy_key_conditions,
)
from dynantic.testing.operations.paging import ReadRequest, page_response, read_page
from dynantic.testing.operations.query_keys import (
    KeyQuery,
    StartKeyCheck,
    plan_key_query,
    sort_range,
)
from dynantic.testing.operations.read_rules import (
    check_filter_attributes,
    check_nested_keys,
    check_select,
    select_attributes,
)
from dynantic.testing.operations.read_target import ReadTarget, read_target
from dynantic.testing.operations.registry import operation
from dynantic.testing.operations.start_key import (
    check_query_bounds,
    check_start_key_count,
    check_start_key_piece,
    check_table_key,
    decode_start_key,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

    from mypy_boto3_dynamodb.type_defs import QueryInputTypeDef

    from dynantic.testing.engine.database import Database
    from dynantic.testing.engine.table import KeyAttribute
    from dynantic.testing.engine.values import Item
    from dynantic.testing.expressions.legacy import Condition

__all__ = ["query"]

_EXPRESSIONS = ("ProjectionExpression", "FilterExpression", "KeyConditionExpression")
_LEGACY = ("AttributesToGet", "QueryFilter", "ConditionalOperator", "KeyConditions")


class _Parsed:
    """A Query request once the request alone has been checked."""

    def __init__(self, request: QueryInputTypeDef) -> None:
        check_expression_parameters(request, _EXPRESSIONS, _LEGACY, names_null_expressions=False)
        check_conditional_operator(request.get("ConditionalOperator"), request.get("QueryFilter"))
        query_filter = cast("Mapping[str, Condition] | None", request.get("QueryFilter"))
        legacy_filter = (
            filter_conditions(query_filter, request.get("ConditionalOperator"))
            if query_filter
            else None
        )
        wanted = request.get("AttributesToGet")
        legacy_projection = attributes_to_get(wanted) if wanted is not None else None
        self.start = decode_start_key(request.get("ExclusiveStartKey"))
        if request.get("KeyConditionExpression") is None and request.get("KeyConditions") is None:
            raise validation_error(messages.QUERY_NEEDS_KEY_CONDITION)
        bound = ExpressionAttributes.from_wire(
            request.get("ExpressionAttributeNames"), request.get("ExpressionAttributeValues")
        ).bind_all(
            KeyConditionExpression=request.get("KeyConditionExpression"),
            FilterExpression=request.get("FilterExpression"),
            ProjectionExpression=request.get("ProjectionExpression"),
        )
        self.legacy_keys = bound.key_condition is None
        if bound.key_condition is not None:
            self.conditions = key_conditions(bound.key_condition)
        else:
            legacy = cast("Mapping[str, Condition]", request.get("KeyConditions"))
            self.conditions = legacy_key_conditions(legacy)
        self.filter: BoundCondition | None = bound.filter or legacy_filter
        self.legacy_filter = legacy_filter is not None
        self.projection: BoundProjection | None = bound.projection or legacy_projection
        self.select = request.get("Select")
        check_select(
            self.select,
            projection_expression=bound.projection is not None,
            attributes_to_get=legacy_projection is not None,
            index=request.get("IndexName") is not None,
            query=True,
        )


@operation("Query")
def query(database: Database, request: QueryInputTypeDef) -> dict[str, object]:
    parsed = _Parsed(request)
    consistent = request.get("ConsistentRead", False)
    with database.lock:
        target = read_target(database.table(request["TableName"]), request.get("IndexName"))
        if consistent and target.is_global:
            raise validation_error(messages.CONSISTENT_READ_ON_GLOBAL_INDEX)
        if (
            parsed.legacy_keys
            and len(parsed.conditions) > 2
            and len(target.key_schema.attributes) <= 2
        ):
            # Legacy KeyConditions hold one or two conditions on a key of at most
            # two attributes (ScyllaDB's Alternator test_query.py, run against the
            # service); a multi-attribute index key takes one per attribute
            # (moto's aws_verified test_key_conditions_with_range_keys).
            raise validation_error(messages.KEY_CONDITIONS_LENGTH)
        key_query = _key_query(target, parsed.conditions, parsed.start)
        check_nested_keys(target, parsed.projection, None)
        check_filter_attributes(target, parsed.filter, legacy=parsed.legacy_filter)
        selection = select_attributes(target, parsed.select, parsed.projection)
        check_nested_keys(target, None, parsed.filter)
        read = ReadRequest(
            target,
            selection,
            parsed.filter,
            request.get("Limit"),
            consistent,
            request.get("ReturnConsumedCapacity"),
        )
        forward = request.get("ScanIndexForward", True)
        start = parsed.start
        source = target.query(
            target.partition_of(key_query.partition),
            sort_range(key_query.sort, scalar=target.index is None),
            forward=forward,
            after=target.order_of(start) if start is not None else None,
            resume=start is not None,
        )
        page = read_page(read, source)
    return page_response(read, page)


def _key_query(
    target: ReadTarget,
    conditions: Mapping[str, KeyCondition],
    start: Item | None,
) -> KeyQuery:
    """Check the start key and the key conditions together, as the service does."""
    check: StartKeyCheck | None = None
    if start is not None:
        check_start_key_count(start, target, scan=False)
        begun = start

        def check_piece(attribute: KeyAttribute, is_partition: bool) -> None:
            check_start_key_piece(begun, attribute, is_partition=is_partition)

        check = check_piece
    index = target.index
    key_query = plan_key_query(
        target.key_schema, conditions, check, index_name=None if index is None else index.name
    )
    if start is not None:
        check_table_key(start, target.table)
        check_query_bounds(start, key_query)
    return key_query

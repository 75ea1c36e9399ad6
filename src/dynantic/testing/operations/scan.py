"""Scan: every item of a table or index, partition by partition in token order.

A parallel scan's segments divide the partition-token space evenly, so every
item falls in exactly one segment; a segment reads its share in the same order
as a whole scan does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from dynantic.testing import messages
from dynantic.testing.errors import validation_error
from dynantic.testing.expressions import (
    BoundCondition,
    BoundProjection,
    ExpressionAttributes,
    attributes_to_get,
    check_conditional_operator,
    check_expression_parameters,
    filter_conditions,
)
from dynantic.testing.operations.paging import ReadRequest, page_response, read_page
from dynantic.testing.operations.read_rules import (
    check_nested_keys,
    check_select,
    filter_on_index_entries,
    select_attributes,
)
from dynantic.testing.operations.read_target import read_target, segment_tokens
from dynantic.testing.operations.registry import operation
from dynantic.testing.operations.start_key import (
    check_segment,
    check_start_key_count,
    check_start_key_piece,
    check_table_key,
    decode_start_key,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

    from mypy_boto3_dynamodb.type_defs import ScanInputTypeDef

    from dynantic.testing.engine.database import Database
    from dynantic.testing.expressions.legacy import Condition
    from dynantic.testing.operations.read_target import ReadTarget, ScanStart

__all__ = ["scan"]

_EXPRESSIONS = ("ProjectionExpression", "FilterExpression")
_LEGACY = ("AttributesToGet", "ScanFilter", "ConditionalOperator")


def _check_segments(segment: int | None, total: int | None) -> None:
    if segment is not None and total is None:
        raise validation_error(messages.SEGMENT_WITHOUT_TOTAL)
    if total is not None:
        if segment is None:
            raise validation_error(messages.TOTAL_WITHOUT_SEGMENT)
        if segment >= total:
            raise validation_error(
                messages.SEGMENT_NOT_BELOW_TOTAL.format(segment=segment, total=total)
            )


class _Parsed:
    """A Scan request once the request alone has been checked."""

    def __init__(self, request: ScanInputTypeDef) -> None:
        check_expression_parameters(request, _EXPRESSIONS, _LEGACY)
        check_conditional_operator(request.get("ConditionalOperator"), request.get("ScanFilter"))
        wanted = request.get("AttributesToGet")
        legacy_projection = attributes_to_get(wanted) if wanted is not None else None
        scan_filter = cast("Mapping[str, Condition] | None", request.get("ScanFilter"))
        legacy_filter = (
            filter_conditions(scan_filter, request.get("ConditionalOperator"))
            if scan_filter
            else None
        )
        self.start = decode_start_key(request.get("ExclusiveStartKey"))
        self.segment = request.get("Segment")
        self.total = request.get("TotalSegments")
        _check_segments(self.segment, self.total)
        bound = ExpressionAttributes.from_wire(
            request.get("ExpressionAttributeNames"), request.get("ExpressionAttributeValues")
        ).bind_all(
            FilterExpression=request.get("FilterExpression"),
            ProjectionExpression=request.get("ProjectionExpression"),
        )
        self.filter: BoundCondition | None = bound.filter or legacy_filter
        self.legacy_filter = legacy_filter is not None
        self.projection: BoundProjection | None = bound.projection or legacy_projection
        self.select = request.get("Select")
        check_select(
            self.select,
            projection_expression=bound.projection is not None,
            attributes_to_get=legacy_projection is not None,
            index=request.get("IndexName") is not None,
            query=False,
        )


@operation("Scan")
def scan(database: Database, request: ScanInputTypeDef) -> dict[str, object]:
    parsed = _Parsed(request)
    consistent = request.get("ConsistentRead", False)
    with database.lock:
        target = read_target(database.table(request["TableName"]), request.get("IndexName"))
        if consistent and target.is_global:
            raise validation_error(messages.CONSISTENT_READ_ON_GLOBAL_INDEX)
        tokens = segment_tokens(parsed.segment, parsed.total)
        start = _start(target, parsed, tokens)
        check_nested_keys(target, parsed.projection, parsed.filter)
        read = ReadRequest(
            target,
            select_attributes(target, parsed.select, parsed.projection),
            filter_on_index_entries(target, parsed.filter),
            request.get("Limit"),
            consistent,
            request.get("ReturnConsumedCapacity"),
        )
        page = read_page(read, target.scan(tokens, start))
    return page_response(read, page)


def _start(target: ReadTarget, parsed: _Parsed, tokens: tuple[int, int]) -> ScanStart | None:
    """Where the scan resumes, after checking the start key as the service does
    (with the rule on ALL_ATTRIBUTES over a global index between its steps)."""
    start = parsed.start
    if start is not None:
        check_start_key_count(start, target, scan=True)
        if target.index is not None:
            schema = target.key_schema
            for position, attribute in enumerate(schema.attributes):
                is_partition = position < len(schema.partition)
                check_start_key_piece(start, attribute, is_partition=is_partition)
    select_attributes(target, parsed.select, None)
    if start is None:
        return None
    check_table_key(start, target.table)
    resume = target.start(start)
    if parsed.segment is not None and parsed.total is not None:
        check_segment(resume, tokens, parsed.segment, parsed.total)
    return resume

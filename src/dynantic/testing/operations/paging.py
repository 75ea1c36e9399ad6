"""One page of a Query or Scan: items read, filtered, shaped and counted.

A page ends after ``Limit`` items were read (before the filter) or once the items
read reach 1 MB, measured before the filter and the projection; either way it
carries the key of the last item read as ``LastEvaluatedKey``, even if nothing is
left to read. Consumed capacity sums the sizes of all items read, then rounds up
to 4 KB units (half a unit each when eventually consistent).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dynantic.testing.engine.capacity import consumed_capacity, read_units
from dynantic.testing.engine.table import stored_size
from dynantic.testing.engine.values import Item, encode_item

if TYPE_CHECKING:
    from dynantic.testing.expressions import BoundCondition
    from dynantic.testing.expressions.evaluate import Names, Test, Values
    from dynantic.testing.operations.read_rules import Selection
    from dynantic.testing.operations.read_target import ReadTarget

__all__ = ["MAX_PAGE_BYTES", "Page", "ReadRequest", "page_response", "read_page"]

# DynamoDB: a Query or Scan reads at most 1 MB of data per call.
MAX_PAGE_BYTES = 1024 * 1024


@dataclass(frozen=True, slots=True)
class ReadRequest:
    """What every page of a read needs to know besides the items."""

    target: ReadTarget
    selection: Selection
    condition: BoundCondition | None
    limit: int | None
    consistent: bool
    capacity_mode: str | None


@dataclass(slots=True)
class Page:
    """The items a page read and what it returns."""

    returned: list[Item] = field(default_factory=list[Item])
    scanned: int = 0
    read_bytes: int = 0
    fetched_units: float = 0.0
    last_key: Item | None = None


def read_page(request: ReadRequest, source: Iterator[Item]) -> Page:
    """Read ``source`` until it ends, ``Limit`` items were read or 1 MB was.

    O(k) in the k items read. Unless the capacity is asked for, items are sized
    only once enough were read for the 1 MB cut to be possible (the table knows
    its largest item), so a small page never pays for sizing.
    """
    target, selection = request.target, request.selection
    limit = request.limit or 0
    measuring = request.capacity_mode in {"TOTAL", "INDEXES"}
    size_of = target.size_of()
    largest = target.table.largest_item_bytes
    # Fewer items than this cannot reach 1 MB, whatever their sizes.
    unsized = 0 if measuring or not largest else (MAX_PAGE_BYTES - 1) // largest
    pending: list[Item] = []
    fetching = measuring and selection.fetch
    condition = request.condition
    test: Test | None = None
    names: Names = {}
    values: Values = {}
    if condition is not None:
        test, names, values = condition.test, condition.names, condition.values
    shape = None if selection.select == "COUNT" else selection.shape
    page = Page()
    returned = page.returned
    scanned = read_bytes = 0
    for item in source:
        scanned += 1
        if scanned <= unsized:
            pending.append(item)
        else:
            if pending:
                read_bytes += sum(map(size_of, pending))
                pending = []
            read_bytes += size_of(item)
        if fetching:  # each item is its own read of the table
            page.fetched_units += read_units(stored_size(item), consistent=request.consistent)
        if test is None or test(item, names, values):
            returned.append(item if shape is None else shape(target, item))
        if scanned == limit or read_bytes >= MAX_PAGE_BYTES:
            page.last_key = target.last_evaluated_key(item)
            break
    page.scanned, page.read_bytes = scanned, read_bytes
    return page


def page_response(request: ReadRequest, page: Page) -> dict[str, object]:
    """The Query or Scan response for a page."""
    response: dict[str, object] = {}
    if request.selection.select != "COUNT":
        response["Items"] = [encode_item(item) for item in page.returned]
    response["Count"] = len(page.returned)
    response["ScannedCount"] = page.scanned
    if page.last_key is not None:
        response["LastEvaluatedKey"] = encode_item(page.last_key)
    capacity = _capacity(request, page)
    if capacity is not None:
        response["ConsumedCapacity"] = capacity
    return response


def _capacity(request: ReadRequest, page: Page) -> dict[str, object] | None:
    mode, target = request.capacity_mode, request.target
    if mode not in {"TOTAL", "INDEXES"}:
        return None
    index = target.index
    name = target.table.name
    if index is None:
        return consumed_capacity(
            mode, name, read_units(page.read_bytes, consistent=request.consistent)
        )
    if index.definition.is_global:
        units = read_units(page.read_bytes, consistent=False)
        return consumed_capacity(mode, name, 0.0, global_indexes={index.name: units})
    index_units = read_units(page.read_bytes, consistent=request.consistent)
    # The table is read once for each entry the index found (dynoxide's
    # captures, eu-west-2 2026-08: three 9 KB items cost the table 4.5 units):
    # none, no table read.
    table_units = page.fetched_units
    return consumed_capacity(mode, name, table_units, local_indexes={index.name: index_units})

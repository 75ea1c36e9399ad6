"""Bytes the in-memory DynamoDB holds per stored item.

    python -m benchmarks.memory [--items 1000000]

Loads items of a 5-attribute shape (two string keys, a short string, a number
and a 28-character note) straight into a table through the engine, the way
PutItem stores them, and reports the memory that ``tracemalloc`` sees allocated
and still held afterwards, per item, beside the process's resident-set growth.
"""

from __future__ import annotations

import argparse
import gc
import resource
import time
import tracemalloc
from datetime import datetime, timezone

from dynantic.testing.engine.definition import TableDefinition
from dynantic.testing.engine.table import KeyAttribute, KeySchema, Table
from dynantic.testing.engine.values import decode_item


def _table() -> Table:
    schema = KeySchema((KeyAttribute("pk", "S"),), (KeyAttribute("sk", "S"),))
    return Table(
        TableDefinition(
            name="orders",
            key_schema=schema,
            attribute_types={"pk": "S", "sk": "S"},
            arn="arn:aws:dynamodb:us-east-1:123456789012:table/orders",
            table_id="memory",
            created=datetime.now(tz=timezone.utc),
        )
    )


def _load(table: Table, count: int) -> None:
    for i in range(count):
        table.put(
            decode_item(
                {
                    "pk": {"S": f"user#{i % 20_000}"},
                    "sk": {"S": f"order#{i:08d}"},
                    "status": {"S": "open"},
                    "total": {"N": str(i)},
                    "note": {"S": "a short note about the order"},
                }
            )
        )


def _rss_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=1_000_000)
    count = parser.parse_args().items

    gc.collect()
    rss_before = _rss_bytes()
    started = time.perf_counter()
    table = _table()
    _load(table, count)
    gc.collect()
    rss_after = _rss_bytes()
    seconds = time.perf_counter() - started

    tracemalloc.start()
    traced = _table()
    _load(traced, count)
    gc.collect()
    held, _peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    assert table.item_count == traced.item_count == count
    print(f"items stored:              {count:,} (loaded in {seconds:.1f} s)")
    print(f"tracemalloc bytes / item:  {held / count:,.0f}")
    print(f"resident set bytes / item: {(rss_after - rss_before) / count:,.0f}")


if __name__ == "__main__":
    main()

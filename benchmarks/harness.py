"""What the test controls cost: the call record, the fault plan, snapshots.

    python -m benchmarks.harness [--calls N] [--items N]

Per-call figures are the best of five rounds of ``--calls`` calls; snapshot
figures the best of five runs on a table of ``--items`` items. Writes the
figures to ``benchmarks/results/harness.json``.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.scenarios import TABLE, _item, _key
from dynantic.testing import FakeDynamoDBClient
from dynantic.testing.calls import Call, Calls
from dynantic.testing.state import TableSpec

RESULTS = Path(__file__).resolve().parent / "results"
ROUNDS = 5


def best_microseconds(action: Callable[[int], object], calls: int) -> float:
    """Microseconds per call of ``action(i)``: the best of several rounds."""
    rounds = []
    for round_number in range(ROUNDS):
        start = time.perf_counter()
        for i in range(round_number * calls, (round_number + 1) * calls):
            action(i)
        rounds.append((time.perf_counter() - start) / calls * 1e6)
    return min(rounds)


def fake_with_table(*, record_calls: bool) -> FakeDynamoDBClient:
    fake = FakeDynamoDBClient(record_calls=record_calls)
    fake.add_tables({TABLE: ("pk", "sk")})
    return fake


def alternating(
    action: Callable[[int], object], modes: dict[str, Callable[[], None]], calls: int
) -> dict[str, float]:
    """Microseconds per call of ``action`` on one fake switched between modes round
    by round, so that the modes see the same tables and the same machine load;
    the best round of each mode."""
    rounds: dict[str, list[float]] = {name: [] for name in modes}
    for round_number in range(ROUNDS * 2 * len(modes)):
        name = list(modes)[round_number % len(modes)]
        modes[name]()
        start = time.perf_counter()
        for i in range(round_number * calls, (round_number + 1) * calls):
            action(i)
        rounds[name].append((time.perf_counter() - start) / calls * 1e6)
    return {name: min(values) for name, values in rounds.items()}


def call_record(calls: int) -> dict[str, float]:
    """put_item and get_item with and without the call record, and the record's parts."""
    fake = fake_with_table(record_calls=True)

    def recording(on: bool) -> Callable[[], None]:
        def switch() -> None:
            fake.calls.recording = on
            fake.calls.clear()

        return switch

    modes = {"unrecorded": recording(False), "recorded": recording(True)}
    figures = {
        f"put_item {mode}": value
        for mode, value in alternating(
            lambda i: fake.put_item(TableName=TABLE, Item=_item(i)), modes, calls
        ).items()
    }
    figures.update(
        (f"get_item {mode}", value)
        for mode, value in alternating(
            lambda i: fake.get_item(TableName=TABLE, Key=_key(i)), modes, calls
        ).items()
    )
    request = {"TableName": TABLE, "Item": _item(1)}
    response: dict[str, object] = {}
    record = Calls()

    def recording_path(_i: int) -> None:
        record.record(Call("PutItem", request, response=response))
        if len(record) > 10_000:
            record.clear()

    figures["recording path alone (freeze, freeze, Call, append)"] = best_microseconds(
        recording_path, calls
    )
    return figures


def fault_plan(calls: int) -> dict[str, float]:
    """put_item (unrecorded) with no rules, and with two rules that never match it."""
    fake = fake_with_table(record_calls=False)
    faults = fake.faults

    def two_rules() -> None:
        faults.clear()
        faults.fail("ThrottlingException", operation="get_item", times=None)
        faults.fail("ThrottlingException", table="elsewhere", times=None)

    figures = {
        f"put_item, {mode}": value
        for mode, value in alternating(
            lambda i: fake.put_item(TableName=TABLE, Item=_item(i)),
            {"no rules": faults.clear, "2 rules that do not match": two_rules},
            calls,
        ).items()
    }
    faults.clear()
    figures["empty-plan check alone"] = best_microseconds(lambda _i: faults.programmed, calls)
    two_rules()
    request = {"TableName": TABLE, "Item": _item(1)}
    figures["consulting 2 rules that do not match"] = best_microseconds(
        lambda _i: faults.error_for("PutItem", request), calls
    )
    return figures


SHAPES: dict[str, TableSpec] = {
    "partition key only": "pk",
    "sort key, 100 partitions": ("pk", "sk"),
    "sort key, one item per partition": ("pk", "sk:N"),
}


def _shape_items(shape: str, items: int) -> list[dict[str, object]]:
    if shape == "partition key only":
        return [{"pk": f"user#{i}", "name": "Ada", "n": i} for i in range(items)]
    if shape == "sort key, 100 partitions":
        return [{"pk": f"user#{i % 100}", "sk": f"order#{i:08d}", "n": i} for i in range(items)]
    return [{"pk": f"user#{i}", "sk": i, "n": i} for i in range(items)]


def best_milliseconds(action: Callable[[], object]) -> float:
    rounds = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        action()
        rounds.append((time.perf_counter() - start) * 1e3)
    return min(rounds)


def snapshot_costs(shape: str, spec: TableSpec, items: int) -> dict[str, float]:
    """Seeding, snapshot, restore and restore-then-write for one table shape."""
    fake = FakeDynamoDBClient(record_calls=False)
    fake.add_tables(t=spec)
    rows = _shape_items(shape, items)
    start = time.perf_counter()
    fake.seed({"t": rows})
    seeding = (time.perf_counter() - start) * 1e3
    saved = fake.snapshot()
    changed = {**rows[0], "n": -1}

    def restore_and_write() -> None:
        fake.restore(saved)
        fake.seed({"t": [changed]})

    return {
        f"{shape}: seed {items} items": seeding,
        f"{shape}: snapshot": best_milliseconds(fake.snapshot),
        f"{shape}: restore": best_milliseconds(lambda: fake.restore(saved)),
        f"{shape}: restore + one write": best_milliseconds(restore_and_write),
    }


def snapshots(items: int) -> dict[str, float]:
    """Snapshot costs for each table shape."""
    figures: dict[str, float] = {}
    for shape, spec in SHAPES.items():
        figures.update(snapshot_costs(shape, spec, items))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--items", type=int, default=10_000)
    args = parser.parse_args()
    results = {
        "per call (µs)": {**call_record(args.calls), **fault_plan(args.calls)},
        "snapshots (ms)": snapshots(args.items),
    }
    for section, figures in results.items():
        print(section)
        for name, value in figures.items():
            print(f"  {name:<52}{value:>10.2f}")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "harness.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()

"""Measure the in-memory DynamoDB side by side with the alternatives, in one run.

    python -m benchmarks.run [--calls N] [--rounds N] [--backends fake,moto] [--scenarios ...]

Prints microseconds per call for each backend and each backend's ratio to the
fake, and writes the figures to ``benchmarks/results/latest.json``.
"""

from __future__ import annotations

import argparse
import gc
import json
import time
from pathlib import Path

from benchmarks.backends import BACKENDS
from benchmarks.batch_scenarios import BATCH_SCENARIOS
from benchmarks.read_scenarios import READ_SCENARIOS
from benchmarks.scenarios import SCENARIOS as ITEM_SCENARIOS

RESULTS = Path(__file__).resolve().parent / "results"
SCENARIOS = {**ITEM_SCENARIOS, **READ_SCENARIOS, **BATCH_SCENARIOS}


def measure(backend_name: str, scenario_name: str, calls: int, rounds: int = 3) -> float:
    """Microseconds per call of one scenario on one backend: the best of ``rounds``
    rounds of ``calls`` calls (the least disturbed by whatever else the machine runs).

    Everything alive once the scenario is prepared (imported modules, the loaded
    tables, earlier backends' leftovers) is frozen out of the garbage collector's
    reach, so a collection during the timed calls walks only what those calls
    allocate: one backend's data no longer slows down the next one's figures.
    """
    backend, scenario = BACKENDS[backend_name], SCENARIOS[scenario_name]
    with backend.open() as client:
        scenario.prepare(client, calls * rounds)
        gc.collect()
        gc.freeze()
        try:
            timings = []
            for round_number in range(rounds):
                start = time.perf_counter()
                for i in range(round_number * calls, (round_number + 1) * calls):
                    scenario.call(client, i)
                timings.append((time.perf_counter() - start) / calls * 1e6)
        finally:
            gc.unfreeze()
    return min(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=200, help="calls per round (fake)")
    parser.add_argument("--slow-calls", type=int, default=20, help="calls per round (others)")
    parser.add_argument("--rounds", type=int, default=15, help="rounds; the best one counts")
    parser.add_argument("--backends", default=",".join(BACKENDS))
    parser.add_argument("--scenarios", default=",".join(SCENARIOS))
    args = parser.parse_args()
    backends = args.backends.split(",")
    scenarios = args.scenarios.split(",")

    results: dict[str, dict[str, float]] = {}
    for scenario in scenarios:
        results[scenario] = {}
        allowed = SCENARIOS[scenario].backends
        cap = SCENARIOS[scenario].max_calls
        for backend in backends:
            if allowed is not None and backend not in allowed:
                continue
            in_process = BACKENDS[backend].in_process
            calls = args.calls if in_process else min(args.slow_calls, cap or args.slow_calls)
            results[scenario][backend] = measure(backend, scenario, calls, args.rounds)

    print(table(results, backends))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=2) + "\n")


def table(results: dict[str, dict[str, float]], backends: list[str]) -> str:
    """The figures as a text table: µs per call per backend, then each backend's
    ratio to the in-process fake, and dynalite's to the fake's endpoint (both
    reached through boto3 over HTTP)."""
    width = max(len("scenario"), *(len(name) for name in results)) + 2
    pairs = [(b, "fake") for b in backends if b != "fake"]
    if "fake-http" in backends and "dynalite" in backends:
        pairs.append(("dynalite", "fake-http"))
    titles = [f"{b} µs" for b in backends] + [f"{slow}/{fast}" for slow, fast in pairs]
    column = max(10, *(len(title) for title in titles)) + 2
    lines = [f"{'scenario':<{width}}" + "".join(f"{t:>{column}}" for t in titles)]
    for scenario, row in results.items():
        cells = [f"{row[b]:.1f}" if b in row else "-" for b in backends]
        cells += [
            f"{row[slow] / row[fast]:.{0 if fast == 'fake' else 1}f}x"
            if slow in row and fast in row
            else "-"
            for slow, fast in pairs
        ]
        lines.append(f"{scenario:<{width}}" + "".join(f"{c:>{column}}" for c in cells))
    return "\n".join(lines)


if __name__ == "__main__":
    main()

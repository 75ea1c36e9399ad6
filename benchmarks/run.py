"""Measure the in-memory DynamoDB side by side with the alternatives, in one run.

    python -m benchmarks.run [--calls N] [--rounds N] [--backends fake,moto] [--scenarios ...]

Prints microseconds per call for each backend and each backend's ratio to the
fake, and writes the figures to ``benchmarks/results/latest.json``.
"""

from __future__ import annotations

import argparse
import contextlib
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


def measure(
    backend_names: list[str], scenario_name: str, calls: dict[str, int], rounds: int = 3
) -> dict[str, float]:
    """Microseconds per call of one scenario on each of ``backend_names``: the best
    of ``rounds`` rounds of ``calls[backend]`` calls.

    The backends are prepared together and take their rounds in turn, so that
    whatever else the machine runs disturbs them alike and their ratios hold;
    the first tenth of each round is not timed, since it runs on caches the
    other backends' rounds have just filled with their own data.
    As ``timeit`` does, the garbage collector is off while the rounds run: with
    backends side by side in one process, a collection one backend's garbage
    triggers would otherwise land in another's timings (and walk every table
    loaded). This spares moto's allocation-heavy calls more than the fake's.
    The garbage is collected before each round instead, untimed: otherwise the
    cyclic garbage one backend leaves (which only a collection frees) would
    still fill memory, and the allocator's free lists, in the next backend's
    round.
    """
    scenario = SCENARIOS[scenario_name]
    timings: dict[str, list[float]] = {name: [] for name in backend_names}
    with contextlib.ExitStack() as stack:
        clients = {}
        for name in backend_names:
            clients[name] = stack.enter_context(BACKENDS[name].open())
            scenario.prepare(clients[name], calls[name] * rounds)
        gc.collect()
        gc.disable()
        try:
            for round_number in range(rounds):
                for name, client in clients.items():
                    first, count = round_number * calls[name], calls[name]
                    # The round's first tenth warms the caches the other backend
                    # just used, untimed; the rest is timed.
                    warm = count // 10
                    gc.collect()
                    for i in range(first, first + warm):
                        scenario.call(client, i)
                    start = time.perf_counter()
                    for i in range(first + warm, first + count):
                        scenario.call(client, i)
                    timings[name].append((time.perf_counter() - start) / (count - warm) * 1e6)
        finally:
            gc.enable()
    return {name: min(values) for name, values in timings.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=200, help="calls per round (fake)")
    parser.add_argument("--slow-calls", type=int, default=50, help="calls per round (others)")
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
        calls = {
            backend: args.calls
            if BACKENDS[backend].in_process
            else min(args.slow_calls, cap or args.slow_calls)
            for backend in backends
        }
        # Backends of one group are measured together (see measure()).
        for group in dict.fromkeys(BACKENDS[backend].group for backend in backends):
            members = [
                backend
                for backend in backends
                if BACKENDS[backend].group == group and (allowed is None or backend in allowed)
            ]
            if members:
                results[scenario].update(measure(members, scenario, calls, args.rounds))

    print(table(results, backends))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=2) + "\n")


def table(results: dict[str, dict[str, float]], backends: list[str]) -> str:
    """The figures as a text table: µs per call per backend, then each backend's
    ratio to the in-process fake, moto's to the fake behind boto3's own client
    (both reached through boto3 in process), and dynalite's to the fake's endpoint
    (both reached through boto3 over HTTP)."""
    width = max(len("scenario"), *(len(name) for name in results)) + 2
    pairs = [(b, "fake") for b in backends if b != "fake"]
    if "fake-boto3" in backends and "moto" in backends:
        pairs.append(("moto", "fake-boto3"))
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

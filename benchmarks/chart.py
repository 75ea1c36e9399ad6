"""Draw a benchmark run as a PNG: µs per call, per scenario and backend.

    python -m benchmarks.chart [results/latest.json] [--out docs/benchmarks.png]

Bars are on a logarithmic scale, since the backends differ by orders of
magnitude; each bar is labelled with its time.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display: render straight to a file

import matplotlib.pyplot as plt  # after use(): the backend must be chosen first

HERE = Path(__file__).resolve().parent
COLOURS = {
    "fake": "#2a9d8f",
    "fake-boto3": "#264653",
    "fake-http": "#8ab17d",
    "moto": "#e76f51",
    "dynalite": "#6d597a",
}


def _label(microseconds: float) -> str:
    if microseconds >= 1000:
        return f"{microseconds / 1000:.1f} ms"
    return f"{microseconds:.0f} µs" if microseconds >= 10 else f"{microseconds:.1f} µs"


def draw(results: dict[str, dict[str, float]], out: Path) -> None:
    """Write the chart of ``results`` (scenario → backend → µs per call) to ``out``."""
    scenarios = list(results)
    backends = [b for b in COLOURS if any(b in row for row in results.values())]
    width = 0.8 / len(backends)
    figure, axes = plt.subplots(figsize=(max(8.0, 1.6 * len(scenarios)), 5.0), dpi=110)
    for offset, backend in enumerate(backends):
        xs = [i + (offset - (len(backends) - 1) / 2) * width for i in range(len(scenarios))]
        ys = [results[s].get(backend, 0.0) for s in scenarios]
        bars = axes.bar(xs, ys, width, label=backend, color=COLOURS[backend])
        for bar, value in zip(bars, ys, strict=True):
            if value:
                axes.annotate(
                    _label(value),
                    (bar.get_x() + bar.get_width() / 2, value),
                    ha="center",
                    va="bottom",
                    fontsize=6,
                    rotation=90,
                    xytext=(0, 2),
                    textcoords="offset points",
                )
    axes.set_yscale("log")
    tallest = max(value for row in results.values() for value in row.values())
    axes.set_ylim(top=tallest * 6)  # room for the labels above the tallest bars
    axes.set_ylabel("µs per call (log scale, lower is faster)")
    axes.set_xticks(range(len(scenarios)), scenarios, rotation=20, ha="right", fontsize=8)
    axes.set_title("dynantic's in-memory DynamoDB beside the alternatives (one run)")
    axes.legend(fontsize=8)
    figure.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(out)
    plt.close(figure)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("results", nargs="?", default=str(HERE / "results" / "latest.json"))
    parser.add_argument("--out", default=str(HERE.parent / "docs" / "benchmarks.png"))
    args = parser.parse_args()
    results = json.loads(Path(args.results).read_text(encoding="utf-8"))
    draw(results, Path(args.out))
    print(f"chart written to {args.out}")


if __name__ == "__main__":
    main()

"""The benchmark scenarios still run: each one, once, on the in-process fake.

Nothing here times anything; it keeps ``python -m benchmarks.run`` from breaking
unnoticed (every scenario checks what its calls answer).
"""

from __future__ import annotations

import pytest
from benchmarks import lifecycle
from benchmarks.run import SCENARIOS, measure, table


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_each_scenario_runs_on_the_fake(scenario: str) -> None:
    figures = measure(["fake"], scenario, {"fake": 2}, rounds=1)
    assert list(figures) == ["fake"]
    assert figures["fake"] > 0


def test_the_table_shows_times_and_ratios() -> None:
    results = {
        "get_item": {"fake": 10.0, "fake-http": 1000.0, "moto": 1500.0, "dynalite": 1200.0},
        "transact": {"fake": 100.0, "fake-http": 2000.0, "moto": 30000.0},
    }
    lines = table(results, ["fake", "fake-http", "moto", "dynalite"]).splitlines()
    assert lines[0].split() == [
        "scenario",
        *("fake", "µs", "fake-http", "µs", "moto", "µs", "dynalite", "µs"),
        *("fake-http/fake", "moto/fake", "dynalite/fake", "dynalite/fake-http"),
    ]
    assert lines[1].split() == [
        "get_item",
        *("10.0", "1000.0", "1500.0", "1200.0", "100x", "150x", "120x", "1.2x"),
    ]
    assert lines[2].split() == [
        "transact",
        *("100.0", "2000.0", "30000.0", "-", "20x", "300x", "-", "-"),
    ]


def test_a_tests_lifecycle_runs_on_every_backend() -> None:
    figures = lifecycle.measure(
        {
            "fake": (lifecycle.fake_test, 2),
            "fake-boto3": (lifecycle.fake_boto3_test, 1),
            "moto": (lifecycle.moto_test, 1),
        },
        rounds=1,
    )
    assert sorted(figures) == ["fake", "fake-boto3", "moto"]
    assert all(micros > 0 for micros in figures.values())


def test_the_table_compares_moto_with_the_fake_behind_boto3() -> None:
    """Both are reached through boto3's own client in process."""
    results = {"put_item": {"fake": 10.0, "fake-boto3": 400.0, "moto": 1200.0}}
    lines = table(results, ["fake", "fake-boto3", "moto"]).splitlines()
    assert lines[0].split()[-3:] == ["fake-boto3/fake", "moto/fake", "moto/fake-boto3"]
    assert lines[1].split()[-3:] == ["40x", "120x", "3.0x"]

"""The examples run, and do what they say."""

from __future__ import annotations

import runpy
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from dynantic import using_client
from dynantic.testing import FakeDynamoDBClient

if TYPE_CHECKING:
    from collections.abc import Callable

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _example(name: str) -> dict[str, Any]:
    return runpy.run_path(str(EXAMPLES / f"{name}.py"), run_name=f"examples.{name}")


@pytest.mark.parametrize(
    ("name", "printed"),
    [("quickstart", "Ada"), ("batch_retry", "60 items written in 4 calls")],
)
def test_each_example_runs_as_a_script(name: str, printed: str) -> None:
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / f"{name}.py")],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        env={"PATH": ""},
    )
    assert printed in result.stdout


def test_batch_retry_sends_unprocessed_requests_again_until_none_are_left(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    example = _example("batch_retry")
    put_all: Callable[[str, list[dict[str, Any]]], int] = example["put_all"]
    monkeypatch.setattr("time.sleep", lambda _seconds: None)
    fake = FakeDynamoDBClient()
    fake.add_tables(events="pk")
    fake.faults.leave_unprocessed(operation="batch_write_item", count=5, times=3)
    items = [{"pk": {"S": f"e{i:02d}"}} for i in range(30)]
    with using_client(fake):
        calls = put_all("events", items)
    assert len(fake.table_items("events")) == 30
    assert calls == 5  # 25 + 5 items: three calls hand 5 back, each sent again

    fake.faults.leave_unprocessed(operation="batch_write_item", count=1, times=None)
    with using_client(fake), pytest.raises(RuntimeError, match="1 writes left unprocessed"):
        put_all("events", items[:1])

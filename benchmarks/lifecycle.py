"""What one test pays for a DynamoDB of its own: the fake against moto's mock.

    python -m benchmarks.lifecycle [--tests N] [--rounds N]

A test's life, as a suite lives it: a fresh, empty DynamoDB (a new
``FakeDynamoDBClient``, as the pytest fixture makes one; the same with a boto3
client answered by it in process; moto's ``mock_aws()`` entered and a boto3
client made inside it), one table created, one item put and read back, and the
DynamoDB dropped. Backends take their rounds in turn, and
each figure is the best round's time per test. Writes the figures to
``benchmarks/results/lifecycle.json``.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path

from dynantic import DynamoDBClient
from dynantic.testing import FakeDynamoDBClient

RESULTS = Path(__file__).resolve().parent / "results"


def _exercise(client: DynamoDBClient) -> None:
    client.create_table(
        TableName="users",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    client.put_item(TableName="users", Item={"pk": {"S": "ada"}, "name": {"S": "Ada"}})
    found = client.get_item(TableName="users", Key={"pk": {"S": "ada"}})
    assert "Item" in found
    assert found["Item"]["name"] == {"S": "Ada"}


def fake_test() -> None:
    _exercise(FakeDynamoDBClient())


def fake_boto3_test() -> None:
    # A test of code that makes its own boto3 client: a new fake and a boto3
    # client answered by it (what the fake_dynamodb_boto3 fixture's test pays).
    client: DynamoDBClient = FakeDynamoDBClient().boto3_client()
    _exercise(client)


def moto_test() -> None:
    import boto3  # noqa: PLC0415 - only this backend needs it
    from moto import mock_aws  # noqa: PLC0415 - moto patches botocore when imported

    with mock_aws():
        client: DynamoDBClient = boto3.client(
            "dynamodb",
            region_name="us-east-1",
            aws_access_key_id="bench",
            aws_secret_access_key="bench",
        )
        _exercise(client)


def measure(tests: dict[str, tuple[Callable[[], None], int]], rounds: int) -> dict[str, float]:
    """Microseconds per test for each ``name: (test, tests per round)``: the best
    of ``rounds`` rounds, taken in turn; each backend's first test is untimed
    (it loads the service model and, for moto, its backends)."""
    for test, _count in tests.values():
        test()
    best: dict[str, float] = {}
    for _ in range(rounds):
        for name, (test, count) in tests.items():
            start = time.perf_counter()
            for _ in range(count):
                test()
            micros = (time.perf_counter() - start) / count * 1e6
            best[name] = min(best.get(name, micros), micros)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").partition("\n")[0])
    parser.add_argument("--tests", type=int, default=200, help="tests per round (fake)")
    parser.add_argument("--slow-tests", type=int, default=10, help="tests per round (moto)")
    parser.add_argument("--rounds", type=int, default=5)
    arguments = parser.parse_args()
    results = measure(
        {
            "fake": (fake_test, arguments.tests),
            "fake-boto3": (fake_boto3_test, arguments.slow_tests),
            "moto": (moto_test, arguments.slow_tests),
        },
        arguments.rounds,
    )
    print("one test's DynamoDB (new backend, create table, put, get), µs per test:")
    for name, micros in results.items():
        print(f"  {name:10} {micros:12,.0f}")
    print(f"  moto / fake {results['moto'] / results['fake']:,.0f}x")
    print(f"  moto / fake-boto3 {results['moto'] / results['fake-boto3']:,.1f}x")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "lifecycle.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()

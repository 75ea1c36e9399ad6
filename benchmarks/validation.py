"""Per-call cost of request validation, beside botocore's own validator.

Run: ``python -m benchmarks.validation``. Prints microseconds per call (the
best of several rounds) for the client-side check, the service-side constraint
check and botocore's ``ParamValidator`` on typical requests.
"""

from __future__ import annotations

import time
import timeit
from collections.abc import Callable, Mapping

from botocore.validate import ParamValidator

from dynantic.testing.model import input_shape
from dynantic.testing.validation import check_constraints, check_request

REQUESTS: dict[str, tuple[str, Mapping[str, object]]] = {
    "GetItem": (
        "GetItem",
        {"TableName": "users", "Key": {"pk": {"S": "user#1"}, "sk": {"S": "profile"}}},
    ),
    "PutItem, 5 attributes and a condition": (
        "PutItem",
        {
            "TableName": "users",
            "Item": {
                "pk": {"S": "user#1"},
                "sk": {"S": "profile"},
                "name": {"S": "Ada"},
                "age": {"N": "36"},
                "tags": {"SS": ["admin", "ops"]},
            },
            "ConditionExpression": "attribute_not_exists(pk)",
        },
    ),
    "Query": (
        "Query",
        {
            "TableName": "users",
            "KeyConditionExpression": "pk = :pk AND begins_with(sk, :prefix)",
            "ExpressionAttributeValues": {":pk": {"S": "user#1"}, ":prefix": {"S": "order#"}},
            "Limit": 25,
            "ScanIndexForward": False,
        },
    ),
}


def microseconds(call: Callable[[], object], number: int = 20_000, rounds: int = 7) -> float:
    """The best of ``rounds`` rounds, per call, in microseconds of this process's CPU time.

    CPU time rather than wall time, so that other work on a shared machine
    does not count against the call.
    """
    timer = timeit.Timer(call, timer=time.process_time)
    return min(timer.repeat(number=number, repeat=rounds)) / number * 1e6


def measure(operation: str, params: Mapping[str, object]) -> tuple[float, float, float]:
    """Microseconds per call: the client-side check, the service-side check, botocore's."""
    shape = input_shape(operation)
    validator = ParamValidator()
    check_request(operation, params)
    check_constraints(operation, params)
    return (
        microseconds(lambda: check_request(operation, params)),
        microseconds(lambda: check_constraints(operation, params)),
        microseconds(lambda: validator.validate(params, shape), number=2_000),
    )


def main() -> None:
    print(f"{'request':40} {'client':>8} {'service':>8} {'botocore':>9}")
    for label, (operation, params) in REQUESTS.items():
        client, service, botocore = measure(operation, params)
        print(f"{label:40} {client:8.2f} {service:8.2f} {botocore:9.2f}")


if __name__ == "__main__":
    main()

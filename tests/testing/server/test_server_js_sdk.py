"""Another SDK against the endpoint: the AWS SDK for JavaScript v3, run by node.

The SDK is installed from npm on first use (see :mod:`tests.npm_packages`);
where node is missing the test is skipped, and CI has node (dynalite needs it).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from dynantic.testing import FakeDynamoDBClient
from dynantic.testing.server import serve
from tests.npm_packages import NpmUnavailableError, npm_package

JS_SDK = "@aws-sdk/client-dynamodb"
JS_SDK_VERSION = "3.1169.0"
SCRIPT = Path(__file__).with_name("js_sdk_client.cjs")
CANCELLED = (
    "Transaction cancelled, please refer cancellation reasons for specific reasons "
    "[ConditionalCheckFailed, None]"
)


@pytest.fixture(scope="module")
def js_sdk() -> Path:
    try:
        return npm_package(JS_SDK, JS_SDK_VERSION)
    except NpmUnavailableError as error:
        if shutil.which("node") is None:
            pytest.skip(str(error))
        raise


def test_the_javascript_sdk_gets_the_services_answers(js_sdk: Path) -> None:
    fake = FakeDynamoDBClient()
    with serve(fake.service) as url:
        run = subprocess.run(
            ["node", str(SCRIPT), str(js_sdk), url],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert run.returncode == 0, run.stderr
    results = json.loads(run.stdout)

    assert results["create"]["answer"]["TableDescription"]["TableStatus"] == "CREATING"
    assert results["put"] == {"answer": {}}
    item = {
        "pk": {"S": "a"},
        "sk": {"N": "1"},
        "b": {"B": [0, 1, 254]},
        "n": {"N": "1.5"},
        "m": {"M": {"l": {"L": [{"NULL": True}, {"SS": ["x", "y"]}]}}},
    }
    assert results["get"] == {"answer": {"Item": item}}
    assert results["batch"] == {"answer": {"UnprocessedItems": {}}}
    assert results["query"] == {
        "answer": {
            "Items": [{"pk": {"S": "a"}, "sk": {"N": "4"}}, {"pk": {"S": "a"}, "sk": {"N": "3"}}],
            "Count": 2,
            "ScannedCount": 2,
            "LastEvaluatedKey": {"pk": {"S": "a"}, "sk": {"N": "3"}},
            "ConsumedCapacity": {"TableName": "orders", "CapacityUnits": 0.5},
        }
    }
    assert results["update"] == {"answer": {"Attributes": {"n": {"N": "2.5"}}}}
    assert results["conditionFailed"] == {
        "error": "ConditionalCheckFailedException",
        "message": "The conditional request failed",
        "status": 400,
        "item": {**item, "n": {"N": "2.5"}},
    }
    assert results["cancelled"] == {
        "error": "TransactionCanceledException",
        "message": CANCELLED,
        "status": 400,
        "reasons": [
            {"Code": "ConditionalCheckFailed", "Message": "The conditional request failed"},
            {"Code": "None"},
        ],
    }
    assert results["missingTable"] == {
        "error": "ResourceNotFoundException",
        "message": "Requested resource not found",
        "status": 400,
    }
    assert results["invalid"]["error"] == "ValidationException"
    assert results["invalid"]["message"].startswith("One or more parameter values are not valid.")
    # What the SDK wrote is what the fake holds.
    assert [stored["sk"] for stored in fake.table_items("orders")] == [1, 2, 3, 4]

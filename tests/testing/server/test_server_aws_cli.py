"""The AWS CLI against the endpoint, unchanged: only ``--endpoint-url`` differs.

The CLI (version 1, which pins its own botocore) is installed from PyPI into its
own environment on first use (see :mod:`tests.pip_packages`).
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from dynantic.testing import FakeDynamoDBClient
from dynantic.testing.server import serve
from tests.pip_packages import pip_tool

AWS_CLI = "awscli"
AWS_CLI_VERSION = "1.46.3"

Aws = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(scope="module")
def aws_cli() -> Path:
    return pip_tool(AWS_CLI, AWS_CLI_VERSION, "aws")


def _runner(aws_cli: Path, url: str, home: Path) -> Aws:
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home),
        "AWS_ACCESS_KEY_ID": "x",
        "AWS_SECRET_ACCESS_KEY": "x",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_CONFIG_FILE": str(home / "config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(home / "credentials"),
        "AWS_EC2_METADATA_DISABLED": "true",
    }

    def aws(*arguments: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(aws_cli), "--endpoint-url", url, "--output", "json", "dynamodb", *arguments],
            capture_output=True,
            text=True,
            env=environment,
            timeout=60,
            check=False,
        )

    return aws


def _answer(run: subprocess.CompletedProcess[str]) -> object:
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout) if run.stdout.strip() else None


def test_the_aws_cli_gets_the_services_answers(aws_cli: Path, tmp_path: Path) -> None:
    fake = FakeDynamoDBClient()
    with serve(fake.service) as url:
        aws = _runner(aws_cli, url, tmp_path)
        created = _answer(
            aws(
                "create-table",
                "--table-name",
                "orders",
                "--attribute-definitions",
                "AttributeName=pk,AttributeType=S",
                "AttributeName=sk,AttributeType=N",
                "--key-schema",
                "AttributeName=pk,KeyType=HASH",
                "AttributeName=sk,KeyType=RANGE",
                "--billing-mode",
                "PAY_PER_REQUEST",
                "--query",
                "TableDescription.TableStatus",
            )
        )
        assert created == "CREATING"
        assert _answer(aws("wait", "table-exists", "--table-name", "orders")) is None
        requests = [
            {"PutRequest": {"Item": {"pk": {"S": "a"}, "sk": {"N": str(n)}, "n": {"N": "1.50"}}}}
            for n in range(1, 6)
        ]
        written = aws("batch-write-item", "--request-items", json.dumps({"orders": requests}))
        assert _answer(written) == {"UnprocessedItems": {}}

        # Pages of two, followed to the end by the CLI through LastEvaluatedKey.
        queried = _answer(
            aws(
                "query",
                "--table-name",
                "orders",
                "--key-condition-expression",
                "pk = :p",
                "--expression-attribute-values",
                '{":p": {"S": "a"}}',
                "--no-scan-index-forward",
                "--page-size",
                "2",
                "--return-consumed-capacity",
                "TOTAL",
            )
        )
        assert isinstance(queried, dict)
        assert [item["sk"]["N"] for item in queried["Items"]] == ["5", "4", "3", "2", "1"]
        assert queried["Items"][0]["n"] == {"N": "1.5"}  # as the service writes numbers
        assert (queried["Count"], queried["ScannedCount"]) == (5, 5)
        # Each page of two small items costs half a unit; botocore's paginator
        # shows one page's ConsumedCapacity, not a sum.
        assert queried["ConsumedCapacity"] == {"TableName": "orders", "CapacityUnits": 0.5}

        # At most three items, and a token that resumes after them.
        first = _answer(aws("scan", "--table-name", "orders", "--max-items", "3"))
        assert isinstance(first, dict)
        assert len(first["Items"]) == 3
        rest = _answer(
            aws("scan", "--table-name", "orders", "--starting-token", first["NextToken"])
        )
        assert isinstance(rest, dict)
        assert "NextToken" not in rest
        seen = sorted(int(item["sk"]["N"]) for item in first["Items"] + rest["Items"])
        assert seen == [1, 2, 3, 4, 5]

        updated = aws(
            "update-item",
            "--table-name",
            "orders",
            "--key",
            '{"pk": {"S": "a"}, "sk": {"N": "1"}}',
            "--update-expression",
            "SET n = n + :one",
            "--expression-attribute-values",
            '{":one": {"N": "1"}}',
            "--return-values",
            "UPDATED_NEW",
        )
        assert _answer(updated) == {"Attributes": {"n": {"N": "2.5"}}}
        missing = aws(
            "get-item", "--table-name", "orders", "--key", '{"pk": {"S": "b"}, "sk": {"N": "1"}}'
        )
        assert _answer(missing) is None  # an empty answer prints nothing

        refused = aws(
            "put-item",
            "--table-name",
            "orders",
            "--item",
            '{"pk": {"S": "a"}, "sk": {"N": "1"}}',
            "--condition-expression",
            "attribute_not_exists(pk)",
        )
        assert refused.returncode == 255
        assert refused.stderr.strip() == (
            "An error occurred (ConditionalCheckFailedException) when calling the PutItem "
            "operation: The conditional request failed"
        )
        not_found = aws("describe-table", "--table-name", "missing")
        assert not_found.returncode == 255
        assert not_found.stderr.strip() == (
            "An error occurred (ResourceNotFoundException) when calling the DescribeTable "
            "operation: Requested resource not found: Table: missing not found"
        )
    # What the CLI wrote is what the fake holds.
    stored = fake.table_items("orders")
    assert [(item["sk"], item["n"]) for item in stored][:2] == [(1, 2.5), (2, 1.5)]

"""The pytest plugin, exercised in pytest sessions of its own (pytester)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

# No test here may reach AWS: even if the blocking failed, boto3 would be sent
# to a closed local port, with credentials that are not real.
OFFLINE = {
    "AWS_ENDPOINT_URL_DYNAMODB": "http://127.0.0.1:9",
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
}


@pytest.fixture
def offline(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    for name, value in OFFLINE.items():
        monkeypatch.setenv(name, value)
    return pytester


def test_importing_the_plugin_imports_neither_boto3_nor_botocore() -> None:
    program = (
        "import sys, dynantic.testing.pytest_plugin\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in {'boto3', 'botocore'})\n"
        "print(heavy)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_the_plugin_is_registered_through_its_entry_point(offline: pytest.Pytester) -> None:
    result = offline.runpytest("--fixtures")
    result.stdout.fnmatch_lines(["*fake_dynamodb*"])


def test_each_test_gets_a_fresh_fake_that_get_client_returns(offline: pytest.Pytester) -> None:
    offline.makepyfile(
        """
        from dynantic import get_client
        from dynantic.testing import FakeDynamoDBClient

        def test_first(fake_dynamodb: FakeDynamoDBClient) -> None:
            assert get_client() is fake_dynamodb
            fake_dynamodb.add_tables(users="pk")

        def test_second(fake_dynamodb: FakeDynamoDBClient) -> None:
            assert get_client() is fake_dynamodb
            assert fake_dynamodb.list_tables()["TableNames"] == []
        """
    )
    offline.runpytest("-p", "no:randomly").assert_outcomes(passed=2)


def test_markers_declare_tables_and_items(offline: pytest.Pytester) -> None:
    offline.makepyfile(
        """
        import pytest
        from dynantic import get_client

        pytestmark = pytest.mark.dynamodb_tables(users="pk")

        @pytest.mark.dynamodb_tables({"order-lines": ("order", "line:N")})
        @pytest.mark.dynamodb_items({"users": [{"pk": "u1", "age": 30}]})
        @pytest.mark.dynamodb_items(
            {"order-lines": [{"order": {"S": "o1"}, "line": {"N": "1"}}]}, wire=True
        )
        def test_declared(fake_dynamodb):
            assert not fake_dynamodb.calls.called
            assert get_client().list_tables()["TableNames"] == ["order-lines", "users"]
            assert fake_dynamodb.table_items("users") == [{"pk": "u1", "age": 30}]
            assert len(fake_dynamodb.table_items("order-lines")) == 1
        """
    )
    offline.runpytest("--strict-markers").assert_outcomes(passed=1)


def test_a_refused_marker_item_fails_the_test_with_the_services_error(
    offline: pytest.Pytester,
) -> None:
    offline.makepyfile(
        """
        import pytest

        @pytest.mark.dynamodb_tables(users="pk")
        @pytest.mark.dynamodb_items({"users": [{"name": "no key"}]})
        def test_declared(fake_dynamodb):
            pass
        """
    )
    result = offline.runpytest()
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*ValidationException*Missing the key pk in the item*"])


def test_no_real_client_can_be_created_while_the_fixture_is_active(
    offline: pytest.Pytester,
) -> None:
    offline.makepyfile(
        """
        import threading

        from dynantic import clear_client, get_client
        from dynantic.testing import RealClientBlockedError

        def test_blocked(fake_dynamodb):
            clear_client()
            raised = []
            def work():
                try:
                    get_client()
                except RealClientBlockedError as error:
                    raised.append(str(error))
            thread = threading.Thread(target=work)
            thread.start()
            thread.join()
            assert raised and raised[0].startswith("dynantic: ")
            assert "the fake_dynamodb fixture" in raised[0]
        """
    )
    offline.runpytest_subprocess().assert_outcomes(passed=1)


def test_the_fallback_and_the_process_default_come_back_after_the_test(
    offline: pytest.Pytester,
) -> None:
    offline.makepyfile(
        """
        import dynantic.client as seam
        from dynantic import get_client, set_client
        from dynantic.testing import FakeDynamoDBClient

        BEFORE = FakeDynamoDBClient()

        def test_1_set_a_default():
            set_client(BEFORE)

        def test_2_use_the_fixture(fake_dynamodb):
            assert seam._default.client is None
            set_client(FakeDynamoDBClient())

        def test_3_everything_is_back():
            assert seam._default.factory is seam._create_boto3_client
            assert get_client() is BEFORE
        """
    )
    offline.runpytest_subprocess("-p", "no:randomly").assert_outcomes(passed=3)


README = Path(__file__).resolve().parents[3] / "README.md"
SECTION = "## Testing with the in-memory DynamoDB"


def readme_examples() -> list[str]:
    """The Python blocks of the README's section on testing."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index(SECTION) :]
    following = section.find("\n## ", len(SECTION))
    section = section if following < 0 else section[:following]
    return re.findall(r"```python\n(.*?)```", section, flags=re.DOTALL)


def test_the_readme_examples_pass(offline: pytest.Pytester) -> None:
    examples = readme_examples()
    assert len(examples) == 2
    offline.makepyfile(**{f"test_readme_{n}": code for n, code in enumerate(examples)})
    offline.runpytest("--strict-markers").assert_outcomes(passed=2)


def test_fake_dynamodb_boto3_answers_the_boto3_clients_the_code_makes(
    offline: pytest.Pytester,
) -> None:
    offline.makepyfile(
        """
        import boto3
        import pytest

        from dynantic import get_client
        from dynantic.testing import FakeDynamoDBClient

        def save(name: str) -> None:  # code under test, with a client of its own
            boto3.resource("dynamodb").Table("users").put_item(Item={"pk": name})

        @pytest.mark.dynamodb_tables(users="pk")
        def test_first(fake_dynamodb_boto3: FakeDynamoDBClient) -> None:
            save("u1")
            assert fake_dynamodb_boto3.table_items("users") == [{"pk": "u1"}]
            assert get_client() is fake_dynamodb_boto3

        def test_second(fake_dynamodb_boto3: FakeDynamoDBClient) -> None:
            client = boto3.Session().client("dynamodb")
            assert client.list_tables()["TableNames"] == []
        """
    )
    offline.runpytest_subprocess("-p", "no:randomly").assert_outcomes(passed=2)


@pytest.mark.parametrize(
    ("environment", "region"),
    [
        ({"AWS_DEFAULT_REGION": "eu-west-1", "AWS_REGION": "eu-central-1"}, "eu-west-1"),
        ({"AWS_DEFAULT_REGION": "", "AWS_REGION": "ap-south-1"}, "ap-south-1"),
        ({"AWS_DEFAULT_REGION": "", "AWS_REGION": ""}, "us-east-1"),
    ],
)
def test_the_fake_is_in_the_region_the_code_under_test_is_in(
    offline: pytest.Pytester,
    monkeypatch: pytest.MonkeyPatch,
    environment: dict[str, str],
    region: str,
) -> None:
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    offline.makepyfile(
        f"""
        import os

        import boto3
        import pytest

        from dynantic.testing import FakeDynamoDBClient

        ARN = "arn:aws:dynamodb:{region}:123456789012:table/users"

        @pytest.mark.dynamodb_tables(users="pk")
        def test_python_client(fake_dynamodb: FakeDynamoDBClient) -> None:
            assert fake_dynamodb.describe_table(TableName="users")["Table"]["TableArn"] == ARN

        @pytest.mark.dynamodb_tables(users="pk")
        def test_boto3(fake_dynamodb_boto3: FakeDynamoDBClient) -> None:
            client = boto3.Session().client("dynamodb")  # no region given: the environment's
            assert client.meta.region_name == "{region}"
            client.tag_resource(ResourceArn=ARN, Tags=[{{"Key": "k", "Value": "v"}}])
            assert client.list_tags_of_resource(ResourceArn=ARN)["Tags"] == [
                {{"Key": "k", "Value": "v"}}
            ]
        """
    )
    offline.runpytest_subprocess("-p", "no:randomly").assert_outcomes(passed=2)

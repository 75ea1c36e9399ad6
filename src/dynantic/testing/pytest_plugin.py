"""pytest fixtures for dynantic's in-memory DynamoDB (registered as a ``pytest11`` plugin).

``fake_dynamodb`` gives each test a fresh ``FakeDynamoDBClient``, installed with
``using_client`` so that code calling ``dynantic.get_client()`` uses it, and
blocks any fallback to a real boto3 client while the test runs;
``fake_dynamodb_boto3`` is the same fake answering boto3's and botocore's own
DynamoDB clients too, wherever the code under test makes them. Two markers
prepare either declaratively::

    @pytest.mark.dynamodb_tables(users="pk", orders=("customer", "placed:N"))
    @pytest.mark.dynamodb_items({"users": [{"pk": "u1", "name": "Ada"}]})
    def test_something(fake_dynamodb: FakeDynamoDBClient) -> None: ...

Importing this module imports neither boto3 nor botocore: pytest loads it in
every session, so the fake is built only when a test asks for it.
"""

from __future__ import annotations

import os
from collections.abc import Generator, Iterable, Mapping
from typing import TYPE_CHECKING, cast

import pytest

if TYPE_CHECKING:
    from dynantic.testing.client import FakeDynamoDBClient
    from dynantic.testing.state import TableSpec

__all__ = ["fake_dynamodb", "fake_dynamodb_boto3"]

TABLES_MARKER = "dynamodb_tables"
ITEMS_MARKER = "dynamodb_items"


def pytest_configure(config: pytest.Config) -> None:
    """Register the markers (so that ``--strict-markers`` accepts them)."""
    config.addinivalue_line(
        "markers",
        f"{TABLES_MARKER}(tables=None, /, **specs): tables the fake_dynamodb fixture creates "
        "before the test, as FakeDynamoDBClient.add_tables takes them",
    )
    config.addinivalue_line(
        "markers",
        f"{ITEMS_MARKER}(items, /, *, wire=False): items the fake_dynamodb fixture puts into "
        "its tables before the test, as FakeDynamoDBClient.seed takes them",
    )


def _outermost_first(node: pytest.Item, name: str) -> list[pytest.Mark]:
    return list(reversed(list(node.iter_markers(name))))


def _prepare(fake: FakeDynamoDBClient, node: pytest.Item) -> None:
    """Create the tables and put the items the test's markers declare (module, class,
    then function markers)."""
    for mark in _outermost_first(node, TABLES_MARKER):
        tables = cast("Mapping[str, TableSpec] | None", mark.args[0] if mark.args else None)
        fake.add_tables(tables, **cast("dict[str, TableSpec]", mark.kwargs))
    for mark in _outermost_first(node, ITEMS_MARKER):
        if len(mark.args) != 1:
            raise pytest.UsageError(
                f"dynantic: @pytest.mark.{ITEMS_MARKER} takes one mapping of table name to "
                f"items, got {len(mark.args)} positional arguments"
            )
        items = cast("Mapping[str, Iterable[Mapping[str, object]]]", mark.args[0])
        fake.seed(items, wire=bool(mark.kwargs.get("wire", False)))


@pytest.fixture
def fake_dynamodb(request: pytest.FixtureRequest) -> Generator[FakeDynamoDBClient, None, None]:
    """A fresh in-memory DynamoDB for one test, returned by ``get_client()`` inside it.

    Tables and items come from the ``dynamodb_tables`` / ``dynamodb_items``
    markers. Its region is the one a boto3 client made in the test would use
    (``AWS_DEFAULT_REGION``; else ``AWS_REGION``, which other SDKs and Lambda
    set; else ``us-east-1``), so the ARNs it answers with match those the code
    under test builds. While the test
    runs no real boto3 client can be created, and the process default set with
    ``set_client`` before the test is set aside: ``get_client()`` where the fake
    is not installed (another thread, code after ``clear_client()``) raises
    ``RealClientBlockedError``.
    """
    from dynantic import using_client  # noqa: PLC0415 - keep the plugin's import light
    from dynantic.testing.client import FakeDynamoDBClient  # noqa: PLC0415 - imports botocore
    from dynantic.testing.isolation import block_real_clients  # noqa: PLC0415

    region = os.environ.get("AWS_DEFAULT_REGION") or os.environ.get("AWS_REGION")
    fake = FakeDynamoDBClient(region_name=region or "us-east-1")
    _prepare(fake, cast("pytest.Item", request.node))
    with block_real_clients(by="the fake_dynamodb fixture"), using_client(fake):
        yield fake


# Placeholders for whatever the environment holds: botocore signs every request
# before the fake answers it, and a request that escaped would not be AWS's to take.
_PLACEHOLDER_CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}
_CREDENTIAL_SOURCES = ("AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_PROFILE")


@pytest.fixture
def fake_dynamodb_boto3(
    fake_dynamodb: FakeDynamoDBClient, monkeypatch: pytest.MonkeyPatch
) -> Generator[FakeDynamoDBClient, None, None]:
    """``fake_dynamodb``, answering also every boto3 and botocore DynamoDB client the
    test makes, whatever its session (``FakeControls.attached()`` without a
    session, for the length of the test), with placeholder credentials in the
    environment and the fake's region as the default one if none is set (so a
    client made with no region is in the fake's)."""
    for name, value in _PLACEHOLDER_CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    for name in _CREDENTIAL_SOURCES:
        monkeypatch.delenv(name, raising=False)
    if not os.environ.get("AWS_DEFAULT_REGION"):  # the one botocore reads
        monkeypatch.setenv("AWS_DEFAULT_REGION", fake_dynamodb.service.database.region)
    with fake_dynamodb.attached():
        yield fake_dynamodb

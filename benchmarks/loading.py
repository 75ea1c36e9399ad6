"""Loading big tables quickly for the read scenarios, backend by backend.

Setting up 100,000 items one PutItem at a time would measure the loading, not
the read. The fake is seeded through ``seed`` (PutItem's checks, no call
overhead); moto's backend is given the items directly; any other backend (the
fake's endpoint, dynalite) gets them 25 at a time through BatchWriteItem.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, cast

from dynantic import DynamoDBClient
from dynantic.testing import FakeDynamoDBClient

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import AttributeValueTypeDef, WriteRequestTypeDef

__all__ = ["load_items"]

_MOTO_ACCOUNT = "123456789012"
_MOTO_REGION = "us-east-1"


def _moto_backend_put(table: str, items: Iterable[Mapping[str, object]]) -> bool:
    """Put items straight into moto's in-process backend; False without moto."""
    try:
        from moto.dynamodb.models import dynamodb_backends  # noqa: PLC0415 - moto only
    except ImportError:
        return False
    backend = dynamodb_backends[_MOTO_ACCOUNT][_MOTO_REGION]
    if table not in backend.tables:
        return False
    for item in items:
        backend.put_item(table, dict(item))
    return True


def load_items(
    client: DynamoDBClient, table: str, items: Iterable[Mapping[str, AttributeValueTypeDef]]
) -> None:
    """Store wire-form ``items`` in ``table`` as fast as the backend allows."""
    if isinstance(client, FakeDynamoDBClient):
        client.seed({table: items}, wire=True)
        return
    endpoint = str(getattr(getattr(client, "meta", None), "endpoint_url", ""))
    if "amazonaws.com" in endpoint and _moto_backend_put(table, items):
        return
    batch: list[WriteRequestTypeDef] = []
    for item in items:
        batch.append({"PutRequest": {"Item": dict(item)}})
        if len(batch) == 25:
            _write_batch(client, table, batch)
            batch = []
    if batch:
        _write_batch(client, table, batch)


def _write_batch(client: DynamoDBClient, table: str, batch: list[WriteRequestTypeDef]) -> None:
    pending: Mapping[str, Sequence[WriteRequestTypeDef]] = {table: batch}
    while pending:
        answer = client.batch_write_item(RequestItems=pending)
        # What comes back unprocessed is sent again as it is.
        pending = cast("Mapping[str, Sequence[WriteRequestTypeDef]]", answer["UnprocessedItems"])

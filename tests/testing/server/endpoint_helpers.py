"""Helpers for the endpoint tests: raw HTTP requests and boto3 clients."""

from __future__ import annotations

import http.client
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import boto3

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient

AMZ_JSON = "application/x-amz-json-1.0"
# What every SDK sends: the signature is not verified, only required.
SIGNED = {
    "Authorization": (
        "AWS4-HMAC-SHA256 Credential=x/20260101/us-east-1/dynamodb/aws4_request, "
        "SignedHeaders=host;x-amz-date;x-amz-target, Signature=00ff"
    ),
    "X-Amz-Date": "20260101T000000Z",
}


@dataclass(frozen=True)
class Answer:
    """One raw HTTP response."""

    status: int
    headers: Mapping[str, str]
    body: bytes


def address(url: str) -> tuple[str, int]:
    """``(host, port)`` of an endpoint URL."""
    parts = urlsplit(url)
    assert parts.hostname is not None
    assert parts.port is not None
    return parts.hostname, parts.port


def post(
    url: str,
    body: bytes | str,
    *,
    operation: str | None = "GetItem",
    content_type: str | None = AMZ_JSON,
    signed: bool = True,
    method: str = "POST",
    extra: Mapping[str, str] | None = None,
) -> Answer:
    """Send one request on a fresh connection, the way an SDK would."""
    headers: dict[str, str] = dict(SIGNED) if signed else {}
    if operation is not None:
        headers["X-Amz-Target"] = f"DynamoDB_20120810.{operation}"
    if content_type is not None:
        headers["Content-Type"] = content_type
    headers.update(extra or {})
    connection = http.client.HTTPConnection(*address(url), timeout=10)
    try:
        connection.request(method, "/", body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, data)
    finally:
        connection.close()


def remote_client(url: str) -> DynamoDBClient:
    """A boto3 client for the endpoint at ``url``."""
    return boto3.client(
        "dynamodb",
        endpoint_url=url,
        region_name="us-east-1",
        aws_access_key_id="x",
        aws_secret_access_key="x",
    )

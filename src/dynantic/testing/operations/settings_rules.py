"""The service's rules for stream, encryption and table class settings, and what
they become.

A stream is switched on with a view type and off without one. Encryption is
by default with a key DynamoDB owns (no ``SSEDescription``); asking for KMS
uses the account's AWS-managed key, or the customer key named by
``KMSMasterKeyId``.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING

from dynantic.testing import messages
from dynantic.testing.errors import validation_error
from dynantic.testing.operations.timestamps import iso_millis

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import SSESpecificationTypeDef, StreamSpecificationTypeDef

__all__ = [
    "check_sse",
    "check_stream_on_create",
    "check_stream_on_update",
    "check_table_class",
    "kms_key_arn",
    "sse_requested",
    "stream_label",
]

TABLE_CLASSES = frozenset({"STANDARD", "STANDARD_INFREQUENT_ACCESS"})

_KEY_NAMESPACE = uuid.UUID("6f1d3c52-6b1e-4d5a-9a55-2f0b1d6e7c11")


def check_stream_on_create(stream: StreamSpecificationTypeDef) -> None:
    """A stream created with the table needs a view type only when it is on."""
    view_type = stream.get("StreamViewType")
    if stream["StreamEnabled"] and view_type is None:
        raise validation_error(messages.STREAM_CREATED_WITHOUT_VIEW)
    if not stream["StreamEnabled"] and view_type is not None:
        raise validation_error(messages.STREAM_CREATED_DISABLED_WITH_VIEW)


def check_stream_on_update(stream: StreamSpecificationTypeDef) -> None:
    """Switching a stream on names a view type; switching it off names none."""
    view_type = stream.get("StreamViewType")
    if stream["StreamEnabled"] and view_type is None:
        raise validation_error(messages.STREAM_ENABLED_WITHOUT_VIEW)
    if not stream["StreamEnabled"] and view_type is not None:
        raise validation_error(messages.STREAM_DISABLED_WITH_VIEW)


def check_table_class(table_class: str) -> None:
    """A table class is one of the two the service offers, spelled as it does."""
    if table_class not in TABLE_CLASSES:
        raise validation_error(messages.TABLE_CLASS_INVALID)


def stream_label(when: datetime) -> str:
    """A stream's label: its creation time in UTC, to the millisecond."""
    return iso_millis(when)


def check_sse(sse: SSESpecificationTypeDef) -> None:
    """Type and key only with encryption on; a customer key only with KMS; no AES256."""
    enabled = sse.get("Enabled")
    sse_type = sse.get("SSEType")
    key = sse.get("KMSMasterKeyId")
    if enabled is False and sse_type is not None:
        raise validation_error(messages.SSE_TYPE_WHEN_DISABLED)
    if enabled is False and key is not None:
        raise validation_error(messages.SSE_KEY_WHEN_DISABLED)
    if sse_type == "AES256":
        raise validation_error(messages.SSE_AES256)
    if key is not None and sse_type != "KMS":
        raise validation_error(messages.SSE_KEY_NEEDS_KMS)


def sse_requested(sse: SSESpecificationTypeDef) -> bool:
    """Whether a (valid) specification asks for KMS encryption."""
    enabled = sse.get("Enabled")
    return enabled is True or (enabled is None and sse.get("SSEType") == "KMS")


def kms_key_arn(sse: SSESpecificationTypeDef, region: str, account_id: str, partition: str) -> str:
    """The ARN of the KMS key a specification names (the AWS-managed key if none).

    Key ids and aliases resolve to a key ARN of the account; the in-memory
    service derives a stable key id from an alias, as it has no KMS to ask.
    """
    key = sse.get("KMSMasterKeyId")
    if key is not None and key.startswith("arn:") and ":key/" in key:
        return key
    if key is None:
        key = "alias/aws/dynamodb"
    if "alias/" in key:
        key = str(uuid.uuid5(_KEY_NAMESPACE, f"{account_id}:{region}:{key.split(':')[-1]}"))
    return f"arn:{partition}:kms:{region}:{account_id}:key/{key}"

"""UpdateTable: stream, encryption, table class and deletion protection.

Each must change something: a stream is switched on only when off and off
only when on; encryption may not go back to a default it already has, nor name
by its ARN the key it already uses (the key's alias or id re-encrypts the
table and is accepted). The table class may change twice in 30 days, and once
those are spent even a request for the current class is refused; deletion
protection may not be asked for at all within 15 seconds of its last change.
Otherwise a request for the current class or protection changes nothing, starts
no interval and is accepted.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from dynantic.testing import messages
from dynantic.testing.engine.definition import StreamSettings
from dynantic.testing.errors import ServiceError, validation_error
from dynantic.testing.operations.settings_rules import kms_key_arn, sse_requested, stream_label
from dynantic.testing.operations.timestamps import iso_millis

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import UpdateTableInputTypeDef

    from dynantic.testing.engine.database import Database
    from dynantic.testing.engine.definition import TableDefinition

__all__ = ["apply_settings", "check_settings"]

# DynamoDB: two table class changes in 30 days; deletion protection not toggled
# again within 15 seconds.
TABLE_CLASS_CHANGES = 2
TABLE_CLASS_WINDOW = timedelta(days=30)
PROTECTION_COOLDOWN = timedelta(seconds=15)
DEFAULT_TABLE_CLASS = "STANDARD"


def _new_key(request: UpdateTableInputTypeDef, database: Database) -> str | None:
    """The KMS key the table is to use (``None``: the default key), if SSE is asked."""
    sse = request.get("SSESpecification", {})
    return (
        kms_key_arn(sse, database.region, database.account_id, database.partition)
        if sse_requested(sse)
        else None
    )


def _check_stream(request: UpdateTableInputTypeDef, definition: TableDefinition) -> None:
    stream = request.get("StreamSpecification")
    if stream is None:
        return
    if stream["StreamEnabled"] and definition.stream is not None:
        raise validation_error(messages.STREAM_ALREADY_ENABLED.format(name=definition.name))
    if not stream["StreamEnabled"] and definition.stream is None:
        raise validation_error(messages.STREAM_NONE_TO_DISABLE.format(name=definition.name))


def _check_sse(
    request: UpdateTableInputTypeDef, definition: TableDefinition, database: Database
) -> None:
    sse = request.get("SSESpecification")
    if sse is None:
        return
    key = _new_key(request, database)
    if key is None and definition.sse_key_arn is None:
        raise validation_error(messages.SSE_ALREADY_DEFAULT)
    named = sse.get("KMSMasterKeyId")
    if named is not None and named == definition.sse_key_arn:
        raise validation_error(messages.SSE_ALREADY_KEY)


def _class_may_change(definition: TableDefinition, now: datetime) -> bool:
    """Whether the table's class changed fewer than twice in the last 30 days."""
    recent = [
        changed
        for changed in definition.table_class_changes
        if now.timestamp() - changed < TABLE_CLASS_WINDOW.total_seconds()
    ]
    return len(recent) < TABLE_CLASS_CHANGES


def check_settings(
    request: UpdateTableInputTypeDef, definition: TableDefinition, database: Database, now: datetime
) -> None:
    """Stream, encryption, class and protection changes against the table's state."""
    _check_stream(request, definition)
    _check_sse(request, definition, database)
    if "TableClass" in request and not _class_may_change(definition, now):
        raise ServiceError("LimitExceededException", messages.TABLE_CLASS_LIMIT)
    protection = request.get("DeletionProtectionEnabled")
    changed_at = definition.deletion_protection_changed_at
    if protection is not None and changed_at:
        allowed = datetime.fromtimestamp(changed_at, now.tzinfo) + PROTECTION_COOLDOWN
        if now < allowed:
            raise ServiceError(
                "ThrottlingException",
                messages.DELETION_PROTECTION_COOLDOWN.format(
                    name=definition.name, when=iso_millis(allowed)
                ),
            )


def apply_settings(
    request: UpdateTableInputTypeDef, definition: TableDefinition, database: Database, now: datetime
) -> None:
    """Apply the settings of a request that passed every check."""
    stream = request.get("StreamSpecification")
    if stream is not None:
        if stream["StreamEnabled"]:
            label = stream_label(now)
            definition.stream = StreamSettings(stream.get("StreamViewType", ""), label)
            definition.latest_stream_label = label
            definition.stream_tags = {}
        else:
            definition.stream = None
    if "SSESpecification" in request:
        definition.sse_key_arn = _new_key(request, database)
    table_class = request.get("TableClass")
    if table_class is not None and table_class != (definition.table_class or DEFAULT_TABLE_CLASS):
        definition.table_class = table_class
        definition.table_class_updated = now
        definition.table_class_changes.append(now.timestamp())
    protection = request.get("DeletionProtectionEnabled")
    if protection is not None and protection != definition.deletion_protection:
        definition.deletion_protection = protection
        definition.deletion_protection_changed_at = now.timestamp()

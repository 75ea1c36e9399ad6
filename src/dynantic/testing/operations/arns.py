"""Reading the table a tagging request's ``ResourceArn`` names.

The service parses the ARN colon by colon (``arn:partition:service:region:
account:resource``), then wants a DynamoDB table of its own region and
account: ``table/NAME``, or its live stream, ``table/NAME/stream/LABEL``, which
holds tags of its own (the ack-api-quirks DynamoDB catalogue, DDB-TABLE-373,
live 2026-10: listed empty at first, and tagging it leaves the table's tags
alone); another stream label is not found. Access is judged before the shape: an
ARN of another service, or of another account, is denied before its region
is looked at (ExtendDB's ``tests/rust/src/tagging.rs`` and its tagging
handler, verified against the service).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from dynantic.testing import messages
from dynantic.testing.errors import ServiceError, validation_error

if TYPE_CHECKING:
    from dynantic.testing.engine.database import Database

__all__ = ["TaggedResource", "resource_in_arn", "tags_of"]


class TaggedResource(NamedTuple):
    """What a tagging request's ARN names: a table, or the stream with this label."""

    table: str
    stream: str | None = None


_COLON_ERRORS = (
    messages.ARN_NO_PARTITION,
    messages.ARN_NO_VENDOR,
    messages.ARN_NO_REGION,
    messages.ARN_NO_ACCOUNT,
)


def _split(arn: str) -> list[str]:
    """``[partition, service, region, account, resource]`` or the parser's refusal."""
    if not arn.startswith("arn:"):
        raise validation_error(messages.ARN_NO_PREFIX.format(arn=arn))
    parts = arn[len("arn:") :].split(":", 4)
    if len(parts) < len(_COLON_ERRORS) + 1:
        raise validation_error(_COLON_ERRORS[len(parts) - 1].format(arn=arn))
    return parts


def _not_found(arn: str) -> ServiceError:
    return ServiceError(
        "ResourceNotFoundException", messages.RESOURCE_ARN_NOT_FOUND.format(arn=arn)
    )


def resource_in_arn(database: Database, arn: str) -> TaggedResource:
    """The table or stream ``arn`` names, or the service's refusal of the ARN."""
    partition, service, region, account, resource = _split(arn)
    if service != "dynamodb" or account != database.account_id:
        raise ServiceError("AccessDeniedException", messages.ACCESS_DENIED)
    if partition != database.partition or region != database.region:
        raise validation_error(messages.ARN_OTHER_REGION.format(arn=arn))
    path = resource.split("/")
    if path[0] != "table" or len(path) < 2:
        raise validation_error(messages.ARN_NOT_DYNAMODB.format(arn=arn))
    if len(path) > 2:
        if path[2] == "index":
            raise validation_error(messages.ARN_NOT_TABLE.format(arn=arn))
        if path[2] != "stream":
            raise validation_error(messages.ARN_NOT_DYNAMODB.format(arn=arn))
        return TaggedResource(path[1], "/".join(path[3:]))
    return TaggedResource(path[1])


def tags_of(database: Database, resource: TaggedResource, arn: str) -> dict[str, str]:
    """The tags, held in place, of the resource ``arn`` named, if it exists."""
    table = database.tables.get(resource.table)
    if table is None:
        raise _not_found(arn)
    definition = table.definition
    if resource.stream is None:
        return definition.tags
    if resource.stream != definition.latest_stream_label:
        raise _not_found(arn)
    return definition.stream_tags

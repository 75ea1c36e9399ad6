"""TagResource, UntagResource and ListTagsOfResource on table and stream ARNs.

The service checks the ARN, then the request's tags, then that the table
exists; the 50-tag limit, and TagResource's limit on the tag set's size, count
the tags the table would hold afterwards.
A table holds at most 50 tags, which ListTagsOfResource returns in one page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dynantic.testing import messages
from dynantic.testing.errors import validation_error
from dynantic.testing.operations.arns import resource_in_arn, tags_of
from dynantic.testing.operations.registry import operation
from dynantic.testing.operations.tag_rules import (
    check_tag_count,
    check_tag_keys,
    check_tag_set_size,
    check_tags,
)

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import (
        ListTagsOfResourceInputTypeDef,
        TagResourceInputTypeDef,
        UntagResourceInputTypeDef,
    )

    from dynantic.testing.engine.database import Database

__all__ = ["list_tags_of_resource", "tag_resource", "untag_resource"]


@operation("TagResource")
def tag_resource(database: Database, request: TagResourceInputTypeDef) -> dict[str, object]:
    arn = request["ResourceArn"]
    resource = resource_in_arn(database, arn)
    tags = request["Tags"]
    if not tags:
        raise validation_error(messages.TAGS_EMPTY)
    check_tags(tags)
    with database.lock:
        current = tags_of(database, resource, arn)
        merged = current | {tag["Key"]: tag["Value"] for tag in tags}
        check_tag_count(merged)
        check_tag_set_size(merged)
        current.update(merged)
    return {}


@operation("UntagResource")
def untag_resource(database: Database, request: UntagResourceInputTypeDef) -> dict[str, object]:
    arn = request["ResourceArn"]
    resource = resource_in_arn(database, arn)
    keys = request["TagKeys"]
    if not keys:
        raise validation_error(messages.TAG_KEYS_EMPTY)
    check_tag_keys(keys)
    with database.lock:
        current = tags_of(database, resource, arn)
        for key in keys:
            current.pop(key, None)
    return {}


@operation("ListTagsOfResource")
def list_tags_of_resource(
    database: Database, request: ListTagsOfResourceInputTypeDef
) -> dict[str, object]:
    """Every tag, ordered by key; a ``NextToken`` is accepted and ignored, as there is
    never a second page."""
    arn = request["ResourceArn"]
    resource = resource_in_arn(database, arn)
    with database.lock:
        tags = dict(tags_of(database, resource, arn))
    return {
        "Tags": [
            {"Key": key, "Value": tags[key]} for key in sorted(tags, key=lambda key: key.encode())
        ]
    }

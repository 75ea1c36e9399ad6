"""The service's rules for tags, shared by CreateTable, TagResource and UntagResource.

A key is 1 to 128 characters, a value 0 to 256, both made of letters, digits,
spaces and ``_ . : / = + - @`` (letters, digits and spaces of any script); keys
starting with ``aws:`` (in any case) are reserved, and a table holds at most
50 tags, whose keys and values together take at most 10,240 bytes.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING, cast

from dynantic.testing import messages
from dynantic.testing.errors import validation_error

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import TagTypeDef

__all__ = [
    "MAX_TAGS",
    "check_tag_count",
    "check_tag_keys",
    "check_tag_set_size",
    "check_tags",
]

MAX_TAGS = 50
MAX_KEY_LENGTH = 128
MAX_VALUE_LENGTH = 256
MAX_TAG_SET_BYTES = 10240
_PUNCTUATION = frozenset("_.:/=+-@")
_RESERVED_PREFIX = "aws:"


def _allowed(text: str) -> bool:
    """Every character a letter, a number, a separator (space) or allowed punctuation."""
    return all(
        character in _PUNCTUATION or unicodedata.category(character)[0] in "LNZ"
        for character in text
    )


def _check_key(key: str | None) -> None:
    # A missing key (possible over HTTP) is shown as null, as Java prints it.
    if key is None or not 1 <= len(key) <= MAX_KEY_LENGTH or not _allowed(key):
        raise validation_error(messages.TAG_KEY_INVALID.format(key=_shown(key)))
    if key[: len(_RESERVED_PREFIX)].lower() == _RESERVED_PREFIX:
        raise validation_error(messages.TAG_KEY_RESERVED.format(key=key))


def _shown(text: str | None) -> str:
    return "null" if text is None else text


def check_tags(tags: Sequence[TagTypeDef]) -> None:
    """Each tag's key and value, then keys given twice."""
    for tag in tags:
        # The model requires both members; a request sent past an SDK can lack them.
        fields = cast("Mapping[str, str]", tag)
        _check_key(fields.get("Key"))
        value = fields.get("Value")
        if value is None or len(value) > MAX_VALUE_LENGTH or not _allowed(value):
            raise validation_error(messages.TAG_VALUE_INVALID.format(value=_shown(value)))
    seen: set[str] = set()
    for tag in tags:
        if tag["Key"] in seen:
            raise validation_error(messages.TAG_KEYS_DUPLICATE.format(key=tag["Key"]))
        seen.add(tag["Key"])


def check_tag_keys(keys: Sequence[str]) -> None:
    """The keys UntagResource names: valid keys, and no more than a table may hold."""
    for key in keys:
        _check_key(key)
    if len(keys) > MAX_TAGS:
        raise validation_error(messages.TAGS_TOO_MANY)


def check_tag_count(keys: Collection[str]) -> None:
    """The distinct tag keys a table would hold: at most 50."""
    if len(keys) > MAX_TAGS:
        raise validation_error(messages.TAGS_TOO_MANY)


def check_tag_set_size(tags: Mapping[str, str]) -> None:
    """The UTF-8 bytes of every key and value a table would hold, at most 10,240."""
    size = sum(len(key.encode()) + len(value.encode()) for key, value in tags.items())
    if size > MAX_TAG_SET_BYTES:
        raise validation_error(
            messages.TAG_SET_TOO_LARGE.format(size=size, limit=MAX_TAG_SET_BYTES)
        )

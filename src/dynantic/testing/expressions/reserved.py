"""DynamoDB's reserved words, loaded once from ``reserved_words.txt``."""

from __future__ import annotations

from functools import cache
from pathlib import Path

__all__ = ["is_reserved", "reserved_words"]

_WORDS_FILE = Path(__file__).with_name("reserved_words.txt")


@cache
def reserved_words() -> frozenset[str]:
    """The reserved words, upper-cased."""
    lines = _WORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().upper() for line in lines if line.strip() and line[0] != "#")


def is_reserved(name: str) -> bool:
    """Whether ``name`` (any case) may only appear through a ``#name`` placeholder."""
    return name.upper() in reserved_words()

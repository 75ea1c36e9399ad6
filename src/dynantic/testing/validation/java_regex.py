"""The model's patterns, written for Java's regex engine, as Python patterns.

The service matches a whole value against each ``pattern`` with Java's
``java.util.regex``. The few Java-only constructs the DynamoDB model uses are
rewritten here; anything else Java-specific fails to compile in Python's
``re``, so a new construct in a later model is noticed rather than misread.
"""

from __future__ import annotations

__all__ = ["python_pattern"]

_REWRITES = (
    # A surrogate pair in a class is one supplementary code point to Java.
    (r"\uD800\uDC00-\uDBFF\uDFFF", r"\U00010000-\U0010FFFF"),
    # POSIX classes are US-ASCII in Java unless UNICODE_CHARACTER_CLASS is set.
    (r"\p{Print}", r"[\x20-\x7E]"),
)


def python_pattern(java_pattern: str) -> str:
    """``java_pattern`` in Python's ``re`` syntax, for use with ``fullmatch``."""
    pattern = java_pattern
    for java, python in _REWRITES:
        pattern = pattern.replace(java, python)
    return pattern

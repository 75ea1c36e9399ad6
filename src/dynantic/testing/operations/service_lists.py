"""How the service writes lists of names into its messages.

The service is written in Java: a list prints as ``[a, b]``, and where it
collects names into a set first (the key attributes an index uses, say) they
come out in the iteration order of a ``java.util.HashSet`` — by bucket of the
string's hash code, then in insertion order — not in the order the request
gave them.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["bracketed", "java_hash_code", "java_set_order"]

_INITIAL_CAPACITY = 16
_LOAD_FACTOR = 0.75


def java_hash_code(text: str) -> int:
    """``String.hashCode()``: 31-based over UTF-16 code units, as a 32-bit value."""
    data = text.encode("utf-16-be")
    code = 0
    for index in range(0, len(data), 2):
        code = (31 * code + int.from_bytes(data[index : index + 2], "big")) & 0xFFFFFFFF
    return code


def _bucket(text: str, capacity: int) -> int:
    code = java_hash_code(text)
    return (code ^ (code >> 16)) & (capacity - 1)


def java_set_order(names: Iterable[str]) -> list[str]:
    """``names`` as a ``HashSet`` built from them iterates: duplicates dropped."""
    unique = list(dict.fromkeys(names))
    capacity = _INITIAL_CAPACITY
    while len(unique) > capacity * _LOAD_FACTOR:
        capacity *= 2
    position = {name: index for index, name in enumerate(unique)}
    return sorted(unique, key=lambda name: (_bucket(name, capacity), position[name]))


def bracketed(names: Iterable[str]) -> str:
    """The inside of Java's ``[a, b]``: names joined by a comma and a space."""
    return ", ".join(names)

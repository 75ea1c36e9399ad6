"""Operation names as boto3 spells them (``put_item``) and as the API does (``PutItem``).

The test helpers accept either spelling and refuse anything else with the
valid choices, so that a typo in a fault or a call filter is an error rather
than a rule that silently never matches.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterable

from dynantic.testing.model import python_name, service_model

__all__ = ["api_name", "api_names", "method_name"]


@functools.cache
def _by_spelling() -> dict[str, str]:
    """Both spellings of every operation in the service model → the API name."""
    names: dict[str, str] = {}
    for name in service_model().operation_names:
        names[name] = name
        names[python_name(name)] = name
    return names


@functools.cache
def method_name(api: str) -> str:
    """``"PutItem"`` → ``"put_item"``, as boto3 names the client method."""
    return python_name(api)


def _lookup(name: object) -> str | None:
    return _by_spelling().get(name) if isinstance(name, str) else None


def api_name(name: str, *, allowed: frozenset[str] | None = None) -> str:
    """The API name of operation ``name`` (either spelling).

    ``allowed`` narrows the valid choices to these API names. Raises
    ``ValueError`` naming the valid choices for anything else.
    """
    found = _lookup(name)
    if found is not None and (allowed is None or found in allowed):
        return found
    choices = sorted(method_name(api) for api in (allowed or set(service_model().operation_names)))
    close = difflib.get_close_matches(str(name), choices, n=3)
    hint = f" Did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    raise ValueError(
        f"dynantic: {name!r} is not a valid operation here.{hint} "
        f"Valid operations: {', '.join(choices)}."
    )


def api_names(names: str | Iterable[str]) -> frozenset[str]:
    """API names of one operation or several (either spelling)."""
    if isinstance(names, str):
        return frozenset({api_name(names)})
    return frozenset(api_name(name) for name in names)

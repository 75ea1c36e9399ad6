"""Explicit records of where a backend differs from the service.

Every difference is written on the scenario it affects, with its reason, so the
suite never passes silently over one:

- ``known_divergence(backend, behaviour, service=...)``: the backend is known to
  answer differently from DynamoDB; the scenario is a strict xfail there, so it
  turns into a failure (forcing the record's removal) if the backend is fixed.
- ``unsupported(backend, feature)``: the backend lacks the feature; skipped there.
- ``not_implemented(feature)``: the fake does not do this yet; a strict xfail on
  the fake's backends, which fails the moment the feature lands.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pytest

from .backends import ALL_BACKENDS, DYNALITE, FAKE_BACKENDS, MOTO

__all__ = [
    "Record",
    "known_divergence",
    "not_implemented",
    "records_for",
    "unsupported",
    "without_report",
]

MARKER = "conformance_record"


@dataclass(frozen=True)
class Record:
    """One recorded difference: which backends, skip or xfail, and why."""

    backends: tuple[str, ...]
    skip: bool
    reason: str
    when: Callable[[Mapping[str, object]], bool] | None = None

    def applies_to(self, backend: str, params: Mapping[str, object]) -> bool:
        """Whether the record concerns this backend and these parametrised values."""
        return backend in self.backends and (self.when is None or self.when(params))


def _backends(backend: str | tuple[str, ...]) -> tuple[str, ...]:
    names = (backend,) if isinstance(backend, str) else backend
    unknown = [name for name in names if name not in ALL_BACKENDS]
    if unknown:
        raise ValueError(f"unknown backends {unknown}; known: {ALL_BACKENDS}")
    return names


Params = Callable[[Mapping[str, object]], bool]


def known_divergence(
    backend: str | tuple[str, ...], behaviour: str, *, service: str, when: Params | None = None
) -> pytest.MarkDecorator:
    """``backend`` is known to do ``behaviour``; ``service`` names the source saying
    what DynamoDB does instead. ``when`` narrows it to some parametrised cases."""
    names = _backends(backend)
    reason = f"{'/'.join(names)} {behaviour} (the service: {service})"
    return pytest.mark.conformance_record(Record(names, skip=False, reason=reason, when=when))


def unsupported(backend: str | tuple[str, ...], feature: str) -> pytest.MarkDecorator:
    """``backend`` does not offer ``feature`` at all."""
    names = _backends(backend)
    reason = f"{'/'.join(names)} does not support {feature}"
    return pytest.mark.conformance_record(Record(names, skip=True, reason=reason))


def not_implemented(feature: str, *, when: Params | None = None) -> pytest.MarkDecorator:
    """The fake does not implement ``feature`` yet (in the cases ``when`` selects)."""
    reason = f"not implemented yet: {feature}"
    return pytest.mark.conformance_record(
        Record(FAKE_BACKENDS, skip=False, reason=reason, when=when)
    )


def records_for(item: pytest.Item) -> list[Record]:
    """The records written on a collected scenario, innermost first."""
    records: list[Record] = []
    for mark in item.iter_markers(MARKER):
        record = mark.args[0]
        assert isinstance(record, Record)
        records.append(record)
    return records


def without_report(*backends: str) -> pytest.MarkDecorator:
    """The record of a scenario whose refusal the service now words as a
    validation report, for the backends (dynalite and moto unless named) that
    still word it bare."""
    return known_divergence(
        backends or (DYNALITE, MOTO),
        "word a request-level refusal of PutItem, UpdateItem or DeleteItem bare, without the "
        "validation report ('1 validation error detected: ') the service now puts it in",
        service="paritysuite/dynamodb-conformance captures/cross-region-latest.json (us-east-1 "
        "and eu-west-2, 2026-09-20) and nubo-db/dynamodb-conformance tests/tier3/"
        "error-messages/deleteItem.test.ts (both regions, 2026-10-09)",
    )

"""The ``dynamodb`` fixture, the recorded differences applied per backend, and a
one-line summary of what ran on each backend."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

import pytest

from .backends import (
    ENDPOINT,
    BackendPool,
    BackendUnavailableError,
    required_backends,
    selected_backends,
)
from .markers import MARKER, records_for
from .support import Backend

_BACKEND_PROPERTY = "conformance_backend"
_OUTCOMES = ("passed", "failed", "error", "skipped", "xfailed", "xpassed")
# A scenario reports setup, call and teardown: its worst outcome is the one counted.
_WORST_FIRST = ("failed", "error", "xpassed", "xfailed", "skipped", "passed")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", f"{MARKER}(record): a recorded difference between a backend and the service"
    )


@pytest.fixture(scope="package")
def backend_pool() -> Iterator[BackendPool]:
    """Every backend the scenarios started, stopped when the last scenario ends (so
    that moto's patching of botocore ends with them)."""
    pool = BackendPool()
    yield pool
    pool.stop()


@pytest.fixture(params=selected_backends())
def dynamodb(request: pytest.FixtureRequest, backend_pool: BackendPool) -> Iterator[Backend]:
    """A DynamoDB backend for one scenario: ``.name``, ``.client`` and table helpers.

    The tables a scenario creates are deleted when it ends.
    """
    name = str(request.param)
    try:
        client = backend_pool.client(name)
    except BackendUnavailableError as error:
        if name in required_backends():
            pytest.fail(f"required backend {name} is unavailable: {error}", pytrace=False)
        pytest.skip(f"{name} is unavailable: {error}")
    backend = Backend(name, client, remote=name == ENDPOINT)
    yield backend
    backend.delete_tables()


def _parameters(item: pytest.Item) -> dict[str, object]:
    """The parametrised values of a collected scenario, the backend among them."""
    callspec = getattr(item, "callspec", None)
    return dict(callspec.params) if callspec is not None else {}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        params = _parameters(item)
        if "dynamodb" not in params:
            continue
        backend = str(params["dynamodb"])
        item.user_properties.append((_BACKEND_PROPERTY, backend))
        for record in records_for(item):
            if not record.applies_to(backend, params):
                continue
            if record.skip:
                item.add_marker(pytest.mark.skip(reason=record.reason))
            else:
                item.add_marker(pytest.mark.xfail(reason=record.reason, strict=True))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    outcomes: dict[str, dict[str, str]] = defaultdict(dict)
    for outcome in _OUTCOMES:
        for report in terminalreporter.stats.get(outcome, []):
            properties = dict(getattr(report, "user_properties", []))
            backend = properties.get(_BACKEND_PROPERTY)
            if backend is None:
                continue
            known = outcomes[str(backend)].get(report.nodeid)
            if known is None or _WORST_FIRST.index(outcome) < _WORST_FIRST.index(known):
                outcomes[str(backend)][report.nodeid] = outcome
    if not outcomes:
        return
    parts = []
    for backend in sorted(outcomes, key=_order):
        counts = Counter(outcomes[backend].values())
        detail = ", ".join(f"{counts[o]} {o}" for o in _OUTCOMES if counts[o])
        parts.append(f"{backend} {detail}")
    terminalreporter.write_line("conformance: " + " · ".join(parts))


def _order(backend: str) -> int:
    names = selected_backends()
    return names.index(backend) if backend in names else len(names)

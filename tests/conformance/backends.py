"""The backends a scenario runs against, and how each one is started.

A backend is started at most once per test session and stopped when the session
ends. moto's mock patches botocore while it is active, but only for requests to
AWS's own endpoints: the local servers' clients are unaffected. A backend that
cannot run here is skipped with the reason, unless ``DYNANTIC_CONFORMANCE_REQUIRED``
names it: then its absence is an error.
"""

from __future__ import annotations

import os
from contextlib import ExitStack
from typing import TYPE_CHECKING

import boto3
from botocore.config import Config

from dynantic.testing import FakeDynamoDBClient

from .dynalite import DynaliteServer, DynaliteUnavailableError

if TYPE_CHECKING:
    from dynantic import DynamoDBClient

__all__ = [
    "ALL_BACKENDS",
    "DYNALITE",
    "ENDPOINT",
    "FAKE",
    "FAKE_BACKENDS",
    "FAKE_BOTO3",
    "FAKE_HTTP",
    "MOTO",
    "BackendPool",
    "BackendUnavailableError",
    "selected_backends",
]

FAKE = "fake"
FAKE_HTTP = "fake-http"
FAKE_BOTO3 = "fake-boto3"
"""The fake behind a real boto3 client, answered in process (no socket)."""
DYNALITE = "dynalite"
MOTO = "moto"
ENDPOINT = "endpoint"
ALL_BACKENDS = (FAKE, FAKE_HTTP, FAKE_BOTO3, DYNALITE, MOTO, ENDPOINT)
FAKE_BACKENDS = (FAKE, FAKE_HTTP, FAKE_BOTO3)

ENDPOINT_VARIABLE = "DYNANTIC_CONFORMANCE_ENDPOINT"
SELECTION_VARIABLE = "DYNANTIC_CONFORMANCE_BACKENDS"
REQUIRED_VARIABLE = "DYNANTIC_CONFORMANCE_REQUIRED"

# One attempt per call: a scenario sees the service's first answer, never a retry's.
_NO_RETRIES = Config(retries={"total_max_attempts": 1, "mode": "standard"})
_LOCAL_KEY = "conformance"


class BackendUnavailableError(RuntimeError):
    """A backend cannot run on this machine; the message says why."""


def _names(variable: str) -> list[str]:
    names = [name.strip() for name in os.environ.get(variable, "").split(",") if name.strip()]
    unknown = sorted(set(names) - set(ALL_BACKENDS))
    if unknown:
        raise ValueError(f"{variable} names unknown backends {unknown}; known: {ALL_BACKENDS}")
    return names


def selected_backends() -> list[str]:
    """The backends this session runs: all local ones, plus the configured endpoint.

    ``DYNANTIC_CONFORMANCE_BACKENDS=fake,dynalite`` narrows the choice.
    """
    chosen = _names(SELECTION_VARIABLE) or [FAKE, FAKE_HTTP, FAKE_BOTO3, DYNALITE, MOTO]
    if os.environ.get(ENDPOINT_VARIABLE) and ENDPOINT not in chosen:
        chosen.append(ENDPOINT)
    return chosen


def required_backends() -> frozenset[str]:
    """Backends whose absence fails the run instead of skipping their scenarios."""
    return frozenset(_names(REQUIRED_VARIABLE))


def _http_client(endpoint_url: str, *, local: bool) -> DynamoDBClient:
    """A boto3 client of ``endpoint_url``: with placeholder credentials for a local
    server, with the environment's region and credentials otherwise."""
    region = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1"
    client: DynamoDBClient = boto3.client(
        "dynamodb",
        endpoint_url=endpoint_url,
        region_name=region,
        config=_NO_RETRIES,
        aws_access_key_id=_LOCAL_KEY if local else None,
        aws_secret_access_key=_LOCAL_KEY if local else None,
    )
    return client


class BackendPool:
    """Starts each backend the first time a scenario asks for it; stops them all."""

    def __init__(self) -> None:
        self._clients: dict[str, DynamoDBClient] = {}
        self._failures: dict[str, str] = {}
        self._dynalite: DynaliteServer | None = None
        self._stack = ExitStack()
        if ENDPOINT in selected_backends():
            # Resolved before moto's mock replaces the environment's credentials.
            self._clients[ENDPOINT] = _http_client(os.environ[ENDPOINT_VARIABLE], local=False)

    def client(self, backend: str) -> DynamoDBClient:
        """A client of ``backend``, starting the backend on first use."""
        if backend in self._failures:
            raise BackendUnavailableError(self._failures[backend])
        if backend not in self._clients:
            try:
                self._clients[backend] = self._start(backend)
            except (BackendUnavailableError, DynaliteUnavailableError) as error:
                self._failures[backend] = str(error)
                raise BackendUnavailableError(str(error)) from error
        return self._clients[backend]

    def _start(self, backend: str) -> DynamoDBClient:
        if backend == FAKE:
            return FakeDynamoDBClient()
        if backend == FAKE_HTTP:
            return self._start_fake_http()
        if backend == FAKE_BOTO3:
            client: DynamoDBClient = FakeDynamoDBClient().boto3_client(config=_NO_RETRIES)
            return client
        if backend == DYNALITE:
            self._dynalite = DynaliteServer()
            return _http_client(self._dynalite.endpoint_url, local=True)
        if backend == MOTO:
            return self._start_moto()
        raise ValueError(f"unknown backend {backend!r}")

    def _start_fake_http(self) -> DynamoDBClient:
        from dynantic.testing.server import serve

        return _http_client(self._stack.enter_context(serve()), local=True)

    def _start_moto(self) -> DynamoDBClient:
        try:
            from moto import mock_aws
        except ImportError as error:
            raise BackendUnavailableError(f"moto is not installed: {error}") from error
        self._stack.enter_context(mock_aws())
        client: DynamoDBClient = boto3.client(
            "dynamodb",
            region_name="us-east-1",
            config=_NO_RETRIES,
            aws_access_key_id=_LOCAL_KEY,
            aws_secret_access_key=_LOCAL_KEY,
        )
        return client

    def stop(self) -> None:
        """Stop every server this pool started."""
        self._stack.close()
        if self._dynalite is not None:
            self._dynalite.stop()
            self._dynalite = None
        self._clients.clear()

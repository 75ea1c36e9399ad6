"""block_real_clients: no fallback to a real boto3 client while the fake is in charge."""

from __future__ import annotations

import threading
from collections.abc import Callable, Generator

import pytest

import dynantic.client as seam
from dynantic import clear_client, get_client, set_client, using_client
from dynantic.testing import FakeDynamoDBClient, RealClientBlockedError, block_real_clients


@pytest.fixture(autouse=True)
def no_process_default() -> Generator[None, None, None]:
    clear_client()
    yield
    clear_client()


def in_thread(function: Callable[[], object]) -> object:
    """What ``function`` returns or raises when run in a new thread."""
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(function())
        except Exception as error:
            outcome.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    return outcome[0]


def test_get_client_without_a_client_fails_loudly_while_blocked() -> None:
    with block_real_clients(by="this test"):
        outcome = in_thread(get_client)
    assert isinstance(outcome, RealClientBlockedError)
    assert str(outcome).startswith("dynantic: get_client() found no DynamoDB client")
    assert "while this test is active" in str(outcome)


def test_the_fallback_comes_back_when_the_block_ends() -> None:
    factory = seam._default.factory
    with block_real_clients():
        assert seam._default.factory is not factory
    assert seam._default.factory is factory


def test_the_process_default_is_set_aside_and_restored() -> None:
    before = FakeDynamoDBClient()
    set_client(before)
    with block_real_clients():
        assert isinstance(in_thread(get_client), RealClientBlockedError)
        set_client(FakeDynamoDBClient())
    assert get_client() is before


def test_a_client_installed_where_the_code_runs_is_still_used() -> None:
    fake = FakeDynamoDBClient()
    with block_real_clients(), using_client(fake):
        assert get_client() is fake
        clear_client()
        assert get_client() is fake

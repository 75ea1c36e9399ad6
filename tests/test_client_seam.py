"""The seam: which client get_client() returns, and what the seam refuses."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import textwrap
import threading
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import boto3
import pytest

import dynantic
from dynantic import clear_client, get_client, set_client, using_client

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.client import DynamoDBClient as Boto3DynamoDBClient

SRC = Path(__file__).resolve().parents[1] / "src"


@pytest.fixture(autouse=True)
def _no_global_default() -> Iterator[None]:
    clear_client()
    yield
    clear_client()


@pytest.fixture(scope="module")
def session() -> boto3.session.Session:
    return boto3.session.Session(
        region_name="eu-west-1", aws_access_key_id="test", aws_secret_access_key="test"
    )


def new_client(session: boto3.session.Session) -> Boto3DynamoDBClient:
    """A real boto3 client; creating one opens no connection."""
    return session.client("dynamodb")


def test_using_client_overrides_the_global_default(session: boto3.session.Session) -> None:
    default, override = new_client(session), new_client(session)
    set_client(default)
    with using_client(override) as inside:
        assert inside is override
        assert get_client() is override
    assert get_client() is default


def test_using_client_blocks_nest_inner_wins_and_outer_comes_back(
    session: boto3.session.Session,
) -> None:
    outer, inner = new_client(session), new_client(session)
    with using_client(outer):
        with using_client(inner):
            assert get_client() is inner
        assert get_client() is outer


def test_using_client_restores_the_previous_client_when_the_block_raises(
    session: boto3.session.Session,
) -> None:
    outer, inner = new_client(session), new_client(session)
    with using_client(outer):
        with pytest.raises(RuntimeError, match="boom"), using_client(inner):
            raise RuntimeError("boom")
        assert get_client() is outer


def test_using_client_decorates_a_function(session: boto3.session.Session) -> None:
    client = new_client(session)

    @using_client(client)
    def which() -> object:
        return get_client()

    set_client(new_client(session))
    assert which() is client
    assert which() is client  # the decorator re-enters on every call
    assert get_client() is not client


def test_using_client_decorates_a_coroutine_function_around_its_body(
    session: boto3.session.Session,
) -> None:
    first, second, default = (new_client(session) for _ in range(3))

    @using_client(first)
    async def with_first() -> list[object]:
        seen = [get_client()]
        await asyncio.sleep(0)  # the other task runs in between
        return [*seen, get_client()]

    @using_client(second)
    async def with_second() -> list[object]:
        seen = [get_client()]
        await asyncio.sleep(0)
        return [*seen, get_client()]

    async def main() -> tuple[list[object], list[object], list[object]]:
        return await asyncio.gather(with_first(), with_second(), with_first())

    set_client(default)
    assert list(asyncio.run(main())) == [[first, first], [second, second], [first, first]]
    assert asyncio.iscoroutinefunction(with_first)
    assert with_first.__name__ == "with_first"
    assert get_client() is default


def test_using_client_refuses_to_decorate_a_generator_function(
    session: boto3.session.Session,
) -> None:
    override = using_client(new_client(session))

    def rows() -> Iterator[object]:
        yield get_client()

    async def stream() -> AsyncIterator[object]:
        yield get_client()

    with pytest.raises(TypeError, match=r"generator function .*rows.*inside its body"):
        override(rows)
    with pytest.raises(TypeError, match=r"generator function .*stream"):
        override(stream)


def test_set_client_inside_a_using_client_block_changes_the_default_not_the_override(
    session: boto3.session.Session,
) -> None:
    override, new_default = new_client(session), new_client(session)
    with using_client(override):
        set_client(new_default)
        assert get_client() is override
    assert get_client() is new_default


def test_clear_client_forgets_the_default(session: boto3.session.Session) -> None:
    first = new_client(session)
    set_client(first)
    clear_client()
    os.environ.setdefault("AWS_DEFAULT_REGION", "eu-west-1")
    assert get_client() is not first


def test_fifty_threads_each_see_only_their_own_client(session: boto3.session.Session) -> None:
    clients = [new_client(session) for _ in range(50)]
    barrier = threading.Barrier(len(clients))
    seen: dict[int, list[object]] = {}

    def work(index: int) -> None:
        with using_client(clients[index]):
            barrier.wait()  # every thread is inside its block at once
            seen[index] = [get_client() for _ in range(100)]
            barrier.wait()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(clients))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(all(c is clients[i] for c in seen[i]) for i in range(len(clients)))


def test_two_hundred_asyncio_tasks_each_see_only_their_own_client(
    session: boto3.session.Session,
) -> None:
    shared = [new_client(session) for _ in range(20)]
    clients = [shared[i % len(shared)] for i in range(200)]

    async def task(index: int) -> bool:
        with using_client(clients[index]):
            ok = True
            for _ in range(5):
                await asyncio.sleep(0)  # interleave with every other task
                ok = ok and get_client() is clients[index]
            return ok

    async def main() -> list[bool]:
        return await asyncio.gather(*(task(i) for i in range(200)))

    outside = new_client(session)
    set_client(outside)
    assert all(asyncio.run(main()))
    assert get_client() is outside


LAZY_CREATION_PROGRAM = textwrap.dedent(
    """
    import threading
    import boto3
    import dynantic

    created = []
    real_client = boto3.client

    def counting_client(*args, **kwargs):
        created.append(args)
        return real_client(*args, **kwargs)

    boto3.client = counting_client
    barrier = threading.Barrier(32)
    results = [None] * 32

    def work(i):
        barrier.wait()
        results[i] = dynantic.get_client()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(32)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(created) == 1, created
    assert created[0] == ("dynamodb",), created
    assert all(r is results[0] for r in results)
    assert type(results[0]).__name__ == "DynamoDB"
    print("ok", len(created))
    """
)


def test_lazy_default_is_created_once_for_thirty_two_racing_threads() -> None:
    env = {
        **os.environ,
        "AWS_DEFAULT_REGION": "eu-west-1",
        "AWS_EC2_METADATA_DISABLED": "true",
        "PYTHONPATH": str(SRC),
    }
    run = subprocess.run(
        [sys.executable, "-c", LAZY_CREATION_PROGRAM],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "ok 1"


@pytest.mark.parametrize(
    ("value", "named"),
    [(None, "NoneType"), ("dynamodb", "str"), (42, "int"), (object(), "object")],
)
def test_set_client_rejects_what_is_not_a_client(value: object, named: str) -> None:
    with pytest.raises(TypeError, match=rf"set_client\(\) expects a DynamoDB client .*got {named}"):
        set_client(value)  # type: ignore[arg-type]


def test_using_client_rejects_what_is_not_a_client() -> None:
    with pytest.raises(TypeError, match=r"using_client\(\) expects a DynamoDB client"):  # noqa: SIM117
        with using_client("dynamodb"):  # type: ignore[type-var]
            pytest.fail("the block must not run")


def test_a_boto3_resource_is_rejected_with_a_hint(session: boto3.session.Session) -> None:
    resource = session.resource("dynamodb")
    with pytest.raises(TypeError, match=r"boto3 resource.*resource\.meta\.client"):
        set_client(resource)  # type: ignore[arg-type]
    set_client(resource.meta.client)  # the hint works


def test_a_client_of_another_service_is_rejected(session: boto3.session.Session) -> None:
    s3: object = session.client("s3")
    with pytest.raises(TypeError, match="missing get_item"):
        set_client(s3)  # type: ignore[arg-type]


def test_a_rejected_client_leaves_the_default_unchanged(session: boto3.session.Session) -> None:
    default = new_client(session)
    set_client(default)
    with pytest.raises(TypeError):
        set_client(None)  # type: ignore[arg-type]
    assert get_client() is default


def test_the_package_exports_the_seam() -> None:
    assert set(dynantic.__all__) == {
        "DynamoDBClient",
        "clear_client",
        "get_client",
        "set_client",
        "using_client",
    }

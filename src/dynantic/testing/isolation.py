"""Keeping tests away from AWS: no real boto3 client while the fake is in charge.

``dynantic.get_client()`` falls back to creating ``boto3.client("dynamodb")``
when nothing is installed for the calling thread or task. Inside
:func:`block_real_clients` that fallback raises :class:`RealClientBlockedError`
instead, and the process-wide default installed earlier is set aside, so code
that runs outside the fake's ``using_client`` block (another thread, a task
started without the context, code after ``clear_client()``) fails loudly
rather than reaching AWS. Importing this module is cheap: it needs only the seam.
"""

from __future__ import annotations

from collections.abc import Generator
from contextlib import contextmanager

from dynantic import client as seam

__all__ = ["RealClientBlockedError", "block_real_clients"]


class RealClientBlockedError(RuntimeError):
    """``get_client()`` would have created a real boto3 client while that is blocked."""


def _refusal(by: str) -> RealClientBlockedError:
    return RealClientBlockedError(
        f"dynantic: get_client() found no DynamoDB client for this thread or task, and "
        f"creating a real boto3 client is blocked while {by} is active, so that a test "
        f"never reaches AWS. The fake is installed only where the test runs; to use it "
        f"elsewhere, wrap the code in `with using_client(fake):`, run it in a copy of the "
        f"test's context (`contextvars.copy_context().run(...)`), or make the fake the "
        f"process default with `set_client(fake)`."
    )


@contextmanager
def block_real_clients(*, by: str = "block_real_clients()") -> Generator[None, None, None]:
    """Refuse to create a real boto3 client, and set aside the process default, until
    the block ends; then both come back as they were (a ``set_client`` made inside
    the block is undone). ``by`` names the blocker in the error message."""

    def refuse() -> seam.DynamoDBClient:
        raise _refusal(by)

    # The fallback is deliberately not public API; this block is its one sanctioned user.
    default = seam._default  # pyright: ignore[reportPrivateUsage]
    with default.lock:
        saved = default.client, default.factory
        default.client, default.factory = None, refuse
    try:
        yield
    finally:
        with default.lock:
            default.client, default.factory = saved

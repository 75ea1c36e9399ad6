"""``dynantic-dynamodb serve``: the local DynamoDB endpoint as a command.

``python -m dynantic.testing serve [--host H] [--port P] [--state-file PATH]
[--region R] [--auto-expire]`` runs until Ctrl-C (SIGINT) or SIGTERM. With
``--state-file`` the tables are loaded from the file at start and saved to it,
atomically, at stop. With ``--auto-expire`` items whose time to live has passed
are deleted before each request is answered (the service deletes them in the
background, eventually; without the flag they stay, as a test may want). The
command keeps no call record (a test that wants one serves its own fake:
``serve(fake.service)``).
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Sequence
from types import FrameType

from dynantic.testing.persistence import load_state, save_state
from dynantic.testing.server import DynamoDBServer
from dynantic.testing.service import Service

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dynantic-dynamodb", description="A local DynamoDB endpoint, held in memory."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="answer DynamoDB's API over HTTP until stopped")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port to bind; 0 picks a free one")
    serve.add_argument("--state-file", help="load tables from this file, save them to it at exit")
    serve.add_argument("--region", default="us-east-1", help="the region in ARNs (us-east-1)")
    serve.add_argument(
        "--auto-expire",
        action="store_true",
        help="delete items whose time to live has passed before answering each request",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; the exit status."""
    arguments = _parser().parse_args(argv)
    stopping = threading.Event()

    def stop(signal_number: int, frame: FrameType | None) -> None:
        del signal_number, frame
        stopping.set()

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    # Nothing outside this process can read a call record, and a server that
    # runs for days would keep every request it answered: none is kept.
    service = Service(region=arguments.region, record_calls=False)
    service.database.auto_expire = arguments.auto_expire
    state_file: str | None = arguments.state_file
    try:
        if state_file is not None and load_state(service.database, state_file):
            print(f"dynantic DynamoDB loaded its state from {state_file}", flush=True)
        server = DynamoDBServer(service, host=arguments.host, port=arguments.port)
    except (OSError, ValueError) as error:
        print(f"dynantic-dynamodb: {error}", file=sys.stderr)
        return 1
    server.start()
    print(f"dynantic DynamoDB listening on {server.url}", flush=True)
    while not stopping.wait(1.0):
        pass
    server.stop()
    if state_file is not None:
        save_state(service.database, state_file)
        print(f"dynantic DynamoDB saved its state to {state_file}", flush=True)
    print("dynantic DynamoDB stopped", flush=True)
    return 0

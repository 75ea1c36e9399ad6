"""A local DynamoDB endpoint: an HTTP server over the in-memory service.

Any SDK, or the AWS CLI, pointed at :attr:`DynamoDBServer.url` talks to the
same :class:`~dynantic.testing.service.Service` a ``FakeDynamoDBClient`` uses.
One thread accepts connections and one thread serves each connection; the
service's lock makes concurrent requests behave as if applied one at a time.
"""

from __future__ import annotations

import contextlib
import selectors
import socket
import sys
import threading
import time
import traceback
from collections.abc import Generator
from email.utils import formatdate

from typing_extensions import Self

from dynantic.testing.endpoint import Endpoint, HttpRequest, HttpResponse
from dynantic.testing.http11 import (
    ClientDisconnectedError,
    RequestReader,
    UnreadableRequestError,
    keeps_alive,
    response_bytes,
)
from dynantic.testing.service import Service

__all__ = ["DynamoDBServer", "serve"]

_GRACE_SECONDS = 2.0
_DRAIN_BYTES = 64 * 1024 * 1024
_DRAIN_CHUNK_BYTES = 256 * 1024


class DynamoDBServer:
    """DynamoDB's JSON protocol on ``host:port`` over ``service``.

    The socket is bound on construction (port 0 picks a free port), so
    :attr:`url` is known before :meth:`start`. Use as a context manager, or
    call :meth:`start` and :meth:`stop`.
    """

    def __init__(
        self, service: Service | None = None, *, host: str = "127.0.0.1", port: int = 0
    ) -> None:
        self.service = service if service is not None else Service()
        self._endpoint = Endpoint(self.service)
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self._listener = socket.create_server((host, port), family=family)
        self._listener.setblocking(False)
        self.host = host
        self.port: int = self._listener.getsockname()[1]
        self._wakeup_reader, self._wakeup_writer = socket.socketpair()
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._connections: dict[socket.socket, threading.Thread] = {}
        self._acceptor: threading.Thread | None = None
        self._date_second = -1
        self._date = ""

    @property
    def url(self) -> str:
        """Where the endpoint listens, e.g. ``http://127.0.0.1:8000``."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def start(self) -> None:
        """Serve in a background thread."""
        self._acceptor = threading.Thread(
            target=self.serve_forever, name="dynantic-dynamodb-accept", daemon=True
        )
        self._acceptor.start()

    def serve_forever(self) -> None:
        """Accept connections until :meth:`stop`."""
        with selectors.DefaultSelector() as selector:
            selector.register(self._listener, selectors.EVENT_READ)
            selector.register(self._wakeup_reader, selectors.EVENT_READ)
            while not self._stopping.is_set():
                for key, _events in selector.select():
                    if key.fileobj is self._wakeup_reader:
                        return
                    self._accept()

    def stop(self) -> None:
        """Stop accepting, let requests in flight finish, close every connection."""
        self._stopping.set()
        with contextlib.suppress(OSError):
            self._wakeup_writer.send(b"x")
        if self._acceptor is not None and self._acceptor is not threading.current_thread():
            self._acceptor.join()
        self._listener.close()
        self._close_connections(socket.SHUT_RD)  # idle readers wake; answers still go out
        if not self._join_connections(_GRACE_SECONDS):
            self._close_connections(socket.SHUT_RDWR)
            self._join_connections(_GRACE_SECONDS)
        self._wakeup_reader.close()
        self._wakeup_writer.close()

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def _accept(self) -> None:
        try:
            connection, _address = self._listener.accept()
        except OSError:  # the client gave up before we got to it
            return
        connection.setblocking(True)
        # Without NODELAY a response written after a request's last packet waits
        # for the client's delayed ACK (~40 ms).
        connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        thread = threading.Thread(
            target=self._serve_connection,
            args=(connection,),
            name="dynantic-dynamodb-connection",
            daemon=True,
        )
        with self._lock:
            self._connections[connection] = thread
        try:
            thread.start()
        except RuntimeError:  # out of threads: refuse this client, keep serving the others
            with self._lock:
                del self._connections[connection]
            connection.close()

    def _serve_connection(self, connection: socket.socket) -> None:
        reader = RequestReader(connection)
        try:
            while not self._stopping.is_set():
                try:
                    request = reader.read()
                except UnreadableRequestError as refused:
                    self._send(connection, HttpResponse(refused.status, [], b""), keep_alive=False)
                    _drain(connection)
                    return
                if request is None:
                    return
                keep_alive = keeps_alive(request)
                self._respond(connection, request, keep_alive)
                if not keep_alive:
                    return
        except (ClientDisconnectedError, OSError):
            pass  # the client went away; others are unaffected
        except Exception:  # never let one connection's fault reach the others
            traceback.print_exc(file=sys.stderr)
        finally:
            with self._lock:
                self._connections.pop(connection, None)
            connection.close()

    def _respond(self, connection: socket.socket, request: HttpRequest, keep_alive: bool) -> None:
        """Answer one request that has been read in full."""
        response = self._endpoint.answer(request)
        self._send(connection, response, keep_alive=keep_alive, head=request.method == "HEAD")

    def _send(
        self,
        connection: socket.socket,
        response: HttpResponse,
        *,
        keep_alive: bool,
        head: bool = False,
    ) -> None:
        data = response_bytes(
            response, date=self._date_header(), keep_alive=keep_alive, send_body=not head
        )
        connection.sendall(data)

    def _date_header(self) -> str:
        second = int(self.service.database.clock.now())
        if second != self._date_second:
            self._date = formatdate(second, usegmt=True)
            self._date_second = second
        return self._date

    def _close_connections(self, how: int) -> None:
        with self._lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(how)

    def _join_connections(self, timeout: float) -> bool:
        with self._lock:
            threads = list(self._connections.values())
        deadline = time.monotonic() + timeout
        for thread in threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        return not any(thread.is_alive() for thread in threads)


def _drain(connection: socket.socket) -> None:
    """Read and drop what the client still sends after a refusal (a body of
    16 MB, say), within limits: closing with unread data would reset the
    connection and lose the refusal before the client reads it."""
    connection.shutdown(socket.SHUT_WR)
    connection.settimeout(_GRACE_SECONDS)
    deadline = time.monotonic() + _GRACE_SECONDS
    drained = 0
    while drained < _DRAIN_BYTES and time.monotonic() < deadline:
        data = connection.recv(_DRAIN_CHUNK_BYTES)
        if not data:
            return
        drained += len(data)


@contextlib.contextmanager
def serve(
    service: Service | None = None, *, host: str = "127.0.0.1", port: int = 0
) -> Generator[str, None, None]:
    """Run an endpoint over ``service`` (a fresh one if ``None``) in a background
    thread, yield its URL, and stop it on exit.

    ``with serve(fake.service) as url: boto3.client("dynamodb", endpoint_url=url, …)``
    """
    with DynamoDBServer(service, host=host, port=port) as server:
        yield server.url

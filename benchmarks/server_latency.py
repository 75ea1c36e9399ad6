"""How long the local endpoint takes per request, and what a boto3 call costs.

Runs the endpoint in this process and timed clients in another, so the client's
work does not compete with the server's for this interpreter:

* server µs per request: from the request read in full to its response written
  (``DynamoDBServer._respond``), single-item GetItem and PutItem;
* round trip µs per call: boto3 ``get_item`` and a bare ``http.client`` POST,
  against this endpoint and, with ``--dynalite URL``, against dynalite;
* on Linux, the share of CPU time the host took from this (virtual) machine
  while the server was timed ("steal"): a run with much of it is not a
  measure of the endpoint.

    python -m benchmarks.server_latency [--calls N] [--dynalite http://127.0.0.1:4567]
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import textwrap
import time

from dynantic.testing.endpoint import HttpRequest
from dynantic.testing.server import DynamoDBServer
from dynantic.testing.service import Service

CLIENT = textwrap.dedent(
    r"""
    import http.client, json, sys, time, statistics
    from urllib.parse import urlsplit
    import boto3

    url, calls = sys.argv[1], int(sys.argv[2])
    client = boto3.client("dynamodb", endpoint_url=url, region_name="us-east-1",
                          aws_access_key_id="x", aws_secret_access_key="x")
    try:
        client.create_table(
            TableName="bench", KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST")
        time.sleep(1)  # dynalite keeps a new table CREATING for a moment
    except client.exceptions.ResourceInUseException:
        pass
    item = {"pk": {"S": "user-1"}, "name": {"S": "x" * 100}, "n": {"N": "42"}, "b": {"B": b"abc"}}
    client.put_item(TableName="bench", Item=item)
    key = {"pk": {"S": "user-1"}}

    def per_call(function):
        for _ in range(calls // 5):
            function()
        samples = []
        for _ in range(calls):
            start = time.perf_counter_ns()
            function()
            samples.append(time.perf_counter_ns() - start)
        return statistics.median(samples) / 1000

    results = {
        "boto3 get_item": per_call(lambda: client.get_item(TableName="bench", Key=key)),
        "boto3 put_item": per_call(lambda: client.put_item(TableName="bench", Item=item)),
    }
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port)
    body = json.dumps({"TableName": "bench", "Key": key})
    headers = {
        "X-Amz-Target": "DynamoDB_20120810.GetItem",
        "Content-Type": "application/x-amz-json-1.0",
        "Authorization": "AWS4-HMAC-SHA256 Credential=x/20260101/us-east-1/dynamodb/aws4_request, "
        "SignedHeaders=host, Signature=00",
        "X-Amz-Date": "20260101T000000Z",
    }

    def raw():
        connection.request("POST", "/", body=body, headers=headers)
        connection.getresponse().read()

    results["http.client GetItem"] = per_call(raw)

    # Requests written back to back on one connection (HTTP/1.1 pipelining),
    # the responses read by another thread: the server is never idle between
    # requests, as under sustained load.
    import socket, threading
    request = (
        "POST / HTTP/1.1\r\nHost: x\r\nUser-Agent: pipelined\r\n"
        + "".join(f"{name}: {value}\r\n" for name, value in headers.items())
        + f"Content-Length: {len(body)}\r\n\r\n{body}"
    ).encode()
    pipe = socket.create_connection((parts.hostname, parts.port))
    total = 2 * calls
    writer = threading.Thread(target=lambda: pipe.sendall(request * total))
    start = time.perf_counter_ns()
    writer.start()
    status = b"HTTP/1.1 200 OK"
    seen, tail = 0, b""
    while seen < total:
        data = tail + pipe.recv(1 << 20)
        seen += data.count(status)
        tail = data[-(len(status) - 1):]  # a status line split between two reads
    results["pipelined GetItem"] = (time.perf_counter_ns() - start) / total / 1000
    writer.join()
    pipe.close()
    print(json.dumps(results))
    """
)


class TimedServer(DynamoDBServer):
    """The endpoint, recording each request's time inside the server."""

    def __init__(self, service: Service) -> None:
        super().__init__(service)
        self.wall: dict[str, list[int]] = {}
        self.cpu: dict[str, list[int]] = {}

    def _respond(self, connection: socket.socket, request: HttpRequest, keep_alive: bool) -> None:
        start, start_cpu = time.perf_counter_ns(), time.thread_time_ns()
        super()._respond(connection, request, keep_alive)
        wall, cpu = time.perf_counter_ns() - start, time.thread_time_ns() - start_cpu
        operation = request.headers.get("x-amz-target", "").rpartition(".")[2]
        agent = request.headers.get("user-agent", "").lower()
        if "boto3" in agent:
            operation += " (boto3)"
        elif agent == "pipelined":
            operation += " (pipelined)"
        self.wall.setdefault(operation, []).append(wall)
        self.cpu.setdefault(operation, []).append(cpu)


def run_clients(url: str, calls: int) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, "-c", CLIENT, url, str(calls)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    results: dict[str, float] = json.loads(output)
    return results


def _cpu_ticks() -> tuple[int, int] | None:
    """The machine's stolen and total CPU ticks so far (Linux's ``/proc/stat``):
    on a virtual machine, time the host gave to others while this one wanted
    to run, which inflates every figure measured meanwhile."""
    try:
        with open("/proc/stat") as stat:
            fields = [int(field) for field in stat.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    # user nice system idle iowait irq softirq steal (guest time is in user)
    return (fields[7], sum(fields[:8])) if len(fields) >= 8 else None


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").partition("\n")[0])
    parser.add_argument("--calls", type=int, default=3000)
    parser.add_argument("--dynalite", help="URL of a running dynalite to compare with")
    arguments = parser.parse_args()

    # As the serve command runs it: no call record.
    with TimedServer(Service(record_calls=False)) as server:
        before = _cpu_ticks()
        ours = run_clients(server.url, arguments.calls)
        after = _cpu_ticks()
    print(f"server time per request, median of {arguments.calls} (wall clock / thread CPU):")
    for operation in ("GetItem (boto3)", "PutItem (boto3)", "GetItem", "GetItem (pipelined)"):
        wall = statistics.median(server.wall[operation][-arguments.calls :]) / 1000
        cpu = statistics.median(server.cpu[operation][-arguments.calls :]) / 1000
        print(f"  {operation:16} {wall:7.1f} µs / {cpu:7.1f} µs")
    if before is not None and after is not None and after[1] > before[1]:
        stolen = (after[0] - before[0]) / (after[1] - before[1])
        print(f"  (CPU time taken by the host from this machine meanwhile: {stolen:.1%})")
    print("round trip per call (median):")
    theirs = run_clients(arguments.dynalite, arguments.calls) if arguments.dynalite else {}
    for name, micros in ours.items():
        compared = f"   dynalite {theirs[name]:7.1f} µs" if name in theirs else ""
        print(f"  {name:22} dynantic {micros:7.1f} µs{compared}")


if __name__ == "__main__":
    main()

"""Submissions per second through the HTTP API with the offline extractor.

Starts `pactcheck serve` (uvicorn, loopback only) in a subprocess on a fresh data dir, then
drives it from this process: every request submits a new article (so nothing is answered
from the idempotency shortcut) and the offline extractor runs inline, so a 201 with status
`done` means stored, extracted, validated and recorded; every response is checked for that.
Bounded in count and in time. Goal on 2 cores: >= 300 submissions/s with p99 < 50 ms.

The default load generator (`--client raw`) sends pre-built requests on raw keep-alive
sockets: the generator shares the 2 cores with the server, and httpx (`--client httpx`)
costs ~1.4 ms of CPU per request against ~0.15 ms. The figures include the CPU per
submission of each server process (the extraction children included) and the load average,
since other work on the machine moves the wall-clock figures.

Run:  .venv/bin/python bench/bench_api.py [--requests 3000 --concurrency 4 --processes 1 --seconds 60]
      [--extract-processes N] (serve's default: one per core) [--client httpx]
      add --database-url postgresql+psycopg://postgres@127.0.0.1:5432/test to measure PostgreSQL
      (the tables are created in a throwaway schema and dropped afterwards).
The articles are generated here from templates (no corpus text).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

TOKEN = "bench-token-" + secrets.token_hex(12)
COUNTRIES = [("Estonia", "Tallinn"), ("Chile", "Santiago"), ("Ghana", "Accra"), ("Norway", "Oslo"), ("Peru", "Lima")]
DOCS = ["a memorandum of understanding", "an agreement", "a protocol", "a cooperation programme", "a letter of intent"]
TOPICS = ["renewable energy", "water management", "digital services", "tourism", "higher education", "customs"]


def article(i: int) -> str:
    """A self-written visit report of about 1,400 characters; `i` makes every text unique."""
    rng = random.Random(i)
    (host, city), (guest, _c) = rng.sample(COUNTRIES, 2)
    docs = rng.sample(DOCS, 3)
    topics = rng.sample(TOPICS, 3)
    return (
        f"{city}, 2025-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}. The president of {guest} arrived in {city} on an "
        f"official visit, report number {i}, and held talks with the leadership of {host}.\n\n"
        f"Following the talks, {host} and {guest} signed {docs[0]} on cooperation in {topics[0]}. "
        f"The foreign ministers of the two countries also signed {docs[1]} on {topics[1]} for the years 2025-2027.\n\n"
        f"In addition, the sides agreed to sign {docs[2]} on {topics[2]} later this year. Officials said the "
        f"documents would open new opportunities for companies from both countries, and that a joint commission "
        f"would meet in the autumn to review progress.\n\n"
        f"The two leaders also discussed regional security, trade and investment. {guest} pledged to double its "
        f"scholarships for students from {host}. A business forum with more than two hundred participants was held "
        f"on the sidelines of the visit, where several commercial contracts were discussed but not signed.\n\n"
        f"The visit ends tomorrow with a trip to the university and a meeting with the diaspora."
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(
    args: argparse.Namespace, data_dir: Path, port: int, database_url: str | None
) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "PACTCHECK_DATA_DIR": str(data_dir),
        "PACTCHECK_API_TOKENS": TOKEN,
        "PACTCHECK_BACKEND": "offline",
        "PACTCHECK_RATE_LIMIT_PER_MINUTE": "10000000",
    }
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "DATABASE_URL", "PACTCHECK_EXTRACT_PROCESSES"):
        env.pop(name, None)
    if database_url:
        env["DATABASE_URL"] = database_url
    command = [
        sys.executable, "-c", "from service.cli import main; main()", "serve",
        "--host", "127.0.0.1", "--port", str(port), "--processes", str(args.processes), "--log-level", "warning",
    ]  # fmt: skip
    if args.extract_processes is not None:
        command += ["--extract-processes", str(args.extract_processes)]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


def wait_healthy(base: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited: {process.stderr.read().decode() if process.stderr else ''}")
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise SystemExit("server did not become healthy in 60 s")


def submission(i: int, port: int) -> bytes:
    """One complete HTTP/1.1 request submitting article `i`, built before the clock starts."""
    body = json.dumps({"text": article(i), "outlet": "Bench Wire"}).encode()
    head = (
        f"POST /v1/articles HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAuthorization: Bearer {TOKEN}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


async def _exchange(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes) -> str:
    """Send one request on a kept-alive connection; `"<status> <job state>"` from the response."""
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = lines[0].split(" ", 2)[1]
    length = next((int(v) for k, _, v in (h.partition(":") for h in lines[1:]) if k.lower() == "content-length"), None)
    if length is None:
        raise SystemExit(f"response without Content-Length: {head!r}")
    body = json.loads(await reader.readexactly(length))
    return f"{status} {body.get('status', 'error')}"


async def drive_raw(
    port: int, load: list[bytes], concurrency: int, seconds: float
) -> tuple[list[float], dict[str, int], float]:
    """The default load generator: pre-built requests on raw keep-alive sockets.

    It parses just enough of each response to check the status and the job state, so it
    costs the shared CPUs a fraction of what an HTTP client library does (measured: ~0.15 ms
    per request against httpx's ~1.4 ms), which is CPU the server would otherwise lose.
    """
    requests = iter(load)
    latencies: list[float] = []
    outcomes: dict[str, int] = {}
    deadline = time.monotonic() + seconds

    async def worker() -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            for request in requests:
                if time.monotonic() > deadline:
                    return
                started = time.perf_counter()
                key = await _exchange(reader, writer, request)
                latencies.append(time.perf_counter() - started)
                outcomes[key] = outcomes.get(key, 0) + 1
        finally:
            writer.close()

    began = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return latencies, outcomes, time.perf_counter() - began


async def drive_httpx(
    port: int, load: list[int], concurrency: int, seconds: float
) -> tuple[list[float], dict[str, int], float]:
    """The same load through httpx: closer to a real client, but it takes ~1.4 ms of CPU per request."""
    latencies: list[float] = []
    outcomes: dict[str, int] = {}
    counter = iter(load)
    deadline = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    headers = {"Authorization": f"Bearer {TOKEN}"}
    base = f"http://127.0.0.1:{port}"
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30, headers=headers) as client:

        async def worker() -> None:
            for i in counter:
                if time.monotonic() > deadline:
                    return
                started = time.perf_counter()
                response = await client.post("/v1/articles", json={"text": article(i), "outlet": "Bench Wire"})
                latencies.append(time.perf_counter() - started)
                key = f"{response.status_code} {response.json().get('status', 'error')}"
                outcomes[key] = outcomes.get(key, 0) + 1

        began = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - began
    return latencies, outcomes, elapsed


DRIVERS: dict[str, Any] = {"raw": drive_raw, "httpx": drive_httpx}


def prepare(client: str, port: int, first: int, count: int) -> list[Any]:
    """The load for `client`, made before the clock and the CPU counters start (httpx builds its own)."""
    if client == "raw":
        return [submission(i, port) for i in range(first, first + count)]
    return list(range(first, first + count))


def group_cpu_seconds(pgid: int) -> dict[int, float]:
    """CPU time (user + system) per process of the server's process group, from /proc."""
    found: dict[int, float] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:  # fields after the command: state, ppid, pgrp, ...
            found[int(stat.parent.name)] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return found


def cpu_used(before: dict[int, float], after: dict[int, float]) -> list[float]:
    """Seconds of CPU each server process used in between, busiest first (shows an uneven spread)."""
    return sorted((after[pid] - before.get(pid, 0.0) for pid in after), reverse=True)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def postgres_schema(url: str) -> tuple[str, str]:
    import sqlalchemy as sa

    schema = f"pactcheck_bench_{secrets.token_hex(4)}"
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    return schema, f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"


def drop_schema(url: str, schema: str) -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=3000, help="submissions to time (after the warm-up)")
    parser.add_argument("--warmup", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=4, help="requests in flight")
    parser.add_argument("--processes", type=int, default=1, help="server processes")
    parser.add_argument(
        "--extract-processes", type=int, default=None, help="extraction processes per server process (serve's default)"
    )
    parser.add_argument("--seconds", type=float, default=60.0, help="stop the timed run after this long")
    parser.add_argument("--client", choices=sorted(DRIVERS), default="raw", help="load generator (see drive_raw)")
    parser.add_argument("--database-url", default=None, help="PostgreSQL URL (default: SQLite in a temp dir)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args()

    schema = None
    database_url = args.database_url
    if database_url:
        schema, database_url = postgres_schema(args.database_url)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="pactcheck-bench-") as tmp:
        server = start_server(args, Path(tmp) / "data", port, database_url)
        try:
            wait_healthy(base, server)
            drive = DRIVERS[args.client]
            warmup = prepare(args.client, port, 10_000_000, args.warmup)
            asyncio.run(drive(port, warmup, args.concurrency, args.seconds))
            load = prepare(args.client, port, 0, args.requests)
            load_before = os.getloadavg()[0]
            server_cpu, client_cpu = group_cpu_seconds(server.pid), time.process_time()
            latencies, outcomes, elapsed = asyncio.run(drive(port, load, args.concurrency, args.seconds))
            per_process = cpu_used(server_cpu, group_cpu_seconds(server.pid))
            client_cpu = time.process_time() - client_cpu
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
            if schema:
                drop_schema(args.database_url, schema)
    figures = {
        "database": "postgresql" if args.database_url else "sqlite",
        "processes": args.processes,
        "extract_processes": args.extract_processes if args.extract_processes is not None else "auto",
        "client": args.client,
        "concurrency": args.concurrency,
        "submissions": len(latencies),
        "seconds": round(elapsed, 2),
        "per_second": round(len(latencies) / elapsed, 1),
        "p50_ms": round(1000 * statistics.median(latencies), 1),
        "p95_ms": round(1000 * percentile(latencies, 0.95), 1),
        "p99_ms": round(1000 * percentile(latencies, 0.99), 1),
        "server_cpu_ms_per_submission": round(1000 * sum(per_process) / max(1, len(latencies)), 2),
        "server_cpu_s_per_process": [round(c, 2) for c in per_process if c >= 0.01],
        "client_cpu_ms_per_submission": round(1000 * client_cpu / max(1, len(latencies)), 2),
        "load_average_1m_before": round(load_before, 2),
        "load_average_1m_after": round(os.getloadavg()[0], 2),
        "outcomes": outcomes,
        "article_chars": len(article(0)),
        "cpus": os.cpu_count(),
    }
    print(json.dumps(figures, indent=2))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2))
    ok = figures["per_second"] >= 300 and figures["p99_ms"] < 50 and set(outcomes) == {"201 done"}
    print(f"goal (>= 300/s, p99 < 50 ms, every submission done): {'met' if ok else 'NOT met'}")


if __name__ == "__main__":
    main()

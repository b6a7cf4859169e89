"""`make bench`: serve the project under gunicorn as shipped, on PostgreSQL, and
measure its endpoints with wrk at 1× and 10× region data, each against the bare
view served by the same server in the same run.

For each scale: generate the region (bench/region.py), start gunicorn
(gunicorn.conf.py, 2 sync workers), sign the bench accounts in (a session made
with Django's session machinery, an API token from /api/v1/auth/token), then for
every endpoint of ENDPOINTS: one request to check it answers 200 and read its
SQL count (the X-Bench-Queries header), a warm-up, a load run (wrk, a few
connections: req/s, p50 and p95) and a sequential run (one connection: the
mean service time). Documents are timed sequentially only. Then the import of
10,000 people through imports.services, and the tables in Markdown."""

import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import call_command
from django.db import connection, connections

from accounts.models import User
from bench.endpoints import ENDPOINTS, Endpoint
from bench.importing import time_import
from bench.middleware import HEADER
from bench.region import BenchAccounts, generate_region
from bench.report import Options, Result, ScaleRun, markdown, num

BASE_DIR = Path(settings.BASE_DIR)
MIN_SEQUENTIAL = 5  # requests a sequential mean is taken over at least
WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH %d %d %d %d %.1f %.1f %.1f\\n",
    summary.requests, summary.duration, e.status,
    e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(95), latency.mean))
end
"""


def load_average() -> str:
    """The machine's 1-minute load average: other work skews the numbers."""
    return f"{os.getloadavg()[0]:.1f}"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# The database ---------------------------------------------------------------------


def recreate_database() -> None:
    """Drop and create the database of DATABASE_URL, which must be PostgreSQL and
    named for the benchmark (its name contains «bench»), never any other."""
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        raise RuntimeError("make bench needs PostgreSQL (DATABASE_URL=postgres://…).")
    name = db["NAME"]
    if "bench" not in name:
        raise RuntimeError(f"Refusing to recreate {name!r}: its name lacks «bench».")
    connections.close_all()
    with psycopg.connect(
        dbname="postgres",
        host=db["HOST"] or None,
        port=db["PORT"] or None,
        user=db["USER"] or None,
        password=db["PASSWORD"] or None,
        autocommit=True,
    ) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')


def fill(scale: float) -> tuple[BenchAccounts, float]:
    """Flush the database and generate the region; returns the accounts and the
    seconds it took (ANALYZE included)."""
    call_command("flush", interactive=False, verbosity=0)
    started = time.monotonic()
    accounts, counts = generate_region(scale)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    seconds = time.monotonic() - started
    log(f"scale {scale:g}: {counts} in {seconds:.1f} s")
    return accounts, seconds


# The server -----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def gunicorn(port: int) -> Iterator[str]:
    """gunicorn with the shipped gunicorn.conf.py (2 sync workers), in this
    process's environment (DEBUG off, BENCH on); yields its base URL."""
    env = {
        **os.environ,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": os.environ.get("GUNICORN_WORKERS", "2"),
    }
    log_path = Path(settings.VAR_DIR) / "gunicorn.log"
    with open(log_path, "ab") as log_file:
        process = subprocess.Popen(  # noqa: S603 - our own gunicorn and settings
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "-c",
                str(BASE_DIR / "gunicorn.conf.py"),
                "--access-logfile",
                "-" if os.environ.get("BENCH_ACCESS_LOG") else "/dev/null",
                "config.wsgi:application",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=log_file,
            stderr=log_file,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                if process.poll() is not None:
                    raise RuntimeError(f"gunicorn exited; see {log_path}.")
                try:
                    fetch(f"{base}/bench/bare/", {}, timeout=10)
                    break
                except OSError:  # not listening yet, or the worker still booting
                    time.sleep(0.2)
            else:
                raise RuntimeError(f"gunicorn did not answer; see {log_path}.")
            yield base
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


# Signing in -----------------------------------------------------------------------


def session_cookie(username: str) -> str:
    """A signed-in session of the account, made with Django's session machinery."""
    user = User.objects.get(username=username)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def api_token(base: str, username: str, password: str) -> str:
    status, _queries, body = request(
        f"{base}/api/v1/auth/token",
        {"Content-Type": "application/json"},
        method="POST",
        body=json.dumps({"username": username, "password": password}).encode(),
    )
    if status != 200:
        raise RuntimeError(f"/api/v1/auth/token answered {status} for {username}.")
    return json.loads(body)["token"]


def credentials(base: str, accounts: BenchAccounts) -> dict[str, dict[str, str]]:
    """The request headers of each caller of ENDPOINTS."""
    headers: dict[str, dict[str, str]] = {}
    for who in ("coordinator", "mentor"):
        username = getattr(accounts, who)
        headers[f"{who}-session"] = {"Cookie": session_cookie(username)}
        token = api_token(base, username, accounts.password)
        headers[f"{who}-token"] = {"Authorization": f"Bearer {token}"}
    return headers


# Measuring ------------------------------------------------------------------------


def request(
    url: str,
    headers: dict[str, str],
    *,
    method: str = "GET",
    body: bytes | None = None,
    timeout: float = 120,
) -> tuple[int, str, bytes]:
    """One HTTP request to the local server: its status, its SQL count (from
    X-Bench-Queries) and its body."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.netloc, timeout=timeout)
    try:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.getheader(HEADER, "?"), response.read()
    finally:
        connection.close()


def fetch(
    url: str, headers: dict[str, str], *, timeout: float = 120
) -> tuple[int, str]:
    """A GET: its status and its SQL count."""
    status, queries, _body = request(url, headers, timeout=timeout)
    return status, queries


def wrk(
    url: str, headers: dict[str, str], *, connections: int, threads: int, seconds: int
) -> dict[str, float]:
    """Run wrk; requests, errors, req/s and latencies in ms."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    try:
        command = [
            "wrk",
            f"-t{min(threads, connections)}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "60s",
            "-s",
            script.name,
        ]
        for name, value in headers.items():
            command += ["-H", f"{name}: {value}"]
        output = subprocess.run(  # noqa: S603 - wrk with our own arguments
            [*command, url], capture_output=True, text=True, check=True
        ).stdout
    finally:
        os.unlink(script.name)
    line = next(x for x in output.splitlines() if x.startswith("BENCH "))
    requests, micros, status_errors, io_errors, p50, p95, mean = (
        float(x) for x in line.split()[1:]
    )
    return {
        "requests": requests,
        "errors": status_errors + io_errors,
        "rps": requests / (micros / 1e6) if micros else 0.0,
        "p50": p50 / 1000,
        "p95": p95 / 1000,
        "mean": mean / 1000,
    }


def sequential_mean(url: str, headers: dict[str, str], n: int) -> float:
    """The mean time of n requests one after another, in ms (for slow documents)."""
    started = time.perf_counter()
    for _ in range(n):
        status, _queries = fetch(url, headers)
        if status != 200:
            raise RuntimeError(f"{url} answered {status} while timed.")
    return (time.perf_counter() - started) / n * 1000


def measure(
    base: str,
    endpoint: Endpoint,
    ids: dict[str, int],
    headers: dict[str, dict[str, str]],
    options: Options,
) -> Result:
    result = Result(endpoint)
    url = base + endpoint.path.format(**ids)
    hdrs = headers[endpoint.who] if endpoint.who else {}
    result.status, result.queries = fetch(url, hdrs)
    if result.status != 200:
        log(f"  {endpoint.name}: {result.status}, not timed")
        return result
    if not endpoint.load:
        fetch(url, hdrs)  # warm-up
        result.sequential_ms = sequential_mean(url, hdrs, options.document_requests)
        log(f"  {endpoint.name}: {result.sequential_ms:.0f} ms")
        return result
    run = {"connections": options.connections, "threads": options.threads}
    wrk(url, hdrs, **run, seconds=options.warmup)
    loaded = wrk(url, hdrs, **run, seconds=options.duration)
    single = wrk(url, hdrs, connections=1, threads=1, seconds=options.sequential)
    if loaded["requests"]:  # else none finished within the run: left blank
        result.rps, result.p50, result.p95 = (loaded[k] for k in ("rps", "p50", "p95"))
    result.sequential_ms = single["mean"]
    if single["requests"] < MIN_SEQUENTIAL:  # slower than the run: time a few
        result.sequential_ms = sequential_mean(url, hdrs, MIN_SEQUENTIAL)
    result.errors = int(loaded["errors"] + single["errors"])
    log(
        f"  {endpoint.name}: {num(result.rps)} req/s, p95 {num(result.p95, 0)} ms, "
        f"{result.sequential_ms:.1f} ms sequential, {result.queries} queries"
        + (f", {result.errors} errors" if result.errors else "")
    )
    return result


# The run --------------------------------------------------------------------------


def run_scale(scale: float, options: Options, *, with_import: bool) -> ScaleRun:
    accounts, seconds = fill(scale)
    run = ScaleRun(scale, seconds, load_before=load_average())
    ids = {
        "mentor_plan": accounts.mentor_plan_id,
        "document_plan": accounts.document_plan_id,
    }
    connections.close_all()
    with gunicorn(free_port()) as base:
        headers = credentials(base, accounts)
        for endpoint in ENDPOINTS:
            run.results.append(measure(base, endpoint, ids, headers, options))
    run.load_after = load_average()
    bare = next((r.rps for r in run.results if r.endpoint.kind == "bare"), None)
    for result in run.results:
        if bare and result.rps is not None:
            result.ratio = result.rps / bare
    if with_import:
        log(f"  import of {options.import_rows} people…")
        run.import_lines = time_import(accounts, options.import_rows)
        for line in run.import_lines:
            log("  " + line)
    return run


def run_bench(options: Options) -> str:
    if not shutil.which("wrk"):
        raise RuntimeError("wrk is missing: apt-get install -y wrk")
    if options.recreate_database:
        recreate_database()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    runs = [
        run_scale(
            scale,
            options,
            with_import=bool(options.import_rows) and scale == options.scales[-1],
        )
        for scale in options.scales
    ]
    report = markdown(runs, options)
    options.output.parent.mkdir(parents=True, exist_ok=True)
    options.output.write_text(report, encoding="utf-8")
    return report

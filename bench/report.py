"""The results of `make bench` and their tables in Markdown."""

import os
from dataclasses import dataclass, field
from pathlib import Path

from bench.endpoints import TARGETS, Endpoint


@dataclass
class Options:
    scales: list[float]
    duration: int  # seconds of each load run
    sequential: int  # seconds of each sequential run
    connections: int
    threads: int
    warmup: int  # seconds
    document_requests: int
    import_rows: int  # 0: no import step
    output: Path
    recreate_database: bool = True


@dataclass
class Result:
    endpoint: Endpoint
    status: int | str = 0
    queries: str = ""
    rps: float | None = None
    p50: float | None = None
    p95: float | None = None
    sequential_ms: float | None = None
    errors: int = 0
    ratio: float | None = None


@dataclass
class ScaleRun:
    scale: float
    generate_seconds: float
    load_before: str = ""
    load_after: str = ""
    results: list[Result] = field(default_factory=list)
    import_lines: list[str] = field(default_factory=list)


def num(value: float | None, digits: int = 1) -> str:
    return "" if value is None else f"{value:,.{digits}f}".replace(",", " ")


def _status(result: Result) -> str:
    if result.status == 404 and result.endpoint.kind == "mentor-screen":
        return "404 / not present"
    if result.status != 200:
        return f"**{result.status}**"
    return f"200, {result.errors} errors" if result.errors else "200"


def markdown(runs: list[ScaleRun], options: Options) -> str:
    lines = [
        f"Load: wrk, {options.connections} connections, {options.duration} s per "
        f"endpoint after a {options.warmup} s warm-up; sequential: one connection, "
        f"{options.sequential} s (documents: {options.document_requests} requests "
        f"one after another). gunicorn {os.environ.get('GUNICORN_WORKERS', '2')} "
        "sync workers, DEBUG off.",
        "",
    ]
    for run in runs:
        lines += [
            f"### Scale {run.scale:g}×",
            "",
            f"Generated in {run.generate_seconds:.0f} s; load average "
            f"{run.load_before} before the measurements, {run.load_after} after.",
            "",
            "| Endpoint | Status | SQL | req/s | p50 ms | p95 ms | sequential ms "
            "| % of bare | Target (10×) |",
            "|---|---|--:|--:|--:|--:|--:|--:|---|",
        ]
        for r in run.results:
            ratio = "" if r.ratio is None else f"{r.ratio * 100:.1f} %"
            lines.append(
                f"| {r.endpoint.name} | {_status(r)} | {r.queries} | {num(r.rps)} "
                f"| {num(r.p50, 0)} | {num(r.p95, 0)} | {num(r.sequential_ms)} "
                f"| {ratio} | {TARGETS[r.endpoint.kind]} |"
            )
        if run.import_lines:
            lines += ["", f"Import of {options.import_rows} people (in-process, "
                      "imports.services):", *run.import_lines]  # fmt: skip
        lines.append("")
    if len(runs) > 1:
        first, last = runs[0], runs[-1]
        lines += [
            f"### {first.scale:g}× → {last.scale:g}×: time per request "
            "(sequential ms; the target for lists is ≤ 1.2×)",
            "",
            f"| Endpoint | {first.scale:g}× ms | {last.scale:g}× ms | ratio |",
            "|---|--:|--:|--:|",
        ]
        for a, b in zip(first.results, last.results, strict=True):
            ratio = (
                f"{b.sequential_ms / a.sequential_ms:.2f}×"
                if a.sequential_ms and b.sequential_ms
                else ""
            )
            lines.append(
                f"| {a.endpoint.name} | {num(a.sequential_ms)} "
                f"| {num(b.sequential_ms)} | {ratio} |"
            )
        lines.append("")
    return "\n".join(lines)

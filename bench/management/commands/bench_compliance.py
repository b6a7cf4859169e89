"""Time the compliance table (page and API) on the database at hand, in this
process: run it after `generate_region --scale 10` on PostgreSQL (README,
«Compliance»; docs/benchmarks.md). Nothing is kept: the superuser it signs in
as is rolled back."""

import os
import re
import statistics
import time

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from compliance.permissions import visible_compliance_entries

FOUND = re.compile(r"Найден\w* (\d+) резервист")

# What is timed: (caller, label, address).
CASES = [
    ("root", "page, no filter", "/compliance/"),
    ("root", "page 200 of 400", "/compliance/?page=200"),
    ("root", "page, any overdue", "/compliance/?status=overdue"),
    (
        "root",
        "page, plan items overdue",
        "/compliance/?obligation=plan_items&status=overdue",
    ),
    ("root", "page, every obligation met", "/compliance/?status=met"),
    ("root", "API, 50 a page", "/api/v1/compliance"),
    (
        "root",
        "API, consultations not due",
        "/api/v1/compliance?obligation=consultations&status=not_due",
    ),
    ("bench-coordinator", "page, no filter", "/compliance/"),
    ("bench-coordinator", "page, any overdue", "/compliance/?status=overdue"),
]


class Command(BaseCommand):
    help = "Time the compliance table's page and API (mean of --repeat requests)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--repeat", type=int, default=5)

    def handle(self, *args, repeat: int, **options) -> None:
        with transaction.atomic():
            root = User.objects.create(
                username="bench-compliance-root", is_superuser=True
            )
            clients = {"root": Client(SERVER_NAME="localhost")}
            clients["root"].force_login(root)
            coordinator = User.objects.filter(username="bench-coordinator").first()
            if coordinator is not None:
                clients["bench-coordinator"] = Client(SERVER_NAME="localhost")
                clients["bench-coordinator"].force_login(coordinator)
            jit = "-"
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SHOW jit")
                    jit = cursor.fetchone()[0]
            self.stdout.write(
                f"{connection.vendor} (jit {jit}); load average "
                f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}; reservists in the reserve: "
                f"{visible_compliance_entries(root).count()}"
                + (
                    f" (bench-coordinator: {visible_compliance_entries(coordinator).count()})"
                    if coordinator
                    else ""
                )
            )
            self.stdout.write(
                "| caller | what | rows found | SQL | mean, ms | min, ms | SQL, ms |"
            )
            self.stdout.write("|---|---|---|---|---|---|---|")
            for who, label, url in CASES:
                client = clients.get(who)
                if client is None:
                    continue
                client.get(url, secure=True)  # warm-up: the session, caches
                times, sql_times = [], []
                for _ in range(repeat):
                    with CaptureQueriesContext(connection) as queries:
                        started = time.perf_counter()
                        response = client.get(url, secure=True)
                        times.append((time.perf_counter() - started) * 1000)
                    sql_times.append(
                        sum(float(q["time"]) for q in queries.captured_queries) * 1000
                    )
                    assert response.status_code == 200, (url, response.status_code)
                if url.startswith("/api/"):
                    found = str(response.json()["count"])
                else:
                    shown = FOUND.search(response.content.decode())
                    found = shown.group(1) if shown else "?"
                self.stdout.write(
                    f"| {who} | {label} | {found} | {len(queries)} | "
                    f"{statistics.mean(times):.0f} | {min(times):.0f} | "
                    f"{statistics.mean(sql_times):.0f} |"
                )
            transaction.set_rollback(True)

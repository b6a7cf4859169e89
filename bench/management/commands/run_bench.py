"""`make bench`: measure the project under gunicorn at 1× and 10× (bench/runner.py)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from bench.runner import Options, run_bench


class Command(BaseCommand):
    help = (
        "Recreate the benchmark's PostgreSQL database (DATABASE_URL, whose name "
        "must contain «bench»), generate region data at each scale, serve it with "
        "gunicorn and measure the endpoints with wrk; prints a Markdown table and "
        "writes it to --output. Run it through `make bench`."
    )
    # The database may not exist yet: no check may open a connection before the
    # runner has created it.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scales", default="1,10", help="e.g. 1,10")
        parser.add_argument("--duration", type=int, default=8, help="s per load run")
        parser.add_argument("--sequential", type=int, default=3, help="s, 1 connection")
        parser.add_argument("--warmup", type=int, default=2)
        parser.add_argument("--connections", type=int, default=4)
        parser.add_argument("--threads", type=int, default=2)
        parser.add_argument("--document-requests", type=int, default=5)
        parser.add_argument(
            "--import-rows",
            type=int,
            default=10000,
            help="people imported at the last scale; 0 skips the import step",
        )
        parser.add_argument(
            "--output", default=str(Path(settings.VAR_DIR) / "results.md")
        )
        parser.add_argument(
            "--keep-database",
            action="store_true",
            help="migrate the existing database instead of recreating it",
        )

    def handle(self, *args, **o) -> None:
        if not settings.BENCH or settings.DEBUG:
            raise CommandError(
                "Запускайте через make bench: нужны BENCH=true и DEBUG=false. "
                "(Run it through make bench: BENCH=true and DEBUG=false.)"
            )
        options = Options(
            scales=[float(s) for s in o["scales"].split(",")],
            duration=o["duration"],
            sequential=o["sequential"],
            connections=o["connections"],
            threads=o["threads"],
            warmup=o["warmup"],
            document_requests=o["document_requests"],
            import_rows=o["import_rows"],
            output=Path(o["output"]),
            recreate_database=not o["keep_database"],
        )
        try:
            report = run_bench(options)
        except RuntimeError as e:
            raise CommandError(str(e)) from e
        self.stdout.write(report)
        self.stdout.write(self.style.SUCCESS(f"Written to {options.output}."))

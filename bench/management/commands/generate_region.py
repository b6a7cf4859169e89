"""Fill an empty database with a region for the benchmark (bench/region.py)."""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from bench.region import MIN_SCALE, generate_region
from people.models import Person


class Command(BaseCommand):
    help = (
        "Generate region-scale benchmark data: at --scale 1, 2 municipalities, "
        "100 organisations, 5,000 people, 1,000 reservists with approved 20-item "
        "plans; --scale 10 is ten times that. Needs a database without people, "
        "or --flush (which erases EVERYTHING in the database first)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", type=float, default=1.0)
        parser.add_argument(
            "--flush",
            action="store_true",
            help="Erase every table of the database first (manage.py flush).",
        )

    def handle(self, *args, scale: float, flush: bool, **options) -> None:
        if scale < MIN_SCALE:
            raise CommandError(
                f"Масштаб должен быть не меньше {MIN_SCALE}. "
                f"(The scale must be at least {MIN_SCALE}.)"
            )
        if flush:
            call_command("flush", interactive=False, verbosity=0)
        elif Person.objects.exists():
            raise CommandError(
                "В базе уже есть люди: generate_region заполняет только пустую базу. "
                "Запустите с --flush, чтобы стереть всю базу. "
                "(The database already holds people: generate_region fills only an "
                "empty database; --flush erases the whole database first.)"
            )
        started = time.monotonic()
        accounts, counts = generate_region(scale)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # What autovacuum leaves a loaded database in: statistics, and the
                # visibility map that lets index-only scans skip the table (VACUUM
                # cannot run in a transaction, as under the tests: ANALYZE there).
                in_transaction = connection.in_atomic_block
                cursor.execute("ANALYZE" if in_transaction else "VACUUM ANALYZE")
        elapsed = time.monotonic() - started
        self.stdout.write(
            f"Generated at scale {scale:g} in {elapsed:.1f} s: "
            f"{counts.municipalities} municipalities, {counts.organizations} "
            f"organisations, {counts.people} people, {counts.reservists} reservists, "
            f"{counts.mentors} mentors, {counts.plans} plans, {counts.items} items."
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Accounts (password {accounts.password}): {accounts.coordinator}, "
                f"{accounts.head}, {accounts.mentor} (10 reservists, plan "
                f"{accounts.mentor_plan_id}), {accounts.reservist} (plan "
                f"{accounts.document_plan_id}, 50 items)."
            )
        )

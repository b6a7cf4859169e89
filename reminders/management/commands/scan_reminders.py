"""Store the reminders that have come due and queue their letters for the
worker; `--every SECONDS` repeats it (what `make run` starts beside the worker),
`--enqueue` leaves the scan itself to the worker."""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from reminders import services, tasks


class Command(BaseCommand):
    help = (
        "Store due deadline, overdue, internship and assessment reminders and queue "
        "their letters."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--every",
            type=int,
            default=0,
            metavar="SECONDS",
            help="Repeat every SECONDS until stopped (0: once).",
        )
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Queue the scan as a task for the worker instead of running it here.",
        )

    def handle(self, *args: Any, every: int, enqueue: bool, **options: Any) -> None:
        while True:
            if enqueue:
                tasks.scan_reminders.enqueue()
                self.stdout.write("Scan queued for the worker.")
            else:
                result = services.scan()
                self.stdout.write(
                    f"Reminders stored: {result.created}; "
                    f"letters queued again: {result.retried}."
                )
            if every <= 0:
                return
            try:
                time.sleep(every)
            except KeyboardInterrupt:
                return

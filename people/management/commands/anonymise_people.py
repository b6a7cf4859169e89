"""Anonymise the people whose retention period after leaving the reserve has passed."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from organizations.models import Municipality
from people.models import Person, retention_cutoff
from people.services import anonymise_person

SOURCE = "manage.py anonymise_people"


class Command(BaseCommand):
    help = (
        "Remove the names and contacts of people who left the reserve (appointed "
        "or excluded, with no active entry) longer ago than their municipality's "
        "retention period; run daily by the scheduler."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List whom the command would anonymise, and change nothing.",
        )

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        today = timezone.localdate()
        done = 0
        for municipality in Municipality.objects.all():
            cutoff = retention_cutoff(
                years=municipality.personal_data_years, today=today
            )
            due = (
                Person.objects.filter(municipality=municipality)
                .left_reserve_by(cutoff)
                .select_related("organization__municipality")
            )
            for person in due:
                self.stdout.write(f"{municipality.name}: #{person.pk}")
                if not dry_run:
                    anonymise_person(person=person, by=None, today=today, source=SOURCE)
                done += 1
        verb = "would be anonymised" if dry_run else "anonymised"
        self.stdout.write(f"{done} people {verb}.")

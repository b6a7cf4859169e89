"""The periodic scan: store the reminders that have come due (each once) and
queue their letters; then queue the letters whose retry time has come."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from notifications.models import DEFAULT_DAYS_BEFORE, ReminderSettings
from notifications.services import notify_many, retry_due_emails
from reminders.rules import (
    assessment_reminders,
    internship_reminders,
    plan_item_reminders,
    preparation_reminders,
    study_reminders,
)


@dataclass(frozen=True)
class ScanResult:
    created: int
    retried: int


def scan(today: date | None = None) -> ScanResult:
    """Run every rule for `today` (the municipality's date by default); safe to
    run at any time and any number of times: what was told is not told again."""
    today = today or timezone.localdate()
    days_before = dict(
        ReminderSettings.objects.values_list("municipality_id", "days_before")
    )
    with transaction.atomic():
        created = notify_many(
            [
                *plan_item_reminders(today, days_before, DEFAULT_DAYS_BEFORE),
                *assessment_reminders(today, days_before, DEFAULT_DAYS_BEFORE),
                *study_reminders(today, days_before, DEFAULT_DAYS_BEFORE),
                *preparation_reminders(today, days_before, DEFAULT_DAYS_BEFORE),
                *internship_reminders(today, days_before, DEFAULT_DAYS_BEFORE),
            ]
        )
    return ScanResult(created=created, retried=retry_due_emails())

"""How mentorships follow the reserve (signals of reserve/signals.py)."""

from datetime import date
from typing import Any

from django.dispatch import receiver

from mentorships.services import end_mentorships_of_entry
from reserve.models import ReserveEntry
from reserve.signals import entry_ended


@receiver(entry_ended, dispatch_uid="mentorships.end_with_the_reserve_entry")
def end_with_the_reserve_entry(
    sender: type, *, entry: ReserveEntry, reason: str, on: date, **kwargs: Any
) -> None:
    """A reservist who left the reserve has no mentor any more."""
    end_mentorships_of_entry(entry=entry, reason=reason, on=on)

"""How plans follow mentorships (signals of mentorships/signals.py)."""

from typing import Any

from django.dispatch import receiver

from mentorships.models import Mentorship
from mentorships.signals import mentorship_started
from plans.services import reassign_plans


@receiver(mentorship_started, dispatch_uid="plans.hand_plans_to_the_mentor")
def hand_plans_to_the_mentor(
    sender: type, *, mentorship: Mentorship, **kwargs: Any
) -> None:
    """Open plans follow the reservist to the mentor an order appointed."""
    reassign_plans(entry=mentorship.reserve_entry)

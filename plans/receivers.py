"""How plans follow mentorships and people (signals of mentorships/signals.py and
people/signals.py)."""

from typing import Any

from django.dispatch import receiver

from mentorships.models import Mentorship
from mentorships.signals import mentorship_started
from people.models import Person
from people.signals import person_moved
from plans.models import IndividualPlan
from plans.services import reassign_plans


@receiver(mentorship_started, dispatch_uid="plans.hand_plans_to_the_mentor")
def hand_plans_to_the_mentor(
    sender: type, *, mentorship: Mentorship, **kwargs: Any
) -> None:
    """Open plans follow the reservist to the mentor an order appointed."""
    reassign_plans(entry=mentorship.reserve_entry)


@receiver(person_moved, dispatch_uid="plans.follow_the_person")
def follow_the_person(sender: type, *, person: Person, **kwargs: Any) -> None:
    """The reservist's plans move with them to their new municipality's lists."""
    IndividualPlan.objects.filter(reserve_entry__person=person).update(
        municipality_id=person.municipality_id
    )

"""How reserve entries follow people (signals of people/signals.py)."""

from typing import Any

from django.dispatch import receiver

from people.models import Person
from people.signals import person_moved
from reserve.models import ReserveEntry


@receiver(person_moved, dispatch_uid="reserve.follow_the_person")
def follow_the_person(sender: type, *, person: Person, **kwargs: Any) -> None:
    """The person's reserve entries move with them to their new municipality's
    lists."""
    ReserveEntry.objects.filter(person=person).update(
        municipality_id=person.municipality_id
    )

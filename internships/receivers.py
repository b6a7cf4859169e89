"""How internships follow lower apps: a new municipality gets the default forms,
a registered order hands open internships to the new mentor, a moved person
takes their internships to the new municipality's lists."""

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from internships.models import Internship
from internships.services import add_default_forms, follow_new_mentor
from mentorships.models import Mentorship
from mentorships.signals import mentorship_started
from organizations.models import Municipality
from people.models import Person
from people.signals import person_moved


@receiver(post_save, sender=Municipality, dispatch_uid="internships.default_forms")
def give_default_forms(
    sender: type,
    *,
    instance: Municipality,
    created: bool,
    raw: bool = False,
    **kwargs: Any,
) -> None:
    """A new municipality starts with the default catalogue of forms."""
    if created and not raw:
        add_default_forms(municipality=instance)


@receiver(mentorship_started, dispatch_uid="internships.follow_the_mentor")
def hand_internships_to_the_mentor(
    sender: type, *, mentorship: Mentorship, **kwargs: Any
) -> None:
    """Open internships follow the reservist to the mentor an order appointed."""
    follow_new_mentor(mentorship=mentorship)


@receiver(person_moved, dispatch_uid="internships.follow_the_person")
def follow_the_person(sender: type, *, person: Person, **kwargs: Any) -> None:
    """The reservist's internships move with them to their new municipality."""
    Internship.objects.filter(reserve_entry__person=person).update(
        municipality_id=person.municipality_id
    )

"""Every new municipality starts its catalogue of event kinds with the defaults."""

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from events.services import add_default_kinds
from organizations.models import Municipality


@receiver(post_save, sender=Municipality, dispatch_uid="events_default_kinds")
def give_default_kinds(
    sender: type[Municipality], instance: Municipality, created: bool, **kwargs: Any
) -> None:
    if created and not kwargs.get("raw"):
        add_default_kinds(municipality=instance)

"""What people tell the apps above them, and what a person's change does to the
cached roles and scope of its account.

`person_moved` follows the rule of reserve/signals.py: the lower service sends it
inside its transaction, the higher app's `receivers.py` acts on it. The receivers
below (connected in PeopleConfig.ready()) drop the cached principal of the
accounts whose person changed: a person's account and organisation are its scope."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal

from accounts.models import User
from accounts.permissions import forget_principals
from people.models import Person

# A person moved to an organisation of another municipality; the rows that copy
# the municipality (reserve.ReserveEntry.municipality,
# plans.IndividualPlan.municipality) follow.
# Arguments: person (Person).
person_moved = Signal()


def account_in_memory(instance: Person) -> list[User]:
    return [instance.user] if Person.user.is_cached(instance) and instance.user else []


def person_saved(
    sender: type, instance: Person, created: bool, **kwargs: object
) -> None:
    known_user, former_user = instance.remembered("user_id")
    known_org, former_org = instance.remembered("organization_id")
    unchanged = (
        known_user
        and known_org
        and former_user == instance.user_id
        and former_org == instance.organization_id
    )
    if not unchanged:
        forget_principals(
            [instance.user_id, former_user], in_memory=account_in_memory(instance)
        )
    instance.remember_values()


def person_deleted(sender: type, instance: Person, **kwargs: object) -> None:
    forget_principals([instance.user_id], in_memory=account_in_memory(instance))


def connect() -> None:
    post_save.connect(person_saved, sender=Person, dispatch_uid="person_saved")
    post_delete.connect(person_deleted, sender=Person, dispatch_uid="person_deleted")

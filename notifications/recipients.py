"""Who is told: the accounts of people, and the holders of a role in a scope.
A domain's service picks its recipients with these and passes them to notify()."""

from collections.abc import Iterable

from django.db.models import QuerySet

from accounts.models import Role, User
from people.models import Person

Recipient = User | Person | None


def user_ids(recipients: Iterable[Recipient]) -> list[int]:
    """The account ids of users and of people with an account, each once, in
    order; people without an account and None are left out (no query)."""
    found: dict[int, None] = {}
    for recipient in recipients:
        if isinstance(recipient, Person):
            if recipient.user_id is not None:
                found[recipient.user_id] = None
        elif isinstance(recipient, User) and recipient.pk is not None:
            found[recipient.pk] = None
    return list(found)


def coordinators(municipality_id: int) -> QuerySet[User]:
    """The municipality's coordinators."""
    return User.objects.filter(
        roles__role=Role.COORDINATOR, roles__municipality_id=municipality_id
    ).distinct()


def heads(organization_id: int) -> QuerySet[User]:
    """The organisation's heads."""
    return User.objects.filter(
        roles__role=Role.HEAD, roles__organization_id=organization_id
    ).distinct()

"""Read models for the home pages."""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q

from accounts.models import User
from accounts.permissions import principal
from organizations.permissions import visible_organizations
from people.permissions import visible_people, visible_positions


@dataclass
class HomeCounts:
    organizations: int
    people: int
    administrative_people: int
    positions: int


def home_counts(user: User | AnonymousUser) -> HomeCounts:
    """Real counts of what the user's scope holds (three queries)."""
    p = principal(user)
    people = visible_people(user).aggregate(
        total=Count("pk"),
        administrative=Count("pk", filter=Q(position__is_administrative=True)),
    )
    return HomeCounts(
        organizations=visible_organizations(user).count(),
        people=people["total"],
        administrative_people=people["administrative"],
        positions=visible_positions(user).count()
        if p.is_superuser or p.is_coordinator
        else 0,
    )

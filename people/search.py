"""Type-ahead person selects: each form that chooses a person names a purpose and
registers, under it, the people it accepts (its own queryset), so that the search
endpoint offers exactly what the form will accept.

Higher apps register at import of their views (the URLconf imports every view
before the first request is resolved)."""

from collections.abc import Callable

from django.http import HttpRequest

from people.models import PersonQuerySet

# purpose → the people the form of that purpose accepts for the request's user
# (the request carries the purpose's parameters, e.g. the organisation).
PURPOSES: dict[str, Callable[[HttpRequest], PersonQuerySet]] = {}

# Options one answer offers: enough to pick from, small at any size of the region.
LIMIT = 20


def register(purpose: str, people: Callable[[HttpRequest], PersonQuerySet]) -> None:
    PURPOSES[purpose] = people


def found(people: PersonQuerySet, text: str) -> PersonQuerySet:
    """Up to LIMIT people whose full name contains the text («ё» as «е»)."""
    return people.search(text).select_related("organization")[:LIMIT]

"""Type-ahead selects: each form that chooses a person (or a record of a person, such
as a reserve entry) names a purpose and registers, under it, the people it accepts
(its own queryset), so that the search endpoint offers exactly what the form will
accept — and, if the form needs more than the name, how its options read.

Higher apps register at import of their views (the URLconf imports every view
before the first request is resolved)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest

from people.models import Person, PersonQuerySet

# Options one answer offers: enough to pick from, small at any size of the region.
LIMIT = 20

# One option: the value the form posts and the text the user reads.
Option = tuple[int, str]


def person_options(request: HttpRequest, people: list[Person]) -> list[Option]:
    """The default options: the person's id, full name and organisation."""
    return [(p.pk, f"{p.full_name} ({p.organization.short_name})") for p in people]


@dataclass(frozen=True)
class Purpose:
    # The people the form of that purpose accepts for the request's user (the
    # request carries the purpose's parameters, e.g. the organisation).
    people: Callable[[HttpRequest], PersonQuerySet]
    # The options of the found people (at most LIMIT): a constant number of queries.
    options: Callable[[HttpRequest, list[Person]], list[Option]] = person_options


# purpose → what its form accepts and how its options read
PURPOSES: dict[str, Purpose] = {}


def register(
    purpose: str,
    people: Callable[[HttpRequest], PersonQuerySet],
    options: Callable[[HttpRequest, list[Person]], list[Option]] = person_options,
) -> None:
    PURPOSES[purpose] = Purpose(people, options)


def found(people: PersonQuerySet, text: str) -> list[Person]:
    """Up to LIMIT people whose full name contains the text («ё» as «е»)."""
    return list(people.search(text).select_related("organization")[:LIMIT])


def search_options(request: HttpRequest, purpose: Purpose, text: str) -> list[Option]:
    return purpose.options(request, found(purpose.people(request), text))

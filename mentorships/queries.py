"""Reads across people, the reserve and mentorships: mentors with their load,
the choices of the order form, the mentor's reservists."""

import re
from datetime import date
from typing import TYPE_CHECKING, TypedDict

from django.contrib.auth.models import AnonymousUser
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)

from accounts.models import User
from mentorships.models import MentorOrder, Mentorship
from mentorships.permissions import visible_mentorships_as_mentor
from organizations.models import Organization
from people.models import Person, PersonQuerySet
from reserve.models import ReserveEntry

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

CURRENT = [Mentorship.Status.PENDING, Mentorship.Status.ACTIVE]


class Load(TypedDict):
    """What a mentor carries from _with_load()."""

    n_current: int


class OrderLoad(Load):
    """What a mentor carries from eligible_mentors(): the load and its limit."""

    max_load: int


class MentorListing(Load):
    """What a mentor carries from mentors_for_list()."""

    is_eligible: bool
    current_mentorships: list[Mentorship]


class ActiveMentorships(TypedDict):
    """What a reserve entry carries from reservists_for_order()."""

    active_mentorships: list[Mentorship]


if TYPE_CHECKING:
    # The people and entries these reads give, with what they annotate or prefetch.
    LoadedMentor = WithAnnotations[Person, Load]
    EligibleMentor = WithAnnotations[Person, OrderLoad]
    ListedMentor = WithAnnotations[Person, MentorListing]
    OrderReservist = WithAnnotations[ReserveEntry, ActiveMentorships]


def _with_load(people: QuerySet[Person]) -> "QuerySet[LoadedMentor]":
    """Annotate n_current: the pending and active mentorships of each person."""
    return people.annotate(
        n_current=Count(
            "mentorships_as_mentor",
            filter=Q(mentorships_as_mentor__status__in=CURRENT),
            distinct=True,
        )
    )


def eligible_mentors(
    organization: Organization, among: PersonQuerySet | None = None
) -> "QuerySet[EligibleMentor]":
    """People of the organisation (among those given) who meet clause 6
    (administrative position, experience at the municipality's threshold, readiness
    confirmed), with their load as n_current and its limit as max_load, in one
    query."""
    municipality = organization.municipality
    people = Person.objects.all() if among is None else among
    return (
        _with_load(
            people.filter(
                organization=organization,
                position__is_administrative=True,
                management_experience__gte=municipality.mentor_min_experience,
                mentor_readiness__isnull=False,
            ).select_related("position")
        )
        .annotate(max_load=F("organization__municipality__mentor_max_load"))
        .order_by("last_name", "first_name", "middle_name", "pk")
    )


def reservists_for_order(organization: Organization) -> "QuerySet[OrderReservist]":
    """Active reserve entries of the organisation's people, each with its active
    mentorship (to say who is replaced), in two queries."""
    active = Mentorship.objects.filter(status=Mentorship.Status.ACTIVE)
    # A plain QuerySet to mypy, whose django-stubs plugin then types the prefetched
    # list (it cannot on a custom QuerySet such as ReserveEntryQuerySet).
    entries: QuerySet[ReserveEntry] = (
        ReserveEntry.objects.active()
        .filter(person__organization=organization)
        .select_related("person", "target_position")
    )
    return entries.prefetch_related(
        Prefetch(
            "mentorships",
            queryset=active.select_related("mentor"),
            to_attr="active_mentorships",
        )
    ).order_by("person__last_name", "person__first_name", "pk")


MENTOR_ORDER = ("last_name", "first_name", "middle_name", "pk")


def mentors_in_list_order(people: PersonQuerySet) -> PersonQuerySet:
    """Those of the people who confirmed readiness or mentor someone now, plain, by
    name: the paged list counts and picks its page on them (annotate_mentors then
    annotates the page's rows)."""
    current = Mentorship.objects.filter(mentor=OuterRef("pk"), status__in=CURRENT)
    return people.filter(Q(mentor_readiness__isnull=False) | Exists(current)).order_by(
        *MENTOR_ORDER
    )


def annotate_mentors(people: QuerySet[Person]) -> "QuerySet[ListedMentor]":
    """The people with their load (n_current), limit, eligibility (is_eligible) and
    current mentorships (current_mentorships); two queries."""
    is_eligible = ExpressionWrapper(
        Q(position__is_administrative=True)
        & Q(
            management_experience__gte=F(
                "organization__municipality__mentor_min_experience"
            )
        )
        & Q(mentor_readiness__isnull=False),
        output_field=BooleanField(),
    )
    mentorships = (
        Mentorship.objects.filter(status__in=CURRENT)
        .select_related("reserve_entry__person", "reserve_entry__target_position")
        .order_by("reserve_entry__person__last_name", "pk")
    )
    return (
        _with_load(people)
        .annotate(is_eligible=is_eligible)
        .select_related("organization__municipality", "position", "mentor_readiness")
        .prefetch_related(
            Prefetch(
                "mentorships_as_mentor",
                queryset=mentorships,
                to_attr="current_mentorships",
            )
        )
        .order_by(*MENTOR_ORDER)
    )


def mentors_for_list(people: PersonQuerySet) -> "QuerySet[ListedMentor]":
    """mentors_in_list_order with annotate_mentors: the whole list (the export)."""
    return annotate_mentors(mentors_in_list_order(people))


def my_reservists(user: User | AnonymousUser) -> list[Mentorship]:
    """The mentor's pending and active mentorships by the reservist's name (one
    query); plans.queries.with_mentee_plans adds their plans."""
    return list(
        visible_mentorships_as_mentor(user)
        .current()
        .for_list()
        .order_by("reserve_entry__person__last_name", "reserve_entry__person__pk")
    )


def order_people_ids(order: MentorOrder) -> list[int]:
    """The people an order's document names (mentors, reservists, the mentors
    replaced), for the access log; one query."""
    rows = Mentorship.objects.filter(order=order).values_list(
        "mentor_id", "reserve_entry__person_id", "replaces__mentor_id"
    )
    return [pk for row in rows for pk in row if pk is not None]


# A register number: digits with what stands before and after them («15-к»).
_REGISTER_NUMBER = re.compile(r"^(\D*)(\d+)(\D*)$")


def next_order_number(organization: Organization, day: date) -> str:
    """The number to suggest for the organisation's next order dated `day`: its
    highest number of that year plus one, with the same prefix and suffix
    («15-к» → «16-к»); «1» with the suffix of its latest earlier order when the
    year has none; empty when the register has no numbered order. One query."""
    numbers = MentorOrder.objects.filter(
        organization=organization, year__lte=day.year
    ).values_list("year", "number")
    best: tuple[int, int, str, str] | None = None
    for year, number in numbers.order_by("-year", "-date", "-pk")[:500]:
        found = _REGISTER_NUMBER.match(number.strip())
        if found is None:
            continue
        prefix, digits, suffix = found.groups()
        key = (year, int(digits), prefix, suffix)
        if best is None or key[:2] > best[:2]:
            best = key
    if best is None:
        return ""
    year, n, prefix, suffix = best
    return f"{prefix}{n + 1 if year == day.year else 1}{suffix}"

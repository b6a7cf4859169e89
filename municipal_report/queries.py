"""The reads of the municipality's report: one query per sheet whatever the size.

Figures are aggregated in SQL (`Count(…, filter=…)`), and the sheets of rows read
plain values through `iterator()`, so the report of a region costs the same
number of queries as the demo's (tests assert it at two sizes). Each function
takes the municipality and the period (both ends included)."""

from collections.abc import Iterator
from datetime import date
from typing import Any

from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce

from attestation.models import Attestation
from events.models import Event, Involvement
from internships.models import Internship
from mentorships.models import Mentorship
from municipal_report.period import Period
from organizations.models import Municipality
from plans.models import IndividualPlan, PlanItem
from reserve.models import ReserveEntry
from studies.models import StudyAssignment


def _person(prefix: str) -> list[str]:
    """The value names of a person's name reached through `prefix`."""
    return [f"{prefix}last_name", f"{prefix}first_name", f"{prefix}middle_name"]


def full_name(row: dict[str, Any], prefix: str) -> str:
    """«Фамилия Имя Отчество» of the person whose names `row` holds under `prefix`."""
    parts = (
        row[f"{prefix}{part}"] for part in ("last_name", "first_name", "middle_name")
    )
    return " ".join(p for p in parts if p)


# ---------------------------------------------------------------- the reserve


def _ended_on() -> Coalesce:
    """The day the entry left the reserve (appointed or excluded), or null."""
    return Coalesce("appointed_on", "excluded_on")


def reserve_entries(municipality: Municipality) -> Any:
    """The municipality's entries with the day each left the reserve annotated."""
    return ReserveEntry.objects.filter(municipality=municipality).annotate(
        left_on=_ended_on()
    )


def in_on_before(day: date) -> Q:
    """Not left the reserve before `day` (still in it on the morning of `day`)."""
    return Q(left_on__isnull=True) | Q(left_on__gte=day)


def reserve_figures(municipality: Municipality, period: Period) -> dict[str, int]:
    """In the reserve at the start, included, appointed and excluded during the
    period, and in the reserve at its end: one query."""
    start, end = period.start, period.end
    return reserve_entries(municipality).aggregate(
        at_start=Count("pk", filter=Q(included_on__lt=start) & in_on_before(start)),
        included=Count("pk", filter=Q(included_on__range=(start, end))),
        appointed=Count("pk", filter=Q(appointed_on__range=(start, end))),
        excluded=Count("pk", filter=Q(excluded_on__range=(start, end))),
        at_end=Count(
            "pk",
            filter=Q(included_on__lte=end)
            & (Q(left_on__isnull=True) | Q(left_on__gt=end)),
        ),
    )


def reserve_rows(municipality: Municipality, period: Period) -> Iterator[dict]:
    """Every entry in the reserve at some day of the period, by name."""
    return (
        reserve_entries(municipality)
        .filter(included_on__lte=period.end)
        .filter(in_on_before(period.start))
        .order_by(
            "person__last_name", "person__first_name", "person__middle_name", "pk"
        )
        .values(
            "pk",
            "person_id",
            *_person("person__"),
            "person__organization__short_name",
            "person__position__name",
            "target_position__name",
            "basis_number",
            "basis_date",
            "included_on",
            "term_until",
            "appointed_on",
            "appointed_position",
            "excluded_on",
            "exclusion_reason",
        )
        .iterator()
    )


# ---------------------------------------------------------------- mentors


def _in_force(period: Period) -> Q:
    """A mentorship in force (by a registered order) on some day of the period."""
    return (
        ~Q(status=Mentorship.Status.PENDING)
        & Q(starts_on__lte=period.end)
        & (Q(ended_on__isnull=True) | Q(ended_on__gte=period.start))
    )


def mentor_rows(municipality: Municipality, period: Period) -> Iterator[dict]:
    """Each mentor who guided a reservist during the period, with the number of
    reservists guided during it and at its end (their load), by name."""
    at_end = Q(starts_on__lte=period.end) & (
        Q(ended_on__isnull=True) | Q(ended_on__gt=period.end)
    )
    return (
        Mentorship.objects.filter(municipality=municipality)
        .filter(_in_force(period))
        .values(
            "mentor_id",
            *_person("mentor__"),
            "mentor__organization__short_name",
            "mentor__position__name",
        )
        .annotate(
            guided=Count("reserve_entry_id", distinct=True),
            at_end=Count("reserve_entry_id", filter=at_end, distinct=True),
        )
        .order_by(*_person("mentor__"), "mentor_id")
        .iterator()
    )


# ---------------------------------------------------------------- plans


PLAN_ITEM_COUNTS = ("total", "on_time", "late", "not_done", "overdue", "open")


def plan_rows(
    municipality: Municipality, period: Period, today: date
) -> Iterator[dict]:
    """Each plan whose period meets the report's, with its items due within the
    report's period counted: done on time, done late, not done, overdue (open past
    the deadline today) and open (not due yet); excluded items are left out."""
    due = Q(items__deadline__range=(period.start, period.end)) & ~Q(
        items__status=PlanItem.Status.CANCELLED
    )
    done = Q(items__status=PlanItem.Status.DONE)
    open_ = Q(items__status__in=PlanItem.OPEN)
    return (
        IndividualPlan.objects.filter(
            municipality=municipality,
            period_start__lte=period.end,
            period_end__gte=period.start,
        )
        .values(
            "pk",
            "reserve_entry__person_id",
            *_person("reserve_entry__person__"),
            *_person("mentor__"),
            "period_start",
            "period_end",
            "status",
            "approved_at",
        )
        .annotate(
            total=Count("items", filter=due),
            on_time=Count(
                "items", filter=due & done & Q(items__done_on__lte=F("items__deadline"))
            ),
            late=Count(
                "items", filter=due & done & Q(items__done_on__gt=F("items__deadline"))
            ),
            not_done=Count(
                "items", filter=due & Q(items__status=PlanItem.Status.NOT_DONE)
            ),
            overdue=Count("items", filter=due & open_ & Q(items__deadline__lt=today)),
            open=Count("items", filter=due & open_ & Q(items__deadline__gte=today)),
        )
        .order_by(*_person("reserve_entry__person__"), "period_start", "pk")
        .iterator()
    )


# ---------------------------------------------------------------- events


DEGREES = [d.value for d in Involvement.Degree]


def event_rows(municipality: Municipality, period: Period) -> Iterator[dict]:
    """The municipality's events starting within the period, by date, with their
    reservists invited, accepted, declined, attended and absent, and those who
    attended by degree of participation."""
    attended = Q(involvements__attendance=Involvement.Attendance.ATTENDED)
    by_degree = {
        f"degree_{degree}": Count(
            "involvements", filter=attended & Q(involvements__degree=degree)
        )
        for degree in DEGREES
    }
    return (
        Event.objects.filter(
            municipality=municipality,
            starts_at__date__range=(period.start, period.end),
        )
        .values(
            "pk",
            "starts_at",
            "title",
            "kind__name",
            "organization__short_name",
            "place",
        )
        .annotate(
            invited=Count("involvements"),
            accepted=Count(
                "involvements",
                filter=Q(involvements__status=Involvement.Status.ACCEPTED),
            ),
            declined=Count(
                "involvements",
                filter=Q(involvements__status=Involvement.Status.DECLINED),
            ),
            attended=Count("involvements", filter=attended),
            absent=Count(
                "involvements",
                filter=Q(involvements__attendance=Involvement.Attendance.ABSENT),
            ),
            **by_degree,
        )
        .order_by("starts_at", "pk")
        .iterator()
    )


# ---------------------------------------------------------------- internships


def internship_rows(municipality: Municipality, period: Period) -> Iterator[dict]:
    """The internships whose dates meet the period, by start."""
    return (
        Internship.objects.filter(
            municipality=municipality,
            starts_on__lte=period.end,
            ends_on__gte=period.start,
        )
        .values(
            "pk",
            "reserve_entry__person_id",
            *_person("reserve_entry__person__"),
            *_person("mentor__"),
            "form__name",
            "host_organization__short_name",
            *_person("supervisor__"),
            "starts_on",
            "ends_on",
            "status",
            "completed_on",
            "assessment",
        )
        .order_by("starts_on", "pk")
        .iterator()
    )


# ---------------------------------------------------------------- legal acts


def check_rows(municipality: Municipality, period: Period) -> Iterator[dict]:
    """The assignments to study a legal act due or checked within the period,
    by deadline."""
    return (
        StudyAssignment.objects.filter(municipality=municipality)
        .filter(
            Q(due_on__range=(period.start, period.end))
            | Q(checked_at__date__range=(period.start, period.end))
        )
        .values(
            "pk",
            "mentorship__reserve_entry__person_id",
            *_person("mentorship__reserve_entry__person__"),
            *_person("mentorship__mentor__"),
            "act__kind",
            "act__number",
            "act__adopted_on",
            "act__title",
            "articles",
            "check_method",
            "due_on",
            "status",
            "checked_at",
        )
        .order_by("due_on", "pk")
        .iterator()
    )


# ---------------------------------------------------------------- attestation


def attestation_rows(municipality: Municipality, period: Period) -> Iterator[dict]:
    """The reservists on the agenda of the sessions held within the period."""
    return (
        Attestation.objects.filter(
            municipality=municipality,
            session__date__range=(period.start, period.end),
        )
        .values(
            "pk",
            "reserve_entry__person_id",
            "session__date",
            "session__number",
            *_person("reserve_entry__person__"),
            "reserve_entry__target_position__name",
            *_person("mentor__"),
            "status",
            "decision",
            "votes_for",
            "votes_against",
            "new_term_until",
            "exclusion_reason",
        )
        .order_by("session__date", "session_id", "position", "pk")
        .iterator()
    )


# ---------------------------------------------------------------- appointments


def appointment_rows(municipality: Municipality, period: Period) -> Iterator[dict]:
    """The reservists appointed within the period, by the day."""
    return (
        ReserveEntry.objects.filter(
            municipality=municipality,
            status=ReserveEntry.Status.APPOINTED,
            appointed_on__range=(period.start, period.end),
        )
        .values(
            "pk",
            "person_id",
            *_person("person__"),
            "person__organization__short_name",
            "target_position__name",
            "appointed_position",
            "appointed_on",
            "included_on",
            "term_until",
        )
        .order_by("appointed_on", "person__last_name", "pk")
        .iterator()
    )

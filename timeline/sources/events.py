"""The reservist's events (clause 8.2): the events they are involved in, the
invitation, their answer, the outcome they recorded and the attendance.

Every row comes from events.permissions.visible_involvements, of this entry."""

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events.models import Involvement
from events.permissions import visible_involvements
from reserve.models import ReserveEntry
from timeline.sources.base import (
    AnyUser,
    Detail,
    Kind,
    Period,
    Source,
    as_rows,
    keyed,
    who,
)

EVENTS = Kind("events", gettext_lazy("Events"))
KINDS = (EVENTS,)

Status = Involvement.Status
Attendance = Involvement.Attendance


def _involvements(user: AnyUser, entry: ReserveEntry) -> QuerySet[Involvement]:
    return visible_involvements(user).filter(reserve_entry=entry)


def _held_rows(user: AnyUser, entry: ReserveEntry, period: Period) -> QuerySet:
    found = _involvements(user, entry).filter(period.on_moments("event__starts_at"))
    return as_rows(found, "event_held", "event__starts_at")


def _invited_rows(user: AnyUser, entry: ReserveEntry, period: Period) -> QuerySet:
    found = _involvements(user, entry).filter(period.on_moments("created_at"))
    return as_rows(found, "event_invited", "created_at")


def _answered_rows(user: AnyUser, entry: ReserveEntry, period: Period) -> QuerySet:
    found = _involvements(user, entry).filter(responded_at__isnull=False)
    return as_rows(
        found.filter(period.on_moments("responded_at")),
        "event_answered",
        "responded_at",
    )


def _outcome_rows(user: AnyUser, entry: ReserveEntry, period: Period) -> QuerySet:
    found = _involvements(user, entry).filter(outcome_at__isnull=False)
    return as_rows(
        found.filter(period.on_moments("outcome_at")), "event_outcome", "outcome_at"
    )


def _attendance_rows(user: AnyUser, entry: ReserveEntry, period: Period) -> QuerySet:
    found = _involvements(user, entry).filter(attendance_marked_at__isnull=False)
    return as_rows(
        found.filter(period.on_moments("attendance_marked_at")),
        "event_attendance",
        "attendance_marked_at",
    )


def _load(user: AnyUser, ids: list[int]) -> dict[int, Any]:
    found = Involvement.objects.filter(pk__in=ids)
    return keyed(
        found.select_related(
            "event__kind", "invited_by__person", "attendance_marked_by__person"
        )
    )


def _detail(involvement: Involvement, title: str, **fields: str) -> Detail:
    event = involvement.event
    return Detail(
        title=title,
        subject=f"{event.kind.name}: {event.title}",
        status=involvement.get_degree_display(),
        url=reverse("events:card", args=[event.pk]),
        **fields,
    )


def _describe_held(involvement: Involvement) -> Detail:
    return _detail(involvement, _("Event"), text=involvement.task)


def _describe_invited(involvement: Involvement) -> Detail:
    return _detail(
        involvement, _("Invited to an event"), who=who(involvement.invited_by)
    )


def _describe_answered(involvement: Involvement) -> Detail:
    if involvement.status == Status.DECLINED:
        return _detail(
            involvement, _("Declined the invitation"), text=involvement.decline_reason
        )
    return _detail(involvement, _("Accepted the invitation"))


def _describe_outcome(involvement: Involvement) -> Detail:
    return _detail(
        involvement,
        _("Outcome of the participation recorded"),
        text=involvement.outcome_text,
    )


def _describe_attendance(involvement: Involvement) -> Detail:
    attended = involvement.attendance == Attendance.ATTENDED
    return _detail(
        involvement,
        _("Attended the event") if attended else _("Did not attend the event"),
        who=who(involvement.attendance_marked_by),
    )


SOURCES = (
    Source("event_held", EVENTS, _held_rows, _load, _describe_held),
    Source("event_invited", EVENTS, _invited_rows, _load, _describe_invited),
    Source("event_answered", EVENTS, _answered_rows, _load, _describe_answered),
    Source("event_outcome", EVENTS, _outcome_rows, _load, _describe_outcome),
    Source("event_attendance", EVENTS, _attendance_rows, _load, _describe_attendance),
)

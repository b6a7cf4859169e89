"""The reservist's internships (clause 8.3): set, begun on the planned day,
started, completed, and the supervisor's conclusion.

Every row comes from internships.permissions.visible_internships, of this entry."""

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from internships.models import Internship
from internships.permissions import visible_internships
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

INTERNSHIPS = Kind("internships", gettext_lazy("Internships"))
KINDS = (INTERNSHIPS,)


def _internships(user: AnyUser, entry: ReserveEntry) -> QuerySet[Internship]:
    return visible_internships(user).filter(reserve_entry=entry)


def _set_rows(user: AnyUser, entry: ReserveEntry, period: Period) -> QuerySet:
    found = _internships(user, entry).filter(period.on_moments("created_at"))
    return as_rows(found, "internship_set", "created_at")


def _dated(column: str, event: str):
    def rows(user: AnyUser, entry: ReserveEntry, period: Period) -> QuerySet:
        found = _internships(user, entry).filter(**{f"{column}__isnull": False})
        return as_rows(found.filter(period.on_dates(column)), event, column, dated=True)

    return rows


def _load(user: AnyUser, ids: list[int]) -> dict[int, Any]:
    found = Internship.objects.filter(pk__in=ids)
    return keyed(
        found.select_related("form", "host_organization", "concluded_by__person")
    )


def _detail(internship: Internship, title: str, **fields: str) -> Detail:
    subject = _("%(form)s, %(organization)s, %(start)s–%(end)s") % {
        "form": internship.form.name,
        "organization": internship.host_organization.short_name,
        "start": internship.starts_on.strftime("%d.%m.%Y"),
        "end": internship.ends_on.strftime("%d.%m.%Y"),
    }
    return Detail(
        title=title,
        subject=subject,
        status=internship.get_status_display(),
        url=reverse("internships:card", args=[internship.pk]),
        **fields,
    )


def _describe_set(internship: Internship) -> Detail:
    return _detail(internship, _("Internship set"), text=internship.goal)


def _describe_planned_start(internship: Internship) -> Detail:
    return _detail(internship, _("Internship begins (as planned)"))


def _describe_started(internship: Internship) -> Detail:
    return _detail(internship, _("Internship started"))


def _describe_completed(internship: Internship) -> Detail:
    return _detail(internship, _("Internship completed"))


def _describe_concluded(internship: Internship) -> Detail:
    text = internship.recommendation or internship.work_done
    return _detail(
        internship,
        _("Conclusion of the internship supervisor: %(assessment)s")
        % {"assessment": internship.get_assessment_display() or "—"},
        text=text,
        who=who(internship.concluded_by),
    )


SOURCES = (
    Source("internship_set", INTERNSHIPS, _set_rows, _load, _describe_set),
    Source(
        "internship_begins",
        INTERNSHIPS,
        _dated("starts_on", "internship_begins"),
        _load,
        _describe_planned_start,
        True,
    ),
    Source(
        "internship_started",
        INTERNSHIPS,
        _dated("started_on", "internship_started"),
        _load,
        _describe_started,
        True,
    ),
    Source(
        "internship_completed",
        INTERNSHIPS,
        _dated("completed_on", "internship_completed"),
        _load,
        _describe_completed,
        True,
    ),
    Source(
        "internship_concluded",
        INTERNSHIPS,
        _dated("concluded_on", "internship_concluded"),
        _load,
        _describe_concluded,
        True,
    ),
)

"""The reservist's consultations (clauses 8.4–8.7) and the next steps agreed at
them: held or planned on their day, each step due and done.

Every row comes from consultations.permissions.visible_consultations, of this
entry: a mentor's private note is the mentor's alone, so nobody else's timeline
ever has a row of it (nor of its steps)."""

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from consultations.models import Consultation, NextStep
from consultations.permissions import visible_consultations
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

CONSULTATIONS = Kind("consultations", gettext_lazy("Consultations"))
NEXT_STEPS = Kind("next_steps", gettext_lazy("Next steps"))
KINDS = (CONSULTATIONS, NEXT_STEPS)


def _consultations(user: AnyUser, entry: ReserveEntry) -> QuerySet[Consultation]:
    return visible_consultations(user).filter(mentorship__reserve_entry=entry)


def _steps(user: AnyUser, entry: ReserveEntry) -> QuerySet[NextStep]:
    ids = _consultations(user, entry).order_by().values("pk")
    return NextStep.objects.filter(consultation_id__in=ids)


def _held_rows(user: AnyUser, entry: ReserveEntry, period: Period) -> QuerySet:
    found = _consultations(user, entry).filter(period.on_dates("held_on"))
    return as_rows(found, "consultation", "held_on", dated=True)


def _load_consultations(user: AnyUser, ids: list[int]) -> dict[int, Any]:
    return keyed(Consultation.objects.filter(pk__in=ids))


def _describe_consultation(consultation: Consultation) -> Detail:
    private = consultation.visibility == Consultation.Visibility.PRIVATE
    return Detail(
        title=_("Private note of the mentor") if private else _("Consultation"),
        subject=consultation.topic,
        text=consultation.summary,
        status=f"{consultation.get_status_display()}, "
        f"{consultation.get_format_display()}",
        url=reverse("consultations:card", args=[consultation.pk]),
    )


def _due_rows(user: AnyUser, entry: ReserveEntry, period: Period) -> QuerySet:
    found = _steps(user, entry).filter(period.on_dates("due_on"))
    return as_rows(found, "next_step_due", "due_on", dated=True)


def _done_rows(user: AnyUser, entry: ReserveEntry, period: Period) -> QuerySet:
    found = _steps(user, entry).filter(done_on__isnull=False)
    return as_rows(
        found.filter(period.on_dates("done_on")),
        "next_step_done",
        "done_on",
        dated=True,
    )


def _load_steps(user: AnyUser, ids: list[int]) -> dict[int, Any]:
    found = NextStep.objects.filter(pk__in=ids)
    return keyed(found.select_related("consultation", "done_by__person"))


def _step_detail(step: NextStep, title: str, **fields: str) -> Detail:
    return Detail(
        title=title,
        subject=step.text,
        text=_("Consultation: %(topic)s") % {"topic": step.consultation.topic},
        status=_("done on %(date)s") % {"date": step.done_on.strftime("%d.%m.%Y")}
        if step.done_on
        else _("not done yet"),
        url=reverse("consultations:card", args=[step.consultation_id]),
        **fields,
    )


def _describe_due(step: NextStep) -> Detail:
    return _step_detail(step, _("Next step due"))


def _describe_done(step: NextStep) -> Detail:
    return _step_detail(step, _("Next step done"), who=who(step.done_by))


SOURCES = (
    Source(
        "consultation",
        CONSULTATIONS,
        _held_rows,
        _load_consultations,
        _describe_consultation,
        True,
    ),
    Source("next_step_due", NEXT_STEPS, _due_rows, _load_steps, _describe_due, True),
    Source("next_step_done", NEXT_STEPS, _done_rows, _load_steps, _describe_done, True),
)

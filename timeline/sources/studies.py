"""The reservist's study of legal acts (clause 8.8): an act assigned, each test
attempt submitted (passed or not), each interview held, and the mentor's
evaluation of an application in practice.

Every row comes from studies.permissions.visible_assignments, of this entry."""

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from reserve.models import ReserveEntry
from studies.models import Interview, PracticeCase, QuizAttempt, StudyAssignment
from studies.permissions import visible_assignments
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

STUDIES = Kind("studies", gettext_lazy("Study of legal acts"))
KINDS = (STUDIES,)


def _assignments(user: AnyUser, entry: ReserveEntry) -> QuerySet[StudyAssignment]:
    return visible_assignments(user).filter(mentorship__reserve_entry=entry)


def _ids(user: AnyUser, entry: ReserveEntry) -> QuerySet:
    return _assignments(user, entry).order_by().values("pk")


def _subject(assignment: StudyAssignment) -> str:
    if assignment.articles:
        return f"{assignment.act.title} ({assignment.articles})"
    return assignment.act.title


def _url(assignment: StudyAssignment) -> str:
    return reverse("studies:card", args=[assignment.pk])


# Assigned ----------------------------------------------------------------------------


def _assigned_rows(user: AnyUser, entry: ReserveEntry, period: Period) -> QuerySet:
    found = _assignments(user, entry).filter(period.on_moments("created_at"))
    return as_rows(found, "study_assigned", "created_at")


def _load_assignments(user: AnyUser, ids: list[int]) -> dict[int, Any]:
    found = StudyAssignment.objects.filter(pk__in=ids)
    return keyed(found.select_related("act", "created_by__person"))


def _describe_assigned(assignment: StudyAssignment) -> Detail:
    return Detail(
        title=_("Act assigned to study"),
        subject=_subject(assignment),
        text=assignment.aim,
        who=who(assignment.created_by),
        status=_("due %(date)s") % {"date": assignment.due_on.strftime("%d.%m.%Y")},
        url=_url(assignment),
    )


# Test attempts -----------------------------------------------------------------------


def _attempt_rows(user: AnyUser, entry: ReserveEntry, period: Period) -> QuerySet:
    found = QuizAttempt.objects.filter(
        assignment_id__in=_ids(user, entry), submitted_at__isnull=False
    )
    return as_rows(
        found.filter(period.on_moments("submitted_at")), "study_attempt", "submitted_at"
    )


def _load_attempts(user: AnyUser, ids: list[int]) -> dict[int, Any]:
    found = QuizAttempt.objects.filter(pk__in=ids)
    return keyed(found.select_related("assignment__act"))


def _describe_attempt(attempt: QuizAttempt) -> Detail:
    text = _("Attempt %(n)s: %(right)s of %(total)s answers right.") % {
        "n": attempt.number,
        "right": attempt.right,
        "total": attempt.total,
    }
    if attempt.timed_out:
        text = f"{text} {pgettext('timeline', 'The time ran out.')}"
    return Detail(
        title=pgettext("timeline", "Test passed")
        if attempt.passed
        else pgettext("timeline", "Test not passed"),
        subject=_subject(attempt.assignment),
        text=text,
        status=f"{attempt.score}%",
        url=_url(attempt.assignment),
    )


# Interviews --------------------------------------------------------------------------


def _interview_rows(user: AnyUser, entry: ReserveEntry, period: Period) -> QuerySet:
    found = Interview.objects.filter(assignment_id__in=_ids(user, entry))
    return as_rows(
        found.filter(period.on_dates("held_on")),
        "study_interview",
        "held_on",
        dated=True,
    )


def _load_interviews(user: AnyUser, ids: list[int]) -> dict[int, Any]:
    found = Interview.objects.filter(pk__in=ids)
    return keyed(found.select_related("assignment__act", "recorded_by__person"))


def _describe_interview(interview: Interview) -> Detail:
    return Detail(
        title=_("Interview on the act: passed")
        if interview.passed
        else _("Interview on the act: not passed"),
        subject=_subject(interview.assignment),
        text=interview.comment,
        who=who(interview.recorded_by),
        status=interview.get_mark_display(),
        url=_url(interview.assignment),
    )


# Applications in practice ------------------------------------------------------------


def _evaluated_rows(user: AnyUser, entry: ReserveEntry, period: Period) -> QuerySet:
    found = PracticeCase.objects.filter(
        assignment_id__in=_ids(user, entry), evaluated_at__isnull=False
    )
    return as_rows(
        found.filter(period.on_moments("evaluated_at")),
        "study_application",
        "evaluated_at",
    )


def _load_cases(user: AnyUser, ids: list[int]) -> dict[int, Any]:
    found = PracticeCase.objects.filter(pk__in=ids).defer("description")
    return keyed(found.select_related("assignment__act", "evaluated_by__person"))


def _describe_evaluated(case: PracticeCase) -> Detail:
    return Detail(
        title=_("Application in practice evaluated"),
        subject=_subject(case.assignment),
        text=case.evaluation_comment,
        who=who(case.evaluated_by),
        status=case.get_evaluation_display(),
        url=_url(case.assignment),
    )


SOURCES = (
    Source(
        "study_assigned",
        STUDIES,
        _assigned_rows,
        _load_assignments,
        _describe_assigned,
    ),
    Source("study_attempt", STUDIES, _attempt_rows, _load_attempts, _describe_attempt),
    Source(
        "study_interview",
        STUDIES,
        _interview_rows,
        _load_interviews,
        _describe_interview,
        True,
    ),
    Source(
        "study_application",
        STUDIES,
        _evaluated_rows,
        _load_cases,
        _describe_evaluated,
    ),
)

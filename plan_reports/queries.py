"""Reads of the joint report across the domains below it: the snapshot the
system drafts from the plan and the mentor's work (8.10), and the report of a
reserve entry for the apps above (attestation); the reports a coordinator
reviews."""

from collections import Counter
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from competencies.models import Assessment
from consultations.models import Consultation
from events.models import Involvement
from internships.models import Internship
from plan_reports.models import PlanReport, PlanReportQuerySet
from plans.models import IndividualPlan, PlanItem
from plans.queries import progress_of
from reserve.models import ReserveEntry
from studies.models import Interview, QuizAttempt, StudyAssignment

# The snapshot's layout; a change of it bumps the number.
DATA_VERSION = 1


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _plan_items(plan: IndividualPlan, today: date) -> dict[str, Any]:
    """The plan's rows by outcome, numbered as the plan page numbers them
    (section.row), and the counts (two queries)."""
    sections = {s.pk: n for n, s in enumerate(plan.form_version.sections.all(), 1)}
    items = sorted(
        plan.items.all(), key=lambda i: (sections.get(i.section_id, 0), i.position)
    )
    seen: Counter[int] = Counter()
    groups: dict[str, list[dict[str, Any]]] = {
        "on_time": [],
        "late": [],
        "not_done": [],
        "open": [],
    }
    for item in items:
        section = sections.get(item.section_id, 0)
        seen[section] += 1
        if item.status == PlanItem.Status.CANCELLED:
            continue
        row = {
            "number": f"{section}.{seen[section]}",
            "activity": item.activity,
            "deadline": _iso(item.deadline),
            "done_on": _iso(item.done_on),
            "reason": item.not_done_reason,
            "overdue": item.is_overdue_on(today),
        }
        if item.status == PlanItem.Status.DONE:
            groups["late" if item.is_done_late else "on_time"].append(row)
        elif item.status == PlanItem.Status.NOT_DONE:
            groups["not_done"].append(row)
        else:
            groups["open"].append(row)
    progress = progress_of(items, today)
    return {
        "counts": {
            "total": progress.total,
            "on_time": progress.done_on_time,
            "late": progress.done_late,
            "not_done": progress.not_done,
            "overdue": progress.overdue,
            "open": len(groups["open"]),
            "percent_done": progress.percent(progress.done),
        },
        **groups,
    }


def _events(entry: ReserveEntry, today: date) -> list[dict[str, Any]]:
    """The events the reservist took part in (accepted invitations of events
    begun by today, not marked absent), with the degree of participation (one
    query)."""
    found = (
        Involvement.objects.filter(
            reserve_entry=entry,
            status=Involvement.Status.ACCEPTED,
            event__starts_at__date__lte=today,
        )
        .exclude(attendance=Involvement.Attendance.ABSENT)
        .select_related("event__kind")
        .order_by("event__starts_at", "pk")
    )
    return [
        {
            "date": _iso(timezone.localtime(i.event.starts_at).date()),
            "title": i.event.title,
            "kind": i.event.kind.name,
            "degree": i.get_degree_display(),
            "task": i.task,
            "attended": i.attendance == Involvement.Attendance.ATTENDED,
        }
        for i in found
    ]


def _internships(entry: ReserveEntry) -> list[dict[str, Any]]:
    """The reservist's internships with their conclusion (one query)."""
    found = (
        Internship.objects.filter(reserve_entry=entry)
        .select_related("form", "host_organization")
        .order_by("starts_on", "pk")
    )
    return [
        {
            "form": i.form.name,
            "host": i.host_organization.short_name,
            "starts_on": _iso(i.starts_on),
            "ends_on": _iso(i.ends_on),
            "status": i.get_status_display(),
            "assessment": i.get_assessment_display() if i.assessment else "",
            "work_done": i.work_done,
            "recommendation": i.recommendation,
        }
        for i in found
    ]


def _studies(entry: ReserveEntry) -> list[dict[str, Any]]:
    """The legal acts assigned and the results of their checks: the status, the
    interviews' marks, the best test score, the evaluation of the application in
    practice (four queries)."""
    found = (
        StudyAssignment.objects.filter(mentorship__reserve_entry=entry)
        .select_related("act", "practice_case")
        .prefetch_related(
            Prefetch("interviews", queryset=Interview.objects.order_by("check_round")),
            Prefetch(
                "attempts",
                queryset=QuizAttempt.objects.filter(submitted_at__isnull=False),
            ),
        )
        .order_by("due_on", "pk")
    )
    rows = []
    for a in found:
        scores = [t.score for t in a.attempts.all()]
        case = getattr(a, "practice_case", None)
        rows.append(
            {
                "act": a.act.title,
                "articles": a.articles,
                "due_on": _iso(a.due_on),
                "method": a.get_check_method_display(),
                "status": a.get_status_display(),
                "interviews": [i.get_mark_display() for i in a.interviews.all()],
                "best_score": max(scores) if scores else None,
                "application": case.get_evaluation_display()
                if case is not None and case.evaluation
                else "",
            }
        )
    return rows


def _consultations(entry: ReserveEntry) -> list[dict[str, Any]]:
    """The consultations held, shared with the reservist (never a private note),
    by area: their number and hours (one query)."""
    found = Consultation.objects.shared().filter(
        mentorship__reserve_entry=entry, status=Consultation.Status.HELD
    )
    counts: Counter[str] = Counter()
    minutes: Counter[str] = Counter()
    for area, duration in found.values_list("area", "duration_minutes"):
        counts[area] += 1
        minutes[area] += duration
    return [
        {
            "area": str(label),
            "count": counts[area],
            "hours": round(minutes[area] / 60, 1),
        }
        for area, label in Consultation.Area.choices
        if counts[area]
    ]


def _competencies(entry: ReserveEntry) -> dict[str, Any]:
    """The competency profile at each point (start, middle, end): the reservist's
    self-assessment and the mentor's, the mentor's only at a point the reservist
    assessed too (what the reservist may read, competencies.permissions), and the
    growth from the first point to the last (two queries)."""
    assessments = list(
        Assessment.objects.filter(mentorship__reserve_entry=entry)
        .prefetch_related("ratings__competency")
        .order_by("mentorship_id", "pk")
    )
    self_points = {a.point for a in assessments if a.role == Assessment.Role.SELF}
    points = [
        (point, str(label))
        for point, label in Assessment.Point.choices
        if any(a.point == point for a in assessments)
    ]
    levels: dict[str, dict[str, dict[str, int]]] = {}
    order: list[str] = []
    for a in assessments:
        if a.role == Assessment.Role.MENTOR and a.point not in self_points:
            continue
        for r in a.ratings.all():
            name = r.competency.name
            if name not in levels:
                levels[name] = {}
                order.append(name)
            levels[name].setdefault(a.point, {})[a.role] = r.level
    rows = []
    for name in order:
        cells = [levels[name].get(point, {}) for point, _label in points]
        mentor_levels = [c[Assessment.Role.MENTOR] for c in cells if "mentor" in c]
        rows.append(
            {
                "competency": name,
                "levels": [
                    {"self": c.get(Assessment.Role.SELF), "mentor": c.get("mentor")}
                    for c in cells
                ],
                "growth": mentor_levels[-1] - mentor_levels[0]
                if len(mentor_levels) > 1
                else None,
            }
        )
    return {
        "points": [label for _point, label in points],
        "codes": [point for point, _label in points],
        "rows": rows,
    }


def report_data(plan: IndividualPlan, today: date | None = None) -> dict[str, Any]:
    """The part of the report the system drafts, as plain JSON: the plan's rows
    by outcome, events, internships, legal acts, consultations by area and the
    competency profile (about a dozen queries, whatever their number)."""
    today = today or timezone.localdate()
    entry = plan.reserve_entry
    return {
        "version": DATA_VERSION,
        "as_of": _iso(today),
        "plan": {
            "period_start": _iso(plan.period_start),
            "period_end": _iso(plan.period_end),
            "status": plan.get_status_display(),
        },
        "items": _plan_items(plan, today),
        "events": _events(entry, today),
        "internships": _internships(entry),
        "studies": _studies(entry),
        "consultations": _consultations(entry),
        "competencies": _competencies(entry),
    }


def report_for_entry(entry: ReserveEntry) -> PlanReport | None:
    """The current report of a reserve entry: the one on its latest plan, with
    what its page reads; None when no report has been drafted (one query). For
    the apps above (the commission's materials pack): scope is theirs to check."""
    found: PlanReportQuerySet = PlanReport.objects.for_card()
    return (
        found.filter(plan__reserve_entry=entry)
        .order_by("-plan__period_start", "-pk")
        .first()
    )


def reports_to_accept(municipality_ids: Iterable[int]) -> PlanReportQuerySet:
    """Submitted reports in the coordinator's municipalities, which wait for them
    to accept or return (may_review as a query)."""
    return PlanReport.objects.filter(
        municipality_id__in=list(municipality_ids),
        status=PlanReport.Status.SUBMITTED,
    )

"""Who may see and do what with the joint report on the plan (8.10).

The reservist and the plan's active mentor write their own parts, agree and
submit; the head of the reservist's organisation reads; the coordinator of the
municipality reads, accepts and returns. Anyone else gets 404."""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.http import Http404

from accounts.models import User
from accounts.permissions import principal
from core.scopes import any_of
from mentorships.models import Mentorship
from plan_reports.models import PlanReport, PlanReportQuerySet
from plans.models import IndividualPlan
from plans.permissions import is_mentor_of, is_reservist_of, sees_plan, visible_plans
from reserve.models import ReserveEntry

AnyUser = User | AnonymousUser
RESERVIST = "plan__reserve_entry__person"
# The plans a report may be drafted on.
REPORTABLE = (IndividualPlan.Status.APPROVED, IndividualPlan.Status.COMPLETED)

# The two sides of the report.
RESERVIST_SIDE, MENTOR_SIDE = "reservist", "mentor"


# Reports in scope ---------------------------------------------------------------------


def visible_reports(user: AnyUser) -> PlanReportQuerySet:
    """Reports of a coordinated municipality, of a headed organisation's
    reservists, of the plans one mentors (of record) and one's own."""
    p = principal(user)
    if p.is_superuser:
        return PlanReport.objects.all()
    if not p.is_authenticated:
        return PlanReport.objects.none()
    coordinated, headed = p.coordinator_municipality_ids, p.head_organization_ids
    person_id = p.person_id
    return any_of(
        PlanReport.objects.all(),
        Q(municipality_id__in=coordinated) if coordinated else None,
        Q(**{f"{RESERVIST}__organization_id__in": headed}) if headed else None,
        Q(plan__mentor_id=person_id) if person_id else None,
        Q(**{f"{RESERVIST}_id": person_id}) if person_id else None,
    )


def get_report(user: AnyUser, pk: int) -> PlanReport:
    """A visible report with what its page and rights read; Http404 if unseen."""
    # `is_mentorship_active` spares plans.permissions.is_mentor_of a query.
    active = Mentorship.objects.filter(
        status=Mentorship.Status.ACTIVE,
        mentor_id=OuterRef("plan__mentor_id"),
        reserve_entry_id=OuterRef("plan__reserve_entry_id"),
    )
    try:
        report = (
            PlanReport.objects.for_card()
            .annotate(is_mentorship_active=Exists(active))
            .get(pk=pk)
        )
    except (PlanReport.DoesNotExist, ValueError, OverflowError) as e:
        raise Http404 from e
    if not sees_plan(user, report.plan):
        raise Http404
    report.plan.is_mentorship_active = report.is_mentorship_active  # type: ignore[attr-defined]
    return report


def get_plan(user: AnyUser, pk: int) -> IndividualPlan:
    """A visible plan, to draft or open its report; Http404 if unseen."""
    try:
        plan = IndividualPlan.objects.select_related(
            "reserve_entry__person__organization__municipality",
            "reserve_entry__target_position",
            "mentor",
        ).get(pk=pk)
    except (IndividualPlan.DoesNotExist, ValueError, OverflowError) as e:
        raise Http404 from e
    if not sees_plan(user, plan):
        raise Http404
    return plan


def reportable_plan_of(user: AnyUser, entry: ReserveEntry) -> IndividualPlan | None:
    """The entry's latest approved or completed plan the user sees (one query)."""
    return (
        visible_plans(user)
        .filter(reserve_entry=entry, status__in=REPORTABLE)
        .order_by("-period_start", "-pk")
        .first()
    )


def own_reports(user: AnyUser) -> PlanReportQuerySet:
    """The reports of the user as the reservist."""
    person_id = principal(user).person_id
    if person_id is None:
        return PlanReport.objects.none()
    return PlanReport.objects.filter(**{f"{RESERVIST}_id": person_id})


def own_plans_to_report(user: AnyUser) -> list[IndividualPlan]:
    """The reservist's approved or completed plans without a report yet (one
    query)."""
    person_id = principal(user).person_id
    if person_id is None:
        return []
    return list(
        IndividualPlan.objects.filter(
            reserve_entry__person_id=person_id,
            reserve_entry__status=ReserveEntry.Status.ACTIVE,
            status__in=REPORTABLE,
            report__isnull=True,
        ).order_by("-period_start")
    )


def reports_to_agree(user: AnyUser) -> PlanReportQuerySet:
    """Draft reports of the plans the user mentors now that await their
    agreement."""
    person_id = principal(user).person_id
    if person_id is None:
        return PlanReport.objects.none()
    return PlanReport.objects.filter(
        plan__in=IndividualPlan.objects.mentored_now_by(person_id),
        status=PlanReport.Status.DRAFT,
        mentor_agreed_at__isnull=True,
    )


# Who one is to a report ---------------------------------------------------------------


def _is_entry_active(plan: IndividualPlan) -> bool:
    return plan.reserve_entry.status == ReserveEntry.Status.ACTIVE


def side_of(user: AnyUser, report: PlanReport) -> str | None:
    """The side the user writes: "reservist", "mentor" (the plan's active
    mentor), or None; none once the reservist left the reserve."""
    plan = report.plan
    if not _is_entry_active(plan):
        return None
    if is_reservist_of(user, plan):
        return RESERVIST_SIDE
    if is_mentor_of(user, plan):
        return MENTOR_SIDE
    return None


# Rights -------------------------------------------------------------------------------


def may_view_reports(user: AnyUser) -> bool:
    """The list of reports: a coordinator's, a head's, a mentor's."""
    p = principal(user)
    if p.is_superuser:
        return True
    if p.is_coordinator:
        return True
    if p.is_head:
        return True
    return p.holds_mentor_role and p.person_id is not None


def may_view_own_report(user: AnyUser) -> bool:
    """«My report» is the page of a reservist."""
    p = principal(user)
    if p.person_id is None:
        return False
    return p.holds_reservist_role


def may_filter_by_organization(user: AnyUser) -> bool:
    """A coordinator narrows the list by organisation."""
    p = principal(user)
    return p.is_superuser or p.is_coordinator


def may_draft_report(user: AnyUser, plan: IndividualPlan) -> bool:
    """The reservist in the reserve or the plan's active mentor drafts the
    report (whether the plan was approved is the service's rule)."""
    if not _is_entry_active(plan):
        return False
    if is_reservist_of(user, plan):
        return True
    return is_mentor_of(user, plan)


def may_write(user: AnyUser, report: PlanReport) -> bool:
    """Either side writes its part, refreshes the data and agrees."""
    return side_of(user, report) is not None


def may_submit(user: AnyUser, report: PlanReport) -> bool:
    """Either side submits a draft both have agreed to."""
    if not report.is_draft:
        return False
    if not report.is_agreed_by_both:
        return False
    return may_write(user, report)


def may_review(user: AnyUser, report: PlanReport) -> bool:
    """The coordinator of the reservist's municipality accepts or returns."""
    p = principal(user)
    if p.is_superuser:
        return True
    return p.coordinates(report.municipality_id)


@dataclass(frozen=True)
class ReportActions:
    """What the page, the API and the templates offer on one report."""

    side: str | None
    may_write: bool
    may_agree: bool
    may_submit: bool
    may_review: bool


def report_actions(user: AnyUser, report: PlanReport) -> ReportActions:
    """The buttons of the report page, by role and state."""
    side = side_of(user, report)
    draft = report.is_draft
    agreed = {
        RESERVIST_SIDE: report.reservist_agreed_at,
        MENTOR_SIDE: report.mentor_agreed_at,
    }
    return ReportActions(
        side=side,
        may_write=side is not None and draft,
        may_agree=side is not None and draft and agreed[side] is None,
        may_submit=may_submit(user, report),
        may_review=may_review(user, report)
        and report.status == PlanReport.Status.SUBMITTED,
    )


def require(allowed: bool) -> None:
    """Raise PermissionDenied unless allowed."""
    if not allowed:
        raise PermissionDenied

"""A plan's life: its period, creation (blank, from suggestions or as a copy),
submission, approval, return, completion, and the hand-over to a new mentor."""

import calendar
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.services import create_validated
from mentorships.models import Mentorship
from notifications.kinds import Kind
from notifications.services import notify, resolve
from plans.models import IndividualPlan, PlanItem, SuggestedItem
from plans.permissions import plan_approvers
from plans.services.common import bump_version, check_version, lock_plan
from plans.services.forms import current_form_version
from reserve.models import ReserveEntry

# A plan's period lies within these dates and lasts at most five years.
PERIOD_EARLIEST = date(2000, 1, 1)
PERIOD_LATEST = date(2100, 12, 31)
PERIOD_MAX_MONTHS = 60


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day if it is shorter.

    Raises ValidationError past the calendar's last year (9999)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    if not 1 <= year <= 9999:
        raise ValidationError(_("The date is out of the calendar."), code="overflow")
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def validate_period_date(value: date) -> None:
    """A date of a plan's period lies in 2000–2100; raises ValidationError."""
    if not PERIOD_EARLIEST <= value <= PERIOD_LATEST:
        raise ValidationError(
            _("The date must be between %(start)s and %(end)s.")
            % {
                "start": PERIOD_EARLIEST.strftime("%d.%m.%Y"),
                "end": PERIOD_LATEST.strftime("%d.%m.%Y"),
            },
            code="out_of_range",
        )


def check_period(period_start: date, period_end: date) -> None:
    """A plan's period: both dates in range, at most five years long.

    Raises ValidationError on the field at fault."""
    errors: dict[str, list[ValidationError]] = {}
    for name, value in (("period_start", period_start), ("period_end", period_end)):
        try:
            validate_period_date(value)
        except ValidationError as e:
            errors[name] = [e]
    if errors:
        raise ValidationError(errors)
    if period_end > add_months(period_start, PERIOD_MAX_MONTHS):
        raise ValidationError(
            {"period_end": _("A plan's period is at most five years long.")}
        )


@transaction.atomic
def create_plan(
    *,
    entry: ReserveEntry,
    period_start: date,
    period_end: date,
    from_suggestions: bool = False,
    copy_from: IndividualPlan | None = None,
) -> IndividualPlan:
    """A draft plan of the reservist on the current approved form, optionally filled
    from the form's suggestions or copied from another plan (dates shifted).

    Raises ValidationError for a period out of range (check_period), if the
    reservist is not in the reserve, has no active mentor, already has a plan for
    an overlapping period, or no form is approved."""
    check_period(period_start, period_end)
    # Lock the reservist's row: two plans created at once must not both pass the
    # overlap check below.
    list(ReserveEntry.objects.select_for_update().filter(pk=entry.pk).values("pk"))
    if entry.status != ReserveEntry.Status.ACTIVE:
        raise ValidationError(_("The person is not in the reserve."))
    mentorship = entry.mentorships.filter(status=Mentorship.Status.ACTIVE).first()
    if mentorship is None:
        raise ValidationError(
            _(
                "The reservist has no active mentor: the plan is drafted with the mentor."
            )
        )
    version = current_form_version(entry.person.organization.municipality_id)
    if version is None:
        raise ValidationError(_("The coordinator has not approved a plan form yet."))
    overlapping = entry.plans.filter(
        period_start__lte=period_end, period_end__gte=period_start
    ).first()
    if overlapping:
        raise ValidationError(
            _("The reservist already has a plan for this period: %(plan)s.")
            % {"plan": overlapping}
        )
    plan = create_validated(
        IndividualPlan,
        reserve_entry=entry,
        mentor=mentorship.mentor,
        form_version=version,
        period_start=period_start,
        period_end=period_end,
    )
    sections = list(version.sections.all())
    items: list[PlanItem] = []
    if from_suggestions:
        suggestions = SuggestedItem.objects.filter(
            section__version=version
        ).select_related("section")
        for s in suggestions:
            deadline = min(add_months(period_start, s.months_from_start), period_end)
            items.append(
                PlanItem(
                    plan=plan,
                    section=s.section,
                    activity=s.activity,
                    form_of_work=s.form_of_work,
                    expected_result=s.expected_result,
                    deadline=deadline,
                )
            )
    if copy_from is not None:
        shift = period_start - copy_from.period_start
        by_position = {s.position: s for s in sections}
        by_title = {s.title.lower(): s for s in sections}
        for old in copy_from.items.select_related("section").exclude(
            status=PlanItem.Status.CANCELLED
        ):
            section = by_title.get(old.section.title.lower()) or by_position.get(
                old.section.position, sections[-1]
            )
            deadline = min(max(old.deadline + shift, period_start), period_end)
            items.append(
                PlanItem(
                    plan=plan,
                    section=section,
                    activity=old.activity,
                    form_of_work=old.form_of_work,
                    responsible=old.responsible,
                    expected_result=old.expected_result,
                    deadline=deadline,
                )
            )
    for position, item in enumerate(items, start=1):
        item.position = position
    PlanItem.objects.bulk_create(items)
    return plan


@transaction.atomic
def submit_plan(
    *, plan: IndividualPlan, expected_version: int | None = None
) -> IndividualPlan:
    """Send a draft for approval; raises StaleVersionError, or ValidationError
    unless it is a draft with rows of a reservist in the reserve."""
    check_version(plan, expected_version)
    lock_plan(plan)
    if plan.status != IndividualPlan.Status.DRAFT:
        raise ValidationError(_("Only a draft plan can be submitted."))
    if not plan.items.exclude(status=PlanItem.Status.CANCELLED).exists():
        raise ValidationError(
            _("Add at least one item to the plan before submitting it.")
        )
    return _set_plan_status(
        plan,
        expected_version,
        IndividualPlan.Status.SUBMITTED,
        submitted_at=timezone.now(),
    )


@transaction.atomic
def approve_plan(
    *,
    plan: IndividualPlan,
    by: Any,
    expected_version: int | None = None,
    comment: str = "",
) -> IndividualPlan:
    """Approve a submitted plan, or re-approve the revisions of an approved one,
    with the approver's optional comment (kept in the plan's history).

    Raises StaleVersionError, or ValidationError when there is nothing to approve."""
    check_version(plan, expected_version)
    now = timezone.now()
    if plan.status == IndividualPlan.Status.APPROVED and plan.has_unapproved_changes:
        plan.revisions.filter(approved_at__isnull=True).update(approved_at=now)
        return _set_plan_status(
            plan,
            expected_version,
            plan.status,
            approved_at=now,
            approved_by=by,
            approval_comment=comment.strip(),
            has_unapproved_changes=False,
        )
    if plan.status != IndividualPlan.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted plan can be approved."))
    return _set_plan_status(
        plan,
        expected_version,
        IndividualPlan.Status.APPROVED,
        approved_at=now,
        approved_by=by,
        approval_comment=comment.strip(),
        remarks="",
    )


@transaction.atomic
def return_plan(
    *, plan: IndividualPlan, remarks: str, expected_version: int | None = None
) -> IndividualPlan:
    """Return a submitted plan to the draft with remarks; raises StaleVersionError
    or ValidationError."""
    check_version(plan, expected_version)
    if plan.status != IndividualPlan.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted plan can be returned."))
    if not remarks.strip():
        raise ValidationError({"remarks": _("Write what should be corrected.")})
    return _set_plan_status(
        plan, expected_version, IndividualPlan.Status.DRAFT, remarks=remarks.strip()
    )


@transaction.atomic
def complete_plan(
    *, plan: IndividualPlan, expected_version: int | None = None
) -> IndividualPlan:
    """Close an approved plan whose rows are all closed; raises StaleVersionError
    or ValidationError."""
    check_version(plan, expected_version)
    if plan.status != IndividualPlan.Status.APPROVED or plan.has_unapproved_changes:
        raise ValidationError(
            _("Only an approved plan without pending changes can be completed.")
        )
    open_items = plan.items.filter(status__in=PlanItem.OPEN).count()
    if open_items:
        raise ValidationError(
            _("%(n)s items are still open: mark them done or not done first.")
            % {"n": open_items}
        )
    return _set_plan_status(plan, expected_version, IndividualPlan.Status.COMPLETED)


def _set_plan_status(
    plan: IndividualPlan, expected_version: int | None, status: str, **fields: Any
) -> IndividualPlan:
    check_version(plan, expected_version)
    bump_version(IndividualPlan, plan.pk, expected_version)
    plan.version += 1
    plan.status = status
    for name, value in fields.items():
        setattr(plan, name, value)
    plan.save(update_fields=["status", *fields, "updated_at"])
    _tell(plan, status)
    return plan


def _tell(plan: IndividualPlan, status: str) -> None:
    """Submitted: to the approvers; returned or approved: to the reservist and
    the mentor (notifications). What asked the other side to act is resolved:
    the submission once approved or returned, the return once submitted."""
    kinds: dict[str, str] = {
        IndividualPlan.Status.SUBMITTED: Kind.PLAN_SUBMITTED,
        IndividualPlan.Status.DRAFT: Kind.PLAN_RETURNED,
        IndividualPlan.Status.APPROVED: Kind.PLAN_APPROVED,
    }
    if status not in kinds:
        return
    resolve(
        Kind.PLAN_RETURNED
        if status == IndividualPlan.Status.SUBMITTED
        else Kind.PLAN_SUBMITTED,
        f"plan:{plan.pk}",
    )
    notify(
        plan_approvers(plan)
        if status == IndividualPlan.Status.SUBMITTED
        else [plan.reserve_entry.person, plan.mentor],
        kinds[status],
        subject=str(plan),
        key=f"plan:{plan.pk}:v{plan.version}",
        url=plan.get_absolute_url(),
    )


@transaction.atomic
def reassign_plans(*, entry: ReserveEntry) -> int:
    """Hand the reservist's open plans to their active mentor, after an order
    replaced the mentor; returns how many plans changed (none without a mentor)."""
    mentorship = entry.mentorships.filter(status=Mentorship.Status.ACTIVE).first()
    if mentorship is None:
        return 0
    plans = entry.plans.exclude(status=IndividualPlan.Status.COMPLETED).exclude(
        mentor_id=mentorship.mentor_id
    )
    changed = 0
    for plan in plans:
        plan.mentor_id = mentorship.mentor_id
        plan.save(update_fields=["mentor", "updated_at"])
        changed += 1
    return changed

"""Every write of the joint report on the plan (8.10).

The callers check the rights (plan_reports.permissions) and tell the side the
user writes; the business rules are here and raise ValidationError with a
Russian message, nothing saved. A change sent with the version its author saw
raises StaleVersionError (409) when the report has moved on since."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.conflicts import StaleVersionError
from notifications.kinds import Kind
from notifications.services import notify, resolve
from plan_reports.models import PlanReport
from plan_reports.permissions import MENTOR_SIDE, REPORTABLE, RESERVIST_SIDE
from plan_reports.queries import report_data
from plans.models import IndividualPlan
from reserve.models import ReserveEntry

# The fields each side writes.
PARTS = {
    RESERVIST_SIDE: frozenset({"self_analysis"}),
    MENTOR_SIDE: frozenset({"conclusion", "recommendation"}),
}
AGREED_FIELD = {
    RESERVIST_SIDE: "reservist_agreed_at",
    MENTOR_SIDE: "mentor_agreed_at",
}


def _lock(report: PlanReport, version: int | None) -> None:
    """Read the report's status and version afresh, locking its row until the
    transaction ends; raise StaleVersionError unless it is at the version the
    user saw (None: unchecked)."""
    report.status, current = (
        PlanReport.objects.select_for_update(of=("self",))
        .values_list("status", "version")
        .get(pk=report.pk)
    )
    if version is not None and current != version:
        raise StaleVersionError
    report.version = current


def _save(report: PlanReport, fields: list[str]) -> PlanReport:
    """Save the fields with a new version."""
    report.version += 1
    report.save(update_fields=[*fields, "version", "updated_at"])
    return report


def _check_draft(report: PlanReport) -> None:
    if report.status == PlanReport.Status.SUBMITTED:
        raise ValidationError(
            _(
                "The report has been submitted to the coordinator: it can be "
                "changed once it is returned."
            )
        )
    if report.status == PlanReport.Status.ACCEPTED:
        raise ValidationError(_("The report has been accepted and cannot be changed."))


def _check_side(side: str | None) -> str:
    if side not in PARTS:
        raise ValidationError(
            _("Only the reservist and their mentor write and agree the report.")
        )
    return side


def _check_entry(plan: IndividualPlan) -> None:
    if plan.reserve_entry.status != ReserveEntry.Status.ACTIVE:
        raise ValidationError(
            _("The reservist has left the reserve: the report can no longer change.")
        )


@transaction.atomic
def create_report(*, plan: IndividualPlan, by: User | None) -> PlanReport:
    """Draft the report on the plan from its data; raises ValidationError for a
    plan that was never approved, a plan that has a report already, or a
    reservist who left the reserve."""
    plan.status = (
        IndividualPlan.objects.select_for_update(of=("self",))
        .values_list("status", flat=True)
        .get(pk=plan.pk)
    )
    if plan.status not in REPORTABLE:
        raise ValidationError(
            _(
                "A report is drafted on an approved plan only: this plan has not "
                "been approved."
            )
        )
    _check_entry(plan)
    if PlanReport.objects.filter(plan=plan).exists():
        raise ValidationError(_("This plan has a report already."))
    report = PlanReport(
        plan=plan,
        data=report_data(plan),
        data_refreshed_at=timezone.now(),
        created_by=by,
    )
    report.full_clean(exclude=["plan", "created_by"])
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError as e:  # two clicks at once
        raise ValidationError(_("This plan has a report already.")) from e
    return report


@transaction.atomic
def refresh_report(
    *, report: PlanReport, side: str | None, version: int | None = None
) -> PlanReport:
    """Draft the data part afresh (a draft only); a change of the data resets
    both agreements. Raises ValidationError and StaleVersionError."""
    _check_side(side)
    _lock(report, version)
    _check_draft(report)
    _check_entry(report.plan)
    data = report_data(report.plan)
    fields = ["data", "data_refreshed_at"]
    if _without_date(data) != _without_date(report.data):
        report.reservist_agreed_at = report.mentor_agreed_at = None
        fields += ["reservist_agreed_at", "mentor_agreed_at"]
    report.data, report.data_refreshed_at = data, timezone.now()
    return _save(report, fields)


def _without_date(data: dict[str, Any]) -> dict[str, Any]:
    """The snapshot without its date, to tell whether anything changed."""
    return {k: v for k, v in (data or {}).items() if k != "as_of"}


@transaction.atomic
def update_part(
    *,
    report: PlanReport,
    side: str | None,
    version: int | None = None,
    **fields: Any,
) -> PlanReport:
    """Change one's own part of a draft; a change resets the other side's
    agreement (the history keeps both). Raises ValidationError for the other
    side's part or a report that is no draft, StaleVersionError."""
    side = _check_side(side)
    foreign = set(fields) - PARTS[side]
    if foreign:
        raise ValidationError(
            _("This part is the mentor's: only the mentor writes it.")
            if side == RESERVIST_SIDE
            else _("This part is the reservist's: only the reservist writes it.")
        )
    _lock(report, version)
    _check_draft(report)
    _check_entry(report.plan)
    changed = [name for name, value in fields.items() if getattr(report, name) != value]
    if not changed:
        return report
    for name in changed:
        setattr(report, name, fields[name])
    report.full_clean(exclude=["plan", "created_by", "submitted_by", "reviewed_by"])
    other = AGREED_FIELD[MENTOR_SIDE if side == RESERVIST_SIDE else RESERVIST_SIDE]
    setattr(report, other, None)
    return _save(report, [*changed, other])


@transaction.atomic
def agree_report(
    *, report: PlanReport, side: str | None, version: int | None = None
) -> PlanReport:
    """One side agrees to the whole text; raises ValidationError when a part is
    missing or the report is no draft, StaleVersionError."""
    side = _check_side(side)
    _lock(report, version)
    _check_draft(report)
    _check_entry(report.plan)
    if not report.self_analysis.strip():
        raise ValidationError(
            _("The reservist's self-analysis is not written yet: nothing to agree to.")
        )
    if not report.conclusion.strip() or not report.recommendation:
        raise ValidationError(
            _(
                "The mentor's conclusion and recommendation are not written yet: "
                "nothing to agree to."
            )
        )
    field = AGREED_FIELD[side]
    if getattr(report, field) is not None:
        raise ValidationError(_("You have agreed to the report already."))
    setattr(report, field, timezone.now())
    plan = report.plan
    reservist_agreed = side == RESERVIST_SIDE
    waiting = (
        report.mentor_agreed_at if reservist_agreed else report.reservist_agreed_at
    )
    resolve(
        Kind.REPORT_AGREEMENT,
        f"report:{report.pk}",
        recipients=[plan.reserve_entry.person if reservist_agreed else plan.mentor],
    )
    notify(
        []
        if waiting
        else [plan.mentor if reservist_agreed else plan.reserve_entry.person],
        Kind.REPORT_AGREEMENT,
        subject=str(plan),
        key=f"report:{report.pk}:{side}:{getattr(report, field).isoformat()}",
        url=reverse("plan_reports:report", args=[report.pk]),
    )
    return _save(report, [field])


@transaction.atomic
def submit_report(
    *, report: PlanReport, by: User | None, version: int | None = None
) -> PlanReport:
    """Submit the draft both sides agreed to; raises ValidationError without
    both agreements, StaleVersionError."""
    _lock(report, version)
    _check_draft(report)
    _check_entry(report.plan)
    if not report.is_agreed_by_both:
        raise ValidationError(
            _(
                "Both the reservist and the mentor must agree to the report before "
                "it is submitted."
            )
        )
    report.status = PlanReport.Status.SUBMITTED
    report.submitted_at, report.submitted_by = timezone.now(), by
    return _save(report, ["status", "submitted_at", "submitted_by"])


def _check_submitted(report: PlanReport) -> None:
    if report.status != PlanReport.Status.SUBMITTED:
        raise ValidationError(
            _("Only a submitted report is accepted or returned by the coordinator.")
        )


@transaction.atomic
def accept_report(
    *, report: PlanReport, by: User, version: int | None = None
) -> PlanReport:
    """The coordinator accepts a submitted report; raises ValidationError for
    another status, StaleVersionError."""
    _lock(report, version)
    _check_submitted(report)
    report.status = PlanReport.Status.ACCEPTED
    report.reviewed_at, report.reviewed_by = timezone.now(), by
    return _save(report, ["status", "reviewed_at", "reviewed_by"])


@transaction.atomic
def return_report(
    *, report: PlanReport, by: User, remarks: str, version: int | None = None
) -> PlanReport:
    """The coordinator returns a submitted report with remarks: back to draft,
    both agreements reset. Raises ValidationError without remarks or for
    another status, StaleVersionError."""
    if not remarks.strip():
        raise ValidationError({"remarks": _("Write the remarks.")})
    _lock(report, version)
    _check_submitted(report)
    report.status = PlanReport.Status.DRAFT
    report.remarks = remarks
    report.reviewed_at, report.reviewed_by = timezone.now(), by
    report.reservist_agreed_at = report.mentor_agreed_at = None
    report.submitted_at = None
    return _save(
        report,
        [
            "status",
            "remarks",
            "reviewed_at",
            "reviewed_by",
            "reservist_agreed_at",
            "mentor_agreed_at",
            "submitted_at",
        ],
    )

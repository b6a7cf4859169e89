"""What the writes of the study share: the row lock, the checks of a lasting
mentorship, and passing a check (which completes the linked plan item)."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext as _

from legal_acts.models import LegalActEdition
from mentorships.models import Mentorship
from notifications.kinds import Kind
from notifications.services import resolve
from plans.models import IndividualPlan, PlanItem
from plans.services.progress import confirm_item, mark_item
from studies.models import (
    StudyAssignment,
)

Status = StudyAssignment.Status
SETTINGS_FIELDS = (
    "pass_threshold",
    "max_attempts",
    "time_limit_minutes",
    "show_answers",
)
ASSIGNMENT_FIELDS = ("articles", "aim", "due_on", "plan_item", *SETTINGS_FIELDS)


def user_or_none(by: Any) -> Any:
    return by if getattr(by, "pk", None) else None


def delete_on_commit(files: list[FieldFile]) -> None:
    stored = [(f.storage, f.name) for f in files if f and f.name]

    def delete() -> None:
        for storage, name in stored:
            storage.delete(name)

    transaction.on_commit(delete)


def lock(assignment: StudyAssignment) -> StudyAssignment:
    """Re-read the assignment under a row lock: two attempts or two marks at once
    are taken one after the other."""
    locked = StudyAssignment.objects.select_for_update().get(pk=assignment.pk)
    for name in ("status", "check_round", "due_on", "studied_at", "checked_at"):
        setattr(assignment, name, getattr(locked, name))
    return assignment


def current_edition(act_id: int, on: date) -> LegalActEdition | None:
    return (
        LegalActEdition.objects.filter(act_id=act_id, effective_on__lte=on)
        .order_by("-effective_on", "-pk")
        .first()
    )


def checked(assignment: StudyAssignment) -> None:
    """The check is taken (passed or failed): its test and deadline no longer
    call for the reservist in the bell."""
    resolve(
        (Kind.TEST_ASSIGNED, Kind.DEADLINE_SOON, Kind.OVERDUE),
        f"study:{assignment.pk}",
    )


def pass_check(
    assignment: StudyAssignment, *, by: Any, confirm: bool, evidence: str
) -> None:
    """The check is passed on the act's edition in force: the linked plan item is
    marked done (and confirmed when the mentor checked) through the plan's
    services, when the plan allows it."""
    now = timezone.now()
    assignment.status = Status.PASSED
    assignment.checked_at = now
    assignment.checked_edition = current_edition(
        assignment.act_id, timezone.localdate(now)
    )
    assignment.recheck_edition = None
    assignment.save(
        update_fields=[
            "status",
            "checked_at",
            "checked_edition",
            "recheck_edition",
            "updated_at",
        ]
    )
    checked(assignment)
    if assignment.plan_item_id is None:
        return
    item = PlanItem.objects.select_related("plan").get(pk=assignment.plan_item_id)
    if item.plan.status != IndividualPlan.Status.APPROVED:
        return
    if item.status == PlanItem.Status.CANCELLED:
        return
    if item.status != PlanItem.Status.DONE:
        mark_item(
            item=item,
            status=PlanItem.Status.DONE,
            done_on=timezone.localdate(now),
            evidence_text=evidence,
        )
    if confirm and item.confirmed_at is None:
        confirm_item(item=item, by=by)


def check_active(mentorship: Mentorship) -> None:
    if mentorship.status != Mentorship.Status.ACTIVE:
        raise ValidationError(_("The mentorship has ended."))

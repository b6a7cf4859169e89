"""What the plan services share: the versions a change was made against, the
plan's row lock, revisions of approved plans and files deleted on commit."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from core.conflicts import StaleVersionError
from plans.models import Evidence, IndividualPlan, PlanItem, Revision
from reserve.models import ReserveEntry


def check_version(obj: IndividualPlan | PlanItem, expected: int | None) -> None:
    """Raise StaleVersionError unless the object is at the version the user saw
    (None: unchecked)."""
    if expected is not None and obj.version != expected:
        raise StaleVersionError


def bump_version(
    model: type[IndividualPlan] | type[PlanItem], pk: int, expected: int | None
) -> None:
    """Increment the version if it still is the expected one (compare-and-set)."""
    query = model.objects.filter(pk=pk)
    if expected is not None:
        query = query.filter(version=expected)
    if query.update(version=F("version") + 1) == 0:
        raise StaleVersionError


def lock_plan(plan: IndividualPlan) -> None:
    """Read the plan's status afresh, locking its row until the transaction ends
    (an approval committed since the plan was loaded must count), and raise
    ValidationError when its reservist has left the reserve: their plan is a
    read-only record then."""
    plan.status, entry_status = (
        IndividualPlan.objects.select_for_update(of=("self",))
        .values_list("status", "reserve_entry__status")
        .get(pk=plan.pk)
    )
    if entry_status != ReserveEntry.Status.ACTIVE:
        raise ValidationError(
            _("The reservist has left the reserve: the plan can no longer be changed.")
        )


def editable(plan: IndividualPlan) -> bool:
    """True when changes need no revision (a draft); raises ValidationError for a
    closed plan or one whose reservist left the reserve (see lock_plan)."""
    lock_plan(plan)
    if plan.status == IndividualPlan.Status.DRAFT:
        return True
    if plan.status == IndividualPlan.Status.APPROVED:
        return False
    if plan.status == IndividualPlan.Status.SUBMITTED:
        raise ValidationError(
            _("The plan is awaiting approval: it can be changed after it is returned.")
        )
    raise ValidationError(_("The plan is completed and cannot be changed."))


def record_revision(plan: IndividualPlan, by: Any, description: str) -> None:
    """Keep the change, flag the plan and bump its version, so that an approver
    who opened the plan before this change cannot re-approve it unseen."""
    Revision.objects.create(plan=plan, author=by, description=description)
    IndividualPlan.objects.filter(pk=plan.pk).update(version=F("version") + 1)
    plan.version += 1
    plan.has_unapproved_changes = True
    plan.save(update_fields=["has_unapproved_changes", "updated_at"])


def delete_files_on_commit(files: list[Evidence]) -> None:
    """Remove stored files once their rows are surely gone."""
    stored = [(f.file.storage, f.file.name) for f in files if f.file]

    def delete() -> None:
        for storage, name in stored:
            storage.delete(name)

    transaction.on_commit(delete)

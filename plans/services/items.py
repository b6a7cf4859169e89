"""Rows of a plan: adding, changing, removing, reordering and deadlines; in an
approved plan every change is a revision awaiting re-approval."""

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Field, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from core.services import create_validated
from plans.models import IndividualPlan, PlanFormSection, PlanItem
from plans.services.common import (
    bump_version,
    check_version,
    delete_files_on_commit,
    editable,
    record_revision,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def _check_deadline(plan: IndividualPlan, deadline: date) -> None:
    if not plan.period_start <= deadline <= plan.period_end:
        raise ValidationError(
            {
                "deadline": _(
                    "The deadline must be within the plan period (%(start)s – %(end)s)."
                )
                % {
                    "start": plan.period_start.strftime("%d.%m.%Y"),
                    "end": plan.period_end.strftime("%d.%m.%Y"),
                }
            }
        )


@dataclass(frozen=True)
class ItemData:
    section: PlanFormSection
    activity: str
    deadline: date
    form_of_work: str = ""
    responsible: str = ""
    expected_result: str = ""


@transaction.atomic
def add_item(*, plan: IndividualPlan, by: Any, data: ItemData) -> PlanItem:
    """Add a row to a draft plan, or to an approved one as a revision.

    Raises ValidationError for a closed plan or a deadline outside the period."""
    is_draft = editable(plan)
    if data.section.version_id != plan.form_version_id:
        raise ValidationError({"section": _("The section belongs to another form.")})
    _check_deadline(plan, data.deadline)
    position = (plan.items.aggregate(m=Max("position"))["m"] or 0) + 1
    item = create_validated(
        PlanItem,
        plan=plan,
        position=position,
        section=data.section,
        activity=data.activity.strip(),
        form_of_work=data.form_of_work.strip(),
        deadline=data.deadline,
        responsible=data.responsible.strip(),
        expected_result=data.expected_result.strip(),
    )
    if not is_draft:
        record_revision(
            plan,
            by,
            _("Item added: «%(activity)s», deadline %(deadline)s.")
            % {
                "activity": item.activity,
                "deadline": item.deadline.strftime("%d.%m.%Y"),
            },
        )
    return item


EDITABLE_FIELDS = (
    "section",
    "activity",
    "form_of_work",
    "deadline",
    "responsible",
    "expected_result",
)


@transaction.atomic
def update_item(
    *, item: PlanItem, by: Any, expected_version: int | None, **fields: Any
) -> PlanItem:
    """Change a row's content; in an approved plan the change is a revision.

    Raises StaleVersionError if someone changed it meanwhile, ValidationError for a
    closed plan, a cancelled row or a deadline outside the period."""
    plan = item.plan
    check_version(item, expected_version)
    is_draft = editable(plan)
    if item.status == PlanItem.Status.CANCELLED:
        raise ValidationError(_("The item is cancelled."))
    fields = {k: v.strip() if isinstance(v, str) else v for k, v in fields.items()}
    if "deadline" in fields:
        _check_deadline(plan, fields["deadline"])
    if "section" in fields and fields["section"].version_id != plan.form_version_id:
        raise ValidationError({"section": _("The section belongs to another form.")})
    changed = [
        (name, getattr(item, name), fields[name])
        for name in EDITABLE_FIELDS
        if name in fields and getattr(item, name) != fields[name]
    ]
    if not changed:
        return item
    for name, _old, new in changed:
        setattr(item, name, new)
    try:
        item.full_clean()
    except ValidationError:
        for name, old, _new in changed:
            setattr(item, name, old)
        raise
    bump_version(PlanItem, item.pk, expected_version)
    item.version += 1
    item.save(update_fields=[name for name, _o, _n in changed] + ["updated_at"])
    if not is_draft:
        parts = [
            f"{_verbose_name(name)}: {_show(old)} → {_show(new)}"
            for name, old, new in changed
        ]
        record_revision(
            plan,
            by,
            _("Item «%(activity)s» changed: %(changes)s.")
            % {"activity": item.activity, "changes": "; ".join(parts)},
        )
    return item


def _verbose_name(name: str) -> "StrOrPromise":
    field = PlanItem._meta.get_field(name)
    assert isinstance(field, Field)  # a row changes only its own columns
    return field.verbose_name


def _show(value: Any) -> str:
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    return str(value) if value not in (None, "") else "—"


@transaction.atomic
def remove_item(
    *, item: PlanItem, by: Any, expected_version: int | None = None
) -> None:
    """Delete a row of a draft; in an approved plan the row is cancelled as a revision.

    Raises StaleVersionError if someone changed it meanwhile, ValidationError for a
    closed plan or a row that is already cancelled."""
    plan = item.plan
    check_version(item, expected_version)
    is_draft = editable(plan)
    if not is_draft and item.status == PlanItem.Status.CANCELLED:
        raise ValidationError(_("The item is cancelled."))
    bump_version(PlanItem, item.pk, expected_version)
    if is_draft:
        delete_files_on_commit(list(item.files.all()))
        item.delete()
        return
    item.version += 1
    item.status = PlanItem.Status.CANCELLED
    item.save(update_fields=["status", "updated_at"])
    record_revision(
        plan, by, _("Item cancelled: «%(activity)s».") % {"activity": item.activity}
    )


@transaction.atomic
def reorder_items(*, plan: IndividualPlan, by: Any, item_ids: list[int]) -> None:
    """Put the plan's rows in the given order (cancelled rows may be left out and
    go last); raises ValidationError on missing, repeated or foreign ids."""
    is_draft = editable(plan)
    items = {i.pk: i for i in plan.items.all()}
    live = {pk for pk, i in items.items() if i.status != PlanItem.Status.CANCELLED}
    ids, given = list(item_ids), set(item_ids)
    if len(given) != len(ids) or not live <= given <= set(items):
        raise ValidationError(_("The list of items does not match the plan."))
    current = sorted(items, key=lambda pk: (items[pk].position, pk))
    order = ids + [pk for pk in current if pk not in given]
    if order == current:
        return
    for position, pk in enumerate(order, start=1):
        items[pk].position = position
    PlanItem.objects.bulk_update(items.values(), ["position"])
    if not is_draft:
        record_revision(plan, by, _("The order of items changed."))


FINISHED = (PlanItem.Status.DONE, PlanItem.Status.NOT_DONE, PlanItem.Status.CANCELLED)


@dataclass(frozen=True)
class DeadlinesResult:
    """What set_deadlines did: rows given the new deadline, and finished rows (done,
    not done or cancelled) it left alone."""

    changed: int
    skipped: int


@transaction.atomic
def set_deadlines(
    *, plan: IndividualPlan, by: Any, item_ids: list[int], deadline: date
) -> DeadlinesResult:
    """Set one deadline on several rows; finished rows (done, not done, cancelled)
    are skipped and counted. Raises ValidationError for a closed plan, a deadline
    outside the period or foreign ids."""
    is_draft = editable(plan)
    _check_deadline(plan, deadline)
    found = list(plan.items.filter(pk__in=set(item_ids)))
    if len(found) != len(set(item_ids)):
        raise ValidationError(_("The list of items does not match the plan."))
    skipped = sum(i.status in FINISHED for i in found)
    items = [i for i in found if i.status not in FINISHED and i.deadline != deadline]
    if not items:
        return DeadlinesResult(changed=0, skipped=skipped)
    # One UPDATE that bumps each row's own version: an edit opened before this
    # change then fails as stale instead of silently restoring the old deadline.
    PlanItem.objects.filter(pk__in=[i.pk for i in items]).update(
        deadline=deadline, version=F("version") + 1, updated_at=timezone.now()
    )
    if not is_draft:
        record_revision(
            plan,
            by,
            _("Deadline %(deadline)s set for: %(items)s.")
            % {
                "deadline": deadline.strftime("%d.%m.%Y"),
                "items": "; ".join(f"«{i.activity}»" for i in items),
            },
        )
    return DeadlinesResult(changed=len(items), skipped=skipped)

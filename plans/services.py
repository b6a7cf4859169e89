"""Every write to plan forms and individual training plans (clause 8.1)."""

import calendar
import zipfile
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from core.conflicts import StaleVersionError
from core.services import create_validated
from core.uploads import check_upload
from mentorships.models import Mentorship
from organizations.models import Municipality
from plans.models import (
    COLUMN_KEYS,
    DEFAULT_COLUMN_TITLES,
    DEFAULT_SECTIONS,
    Comment,
    Evidence,
    IndividualPlan,
    PlanForm,
    PlanFormSection,
    PlanFormVersion,
    PlanItem,
    Revision,
    SuggestedItem,
)
from reserve.models import ReserveEntry

EVIDENCE_TYPES = ("pdf", "jpeg", "png", "zip")
EVIDENCE_MAX_SIZE = 10 * 1024 * 1024
# What a zip container must hold to be the office document its name claims.
OFFICE_MARKERS = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "odt": "content.xml",
}
EXTENSIONS = {"pdf": "pdf", "jpg": "jpeg", "jpeg": "jpeg", "png": "png"}


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


# Forms -----------------------------------------------------------------------------


def _default_titles() -> dict[str, str]:
    return {k: str(v) for k, v in DEFAULT_COLUMN_TITLES.items()}


@transaction.atomic
def create_plan_form(*, municipality: Municipality, name: str) -> PlanForm:
    """A new form with a draft first version holding the default sections."""
    form = create_validated(PlanForm, municipality=municipality, name=name.strip())
    version = create_validated(
        PlanFormVersion, form=form, number=1, column_titles=_default_titles()
    )
    for position, title in enumerate(DEFAULT_SECTIONS, start=1):
        PlanFormSection.objects.create(
            version=version, position=position, title=str(title)
        )
    return form


def _check_draft_version(version: PlanFormVersion) -> None:
    """Raise ValidationError unless the version is a draft in the database; locks
    its row until the transaction ends, so an approval committed meanwhile counts
    and a change cannot slip into a version being approved."""
    version.status = (
        PlanFormVersion.objects.select_for_update()
        .values_list("status", flat=True)
        .get(pk=version.pk)
    )
    if version.is_approved:
        raise ValidationError(
            _("An approved version of the form is read-only: make a new version.")
        )


@transaction.atomic
def new_form_version(*, form: PlanForm) -> PlanFormVersion:
    """A draft copy of the newest version (sections, titles, suggested items).

    Raises ValidationError while a draft version exists already."""
    if form.versions.filter(status=PlanFormVersion.Status.DRAFT).exists():
        raise ValidationError(_("The form already has a draft version."))
    latest = form.versions.order_by("-number").first()
    version = create_validated(
        PlanFormVersion,
        form=form,
        number=(latest.number if latest else 0) + 1,
        column_titles=dict(latest.column_titles) if latest else _default_titles(),
    )
    if latest:
        for section in latest.sections.prefetch_related("suggested_items"):
            copy = PlanFormSection.objects.create(
                version=version, position=section.position, title=section.title
            )
            SuggestedItem.objects.bulk_create(
                SuggestedItem(
                    section=copy,
                    position=s.position,
                    activity=s.activity,
                    form_of_work=s.form_of_work,
                    expected_result=s.expected_result,
                    months_from_start=s.months_from_start,
                )
                for s in section.suggested_items.all()
            )
    return version


@transaction.atomic
def update_form_version(
    *,
    version: PlanFormVersion,
    column_titles: dict[str, str],
    sections: list[tuple[int | None, str]],
) -> PlanFormVersion:
    """Set the column titles and the sections, in order, of a draft version.

    A section is (id, title): the id of one of the version's sections, which keeps
    its suggested items wherever it moves, or None for a new one (left out when
    its title is blank). Sections not listed are removed with their suggested
    items. Raises ValidationError for an approved version, an empty list, a blank
    or too long title, or an id that is not of this version or comes twice."""
    _check_draft_version(version)
    rows = [(pk, title.strip()) for pk, title in sections]
    rows = [(pk, title) for pk, title in rows if pk is not None or title]
    if not rows:
        raise ValidationError({"sections": _("The form needs at least one section.")})
    if any(not title for _pk, title in rows):
        raise ValidationError({"sections": _("Every section needs a title.")})
    title_length = PlanFormSection._meta.get_field("title").max_length
    if any(len(title) > title_length for _pk, title in rows):
        raise ValidationError(
            {
                "sections": _("A section title is at most %(n)s characters.")
                % {"n": title_length}
            }
        )
    existing = {s.pk: s for s in version.sections.all()}
    ids = [pk for pk, _title in rows if pk is not None]
    if len(ids) != len(set(ids)) or not set(ids) <= set(existing):
        raise ValidationError(
            {"sections": _("The list of sections does not match the form version.")}
        )
    unknown = sorted(set(column_titles) - set(COLUMN_KEYS))
    if unknown:
        raise ValidationError(
            {"column_titles": _("Unknown columns: %s.") % ", ".join(unknown)}
        )
    version.column_titles = {
        k: v.strip() for k, v in column_titles.items() if v.strip()
    }
    version.save(update_fields=["column_titles", "updated_at"])
    version.sections.exclude(pk__in=ids).delete()
    # (version, position) is unique, and the database checks it row by row: move
    # the kept sections past every final position before they take theirs.
    past_the_end = max((s.position for s in existing.values()), default=0) + len(rows)
    version.sections.update(position=F("position") + past_the_end)
    kept = []
    for position, (pk, title) in enumerate(rows, start=1):
        if pk is None:
            PlanFormSection.objects.create(
                version=version, position=position, title=title
            )
        else:
            section = existing[pk]
            section.position, section.title = position, title
            kept.append(section)
    PlanFormSection.objects.bulk_update(kept, ["position", "title"])
    return version


@transaction.atomic
def add_suggested_item(*, section: PlanFormSection, **fields: Any) -> SuggestedItem:
    """Suggest an activity in a draft version's section; raises ValidationError."""
    _check_draft_version(section.version)
    position = (section.suggested_items.aggregate(m=Max("position"))["m"] or 0) + 1
    return create_validated(SuggestedItem, section=section, position=position, **fields)


@transaction.atomic
def delete_suggested_item(*, item: SuggestedItem) -> None:
    """Remove a suggestion from a draft version; raises ValidationError otherwise."""
    _check_draft_version(item.section.version)
    item.delete()


@transaction.atomic
def approve_form_version(
    *,
    version: PlanFormVersion,
    approval_document: str,
    approval_number: str,
    approval_date: date,
) -> PlanFormVersion:
    """Approve a draft version with its requisites; it is read-only afterwards.

    Raises ValidationError for an approved version or missing requisites."""
    _check_draft_version(version)
    errors = {}
    if not approval_document.strip():
        errors["approval_document"] = _("State the approving document.")
    if not approval_number.strip():
        errors["approval_number"] = _("State the number of the approving document.")
    if approval_date is None:
        errors["approval_date"] = _("State the date of the approving document.")
    elif approval_date > timezone.localdate():
        errors["approval_date"] = _("The date cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    if not version.sections.exists():
        raise ValidationError(_("The form needs at least one section."))
    version.status = PlanFormVersion.Status.APPROVED
    version.approval_document = approval_document.strip()
    version.approval_number = approval_number.strip()
    version.approval_date = approval_date
    version.approved_at = timezone.now()
    version.save(
        update_fields=[
            "status",
            "approval_document",
            "approval_number",
            "approval_date",
            "approved_at",
            "updated_at",
        ]
    )
    return version


def current_form_version(municipality_id: int) -> PlanFormVersion | None:
    """The newest approved form version of the municipality, which new plans use."""
    return (
        PlanFormVersion.objects.approved()
        .filter(form__municipality_id=municipality_id)
        .order_by("-approved_at", "-pk")
        .first()
    )


# Plans -----------------------------------------------------------------------------


def _check_version(obj: IndividualPlan | PlanItem, expected: int | None) -> None:
    if expected is not None and obj.version != expected:
        raise StaleVersionError


def _bump(model: type, pk: int, expected: int | None) -> None:
    """Increment the version if it still is the expected one (compare-and-set)."""
    query = model.objects.filter(pk=pk)
    if expected is not None:
        query = query.filter(version=expected)
    if query.update(version=F("version") + 1) == 0:
        raise StaleVersionError


def _lock_plan(plan: IndividualPlan) -> None:
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


def _editable(plan: IndividualPlan) -> bool:
    """True when changes need no revision (a draft); raises ValidationError for a
    closed plan or one whose reservist left the reserve (see _lock_plan)."""
    _lock_plan(plan)
    if plan.status == IndividualPlan.Status.DRAFT:
        return True
    if plan.status == IndividualPlan.Status.APPROVED:
        return False
    if plan.status == IndividualPlan.Status.SUBMITTED:
        raise ValidationError(
            _("The plan is awaiting approval: it can be changed after it is returned.")
        )
    raise ValidationError(_("The plan is completed and cannot be changed."))


def _record_revision(plan: IndividualPlan, by: Any, description: str) -> None:
    """Keep the change, flag the plan and bump its version, so that an approver
    who opened the plan before this change cannot re-approve it unseen."""
    Revision.objects.create(plan=plan, author=by, description=description)
    IndividualPlan.objects.filter(pk=plan.pk).update(version=F("version") + 1)
    plan.version += 1
    plan.has_unapproved_changes = True
    plan.save(update_fields=["has_unapproved_changes", "updated_at"])


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
def add_item(*, plan: IndividualPlan, by: Any, data: ItemData) -> PlanItem:
    """Add a row to a draft plan, or to an approved one as a revision.

    Raises ValidationError for a closed plan or a deadline outside the period."""
    is_draft = _editable(plan)
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
        _record_revision(
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
    _check_version(item, expected_version)
    is_draft = _editable(plan)
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
    _bump(PlanItem, item.pk, expected_version)
    item.version += 1
    item.save(update_fields=[name for name, _o, _n in changed] + ["updated_at"])
    if not is_draft:
        parts = [
            f"{PlanItem._meta.get_field(name).verbose_name}: {_show(old)} → {_show(new)}"
            for name, old, new in changed
        ]
        _record_revision(
            plan,
            by,
            _("Item «%(activity)s» changed: %(changes)s.")
            % {"activity": item.activity, "changes": "; ".join(parts)},
        )
    return item


def _show(value: Any) -> str:
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    return str(value) if value not in (None, "") else "—"


def _delete_files_on_commit(files: list[Evidence]) -> None:
    """Remove stored files once their rows are surely gone."""
    stored = [(f.file.storage, f.file.name) for f in files if f.file]

    def delete() -> None:
        for storage, name in stored:
            storage.delete(name)

    transaction.on_commit(delete)


@transaction.atomic
def remove_item(
    *, item: PlanItem, by: Any, expected_version: int | None = None
) -> None:
    """Delete a row of a draft; in an approved plan the row is cancelled as a revision.

    Raises StaleVersionError if someone changed it meanwhile, ValidationError for a
    closed plan or a row that is already cancelled."""
    plan = item.plan
    _check_version(item, expected_version)
    is_draft = _editable(plan)
    if not is_draft and item.status == PlanItem.Status.CANCELLED:
        raise ValidationError(_("The item is cancelled."))
    _bump(PlanItem, item.pk, expected_version)
    if is_draft:
        _delete_files_on_commit(list(item.files.all()))
        item.delete()
        return
    item.version += 1
    item.status = PlanItem.Status.CANCELLED
    item.save(update_fields=["status", "updated_at"])
    _record_revision(
        plan, by, _("Item cancelled: «%(activity)s».") % {"activity": item.activity}
    )


@transaction.atomic
def reorder_items(*, plan: IndividualPlan, by: Any, item_ids: list[int]) -> None:
    """Put the plan's rows in the given order (cancelled rows may be left out and
    go last); raises ValidationError on missing, repeated or foreign ids."""
    is_draft = _editable(plan)
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
        _record_revision(plan, by, _("The order of items changed."))


@transaction.atomic
def set_deadlines(
    *, plan: IndividualPlan, by: Any, item_ids: list[int], deadline: date
) -> int:
    """Set one deadline on several rows (cancelled ones are skipped); returns how
    many changed. Raises ValidationError for a closed plan, a deadline outside the
    period or foreign ids."""
    is_draft = _editable(plan)
    _check_deadline(plan, deadline)
    found = list(plan.items.filter(pk__in=set(item_ids)))
    if len(found) != len(set(item_ids)):
        raise ValidationError(_("The list of items does not match the plan."))
    items = [
        i
        for i in found
        if i.status != PlanItem.Status.CANCELLED and i.deadline != deadline
    ]
    if not items:
        return 0
    # One UPDATE that bumps each row's own version: an edit opened before this
    # change then fails as stale instead of silently restoring the old deadline.
    PlanItem.objects.filter(pk__in=[i.pk for i in items]).update(
        deadline=deadline, version=F("version") + 1, updated_at=timezone.now()
    )
    if not is_draft:
        _record_revision(
            plan,
            by,
            _("Deadline %(deadline)s set for: %(items)s.")
            % {
                "deadline": deadline.strftime("%d.%m.%Y"),
                "items": "; ".join(f"«{i.activity}»" for i in items),
            },
        )
    return len(items)


@transaction.atomic
def submit_plan(
    *, plan: IndividualPlan, expected_version: int | None = None
) -> IndividualPlan:
    """Send a draft for approval; raises StaleVersionError, or ValidationError
    unless it is a draft with rows of a reservist in the reserve."""
    _check_version(plan, expected_version)
    _lock_plan(plan)
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
    *, plan: IndividualPlan, by: Any, expected_version: int | None = None
) -> IndividualPlan:
    """Approve a submitted plan, or re-approve the revisions of an approved one.

    Raises StaleVersionError, or ValidationError when there is nothing to approve."""
    _check_version(plan, expected_version)
    now = timezone.now()
    if plan.status == IndividualPlan.Status.APPROVED and plan.has_unapproved_changes:
        plan.revisions.filter(approved_at__isnull=True).update(approved_at=now)
        return _set_plan_status(
            plan,
            expected_version,
            plan.status,
            approved_at=now,
            approved_by=by,
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
        remarks="",
    )


@transaction.atomic
def return_plan(
    *, plan: IndividualPlan, remarks: str, expected_version: int | None = None
) -> IndividualPlan:
    """Return a submitted plan to the draft with remarks; raises StaleVersionError
    or ValidationError."""
    _check_version(plan, expected_version)
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
    _check_version(plan, expected_version)
    if plan.status != IndividualPlan.Status.APPROVED or plan.has_unapproved_changes:
        raise ValidationError(
            _("Only an approved plan without pending changes can be completed.")
        )
    open_items = plan.items.filter(
        status__in=[PlanItem.Status.PLANNED, PlanItem.Status.IN_PROGRESS]
    ).count()
    if open_items:
        raise ValidationError(
            _("%(n)s items are still open: mark them done or not done first.")
            % {"n": open_items}
        )
    return _set_plan_status(plan, expected_version, IndividualPlan.Status.COMPLETED)


def _set_plan_status(
    plan: IndividualPlan, expected_version: int | None, status: str, **fields: Any
) -> IndividualPlan:
    _check_version(plan, expected_version)
    _bump(IndividualPlan, plan.pk, expected_version)
    plan.version += 1
    plan.status = status
    for name, value in fields.items():
        setattr(plan, name, value)
    plan.save(update_fields=["status", *fields, "updated_at"])
    return plan


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


# Progress of items -----------------------------------------------------------------


def _check_progress_allowed(item: PlanItem) -> None:
    _lock_plan(item.plan)
    if item.plan.status != IndividualPlan.Status.APPROVED:
        raise ValidationError(_("Progress is marked on an approved plan."))
    if item.status == PlanItem.Status.CANCELLED:
        raise ValidationError(_("The item is cancelled."))


@transaction.atomic
def mark_item(
    *,
    item: PlanItem,
    status: str,
    expected_version: int | None = None,
    done_on: date | None = None,
    evidence_text: str = "",
    evidence_link: str = "",
    not_done_reason: str = "",
) -> PlanItem:
    """Record progress: in progress, done (with date and evidence) or not done
    (with a reason). Raises ValidationError or StaleVersionError."""
    return _mark(
        item=item,
        status=status,
        expected_version=expected_version,
        done_on=done_on,
        evidence_text=evidence_text,
        evidence_link=evidence_link,
        not_done_reason=not_done_reason,
        adds_files=False,
    )


@transaction.atomic
def mark_item_with_files(
    *,
    item: PlanItem,
    status: str,
    by: Any,
    files: list[UploadedFile],
    expected_version: int | None = None,
    done_on: date | None = None,
    evidence_text: str = "",
    evidence_link: str = "",
    not_done_reason: str = "",
) -> PlanItem:
    """Record progress and attach files as one change: every file is checked before
    the mark and stored after it, and no stored file stays when anything fails.
    Raises ValidationError or StaleVersionError."""
    for file in files:
        check_evidence_file(file)
    _mark(
        item=item,
        status=status,
        expected_version=expected_version,
        done_on=done_on,
        evidence_text=evidence_text,
        evidence_link=evidence_link,
        not_done_reason=not_done_reason,
        adds_files=bool(files),
    )
    stored: list[Evidence] = []
    try:
        for file in files:
            stored.append(_store_evidence(item=item, file=file, by=by))
    except Exception:
        # The rows roll back with the transaction; the storage does not.
        for evidence in stored:
            evidence.file.delete(save=False)
        raise
    return item


def _mark(
    *,
    item: PlanItem,
    status: str,
    expected_version: int | None,
    done_on: date | None,
    evidence_text: str,
    evidence_link: str,
    not_done_reason: str,
    adds_files: bool,
) -> PlanItem:
    """mark_item's work; `adds_files` says files are coming as its evidence."""
    _check_version(item, expected_version)
    _check_progress_allowed(item)
    fields: dict[str, Any] = {"status": status}
    if status == PlanItem.Status.DONE:
        if done_on is None:
            raise ValidationError({"done_on": _("State the date it was done.")})
        if done_on > timezone.localdate():
            raise ValidationError({"done_on": _("The date cannot be in the future.")})
        has_text = evidence_text.strip() or evidence_link.strip()
        if not (has_text or adds_files or item.files.exists()):
            raise ValidationError(
                {
                    "evidence_text": _(
                        "Describe the result, give a link or attach a file."
                    )
                }
            )
        fields |= {
            "done_on": done_on,
            "evidence_text": evidence_text.strip(),
            "evidence_link": evidence_link.strip(),
            "not_done_reason": "",
        }
    elif status == PlanItem.Status.NOT_DONE:
        if not not_done_reason.strip():
            raise ValidationError({"not_done_reason": _("State the reason.")})
        fields |= {"not_done_reason": not_done_reason.strip(), "done_on": None}
    elif status in (PlanItem.Status.IN_PROGRESS, PlanItem.Status.PLANNED):
        fields |= {"done_on": None, "not_done_reason": ""}
    else:
        raise ValidationError({"status": _("This status cannot be set here.")})
    fields |= {"confirmed_by": None, "confirmed_at": None}
    old = {name: getattr(item, name) for name in fields}
    for name, value in fields.items():
        setattr(item, name, value)
    try:
        item.full_clean()
    except ValidationError:
        for name, value in old.items():
            setattr(item, name, value)
        raise
    _bump(PlanItem, item.pk, expected_version)
    item.version += 1
    item.save(update_fields=[*fields, "updated_at"])
    return item


@transaction.atomic
def confirm_item(
    *, item: PlanItem, by: Any, expected_version: int | None = None
) -> PlanItem:
    """The mentor confirms a done row of an approved plan; raises StaleVersionError
    or ValidationError."""
    _check_version(item, expected_version)
    _lock_plan(item.plan)
    if item.plan.status != IndividualPlan.Status.APPROVED:
        raise ValidationError(_("Progress is marked on an approved plan."))
    if item.status != PlanItem.Status.DONE:
        raise ValidationError(_("Only a done item can be confirmed."))
    _bump(PlanItem, item.pk, expected_version)
    item.version += 1
    item.confirmed_by = by
    item.confirmed_at = timezone.now()
    item.save(update_fields=["confirmed_by", "confirmed_at", "updated_at"])
    return item


def check_evidence_file(file: UploadedFile) -> None:
    """Allowed: pdf, docx, xlsx, odt, jpg, png, by content; raises ValidationError."""
    kind = check_upload(file, allowed=EVIDENCE_TYPES, max_size=EVIDENCE_MAX_SIZE)
    extension = file.name.rsplit(".", 1)[-1].lower() if "." in file.name else ""
    if kind == "zip":
        marker = OFFICE_MARKERS.get(extension)
        try:
            with zipfile.ZipFile(file) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            names = set()
        file.seek(0)
        if marker is None or marker not in names:
            raise ValidationError(
                _("The file «%(name)s» is not the document its name says.")
                % {"name": file.name},
                code="wrong_type",
            )
    elif EXTENSIONS.get(extension) != kind:
        raise ValidationError(
            _("The file «%(name)s» is not the document its name says.")
            % {"name": file.name},
            code="wrong_type",
        )


@transaction.atomic
def add_evidence(*, item: PlanItem, file: UploadedFile, by: Any) -> Evidence:
    """Attach a file to a row; raises ValidationError for a bad file, a cancelled
    row, a completed plan or a reservist who left the reserve."""
    _lock_plan(item.plan)
    if item.plan.status == IndividualPlan.Status.COMPLETED:
        raise ValidationError(_("The plan is completed and cannot be changed."))
    if item.status == PlanItem.Status.CANCELLED:
        raise ValidationError(_("The item is cancelled."))
    check_evidence_file(file)
    return _store_evidence(item=item, file=file, by=by)


def _store_evidence(*, item: PlanItem, file: UploadedFile, by: Any) -> Evidence:
    """Store a checked file and its row; the file goes again if the row fails."""
    evidence = Evidence(
        item=item, original_name=file.name[:255], size=file.size, uploaded_by=by
    )
    evidence.file.save(file.name, file, save=False)
    try:
        evidence.save()
    except Exception:
        evidence.file.delete(save=False)
        raise
    return evidence


@transaction.atomic
def remove_evidence(*, evidence: Evidence) -> None:
    """Delete an evidence file; raises ValidationError for a completed plan or a
    reservist who left the reserve."""
    _lock_plan(evidence.item.plan)
    if evidence.item.plan.status == IndividualPlan.Status.COMPLETED:
        raise ValidationError(_("The plan is completed and cannot be changed."))
    _delete_files_on_commit([evidence])
    evidence.delete()


COMMENT_MAX_LENGTH = 5000


@transaction.atomic
def add_comment(
    *, plan: IndividualPlan, author: Any, text: str, item: PlanItem | None = None
) -> Comment:
    """Add a remark to the plan's or an item's discussion; raises ValidationError."""
    if item is not None and item.plan_id != plan.pk:
        raise ValidationError({"item": _("The item belongs to another plan.")})
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("The comment is empty.")})
    if len(text) > COMMENT_MAX_LENGTH:
        raise ValidationError(
            {
                "text": _("A comment is at most %(n)s characters.")
                % {"n": COMMENT_MAX_LENGTH}
            }
        )
    return create_validated(Comment, plan=plan, item=item, author=author, text=text)

"""Forms of the plan: versions, sections, suggested items, approval of a version."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from core.services import create_validated
from organizations.models import Municipality
from plans.models import (
    COLUMN_KEYS,
    DEFAULT_COLUMN_TITLES,
    DEFAULT_SECTIONS,
    PlanForm,
    PlanFormSection,
    PlanFormVersion,
    SuggestedItem,
)


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
    assert title_length is not None  # the title is a CharField with a max_length
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

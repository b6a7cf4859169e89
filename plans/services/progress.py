"""Progress of an approved plan's rows: marks, the mentor's confirmation and
evidence files."""

import zipfile
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.uploads import check_upload
from notifications.kinds import Kind
from notifications.services import notify, resolve
from plans.models import Evidence, IndividualPlan, PlanItem
from plans.services.common import (
    bump_version,
    check_version,
    delete_files_on_commit,
    lock_plan,
)

EVIDENCE_TYPES = ("pdf", "jpeg", "png", "zip")
EVIDENCE_MAX_SIZE = 10 * 1024 * 1024

# What a zip container must hold to be the office document its name claims.
OFFICE_MARKERS = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "odt": "content.xml",
}
EXTENSIONS = {"pdf": "pdf", "jpg": "jpeg", "jpeg": "jpeg", "png": "png"}


def _check_progress_allowed(item: PlanItem) -> None:
    lock_plan(item.plan)
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
    check_version(item, expected_version)
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
    bump_version(PlanItem, item.pk, expected_version)
    item.version += 1
    item.save(update_fields=[*fields, "updated_at"])
    if status in (PlanItem.Status.DONE, PlanItem.Status.NOT_DONE):
        # The reminders of its deadline have done their work.
        resolve((Kind.DEADLINE_SOON, Kind.OVERDUE), f"item:{item.pk}")
    if status == PlanItem.Status.DONE:
        notify(
            [item.plan.mentor],
            Kind.ITEM_DONE,
            subject=f"{item.activity} ({item.plan.reserve_entry.person.short_name})",
            key=f"item:{item.pk}:done:v{item.version}",
            url=item.plan.get_absolute_url(),
        )
    return item


@transaction.atomic
def confirm_item(
    *, item: PlanItem, by: Any, expected_version: int | None = None
) -> PlanItem:
    """The mentor confirms a done row of an approved plan; raises StaleVersionError
    or ValidationError."""
    check_version(item, expected_version)
    lock_plan(item.plan)
    if item.plan.status != IndividualPlan.Status.APPROVED:
        raise ValidationError(_("Progress is marked on an approved plan."))
    if item.status != PlanItem.Status.DONE:
        raise ValidationError(_("Only a done item can be confirmed."))
    bump_version(PlanItem, item.pk, expected_version)
    item.version += 1
    item.confirmed_by = by
    item.confirmed_at = timezone.now()
    item.save(update_fields=["confirmed_by", "confirmed_at", "updated_at"])
    resolve(Kind.ITEM_DONE, f"item:{item.pk}:done")
    return item


def check_evidence_file(file: UploadedFile) -> None:
    """Allowed: pdf, docx, xlsx, odt, jpg, png, by content; raises ValidationError."""
    kind = check_upload(file, allowed=EVIDENCE_TYPES, max_size=EVIDENCE_MAX_SIZE)
    # Django's upload handlers name every file they receive.
    assert file.name is not None
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
    lock_plan(item.plan)
    if item.plan.status == IndividualPlan.Status.COMPLETED:
        raise ValidationError(_("The plan is completed and cannot be changed."))
    if item.status == PlanItem.Status.CANCELLED:
        raise ValidationError(_("The item is cancelled."))
    check_evidence_file(file)
    return _store_evidence(item=item, file=file, by=by)


def _store_evidence(*, item: PlanItem, file: UploadedFile, by: Any) -> Evidence:
    """Store a checked file and its row; the file goes again if the row fails."""
    # Django's upload handlers name and size every file they receive.
    assert file.name is not None
    assert file.size is not None
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
    lock_plan(evidence.item.plan)
    if evidence.item.plan.status == IndividualPlan.Status.COMPLETED:
        raise ValidationError(_("The plan is completed and cannot be changed."))
    delete_files_on_commit([evidence])
    evidence.delete()

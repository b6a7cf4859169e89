"""Excel import of organisations, people and the management reserve: read the file,
check every row, show what would change, and apply it all in one transaction or not
at all.

Each kind in `imports.kinds` says how its rows are matched with existing records
and written; this module runs the lifecycle every kind shares: preview, keep the
file as a batch, re-check and apply it. An empty cell of an optional column leaves
the value as it is."""

import os
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.services import create_validated
from imports import documents
from imports.kinds import KINDS
from imports.models import ImportBatch
from imports.planning import Action, Plan, model_errors
from imports.xlsx import read_rows
from organizations.models import Municipality


class ImportRejected(ValidationError):
    """Some rows are invalid, so nothing has been saved; `plan` lists the errors."""

    def __init__(self, plan: Plan) -> None:
        super().__init__(_("The file has errors, nothing has been saved."))
        self.plan = plan


class BatchClosed(ValidationError):
    """The batch has been applied or has failed already; it cannot be applied."""


# Planning ------------------------------------------------------------------------


def plan_file(
    *, kind: str, municipality: Municipality, file: IO[bytes], size: int
) -> Plan:
    """What importing the file would do, with every row error; raises
    ValidationError when the file itself cannot be used (too large, not .xlsx,
    empty, missing columns, too many rows)."""
    import_kind = KINDS[kind]
    rows = read_rows(file=file, size=size, columns=import_kind.columns)
    return import_kind.plan(municipality=municipality, rows=rows)


def plan_batch(*, batch: ImportBatch) -> Plan:
    """Re-read and re-check the stored file of a batch against today's data;
    raises ValidationError when the file is gone or unusable."""
    try:
        with batch.file.open("rb") as file:
            return plan_file(
                kind=batch.kind,
                municipality=batch.municipality,
                file=file,
                size=batch.file.size,
            )
    except OSError as e:
        raise ValidationError(
            _("The uploaded file is no longer available. Upload it again.")
        ) from e


# Writing -------------------------------------------------------------------------


def preview_upload(
    *, user: User, municipality: Municipality, kind: str, upload: UploadedFile
) -> tuple[ImportBatch | None, Plan]:
    """Check an uploaded file; when every row is valid, keep it as a batch awaiting
    confirmation. Raises ValidationError when the file itself cannot be used."""
    # Django's upload handlers set the size of every file they receive.
    assert upload.size is not None
    plan = plan_file(
        kind=kind, municipality=municipality, file=upload, size=upload.size
    )
    if not plan.is_valid:
        return None, plan
    upload.seek(0)
    batch = create_validated(
        ImportBatch,
        user=user,
        kind=kind,
        municipality=municipality,
        original_name=os.path.basename(upload.name or "")[-255:] or "import.xlsx",
        file=upload,
        n_rows=plan.n_rows,
        n_created=plan.n_created,
        n_updated=plan.n_updated,
        n_unchanged=plan.n_unchanged,
    )
    return batch, plan


def _apply(batch: ImportBatch) -> ImportBatch:
    locked = (
        ImportBatch.objects.select_for_update(of=("self",))
        .select_related("municipality")
        .get(pk=batch.pk)
    )
    if locked.status != ImportBatch.Status.PREVIEWED:
        raise BatchClosed(_("This import has been applied or rejected already."))
    plan = plan_batch(batch=locked)
    if not plan.is_valid:
        raise ImportRejected(plan)
    import_kind = KINDS[locked.kind]
    for row in plan.rows:
        if row.action == Action.UNCHANGED:
            continue
        try:
            import_kind.write(row=row, municipality=locked.municipality)
        except ValidationError as e:
            plan.errors.extend(model_errors(row.row, e, import_kind.columns))
    if plan.errors:
        raise ImportRejected(plan)
    locked.status = ImportBatch.Status.APPLIED
    locked.n_rows = plan.n_rows
    locked.n_created = plan.n_created
    locked.n_updated = plan.n_updated
    locked.n_unchanged = plan.n_unchanged
    locked.applied_at = timezone.now()
    locked.save(
        update_fields=[
            "status",
            "n_rows",
            "n_created",
            "n_updated",
            "n_unchanged",
            "applied_at",
        ]
    )
    return locked


def apply_batch(*, batch: ImportBatch) -> ImportBatch:
    """Re-check the stored file and apply every row through the registry services in
    one transaction: all of it or nothing. Raises ImportRejected (and marks the
    batch failed) when a row is invalid now, BatchClosed when the batch is not
    awaiting confirmation, ValidationError when the stored file is unusable."""
    if batch.status != ImportBatch.Status.PREVIEWED:
        raise BatchClosed(_("This import has been applied or rejected already."))
    try:
        with transaction.atomic():
            batch = _apply(batch)
    except BatchClosed:
        raise
    except ValidationError as e:
        _fail_batch(batch=batch, error=e)
        raise
    return batch


def _fail_batch(*, batch: ImportBatch, error: ValidationError) -> None:
    if isinstance(error, ImportRejected):
        messages = [str(row_error) for row_error in error.plan.errors]
    else:
        messages = error.messages
    batch.status = ImportBatch.Status.FAILED
    batch.error_message = "\n".join(messages[:100])
    batch.save(update_fields=["status", "error_message"])


# The template --------------------------------------------------------------------


def build_template(*, kind: str, municipality: Municipality) -> bytes:
    """The .xlsx template for the kind, with the kind's lists of allowed values in
    the municipality."""
    import_kind = KINDS[kind]
    columns = [
        documents.TemplateColumn(
            header=column.header,
            hint=str(column.hint),
            is_required=column.is_required,
            width=column.width,
            number_format=column.number_format,
            list_key=column.list_key,
            number_range=column.number_range,
        )
        for column in import_kind.columns
    ]
    return documents.render_template(
        columns=columns,
        lists=import_kind.template_lists(municipality=municipality),
        text=documents.template_text(
            data_title=str(import_kind.name),
            rows_rule=str(import_kind.rows_rule),
            empty_cell_rules=import_kind.empty_cell_rules(municipality=municipality),
        ),
        max_rows=settings.IMPORT_MAX_ROWS,
    )

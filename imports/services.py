"""Excel import of organisations, people, the management reserve and the catalogue
of legal acts: read the file, check every row, show what would change, and apply it
all in one transaction or not at all.

Each kind in `imports.kinds` says how its rows are matched with existing records
and written; this module runs the lifecycle every kind shares: preview, keep the
file as a batch, re-check and apply it. An empty cell of an optional column leaves
the value as it is."""

import os
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.services import create_validated
from imports import documents, progress, tasks
from imports.kinds import KINDS
from imports.models import ImportBatch, ImportRow
from imports.planning import Action, Plan
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
    *,
    kind: str,
    municipality: Municipality,
    file: IO[bytes],
    size: int,
    batch_id: int | None = None,
) -> Plan:
    """What importing the file would do, with every row error; raises
    ValidationError when the file itself cannot be used (too large, not .xlsx,
    empty, missing columns, too many rows). With `batch_id`, the rows read and
    checked are reported to `imports.progress` as they go."""
    import_kind = KINDS[kind]
    on_read = on_checked = None
    if batch_id is not None:
        on_read = progress.reporter(batch_id=batch_id, stage=progress.READ)
        on_checked = progress.reporter(batch_id=batch_id, stage=progress.CHECK)
    rows = read_rows(file=file, size=size, columns=import_kind.columns, on_rows=on_read)
    if on_checked is not None:
        on_checked(0)
    return import_kind.plan(municipality=municipality, rows=rows, on_rows=on_checked)


def plan_batch(*, batch: ImportBatch) -> Plan:
    """Re-read and re-check the stored file of a batch against today's data,
    reporting the progress; raises ValidationError when the file is gone or
    unusable."""
    try:
        with batch.file.open("rb") as file:
            return plan_file(
                kind=batch.kind,
                municipality=batch.municipality,
                file=file,
                size=batch.file.size,
                batch_id=batch.pk,
            )
    except OSError as e:
        raise ValidationError(
            _("The uploaded file is no longer available. Upload it again.")
        ) from e


# Writing -------------------------------------------------------------------------

# Rows saved per bulk insert and update: the progress moves on after each batch.
WRITE_BATCH = 1000
# Preview rows stored per insert.
PREVIEW_BATCH = 1000


def preview_upload(
    *, user: User, municipality: Municipality, kind: str, upload: UploadedFile
) -> tuple[ImportBatch | None, Plan]:
    """Check an uploaded file; when every row is valid, keep it as a batch awaiting
    confirmation, with the rows its preview shows. Raises ValidationError when the
    file itself cannot be used."""
    # Django's upload handlers set the size of every file they receive.
    assert upload.size is not None
    plan = plan_file(
        kind=kind, municipality=municipality, file=upload, size=upload.size
    )
    if not plan.is_valid:
        return None, plan
    upload.seek(0)
    with transaction.atomic():
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
        ImportRow.objects.bulk_create(
            [
                ImportRow(
                    batch=batch,
                    row=row.row,
                    label=row.label[:500],
                    action=row.action,
                    changes=[
                        {"column": c.column, "old": c.old, "new": c.new}
                        for c in row.changes
                    ],
                )
                for row in plan.rows
            ],
            batch_size=PREVIEW_BATCH,
        )
    return batch, plan


def confirm_batch(*, batch: ImportBatch) -> ImportBatch:
    """Queue a previewed batch for the worker, which applies it (`apply_batch`).
    Raises BatchClosed unless the batch is awaiting confirmation."""
    with transaction.atomic():
        queued = ImportBatch.objects.filter(
            pk=batch.pk, status=ImportBatch.Status.PREVIEWED
        ).update(status=ImportBatch.Status.QUEUED, n_done=0)
        if not queued:
            raise BatchClosed(_("This import has been confirmed already."))
        batch.status, batch.n_done = ImportBatch.Status.QUEUED, 0
        # The task row commits with the status: both or neither.
        tasks.apply_import.enqueue(batch_id=batch.pk)
    batch.refresh_from_db()
    return batch


def _apply(batch: ImportBatch) -> ImportBatch:
    plan = plan_batch(batch=batch)
    if not plan.is_valid:
        raise ImportRejected(plan)
    import_kind = KINDS[batch.kind]
    done = 0
    progress.report(batch_id=batch.pk, done=0, stage=progress.WRITE)
    for start in range(0, len(plan.rows), WRITE_BATCH):
        rows = plan.rows[start : start + WRITE_BATCH]
        try:
            import_kind.write(
                rows=[row for row in rows if row.action != Action.UNCHANGED],
                user=batch.user,
            )
        except IntegrityError as e:
            # A constraint of the database: a concurrent change since the check.
            raise ValidationError(
                _(
                    "Rows %(first)s–%(last)s could not be saved: the registry has "
                    "changed while the import ran. Nothing has been saved; "
                    "upload the file again."
                )
                % {"first": rows[0].row, "last": rows[-1].row}
            ) from e
        done += len(rows)
        progress.report(batch_id=batch.pk, done=done, stage=progress.WRITE)
    outcome = {
        "status": ImportBatch.Status.APPLIED,
        "n_rows": plan.n_rows,
        "n_created": plan.n_created,
        "n_updated": plan.n_updated,
        "n_unchanged": plan.n_unchanged,
        "n_done": done,
        "applied_at": timezone.now(),
    }
    # Still running: not failed meanwhile as stalled (fail_if_stalled).
    if not ImportBatch.objects.filter(
        pk=batch.pk, status=ImportBatch.Status.RUNNING
    ).update(**outcome):
        raise BatchClosed(
            _("The import was stopped while it ran. Nothing has been saved.")
        )
    for name, value in outcome.items():
        setattr(batch, name, value)
    return batch


def apply_batch(*, batch: ImportBatch) -> ImportBatch:
    """Re-check the stored file against today's data and save its rows in bulk, in
    one transaction: all of it or nothing. The worker runs it for a confirmed batch.

    The batch is marked running before the transaction and failed after its
    rollback, so both survive it; the rows done go to `imports.progress`, which
    other processes read while the transaction runs. Raises ImportRejected (and
    marks the batch failed) when a row is invalid now, BatchClosed when the batch
    is applied, failed or running already, ValidationError when the stored file
    is unusable or a constraint of the database is broken."""
    claimed = ImportBatch.objects.filter(
        pk=batch.pk,
        status__in=[ImportBatch.Status.PREVIEWED, ImportBatch.Status.QUEUED],
    ).update(status=ImportBatch.Status.RUNNING, n_done=0)
    if not claimed:
        raise BatchClosed(_("This import has been applied or rejected already."))
    batch = ImportBatch.objects.select_related("municipality", "user").get(pk=batch.pk)
    progress.report(batch_id=batch.pk, done=0, stage=progress.READ)
    try:
        with transaction.atomic():
            return _apply(batch)
    except ValidationError as e:
        _fail_batch(batch=batch, error=e)
        raise
    except BaseException:
        # A bug, a lost database or a worker stopped by force: the transaction is
        # rolled back, and the batch must not stay "in progress".
        error = ValidationError(
            _(
                "The import was interrupted by an error or a stop of the worker. "
                "Nothing has been saved."
            )
        )
        _fail_batch(batch=batch, error=error)
        raise
    finally:
        progress.clear(batch_id=batch.pk)


def fail_if_stalled(*, batch: ImportBatch) -> ImportBatch:
    """Mark failed a running batch whose worker has stopped reporting for longer
    than IMPORT_STALLED_AFTER: killed, or its server went down. Its transaction
    died with it, so nothing of it was saved; if the worker is only slow, it finds
    the batch failed at its end and rolls back (`_apply`). Returns the batch as
    it is now."""
    if batch.status != ImportBatch.Status.RUNNING:
        return batch
    if not progress.of_batch(batch).is_stalled():
        return batch
    message = _(
        "The import was interrupted: the task worker stopped responding. "
        "Nothing has been saved; upload the file again."
    )
    try:
        ImportBatch.objects.filter(
            pk=batch.pk, status=ImportBatch.Status.RUNNING
        ).update(status=ImportBatch.Status.FAILED, n_done=0, error_message=message)
    except DatabaseError:
        # SQLite: the worker holds the database; it is alive after all.
        return batch
    progress.clear(batch_id=batch.pk)
    batch.refresh_from_db()
    return batch


def _fail_batch(*, batch: ImportBatch, error: ValidationError) -> None:
    if isinstance(error, ImportRejected):
        messages = [str(row_error) for row_error in error.plan.errors]
    else:
        messages = error.messages
    batch.status = ImportBatch.Status.FAILED
    batch.n_done = 0
    batch.error_message = "\n".join(messages[:100])
    batch.save(update_fields=["status", "n_done", "error_message"])


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

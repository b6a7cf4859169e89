"""The background work of imports, run by the database-backed worker
(`manage.py db_worker`)."""

from django.core.exceptions import ValidationError
from django_tasks import task

from imports import services
from imports.models import ImportBatch


@task()
def apply_import(batch_id: int) -> str:
    """Apply a confirmed batch; its status and errors say how it went."""
    batch = ImportBatch.objects.get(pk=batch_id)
    try:
        services.apply_batch(batch=batch)
    except ValidationError:
        # The batch is marked failed with the errors for the user to read.
        return ImportBatch.Status.FAILED
    return ImportBatch.Status.APPLIED

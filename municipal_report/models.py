"""A report asked for on the page, drawn up by the task worker."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import pgettext_lazy

from core.models import TimeStampedModel

# The summary and the eight sheets: the progress counts them.
SHEET_COUNT = 9


class ReportJob(TimeStampedModel):
    """The coordinator's request for the report of a period, its progress (the
    sheets written) and, once done, the workbook itself (a few hundred KB at
    most, kept in the database so every web process and worker sees it).
    `updated_at` is when the worker last reported: a running job silent for
    MUNICIPAL_REPORT_STALLED_AFTER seconds lost its worker (services)."""

    class Status(models.TextChoices):
        QUEUED = "queued", pgettext_lazy("municipal report", "queued")
        RUNNING = "running", pgettext_lazy("municipal report", "being drawn up")
        DONE = "done", pgettext_lazy("municipal report", "ready")
        FAILED = "failed", pgettext_lazy("municipal report", "failed")

    municipality = models.ForeignKey(
        "organizations.Municipality", on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    date_from = models.DateField()
    date_to = models.DateField()
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    sheets_done = models.PositiveSmallIntegerField(default=0)
    content = models.BinaryField(null=True, blank=True, editable=False)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Why a failed job failed, in Russian, when the page says more than "failed".
    error_message = models.TextField(blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "-created_at"])]

    def get_absolute_url(self) -> str:
        return reverse("municipal_report:job", args=[self.pk])

    @property
    def percent(self) -> int:
        return round(100 * self.sheets_done / SHEET_COUNT)

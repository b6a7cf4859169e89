"""Excel imports of registries: one uploaded file kept between preview and apply."""

import uuid
from typing import Self

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import ChoiceLabels


def batch_file_path(batch: "ImportBatch", filename: str) -> str:
    """A random name under imports/: the user's file name is never a path."""
    return f"imports/{uuid.uuid4().hex}.xlsx"


class ImportBatchQuerySet(models.QuerySet["ImportBatch"]):
    def for_list(self) -> Self:
        """The newest batches first, with what the list shows, in one query."""
        return self.select_related("municipality").order_by("-created_at", "-pk")


class ImportBatch(ChoiceLabels):
    """An uploaded .xlsx file: previewed, then applied as a whole or not at all."""

    class Kind(models.TextChoices):
        ORGANIZATIONS = "organizations", _("organisations")
        PEOPLE = "people", _("people")
        RESERVE = "reserve", _("management reserve")
        LEGAL_ACTS = "legal_acts", _("legal acts")

    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("awaiting confirmation")
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("in progress")
        APPLIED = "applied", _("applied")
        FAILED = "failed", _("rejected")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    kind = models.CharField(_("what is imported"), max_length=20, choices=Kind.choices)
    municipality = models.ForeignKey(
        "organizations.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    original_name = models.CharField(_("file name"), max_length=255)
    file = models.FileField(_("file"), upload_to=batch_file_path, max_length=255)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PREVIEWED
    )
    n_rows = models.PositiveIntegerField(_("rows of data"), default=0)
    n_created = models.PositiveIntegerField(_("records added"), default=0)
    n_updated = models.PositiveIntegerField(_("records changed"), default=0)
    n_unchanged = models.PositiveIntegerField(_("records unchanged"), default=0)
    n_done = models.PositiveIntegerField(_("rows processed"), default=0)
    error_message = models.TextField(_("errors"), blank=True)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)

    objects = ImportBatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.original_name}"

    def get_absolute_url(self) -> str:
        return reverse("imports:batch", args=[self.pk])

    def get_registry_url(self) -> str:
        """The list page of the registry the batch imports into."""
        return reverse(f"{self.kind}:list")

    @property
    def is_pending(self) -> bool:
        """Confirmed and not finished yet: the page polls for its progress."""
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)


class ImportRow(ChoiceLabels):
    """One valid row of a batch as its preview shows it, stored when the file is
    checked so that the preview pages never read the file again."""

    class Action(models.TextChoices):
        CREATE = "create", _("will be created")
        UPDATE = "update", _("will be changed")
        UNCHANGED = "unchanged", _("unchanged")

    batch = models.ForeignKey(
        ImportBatch, on_delete=models.CASCADE, related_name="preview_rows"
    )
    row = models.PositiveIntegerField(_("row"))
    label = models.CharField(_("record"), max_length=500)
    action = models.CharField(_("result"), max_length=20, choices=Action.choices)
    # [{"column": ..., "old": ..., "new": ...}], the display values of the preview.
    changes = models.JSONField(_("changes"), default=list, blank=True)

    class Meta:
        verbose_name = _("row of an import")
        verbose_name_plural = _("rows of an import")
        ordering = ["batch", "row"]
        constraints = [
            models.UniqueConstraint(
                fields=["batch", "row"], name="import_row_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.row}: {self.label}"

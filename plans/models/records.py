"""What plans and rows gather: evidence files, comments and revisions."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from plans.models.plans import IndividualPlan, PlanItem


def evidence_upload_to(evidence: "Evidence", filename: str) -> str:
    return f"evidence/{evidence.item.plan_id}/{evidence.item_id}/{filename}"


class Evidence(models.Model):
    """A file proving an item was done; served only to users in scope."""

    item = models.ForeignKey(
        PlanItem,
        verbose_name=_("plan item"),
        on_delete=models.CASCADE,
        related_name="files",
    )
    file = models.FileField(_("file"), upload_to=evidence_upload_to)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name


class Comment(models.Model):
    """A remark in the discussion of a plan or of one of its items (clause 8.1)."""

    plan = models.ForeignKey(
        IndividualPlan,
        verbose_name=_("plan"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    item = models.ForeignKey(
        PlanItem,
        verbose_name=_("plan item"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="comments",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("text"), max_length=5000)
    created_at = models.DateTimeField(_("written at"), auto_now_add=True, db_index=True)

    # Set on the comments a page shows (queries.display_name); not a field.
    author_name: str

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class Revision(models.Model):
    """A change made to an approved plan: who, when, what; awaits re-approval."""

    plan = models.ForeignKey(
        IndividualPlan,
        verbose_name=_("plan"),
        on_delete=models.CASCADE,
        related_name="revisions",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("changed at"), auto_now_add=True)
    description = models.TextField(_("what changed"))
    approved_at = models.DateTimeField(_("re-approved at"), null=True, blank=True)

    # Set on the revisions the plan page shows (queries.display_name); not a field.
    author_name: str

    class Meta:
        verbose_name = _("plan revision")
        verbose_name_plural = _("plan revisions")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.description[:60]

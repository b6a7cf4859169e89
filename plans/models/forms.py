"""The approved form of the individual plan, in versions (regulation, clause 8.1)."""

from typing import Self

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel

DEFAULT_SECTIONS = [
    _("Theoretical training"),
    _("Practical training and internship"),
    _("Participation in events"),
    _("Study of legal acts"),
    _("Self-education"),
]

COLUMN_KEYS = ["activity", "form", "deadline", "responsible", "expected_result", "mark"]
DEFAULT_COLUMN_TITLES = {
    "activity": _("Activity"),
    "form": _("Form of work"),
    "deadline": _("Deadline"),
    "responsible": _("Responsible"),
    "expected_result": _("Expected result"),
    "mark": _("Completion mark"),
}


class PlanForm(TimeStampedModel):
    """The municipality's form of the individual training plan; it has versions."""

    municipality = models.ForeignKey(
        "organizations.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="plan_forms",
    )
    name = models.CharField(_("name"), max_length=300)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan form")
        verbose_name_plural = _("plan forms")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("plans:form", args=[self.pk])


class PlanFormVersionQuerySet(models.QuerySet["PlanFormVersion"]):
    def approved(self) -> Self:
        """Versions approved by the coordinator, the only ones plans may use."""
        return self.filter(status=PlanFormVersion.Status.APPROVED)


class PlanFormVersion(TimeStampedModel):
    """One version of a form: sections and column titles; read-only once approved."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("form version status", "draft")
        APPROVED = "approved", pgettext_lazy("form version status", "approved")

    form = models.ForeignKey(
        PlanForm,
        verbose_name=_("form"),
        on_delete=models.CASCADE,
        related_name="versions",
    )
    number = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    # Empty titles fall back to DEFAULT_COLUMN_TITLES (see title_of).
    column_titles = models.JSONField(_("column titles"), default=dict, blank=True)
    approval_document = models.CharField(
        _("approving document"),
        max_length=300,
        blank=True,
        help_text=_("E.g. «приказ Управления образования»."),
    )
    approval_number = models.CharField(
        _("approval document number"), max_length=50, blank=True
    )
    approval_date = models.DateField(_("approval document date"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    history = HistoricalRecords()

    objects = PlanFormVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan form version")
        verbose_name_plural = _("plan form versions")
        ordering = ["form", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["form", "number"],
                name="plan_form_version_unique_number",
                violation_error_message=_(
                    "The form already has a version with this number."
                ),
            ),
            models.UniqueConstraint(
                fields=["form"],
                condition=Q(status="draft"),
                name="plan_form_one_draft_version",
                violation_error_message=_("The form already has a draft version."),
            ),
        ]

    def __str__(self) -> str:
        return _("%(form)s, version %(number)s") % {
            "form": self.form,
            "number": self.number,
        }

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED

    def title_of(self, key: str) -> str:
        return self.column_titles.get(key) or str(DEFAULT_COLUMN_TITLES[key])


class PlanFormSection(models.Model):
    """A section of a form version, e.g. «Теоретическая подготовка»."""

    version = models.ForeignKey(
        PlanFormVersion,
        verbose_name=_("form version"),
        on_delete=models.CASCADE,
        related_name="sections",
    )
    position = models.PositiveSmallIntegerField(
        pgettext_lazy("position in a list", "order")
    )
    title = models.CharField(_("title"), max_length=300)

    class Meta:
        verbose_name = _("plan form section")
        verbose_name_plural = _("plan form sections")
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "position"], name="plan_form_section_unique_position"
            )
        ]

    def __str__(self) -> str:
        return self.title


class SuggestedItem(models.Model):
    """An activity the form suggests for a section, with a deadline offset."""

    section = models.ForeignKey(
        PlanFormSection,
        verbose_name=_("section"),
        on_delete=models.CASCADE,
        related_name="suggested_items",
    )
    position = models.PositiveSmallIntegerField(
        pgettext_lazy("position in a list", "order"), default=0
    )
    activity = models.CharField(_("activity"), max_length=500)
    form_of_work = models.CharField(_("form of work"), max_length=300, blank=True)
    expected_result = models.CharField(_("expected result"), max_length=500, blank=True)
    months_from_start = models.PositiveSmallIntegerField(
        _("deadline, months from the start of the plan"), default=1
    )

    class Meta:
        verbose_name = _("suggested item")
        verbose_name_plural = _("suggested items")
        ordering = ["section", "position", "pk"]

    def __str__(self) -> str:
        return self.activity

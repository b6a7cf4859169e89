"""The joint report of the mentor and the reservist on the individual plan
(clause 8, point 8.10): a snapshot of the plan's data drafted by the system, the
reservist's self-analysis, the mentor's conclusion and recommendation, the
agreement of both, and the coordinator's acceptance."""

from typing import Any, Self

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.models import CopiesMunicipality, TimeStampedModel

# The longest part of the report either side writes.
MAX_PART = 20000


class PlanReportQuerySet(models.QuerySet["PlanReport"]):
    def in_list_order(self) -> Self:
        """The plain rows of the paged list, the latest changed first."""
        return self.order_by("-updated_at", "-pk")

    def for_list(self) -> Self:
        """Everything the lists and the API list show, in one query."""
        return self.select_related(
            "plan__reserve_entry__person__organization",
            "plan__reserve_entry__target_position",
            "plan__mentor",
        ).defer("data", "self_analysis", "conclusion")

    def for_card(self) -> Self:
        """What the report page, its rights and its documents read."""
        return self.select_related(
            "plan__reserve_entry__person__organization__municipality",
            "plan__reserve_entry__person__position",
            "plan__reserve_entry__target_position",
            "plan__mentor__position",
            "plan__mentor__organization",
        )

    def filtered(
        self, *, status: str | None = None, organization_id: int | None = None
    ) -> Self:
        """The one filter of the page and the API: status and the reservist's
        organisation."""
        found = self
        if status:
            found = found.filter(status=status)
        if organization_id:
            found = found.filter(
                plan__reserve_entry__person__organization_id=organization_id
            )
        return found


class PlanReport(CopiesMunicipality, TimeStampedModel):
    """Отчёт о выполнении индивидуального плана резервиста (8.10)."""

    municipality_source = ("plan",)

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("report status", "draft")
        SUBMITTED = "submitted", pgettext_lazy("report status", "submitted")
        ACCEPTED = "accepted", pgettext_lazy("report status", "accepted")

    class Recommendation(models.TextChoices):
        APPOINT = "appoint", _("recommend for appointment to the position")
        CONTINUE = "continue", _("continue the training")
        EXCLUDE = "exclude", _("exclude from the reserve")

    plan = models.OneToOneField(
        "plans.IndividualPlan",
        verbose_name=_("individual plan"),
        on_delete=models.PROTECT,
        related_name="report",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    # The part the system drafts: plain JSON (plan_reports.queries.report_data).
    data = models.JSONField(_("data of the plan"), default=dict)
    data_refreshed_at = models.DateTimeField(_("data refreshed at"))
    self_analysis = models.TextField(
        _("self-analysis of the reservist"), max_length=MAX_PART, blank=True
    )
    conclusion = models.TextField(
        _("conclusion of the mentor"), max_length=MAX_PART, blank=True
    )
    recommendation = models.CharField(
        _("recommendation to the commission"),
        max_length=12,
        choices=Recommendation.choices,
        blank=True,
    )
    reservist_agreed_at = models.DateTimeField(
        _("agreed by the reservist"), null=True, blank=True
    )
    mentor_agreed_at = models.DateTimeField(
        _("agreed by the mentor"), null=True, blank=True
    )
    submitted_at = models.DateTimeField(
        _("submitted to the coordinator"), null=True, blank=True
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    remarks = models.TextField(
        _("remarks of the coordinator"), max_length=MAX_PART, blank=True
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("drafted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords(
        excluded_fields=[*CopiesMunicipality.copied_fields, "data"]
    )

    objects = PlanReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("report on the individual plan")
        verbose_name_plural = _("reports on individual plans")
        ordering = ["-updated_at", "-pk"]
        indexes = [
            # The coordinator's list: scope and order in one.
            models.Index(
                fields=["municipality", "updated_at", "id"],
                name="plan_report_municipality",
            ),
            models.Index(fields=["status"], name="plan_report_status"),
        ]

    def __str__(self) -> str:
        return str(_("Report on the plan: %(plan)s") % {"plan": self.plan})

    def get_absolute_url(self) -> str:
        return reverse("plan_reports:report", args=[self.pk])

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_agreed_by_both(self) -> bool:
        return (
            self.reservist_agreed_at is not None and self.mentor_agreed_at is not None
        )

    @property
    def data_view(self) -> dict[str, Any]:
        """The snapshot as stored (a dict, never None)."""
        return self.data or {}

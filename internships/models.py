"""Internships (стажировки) of reservists: their form, host organisation,
supervisor, dates, programme and the supervisor's conclusion (clause 8.3)."""

from typing import Self

from django.db import models
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.models import CopiesMunicipality, TimeStampedModel, normalize_search

# The catalogue a municipality starts with (the coordinator edits it).
DEFAULT_FORMS = (
    _("At the workplace of the head of one's own organisation"),
    _("In another educational organisation"),
    _("In the education authority"),
    _("Away (visiting)"),
    _("Remote"),
)


class InternshipForm(TimeStampedModel):
    """A form of internship in a municipality's catalogue (на рабочем месте …)."""

    municipality = models.ForeignKey(
        "organizations.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="internship_forms",
    )
    name = models.CharField(_("name"), max_length=255)
    position = models.PositiveIntegerField(_("position"), default=0)
    is_active = models.BooleanField(
        _("offered for new internships"),
        default=True,
        help_text=_("A form no longer offered stays on the internships that have it."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("internship form")
        verbose_name_plural = _("internship forms")
        ordering = ["position", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"],
                name="internship_form_unique_name",
                violation_error_message=_(
                    "An internship form with this name already exists."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("internships:form_edit", args=[self.pk])


class InternshipQuerySet(models.QuerySet["Internship"]):
    def in_list_order(self) -> Self:
        """The latest first: the plain rows the list's count and page run on."""
        return self.order_by("-starts_on", "-pk")

    def for_card(self) -> Self:
        """What the card, the API and the rights read, in one query."""
        return self.select_related(
            "reserve_entry__person__organization__municipality",
            "reserve_entry__person__position",
            "reserve_entry__target_position",
            "mentorship",
            "mentor__position",
            "mentor__organization",
            "supervisor__position",
            "supervisor__organization",
            "supervisor__user",
            "host_organization",
            "form",
            "plan_item__plan",
            "concluded_by",
        )

    def for_list(self) -> Self:
        """Everything a list row shows, with the number of programme tasks (one
        query; a paged list applies it to the page's rows only)."""
        return (
            self.select_related(
                "reserve_entry__person__organization",
                "mentor",
                "supervisor",
                "host_organization",
                "form",
            )
            .annotate(n_tasks=Count("tasks"))
            .in_list_order()
        )

    def filtered(
        self,
        *,
        q: str | None = None,
        status: str | None = None,
        form_id: int | None = None,
        host_organization_id: int | None = None,
        reserve_entry_id: int | None = None,
        supervisor_id: int | None = None,
    ) -> Self:
        """The internships the list's filters leave (pages and API alike)."""
        found = self
        if q:
            found = found.filter(
                reserve_entry__person__search_text__contains=normalize_search(q)
            )
        if status:
            found = found.filter(status=status)
        if form_id is not None:
            found = found.filter(form_id=form_id)
        if host_organization_id is not None:
            found = found.filter(host_organization_id=host_organization_id)
        if reserve_entry_id is not None:
            found = found.filter(reserve_entry_id=reserve_entry_id)
        if supervisor_id is not None:
            found = found.filter(supervisor_id=supervisor_id)
        return found


class Internship(CopiesMunicipality, TimeStampedModel):
    """A reservist's internship (стажировка), set by the mentor with the reservist.

    For the timeline: `starts_on`/`ends_on` (the planned dates), `started_on`
    (moved to in progress), `completed_on` (completed), `concluded_on` (the
    conclusion's date); every change is in `history` (django-simple-history)."""

    # The reserve entry's: the coordinator's scope and the list share one index.
    municipality_source = ("reserve_entry",)

    class Status(models.TextChoices):
        PLANNED = "planned", pgettext_lazy("internship status", "planned")
        IN_PROGRESS = "in_progress", pgettext_lazy("internship status", "in progress")
        COMPLETED = "completed", pgettext_lazy("internship status", "completed")

    class Assessment(models.TextChoices):
        EXCELLENT = "excellent", _("excellent")
        GOOD = "good", _("good")
        SATISFACTORY = "satisfactory", _("satisfactory")
        UNSATISFACTORY = "unsatisfactory", _("unsatisfactory")

    reserve_entry = models.ForeignKey(
        "reserve.ReserveEntry",
        verbose_name=_("reservist"),
        on_delete=models.PROTECT,
        related_name="internships",
    )
    mentorship = models.ForeignKey(
        "mentorships.Mentorship",
        verbose_name=_("mentorship"),
        on_delete=models.PROTECT,
        related_name="internships",
    )
    # The mentorship's mentor, copied: the mentor's scope is one index.
    mentor = models.ForeignKey(
        "people.Person",
        verbose_name=_("mentor"),
        on_delete=models.PROTECT,
        related_name="internships_as_mentor",
    )
    form = models.ForeignKey(
        InternshipForm,
        verbose_name=_("form of internship"),
        on_delete=models.PROTECT,
        related_name="internships",
    )
    host_organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("host organisation"),
        on_delete=models.PROTECT,
        related_name="hosted_internships",
    )
    supervisor = models.ForeignKey(
        "people.Person",
        verbose_name=_("internship supervisor"),
        on_delete=models.PROTECT,
        related_name="supervised_internships",
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    goal = models.TextField(_("goal of the internship"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    started_on = models.DateField(_("started on"), null=True, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    plan_item = models.ForeignKey(
        "plans.PlanItem",
        verbose_name=_("plan item"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="internships",
    )
    # The conclusion (отзыв руководителя стажировки).
    work_done = models.TextField(_("what was done"), blank=True)
    assessment = models.CharField(
        _("assessment"), max_length=20, choices=Assessment.choices, blank=True
    )
    recommendation = models.TextField(_("recommendation"), blank=True)
    concluded_on = models.DateField(_("conclusion date"), null=True, blank=True)
    concluded_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("conclusion written by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords(excluded_fields=[*CopiesMunicipality.copied_fields])

    objects = InternshipQuerySet.as_manager()

    n_tasks: int  # annotated by for_list()

    class Meta:
        verbose_name = _("internship")
        verbose_name_plural = _("internships")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="internship_ends_after_start",
                violation_error_message=_(
                    "The internship cannot end before it starts."
                ),
            ),
            models.CheckConstraint(
                condition=Q(concluded_on__isnull=True)
                | Q(concluded_on__gte=F("starts_on")),
                name="internship_conclusion_after_start",
                violation_error_message=_(
                    "The conclusion cannot be dated before the internship starts."
                ),
            ),
        ]
        indexes = [
            # The coordinator's scope with the list's order.
            models.Index(
                fields=["municipality", "-starts_on", "-id"],
                name="internship_municipality",
            ),
            models.Index(fields=["mentor", "-starts_on"], name="internship_mentor"),
            models.Index(
                fields=["supervisor", "-starts_on"], name="internship_supervisor"
            ),
            models.Index(
                fields=["reserve_entry", "-starts_on"], name="internship_entry"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reserve_entry.person.full_name}: {self.form.name}"

    def get_absolute_url(self) -> str:
        return reverse("internships:card", args=[self.pk])

    @property
    def has_conclusion(self) -> bool:
        return self.concluded_on is not None


class InternshipTask(TimeStampedModel):
    """A task of the internship's programme, with its dates."""

    internship = models.ForeignKey(
        Internship,
        verbose_name=_("internship"),
        on_delete=models.CASCADE,
        related_name="tasks",
    )
    title = models.CharField(_("task"), max_length=500)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("programme task")
        verbose_name_plural = _("programme tasks")
        ordering = ["starts_on", "ends_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="internship_task_ends_after_start",
                violation_error_message=_("A task cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

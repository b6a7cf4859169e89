"""Individual plans and their rows, with the one rule of progress and overdue."""

from datetime import date
from typing import TYPE_CHECKING, Self

from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.models import CopiesMunicipality, TimeStampedModel
from mentorships.models import Mentorship

if TYPE_CHECKING:
    from plans.models.records import Comment
    from plans.queries import Progress, Segment
from plans.models.forms import PlanFormSection, PlanFormVersion


def active_mentorship() -> Exists:
    """Exists: the plan's mentor still guides its reservist (an active mentorship
    of that mentor with that reserve entry), for a filter or an annotation."""
    return Exists(
        Mentorship.objects.filter(
            status=Mentorship.Status.ACTIVE,
            mentor_id=OuterRef("mentor_id"),
            reserve_entry_id=OuterRef("reserve_entry_id"),
        )
    )


def overdue_filter(today: date, through: str = "") -> Q:
    """Overdue, as a filter: an open item past its deadline on `today`, never
    stored; `through` reaches the items over a relation ("items__"). The one
    rule of the lists, the API and the control page; PlanItem.is_overdue_on
    says the same of one loaded item."""
    return Q(**{f"{through}status__in": PlanItem.OPEN, f"{through}deadline__lt": today})


def done_late_filter(through: str = "") -> Q:
    """Done after the deadline, as a filter (PlanItem.is_done_late for one item)."""
    return Q(
        **{
            f"{through}status": PlanItem.Status.DONE,
            f"{through}done_on__gt": F(f"{through}deadline"),
        }
    )


class IndividualPlanQuerySet(models.QuerySet["IndividualPlan"]):
    def with_mentorship_state(self) -> Self:
        """Annotate `is_mentorship_active` (see active_mentorship), which the
        mentor's rights read without a query per plan."""
        return self.annotate(is_mentorship_active=active_mentorship())

    def mentored_now_by(self, person_id: int) -> Self:
        """Plans the person mentors under an active mentorship (not the plans of
        a mentorship that has ended or passed to another mentor)."""
        return self.filter(active_mentorship(), mentor_id=person_id)

    def with_progress_counts(self, today: date | None = None) -> Self:
        """Annotate the counts of the progress bar, which plans.queries.Progress
        reads: `n_items` (all but the cancelled), `n_done`, `n_done_late`,
        `n_overdue` and `n_not_done`, each by the rules of PlanItem."""
        today = today or timezone.localdate()
        return self.annotate(
            n_items=Count("items", filter=~Q(items__status=PlanItem.Status.CANCELLED)),
            n_done=Count("items", filter=Q(items__status=PlanItem.Status.DONE)),
            n_done_late=Count("items", filter=done_late_filter("items__")),
            n_overdue=Count("items", filter=overdue_filter(today, "items__")),
            n_not_done=Count("items", filter=Q(items__status=PlanItem.Status.NOT_DONE)),
        )

    def with_overdue_items(self, today: date | None = None) -> Self:
        """Plans with at least one overdue row (a filter that needs no counts)."""
        today = today or timezone.localdate()
        overdue = PlanItem.objects.filter(overdue_filter(today), plan=OuterRef("pk"))
        return self.filter(Exists(overdue))

    def without_overdue_items(self, today: date | None = None) -> Self:
        """Plans with no overdue row."""
        today = today or timezone.localdate()
        overdue = PlanItem.objects.filter(overdue_filter(today), plan=OuterRef("pk"))
        return self.filter(~Exists(overdue))

    def for_list(self) -> Self:
        """Everything plan lists touch, with their progress counts, in one query.
        A paged list applies it to the page's rows only (core.pagination)."""
        return self.select_related(
            "reserve_entry__person__organization",
            "reserve_entry__target_position",
            "mentor",
            "form_version__form",
        ).with_progress_counts()


class IndividualPlan(CopiesMunicipality, TimeStampedModel):
    """План индивидуальной подготовки резервиста (ИПП) on a form version."""

    # The scope of the coordinator's list and its order share one index.
    municipality_source = ("reserve_entry", "person")

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("plan status", "draft")
        SUBMITTED = "submitted", _("submitted for approval")
        APPROVED = "approved", pgettext_lazy("plan status", "approved")
        COMPLETED = "completed", pgettext_lazy("plan status", "completed")

    reserve_entry = models.ForeignKey(
        "reserve.ReserveEntry",
        verbose_name=_("reservist"),
        on_delete=models.PROTECT,
        related_name="plans",
    )
    mentor = models.ForeignKey(
        "people.Person",
        verbose_name=_("mentor"),
        on_delete=models.PROTECT,
        related_name="mentored_plans",
    )
    form_version = models.ForeignKey(
        PlanFormVersion,
        verbose_name=_("form version"),
        on_delete=models.PROTECT,
        related_name="plans",
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    remarks = models.TextField(_("remarks of the approver"), blank=True)
    approval_comment = models.TextField(_("comment on the approval"), blank=True)
    has_unapproved_changes = models.BooleanField(
        _("changed after approval"), default=False
    )
    # `municipality` (CopiesMunicipality): the reservist's, followed by
    # plans.receivers when the person moves to another municipality.
    history = HistoricalRecords(excluded_fields=[*CopiesMunicipality.copied_fields])

    objects = IndividualPlanQuerySet.as_manager()

    # Annotated by IndividualPlanQuerySet.with_progress_counts(); not fields.
    n_items: int
    n_done: int
    n_done_late: int
    n_overdue: int
    n_not_done: int
    # Set on the plans a list shows (queries.with_progress), for its template.
    progress: "Progress"
    bar: "list[Segment]"

    class Meta:
        verbose_name = _("individual training plan")
        verbose_name_plural = _("individual training plans")
        ordering = ["-period_start", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gt=models.F("period_start")),
                name="plan_period_end_after_start",
                violation_error_message=_("The period must end after it starts."),
            ),
            # The service refuses any overlap; this catches two clicks at once.
            models.UniqueConstraint(
                fields=["reserve_entry", "period_start"],
                name="plan_one_per_reservist_and_start",
                violation_error_message=_(
                    "The reservist already has a plan for this period."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["status"]),
            # The coordinator's list: scope and order (-period_start, -pk) in one.
            models.Index(
                fields=["municipality", "period_start", "id"],
                name="plan_municipality_period",
            ),
            # The reserve list's «approved plan» per entry (an index-only probe,
            # reserve.models._has_approved_plan), not a hash of every plan.
            models.Index(
                fields=["reserve_entry"],
                condition=Q(status__in=("approved", "completed")),
                name="plan_approved_by_entry",
            ),
        ]

    def __str__(self) -> str:
        return _("Plan of %(name)s, %(start)s–%(end)s") % {
            "name": self.reserve_entry.person.short_name,
            "start": self.period_start.strftime("%d.%m.%Y"),
            "end": self.period_end.strftime("%d.%m.%Y"),
        }

    def get_absolute_url(self) -> str:
        return reverse("plans:plan", args=[self.pk])


class PlanItemQuerySet(models.QuerySet["PlanItem"]):
    def overdue(self, today: date | None = None) -> Self:
        """Open items past their deadline (overdue is derived, never stored)."""
        return self.filter(overdue_filter(today or timezone.localdate()))

    def for_control(self) -> Self:
        """The mentor's control page: every item but the cancelled, by deadline."""
        return (
            self.exclude(status=PlanItem.Status.CANCELLED)
            .select_related("plan__reserve_entry__person", "section")
            .order_by("deadline", "pk")
        )


class PlanItem(TimeStampedModel):
    """A row of the plan."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        NOT_DONE = "not_done", _("not done")
        CANCELLED = "cancelled", _("cancelled")

    # Not closed yet: planned or in progress.
    OPEN = (Status.PLANNED, Status.IN_PROGRESS)

    plan = models.ForeignKey(
        IndividualPlan,
        verbose_name=_("plan"),
        on_delete=models.CASCADE,
        related_name="items",
    )
    section = models.ForeignKey(
        PlanFormSection,
        verbose_name=_("section"),
        on_delete=models.PROTECT,
        related_name="items",
    )
    position = models.PositiveIntegerField(
        pgettext_lazy("position in a list", "order"), default=0
    )
    activity = models.CharField(_("activity"), max_length=500)
    form_of_work = models.CharField(_("form of work"), max_length=300, blank=True)
    deadline = models.DateField(_("deadline"))
    responsible = models.CharField(_("responsible"), max_length=300, blank=True)
    expected_result = models.CharField(_("expected result"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    not_done_reason = models.CharField(
        _("reason it was not done"), max_length=500, blank=True
    )
    evidence_text = models.TextField(_("evidence"), blank=True)
    evidence_link = models.URLField(_("evidence link"), blank=True, max_length=500)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords()

    objects = PlanItemQuerySet.as_manager()

    # Set on the rows a page shows, for its template; not fields.
    number: str  # «2.3»: the section's number and the row's (queries.plan_page)
    thread: "list[Comment]"  # the row's discussion (queries.plan_page)
    row: object  # the plan table's display values (plans.views.rows.ItemRow)
    days_overdue: int  # the control of deadlines (queries.with_days_overdue)

    class Meta:
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        ordering = ["plan", "section__position", "position", "pk"]
        indexes = [
            models.Index(fields=["plan", "position"]),
            models.Index(fields=["status", "deadline"]),
            # The open items by plan and deadline: overdue_filter's EXISTS per plan
            # (with_overdue_items) is one index probe, not a read of the plan's items.
            models.Index(
                fields=["plan", "deadline"],
                condition=Q(status__in=("planned", "in_progress")),
                name="plan_item_open_deadline",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="done") | Q(done_on__isnull=False),
                name="plan_item_done_has_date",
                violation_error_message=_("State the date it was done."),
            ),
            models.CheckConstraint(
                condition=~Q(status="not_done") | ~Q(not_done_reason=""),
                name="plan_item_not_done_has_reason",
                violation_error_message=_("State the reason."),
            ),
        ]

    def __str__(self) -> str:
        return self.activity

    def is_overdue_on(self, today: date) -> bool:
        """Open past its deadline on `today`: overdue_filter() says the same in SQL."""
        return self.status in self.OPEN and self.deadline < today

    @property
    def is_overdue(self) -> bool:
        """Overdue today (see is_overdue_on)."""
        return self.is_overdue_on(timezone.localdate())

    @property
    def is_done_late(self) -> bool:
        """Done after its deadline: done_late_filter() says the same in SQL."""
        return (
            self.status == self.Status.DONE
            and self.done_on is not None
            and self.done_on > self.deadline
        )

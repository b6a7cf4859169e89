"""The individual training plan on the approved form (regulation, clause 8.1)."""

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

from core.models import TimeStampedModel
from mentorships.models import Mentorship

if TYPE_CHECKING:
    from plans.queries import Progress, Segment

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

    def for_list(self) -> Self:
        """Everything plan lists touch, with their progress counts, in one query."""
        return self.select_related(
            "reserve_entry__person__organization",
            "reserve_entry__target_position",
            "mentor",
            "form_version__form",
        ).with_progress_counts()


class IndividualPlan(TimeStampedModel):
    """План индивидуальной подготовки резервиста (ИПП) on a form version."""

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
    has_unapproved_changes = models.BooleanField(
        _("changed after approval"), default=False
    )
    history = HistoricalRecords()

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
        indexes = [models.Index(fields=["status"])]

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
    days_overdue: int  # the control of deadlines (queries.with_days_overdue)

    class Meta:
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        ordering = ["plan", "section__position", "position", "pk"]
        indexes = [
            models.Index(fields=["plan", "position"]),
            models.Index(fields=["status", "deadline"]),
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

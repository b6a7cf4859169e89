"""The management reserve (резерв управленческих кадров): regulation, clause 4."""

from typing import Self

from django.db import models
from django.db.models import (
    Case,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.models import CopiesMunicipality, TimeStampedModel, normalize_search

# mentorships.Mentorship.Status.ACTIVE
ACTIVE_MENTORSHIP = "active"
# plans.IndividualPlan.Status.APPROVED and COMPLETED
APPROVED_PLAN_STATUSES = ("approved", "completed")


class TargetPosition(TimeStampedModel):
    """A position the reserve prepares for (директор школы, заведующий …)."""

    municipality = models.ForeignKey(
        "organizations.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="target_positions",
    )
    name = models.CharField(_("name"), max_length=255)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("target position")
        verbose_name_plural = _("target positions")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"],
                name="target_position_unique_name",
                violation_error_message=_(
                    "A target position with this name already exists."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("reserve:position_edit", args=[self.pk])


def _related(name: str) -> QuerySet:
    """The rows of a higher app's model related to entries by `name` (reached by
    relation name, never imported)."""
    model = ReserveEntry._meta.get_field(name).related_model
    return model._default_manager.all()  # type: ignore[union-attr]


def _has_mentor() -> Exists:
    """An active mentorship of the entry (mentorships are a higher app: reached by
    relation name, never imported; a test there guards the spelling). Asked of
    the mentorships' own table by its entry index: no join back to entries."""
    mentorships = _related("mentorships").filter(reserve_entry=OuterRef("pk"))
    return Exists(mentorships.filter(status=ACTIVE_MENTORSHIP))


def _has_approved_plan() -> Exists:
    """An approved or completed plan of the entry (plans: by relation name too)."""
    plans = _related("plans").filter(reserve_entry=OuterRef("pk"))
    return Exists(plans.filter(status__in=APPROVED_PLAN_STATUSES))


# The state of the entry's current plan the reserve list shows: the plan's
# status, told apart where a status covers two situations (a draft returned with
# remarks; an approved plan whose changes await re-approval).
PLAN_STATES = {
    "draft": pgettext_lazy("plan status", "draft"),
    "returned": _("returned with remarks"),
    "submitted": _("submitted for approval"),
    "approved": pgettext_lazy("plan status", "approved"),
    "changed": _("approved, changes await approval"),
    "completed": pgettext_lazy("plan status", "completed"),
}


def _current_plan_state() -> Subquery:
    """The PLAN_STATES key of the entry's newest plan (by period, as the plan
    pages choose it), or NULL without a plan; one subquery on the plans'
    entry index (plans: by relation name)."""
    plans = _related("plans").filter(reserve_entry=OuterRef("pk"))
    state = Case(
        When(Q(status="draft") & ~Q(remarks=""), then=Value("returned")),
        When(status="approved", has_unapproved_changes=True, then=Value("changed")),
        default=F("status"),
        output_field=models.CharField(),
    )
    newest = plans.order_by("-period_start", "-pk").annotate(state=state)
    return Subquery(newest.values("state")[:1])


class ReserveEntryQuerySet(models.QuerySet["ReserveEntry"]):
    def in_list_order(self) -> Self:
        """The plain rows of the paged list, by the reservist's name: its count and
        page run on them."""
        return self.order_by(
            "person__last_name", "person__first_name", "person__middle_name", "pk"
        )

    def page_keys(self) -> Self:
        """The same rows, for choosing a page in list order: an entry's copied
        municipality is its person's, said here so that PostgreSQL derives the
        person's municipality from the scope's and walks the person's index
        (municipality, last name, first name, …) in order. The count runs on the
        plain rows and the entry's index (municipality, id): no join."""
        return self.filter(person__municipality_id=F("municipality_id"))

    def for_list(self) -> Self:
        """Everything the reserve list, export and API list touch, in one query (a
        paged list applies it to the page's rows only: core.pagination)."""
        return (
            self.select_related(
                "person__organization", "person__position", "target_position"
            )
            .annotate(
                has_mentor=_has_mentor(),
                has_approved_plan=_has_approved_plan(),
                plan_state=_current_plan_state(),
            )
            .in_list_order()
        )

    def active(self) -> Self:
        return self.filter(status=ReserveEntry.Status.ACTIVE)

    def for_person_card(self) -> Self:
        """What the person's card shows of an entry: its target position and its
        active mentorships with their mentors (`active_mentorships`; mentorships
        are a higher app: reached by relation name), in two queries."""
        mentorships = _related("mentorships").filter(status=ACTIVE_MENTORSHIP)
        return self.select_related("target_position").prefetch_related(
            Prefetch(
                "mentorships",
                queryset=mentorships.select_related("mentor").order_by("starts_on"),
                to_attr="active_mentorships",
            )
        )

    def search(self, text: str) -> Self:
        """Entries whose person's full name contains the text, case-insensitively."""
        return self.filter(person__search_text__contains=normalize_search(text))

    def filtered(
        self,
        *,
        q: str | None = None,
        organization_id: int | None = None,
        target_position_id: int | None = None,
        status: str | None = None,
        has_mentor: bool | None = None,
        has_approved_plan: bool | None = None,
    ) -> Self:
        """The entries the list's filters leave; an empty filter keeps all.
        One definition for the page, its export and the API list."""
        found = self
        if q:
            found = found.search(q)
        if organization_id is not None:
            found = found.filter(person__organization_id=organization_id)
        if target_position_id is not None:
            found = found.filter(target_position_id=target_position_id)
        if status:
            found = found.filter(status=status)
        if has_mentor is not None:
            found = found.filter(_has_mentor() if has_mentor else ~_has_mentor())
        if has_approved_plan is not None:
            approved = _has_approved_plan()
            found = found.filter(approved if has_approved_plan else ~approved)
        return found


class ReserveEntry(CopiesMunicipality, TimeStampedModel):
    """Inclusion of a person in the management reserve."""

    # The coordinator's scope and the list's count are served by one index.
    municipality_source = ("person",)

    class Status(models.TextChoices):
        ACTIVE = "active", _("in the reserve")
        APPOINTED = "appointed", _("appointed to the position")
        EXCLUDED = "excluded", _("excluded from the reserve")

    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="reserve_entries",
    )
    target_position = models.ForeignKey(
        TargetPosition,
        verbose_name=_("target position"),
        on_delete=models.PROTECT,
        related_name="entries",
    )
    basis_number = models.CharField(_("basis document number"), max_length=50)
    basis_date = models.DateField(_("basis document date"))
    included_on = models.DateField(_("included on"))
    term_until = models.DateField(_("in the reserve until"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    appointed_position = models.CharField(
        _("appointed to the position"), max_length=255, blank=True
    )
    appointed_on = models.DateField(_("appointed on"), null=True, blank=True)
    excluded_on = models.DateField(_("excluded on"), null=True, blank=True)
    exclusion_reason = models.CharField(
        _("exclusion reason"), max_length=500, blank=True
    )
    # `municipality` (CopiesMunicipality): the person's, followed by
    # reserve.receivers when the person moves to another municipality.
    history = HistoricalRecords(excluded_fields=[*CopiesMunicipality.copied_fields])

    objects = ReserveEntryQuerySet.as_manager()

    # Annotated by ReserveEntryQuerySet.for_list(); not fields.
    has_mentor: bool
    has_approved_plan: bool
    plan_state: str | None  # a PLAN_STATES key

    class Meta:
        verbose_name = _("reserve entry")
        verbose_name_plural = _("reserve entries")
        ordering = ["-included_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(status="active"),
                name="reserve_one_active_entry_per_person",
                violation_error_message=_("The person is already in the reserve."),
            ),
            models.CheckConstraint(
                condition=Q(term_until__gt=models.F("included_on")),
                name="reserve_term_after_inclusion",
                violation_error_message=_(
                    "The term in the reserve must end after the inclusion date."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "target_position"]),
            # The coordinator's scope and the list's count (the page's order by
            # name is the person's index: ReserveEntryQuerySet.page_keys).
            models.Index(
                fields=["municipality", "id"], name="reserve_entry_municipality"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.target_position}"

    def get_absolute_url(self) -> str:
        return reverse("reserve:card", args=[self.pk])

    @property
    def plan_state_label(self) -> str:
        """The label of `plan_state` (for_list()); an empty string without a plan."""
        return str(PLAN_STATES.get(self.plan_state or "", ""))

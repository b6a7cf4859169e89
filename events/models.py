"""Events and the reservists involved in them (regulation, clause 8.2).

The timeline reads: `Event.starts_at` / `ends_at`; `Involvement.created_at`
(invited), `responded_at` with `status` (accepted or declined), `outcome_at`
(the outcome recorded) and `attendance_marked_at` with `attendance`."""

from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from mentorships.models import Mentorship

# The kinds every municipality's catalogue starts with (data, in Russian).
DEFAULT_KINDS = (
    "Служебное совещание",
    "Семинар",
    "Конференция",
    "Педагогический совет",
    "Методическое объединение",
    "Вебинар",
)


class EventKind(TimeStampedModel):
    """A kind of event in a municipality's catalogue (the coordinator adds kinds)."""

    municipality = models.ForeignKey(
        "organizations.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="event_kinds",
    )
    name = models.CharField(_("name"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("kind of event")
        verbose_name_plural = _("kinds of event")
        ordering = ["position", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"],
                name="event_kind_unique_name",
                violation_error_message=_("This kind of event already exists."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class EventQuerySet(models.QuerySet["Event"]):
    def in_list_order(self) -> Self:
        """The plain rows of the paged list, the latest first."""
        return self.order_by("-starts_at", "-pk")

    def for_list(self) -> Self:
        """Everything the list and the API list touch, in one query (a paged list
        applies it to the page's rows only: core.pagination)."""
        return (
            self.select_related("kind", "organization", "municipality")
            .annotate(n_involvements=Count("involvements"))
            .in_list_order()
        )

    def filtered(
        self,
        *,
        date_from: object = None,
        date_to: object = None,
        kind_id: int | None = None,
        organizer: str = "",
    ) -> Self:
        """The events the filters leave: one definition for the page and the API.
        `organizer` is «authority» (the education authority's events) or an
        organisation's id."""
        found = self
        if date_from:
            found = found.filter(ends_at__date__gte=date_from)
        if date_to:
            found = found.filter(starts_at__date__lte=date_to)
        if kind_id:
            found = found.filter(kind_id=kind_id)
        if organizer == "authority":
            found = found.filter(organization__isnull=True)
        elif organizer.isdigit():
            found = found.filter(organization_id=int(organizer))
        return found


def material_upload_to(material: "EventMaterial", filename: str) -> str:
    return f"events/{material.event_id}/{filename}"


class Event(TimeStampedModel):
    """A meeting, seminar, conference… held by an organisation or the authority."""

    municipality = models.ForeignKey(
        "organizations.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="events",
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organiser"),
        on_delete=models.PROTECT,
        related_name="events",
        null=True,
        blank=True,
        help_text=_("Empty: the education authority."),
    )
    kind = models.ForeignKey(
        EventKind,
        verbose_name=_("kind"),
        on_delete=models.PROTECT,
        related_name="events",
    )
    title = models.CharField(_("title"), max_length=300)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    link = models.URLField(_("link"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = EventQuerySet.as_manager()

    n_involvements: int  # for_list

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="event_ends_after_start",
                violation_error_message=_("The event must end after it starts."),
            )
        ]
        indexes = [
            # The coordinator's list: scope and order in one.
            models.Index(
                fields=["municipality", "starts_at", "id"],
                name="event_municipality_start",
            ),
            models.Index(
                fields=["organization", "starts_at", "id"],
                name="event_organization_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:card", args=[self.pk])

    @property
    def organizer_name(self) -> str:
        """The organisation's short name, or the municipality's authority
        (loaded by for_list and get_event)."""
        if self.organization is not None:
            return self.organization.short_name
        return self.municipality.authority_name


class EventMaterial(TimeStampedModel):
    """A file of an event (programme, presentation…): checked like plan evidence."""

    event = models.ForeignKey(
        Event,
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="materials",
    )
    file = models.FileField(_("file"), upload_to=material_upload_to)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("material of an event")
        verbose_name_plural = _("materials of events")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name


def outcome_upload_to(involvement: "Involvement", filename: str) -> str:
    return f"events/{involvement.event_id}/outcomes/{filename}"


class InvolvementQuerySet(models.QuerySet["Involvement"]):
    def with_active_mentor(self) -> Self:
        """Annotate `active_mentor_id`: the reservist's active mentor now, which
        the rights read without a query per row."""
        mentor = Mentorship.objects.filter(
            reserve_entry=OuterRef("reserve_entry"),
            status=Mentorship.Status.ACTIVE,
        ).values("mentor_id")[:1]
        return self.annotate(active_mentor_id=Subquery(mentor))

    def for_list(self) -> Self:
        """Everything the event card, «My events» and the API list touch."""
        return (
            self.select_related(
                "event__kind",
                "event__organization",
                "event__municipality",
                "reserve_entry__person__organization",
                "reserve_entry__person__position",
                "plan_item__plan",
            )
            .with_active_mentor()
            .order_by(
                "reserve_entry__person__last_name",
                "reserve_entry__person__first_name",
                "pk",
            )
        )


class Involvement(TimeStampedModel):
    """A reservist involved in an event, with the degree and the task (8.2)."""

    class Degree(models.TextChoices):
        LISTENER = "listener", _("listener")
        PARTICIPANT = "participant", _("participant")
        SPEAKER = "speaker", _("speaker")
        ORGANIZER = "organizer", _("organiser, host")

    class Status(models.TextChoices):
        INVITED = "invited", _("invited")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")

    class Attendance(models.TextChoices):
        UNKNOWN = "", _("not marked")
        ATTENDED = "attended", _("attended")
        ABSENT = "absent", _("did not attend")

    event = models.ForeignKey(
        Event,
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="involvements",
    )
    reserve_entry = models.ForeignKey(
        "reserve.ReserveEntry",
        verbose_name=_("reservist"),
        on_delete=models.PROTECT,
        related_name="involvements",
    )
    degree = models.CharField(
        _("degree of participation"), max_length=20, choices=Degree.choices
    )
    task = models.CharField(
        _("task"),
        max_length=500,
        blank=True,
        help_text=_("E.g. the topic of the talk."),
    )
    prepare_by = models.DateField(_("prepare by"), null=True, blank=True)
    plan_item = models.ForeignKey(
        "plans.PlanItem",
        verbose_name=_("plan item"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="involvements",
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("answer"), max_length=20, choices=Status.choices, default=Status.INVITED
    )
    decline_reason = models.CharField(_("reason"), max_length=500, blank=True)
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    outcome_text = models.TextField(_("theses, outcome"), blank=True)
    outcome_link = models.URLField(_("link"), max_length=500, blank=True)
    outcome_file = models.FileField(
        _("presentation or other file"), upload_to=outcome_upload_to, blank=True
    )
    outcome_file_name = models.CharField(max_length=255, blank=True)
    outcome_at = models.DateTimeField(_("outcome recorded at"), null=True, blank=True)
    attendance = models.CharField(
        _("attendance"),
        max_length=20,
        choices=Attendance.choices,
        blank=True,
        default=Attendance.UNKNOWN,
    )
    attendance_marked_at = models.DateTimeField(
        _("attendance marked at"), null=True, blank=True
    )
    attendance_marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    feedback = models.TextField(_("feedback of the mentor"), blank=True)

    objects = InvolvementQuerySet.as_manager()

    active_mentor_id: int | None  # with_active_mentor
    # Set on the involvements a page lists, for its template; not fields.
    may_respond: bool
    may_record_outcome: bool
    may_mark_attendance: bool
    may_withdraw: bool

    class Meta:
        verbose_name = _("involvement in an event")
        verbose_name_plural = _("involvements in events")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "reserve_entry"],
                name="involvement_once_per_event",
                violation_error_message=_(
                    "The reservist is already involved in this event."
                ),
            )
        ]
        indexes = [models.Index(fields=["reserve_entry", "created_at"])]

    def __str__(self) -> str:
        return f"{self.reserve_entry.person}: {self.event}"

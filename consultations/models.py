"""The mentor's consultations and support (clauses 8.4–8.7): a log of the help
given, the next steps agreed with the reservist, and the reservist's requests."""

from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.models import CopiesMunicipality, TimeStampedModel

# A consultation lasts a few minutes to a working day of joint work.
MIN_DURATION, MAX_DURATION = 1, 480


class ConsultationQuerySet(models.QuerySet["Consultation"]):
    def in_list_order(self) -> Self:
        """The plain rows of the paged log, the latest first."""
        return self.order_by("-held_on", "-pk")

    def shared(self) -> Self:
        """The entries shared with the reservist (never a mentor's private note)."""
        return self.filter(visibility=Consultation.Visibility.SHARED)

    def for_list(self) -> Self:
        """Everything the log and the API list show, in two queries (the rows and
        their next steps)."""
        return self.select_related(
            "mentorship__mentor", "mentorship__reserve_entry__person"
        ).prefetch_related("next_steps")

    def for_card(self) -> Self:
        """What the card and the rights read, with the next steps."""
        return self.select_related(
            "mentorship__mentor",
            "mentorship__reserve_entry__person__organization",
            "request",
        ).prefetch_related("next_steps__done_by__person")


class Consultation(CopiesMunicipality, TimeStampedModel):
    """One entry of the mentor's log: a consultation held or planned, or a private
    note of the mentor (clauses 8.4–8.7)."""

    municipality_source = ("mentorship",)

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("in person")
        ONLINE = "online", _("online")
        PHONE = "phone", _("by phone")
        JOINT_WORK = "joint_work", _("joint work")
        CASE_REVIEW = "case_review", _("case review")

    class Area(models.TextChoices):
        DUTIES = "duties", _("professional techniques and methods of duties")
        MANAGEMENT = "management", _("rational techniques and methods of management")
        RELATIONS = "relations", _("business relations with managers of all levels")
        QUALITIES = "qualities", _("professional and personal qualities, outlook")
        LEGAL_ACTS = "legal_acts", _("regulatory legal acts")

    class Visibility(models.TextChoices):
        SHARED = "shared", _("shared with the reservist")
        PRIVATE = "private", _("private note of the mentor")

    class Status(models.TextChoices):
        PLANNED = "planned", pgettext_lazy("consultation", "planned")
        HELD = "held", pgettext_lazy("consultation", "held")

    mentorship = models.ForeignKey(
        "mentorships.Mentorship",
        verbose_name=_("mentorship"),
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    held_on = models.DateField(_("date"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration, minutes"))
    format = models.CharField(_("format"), max_length=20, choices=Format.choices)
    topic = models.CharField(_("topic"), max_length=300)
    area = models.CharField(_("area"), max_length=20, choices=Area.choices)
    summary = models.TextField(_("summary"), max_length=10000, blank=True)
    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.SHARED,
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.HELD
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("logged by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords(excluded_fields=[*CopiesMunicipality.copied_fields])

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=MIN_DURATION)
                & Q(duration_minutes__lte=MAX_DURATION),
                name="consultation_duration_range",
                violation_error_message=_(
                    "The duration must be from 1 to 480 minutes."
                ),
            ),
        ]
        indexes = [
            # The coordinator's log: scope and order in one.
            models.Index(
                fields=["municipality", "held_on", "id"],
                name="consultation_municipality_date",
            ),
            models.Index(
                fields=["mentorship", "held_on", "id"],
                name="consultation_mentorship_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.held_on:%d.%m.%Y} {self.topic}"

    def get_absolute_url(self) -> str:
        return reverse("consultations:card", args=[self.pk])

    @property
    def is_private(self) -> bool:
        return self.visibility == self.Visibility.PRIVATE


class NextStepQuerySet(models.QuerySet["NextStep"]):
    def open(self) -> Self:
        """The steps not done yet: the reservist's tasks."""
        return self.filter(done_on__isnull=True)

    def in_task_order(self) -> Self:
        """Open steps first, each by its date."""
        return self.order_by(models.F("done_on").asc(nulls_first=True), "due_on", "pk")


class NextStep(TimeStampedModel):
    """A step agreed at a consultation, with its date: the reservist's task until
    the reservist or the mentor marks it done."""

    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="next_steps",
    )
    text = models.CharField(_("next step"), max_length=500)
    due_on = models.DateField(_("due date"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marked done by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()

    objects = NextStepQuerySet.as_manager()

    class Meta:
        verbose_name = _("next step")
        verbose_name_plural = _("next steps")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["consultation", "due_on"])]

    def __str__(self) -> str:
        return self.text

    @property
    def is_done(self) -> bool:
        return self.done_on is not None


class ConsultationRequestQuerySet(models.QuerySet["ConsultationRequest"]):
    def in_list_order(self) -> Self:
        """Pending requests first, then the latest."""
        return self.order_by(
            models.Case(
                models.When(status=ConsultationRequest.Status.PENDING, then=0),
                default=1,
            ),
            "-created_at",
            "-pk",
        )

    def for_list(self) -> Self:
        """Everything the request lists and the API show, in one query."""
        return self.select_related(
            "mentorship__mentor",
            "mentorship__reserve_entry__person",
            "consultation",
        )


class ConsultationRequest(CopiesMunicipality, TimeStampedModel):
    """The reservist asks their mentor for a consultation; the mentor schedules
    it (a planned consultation) or answers in writing."""

    municipality_source = ("mentorship",)

    class Status(models.TextChoices):
        PENDING = "pending", _("awaits the mentor")
        SCHEDULED = "scheduled", _("consultation scheduled")
        ANSWERED = "answered", _("answered in writing")

    mentorship = models.ForeignKey(
        "mentorships.Mentorship",
        verbose_name=_("mentorship"),
        on_delete=models.PROTECT,
        related_name="consultation_requests",
    )
    topic = models.CharField(_("topic"), max_length=300)
    note = models.TextField(_("details"), max_length=5000, blank=True)
    preferred_from = models.DateField(_("preferred from"))
    preferred_to = models.DateField(_("preferred until"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    answer = models.TextField(_("mentor's answer"), max_length=10000, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    consultation = models.OneToOneField(
        Consultation,
        verbose_name=_("scheduled consultation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="request",
    )

    history = HistoricalRecords(excluded_fields=[*CopiesMunicipality.copied_fields])

    objects = ConsultationRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("consultation request")
        verbose_name_plural = _("consultation requests")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(preferred_to__isnull=True)
                | Q(preferred_to__gte=models.F("preferred_from")),
                name="consultation_request_dates_in_order",
                violation_error_message=_(
                    "The end of the preferred dates cannot be before their start."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["mentorship", "status"]),
            models.Index(
                fields=["municipality", "created_at", "id"],
                name="consultation_request_muni",
            ),
        ]

    def __str__(self) -> str:
        return self.topic

    def get_absolute_url(self) -> str:
        return reverse("consultations:request", args=[self.pk])

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING

"""The attestation commission (its composition by orders), its sessions with the
agenda, the mentor's invitation and attendance, open votes and decisions
(clause 8, point 8.9; design §4: attestation `scheduled` → `held`)."""

import datetime
from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.models import CopiesMunicipality, TimeStampedModel


class AttestationSettings(TimeStampedModel):
    """A municipality's rules of the commission's decisions."""

    municipality = models.OneToOneField(
        "organizations.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="attestation_settings",
    )
    quorum_percent = models.PositiveSmallIntegerField(
        _("quorum: more than this share of the members present, %"),
        default=50,
        help_text=_("50: more than half of the commission's members."),
    )
    plain_decision = models.BooleanField(
        _("plain decision without votes"),
        default=False,
        help_text=_(
            "The secretary records the commission's decision without a vote "
            "of each member (the quorum is still required)."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attestation settings")
        verbose_name_plural = _("attestation settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(quorum_percent__gte=1) & Q(quorum_percent__lte=99),
                name="attestation_quorum_range",
                violation_error_message=_("The quorum share must be from 1 to 99%."),
            )
        ]

    def __str__(self) -> str:
        return str(self.municipality)


class Commission(TimeStampedModel):
    """The municipality's attestation commission (one per municipality)."""

    municipality = models.OneToOneField(
        "organizations.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="attestation_commission",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attestation commission")
        verbose_name_plural = _("attestation commissions")

    def __str__(self) -> str:
        return str(self.municipality)

    def get_absolute_url(self) -> str:
        return reverse("attestation:commission")


class CommissionOrder(TimeStampedModel):
    """An order of the education authority forming or changing the commission."""

    commission = models.ForeignKey(
        Commission,
        verbose_name=_("commission"),
        on_delete=models.PROTECT,
        related_name="orders",
    )
    number = models.CharField(_("order number"), max_length=50)
    date = models.DateField(_("order date"))
    title = models.CharField(_("title"), max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("order on the commission")
        verbose_name_plural = _("orders on the commission")
        ordering = ["-date", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["commission", "number", "date"],
                name="commission_order_unique",
                violation_error_message=_(
                    "An order with this number and date is already recorded."
                ),
            )
        ]

    def __str__(self) -> str:
        return _("Order of %(date)s No. %(number)s") % {
            "date": self.date.strftime("%d.%m.%Y"),
            "number": self.number,
        }

    def get_absolute_url(self) -> str:
        return reverse("attestation:order", args=[self.pk])


class MembershipQuerySet(models.QuerySet["Membership"]):
    def on(self, day: datetime.date) -> Self:
        """The memberships in force on the day: from the appointing order's date
        up to (not including) the date of the order that ended them."""
        return self.filter(
            Q(ends_on__isnull=True) | Q(ends_on__gt=day), starts_on__lte=day
        )

    def in_role_order(self) -> Self:
        """Chair, deputy, secretary, then members by name."""
        return self.select_related("person__position", "person__organization").order_by(
            models.Case(
                *(
                    models.When(role=role, then=n)
                    for n, role in enumerate(Membership.Role.values)
                ),
                output_field=models.IntegerField(),
            ),
            "person__last_name",
            "person__first_name",
            "pk",
        )


class Membership(TimeStampedModel):
    """A person's seat in the commission with a role, from one order to another."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("chair of the commission")
        DEPUTY = "deputy", _("deputy chair")
        SECRETARY = "secretary", _("secretary of the commission")
        MEMBER = "member", _("member of the commission")

    commission = models.ForeignKey(
        Commission,
        verbose_name=_("commission"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="commission_memberships",
    )
    role = models.CharField(
        _("role in the commission"), max_length=20, choices=Role.choices
    )
    from_order = models.ForeignKey(
        CommissionOrder,
        verbose_name=_("appointed by the order"),
        on_delete=models.PROTECT,
        related_name="appointments",
    )
    starts_on = models.DateField(_("member since"))
    to_order = models.ForeignKey(
        CommissionOrder,
        verbose_name=_("removed by the order"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="removals",
    )
    ends_on = models.DateField(_("member until"), null=True, blank=True)
    history = HistoricalRecords()

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership in the commission")
        verbose_name_plural = _("memberships in the commission")
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gt=F("starts_on")),
                name="membership_ends_after_start",
                violation_error_message=_(
                    "A membership must end after the date it began."
                ),
            )
        ]
        indexes = [
            models.Index(fields=["person", "starts_on"], name="membership_person"),
            models.Index(
                fields=["commission", "starts_on"], name="membership_commission"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_role_display()}"


def member_on_session_date(person_id: int, through: str = "") -> Exists:
    """A filter: the person sits on the commission of the session (reached by
    `through`, e.g. "session__") on the session's date."""
    return Exists(
        Membership.objects.filter(
            Q(ends_on__isnull=True) | Q(ends_on__gt=OuterRef(f"{through}date")),
            commission=OuterRef(f"{through}commission"),
            person_id=person_id,
            starts_on__lte=OuterRef(f"{through}date"),
        )
    )


class SessionQuerySet(models.QuerySet["Session"]):
    def in_list_order(self) -> Self:
        """The latest first: the plain rows the list's count and page run on."""
        return self.order_by("-date", "-time", "-pk")

    def for_list(self) -> Self:
        """What a list row shows, with the number of reservists (one query)."""
        return self.annotate(
            n_attestations=models.Count("attestations")
        ).in_list_order()

    def for_card(self) -> Self:
        return self.select_related("commission__municipality", "municipality")


class Session(CopiesMunicipality, TimeStampedModel):
    """A session (заседание) of the attestation commission."""

    municipality_source = ("commission",)

    commission = models.ForeignKey(
        Commission,
        verbose_name=_("commission"),
        on_delete=models.PROTECT,
        related_name="sessions",
    )
    number = models.CharField(_("minutes number"), max_length=50)
    date = models.DateField(_("date"))
    time = models.TimeField(_("time"))
    place = models.CharField(_("venue"), max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("scheduled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    attendance_marked_at = models.DateTimeField(
        _("attendance marked at"), null=True, blank=True
    )
    history = HistoricalRecords(excluded_fields=[*CopiesMunicipality.copied_fields])

    objects = SessionQuerySet.as_manager()

    n_attestations: int  # for_list()

    class Meta:
        verbose_name = _("session of the commission")
        verbose_name_plural = _("sessions of the commission")
        ordering = ["-date", "-time", "-pk"]
        indexes = [
            models.Index(
                fields=["municipality", "date", "id"], name="session_municipality"
            ),
            models.Index(fields=["commission", "date"], name="session_commission"),
        ]

    def __str__(self) -> str:
        return _("Session of %(date)s") % {"date": self.date.strftime("%d.%m.%Y")}

    def get_absolute_url(self) -> str:
        return reverse("attestation:session", args=[self.pk])


class Attendance(models.Model):
    """Who was present at a session: its members and the invited mentors."""

    class Kind(models.TextChoices):
        MEMBER = "member", _("member of the commission")
        MENTOR = "mentor", _("mentor")

    session = models.ForeignKey(
        Session,
        verbose_name=_("session of the commission"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField(_("as"), max_length=10, choices=Kind.choices)
    is_present = models.BooleanField(_("present"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "person"],
                name="attendance_once_per_session",
                violation_error_message=_("The attendance is already recorded."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.is_present}"


class AttestationQuerySet(models.QuerySet["Attestation"]):
    def in_agenda_order(self) -> Self:
        return self.order_by("position", "pk")

    def for_list(self) -> Self:
        """What the agenda, the lists and the API read (one query)."""
        return self.select_related(
            "session__commission",
            "reserve_entry__person__organization",
            "reserve_entry__person__position",
            "reserve_entry__target_position",
            "mentor",
        )

    def for_card(self) -> Self:
        return self.select_related(
            "session__commission__municipality",
            "reserve_entry__person__organization__municipality",
            "reserve_entry__person__position",
            "reserve_entry__target_position",
            "mentor__position",
            "mentor__organization",
            "decided_by",
            "confirmed_by",
        )


class Attestation(CopiesMunicipality, TimeStampedModel):
    """A reservist on a session's agenda: the mentor's invitation, the votes, the
    decision and its confirmation by the coordinator."""

    municipality_source = ("session",)

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", pgettext_lazy("attestation status", "scheduled")
        HELD = "held", pgettext_lazy("attestation status", "held")

    class Decision(models.TextChoices):
        RECOMMENDED = "recommended", _("recommended for appointment to the position")
        CONTINUE = "continue", _("continue the training")
        EXCLUDE = "exclude", _("exclude from the reserve")

    class Invitation(models.TextChoices):
        NONE = "", _("not invited")
        INVITED = "invited", _("invited")
        ACCEPTED = "accepted", _("will attend")
        DECLINED = "declined", _("declined")

    session = models.ForeignKey(
        Session,
        verbose_name=_("session of the commission"),
        on_delete=models.CASCADE,
        related_name="attestations",
    )
    reserve_entry = models.ForeignKey(
        "reserve.ReserveEntry",
        verbose_name=_("reservist"),
        on_delete=models.PROTECT,
        related_name="attestations",
    )
    position = models.PositiveIntegerField(_("place on the agenda"), default=0)
    mentor = models.ForeignKey(
        "people.Person",
        verbose_name=_("mentor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attestations_as_mentor",
    )
    invitation = models.CharField(
        _("invitation of the mentor"),
        max_length=10,
        choices=Invitation.choices,
        blank=True,
        default=Invitation.NONE,
    )
    decline_reason = models.CharField(_("reason"), max_length=500, blank=True)
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    mentor_recommendation = models.TextField(
        _("recommendation of the mentor"), blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED
    )
    decision = models.CharField(
        _("decision"), max_length=20, choices=Decision.choices, blank=True
    )
    new_term_until = models.DateField(
        _("new term in the reserve"), null=True, blank=True
    )
    exclusion_reason = models.CharField(
        _("exclusion reason"), max_length=500, blank=True
    )
    votes_for = models.PositiveSmallIntegerField(_("votes for"), default=0)
    votes_against = models.PositiveSmallIntegerField(_("votes against"), default=0)
    decided_by_chair = models.BooleanField(
        _("a tie decided by the chair's vote"), default=False
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decision recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(
        _("decision confirmed at"), null=True, blank=True
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords(excluded_fields=[*CopiesMunicipality.copied_fields])

    objects = AttestationQuerySet.as_manager()

    class Meta:
        verbose_name = _("attestation")
        verbose_name_plural = _("attestations")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "reserve_entry"],
                name="attestation_once_per_session",
                violation_error_message=_(
                    "The reservist is already on the agenda of this session."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(decision="continue") | Q(new_term_until__isnull=False),
                name="attestation_continue_has_term",
                violation_error_message=_("State the new term in the reserve."),
            ),
            models.CheckConstraint(
                condition=~Q(decision="exclude") | ~Q(exclusion_reason=""),
                name="attestation_exclude_has_reason",
                violation_error_message=_("State the reason for exclusion."),
            ),
        ]
        indexes = [
            models.Index(
                fields=["municipality", "id"], name="attestation_municipality"
            ),
            models.Index(fields=["mentor", "session"], name="attestation_mentor"),
            models.Index(fields=["reserve_entry"], name="attestation_entry"),
        ]

    def __str__(self) -> str:
        return f"{self.reserve_entry.person}: {self.session}"

    def get_absolute_url(self) -> str:
        return reverse("attestation:attestation", args=[self.pk])

    @property
    def is_decided(self) -> bool:
        return bool(self.decision)

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class Vote(TimeStampedModel):
    """A present member's open vote for one of the decisions."""

    attestation = models.ForeignKey(
        Attestation,
        verbose_name=_("attestation"),
        on_delete=models.CASCADE,
        related_name="votes",
    )
    member = models.ForeignKey(
        "people.Person",
        verbose_name=_("member of the commission"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    choice = models.CharField(
        _("vote"), max_length=20, choices=Attestation.Decision.choices
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["attestation", "member"],
                name="vote_once_per_member",
                violation_error_message=_("The member has already voted."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.get_choice_display()}"

"""Mentors appointed by the head's order: regulation, clauses 5–7."""

from typing import Self

from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.models import CopiesMunicipality, TimeStampedModel


class MentorReadiness(TimeStampedModel):
    """A person's confirmed readiness to mentor (clause 6), with its date."""

    person = models.OneToOneField(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="mentor_readiness",
    )
    confirmed_on = models.DateField(_("readiness confirmed on"))
    note = models.CharField(
        _("basis"), max_length=255, blank=True, help_text=_("E.g. a written statement.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("readiness to mentor")
        verbose_name_plural = _("readiness to mentor")

    def __str__(self) -> str:
        return f"{self.person}: {self.confirmed_on:%d.%m.%Y}"


def scan_upload_to(order: "MentorOrder", filename: str) -> str:
    return f"orders/{order.organization_id}/{order.pk or 'new'}/{filename}"


class MentorOrderQuerySet(models.QuerySet["MentorOrder"]):
    def in_list_order(self) -> Self:
        """The plain rows of the paged list: its count and page run on them."""
        return self.order_by("-date", "-pk")

    def for_list(self) -> Self:
        """Everything the order list and the API list touch, in one query (a
        paged list applies it to the page's rows only: core.pagination)."""
        return (
            self.select_related("organization")
            .annotate(n_lines=Count("mentorships", distinct=True))
            .in_list_order()
        )

    def filtered(
        self, *, organization_id: int | None = None, status: str | None = None
    ) -> Self:
        """The orders the list's filters leave; an empty filter keeps all.
        One definition for the page, its export and the API list."""
        found = self
        if organization_id is not None:
            found = found.filter(organization_id=organization_id)
        if status:
            found = found.filter(status=status)
        return found


class MentorOrder(CopiesMunicipality, TimeStampedModel):
    """Приказ руководителя ОО о закреплении наставников (clause 5)."""

    # The coordinator's scope and the list's order share one index.
    municipality_source = ("organization",)

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        REGISTERED = "registered", _("registered")

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="mentor_orders",
    )
    number = models.CharField(_("number"), max_length=30)
    date = models.DateField(_("date"))
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    title = models.CharField(
        _("title"), max_length=300, default=_("On assigning mentors to reservists")
    )
    signatory_name = models.CharField(_("signed by (name)"), max_length=150)
    signatory_position = models.CharField(_("signed by (position)"), max_length=255)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    registered_at = models.DateTimeField(_("registered at"), null=True, blank=True)
    scan = models.FileField(_("signed copy"), upload_to=scan_upload_to, blank=True)
    # `municipality` (CopiesMunicipality): the organisation's; no service moves an
    # order to another organisation.
    history = HistoricalRecords(excluded_fields=[*CopiesMunicipality.copied_fields])

    objects = MentorOrderQuerySet.as_manager()

    class Meta:
        verbose_name = _("order on mentors")
        verbose_name_plural = _("orders on mentors")
        ordering = ["-date", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year", "number"],
                name="mentor_order_unique_number",
                violation_error_message=_(
                    "An order with this number already exists in the organisation "
                    "this year."
                ),
            )
        ]
        indexes = [
            # The coordinator's list: scope and order (-date, -pk) in one.
            models.Index(
                fields=["municipality", "date", "id"],
                name="mentor_order_municipality_date",
            ),
        ]

    def __str__(self) -> str:
        return _("Order No. %(number)s of %(date)s") % {
            "number": self.number,
            "date": self.date.strftime("%d.%m.%Y"),
        }

    @property
    def heading(self) -> str:
        """The order's name for a page heading: the date in words («3 декабря
        2026 г.»), as in a heading a date reads best."""
        return _("Order No. %(number)s of %(date)s") % {
            "number": self.number,
            "date": date_format(self.date, "DATE_FORMAT"),
        }

    def save(self, *args, **kwargs) -> None:
        self.year = self.date.year
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "year"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("mentorships:order", args=[self.pk])


class MentorshipQuerySet(models.QuerySet["Mentorship"]):
    def in_list_order(self) -> Self:
        """The plain rows of the paged list, the latest first: its count and page
        run on them."""
        return self.order_by("-starts_on", "-pk")

    def for_list(self) -> Self:
        """Everything mentorship lists and the API list touch, in one query (a
        paged list applies it to the page's rows only: core.pagination)."""
        return self.select_related(
            "mentor__organization",
            "mentor__position",
            "reserve_entry__person__organization",
            "reserve_entry__person__position",
            "reserve_entry__target_position",
            "order",
        ).in_list_order()

    def for_mentor_screen(self) -> Self:
        """What the mentor's screen in the API shows of each mentorship and its
        reservist, in one query: only the columns it reads, by the reservist's
        name."""
        person = "reserve_entry__person__"
        return (
            self.select_related(
                f"{person}organization",
                f"{person}position",
                "reserve_entry__target_position",
            )
            .only(
                "status",
                "starts_on",
                "planned_end_on",
                "reserve_entry__status",
                f"{person}last_name",
                f"{person}first_name",
                f"{person}middle_name",
                f"{person}organization__short_name",
                f"{person}position__name",
                f"{person}position__is_administrative",
                "reserve_entry__target_position__name",
            )
            .order_by(f"{person}last_name", f"{person}pk", "pk")
        )

    def current(self) -> Self:
        """Pending and active mentorships: those that count toward load."""
        return self.filter(
            status__in=[Mentorship.Status.PENDING, Mentorship.Status.ACTIVE]
        )


class Mentorship(CopiesMunicipality, TimeStampedModel):
    """A mentor guiding one reservist, set by an order (clauses 5, 7)."""

    # The order's: the coordinator's scope and the list's order share one index.
    municipality_source = ("order",)

    class Status(models.TextChoices):
        PENDING = "pending", _("pending the order")
        ACTIVE = "active", pgettext_lazy("mentorship status", "active")
        ENDED = "ended", _("ended")

    class EndReason(models.TextChoices):
        COMPLETED = "completed", _("completed")
        REPLACED = "replaced", _("mentor replaced")
        APPOINTED = "appointed", _("reservist appointed to the position")
        EXCLUDED = "excluded", _("reservist excluded from the reserve")
        OTHER = "other", _("other reason")

    mentor = models.ForeignKey(
        "people.Person",
        verbose_name=_("mentor"),
        on_delete=models.PROTECT,
        related_name="mentorships_as_mentor",
    )
    reserve_entry = models.ForeignKey(
        "reserve.ReserveEntry",
        verbose_name=_("reservist"),
        on_delete=models.PROTECT,
        related_name="mentorships",
    )
    order = models.ForeignKey(
        MentorOrder,
        verbose_name=_("order"),
        on_delete=models.PROTECT,
        related_name="mentorships",
    )
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("replaces"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
    )
    starts_on = models.DateField(_("starts on"))
    planned_end_on = models.DateField(_("planned end"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(
        _("end reason"), max_length=20, choices=EndReason.choices, blank=True
    )
    end_note = models.CharField(_("comment on the end"), max_length=500, blank=True)
    # `municipality` (CopiesMunicipality): the order's organisation's, as the
    # scope always was (not the reservist's: a move keeps the mentorship where
    # its order is); no service moves a mentorship to another order.
    history = HistoricalRecords(excluded_fields=[*CopiesMunicipality.copied_fields])

    objects = MentorshipQuerySet.as_manager()

    # Set on the mentorships a page lists, for its template; not fields.
    card_openable: bool  # the order's page: may the user open the reservist's card
    may_create_plan: bool  # «My reservists» (queries.my_reservists)
    n_overdue: int  # «My reservists»: plans.queries.overdue_items_of_mentees
    may_end: bool  # the reservist's card (reserve.views)
    mentor_openable: bool  # the reservist's card: may the user open the mentor's

    class Meta:
        verbose_name = _("mentorship")
        verbose_name_plural = _("mentorships")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["reserve_entry"],
                condition=Q(status="active"),
                name="mentorship_one_active_per_reservist",
                violation_error_message=_(
                    "The reservist already has an active mentor."
                ),
            ),
            models.UniqueConstraint(
                fields=["reserve_entry"],
                condition=Q(status="pending"),
                name="mentorship_one_pending_per_reservist",
                violation_error_message=_(
                    "The reservist already has a mentor pending an order."
                ),
            ),
            models.CheckConstraint(
                condition=Q(planned_end_on__gt=models.F("starts_on")),
                name="mentorship_end_after_start",
                violation_error_message=_("The planned end must be after the start."),
            ),
        ]
        indexes = [
            models.Index(fields=["mentor", "status"]),
            models.Index(fields=["reserve_entry", "status"]),
            # The list's order (-starts_on, -pk), which a scope filter follows.
            models.Index(fields=["starts_on", "id"], name="mentorship_list_order"),
            # The coordinator's list: scope and order in one.
            models.Index(
                fields=["municipality", "starts_on", "id"],
                name="mentorship_municipality_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} → {self.reserve_entry.person}"


def template_upload_to(template: "OrderTemplate", filename: str) -> str:
    return f"order-templates/{template.municipality_id}/{filename}"


class OrderTemplate(TimeStampedModel):
    """A municipality's own DOCX template of the order, for one organisation or all."""

    municipality = models.ForeignKey(
        "organizations.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="order_templates",
    )
    organization = models.OneToOneField(
        "organizations.Organization",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="order_template",
        help_text=_("Empty: the template of all organisations of the municipality."),
    )
    file = models.FileField(_("DOCX template"), upload_to=template_upload_to)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("order template")
        verbose_name_plural = _("order templates")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality"],
                condition=Q(organization__isnull=True),
                name="order_template_one_default_per_municipality",
                violation_error_message=_(
                    "The municipality already has a template for all organisations."
                ),
            )
        ]

    def __str__(self) -> str:
        return str(self.organization or self.municipality)

"""Municipalities and their educational organisations."""

from decimal import Decimal
from typing import Self

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import RemembersLoadedValues, TimeStampedModel, normalize_search


class Municipality(TimeStampedModel):
    """A municipality with its education authority (орган управления образованием)."""

    name = models.CharField(_("name"), max_length=255, unique=True)
    authority_name = models.CharField(_("education authority"), max_length=500)
    place = models.CharField(
        _("place"),
        max_length=100,
        help_text=_("Place of documents, e.g. «г. Стрежевой»."),
    )
    mentor_min_experience = models.DecimalField(
        _("minimum management experience of a mentor, years"),
        max_digits=3,
        decimal_places=1,
        default=Decimal(3),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(50))],
    )
    mentor_max_load = models.PositiveSmallIntegerField(
        _("most reservists per mentor"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    reserve_term_years = models.PositiveSmallIntegerField(
        _("default term in the reserve, years"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )

    personal_data_years = models.PositiveSmallIntegerField(
        _("keep personal data after leaving the reserve, years"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(75)],
        help_text=_(
            "After this period a person who has left the reserve may be anonymised."
        ),
    )

    class PlanApprover(models.TextChoices):
        COORDINATOR = "coordinator", _("the coordinator")
        HEAD = "head", _("the head of the reservist's organisation")

    plan_approver = models.CharField(
        _("who approves individual plans"),
        max_length=20,
        choices=PlanApprover.choices,
        default=PlanApprover.COORDINATOR,
    )
    # The act that approved the municipality's regulation on mentoring, cited in
    # the preamble of every order on mentors.
    regulation_act = models.CharField(
        _("act approving the regulation on mentoring"),
        max_length=300,
        blank=True,
        help_text=_("The kind and the issuer, e.g. «приказ Управления образования»."),
    )
    regulation_date = models.DateField(
        _("date of the act approving the regulation"), null=True, blank=True
    )
    regulation_number = models.CharField(
        _("number of the act approving the regulation"), max_length=30, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OrganizationQuerySet(models.QuerySet["Organization"]):
    def in_list_order(self) -> Self:
        """The plain rows of the paged list: its count and page run on them."""
        return self.order_by("short_name", "pk")

    def for_list(self) -> Self:
        """Everything the list page, export and API list touch, in one query (a
        paged list applies it to the page's rows only: core.pagination)."""
        return (
            self.select_related("municipality", "head")
            .annotate(n_people=Count("people", distinct=True))
            .in_list_order()
        )

    def search(self, text: str) -> Self:
        """Organisations whose names contain the text, case-insensitively."""
        return self.filter(search_text__contains=normalize_search(text))

    def filtered(self, *, q: str | None = None, kind: str | None = None) -> Self:
        """The organisations the list's filters leave; an empty filter keeps all.
        One definition for the page, its export and the API list."""
        found = self
        if q:
            found = found.search(q)
        if kind:
            found = found.filter(kind=kind)
        return found


class Organization(RemembersLoadedValues, TimeStampedModel):
    """An educational organisation: school, kindergarten, supplementary education."""

    # Its people's and head's scope follows it (organizations.signals).
    remembered_fields = ("municipality_id",)

    class Kind(models.TextChoices):
        SCHOOL = "school", _("general education school")
        KINDERGARTEN = "kindergarten", _("preschool (kindergarten)")
        SUPPLEMENTARY = "supplementary", _("supplementary education")
        OTHER = "other", _("other organisation")

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="organizations",
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    full_name = models.CharField(_("full name"), max_length=500)
    short_name = models.CharField(_("short name"), max_length=150)
    inn = models.CharField(
        _("INN"),
        max_length=10,
        blank=True,
        validators=[
            RegexValidator(r"^\d{10}$", _("The INN of an organisation is 10 digits."))
        ],
    )
    address = models.CharField(_("address"), max_length=500, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    head = models.ForeignKey(
        "people.Person",
        verbose_name=_("head"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="headed_organizations",
    )
    search_text = models.CharField(max_length=700, editable=False, db_index=True)
    history = HistoricalRecords(excluded_fields=["search_text"])

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("educational organisation")
        verbose_name_plural = _("educational organisations")
        ordering = ["short_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "short_name"],
                name="organization_unique_short_name",
                violation_error_message=_(
                    "An organisation with this short name already exists."
                ),
            )
        ]
        indexes = [models.Index(fields=["municipality", "kind"])]

    def __str__(self) -> str:
        return self.short_name

    def set_search_text(self) -> None:
        """What the search matches: kept by save(), and by bulk writes that skip it."""
        self.search_text = normalize_search(f"{self.short_name} {self.full_name}")

    def save(self, *args, **kwargs) -> None:
        self.set_search_text()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("organizations:detail", args=[self.pk])

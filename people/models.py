"""Positions and people (работники) of educational organisations."""

from decimal import Decimal
from typing import Self

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import (
    CopiesMunicipality,
    RemembersLoadedValues,
    TimeStampedModel,
    normalize_search,
)

EXPERIENCE_VALIDATORS = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(70))]


class Position(TimeStampedModel):
    """A position in the municipality's catalogue; administrative or not."""

    municipality = models.ForeignKey(
        "organizations.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="positions",
    )
    name = models.CharField(_("name"), max_length=255)
    is_administrative = models.BooleanField(_("administrative position"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"],
                name="position_unique_name",
                violation_error_message=_("A position with this name already exists."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class PersonQuerySet(models.QuerySet["Person"]):
    def for_list(self) -> Self:
        """Everything the list page, export and API list touch, in one query."""
        return self.select_related("organization", "position", "user")

    def search(self, text: str) -> Self:
        """People whose full name contains the text, case-insensitively."""
        return self.filter(search_text__contains=normalize_search(text))

    def filtered(
        self,
        *,
        q: str | None = None,
        organization_id: int | None = None,
        position_id: int | None = None,
        is_administrative: bool | None = None,
    ) -> Self:
        """The people the list's filters leave; an empty filter keeps all.
        One definition for the page, its export and the API list."""
        found = self
        if q:
            found = found.search(q)
        if organization_id is not None:
            found = found.filter(organization_id=organization_id)
        if position_id is not None:
            found = found.filter(position_id=position_id)
        if is_administrative is not None:
            found = found.filter(position__is_administrative=is_administrative)
        return found


class Person(RemembersLoadedValues, CopiesMunicipality, TimeStampedModel):
    """An employee of an educational organisation (personal data, 152-ФЗ)."""

    # Its account's scope follows them (people.signals).
    remembered_fields = ("user_id", "organization_id")
    # The scope of every coordinator list and its sort share one index.
    municipality_source = ("organization",)

    last_name = models.CharField(_("surname"), max_length=100)
    first_name = models.CharField(_("first name"), max_length=100)
    middle_name = models.CharField(_("patronymic"), max_length=100, blank=True)
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="people",
    )
    position = models.ForeignKey(
        Position,
        verbose_name=_("position"),
        on_delete=models.PROTECT,
        related_name="people",
    )
    position_since = models.DateField(_("in the position since"), null=True, blank=True)
    management_experience = models.DecimalField(
        _("management experience, years"),
        max_digits=3,
        decimal_places=1,
        default=Decimal(0),
        validators=EXPERIENCE_VALIDATORS,
    )
    teaching_experience = models.DecimalField(
        _("teaching experience, years"),
        max_digits=3,
        decimal_places=1,
        default=Decimal(0),
        validators=EXPERIENCE_VALIDATORS,
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    # `municipality` (CopiesMunicipality): the organisation's, copied by save();
    # services.update_person tells the rows that copy the person's to follow.
    search_text = models.CharField(max_length=310, editable=False, db_index=True)
    history = HistoricalRecords(
        excluded_fields=["search_text", *CopiesMunicipality.copied_fields]
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name", "middle_name", "pk"]
        indexes = [
            models.Index(fields=["organization", "last_name"]),
            # The coordinator's lists: scope and order in one index.
            models.Index(
                fields=["municipality", "last_name", "first_name", "middle_name", "id"],
                name="person_municipality_name",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def set_search_text(self) -> None:
        """What the search matches: kept by save(), and by bulk writes that skip it."""
        self.search_text = normalize_search(self.full_name)

    def set_computed_fields(self) -> None:
        """What save() computes (the search text, the organisation's municipality),
        for bulk writes that skip save() (reads the organisation unless it is
        loaded)."""
        self.set_search_text()
        self.copy_municipality()

    def save(self, *args, **kwargs) -> None:
        self.set_search_text()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        # CopiesMunicipality copies the organisation's municipality.
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("people:detail", args=[self.pk])

    @property
    def full_name(self) -> str:
        return " ".join(
            p for p in (self.last_name, self.first_name, self.middle_name) if p
        )

    @property
    def short_name(self) -> str:
        """«Иванов И. И.», as signatures and lists write it."""
        initials = "".join(
            f"{p[0]}. " for p in (self.first_name, self.middle_name) if p
        )
        return f"{self.last_name} {initials}".strip()


class PersonViewLog(models.Model):
    """Who opened whose card, and when: the personal-data access log."""

    class Channel(models.TextChoices):
        PAGE = "page", _("page")
        API = "api", _("API")
        EXPORT = "export", _("export")

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="view_logs"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    channel = models.CharField(max_length=10, choices=Channel.choices)
    viewed_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("personal data access")
        verbose_name_plural = _("personal data accesses")
        ordering = ["-viewed_at"]

    def __str__(self) -> str:
        return f"{self.viewed_at:%d.%m.%Y %H:%M} {self.user} → {self.person}"

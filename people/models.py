"""Positions and people (работники) of educational organisations."""

from datetime import date
from decimal import Decimal
from typing import Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Max, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import (
    CopiesMunicipality,
    RemembersLoadedValues,
    TimeStampedModel,
    normalize_search,
)

# reserve.ReserveEntry.Status.ACTIVE: the reserve is a higher app, reached by
# relation name only (a test in reserve guards the spelling).
ACTIVE_ENTRY = "active"

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


def retention_cutoff(*, years: int, today: date) -> date:
    """The last day of leaving the reserve whose data may be removed today:
    `years` before today (28 February for a 29 February); raises nothing."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


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

    def left_reserve_by(self, day: date) -> Self:
        """People not yet anonymised who have left the reserve (appointed or
        excluded) on or before the day and have no active entry."""
        left_on = Max(
            Coalesce("reserve_entries__appointed_on", "reserve_entries__excluded_on")
        )
        return (
            self.filter(anonymised_at__isnull=True)
            .exclude(reserve_entries__status=ACTIVE_ENTRY)
            .annotate(left_reserve_on=left_on)
            .filter(left_reserve_on__lte=day)
        )


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
    # Set when the names and contacts were removed (people.services.anonymise_person).
    anonymised_at = models.DateTimeField(
        _("anonymised at"), null=True, blank=True, editable=False
    )
    history = HistoricalRecords(
        excluded_fields=[
            "search_text",
            *CopiesMunicipality.copied_fields,
            "anonymised_at",
        ]
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

    def clean(self) -> None:
        """Rules across every way in (forms, API, import), as full_clean runs them."""
        super().clean()
        if self.position_since and self.position_since > timezone.localdate():
            message = _("The date in the position cannot be in the future.")
            raise ValidationError(
                {"position_since": ValidationError(message, code="future")}
            )

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

    def is_due_for_anonymisation(self, today: date) -> bool:
        """Has the person left the reserve (no active entry) longer ago than their
        municipality keeps personal data, and not been anonymised yet? One query
        (the organisation's municipality must be loaded)."""
        years = self.organization.municipality.personal_data_years
        cutoff = retention_cutoff(years=years, today=today)
        return Person.objects.filter(pk=self.pk).left_reserve_by(cutoff).exists()

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


class PersonViewLogQuerySet(models.QuerySet["PersonViewLog"]):
    def for_list(self) -> Self:
        """Everything the log page and its export touch, in one query."""
        return self.select_related("person", "user")

    def filtered(
        self,
        *,
        person: str | None = None,
        person_id: int | None = None,
        viewer: str | None = None,
        channel: str | None = None,
        since: date | None = None,
        until: date | None = None,
    ) -> Self:
        """The rows the log's filters leave (dates are local days, inclusive);
        one definition for the page and its export."""
        found = self
        if person:
            found = found.filter(person__search_text__contains=normalize_search(person))
        if person_id is not None:
            found = found.filter(person_id=person_id)
        if viewer:
            found = found.filter(
                Q(user__username__icontains=viewer)
                | Q(user__last_name__icontains=viewer)
                | Q(user__first_name__icontains=viewer)
            )
        if channel:
            found = found.filter(channel=channel)
        if since is not None:
            found = found.filter(viewed_at__date__gte=since)
        if until is not None:
            found = found.filter(viewed_at__date__lte=until)
        return found


class PersonViewLog(models.Model):
    """Who opened whose card, and when: the personal-data access log."""

    class Channel(models.TextChoices):
        PAGE = "page", _("card")
        LIST = "list", _("list")
        FORM = "form", _("edit form")
        DOCUMENT = "document", _("document")
        API = "api", _("API")
        EXPORT = "export", _("export")
        SUBJECT = "subject", _("export on the subject's request")
        ANONYMISED = "anonymised", _("anonymisation")

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="view_logs"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    channel = models.CharField(_("kind"), max_length=10, choices=Channel.choices)
    # The address the data was shown at (the page, the file, the API endpoint).
    source = models.CharField(_("page"), max_length=200, blank=True)
    viewed_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    objects = PersonViewLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("personal data access")
        verbose_name_plural = _("personal data accesses")
        ordering = ["-viewed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.viewed_at:%d.%m.%Y %H:%M} {self.user} → {self.person}"

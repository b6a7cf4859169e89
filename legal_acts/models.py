"""The catalogue of normative legal acts (clause 8.8): the acts a mentor sets the
reservist to study, kept by the municipality's coordinator, with their editions."""

from typing import Self

from django.db import models
from django.db.models import Count, Max
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.models import TimeStampedModel, normalize_search


class LegalActQuerySet(models.QuerySet["LegalAct"]):
    def in_list_order(self) -> Self:
        """The plain rows of the paged list, the latest act first."""
        return self.order_by("-adopted_on", "-pk")

    def for_list(self) -> Self:
        """What the list, the export and the API list show, in one query."""
        return self.annotate(
            n_editions=Count("editions"), last_edition_on=Max("editions__effective_on")
        )

    def filtered(self, *, q: str = "", level: str = "", kind: str = "") -> Self:
        """The acts whose number, title or issuing body holds `q` (case and «ё»
        folded), of the level and the type given."""
        found = self
        if q and (folded := normalize_search(q)):
            found = found.filter(search_text__contains=folded)
        if level:
            found = found.filter(level=level)
        if kind:
            found = found.filter(kind=kind)
        return found


class LegalAct(TimeStampedModel):
    """A normative legal act of the municipality's catalogue."""

    class Level(models.TextChoices):
        FEDERAL = "federal", _("federal")
        REGIONAL = "regional", _("regional")
        MUNICIPAL = "municipal", _("municipal")
        LOCAL = "local", _("local act of an organisation")

    class Kind(models.TextChoices):
        CODE = "code", pgettext_lazy("legal act", "code")
        FEDERAL_LAW = "federal_law", pgettext_lazy("legal act", "federal law")
        LAW = "law", pgettext_lazy("legal act", "law")
        DECREE = "decree", pgettext_lazy("legal act", "decree")
        RESOLUTION = "resolution", pgettext_lazy("legal act", "resolution")
        ORDER = "order", pgettext_lazy("legal act", "order")
        REGULATION = "regulation", pgettext_lazy("legal act", "regulation")
        SANITARY_RULES = "sanitary_rules", pgettext_lazy("legal act", "sanitary rules")
        OTHER = "other", pgettext_lazy("legal act", "other")

    municipality = models.ForeignKey(
        "organizations.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    number = models.CharField(_("number"), max_length=100, blank=True)
    adopted_on = models.DateField(_("date"))
    title = models.CharField(pgettext_lazy("legal act", "title"), max_length=500)
    issued_by = models.CharField(_("issuing body"), max_length=300)
    url = models.URLField(_("official link"), max_length=500, blank=True)
    # The folded number, title and issuing body (normalize_search), for search.
    search_text = models.TextField(editable=False, blank=True)

    objects = LegalActQuerySet.as_manager()

    class Meta:
        verbose_name = _("normative legal act")
        verbose_name_plural = _("normative legal acts")
        ordering = ["-adopted_on", "-pk"]
        indexes = [
            models.Index(
                fields=["municipality", "-adopted_on", "-id"], name="legal_act_list"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("legal_acts:card", args=[self.pk])

    def fold_search_text(self) -> None:
        self.search_text = normalize_search(
            " ".join([self.number, self.title, self.issued_by])
        )


class LegalActEdition(TimeStampedModel):
    """An edition of an act: the amendment in force from a date, and what changed."""

    act = models.ForeignKey(
        LegalAct,
        verbose_name=_("act"),
        on_delete=models.CASCADE,
        related_name="editions",
    )
    effective_on = models.DateField(_("edition date"))
    note = models.TextField(_("what changed"), max_length=2000)

    class Meta:
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        ordering = ["-effective_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.act} ({self.effective_on:%d.%m.%Y})"

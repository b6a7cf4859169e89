"""The pages' forms of the catalogue of legal acts."""

from datetime import date
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.forms import TextCheckedForm
from legal_acts.models import LegalAct, LegalActQuerySet
from organizations.models import Municipality

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# Acts in force are older than the system's other dates (the Labour Code, 2001).
FIRST_DATE, LAST_DATE = date(1900, 1, 1), date(2100, 12, 31)
DATE_RANGE_MESSAGE = _("The date must be from 01.01.1900 to 31.12.2100.")


def act_date_field(label: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        widget=DATE_WIDGET,
        validators=[
            MinValueValidator(FIRST_DATE, DATE_RANGE_MESSAGE),
            MaxValueValidator(LAST_DATE, DATE_RANGE_MESSAGE),
        ],
    )


class LegalActForm(TextCheckedForm, forms.Form):
    """An act's requisites; the municipality only for a coordinator of several."""

    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.none()
    )
    level = forms.ChoiceField(label=_("Level"), choices=LegalAct.Level.choices)
    kind = forms.ChoiceField(label=_("Type"), choices=LegalAct.Kind.choices)
    number = forms.CharField(label=_("Number"), max_length=100, required=False)
    adopted_on = act_date_field(_("Date"))
    title = forms.CharField(label=pgettext_lazy("legal act", "Title"), max_length=500)
    issued_by = forms.CharField(label=_("Issuing body"), max_length=300)
    url = forms.URLField(
        label=_("Official link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("Enter a link beginning with https://.")},
    )

    def __init__(
        self, *args: Any, municipalities: QuerySet[Municipality] | None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = list(municipalities) if municipalities is not None else []
        if len(choices) > 1:
            field = self.fields["municipality"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = municipalities
        else:
            del self.fields["municipality"]
            self.only_municipality = choices[0] if choices else None

    def act_fields(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "municipality"}

    def chosen_municipality(self) -> Municipality | None:
        return self.cleaned_data.get("municipality") or getattr(
            self, "only_municipality", None
        )


class EditionForm(TextCheckedForm, forms.Form):
    effective_on = act_date_field(_("Edition date"))
    note = forms.CharField(
        label=_("What changed"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class LegalActFilterForm(TextCheckedForm, forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    level = forms.ChoiceField(
        label=_("Level"),
        required=False,
        choices=[("", _("all")), *LegalAct.Level.choices],
    )
    kind = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[("", _("all")), *LegalAct.Kind.choices],
    )

    def filter(self, found: LegalActQuerySet) -> LegalActQuerySet:
        """The acts the valid input leaves; all of them when it is invalid."""
        if not self.is_valid():
            return found
        return found.filtered(**self.cleaned_data)

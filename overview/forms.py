"""The overview's period, and the filters of the list behind a figure."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.forms import TextCheckedForm
from core.validators import reasonable_date
from overview.queries import OTHERS, SETS, Period, default_period

PERIOD_REVERSED = _("The start of the period is after its end.")
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PeriodForm(TextCheckedForm, forms.Form):
    """From and to, both included; an empty one is the current year's."""

    date_from = forms.DateField(
        label=_("From"),
        required=False,
        validators=[reasonable_date],
        widget=DATE_WIDGET,
    )
    date_to = forms.DateField(
        label=_("To"), required=False, validators=[reasonable_date], widget=DATE_WIDGET
    )

    def __init__(self, data: Any = None, **kwargs: Any) -> None:
        year = default_period()
        initial = {"date_from": year.start, "date_to": year.end}
        super().__init__(data, initial=initial, **kwargs)

    def clean(self) -> dict:
        data = super().clean() or {}
        year = default_period()
        data["date_from"] = data.get("date_from") or year.start
        data["date_to"] = data.get("date_to") or year.end
        if "date_from" not in self.errors and "date_to" not in self.errors:
            if data["date_from"] > data["date_to"]:
                raise ValidationError(PERIOD_REVERSED, code="period")
        return data

    def period(self) -> Period:
        """The chosen period; call after is_valid()."""
        return Period(self.cleaned_data["date_from"], self.cleaned_data["date_to"])


def row_filters(name: str, query: Any) -> tuple[dict[str, str], list[str]]:
    """The dimensions of set `name` asked for in the query string, and the
    Russian errors of those that are not a group of the dimension."""
    spec = SETS[name]
    filters: dict[str, str] = {}
    errors: list[str] = []
    for dimension in spec.dimensions:
        value = query.get(dimension)
        if value is None:
            continue
        choices = spec.choices.get(dimension)
        valid = (
            value in choices
            if choices is not None
            else (value == OTHERS or (value.isdigit() and len(value) < 10))
        )
        if valid:
            filters[dimension] = value
        else:
            errors.append(str(_("Unknown value of the filter «%s».") % dimension))
    return filters, errors

"""The report's period on the page."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import pgettext_lazy

from core.forms import TextCheckedForm
from municipal_report.period import Period, make_period

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PeriodForm(TextCheckedForm, forms.Form):
    """From and to, both included (the current year by default)."""

    date_from = forms.DateField(
        label=pgettext_lazy("municipal report", "From"), widget=DATE_WIDGET
    )
    date_to = forms.DateField(
        label=pgettext_lazy("municipal report", "To"), widget=DATE_WIDGET
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        try:
            data["period"] = make_period(data["date_from"], data["date_to"])
        except ValidationError as e:
            self.add_error(None, e)
        return data

    @property
    def period(self) -> Period:
        return self.cleaned_data["period"]

"""The calendar's choice of month and view."""

import re
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.forms import TextCheckedForm
from core.validators import reasonable_date

MONTH = re.compile(r"(\d{4})-(\d{2})")
GRID, AGENDA = "month", "agenda"


class CalendarForm(TextCheckedForm, forms.Form):
    month = forms.CharField(
        label=_("Month"),
        required=False,
        max_length=7,
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "2027-01"}),
    )
    view = forms.ChoiceField(
        label=pgettext_lazy("calendar", "View"),
        required=False,
        choices=[(GRID, _("month")), (AGENDA, _("agenda"))],
    )

    def clean_month(self) -> date:
        value = self.cleaned_data.get("month") or ""
        if not value:
            return timezone.localdate().replace(day=1)
        found = MONTH.fullmatch(value)
        if found is None or not 1 <= int(found[2]) <= 12:
            raise ValidationError(
                _("Enter the month as year and month: 2027-01."), code="month"
            )
        first = date(int(found[1]), int(found[2]), 1)
        reasonable_date(first)
        return first

    def first_day(self) -> date:
        """The chosen month's first day; call after is_valid()."""
        return self.cleaned_data["month"]

    def chosen_view(self) -> str:
        return self.cleaned_data.get("view") or GRID

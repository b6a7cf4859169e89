"""The timeline's filter: kind and period."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.forms import TextCheckedForm
from core.validators import reasonable_date
from timeline.sources import KINDS
from timeline.sources.base import Period

PERIOD_REVERSED = _("The start of the period is after its end.")


class TimelineFilterForm(TextCheckedForm, forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("all")), *((k.code, k.label) for k in KINDS)],
    )
    since = forms.DateField(
        label=_("From"),
        required=False,
        validators=[reasonable_date],
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = forms.DateField(
        label=_("To"),
        required=False,
        validators=[reasonable_date],
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean(self) -> dict:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            raise ValidationError(PERIOD_REVERSED, code="period")
        return data

    def kinds(self) -> list[str]:
        """The chosen kinds (none: every kind); call after is_valid()."""
        kind = self.cleaned_data.get("kind")
        return [kind] if kind else []

    def period(self) -> Period:
        """The chosen period; call after is_valid()."""
        return Period(self.cleaned_data.get("since"), self.cleaned_data.get("until"))

"""The pages' forms: a user's channels per kind, the municipality's warning period."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import TextCheckedForm
from notifications.kinds import Kind
from notifications.models import ReminderSettings

DAYS_MESSAGE = _("Enter a number of days from 1 to 60.")


class PreferencesForm(TextCheckedForm, forms.Form):
    """Two boxes per kind: in the app, by e-mail."""

    def __init__(
        self, *args: Any, current: dict[str, tuple[bool, bool]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.rows = []
        for kind, label in Kind.choices:
            in_app, email = current[kind]
            self.fields[f"{kind}_in_app"] = forms.BooleanField(
                label=_("in the app"), required=False, initial=in_app
            )
            self.fields[f"{kind}_email"] = forms.BooleanField(
                label=_("by e-mail"), required=False, initial=email
            )
            self.rows.append((label, self[f"{kind}_in_app"], self[f"{kind}_email"]))

    def choices(self) -> dict[str, tuple[bool, bool]]:
        data = self.cleaned_data
        return {
            kind: (data[f"{kind}_in_app"], data[f"{kind}_email"])
            for kind in Kind.values
        }


class ReminderDaysForm(TextCheckedForm, forms.ModelForm):
    class Meta:
        model = ReminderSettings
        fields = ["days_before"]
        error_messages = {
            "days_before": {
                "min_value": DAYS_MESSAGE,
                "max_value": DAYS_MESSAGE,
                "invalid": DAYS_MESSAGE,
            }
        }

"""The type-ahead person select's field (people.search; core.widgets)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.widgets import PersonSearchInput
from people.models import Person


class PersonSearchField(forms.ModelChoiceField):
    """A person chosen with PersonSearchInput; the queryset (the form's scope)
    decides what is accepted, whatever id is posted."""

    default_error_messages = {
        "invalid_choice": _(
            "Choose a person from the matches: this one is not offered here."
        ),
    }

    def __init__(self, *, purpose: str, **kwargs: Any) -> None:
        kwargs.setdefault("queryset", Person.objects.none())
        super().__init__(widget=PersonSearchInput(purpose), **kwargs)

    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.full_name} ({obj.organization.short_name})"

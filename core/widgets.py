"""The type-ahead person select (people.search; static/js/combobox.js). In core so
that any app can show it: it names the search endpoint by its URL name only."""

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.urls import reverse


class PersonSearchInput(forms.Widget):
    """A text input that asks /people/search/ for matches as one types (htmx) and a
    hidden input with the chosen id: the page never lists all people as <option>s.
    `params` are the purpose's parameters the search needs (e.g. the organisation)."""

    template_name = "core/widgets/person_search.html"

    def __init__(
        self, purpose: str, params: dict[str, Any] | None = None, attrs=None
    ) -> None:
        super().__init__(attrs)
        self.purpose = purpose
        self.params = params or {}

    def get_context(self, name: str, value: Any, attrs) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        list_id = f"{context['widget']['attrs'].get('id', name)}_options"
        query = urlencode({"for": self.purpose, **self.params, "list": list_id})
        context["widget"]["search_url"] = f"{reverse('people:search')}?{query}"
        context["widget"]["label"] = self._label(value)
        return context

    def _label(self, value: Any) -> str:
        """The chosen person's name, for a form shown again; '' when none."""
        choices = getattr(self, "choices", None)
        if value in (None, "") or not isinstance(
            choices, forms.models.ModelChoiceIterator
        ):
            return ""
        try:
            chosen = choices.queryset.filter(pk=value).first()
        except (ValueError, TypeError):
            return ""
        return choices.field.label_from_instance(chosen) if chosen else ""

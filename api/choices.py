"""Ids in a request body, resolved only among the objects the caller may choose.

The API's counterpart of a form's ModelChoiceField with a scoped queryset."""

from typing import TypeVar

from django.db.models import Model, QuerySet

from api.validation import invalid_choice

M = TypeVar("M", bound=Model)


def chosen(choices: QuerySet[M], pk: int, field: str) -> M:
    """The object with that id among the choices; a 422 on the field otherwise."""
    obj = choices.filter(pk=pk).first()
    if obj is None:
        raise invalid_choice(field)
    return obj


def chosen_or_first(choices: QuerySet[M], pk: int | None, field: str) -> M:
    """The chosen object, or the first choice when no id is given.

    The caller checks beforehand that there is at least one choice."""
    if pk is None:
        first = choices.first()
        if first is None:
            raise invalid_choice(field)
        return first
    return chosen(choices, pk, field)

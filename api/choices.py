"""Ids in a request body, resolved only among the objects the caller may choose.

The API's counterpart of a form's ModelChoiceField with a scoped queryset."""

from collections.abc import Iterable, Mapping
from typing import TypeVar

from django.db.models import Model, Q, QuerySet

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


def chosen_each(choices: QuerySet[M], pks: dict[str, int]) -> dict[str, M]:
    """The objects with those ids among the choices, by field, in one query;
    a field whose id is not among them is left out (see `require_chosen`)."""
    if not pks:
        return {}
    # ORed `exact` lookups, not `pk__in`: only `exact` turns an id beyond the
    # database's integer range into "no match" instead of an OverflowError.
    match = Q()
    for pk in set(pks.values()):
        match |= Q(pk=pk)
    found = {obj.pk: obj for obj in choices.filter(match)}
    return {field: found[pk] for field, pk in pks.items() if pk in found}


def require_chosen(fields: Iterable[str], *resolved: Mapping[str, Model]) -> None:
    """One 422 naming every field that no `chosen_each` result holds."""
    missing = [f for f in fields if not any(f in objects for objects in resolved)]
    if missing:
        raise invalid_choice(*missing)

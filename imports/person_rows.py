"""The rows that name a person of an organisation, as the people and the reserve
lists do: their shared columns, and matching them with the registry of people by
surname, first name, patronymic and organisation."""

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy

from core.models import normalize_search
from imports.documents import TemplateList
from imports.planning import Catalogue, Rows, labels, look_up
from imports.xlsx import Column, RowError, parse_row
from organizations.models import Municipality, Organization
from people.models import Person

SQL_CHUNK = 500  # names per query: below the parameter limit of every database

# The columns that name a person and their workplace, the same in both lists.
PERSON_NAME_COLUMNS = (
    Column(
        "first_name",
        pgettext_lazy("import column", "First name"),
        gettext_lazy("Required."),
        is_required=True,
    ),
    Column(
        "middle_name",
        pgettext_lazy("import column", "Patronymic"),
        gettext_lazy("If the person has one."),
    ),
    Column(
        "organization",
        pgettext_lazy("import column", "Organisation"),
        gettext_lazy(
            "Required. The short name of an organisation of the municipality, "
            "from the sheet of lists."
        ),
        is_required=True,
        width=30,
        list_key="organizations",
    ),
)

# A data row of people: its number, values, errors and the person's natural key.
PersonRow = tuple[int, dict[str, Any], list[RowError], tuple | None]


def organization_catalogue(organizations: list[Organization]) -> Catalogue:
    """The organisations of the municipality, to look the organisation column up."""
    return (
        "organization",
        {normalize_search(o.short_name): o for o in organizations},
        _('organisation "%(value)s" is not in the registry of the municipality'),
    )


def organization_list(*, municipality: Municipality) -> TemplateList:
    """The organisations of the municipality, for the template's sheet of lists."""
    return TemplateList(
        "organizations",
        pgettext("import kind", "Organisations"),
        list(
            Organization.objects.filter(municipality=municipality)
            .order_by("short_name")
            .values_list("short_name", flat=True)
        ),
    )


def _person_key(values: dict[str, Any], organization_id: int) -> tuple:
    return (
        normalize_search(values.get("last_name", "")),
        normalize_search(values.get("first_name", "")),
        normalize_search(values.get("middle_name", "")),
        organization_id,
    )


def existing_people(
    *,
    municipality: Municipality,
    parsed: list[PersonRow],
    prefetch: Sequence[Prefetch] = (),
) -> dict[tuple, list[Person]]:
    """The municipality's people named in the rows, by natural key; one query per
    SQL_CHUNK names, and one more per prefetch."""
    # The normalised full names of the rows, as Person.search_text has them.
    names = {normalize_search(" ".join(key[:3])) for *_rest, key in parsed if key}
    found: dict[tuple, list[Person]] = defaultdict(list)
    ordered = sorted(names)
    for start in range(0, len(ordered), SQL_CHUNK):
        people = (
            Person.objects.filter(
                organization__municipality=municipality,
                search_text__in=ordered[start : start + SQL_CHUNK],
            )
            .prefetch_related(*prefetch)
            .order_by("pk")
        )
        for person in people:
            values = {
                "last_name": person.last_name,
                "first_name": person.first_name,
                "middle_name": person.middle_name,
            }
            found[_person_key(values, person.organization_id)].append(person)
    return found


def parse_person_rows(
    rows: Rows, columns: Sequence[Column], catalogues: Sequence[Catalogue]
) -> list[PersonRow]:
    """Read the rows whose people are matched by full name and organisation: look
    the names up in the catalogues and report a person given twice."""
    names = labels(columns)
    parsed = []
    seen: dict[tuple, int] = {}
    for number, cells in rows:
        values, errors = parse_row(number, cells, columns)
        errors.extend(look_up(number, values, catalogues, columns))
        key = None
        if {"last_name", "first_name", "organization"} <= values.keys():
            key = _person_key(values, values["organization"].pk)
            if key in seen:
                message = _(
                    "the same person of the same organisation is in row %(row)s"
                ) % {"row": seen[key]}
                errors.append(RowError(number, names["last_name"], message))
            seen.setdefault(key, number)
        parsed.append((number, values, errors, key))
    return parsed


def ambiguous_person(number: int, columns: Sequence[Column]) -> RowError:
    """The error of a row that names several people of the registry at once."""
    message = _(
        "the organisation has several people with this full name; "
        "correct them by hand first"
    )
    return RowError(number, labels(columns)["last_name"], message)


def full_name(values: dict[str, Any]) -> str:
    """The full name given in a row, as far as it is filled in."""
    return " ".join(
        values[n] for n in ("last_name", "first_name", "middle_name") if n in values
    )

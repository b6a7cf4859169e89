"""Reserve lists: a row names a person of the registry by surname, first name,
patronymic and organisation; it changes the person's active entry in the management
reserve, or includes the person in the reserve anew."""

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypedDict, cast

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy

from core.models import normalize_search
from imports.documents import TemplateList
from imports.models import ImportBatch
from imports.person_rows import (
    PERSON_NAME_COLUMNS,
    ambiguous_person,
    existing_people,
    full_name,
    organization_catalogue,
    organization_list,
    parse_person_rows,
)
from imports.planning import (
    Catalogue,
    ImportKind,
    Plan,
    PlannedRow,
    Rows,
    display,
    labels,
    model_errors,
    plan_row,
)
from imports.writing import save_rows
from imports.xlsx import Column, RowError, parse_date
from organizations.models import Municipality, Organization
from people.models import Person
from reserve import services as reserve_services
from reserve.models import ReserveEntry, TargetPosition

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

CODE = ImportBatch.Kind.RESERVE

COLUMNS = (
    Column(
        "last_name",
        pgettext_lazy("import column", "Surname"),
        gettext_lazy(
            "Required. The person is found by surname, first name, patronymic and "
            "organisation and must be in the registry of people already."
        ),
        is_required=True,
    ),
    *PERSON_NAME_COLUMNS,
    Column(
        "target_position",
        pgettext_lazy("import column", "Target position"),
        gettext_lazy(
            "Required. A target position from the catalogue of the reserve, from "
            "the sheet of lists."
        ),
        is_required=True,
        width=34,
        list_key="target_positions",
    ),
    Column(
        "basis_number",
        pgettext_lazy("import column", "Basis document number"),
        gettext_lazy(
            "Required. The number of the order that includes the person in the "
            "reserve, for example 125-р."
        ),
        is_required=True,
        width=18,
        number_format="@",
    ),
    Column(
        "basis_date",
        pgettext_lazy("import column", "Basis document date"),
        gettext_lazy(
            "Required. A date: DD.MM.YYYY, not later than the inclusion in the reserve."
        ),
        parse=parse_date,
        is_required=True,
        width=18,
        number_format="DD.MM.YYYY",
    ),
    Column(
        "included_on",
        pgettext_lazy("import column", "Included in the reserve on"),
        gettext_lazy("Required. A date: DD.MM.YYYY, for example 01.09.2020."),
        parse=parse_date,
        is_required=True,
        width=18,
        number_format="DD.MM.YYYY",
    ),
    Column(
        "term_until",
        pgettext_lazy("import column", "In the reserve until"),
        gettext_lazy(
            "A date after the inclusion in the reserve. If empty, a new entry gets "
            "the term set for the municipality, and an entry already in the "
            "reserve keeps its term."
        ),
        parse=parse_date,
        width=18,
        number_format="DD.MM.YYYY",
    ),
)


ENTRY_FIELDS = (
    "target_position",
    "basis_number",
    "basis_date",
    "included_on",
    "term_until",
)


class ActiveEntries(TypedDict):
    """What plan_rows() prefetches on each person the rows name."""

    active_reserve_entries: list[ReserveEntry]


if TYPE_CHECKING:
    PersonWithEntries = WithAnnotations[Person, ActiveEntries]


def _date_errors(number: int, values: dict[str, Any]) -> list[RowError]:
    """The dates of a row against each other: the basis document comes no later
    than the inclusion, and the term ends after it."""
    names = labels(COLUMNS)
    included_on = values.get("included_on")
    if included_on is None:
        return []
    errors = []
    if "basis_date" in values and values["basis_date"] > included_on:
        message = _(
            "the basis document is dated after the inclusion in the reserve (%(date)s)"
        ) % {"date": display(ReserveEntry, "included_on", included_on)}
        errors.append(RowError(number, names["basis_date"], message))
    if "term_until" in values and values["term_until"] <= included_on:
        message = _(
            "the term must end after the inclusion in the reserve (%(date)s)"
        ) % {"date": display(ReserveEntry, "included_on", included_on)}
        errors.append(RowError(number, names["term_until"], message))
    return errors


def plan_rows(
    *,
    municipality: Municipality,
    rows: Rows,
    on_rows: Callable[[int], None] | None = None,
) -> Plan:
    """A row changes the person's active entry, or includes the person anew when
    they are not in the reserve now (never, or appointed or excluded since)."""
    names = labels(COLUMNS)
    plan = Plan(kind=CODE, n_rows=len(rows), on_rows=on_rows)
    organizations = list(Organization.objects.filter(municipality=municipality))
    for organization in organizations:
        # include_in_reserve reads the term setting: no query per row for it.
        organization.municipality = municipality
    targets = list(TargetPosition.objects.filter(municipality=municipality))
    catalogues: list[Catalogue] = [
        organization_catalogue(organizations),
        (
            "target_position",
            {normalize_search(t.name): t for t in targets},
            _('target position "%(value)s" is not in the catalogue of the reserve'),
        ),
    ]
    parsed = parse_person_rows(rows, COLUMNS, catalogues)
    for number, values, errors, _key in parsed:
        errors.extend(_date_errors(number, values))
    active_entries = Prefetch(
        "reserve_entries",
        queryset=ReserveEntry.objects.active().select_related("target_position"),
        to_attr="active_reserve_entries",
    )
    # The prefetch gives each person active_reserve_entries, which existing_people()
    # (shared by every kind) cannot say in its type.
    existing = cast(
        "dict[tuple, list[PersonWithEntries]]",
        existing_people(
            municipality=municipality, parsed=parsed, prefetch=[active_entries]
        ),
    )
    organizations_by_id = {o.pk: o for o in organizations}
    for number, values, errors, key in plan.checking(parsed):
        matches = existing.get(key, []) if key else []
        # Reported along with the other errors of the row: all of them get fixed
        # in one go.
        if key and not matches:
            message = _(
                'person "%(name)s" of organisation "%(organization)s" is not in '
                "the registry of people: add the person first"
            ) % {
                "name": full_name(values),
                "organization": values["organization"].short_name,
            }
            errors.append(RowError(number, names["last_name"], message))
        elif len(matches) > 1:
            errors.append(ambiguous_person(number, COLUMNS))
        if errors:
            plan.errors.extend(errors)
            continue
        person = matches[0]
        person.organization = organizations_by_id[person.organization_id]
        plan.add(_plan_entry(number, values, person, municipality))
    return plan


def _plan_entry(
    number: int,
    values: dict[str, Any],
    person: "PersonWithEntries",
    municipality: Municipality,
) -> PlannedRow[ReserveEntry] | list[RowError]:
    """Compare a valid row with the person's active entry, or plan a new one."""
    entry_values = {n: values[n] for n in ENTRY_FIELDS if n in values}
    entry = next(iter(person.active_reserve_entries), None)
    if entry is None:
        # The service sets the same default term when the cell is empty.
        try:
            term = reserve_services.add_years(
                values["included_on"], municipality.reserve_term_years
            )
        except ValidationError as e:
            return model_errors(number, e, COLUMNS)
        record = ReserveEntry(person=person, term_until=term)
        entry_values["person"] = person
    elif "term_until" not in values and entry.term_until <= values["included_on"]:
        message = _(
            "the current term in the reserve, %(date)s, does not end after "
            "the inclusion: fill in a new term"
        ) % {"date": display(ReserveEntry, "term_until", entry.term_until)}
        return [RowError(number, labels(COLUMNS)["term_until"], message)]
    else:
        entry.person = person
        record = entry
    return plan_row(
        number=number,
        label=f"{person.full_name}, {person.organization.short_name}",
        record=record,
        is_new=entry is None,
        values=entry_values,
        columns=COLUMNS,
        exclude=["person", "target_position"],
    )


def write_rows(*, rows: Sequence[PlannedRow[ReserveEntry]], user: Any) -> None:
    """Include the new people in the reserve and change the active entries."""
    # The copied municipality of a new entry (bulk writes skip save()); a row
    # never changes an entry's person, so an update keeps it.
    save_rows(
        model=ReserveEntry, rows=rows, user=user, prepare=ReserveEntry.set_municipality
    )


def template_lists(*, municipality: Municipality) -> list[TemplateList]:
    """The organisations and the target positions of the municipality."""
    targets = TemplateList(
        "target_positions",
        _("Target positions"),
        list(
            TargetPosition.objects.filter(municipality=municipality)
            .order_by("name")
            .values_list("name", flat=True)
        ),
    )
    return [organization_list(municipality=municipality), targets]


def empty_cell_rules(*, municipality: Municipality) -> list[str]:
    """An empty term: the municipality's default term for a new entry."""
    years = municipality.reserve_term_years
    return [
        ngettext(
            "If the term in the reserve is empty, a new entry stays in the "
            "reserve for %(years)s year from the inclusion date, as set for "
            "the municipality.",
            "If the term in the reserve is empty, a new entry stays in the "
            "reserve for %(years)s years from the inclusion date, as set for "
            "the municipality.",
            years,
        )
        % {"years": years}
    ]


KIND = ImportKind(
    code=CODE,
    name=pgettext_lazy("import kind", "Management reserve"),
    title=gettext_lazy("Import of the management reserve"),
    summary=gettext_lazy(
        "Reserve lists: the person, the target position, the basis document and the "
        "dates of the inclusion and of the term. Add the people and the target "
        "positions first."
    ),
    matching=gettext_lazy(
        "A person is found by surname, first name, patronymic and organisation and "
        "must be in the registry of people already. If the person is in the reserve "
        "now, the entry is changed; otherwise the person is included in the reserve. "
        "Target positions must be in the catalogue of the reserve already."
    ),
    rows_rule=gettext_lazy(
        "One row is one person in the management reserve. The person is found "
        "by surname, first name, patronymic and organisation and must be in "
        "the registry of people already. If the person is in the reserve now, "
        "the entry is changed; otherwise the person is included in the "
        "reserve. Target positions must be in the catalogue of the reserve "
        "already."
    ),
    columns=COLUMNS,
    plan=plan_rows,
    write=write_rows,
    template_lists=template_lists,
    empty_cell_rules=empty_cell_rules,
)

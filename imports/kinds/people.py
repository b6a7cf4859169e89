"""People: a person is found by surname, first name, patronymic and organisation;
if found their data are updated, otherwise the person is added. Organisations and
positions must be in the registry and the catalogue already."""

from collections.abc import Callable, Sequence
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

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
from imports.planning import Catalogue, ImportKind, Plan, PlannedRow, Rows, plan_row
from imports.writing import save_rows
from imports.xlsx import Column, parse_date, parse_years
from organizations.models import Municipality, Organization
from people.models import Person, Position

CODE = ImportBatch.Kind.PEOPLE

COLUMNS = (
    Column(
        "last_name",
        pgettext_lazy("import column", "Surname"),
        gettext_lazy(
            "Required. A person is found by surname, first name, patronymic and "
            "organisation: if found, the data are updated, otherwise the person "
            "is added."
        ),
        is_required=True,
    ),
    *PERSON_NAME_COLUMNS,
    Column(
        "position",
        pgettext_lazy("import column", "Position"),
        gettext_lazy(
            "Required. A position from the catalogue, from the sheet of lists."
        ),
        is_required=True,
        width=34,
        list_key="positions",
    ),
    Column(
        "position_since",
        pgettext_lazy("import column", "In the position since"),
        gettext_lazy("A date: DD.MM.YYYY, for example 01.09.2020."),
        parse=parse_date,
        width=16,
        number_format="DD.MM.YYYY",
    ),
    Column(
        "management_experience",
        pgettext_lazy("import column", "Management experience (years)"),
        gettext_lazy("Years, from 0 to 70, at most one decimal place: 2,5."),
        parse=parse_years,
        width=18,
        number_range=(0, 70),
    ),
    Column(
        "teaching_experience",
        pgettext_lazy("import column", "Teaching experience (years)"),
        gettext_lazy("Years, from 0 to 70, at most one decimal place: 2,5."),
        parse=parse_years,
        width=18,
        number_range=(0, 70),
    ),
    Column("email", pgettext_lazy("import column", "E-mail"), "", width=28),
    Column(
        "phone",
        pgettext_lazy("import column", "Phone"),
        "",
        width=18,
        number_format="@",
    ),
)


def plan_rows(
    *,
    municipality: Municipality,
    rows: Rows,
    on_rows: Callable[[int], None] | None = None,
) -> Plan:
    """Match each row with a person of the municipality by full name and
    organisation; look its organisation and position up in their catalogues."""
    plan = Plan(kind=CODE, n_rows=len(rows), on_rows=on_rows)
    organizations = list(Organization.objects.filter(municipality=municipality))
    positions = list(Position.objects.filter(municipality=municipality))
    catalogues: list[Catalogue] = [
        organization_catalogue(organizations),
        (
            "position",
            {normalize_search(p.name): p for p in positions},
            _('position "%(value)s" is not in the catalogue'),
        ),
    ]
    parsed = parse_person_rows(rows, COLUMNS, catalogues)
    existing = existing_people(municipality=municipality, parsed=parsed)
    organizations_by_id = {o.pk: o for o in organizations}
    positions_by_id = {p.pk: p for p in positions}
    for number, values, errors, key in plan.checking(parsed):
        matches = existing.get(key, []) if key else []
        if not errors and len(matches) > 1:
            errors.append(ambiguous_person(number, COLUMNS))
        if errors:
            plan.errors.extend(errors)
            continue
        if matches:
            record = matches[0]
            # Known already: no query per row when comparing or saving.
            record.organization = organizations_by_id[record.organization_id]
            if record.position_id in positions_by_id:
                record.position = positions_by_id[record.position_id]
        else:
            record = Person()
        result = plan_row(
            number=number,
            label=f"{full_name(values)}, {values['organization'].short_name}",
            record=record,
            is_new=not matches,
            values=values,
            columns=COLUMNS,
            exclude=["organization", "position", "user"],
        )
        plan.add(result)
    return plan


def write_rows(*, rows: Sequence[PlannedRow[Person]], user: Any) -> None:
    """Add the new people to the registry and change the others."""
    save_rows(
        model=Person,
        rows=rows,
        user=user,
        # The search text and the copied municipality (bulk writes skip save()).
        prepare=Person.set_computed_fields,
        computed=["search_text", "municipality"],
    )


def template_lists(*, municipality: Municipality) -> list[TemplateList]:
    """The organisations and the positions of the municipality."""
    positions = TemplateList(
        "positions",
        _("Positions"),
        list(
            Position.objects.filter(municipality=municipality)
            .order_by("name")
            .values_list("name", flat=True)
        ),
    )
    return [organization_list(municipality=municipality), positions]


KIND = ImportKind(
    code=CODE,
    name=pgettext_lazy("import kind", "People"),
    title=gettext_lazy("Import of people"),
    summary=gettext_lazy(
        "Employees of the organisations: full name, organisation, position, "
        "experience and contacts. Add the organisations and positions first."
    ),
    matching=gettext_lazy(
        "A person is found by surname, first name, patronymic and organisation: if "
        "found, the data are updated, otherwise the person is added. Organisations "
        "and positions must exist in the registry and the catalogue already."
    ),
    rows_rule=gettext_lazy(
        "One row is one person. A person is found by surname, first name, "
        "patronymic and organisation: if found, the data are updated, "
        "otherwise the person is added. Organisations and positions must "
        "exist in the registry and the catalogue already."
    ),
    columns=COLUMNS,
    plan=plan_rows,
    write=write_rows,
    template_lists=template_lists,
)

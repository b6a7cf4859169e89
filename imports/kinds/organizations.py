"""Organisations: an organisation is found by its short name within the
municipality; if it is there its data are updated, otherwise it is added."""

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from core.models import normalize_search
from imports.documents import TemplateList
from imports.models import ImportBatch
from imports.planning import ImportKind, Plan, PlannedRow, Rows, plan_row
from imports.writing import save_rows
from imports.xlsx import CellError, Column, RowError, parse_row, parse_text
from organizations.models import Municipality, Organization

CODE = ImportBatch.Kind.ORGANIZATIONS


def _inn(value: Any) -> str:
    """An INN typed as a number lost its leading zeros in Excel: restore them."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return parse_text(value).zfill(10)
    return parse_text(value)


def _organization_kind(value: Any) -> str:
    """The type named in a cell, by its label or its code."""
    text = parse_text(value)
    kinds = {
        normalize_search(str(label)): code for code, label in Organization.Kind.choices
    }
    kinds |= {code: code for code in Organization.Kind.values}
    try:
        return kinds[normalize_search(text)]
    except KeyError:
        raise CellError(
            _('type "%(value)s" is not in the list: %(choices)s')
            % {
                "value": text,
                "choices": ", ".join(str(label) for label in Organization.Kind.labels),
            }
        ) from None


COLUMNS = (
    Column(
        "short_name",
        pgettext_lazy("import column", "Short name"),
        gettext_lazy(
            "Required. The organisation is found by this name: if the municipality "
            "has it already, its data are updated, otherwise it is added."
        ),
        is_required=True,
        width=30,
    ),
    Column(
        "full_name",
        pgettext_lazy("import column", "Full name"),
        gettext_lazy("Required. The full name as in the charter."),
        is_required=True,
        width=60,
    ),
    Column(
        "kind",
        pgettext_lazy("import column", "Type"),
        gettext_lazy("Required. One of the values on the sheet of lists."),
        parse=_organization_kind,
        is_required=True,
        width=34,
        list_key="kinds",
    ),
    Column(
        "inn",
        pgettext_lazy("import column", "INN"),
        gettext_lazy("10 digits."),
        parse=_inn,
        width=14,
        number_format="@",
    ),
    Column("address", pgettext_lazy("import column", "Address"), "", width=50),
    Column(
        "phone",
        pgettext_lazy("import column", "Phone"),
        "",
        width=18,
        number_format="@",
    ),
    Column("email", pgettext_lazy("import column", "E-mail"), "", width=28),
)


def plan_rows(
    *,
    municipality: Municipality,
    rows: Rows,
    on_rows: Callable[[int], None] | None = None,
) -> Plan:
    """Match each row with an organisation of the municipality by its short name."""
    plan = Plan(kind=CODE, n_rows=len(rows), on_rows=on_rows)
    existing = list(Organization.objects.filter(municipality=municipality))
    exact = {o.short_name: o for o in existing}
    similar: dict[str, list[Organization]] = defaultdict(list)
    for organization in existing:
        similar[normalize_search(organization.short_name)].append(organization)
    key_column = str(COLUMNS[0].label)
    seen: dict[str, int] = {}
    for number, cells in plan.checking(rows):
        values, errors = parse_row(number, cells, COLUMNS)
        short_name = values.get("short_name", "")
        key = normalize_search(short_name)
        if short_name and key in seen:
            message = _("the same organisation is in row %(row)s") % {"row": seen[key]}
            errors.append(RowError(number, key_column, message))
        seen.setdefault(key, number)
        matches = [exact[short_name]] if short_name in exact else similar[key]
        if not errors and len(matches) > 1:
            message = _(
                "several organisations of the municipality have this name; "
                "correct them by hand first"
            )
            errors.append(RowError(number, key_column, message))
        if errors:
            plan.errors.extend(errors)
            continue
        record = matches[0] if matches else Organization(municipality=municipality)
        result = plan_row(
            number=number,
            label=short_name,
            record=record,
            is_new=not matches,
            values=values,
            columns=COLUMNS,
            exclude=["municipality", "head"],
        )
        plan.add(result)
    return plan


def write_rows(*, rows: Sequence[PlannedRow[Organization]], user: Any) -> None:
    """Add the new organisations to the municipality and change the others."""
    save_rows(
        model=Organization,
        rows=rows,
        user=user,
        prepare=Organization.set_search_text,
        computed=["search_text"],
    )


def template_lists(*, municipality: Municipality) -> list[TemplateList]:
    """The types of organisations, for the type column."""
    return [
        TemplateList(
            "kinds",
            _("Types of organisations"),
            [str(label) for label in Organization.Kind.labels],
        )
    ]


KIND = ImportKind(
    code=CODE,
    name=pgettext_lazy("import kind", "Organisations"),
    title=gettext_lazy("Import of organisations"),
    summary=gettext_lazy(
        "Educational organisations of the municipality: names, type, INN, address "
        "and contacts."
    ),
    matching=gettext_lazy(
        "An organisation is found by its short name: if the municipality has it "
        "already, its data are updated, otherwise it is added."
    ),
    rows_rule=gettext_lazy(
        "One row is one organisation. An organisation is found by its short "
        "name: if the municipality has it already, its data are updated, "
        "otherwise it is added."
    ),
    columns=COLUMNS,
    plan=plan_rows,
    write=write_rows,
    template_lists=template_lists,
)

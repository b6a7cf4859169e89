"""Excel import of organisations, people and the management reserve: read the file,
check every row, show what would change, and apply it all in one transaction or not
at all.

Existing records are matched by natural key: an organisation by its short name
within the municipality, a person by surname, first name, patronymic and
organisation, a reserve entry by its person (the person's active entry). An empty
cell of an optional column leaves the value as it is."""

import os
from collections import defaultdict
from collections.abc import Sequence
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from accounts.models import User
from core.models import normalize_search
from core.services import create_validated
from imports import documents
from imports.models import ImportBatch
from imports.planning import (
    Action,
    Catalogue,
    Plan,
    PlannedRow,
    display,
    labels,
    look_up,
    model_errors,
    plan_row,
)
from imports.xlsx import (
    COLUMNS,
    ORGANIZATION_COLUMNS,
    PEOPLE_COLUMNS,
    RESERVE_COLUMNS,
    Column,
    RowError,
    parse_row,
    read_rows,
)
from organizations import services as organization_services
from organizations.models import Municipality, Organization
from people import services as people_services
from people.models import Person, Position
from reserve import services as reserve_services
from reserve.models import ReserveEntry, TargetPosition

SQL_CHUNK = 500  # names per query: below the parameter limit of every database
ORGANIZATIONS = ImportBatch.Kind.ORGANIZATIONS
PEOPLE = ImportBatch.Kind.PEOPLE
RESERVE = ImportBatch.Kind.RESERVE


class ImportRejected(ValidationError):
    """Some rows are invalid, so nothing has been saved; `plan` lists the errors."""

    def __init__(self, plan: "Plan") -> None:
        super().__init__(_("The file has errors, nothing has been saved."))
        self.plan = plan


class BatchClosed(ValidationError):
    """The batch has been applied or has failed already; it cannot be applied."""


# Planning ------------------------------------------------------------------------


def _organization_catalogue(organizations: list[Organization]) -> Catalogue:
    return (
        "organization",
        {normalize_search(o.short_name): o for o in organizations},
        _('organisation "%(value)s" is not in the registry of the municipality'),
    )


def _plan_organizations(
    *, municipality: Municipality, rows: list[tuple[int, dict[str, Any]]]
) -> Plan:
    columns = ORGANIZATION_COLUMNS
    plan = Plan(kind=ORGANIZATIONS, n_rows=len(rows))
    existing = list(Organization.objects.filter(municipality=municipality))
    exact = {o.short_name: o for o in existing}
    similar: dict[str, list[Organization]] = defaultdict(list)
    for organization in existing:
        similar[normalize_search(organization.short_name)].append(organization)
    key_column = str(columns[0].label)
    seen: dict[str, int] = {}
    for number, cells in rows:
        values, errors = parse_row(number, cells, columns)
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
            columns=columns,
            exclude=["municipality", "head"],
        )
        plan.add(result)
    return plan


def _person_key(values: dict[str, Any], organization_id: int) -> tuple:
    return (
        normalize_search(values.get("last_name", "")),
        normalize_search(values.get("first_name", "")),
        normalize_search(values.get("middle_name", "")),
        organization_id,
    )


def _existing_people(
    *,
    municipality: Municipality,
    names: set[str],
    prefetch: Sequence[Prefetch] = (),
) -> dict[tuple, list[Person]]:
    """The municipality's people with these full names, by natural key; one query
    per SQL_CHUNK names, and one more per prefetch."""
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


# A data row of people: its number, values, errors and the person's natural key.
PersonRow = tuple[int, dict[str, Any], list[RowError], tuple | None]


def _parse_person_rows(
    rows: list[tuple[int, dict[str, Any]]],
    columns: Sequence[Column],
    catalogues: Sequence[Catalogue],
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


def _names(parsed: list[PersonRow]) -> set[str]:
    """The normalised full names of the rows, as Person.search_text has them."""
    return {normalize_search(" ".join(key[:3])) for *_rest, key in parsed if key}


def _ambiguous_person(number: int, columns: Sequence[Column]) -> RowError:
    message = _(
        "the organisation has several people with this full name; "
        "correct them by hand first"
    )
    return RowError(number, labels(columns)["last_name"], message)


def _full_name(values: dict[str, Any]) -> str:
    return " ".join(
        values[n] for n in ("last_name", "first_name", "middle_name") if n in values
    )


def _plan_people(
    *, municipality: Municipality, rows: list[tuple[int, dict[str, Any]]]
) -> Plan:
    columns = PEOPLE_COLUMNS
    plan = Plan(kind=PEOPLE, n_rows=len(rows))
    organizations = list(Organization.objects.filter(municipality=municipality))
    positions = list(Position.objects.filter(municipality=municipality))
    catalogues = [
        _organization_catalogue(organizations),
        (
            "position",
            {normalize_search(p.name): p for p in positions},
            _('position "%(value)s" is not in the catalogue'),
        ),
    ]
    parsed = _parse_person_rows(rows, columns, catalogues)
    existing = _existing_people(municipality=municipality, names=_names(parsed))
    organizations_by_id = {o.pk: o for o in organizations}
    positions_by_id = {p.pk: p for p in positions}
    for number, values, errors, key in parsed:
        matches = existing.get(key, []) if key else []
        if not errors and len(matches) > 1:
            errors.append(_ambiguous_person(number, columns))
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
            label=f"{_full_name(values)}, {values['organization'].short_name}",
            record=record,
            is_new=not matches,
            values=values,
            columns=columns,
            exclude=["organization", "position", "user"],
        )
        plan.add(result)
    return plan


RESERVE_ENTRY_FIELDS = (
    "target_position",
    "basis_number",
    "basis_date",
    "included_on",
    "term_until",
)


def _reserve_date_errors(
    number: int, values: dict[str, Any], columns: Sequence[Column]
) -> list[RowError]:
    """The dates of a row against each other: the basis document comes no later
    than the inclusion, and the term ends after it."""
    names = labels(columns)
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


def _plan_reserve(
    *, municipality: Municipality, rows: list[tuple[int, dict[str, Any]]]
) -> Plan:
    """A row changes the person's active entry, or includes the person anew when
    they are not in the reserve now (never, or appointed or excluded since)."""
    columns = RESERVE_COLUMNS
    names = labels(columns)
    plan = Plan(kind=RESERVE, n_rows=len(rows))
    organizations = list(Organization.objects.filter(municipality=municipality))
    for organization in organizations:
        # include_in_reserve reads the term setting: no query per row for it.
        organization.municipality = municipality
    targets = list(TargetPosition.objects.filter(municipality=municipality))
    catalogues = [
        _organization_catalogue(organizations),
        (
            "target_position",
            {normalize_search(t.name): t for t in targets},
            _('target position "%(value)s" is not in the catalogue of the reserve'),
        ),
    ]
    parsed = _parse_person_rows(rows, columns, catalogues)
    for number, values, errors, _key in parsed:
        errors.extend(_reserve_date_errors(number, values, columns))
    active_entries = Prefetch(
        "reserve_entries",
        queryset=ReserveEntry.objects.active().select_related("target_position"),
        to_attr="active_reserve_entries",
    )
    existing = _existing_people(
        municipality=municipality, names=_names(parsed), prefetch=[active_entries]
    )
    organizations_by_id = {o.pk: o for o in organizations}
    for number, values, errors, key in parsed:
        matches = existing.get(key, []) if key else []
        # Reported along with the other errors of the row: all of them get fixed
        # in one go.
        if key and not matches:
            message = _(
                'person "%(name)s" of organisation "%(organization)s" is not in '
                "the registry of people: add the person first"
            ) % {
                "name": _full_name(values),
                "organization": values["organization"].short_name,
            }
            errors.append(RowError(number, names["last_name"], message))
        elif len(matches) > 1:
            errors.append(_ambiguous_person(number, columns))
        if errors:
            plan.errors.extend(errors)
            continue
        person = matches[0]
        person.organization = organizations_by_id[person.organization_id]
        plan.add(_plan_reserve_row(number, values, person, municipality))
    return plan


def _plan_reserve_row(
    number: int, values: dict[str, Any], person: Person, municipality: Municipality
) -> PlannedRow | list[RowError]:
    """Compare a valid row with the person's active entry, or plan a new one."""
    columns = RESERVE_COLUMNS
    entry_values = {n: values[n] for n in RESERVE_ENTRY_FIELDS if n in values}
    entry = next(iter(person.active_reserve_entries), None)
    if entry is None:
        # The service sets the same default term when the cell is empty.
        try:
            term = reserve_services.add_years(
                values["included_on"], municipality.reserve_term_years
            )
        except ValidationError as e:
            return model_errors(number, e, columns)
        record = ReserveEntry(person=person, term_until=term)
        entry_values["person"] = person
    elif "term_until" not in values and entry.term_until <= values["included_on"]:
        message = _(
            "the current term in the reserve, %(date)s, does not end after "
            "the inclusion: fill in a new term"
        ) % {"date": display(ReserveEntry, "term_until", entry.term_until)}
        return [RowError(number, labels(columns)["term_until"], message)]
    else:
        entry.person = person
        record = entry
    return plan_row(
        number=number,
        label=f"{person.full_name}, {person.organization.short_name}",
        record=record,
        is_new=entry is None,
        values=entry_values,
        columns=columns,
        exclude=["person", "target_position"],
    )


PLANNERS = {
    ORGANIZATIONS: _plan_organizations,
    PEOPLE: _plan_people,
    RESERVE: _plan_reserve,
}


def plan_file(
    *, kind: str, municipality: Municipality, file: IO[bytes], size: int
) -> Plan:
    """What importing the file would do, with every row error; raises
    ValidationError when the file itself cannot be used (too large, not .xlsx,
    empty, missing columns, too many rows)."""
    rows = read_rows(file=file, size=size, columns=COLUMNS[kind])
    return PLANNERS[kind](municipality=municipality, rows=rows)


def plan_batch(*, batch: ImportBatch) -> Plan:
    """Re-read and re-check the stored file of a batch against today's data;
    raises ValidationError when the file is gone or unusable."""
    try:
        with batch.file.open("rb") as file:
            return plan_file(
                kind=batch.kind,
                municipality=batch.municipality,
                file=file,
                size=batch.file.size,
            )
    except OSError as e:
        raise ValidationError(
            _("The uploaded file is no longer available. Upload it again.")
        ) from e


# Writing -------------------------------------------------------------------------


def preview_upload(
    *, user: User, municipality: Municipality, kind: str, upload: UploadedFile
) -> tuple[ImportBatch | None, Plan]:
    """Check an uploaded file; when every row is valid, keep it as a batch awaiting
    confirmation. Raises ValidationError when the file itself cannot be used."""
    plan = plan_file(
        kind=kind, municipality=municipality, file=upload, size=upload.size
    )
    if not plan.is_valid:
        return None, plan
    upload.seek(0)
    batch = create_validated(
        ImportBatch,
        user=user,
        kind=kind,
        municipality=municipality,
        original_name=os.path.basename(upload.name or "")[-255:] or "import.xlsx",
        file=upload,
        n_rows=plan.n_rows,
        n_created=plan.n_created,
        n_updated=plan.n_updated,
        n_unchanged=plan.n_unchanged,
    )
    return batch, plan


def _write_row(*, kind: str, row: PlannedRow, municipality: Municipality) -> None:
    if row.action == Action.UNCHANGED:
        return
    if kind == ORGANIZATIONS and row.instance is None:
        organization_services.create_organization(
            municipality=municipality, **row.values
        )
    elif kind == ORGANIZATIONS:
        organization_services.update_organization(
            organization=row.instance, **row.values
        )
    elif kind == PEOPLE and row.instance is None:
        people_services.create_person(**row.values)
    elif kind == PEOPLE:
        people_services.update_person(person=row.instance, **row.values)
    elif row.instance is None:
        reserve_services.include_in_reserve(**row.values)
    else:
        reserve_services.update_reserve_entry(entry=row.instance, **row.values)


def _apply(batch: ImportBatch) -> ImportBatch:
    locked = (
        ImportBatch.objects.select_for_update(of=("self",))
        .select_related("municipality")
        .get(pk=batch.pk)
    )
    if locked.status != ImportBatch.Status.PREVIEWED:
        raise BatchClosed(_("This import has been applied or rejected already."))
    plan = plan_batch(batch=locked)
    if not plan.is_valid:
        raise ImportRejected(plan)
    columns = COLUMNS[locked.kind]
    for row in plan.rows:
        try:
            _write_row(kind=locked.kind, row=row, municipality=locked.municipality)
        except ValidationError as e:
            plan.errors.extend(model_errors(row.row, e, columns))
    if plan.errors:
        raise ImportRejected(plan)
    locked.status = ImportBatch.Status.APPLIED
    locked.n_rows = plan.n_rows
    locked.n_created = plan.n_created
    locked.n_updated = plan.n_updated
    locked.n_unchanged = plan.n_unchanged
    locked.applied_at = timezone.now()
    locked.save(
        update_fields=[
            "status",
            "n_rows",
            "n_created",
            "n_updated",
            "n_unchanged",
            "applied_at",
        ]
    )
    return locked


def apply_batch(*, batch: ImportBatch) -> ImportBatch:
    """Re-check the stored file and apply every row through the registry services in
    one transaction: all of it or nothing. Raises ImportRejected (and marks the
    batch failed) when a row is invalid now, BatchClosed when the batch is not
    awaiting confirmation, ValidationError when the stored file is unusable."""
    if batch.status != ImportBatch.Status.PREVIEWED:
        raise BatchClosed(_("This import has been applied or rejected already."))
    try:
        with transaction.atomic():
            batch = _apply(batch)
    except BatchClosed:
        raise
    except ValidationError as e:
        _fail_batch(batch=batch, error=e)
        raise
    return batch


def _fail_batch(*, batch: ImportBatch, error: ValidationError) -> None:
    if isinstance(error, ImportRejected):
        messages = [str(row_error) for row_error in error.plan.errors]
    else:
        messages = error.messages
    batch.status = ImportBatch.Status.FAILED
    batch.error_message = "\n".join(messages[:100])
    batch.save(update_fields=["status", "error_message"])


# The template --------------------------------------------------------------------


def _template_lists(
    *, kind: str, municipality: Municipality
) -> list[documents.TemplateList]:
    """The allowed values of the kind's list columns, in the municipality."""
    if kind == ORGANIZATIONS:
        return [
            documents.TemplateList(
                "kinds",
                _("Types of organisations"),
                [str(label) for label in Organization.Kind.labels],
            )
        ]
    organizations = documents.TemplateList(
        "organizations",
        pgettext("import kind", "Organisations"),
        list(
            Organization.objects.filter(municipality=municipality)
            .order_by("short_name")
            .values_list("short_name", flat=True)
        ),
    )
    if kind == PEOPLE:
        catalogue = documents.TemplateList(
            "positions",
            _("Positions"),
            list(
                Position.objects.filter(municipality=municipality)
                .order_by("name")
                .values_list("name", flat=True)
            ),
        )
    else:
        catalogue = documents.TemplateList(
            "target_positions",
            _("Target positions"),
            list(
                TargetPosition.objects.filter(municipality=municipality)
                .order_by("name")
                .values_list("name", flat=True)
            ),
        )
    return [organizations, catalogue]


def build_template(*, kind: str, municipality: Municipality) -> bytes:
    """The .xlsx template for the kind, with the lists of allowed values of the
    municipality (types; organisations with positions or target positions)."""
    lists = _template_lists(kind=kind, municipality=municipality)
    columns = [
        documents.TemplateColumn(
            header=column.header,
            hint=str(column.hint),
            is_required=column.is_required,
            width=column.width,
            number_format=column.number_format,
            list_key=column.list_key,
            number_range=column.number_range,
        )
        for column in COLUMNS[kind]
    ]
    return documents.render_template(
        columns=columns,
        lists=lists,
        text=documents.template_text(
            kind=kind, reserve_term_years=municipality.reserve_term_years
        ),
        max_rows=settings.IMPORT_MAX_ROWS,
    )

"""The plan of an import: what each row of a file would create or change, or why it
cannot be imported; the steps every kind takes to plan a row; and ImportKind, what
a kind of import gives to the rest of the app.

Nothing here knows a particular kind: each module of `imports.kinds` does."""

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from copy import copy
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Generic, Protocol, TypeVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils import formats
from django.utils.functional import Promise
from django.utils.translation import get_language

from core.models import normalize_search
from imports.documents import TemplateList
from imports.models import ImportRow
from imports.xlsx import REPORT_EVERY, Column, RowError
from organizations.models import Municipality

M = TypeVar("M", bound=models.Model)
T = TypeVar("T")

# The data rows of a file: each with its Excel row number and its cells by field.
Rows = list[tuple[int, dict[str, Any]]]
# A catalogue to look a cell up in: the field, its items by normalised name, and
# the error when the name is not there (with %(value)s).
Catalogue = tuple[str, Mapping[str, models.Model], str]


Action = ImportRow.Action


@dataclass(frozen=True)
class FieldChange:
    column: str
    old: str
    new: str


@dataclass
class PlannedRow(Generic[M]):
    """One valid row: the record it creates or changes, and the changes.

    `record` is the record as it will be saved, validated already: a new instance,
    or a copy of `instance` with the row's values set."""

    row: int
    label: str
    action: str
    values: dict[str, Any]
    instance: M | None = None
    changes: list[FieldChange] = field(default_factory=list)
    record: M | None = None

    @property
    def action_label(self) -> str:
        return str(Action(self.action).label)


@dataclass
class Plan:
    """What importing a file would do, or why it cannot be imported."""

    kind: str
    n_rows: int = 0
    rows: list[PlannedRow[Any]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    # Told every REPORT_EVERY rows how many have been checked (the progress bar).
    on_rows: Callable[[int], None] | None = field(default=None, repr=False)

    def checking(self, rows: Iterable[T]) -> Iterator[T]:
        """The rows as they come, counting them for `on_rows`: a kind's planner
        loops over its rows through it."""
        for n, row in enumerate(rows, start=1):
            yield row
            if self.on_rows is not None and n % REPORT_EVERY == 0:
                self.on_rows(n)

    @property
    def is_valid(self) -> bool:
        return not self.errors

    def _count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def n_created(self) -> int:
        return self._count(Action.CREATE)

    @property
    def n_updated(self) -> int:
        return self._count(Action.UPDATE)

    @property
    def n_unchanged(self) -> int:
        return self._count(Action.UNCHANGED)

    def add(self, result: PlannedRow[Any] | list[RowError]) -> None:
        """Add a planned row, or the errors of a row that cannot be planned."""
        if isinstance(result, PlannedRow):
            self.rows.append(result)
        else:
            self.errors.extend(result)


# The labels of each set of columns in each language: every row asks for them, and
# translating ten labels for each of 10,000 rows took a quarter of the planning.
# The cache keeps the columns it was computed for, so their ids stay theirs.
_LABELS: dict[tuple[Any, ...], tuple[Sequence[Column], dict[str, str]]] = {}


def labels(columns: Sequence[Column]) -> dict[str, str]:
    """The label of each column by field, as row errors name the column."""
    key = (get_language(), *map(id, columns))
    cached = _LABELS.get(key)
    if cached is None:
        if len(_LABELS) > 100:
            _LABELS.clear()
        names = {column.field: str(column.label) for column in columns}
        cached = _LABELS[key] = (tuple(columns), names)
    return cached[1]


def look_up(
    number: int,
    values: dict[str, Any],
    catalogues: Sequence[Catalogue],
    columns: Sequence[Column],
) -> list[RowError]:
    """Replace each name by the catalogue item of that name; an unknown name is a
    row error and its value is dropped."""
    names = labels(columns)
    errors = []
    for name, items, message in catalogues:
        if name not in values:
            continue
        found = items.get(normalize_search(values[name]))
        if found is None:
            text = message % {"value": values[name]}
            errors.append(RowError(number, names[name], text))
            del values[name]
        else:
            values[name] = found
    return errors


def model_errors(
    number: int, error: ValidationError, columns: Sequence[Column]
) -> list[RowError]:
    """Model validation errors as row errors, each under its column."""
    names = labels(columns)
    if not hasattr(error, "error_dict"):
        return [RowError(number, "", message) for message in error.messages]
    return [
        RowError(number, names.get(name, "") if name != NON_FIELD_ERRORS else "", m)
        for name, messages in error.message_dict.items()
        for m in messages
    ]


def display(model: type[models.Model], name: str, value: Any) -> str:
    """A value of the model's field as the preview and the messages show it."""
    if value is None or value == "":
        return "—"
    model_field = model._meta.get_field(name)
    assert isinstance(model_field, models.Field)  # the columns are the model's fields
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, Decimal):
        return formats.number_format(value, decimal_pos=1)
    return str(value)


def plan_row(
    *,
    number: int,
    label: str,
    record: M,
    is_new: bool,
    values: dict[str, Any],
    columns: Sequence[Column],
    exclude: list[str],
) -> PlannedRow[M] | list[RowError]:
    """Compare a row with its record and validate the result like the service will.

    Relations are resolved already and uniqueness is checked across the file, so
    both are left out of `full_clean`: that keeps the preview at a few queries."""
    names = labels(columns)
    candidate = copy(record)
    changes = []
    for name, value in values.items():
        if not is_new and getattr(record, name) != value:
            changes.append(
                FieldChange(
                    names[name],
                    display(type(record), name, getattr(record, name)),
                    display(type(record), name, value),
                )
            )
        setattr(candidate, name, value)
    try:
        candidate.full_clean(
            exclude=exclude, validate_unique=False, validate_constraints=False
        )
    except ValidationError as e:
        return model_errors(number, e, columns)
    if is_new:
        action = Action.CREATE
    else:
        action = Action.UPDATE if changes else Action.UNCHANGED
    return PlannedRow(
        row=number,
        label=label,
        action=action,
        values=values,
        instance=None if is_new else record,
        changes=changes,
        record=candidate,
    )


# A kind of import ----------------------------------------------------------------


class Planner(Protocol):
    def __call__(
        self,
        *,
        municipality: Municipality,
        rows: Rows,
        on_rows: Callable[[int], None] | None = None,
    ) -> Plan:
        """The plan of the rows in the municipality, with every row error;
        `on_rows(n)` is told how many rows have been checked (Plan.checking)."""
        ...


class Writer(Protocol):
    def __call__(self, *, rows: Sequence[PlannedRow[Any]], user: Any) -> None:
        """Save a batch of planned rows that create or change a record: in bulk,
        with their history recorded as made by `user` (a small registry without
        history may save them one by one through its services, as the legal acts
        do). The rows are planned in
        the same transaction, so every rule of the registry's services has been
        checked on them already (see `imports.writing`)."""
        ...


class TemplateLists(Protocol):
    def __call__(self, *, municipality: Municipality) -> list[TemplateList]:
        """The allowed values of the kind's list columns, in the municipality."""
        ...


class Rules(Protocol):
    def __call__(self, *, municipality: Municipality) -> list[str]:
        """Rules of the kind that depend on the municipality's settings."""
        ...


def no_rules(*, municipality: Municipality) -> list[str]:
    """No more rules for empty cells than the ones every kind has."""
    return []


@dataclass(frozen=True)
class ImportKind:
    """One kind of import file: its words, its columns, its planner and its writer,
    and the lists of allowed values its template offers."""

    # An ImportBatch.Kind: batches and URLs name the kind by it, and the registry
    # it fills has its list page at "<code>:list" (ImportBatch.get_registry_url).
    code: str
    name: str | Promise  # what the rows are: its card and the template's data sheet
    title: str | Promise  # the heading of its upload and preview pages
    summary: str | Promise  # what its card on the imports page says the file holds
    matching: str | Promise  # how a row finds its record, on the upload page
    rows_rule: str | Promise  # the same, as the template's instructions say it
    columns: tuple[Column, ...]
    plan: Planner
    write: Writer  # called with batches of the rows that create or change a record
    template_lists: TemplateLists
    # The kind's own rules for empty cells, which may depend on the municipality:
    # on the upload page and in the template.
    empty_cell_rules: Rules = no_rules

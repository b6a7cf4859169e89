"""Legal acts: an act of the municipality's catalogue is found by its type, number
and date, or by its title and date when the row has no number; if it is there its
data are updated, otherwise it is added. A row with an edition date and what
changed adds that edition to the act, unless the act has an edition of that date
already.

The catalogue holds hundreds of acts, not thousands: the rows are written one by
one through `legal_acts.services`, which fold the search text and keep every
edition no earlier than its act."""

from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import TextChoices
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from core.models import normalize_search
from imports.documents import TemplateList
from imports.models import ImportBatch
from imports.planning import (
    Action,
    FieldChange,
    ImportKind,
    Plan,
    PlannedRow,
    Rows,
    display,
    labels,
    plan_row,
)
from imports.xlsx import (
    CellError,
    Column,
    RowError,
    parse_date,
    parse_row,
    parse_text,
)
from legal_acts import services
from legal_acts.forms import FIRST_DATE, LAST_DATE
from legal_acts.models import LegalAct, LegalActEdition
from organizations.models import Municipality

CODE = ImportBatch.Kind.LEGAL_ACTS
# What changed in an edition, as the card's form allows.
MAX_NOTE_LENGTH = 2000


def _choice(choices: type[TextChoices], value: Any, message: str) -> str:
    """The code of a choice named in a cell by its label or its code, case and
    «ё» folded; `message` has %(value)s and %(choices)s."""
    text = parse_text(value)
    codes = {normalize_search(str(label)): code for code, label in choices.choices}
    codes |= {code: code for code in choices.values}
    try:
        return codes[normalize_search(text)]
    except KeyError:
        raise CellError(
            message
            % {
                "value": text,
                "choices": ", ".join(str(label) for label in choices.labels),
            }
        ) from None


def _level(value: Any) -> str:
    return _choice(
        LegalAct.Level, value, _('level "%(value)s" is not in the list: %(choices)s')
    )


def _kind(value: Any) -> str:
    return _choice(
        LegalAct.Kind, value, _('type "%(value)s" is not in the list: %(choices)s')
    )


def _act_date(value: Any) -> date:
    """A date within the years the catalogue's forms accept."""
    day = parse_date(value)
    if not FIRST_DATE <= day <= LAST_DATE:
        raise CellError(_("the date must be from 01.01.1900 to 31.12.2100"))
    return day


def _url(value: Any) -> str:
    """A link; one typed without its scheme is taken as https, as the form does."""
    text = parse_text(value)
    url = text if "://" in text else f"https://{text}"
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise CellError(
            _(
                'link "%(value)s" is wrong: write the full address, for example '
                "https://www.consultant.ru/document/cons_doc_LAW_140174/"
            )
            % {"value": text}
        ) from None
    return url


COLUMNS = (
    Column(
        "level",
        pgettext_lazy("import column", "Level"),
        gettext_lazy("Required. One of the values on the sheet of lists."),
        parse=_level,
        is_required=True,
        width=24,
        list_key="levels",
    ),
    Column(
        "kind",
        pgettext_lazy("import column", "Type"),
        gettext_lazy("Required. One of the values on the sheet of lists."),
        parse=_kind,
        is_required=True,
        width=22,
        list_key="kinds",
    ),
    Column(
        "number",
        pgettext_lazy("import column", "Number"),
        gettext_lazy(
            "The act is found by its type, number and date: if the catalogue has "
            "it already, its data are updated, otherwise it is added. An act "
            "without a number is found by its title and date."
        ),
        width=16,
        number_format="@",
    ),
    Column(
        "adopted_on",
        pgettext_lazy("import column", "Date"),
        gettext_lazy("Required. The date the act was adopted: DD.MM.YYYY."),
        parse=_act_date,
        is_required=True,
        width=14,
        number_format="DD.MM.YYYY",
    ),
    Column(
        "title",
        pgettext_lazy("import column", "Title"),
        gettext_lazy("Required. The title of the act, at most 500 characters."),
        is_required=True,
        width=60,
    ),
    Column(
        "issued_by",
        pgettext_lazy("import column", "Issuing body"),
        gettext_lazy(
            "Required. Who adopted the act, for example Федеральное Собрание "
            "Российской Федерации."
        ),
        is_required=True,
        width=40,
    ),
    Column(
        "url",
        pgettext_lazy("import column", "Official link"),
        gettext_lazy("A link to the official text, beginning with https://."),
        parse=_url,
        width=40,
    ),
    Column(
        "edition_on",
        pgettext_lazy("import column", "Edition date"),
        gettext_lazy(
            "To add an edition: the date it is in force from, not before the act's "
            "date. An edition of that date the act has already is left as it is."
        ),
        parse=_act_date,
        width=16,
        number_format="DD.MM.YYYY",
    ),
    Column(
        "edition_note",
        pgettext_lazy("import column", "What changed"),
        gettext_lazy(
            "Required with an edition date: what the edition changed, at most 2000 "
            "characters."
        ),
        width=50,
    ),
)

ACT_FIELDS = services.ACT_FIELDS


def _key(values: dict[str, Any]) -> tuple[Any, ...] | None:
    """What finds the act: type, number and date, or title and date without a
    number; None when a cell of it is missing or wrong."""
    if "adopted_on" not in values:
        return None
    if values.get("number"):
        if "kind" not in values:
            return None
        number = normalize_search(values["number"])
        return ("number", values["kind"], number, values["adopted_on"])
    if "title" not in values:
        return None
    return ("title", normalize_search(values["title"]), values["adopted_on"])


def _act_keys(act: LegalAct) -> list[tuple[Any, ...]]:
    """The keys a row may find the act by."""
    keys: list[tuple[Any, ...]] = [
        ("title", normalize_search(act.title), act.adopted_on)
    ]
    if act.number:
        keys.append(("number", act.kind, normalize_search(act.number), act.adopted_on))
    return keys


class _Seen:
    """The acts of the rows so far, to find one named twice in the file.

    A row without a number finds its act by title and date, so it names the same
    act as any row before it of that title and date, with a number or without;
    a row with a number, the same act as a row before it of that type, number and
    date, or of that title and date without a number. Two rows that find one act
    of the catalogue name it twice too."""

    def __init__(self) -> None:
        self.keys: dict[tuple[Any, ...], int] = {}
        self.titles: dict[tuple[Any, ...], int] = {}  # of every row
        self.bare_titles: dict[tuple[Any, ...], int] = {}  # of rows without a number
        self.acts: dict[int, int] = {}

    def first_row(
        self,
        number: int,
        values: dict[str, Any],
        key: tuple[Any, ...] | None,
        matches: list[LegalAct],
    ) -> int | None:
        """The earlier row naming the row's act, if any; then note the row."""
        title = _key({n: values[n] for n in ("title", "adopted_on") if n in values})
        first = None
        if key is not None and key in self.keys:
            first = self.keys[key]
        elif title is not None and values.get("number"):
            first = self.bare_titles.get(title)
        elif title is not None:
            first = self.titles.get(title)
        if first is None and len(matches) == 1:
            first = self.acts.get(matches[0].pk)
        if key is not None:
            self.keys.setdefault(key, number)
        if title is not None:
            self.titles.setdefault(title, number)
            if not values.get("number"):
                self.bare_titles.setdefault(title, number)
        if len(matches) == 1:
            self.acts.setdefault(matches[0].pk, number)
        return first


def _edition_errors(
    number: int, values: dict[str, Any], bad_columns: set[str]
) -> list[RowError]:
    """An edition needs both its date and what changed, and is no earlier than the
    act; a cell already reported as wrong is not reported as empty too."""
    names = labels(COLUMNS)
    edition_on, note = values.get("edition_on"), values.get("edition_note")
    errors = []
    if note and edition_on is None and names["edition_on"] not in bad_columns:
        message = _("fill in the date of the edition too")
        errors.append(RowError(number, names["edition_on"], message))
    if edition_on is not None and not note and names["edition_note"] not in bad_columns:
        message = _("write what the edition changed")
        errors.append(RowError(number, names["edition_note"], message))
    if note and len(note) > MAX_NOTE_LENGTH:
        message = _("at most %(limit)s characters, now %(length)s") % {
            "limit": MAX_NOTE_LENGTH,
            "length": len(note),
        }
        errors.append(RowError(number, names["edition_note"], message))
    adopted_on = values.get("adopted_on")
    if edition_on is not None and adopted_on is not None and edition_on < adopted_on:
        message = _("the edition is dated before the act (%(date)s)") % {
            "date": display(LegalAct, "adopted_on", adopted_on)
        }
        errors.append(RowError(number, names["edition_on"], message))
    return errors


def _label(values: dict[str, Any]) -> str:
    """The act as the preview names it: type, date, number and title."""
    kind = str(LegalAct.Kind(values["kind"]).label)
    requisites = {
        "kind": kind[:1].upper() + kind[1:],
        "date": display(LegalAct, "adopted_on", values["adopted_on"]),
        "number": values.get("number", ""),
        "title": values["title"],
    }
    if requisites["number"]:
        return _("%(kind)s of %(date)s No. %(number)s «%(title)s»") % requisites
    return _("%(kind)s of %(date)s «%(title)s»") % requisites


def plan_rows(
    *,
    municipality: Municipality,
    rows: Rows,
    on_rows: Callable[[int], None] | None = None,
) -> Plan:
    """Match each row with an act of the municipality's catalogue, and plan the
    edition it adds."""
    names = labels(COLUMNS)
    plan = Plan(kind=CODE, n_rows=len(rows), on_rows=on_rows)
    existing: dict[tuple[Any, ...], list[LegalAct]] = defaultdict(list)
    acts = LegalAct.objects.filter(municipality=municipality).prefetch_related(
        "editions"
    )
    for act in acts:
        act.municipality = municipality  # no query when the service saves it
        for act_key in _act_keys(act):
            existing[act_key].append(act)
    seen = _Seen()
    for number, cells in plan.checking(rows):
        values, errors = _parse(number, cells)
        key = _key(values)
        key_column = names["number"] if values.get("number") else names["title"]
        matches = existing.get(key, []) if key else []
        first = seen.first_row(number, values, key, matches)
        if first is not None:
            message = _("the same act is in row %(row)s") % {"row": first}
            errors.append(RowError(number, key_column, message))
        if not errors and len(matches) > 1:
            if values.get("number"):
                message = _(
                    "several acts of the catalogue have this type, number and "
                    "date; correct them by hand first"
                )
            else:
                message = _(
                    "several acts of the catalogue have this title and date; "
                    "correct them by hand first"
                )
            errors.append(RowError(number, key_column, message))
        if errors:
            plan.errors.extend(errors)
            continue
        plan.add(_plan_act(number, values, matches, municipality))
    return plan


def _parse(number: int, cells: dict[str, Any]) -> tuple[dict[str, Any], list[RowError]]:
    """The row's values and the errors of its cells and of its edition."""
    values, errors = parse_row(number, cells, COLUMNS)
    bad_columns = {error.column for error in errors}
    errors.extend(_edition_errors(number, values, bad_columns))
    return values, errors


def _plan_act(
    number: int,
    values: dict[str, Any],
    matches: list[LegalAct],
    municipality: Municipality,
) -> PlannedRow[LegalAct] | list[RowError]:
    """Compare a valid row with its act, or plan a new one; then its edition."""
    act_values = {name: values[name] for name in ACT_FIELDS if name in values}
    record = matches[0] if matches else LegalAct(municipality=municipality)
    result = plan_row(
        number=number,
        label=_label(values),
        record=record,
        is_new=not matches,
        values=act_values,
        columns=COLUMNS,
        exclude=["municipality"],
    )
    if not isinstance(result, PlannedRow) or "edition_on" not in values:
        return result
    edition_on, note = values["edition_on"], values["edition_note"]
    if matches and any(e.effective_on == edition_on for e in record.editions.all()):
        return result  # the act has this edition already
    try:
        LegalActEdition(effective_on=edition_on, note=note).full_clean(exclude=["act"])
    except ValidationError as e:
        return [RowError(number, column, m) for column, m in _edition_messages(e)]
    result.values = {**act_values, "edition": (edition_on, note)}
    result.changes.append(
        FieldChange(
            str(_("New edition")),
            "—",
            f"{display(LegalActEdition, 'effective_on', edition_on)}: {note}",
        )
    )
    if result.action == Action.UNCHANGED:
        result.action = Action.UPDATE
    return result


def _edition_messages(error: ValidationError) -> list[tuple[str, str]]:
    """An edition's validation errors under the edition's columns."""
    names = labels(COLUMNS)
    columns = {"effective_on": names["edition_on"], "note": names["edition_note"]}
    if not hasattr(error, "error_dict"):
        return [("", m) for m in error.messages]
    return [
        (columns.get(name, ""), m)
        for name, messages in error.message_dict.items()
        for m in messages
    ]


def write_rows(*, rows: Sequence[PlannedRow[LegalAct]], user: Any) -> None:
    """Add the new acts and change the others through the catalogue's services,
    with the editions the rows add."""
    for row in rows:
        act_values = {n: v for n, v in row.values.items() if n in ACT_FIELDS}
        if row.action == Action.CREATE:
            assert row.record is not None  # every planned row carries its record
            act = services.create_legal_act(
                municipality=row.record.municipality, **act_values
            )
        else:
            assert row.instance is not None  # a changed row has its act
            act = row.instance
            changed = {n: v for n, v in act_values.items() if getattr(act, n) != v}
            if changed:
                services.update_legal_act(act=act, **changed)
        if "edition" in row.values:
            effective_on, note = row.values["edition"]
            services.add_edition(act=act, effective_on=effective_on, note=note)


def template_lists(*, municipality: Municipality) -> list[TemplateList]:
    """The levels and the types of acts."""
    return [
        TemplateList(
            "levels",
            _("Levels of acts"),
            [str(label) for label in LegalAct.Level.labels],
        ),
        TemplateList(
            "kinds",
            _("Types of acts"),
            [str(label) for label in LegalAct.Kind.labels],
        ),
    ]


KIND = ImportKind(
    code=CODE,
    name=pgettext_lazy("import kind", "Legal acts"),
    title=gettext_lazy("Import of legal acts"),
    summary=gettext_lazy(
        "The catalogue of normative legal acts: level, type, number, date, title, "
        "issuing body, official link and, optionally, a new edition."
    ),
    matching=gettext_lazy(
        "An act is found by its type, number and date (without a number, by its "
        "title and date): if the catalogue has it already, its data are updated, "
        "otherwise it is added. A row with an edition date and what changed adds "
        "that edition, unless the act has an edition of that date already."
    ),
    rows_rule=gettext_lazy(
        "One row is one act. An act is found by its type, number and date "
        "(without a number, by its title and date): if the catalogue has it "
        "already, its data are updated, otherwise it is added. A row with an "
        "edition date and what changed adds that edition, unless the act has an "
        "edition of that date already."
    ),
    columns=COLUMNS,
    plan=plan_rows,
    write=write_rows,
    template_lists=template_lists,
)

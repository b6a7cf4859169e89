"""The import file format: its columns, and reading an .xlsx into checked values.

Nothing here touches the database; `services` matches the values with records."""

import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import formats
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from core.models import normalize_search
from imports.models import ImportBatch
from organizations.models import Organization

ZIP_SIGNATURE = b"PK\x03\x04"
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003 (.xls)
# What openpyxl raises on a damaged or foreign file, while opening or reading it.
READ_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    InvalidFileException,
    KeyError,
    IndexError,
    ValueError,
    TypeError,
    AttributeError,
    EOFError,
    OSError,
    SyntaxError,  # XML parse errors of ElementTree and lxml
)
DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d")


class CellError(Exception):
    """A value that cannot be read; the message says why, to the user."""


@dataclass(frozen=True)
class RowError:
    """What is wrong in one row; `column` is empty when it is the whole row."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.column:
            return _('Row %(row)s, column "%(column)s": %(message)s') % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return _("Row %(row)s: %(message)s") % {
            "row": self.row,
            "message": self.message,
        }


# Reading cells -------------------------------------------------------------------


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: Any) -> str:
    """Any cell as a single-spaced string; whole numbers lose Excel's «.0»."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    return " ".join(str(value).split())


def _inn(value: Any) -> str:
    """An INN typed as a number lost its leading zeros in Excel: restore them."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _text(value).zfill(10)
    return _text(value)


def _kind(value: Any) -> str:
    text = _text(value)
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


def _date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    if isinstance(value, str):
        for date_format in DATE_FORMATS:
            try:
                return datetime.strptime(text, date_format).date()
            except ValueError:
                continue
    raise CellError(
        _('date "%(value)s" is wrong: write it as DD.MM.YYYY, for example 01.09.2020')
        % {"value": text}
    )


def _years(value: Any) -> Decimal:
    text = _text(value)
    if not isinstance(value, bool):
        try:
            number = Decimal(text.replace(",", ".").replace(" ", ""))
        except InvalidOperation:
            number = None
        if number is not None and number.is_finite():
            return number
    raise CellError(
        _('"%(value)s" is not a number: write the years as a number, for example 2,5')
        % {"value": text}
    )


# Columns -------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """A column of an import file and how to read its cells."""

    field: str
    label: str | Promise
    hint: str | Promise
    parse: Callable[[Any], Any] = _text
    is_required: bool = False
    width: int = 22
    number_format: str = ""
    list_key: str = ""
    number_range: tuple[int, int] | None = None

    @property
    def header(self) -> str:
        """The header cell: required columns carry an asterisk."""
        return f"{self.label}*" if self.is_required else str(self.label)


ORGANIZATION_COLUMNS = (
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
        parse=_kind,
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

PEOPLE_COLUMNS = (
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
        parse=_date,
        width=16,
        number_format="DD.MM.YYYY",
    ),
    Column(
        "management_experience",
        pgettext_lazy("import column", "Management experience (years)"),
        gettext_lazy("Years, from 0 to 70, at most one decimal place: 2,5."),
        parse=_years,
        width=18,
        number_range=(0, 70),
    ),
    Column(
        "teaching_experience",
        pgettext_lazy("import column", "Teaching experience (years)"),
        gettext_lazy("Years, from 0 to 70, at most one decimal place: 2,5."),
        parse=_years,
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

RESERVE_COLUMNS = (
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
        parse=_date,
        is_required=True,
        width=18,
        number_format="DD.MM.YYYY",
    ),
    Column(
        "included_on",
        pgettext_lazy("import column", "Included in the reserve on"),
        gettext_lazy("Required. A date: DD.MM.YYYY, for example 01.09.2020."),
        parse=_date,
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
        parse=_date,
        width=18,
        number_format="DD.MM.YYYY",
    ),
)

COLUMNS = {
    ImportBatch.Kind.ORGANIZATIONS: ORGANIZATION_COLUMNS,
    ImportBatch.Kind.PEOPLE: PEOPLE_COLUMNS,
    ImportBatch.Kind.RESERVE: RESERVE_COLUMNS,
}


# Reading the file ----------------------------------------------------------------


def _not_excel() -> ValidationError:
    return ValidationError(
        _(
            "The file is not an Excel workbook (.xlsx). Save it in Excel as "
            '"Excel Workbook (*.xlsx)" and upload it again.'
        )
    )


def _open_workbook(file: IO[bytes], size: int):
    if size > settings.IMPORT_MAX_FILE_SIZE:
        raise ValidationError(
            _("The file is too large: %(size)s, the limit is %(limit)s.")
            % {
                "size": filesizeformat(size),
                "limit": filesizeformat(settings.IMPORT_MAX_FILE_SIZE),
            }
        )
    file.seek(0)
    signature = file.read(len(OLE_SIGNATURE))
    file.seek(0)
    if signature == OLE_SIGNATURE:
        raise ValidationError(
            _(
                "The file is in the old Excel 97-2003 format (.xls). Open it in "
                'Excel, save it as "Excel Workbook (*.xlsx)" and upload it again.'
            )
        )
    if not signature.startswith(ZIP_SIGNATURE):
        raise _not_excel()
    try:
        return load_workbook(file, read_only=True, data_only=True)
    except READ_ERRORS as e:
        raise _not_excel() from e


def _sheet_rows(workbook) -> Iterator[tuple[Any, ...]]:
    """The rows of the first sheet; a damaged sheet is reported as a bad file."""
    if not workbook.worksheets:
        return
    sheet = workbook.worksheets[0]
    # Other programs write wrong dimensions; without them openpyxl reads to the end.
    sheet.reset_dimensions()
    rows = sheet.iter_rows(values_only=True)
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except READ_ERRORS as e:
            raise _not_excel() from e
        yield row


def _header_key(value: Any) -> str:
    return normalize_search(_text(value)).rstrip("*").strip()


def _match_header(header: Sequence[Any], columns: Sequence[Column]) -> dict[str, int]:
    """The position of each known column; raises ValidationError naming the
    required columns that are missing."""
    wanted = {_header_key(column.label): column for column in columns}
    positions: dict[str, int] = {}
    for i, value in enumerate(header):
        column = wanted.get(_header_key(value)) if not _is_blank(value) else None
        if column is not None and column.field not in positions:
            positions[column.field] = i
    missing = [c for c in columns if c.is_required and c.field not in positions]
    if missing:
        raise ValidationError(
            _(
                "Required columns are missing: %(columns)s. Take the header row "
                "from the template."
            )
            % {"columns": ", ".join(f"«{c.label}»" for c in missing)}
        )
    return positions


def _read_sheet(
    workbook, columns: Sequence[Column]
) -> list[tuple[int, dict[str, Any]]]:
    """Non-empty data rows with their Excel row numbers, the header being the first
    non-empty row. Stops reading past IMPORT_MAX_ROWS so a huge file fails fast."""
    rows = enumerate(_sheet_rows(workbook), start=1)
    for _number, row in rows:
        if not all(_is_blank(value) for value in row):
            positions = _match_header(row, columns)
            break
    else:
        raise ValidationError(_("The first sheet of the file is empty."))
    limit = settings.IMPORT_MAX_ROWS
    data = []
    for number, row in rows:
        cells = {f: row[i] if i < len(row) else None for f, i in positions.items()}
        if all(_is_blank(value) for value in cells.values()):
            continue
        if len(data) == limit:
            raise ValidationError(
                _(
                    "The file has too many rows of data: at most %(limit)s are "
                    "allowed. Split it into several files."
                )
                % {"limit": formats.number_format(limit, force_grouping=True)}
            )
        data.append((number, cells))
    if not data:
        raise ValidationError(
            _("The file has no data: fill in the rows below the header row.")
        )
    return data


def parse_row(
    number: int, cells: dict[str, Any], columns: Sequence[Column]
) -> tuple[dict[str, Any], list[RowError]]:
    """Read the cells of the columns present in the file; blank optional cells are
    left out, so they change nothing."""
    values: dict[str, Any] = {}
    errors = []
    for column in columns:
        if column.field not in cells:
            continue
        raw = cells[column.field]
        if _is_blank(raw):
            if column.is_required:
                errors.append(
                    RowError(number, str(column.label), _("the cell is empty"))
                )
            continue
        try:
            values[column.field] = column.parse(raw)
        except CellError as e:
            errors.append(RowError(number, str(column.label), str(e)))
    return values, errors


def read_rows(
    *, file: IO[bytes], size: int, columns: Sequence[Column]
) -> list[tuple[int, dict[str, Any]]]:
    """The data rows of the first sheet, each with its Excel row number and its
    cells by field; raises ValidationError when the file cannot be used: too large,
    not .xlsx, empty, required columns missing, too many rows."""
    workbook = _open_workbook(file, size)
    try:
        return _read_sheet(workbook, columns)
    finally:
        workbook.close()

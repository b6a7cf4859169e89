"""The import file format: columns, reading an .xlsx and its cells into checked
values, and the errors of a row.

Nothing here touches the database or knows a kind: each of `imports.kinds` declares
its columns, and matches the values with records."""

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
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from core.models import normalize_search
from core.text import check_text

ZIP_SIGNATURE = b"PK\x03\x04"
# Rows between two reports of the rows read, checked or saved (the progress bar).
REPORT_EVERY = 500
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
# Excel's own limit of a cell's text.
MAX_CELL_LENGTH = 32767


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


def parse_text(value: Any) -> str:
    """Any cell as a single-spaced string; whole numbers lose Excel's «.0»."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    return " ".join(str(value).split())


def parse_date(value: Any) -> date:
    """An Excel date, or text as DD.MM.YYYY or YYYY-MM-DD; raises CellError."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = parse_text(value)
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


def parse_years(value: Any) -> Decimal:
    """A number of years, with a comma or a point; raises CellError."""
    text = parse_text(value)
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
    parse: Callable[[Any], Any] = parse_text
    is_required: bool = False
    width: int = 22
    number_format: str = ""
    list_key: str = ""
    number_range: tuple[int, int] | None = None

    @property
    def header(self) -> str:
        """The header cell: required columns carry an asterisk."""
        return f"{self.label}*" if self.is_required else str(self.label)


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
    _check_unpacked_size(file)
    try:
        return load_workbook(file, read_only=True, data_only=True)
    except READ_ERRORS as e:
        raise _not_excel() from e


def _check_unpacked_size(file: IO[bytes]) -> None:
    """Refuse a workbook that unpacks to more than IMPORT_MAX_UNPACKED_SIZE, before
    openpyxl reads it: a small file may hold a sheet of hundreds of megabytes (one
    huge cell compresses a thousandfold). zipfile never unpacks more than a
    member's declared size, so the sizes of the archive's directory are a bound."""
    try:
        with zipfile.ZipFile(file) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except READ_ERRORS as e:
        raise _not_excel() from e
    finally:
        file.seek(0)
    limit = settings.IMPORT_MAX_UNPACKED_SIZE
    if unpacked > limit:
        raise ValidationError(
            _(
                "The workbook is too large when unpacked: %(size)s, the limit is "
                "%(limit)s. Remove pictures and unneeded sheets, or split the "
                "rows into several files."
            )
            % {"size": filesizeformat(unpacked), "limit": filesizeformat(limit)}
        )


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
    return normalize_search(parse_text(value)).rstrip("*").strip()


# The header row may sit below a title or notes: looked for among the first
# non-empty rows of the sheet.
HEADER_SEARCH_ROWS = 10


def _match_header(
    header: Sequence[Any], columns: Sequence[Column]
) -> tuple[dict[str, int], list[Column]]:
    """The position of each known column, and the required columns missing."""
    wanted = {_header_key(column.label): column for column in columns}
    positions: dict[str, int] = {}
    for i, value in enumerate(header):
        column = wanted.get(_header_key(value)) if not _is_blank(value) else None
        if column is not None and column.field not in positions:
            positions[column.field] = i
    missing = [c for c in columns if c.is_required and c.field not in positions]
    return positions, missing


def _find_header(
    rows: Iterator[tuple[int, tuple[Any, ...]]], columns: Sequence[Column]
) -> dict[str, int]:
    """The positions of the columns in the header row: the first of the first
    non-empty rows that names every required column (title rows above it are
    skipped). Raises ValidationError naming the required columns that the closest
    row misses, or for an empty sheet."""
    closest: list[Column] | None = None
    candidates = 0
    for _number, row in rows:
        if all(_is_blank(value) for value in row):
            continue
        positions, missing = _match_header(row, columns)
        if not missing:
            return positions
        if closest is None or len(missing) < len(closest):
            closest = missing
        candidates += 1
        if candidates == HEADER_SEARCH_ROWS:
            break
    if closest is None:
        raise ValidationError(_("The first sheet of the file is empty."))
    raise ValidationError(
        _(
            "Required columns are missing: %(columns)s. Take the header row "
            "from the template."
        )
        % {"columns": ", ".join(f"«{c.label}»" for c in closest)}
    )


def _read_sheet(
    workbook, columns: Sequence[Column], on_rows: Callable[[int], None] | None = None
) -> list[tuple[int, dict[str, Any]]]:
    """Non-empty data rows below the header row (_find_header) with their Excel
    row numbers. Stops reading past IMPORT_MAX_ROWS so a huge file fails fast."""
    rows = enumerate(_sheet_rows(workbook), start=1)
    positions = _find_header(rows, columns)
    limit = settings.IMPORT_MAX_ROWS
    data: list[tuple[int, dict[str, Any]]] = []
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
        if on_rows is not None and len(data) % REPORT_EVERY == 0:
            on_rows(len(data))
    if not data:
        raise ValidationError(
            _("The file has no data: fill in the rows below the header row.")
        )
    return data


def _check_cell(value: Any) -> None:
    """Excel's limit of a cell's length, and no character that a text input
    refuses (line breaks are allowed: reading a cell joins its lines)."""
    if not isinstance(value, str):
        return
    if len(value) > MAX_CELL_LENGTH:
        raise CellError(
            _(
                "the text of the cell is longer than Excel allows: %(length)s "
                "characters, the limit is %(limit)s"
            )
            % {
                "length": formats.number_format(len(value), force_grouping=True),
                "limit": formats.number_format(MAX_CELL_LENGTH, force_grouping=True),
            }
        )
    try:
        check_text(value, multiline=True)
    except ValidationError as e:
        raise CellError(" ".join(e.messages)) from e


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
            _check_cell(raw)
            values[column.field] = column.parse(raw)
        except CellError as e:
            errors.append(RowError(number, str(column.label), str(e)))
    return values, errors


def read_rows(
    *,
    file: IO[bytes],
    size: int,
    columns: Sequence[Column],
    on_rows: Callable[[int], None] | None = None,
) -> list[tuple[int, dict[str, Any]]]:
    """The data rows of the first sheet, each with its Excel row number and its
    cells by field; raises ValidationError when the file cannot be used: too large,
    not .xlsx, empty, required columns missing, too many rows. `on_rows(n)` is
    told every REPORT_EVERY rows how many have been read."""
    workbook = _open_workbook(file, size)
    try:
        return _read_sheet(workbook, columns, on_rows)
    finally:
        workbook.close()

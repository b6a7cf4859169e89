"""Excel export of registry lists (openpyxl)."""

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from core.text import strip_forbidden

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

T = TypeVar("T")

# A text starting with one of these is a formula to Excel or LibreOffice when typed
# (OWASP's CSV injection list): it must stay text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


@dataclass(frozen=True)
class Column(Generic[T]):
    """A column of an export: its header and how a row gives its value."""

    header: "StrOrPromise"
    value: Callable[[T], Any]


def yes_no(value: bool) -> str:
    """«да» or «нет», as exports write a flag."""
    return gettext("yes") if value else gettext("no")


def noting(
    items: Iterable[T], ids: Callable[[T], Iterable[int]], into: list[int]
) -> Iterator[T]:
    """Yield the items as they come, adding ids(item) of each to `into`: an
    export learns whom it wrote out (the access log) without a second query."""
    for item in items:
        into.extend(ids(item))
        yield item


def put_value(cell: Cell, value: Any) -> Cell:
    """Write a value of user data into the cell. Text is always a text cell (never
    a formula, even when it starts with «=»), marked with Excel's quote prefix so
    that editing it keeps it text, and without the characters Excel cannot store.
    Every workbook the application writes puts user data through here."""
    if not isinstance(value, str):
        cell.value = value
        return cell
    cell.value = strip_forbidden(value)
    if cell.data_type != "s" or cell.value.startswith(FORMULA_STARTS):
        # openpyxl takes «=…» for a formula and «#N/A» for an error value.
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def text_cell(sheet: Worksheet, value: Any) -> Cell:
    """A new cell of the sheet holding the value as `put_value` writes it, for
    `sheet.append`."""
    # `append` moves the cell to its place.
    return put_value(Cell(sheet, row=1, column=1), value)


def build_workbook(
    title: str, headers: Sequence["StrOrPromise"], rows: Iterable[Sequence[Any]]
) -> bytes:
    """A one-sheet workbook: bold frozen header row, readable column widths."""
    wb = Workbook(write_only=False)
    ws = wb.active
    assert ws is not None  # a new workbook has one sheet, and it is the active one
    ws.title = title[:31]
    ws.append([text_cell(ws, str(h)) for h in headers])
    widths = [len(str(h)) for h in headers]
    for row in rows:
        values = []
        for i, value in enumerate(row):
            if isinstance(value, datetime):
                value = timezone.localtime(value).replace(tzinfo=None)
            widths[i] = max(widths[i], min(len(str(value or "")), 60))
            values.append(text_cell(ws, value))
        ws.append(values)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width + 2
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, date | datetime):
                cell.number_format = "DD.MM.YYYY"
    ws.freeze_panes = "A2"
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def export_workbook(
    title: str, columns: Sequence[Column[T]], rows: Iterable[T]
) -> bytes:
    """The rows as a one-sheet workbook, one column each: every list's export."""
    headers = [column.header for column in columns]
    values = ([column.value(row) for column in columns] for row in rows)
    return build_workbook(title, headers, values)


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response

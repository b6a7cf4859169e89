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
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

T = TypeVar("T")


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


def build_workbook(
    title: str, headers: Sequence["StrOrPromise"], rows: Iterable[Sequence[Any]]
) -> bytes:
    """A one-sheet workbook: bold frozen header row, readable column widths."""
    wb = Workbook(write_only=False)
    ws = wb.active
    assert ws is not None  # a new workbook has one sheet, and it is the active one
    ws.title = title[:31]
    ws.append([str(h) for h in headers])
    widths = [len(str(h)) for h in headers]
    for row in rows:
        values = []
        for i, value in enumerate(row):
            if isinstance(value, datetime):
                value = timezone.localtime(value).replace(tzinfo=None)
            values.append(value)
            widths[i] = max(widths[i], min(len(str(value or "")), 60))
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

"""The downloadable import template: a pure renderer from plain data to .xlsx bytes."""

from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from core.excel import put_value

HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")


@dataclass(frozen=True)
class TemplateColumn:
    """One column of the data sheet, with what Excel should enforce in it."""

    header: str
    hint: str
    is_required: bool
    width: int
    number_format: str = ""
    list_key: str = ""  # the key of a TemplateList: the cell must be one of its items
    number_range: tuple[int, int] | None = None  # a decimal between the two


@dataclass(frozen=True)
class TemplateList:
    """Allowed values of a column, written on the sheet of lists."""

    key: str
    title: str
    items: Sequence[str]


@dataclass(frozen=True)
class TemplateText:
    """The words of the template, already translated."""

    author: str
    data_title: str
    instructions_title: str
    lists_title: str
    instructions: Sequence[str]
    column_table_header: Sequence[str]  # column, required, description
    yes: str
    no: str
    error_title: str
    list_error: str
    number_error: str


def template_text(
    *, data_title: str, rows_rule: str, empty_cell_rules: Sequence[str]
) -> TemplateText:
    """The translated words of a template: those every kind shares, with the kind's
    title, how its rows find their records and its own rules for empty cells."""
    return TemplateText(
        author=_("Mentor"),
        data_title=data_title,
        instructions_title=_("How to fill in"),
        lists_title=_("Lists"),
        instructions=[
            _(
                "Fill in the first sheet from row 2 on and do not change its "
                "header row."
            ),
            rows_rule,
            _("Columns marked with * are required."),
            _("An empty cell of an optional column leaves the current value as it is."),
            *empty_cell_rules,
            _("Dates: DD.MM.YYYY, for example 01.09.2020, or an Excel date."),
            _(
                "Before saving you will see what will be added and what will be changed."
            ),
            _("If at least one row has an error, nothing is saved."),
        ],
        column_table_header=[_("Column"), _("Required"), _("What to write")],
        yes=_("yes"),
        no=_("no"),
        error_title=_("Wrong value"),
        list_error=_("Choose a value from the list."),
        number_error=_("Write a number from 0 to 70."),
    )


def render_template(
    *,
    columns: Sequence[TemplateColumn],
    lists: Sequence[TemplateList],
    text: TemplateText,
    max_rows: int,
) -> bytes:
    """A workbook whose first sheet is the empty data sheet with its header row,
    then a sheet of instructions and a sheet of the allowed values."""
    wb = Workbook()
    data = wb.active
    assert data is not None  # a new workbook has one sheet, and it is the active one
    data.title = text.data_title[:31]
    instructions = wb.create_sheet(text.instructions_title[:31])
    values = wb.create_sheet(text.lists_title[:31])

    list_ranges = _write_lists(values, lists)
    last_row = max_rows + 1
    for i, column in enumerate(columns, start=1):
        letter = get_column_letter(i)
        cell = data.cell(row=1, column=i, value=column.header)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if column.hint:
            cell.comment = Comment(column.hint, text.author, width=300, height=120)
        dimension = data.column_dimensions[letter]
        if column.number_format:
            dimension.number_format = column.number_format
        dimension.width = column.width
        cells = f"{letter}2:{letter}{last_row}"
        if column.list_key in list_ranges:
            rule = DataValidation(
                type="list",
                formula1=list_ranges[column.list_key],
                allow_blank=True,
                showErrorMessage=True,
                errorTitle=text.error_title,
                error=text.list_error,
            )
        elif column.number_range:
            low, high = column.number_range
            rule = DataValidation(
                type="decimal",
                operator="between",
                formula1=str(low),
                formula2=str(high),
                allow_blank=True,
                showErrorMessage=True,
                errorTitle=text.error_title,
                error=text.number_error,
            )
        else:
            continue
        rule.add(cells)
        data.add_data_validation(rule)
    data.freeze_panes = "A2"
    data.row_dimensions[1].height = 32

    _write_instructions(instructions, columns, text)
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _write_lists(sheet, lists: Sequence[TemplateList]) -> dict[str, str]:
    """One column per list, title in row 1; returns the range formula of each key."""
    ranges = {}
    for i, values in enumerate(lists, start=1):
        letter = get_column_letter(i)
        sheet.cell(row=1, column=i, value=values.title).font = Font(bold=True)
        for row, item in enumerate(values.items, start=2):
            put_value(sheet.cell(row=row, column=i), item)
        widths = [len(values.title), *(len(item) for item in values.items)]
        sheet.column_dimensions[letter].width = min(max(widths) + 2, 80)
        if values.items:
            title = quote_sheetname(sheet.title)
            last = len(values.items) + 1
            ranges[values.key] = f"{title}!${letter}$2:${letter}${last}"
    return ranges


def _write_instructions(
    sheet, columns: Sequence[TemplateColumn], text: TemplateText
) -> None:
    sheet.column_dimensions["A"].width = 36
    sheet.column_dimensions["B"].width = 14
    sheet.column_dimensions["C"].width = 90
    sheet.append([text.instructions_title])
    sheet["A1"].font = Font(bold=True, size=13)
    for line in text.instructions:
        sheet.append([line])
    sheet.append([])
    sheet.append(list(text.column_table_header))
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    for column in columns:
        sheet.append(
            [
                column.header,
                text.yes if column.is_required else text.no,
                column.hint,
            ]
        )
        sheet.cell(row=sheet.max_row, column=3).alignment = Alignment(wrap_text=True)

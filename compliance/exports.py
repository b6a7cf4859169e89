"""The compliance table as an Excel workbook: one row per reservist, a column
per obligation with its status and date, coloured by status, ready to print."""

from collections.abc import Iterable
from datetime import date
from io import BytesIO

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties

from compliance.queries import Row
from compliance.rules import RULES, Status
from core.excel import text_cell

FILLS = {
    Status.MET: PatternFill("solid", fgColor="D9EAD3"),
    Status.NOT_DUE: PatternFill("solid", fgColor="F3F3F3"),
    Status.OVERDUE: PatternFill("solid", fgColor="F4CCCC"),
}
THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
FIXED = 4  # the reservist, organisation, target position and mentor columns


def cell_text(status: str, due_on: date | None) -> str:
    """«просрочено, срок 01.10.2026»; the status alone without a date."""
    label = str(Status(status).label)
    if due_on is None:
        return label
    return _("%(status)s, due %(date)s") % {
        "status": label,
        "date": date_format(due_on, "SHORT_DATE_FORMAT"),
    }


def compliance_workbook(rows: Iterable[Row], today: date) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None  # a new workbook has one sheet, and it is the active one
    ws.title = _("Compliance")[:31]
    ws.append(
        [
            text_cell(
                ws,
                _("Compliance with the regulation on %(date)s")
                % {"date": date_format(today, "SHORT_DATE_FORMAT")},
            )
        ]
    )
    ws["A1"].font = Font(bold=True, size=13)
    headers = [
        _("Reservist"),
        _("Organisation"),
        _("Target position"),
        _("Mentor"),
        *(f"{rule.clause}. {rule.title}" for rule in RULES),
    ]
    ws.append([text_cell(ws, str(h)) for h in headers])
    for row in rows:
        entry = row.entry
        mentorship = row.mentor
        values = [
            entry.person.full_name,
            entry.person.organization.short_name,
            entry.target_position.name,
            mentorship.mentor.full_name if mentorship else "",
            *(cell_text(c.status, c.due_on) for c in row.cells),
        ]
        ws.append([text_cell(ws, v) for v in values])
        for i, c in enumerate(row.cells, start=FIXED + 1):
            ws.cell(row=ws.max_row, column=i).fill = FILLS[Status(c.status)]
    for cell in ws[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for n, line in enumerate(ws.iter_rows(min_row=2), start=2):
        for cell in line:
            cell.border = BORDER
            if n > 2:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    widths = [32, 22, 22, 28, *([16] * len(RULES))]
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "B3"
    ws.print_title_rows = "2:2"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()

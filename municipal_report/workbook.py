"""The municipality's report as an Excel workbook, laid out for print.

A summary sheet first, then one sheet per subject (the reserve, mentors, plans,
events, internships, checks of legal acts, attestation, appointments). Every
sheet has the report's title with the municipality and the period above a header
row that repeats on each printed page and stays frozen on screen, borders, column
widths, number formats, A4 fitted to the page's width (landscape where wide) and
a footer with the page's number. User data goes through `core.excel.put_value`
(never a formula)."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from io import BytesIO
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from attestation.models import Attestation
from core.excel import put_value
from events.models import Involvement
from internships.models import Internship
from legal_acts.models import LegalAct
from municipal_report import queries
from municipal_report.period import Period
from municipal_report.queries import full_name
from organizations.models import Municipality
from plans.models import IndividualPlan
from studies.models import StudyAssignment

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

TEXT, DATE, DATETIME, INT, DECIMAL, PERCENT = (
    "text",
    "date",
    "datetime",
    "int",
    "decimal",
    "percent",
)
NUMBER_FORMATS = {
    DECIMAL: "0.0",
    DATE: "DD.MM.YYYY",
    DATETIME: "DD.MM.YYYY HH:MM",
    INT: "0",
    PERCENT: "0.0%",
}
HEADER_ROW = 4  # title, municipality and period, a blank row, the header
THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
# Sheets whose columns add up to more than this many characters print landscape.
PORTRAIT_WIDTH = 95
FONT = "Arial"  # LibreOffice draws it with the metric-compatible Liberation Sans
CELL_FONT = Font(name=FONT, size=10)
HEADER_FONT = Font(name=FONT, bold=True, size=10)
TOTAL_FONT = Font(name=FONT, bold=True, size=10)
LINE_HEIGHT = 13  # points, of a line of 10-point text


def style_name(kind: str) -> str:
    return f"report {kind}"


def add_cell_styles(wb: Workbook) -> None:
    """A named style per kind of column: font, border, wrapping and number
    format set once for the workbook, not on each of a region's many cells
    (openpyxl hashes every style it is given: 20 times slower)."""
    for kind in (TEXT, DATE, DATETIME, INT, DECIMAL, PERCENT):
        wb.add_named_style(
            NamedStyle(
                name=style_name(kind),
                font=CELL_FONT,
                border=BORDER,
                alignment=WRAP_TOP,
                number_format=NUMBER_FORMATS.get(kind, "General"),
            )
        )


def _cell(cell: Cell | MergedCell) -> Cell:
    """A cell to write: never one hidden by a merge (only a merge's first cell
    is written, before the merge)."""
    assert isinstance(cell, Cell)
    return cell


def lines_needed(value: Any, width: float) -> int:
    """How many lines a text wrapped at word boundaries takes in a column
    `width` characters wide: neither Excel nor LibreOffice fits a row's height
    to wrapped text when it opens a file, so the rows get their height here."""
    if not isinstance(value, str) or not value:
        return 1
    per_line = max(1, int(width * 1.2))
    lines = 0
    for paragraph in value.split("\n"):
        lines += 1
        used = 0
        for word in paragraph.split():
            size = len(word)
            if used and used + 1 + size <= per_line:
                used += 1 + size
                continue
            if used:
                lines += 1
            lines += (size - 1) // per_line  # a word longer than the line
            used = size - (size - 1) // per_line * per_line
    return lines


def fit_height(ws: Worksheet, row: int, texts: Iterable[tuple[Any, float]]) -> None:
    """Give the row the height of its tallest wrapped cell."""
    lines = max((lines_needed(value, width) for value, width in texts), default=1)
    if lines > 1:
        ws.row_dimensions[row].height = lines * LINE_HEIGHT + 2


@dataclass(frozen=True)
class Col:
    """A column: its header, width in characters and the kind of its values."""

    header: "StrOrPromise"
    width: int
    kind: str = TEXT


@dataclass
class Sheet:
    """A sheet being written: title rows, the header, then rows appended."""

    ws: Worksheet
    columns: list[Col]
    rows: int = 0
    totals: dict[str, int] = field(default_factory=dict)

    def append(self, values: Iterable[Any]) -> None:
        row = HEADER_ROW + 1 + self.rows
        for i, (col, value) in enumerate(zip(self.columns, values, strict=True), 1):
            cell = _cell(self.ws.cell(row=row, column=i))
            if isinstance(value, datetime):
                value = timezone.localtime(value).replace(tzinfo=None)
            put_value(cell, value)
            cell.style = style_name(col.kind)
        fit_height(
            self.ws,
            row,
            (
                (self.ws.cell(row=row, column=i).value, c.width)
                for i, c in enumerate(self.columns, 1)
            ),
        )
        self.rows += 1

    def total(self, label: str, values: dict[int, Any]) -> None:
        """A bold «Итого» row under the rows (its label in the second column, the
        first is the row's number): `values` by column number (from 1)."""
        row = HEADER_ROW + 1 + self.rows
        for i, col in enumerate(self.columns, 1):
            cell = _cell(self.ws.cell(row=row, column=i))
            put_value(cell, label if i == 2 else values.get(i))
            cell.font = TOTAL_FONT
            cell.fill = TOTAL_FILL
            cell.border = BORDER
            cell.alignment = WRAP_TOP
            if col.kind in NUMBER_FORMATS:
                cell.number_format = NUMBER_FORMATS[col.kind]

    def finish(self) -> None:
        """Say so when the period has no rows for the sheet."""
        if self.rows:
            return
        row = HEADER_ROW + 1
        put_value(
            _cell(self.ws.cell(row=row, column=1)),
            pgettext("municipal report", "No data for the period."),
        )
        self.ws.cell(row=row, column=1).font = Font(name=FONT, italic=True, size=10)
        self.ws.merge_cells(
            start_row=row, start_column=1, end_row=row, end_column=len(self.columns)
        )


def period_text(period: Period) -> str:
    return pgettext("municipal report", "for the period from %(start)s to %(end)s") % {
        "start": date_format(period.start, "d.m.Y"),
        "end": date_format(period.end, "d.m.Y"),
    }


def _setup(
    wb: Workbook,
    name: str,
    heading: str,
    columns: list[Col],
    municipality: Municipality,
    period: Period,
) -> Sheet:
    """A new sheet with the titles, the header row and the print settings."""
    ws = wb.create_sheet(name[:31])
    last = get_column_letter(len(columns))
    put_value(_cell(ws["A1"]), heading)
    ws["A1"].font = Font(name=FONT, bold=True, size=14)
    put_value(_cell(ws["A2"]), f"{municipality.name}, {period_text(period)}")
    ws["A2"].font = Font(name=FONT, size=11)
    for row in (1, 2):
        ws.merge_cells(f"A{row}:{last}{row}")
        ws[f"A{row}"].alignment = Alignment(wrap_text=True, vertical="center")
    ws.row_dimensions[1].height = 24
    for i, col in enumerate(columns, 1):
        cell = _cell(ws.cell(row=HEADER_ROW, column=i))
        put_value(cell, str(col.header))
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.border = BORDER
        cell.alignment = Alignment(
            wrap_text=True, vertical="center", horizontal="center"
        )
        ws.column_dimensions[get_column_letter(i)].width = col.width
    # Bold text is wider: a header line holds fewer characters.
    fit_height(ws, HEADER_ROW, ((str(c.header), c.width * 0.85) for c in columns))
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=1)
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    _print_setup(ws, landscape=sum(c.width for c in columns) > PORTRAIT_WIDTH)
    return Sheet(ws, columns)


def _print_setup(ws: Worksheet, *, landscape: bool) -> None:
    """A4, fitted to the page's width, any number of pages down, and a footer
    with the page's number of the sheet's pages."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_margins = PageMargins(left=0.6, right=0.4, top=0.6, bottom=0.7, footer=0.3)
    ws.print_options.horizontalCentered = True
    footer = ws.oddFooter
    assert footer is not None  # openpyxl gives every sheet one
    footer.left.text = ws.title
    footer.left.size = 8
    footer.right.text = pgettext("municipal report", "Page &P of &N")
    footer.right.size = 8


def _choices(choices: Iterable[tuple[str, Any]]) -> dict[str, str]:
    return {value: str(label) for value, label in choices}


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


# ---------------------------------------------------------------- the summary


@dataclass
class Summary:
    """The figures of the summary sheet, gathered while the sheets are written."""

    sections: list[tuple[str, list[tuple[str, Any, str]]]] = field(default_factory=list)

    def add(self, section: str, figures: list[tuple[str, Any, str]]) -> None:
        self.sections.append((section, figures))


def _write_summary(
    ws: Worksheet,
    summary: Summary,
    municipality: Municipality,
    period: Period,
    today: date,
) -> None:
    columns = [
        Col(pgettext("municipal report", "Indicator"), 62),
        Col(pgettext("municipal report", "Value"), 14, INT),
    ]
    put_value(
        _cell(ws["A1"]),
        pgettext(
            "municipal report", "Report on the mentoring of the management reserve"
        ),
    )
    ws["A1"].font = Font(name=FONT, bold=True, size=14)
    put_value(_cell(ws["A2"]), municipality.authority_name or municipality.name)
    put_value(_cell(ws["A3"]), f"{municipality.name}, {period_text(period)}")
    for row in (1, 2, 3):
        ws.merge_cells(f"A{row}:B{row}")
        ws[f"A{row}"].alignment = Alignment(wrap_text=True, vertical="center")
    ws.row_dimensions[1].height = 36
    ws.row_dimensions[2].height = 30
    row = 5
    for i, col in enumerate(columns, 1):
        cell = _cell(ws.cell(row=row, column=i))
        put_value(cell, str(col.header))
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.border = BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center")
        ws.column_dimensions[get_column_letter(i)].width = col.width
    for section, figures in summary.sections:
        row += 1
        cell = _cell(ws.cell(row=row, column=1))
        put_value(cell, section)
        cell.font = HEADER_FONT
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        for c in (1, 2):
            ws.cell(row=row, column=c).border = BORDER
            ws.cell(row=row, column=c).fill = TOTAL_FILL
        for label, value, kind in figures:
            row += 1
            put_value(_cell(ws.cell(row=row, column=1)), label)
            ws.cell(row=row, column=1).alignment = Alignment(
                wrap_text=True, vertical="top", indent=1
            )
            value_cell = ws.cell(row=row, column=2)
            put_value(_cell(value_cell), "—" if value is None else value)
            value_cell.number_format = NUMBER_FORMATS[kind]
            value_cell.alignment = Alignment(horizontal="right", vertical="top")
            for c in (1, 2):
                ws.cell(row=row, column=c).border = BORDER
    row += 2
    put_value(
        _cell(ws.cell(row=row, column=1)),
        pgettext(
            "municipal report",
            "Drawn up on %(date)s. Items overdue are counted on that day.",
        )
        % {"date": date_format(today, "d.m.Y")},
    )
    ws.cell(row=row, column=1).font = Font(name=FONT, italic=True, size=9)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
    ws.freeze_panes = "A6"
    ws.print_title_rows = "5:5"
    _print_setup(ws, landscape=False)


# ---------------------------------------------------------------- the sheets


Ctx = tuple[Workbook, Municipality, Period, Summary, list[int]]


def _reserve(ctx: Ctx) -> None:
    wb, municipality, period, summary, people = ctx
    figures = queries.reserve_figures(municipality, period)
    sheet = _setup(
        wb,
        pgettext("municipal report", "Reserve"),
        pgettext("municipal report", "The management reserve"),
        [
            Col(pgettext("municipal report", "No."), 5, INT),
            Col(pgettext("municipal report", "Surname, first name, patronymic"), 24),
            Col(pgettext("municipal report", "Organisation"), 18),
            Col(pgettext("municipal report", "Position"), 20),
            Col(pgettext("municipal report", "Target position"), 22),
            Col(pgettext("municipal report", "Basis document"), 13),
            Col(pgettext("municipal report", "Included on"), 11, DATE),
            Col(pgettext("municipal report", "In the reserve until"), 11, DATE),
            Col(pgettext("municipal report", "At the end of the period"), 11),
            Col(pgettext("municipal report", "Appointed or excluded on"), 12, DATE),
            Col(
                pgettext("municipal report", "Position taken or reason for exclusion"),
                28,
            ),
        ],
        municipality,
        period,
    )
    for row in queries.reserve_rows(municipality, period):
        people.append(row["person_id"])
        appointed = row["appointed_on"] and row["appointed_on"] <= period.end
        excluded = row["excluded_on"] and row["excluded_on"] <= period.end
        if appointed:
            state, day, note = (
                pgettext("municipal report", "appointed"),
                row["appointed_on"],
                row["appointed_position"],
            )
        elif excluded:
            state, day, note = (
                pgettext("municipal report", "excluded"),
                row["excluded_on"],
                row["exclusion_reason"],
            )
        else:
            state, day, note = pgettext("municipal report", "in the reserve"), None, ""
        basis = pgettext("municipal report", "No. %(number)s of %(date)s") % {
            "number": row["basis_number"],
            "date": date_format(row["basis_date"], "d.m.Y"),
        }
        sheet.append(
            [
                sheet.rows + 1,
                full_name(row, "person__"),
                row["person__organization__short_name"],
                row["person__position__name"],
                row["target_position__name"],
                basis,
                row["included_on"],
                row["term_until"],
                state,
                day,
                note,
            ]
        )
    sheet.finish()
    summary.add(
        pgettext("municipal report", "The management reserve"),
        [
            (
                pgettext(
                    "municipal report", "In the reserve at the start of the period"
                ),
                figures["at_start"],
                INT,
            ),
            (
                pgettext("municipal report", "Included during the period"),
                figures["included"],
                INT,
            ),
            (
                pgettext(
                    "municipal report", "Appointed to a position during the period"
                ),
                figures["appointed"],
                INT,
            ),
            (
                pgettext("municipal report", "Excluded during the period"),
                figures["excluded"],
                INT,
            ),
            (
                pgettext("municipal report", "In the reserve at the end of the period"),
                figures["at_end"],
                INT,
            ),
        ],
    )


def _mentors(ctx: Ctx) -> None:
    wb, municipality, period, summary, people = ctx
    limit = municipality.mentor_max_load
    sheet = _setup(
        wb,
        pgettext("municipal report", "Mentors"),
        pgettext("municipal report", "Mentors and their load"),
        [
            Col(pgettext("municipal report", "No."), 5, INT),
            Col(pgettext("municipal report", "Surname, first name, patronymic"), 24),
            Col(pgettext("municipal report", "Organisation"), 18),
            Col(pgettext("municipal report", "Position"), 24),
            Col(
                pgettext("municipal report", "Reservists guided during the period"),
                14,
                INT,
            ),
            Col(
                pgettext("municipal report", "Reservists at the end of the period"),
                14,
                INT,
            ),
            Col(pgettext("municipal report", "Load limit"), 10, INT),
            Col(
                pgettext("municipal report", "Load at the end, share of the limit"),
                12,
                PERCENT,
            ),
        ],
        municipality,
        period,
    )
    guided = at_end = full = active = 0
    for row in queries.mentor_rows(municipality, period):
        people.append(row["mentor_id"])
        guided += row["guided"]
        at_end += row["at_end"]
        active += row["at_end"] > 0
        full += row["at_end"] >= limit
        sheet.append(
            [
                sheet.rows + 1,
                full_name(row, "mentor__"),
                row["mentor__organization__short_name"],
                row["mentor__position__name"],
                row["guided"],
                row["at_end"],
                limit,
                _share(row["at_end"], limit),
            ]
        )
    if sheet.rows:
        sheet.total(pgettext("municipal report", "Total"), {5: guided, 6: at_end})
    sheet.finish()
    summary.add(
        pgettext("municipal report", "Mentors"),
        [
            (
                pgettext(
                    "municipal report",
                    "Mentors who guided reservists during the period",
                ),
                sheet.rows,
                INT,
            ),
            (
                pgettext(
                    "municipal report",
                    "Mentors guiding reservists at the end of the period",
                ),
                active,
                INT,
            ),
            (
                pgettext(
                    "municipal report",
                    "Mentors at the load limit at the end of the period",
                ),
                full,
                INT,
            ),
            (
                pgettext(
                    "municipal report",
                    "Average load at the end of the period, reservists per mentor",
                ),
                round(at_end / active, 1) if active else None,
                DECIMAL,
            ),
        ],
    )


def _plans(ctx: Ctx, today: date) -> None:
    wb, municipality, period, summary, people = ctx
    statuses = _choices(IndividualPlan.Status.choices)
    sheet = _setup(
        wb,
        pgettext("municipal report", "Plans"),
        pgettext("municipal report", "Individual plans and their completion"),
        [
            Col(pgettext("municipal report", "No."), 5, INT),
            Col(pgettext("municipal report", "Reservist"), 24),
            Col(pgettext("municipal report", "Mentor"), 24),
            Col(pgettext("municipal report", "Plan from"), 11, DATE),
            Col(pgettext("municipal report", "Plan until"), 11, DATE),
            Col(pgettext("municipal report", "Status"), 14),
            Col(pgettext("municipal report", "Items due in the period"), 11, INT),
            Col(pgettext("municipal report", "Done on time"), 10, INT),
            Col(pgettext("municipal report", "Done late"), 10, INT),
            Col(pgettext("municipal report", "Not done"), 10, INT),
            Col(pgettext("municipal report", "Overdue"), 10, INT),
            Col(pgettext("municipal report", "Not due yet"), 10, INT),
            Col(pgettext("municipal report", "Done on time, share"), 10, PERCENT),
        ],
        municipality,
        period,
    )
    totals = dict.fromkeys(queries.PLAN_ITEM_COUNTS, 0)
    approved = 0
    for row in queries.plan_rows(municipality, period, today):
        people.append(row["reserve_entry__person_id"])
        for key in totals:
            totals[key] += row[key]
        approved += row["approved_at"] is not None
        sheet.append(
            [
                sheet.rows + 1,
                full_name(row, "reserve_entry__person__"),
                full_name(row, "mentor__"),
                row["period_start"],
                row["period_end"],
                statuses.get(row["status"], row["status"]),
                *(row[key] for key in queries.PLAN_ITEM_COUNTS),
                _share(row["on_time"], row["total"]),
            ]
        )
    if sheet.rows:
        sheet.total(
            pgettext("municipal report", "Total"),
            {
                **{7 + i: totals[k] for i, k in enumerate(queries.PLAN_ITEM_COUNTS)},
                13: _share(totals["on_time"], totals["total"]),
            },
        )
    sheet.finish()
    summary.add(
        pgettext("municipal report", "Individual plans"),
        [
            (
                pgettext("municipal report", "Plans in force during the period"),
                sheet.rows,
                INT,
            ),
            (pgettext("municipal report", "Of them approved"), approved, INT),
            (
                pgettext("municipal report", "Plan items due in the period"),
                totals["total"],
                INT,
            ),
            (pgettext("municipal report", "Done on time"), totals["on_time"], INT),
            (pgettext("municipal report", "Done late"), totals["late"], INT),
            (pgettext("municipal report", "Not done"), totals["not_done"], INT),
            (pgettext("municipal report", "Overdue"), totals["overdue"], INT),
            (pgettext("municipal report", "Not due yet"), totals["open"], INT),
            (
                pgettext("municipal report", "Share of items done on time"),
                _share(totals["on_time"], totals["total"]),
                PERCENT,
            ),
        ],
    )


def _events(ctx: Ctx) -> None:
    wb, municipality, period, summary, _people = ctx
    degrees = _choices(Involvement.Degree.choices)
    counts = ("invited", "accepted", "declined", "attended", "absent")
    degree_keys = [f"degree_{d}" for d in queries.DEGREES]
    sheet = _setup(
        wb,
        pgettext("municipal report", "Events"),
        pgettext("municipal report", "Events and the reservists' participation"),
        [
            Col(pgettext("municipal report", "No."), 5, INT),
            Col(pgettext("municipal report", "Starts"), 15, DATETIME),
            Col(pgettext("municipal report", "Event"), 30),
            Col(pgettext("municipal report", "Kind"), 16),
            Col(pgettext("municipal report", "Organiser"), 18),
            Col(pgettext("municipal report", "Invited"), 11, INT),
            Col(pgettext("municipal report", "Accepted"), 12, INT),
            Col(pgettext("municipal report", "Declined"), 11, INT),
            Col(pgettext("municipal report", "Attended"), 13, INT),
            Col(pgettext("municipal report", "Absent"), 13, INT),
            *(
                Col(
                    pgettext("municipal report", "Attended as: %(degree)s")
                    % {"degree": degrees[d]},
                    12,
                    INT,
                )
                for d in queries.DEGREES
            ),
        ],
        municipality,
        period,
    )
    totals = dict.fromkeys([*counts, *degree_keys], 0)
    for row in queries.event_rows(municipality, period):
        for key in totals:
            totals[key] += row[key]
        sheet.append(
            [
                sheet.rows + 1,
                row["starts_at"],
                row["title"],
                row["kind__name"],
                row["organization__short_name"]
                or pgettext("municipal report", "education authority"),
                *(row[key] for key in counts),
                *(row[key] for key in degree_keys),
            ]
        )
    if sheet.rows:
        sheet.total(
            pgettext("municipal report", "Total"),
            {6 + i: totals[k] for i, k in enumerate(totals)},
        )
    sheet.finish()
    summary.add(
        pgettext("municipal report", "Events"),
        [
            (
                pgettext("municipal report", "Events held during the period"),
                sheet.rows,
                INT,
            ),
            (
                pgettext("municipal report", "Invitations of reservists"),
                totals["invited"],
                INT,
            ),
            (
                pgettext("municipal report", "Reservists' attendances"),
                totals["attended"],
                INT,
            ),
            (
                pgettext("municipal report", "Attended as speakers or organisers"),
                totals["degree_speaker"] + totals["degree_organizer"],
                INT,
            ),
        ],
    )


def _internships(ctx: Ctx) -> None:
    wb, municipality, period, summary, people = ctx
    statuses = _choices(Internship.Status.choices)
    assessments = _choices(Internship.Assessment.choices)
    sheet = _setup(
        wb,
        pgettext("municipal report", "Internships"),
        pgettext("municipal report", "Internships"),
        [
            Col(pgettext("municipal report", "No."), 5, INT),
            Col(pgettext("municipal report", "Reservist"), 24),
            Col(pgettext("municipal report", "Mentor"), 24),
            Col(pgettext("municipal report", "Form of internship"), 20),
            Col(pgettext("municipal report", "Host organisation"), 18),
            Col(pgettext("municipal report", "Supervisor"), 24),
            Col(pgettext("municipal report", "From"), 11, DATE),
            Col(pgettext("municipal report", "To"), 11, DATE),
            Col(pgettext("municipal report", "Status"), 14),
            Col(pgettext("municipal report", "Assessment"), 16),
        ],
        municipality,
        period,
    )
    completed = 0
    for row in queries.internship_rows(municipality, period):
        people.append(row["reserve_entry__person_id"])
        completed += row["status"] == Internship.Status.COMPLETED
        sheet.append(
            [
                sheet.rows + 1,
                full_name(row, "reserve_entry__person__"),
                full_name(row, "mentor__"),
                row["form__name"],
                row["host_organization__short_name"],
                full_name(row, "supervisor__"),
                row["starts_on"],
                row["ends_on"],
                statuses.get(row["status"], row["status"]),
                assessments.get(row["assessment"], ""),
            ]
        )
    sheet.finish()
    summary.add(
        pgettext("municipal report", "Internships"),
        [
            (
                pgettext("municipal report", "Internships during the period"),
                sheet.rows,
                INT,
            ),
            (pgettext("municipal report", "Of them completed"), completed, INT),
        ],
    )


def _act_name(row: dict[str, Any], kinds: dict[str, str]) -> str:
    """«федеральный закон от 29.12.2012 № 273-ФЗ „…“»."""
    text = kinds.get(row["act__kind"], "")
    text += " " + pgettext("municipal report", "of %(date)s") % {
        "date": date_format(row["act__adopted_on"], "d.m.Y")
    }
    if row["act__number"]:
        text += f" № {row['act__number']}"
    return f"{text} «{row['act__title']}»".strip()


def _checks(ctx: Ctx) -> None:
    wb, municipality, period, summary, people = ctx
    kinds = _choices(LegalAct.Kind.choices)
    statuses = _choices(StudyAssignment.Status.choices)
    methods = _choices(StudyAssignment.CheckMethod.choices)
    sheet = _setup(
        wb,
        pgettext("municipal report", "Legal acts"),
        pgettext("municipal report", "Checks of the knowledge of legal acts"),
        [
            Col(pgettext("municipal report", "No."), 5, INT),
            Col(pgettext("municipal report", "Reservist"), 24),
            Col(pgettext("municipal report", "Mentor"), 24),
            Col(pgettext("municipal report", "Legal act"), 48),
            Col(pgettext("municipal report", "Articles"), 12),
            Col(pgettext("municipal report", "Check"), 12),
            Col(pgettext("municipal report", "Deadline"), 11, DATE),
            Col(pgettext("municipal report", "Status"), 18),
            Col(pgettext("municipal report", "Checked on"), 11, DATE),
        ],
        municipality,
        period,
    )
    by_status = dict.fromkeys(StudyAssignment.Status.values, 0)
    for row in queries.check_rows(municipality, period):
        people.append(row["mentorship__reserve_entry__person_id"])
        by_status[row["status"]] += 1
        checked = row["checked_at"]
        sheet.append(
            [
                sheet.rows + 1,
                full_name(row, "mentorship__reserve_entry__person__"),
                full_name(row, "mentorship__mentor__"),
                _act_name(row, kinds),
                row["articles"],
                methods.get(row["check_method"], row["check_method"]),
                row["due_on"],
                statuses.get(row["status"], row["status"]),
                timezone.localdate(checked) if checked else None,
            ]
        )
    sheet.finish()
    S = StudyAssignment.Status
    summary.add(
        pgettext("municipal report", "Checks of the knowledge of legal acts"),
        [
            (
                pgettext(
                    "municipal report", "Assignments due or checked during the period"
                ),
                sheet.rows,
                INT,
            ),
            (pgettext("municipal report", "Check passed"), by_status[S.PASSED], INT),
            (pgettext("municipal report", "Check failed"), by_status[S.FAILED], INT),
            (
                pgettext("municipal report", "Re-check required"),
                by_status[S.RECHECK],
                INT,
            ),
            (
                pgettext("municipal report", "Not checked yet"),
                by_status[S.ASSIGNED] + by_status[S.STUDIED],
                INT,
            ),
        ],
    )


def _attestation(ctx: Ctx) -> None:
    wb, municipality, period, summary, people = ctx
    statuses = _choices(Attestation.Status.choices)
    decisions = _choices(Attestation.Decision.choices)
    sheet = _setup(
        wb,
        pgettext("municipal report", "Attestation"),
        pgettext("municipal report", "Results of the attestation"),
        [
            Col(pgettext("municipal report", "No."), 5, INT),
            Col(pgettext("municipal report", "Session"), 11, DATE),
            Col(pgettext("municipal report", "Minutes No."), 10),
            Col(pgettext("municipal report", "Reservist"), 24),
            Col(pgettext("municipal report", "Target position"), 22),
            Col(pgettext("municipal report", "Mentor"), 24),
            Col(pgettext("municipal report", "Status"), 14),
            Col(pgettext("municipal report", "Decision"), 24),
            Col(pgettext("municipal report", "Votes for"), 9, INT),
            Col(pgettext("municipal report", "Votes against"), 9, INT),
            Col(pgettext("municipal report", "New term or reason for exclusion"), 24),
        ],
        municipality,
        period,
    )
    by_decision = dict.fromkeys(["", *Attestation.Decision.values], 0)
    for row in queries.attestation_rows(municipality, period):
        people.append(row["reserve_entry__person_id"])
        by_decision[row["decision"]] += 1
        if row["new_term_until"]:
            note = pgettext("municipal report", "until %(date)s") % {
                "date": date_format(row["new_term_until"], "d.m.Y")
            }
        else:
            note = row["exclusion_reason"]
        held = row["status"] == Attestation.Status.HELD
        sheet.append(
            [
                sheet.rows + 1,
                row["session__date"],
                row["session__number"],
                full_name(row, "reserve_entry__person__"),
                row["reserve_entry__target_position__name"],
                full_name(row, "mentor__") if row["mentor__last_name"] else "",
                statuses.get(row["status"], row["status"]),
                decisions.get(row["decision"], ""),
                row["votes_for"] if held else None,
                row["votes_against"] if held else None,
                note,
            ]
        )
    sheet.finish()
    D = Attestation.Decision
    summary.add(
        pgettext("municipal report", "Attestation"),
        [
            (
                pgettext(
                    "municipal report", "Reservists on the agenda of the sessions"
                ),
                sheet.rows,
                INT,
            ),
            (
                pgettext("municipal report", "Recommended for appointment"),
                by_decision[D.RECOMMENDED],
                INT,
            ),
            (
                pgettext("municipal report", "To continue the training"),
                by_decision[D.CONTINUE],
                INT,
            ),
            (
                pgettext("municipal report", "To be excluded from the reserve"),
                by_decision[D.EXCLUDE],
                INT,
            ),
            (pgettext("municipal report", "No decision yet"), by_decision[""], INT),
        ],
    )


def _appointments(ctx: Ctx) -> None:
    wb, municipality, period, summary, people = ctx
    sheet = _setup(
        wb,
        pgettext("municipal report", "Appointments"),
        pgettext("municipal report", "Appointments from the reserve"),
        [
            Col(pgettext("municipal report", "No."), 5, INT),
            Col(pgettext("municipal report", "Surname, first name, patronymic"), 24),
            Col(pgettext("municipal report", "Organisation"), 18),
            Col(pgettext("municipal report", "Target position"), 22),
            Col(pgettext("municipal report", "Position taken"), 24),
            Col(pgettext("municipal report", "Appointed on"), 11, DATE),
            Col(pgettext("municipal report", "Included on"), 11, DATE),
            Col(pgettext("municipal report", "In the reserve until"), 11, DATE),
            Col(pgettext("municipal report", "Days in the reserve"), 10, INT),
            Col(pgettext("municipal report", "Within the term"), 10),
        ],
        municipality,
        period,
    )
    within = days = 0
    for row in queries.appointment_rows(municipality, period):
        people.append(row["person_id"])
        spent = (row["appointed_on"] - row["included_on"]).days
        in_term = row["appointed_on"] <= row["term_until"]
        within += in_term
        days += spent
        sheet.append(
            [
                sheet.rows + 1,
                full_name(row, "person__"),
                row["person__organization__short_name"],
                row["target_position__name"],
                row["appointed_position"],
                row["appointed_on"],
                row["included_on"],
                row["term_until"],
                spent,
                pgettext("municipal report", "yes")
                if in_term
                else pgettext("municipal report", "no"),
            ]
        )
    sheet.finish()
    summary.add(
        pgettext("municipal report", "Appointments from the reserve"),
        [
            (
                pgettext("municipal report", "Appointed during the period"),
                sheet.rows,
                INT,
            ),
            (
                pgettext(
                    "municipal report", "Of them within their term in the reserve"
                ),
                within,
                INT,
            ),
            (
                pgettext("municipal report", "Share appointed within the term"),
                _share(within, sheet.rows),
                PERCENT,
            ),
            (
                pgettext(
                    "municipal report",
                    "Average time in the reserve before appointment, days",
                ),
                round(days / sheet.rows) if sheet.rows else None,
                INT,
            ),
        ],
    )


def build_report(
    municipality: Municipality,
    period: Period,
    today: date,
    progress: Callable[[int], None] | None = None,
) -> tuple[bytes, list[int]]:
    """The workbook's bytes and the ids of the people it names (for the access
    log), in the order the sheets name them; `progress(n)` hears of each sheet
    written (n of SHEET_COUNT)."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None  # a new workbook has one sheet
    ws.title = pgettext("municipal report", "Summary")
    add_cell_styles(wb)
    summary, people = Summary(), list[int]()
    ctx: Ctx = (wb, municipality, period, summary, people)
    sheets: list[Callable[[], None]] = [
        lambda: _reserve(ctx),
        lambda: _mentors(ctx),
        lambda: _plans(ctx, today),
        lambda: _events(ctx),
        lambda: _internships(ctx),
        lambda: _checks(ctx),
        lambda: _attestation(ctx),
        lambda: _appointments(ctx),
        lambda: _write_summary(ws, summary, municipality, period, today),
    ]
    for done, write in enumerate(sheets, 1):
        write()
        if progress is not None:
            progress(done)
    wb.properties.title = pgettext(
        "municipal report", "Report on the mentoring of the management reserve"
    )
    wb.properties.creator = municipality.authority_name or municipality.name
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue(), people

"""Pure renderers of the reservist's competency profile (профиль компетенций).

They take the plain data of `document_services.profile_context()` and return
bytes; they never query. The DOCX is built with python-docx through core/docx.py
with the chart as a PNG picture; the PDF from the HTML template
`templates/competencies/documents/profile.html` through WeasyPrint with the chart
as SVG. Both are A4 portrait with the requisites and margins of ГОСТ Р
7.0.97-2016 (left 30 mm, right 10 mm, top and bottom 20 mm; Times New Roman 14
pt; pages numbered from the second on at the top centre) and keep the
signatures together with the text before them.

The context: ``authority``, ``reservist`` and ``mentor`` (the latter None when
the user sees no mentor's assessment; each with ``name``, ``signature``,
``position_lower``, ``organization``), ``target_position``, ``formed_on``,
``point_labels`` (the three points' titles), ``table`` (``number``,
``competency``, ``levels``: self and mentor at each point, «—» for none),
``table_average``, ``gaps`` (``point``, ``rows``, ``agree``, ``incomplete``),
``chart_rows``, ``chart_labels`` and ``legend`` (the chart's data), and
``blank_date``."""

import base64
from collections.abc import Callable
from io import BytesIO
from typing import Any

from django.template.loader import render_to_string
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from docx.table import Table

from competencies import charts
from core.docx import (
    add_paragraph,
    add_table,
    cell_text,
    new_document,
    row_flags,
    set_page,
)

DOCX_CONTENT_TYPE = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)
PDF_CONTENT_TYPE = "application/pdf"
TEXT, TABLE, SMALL = Pt(14), Pt(11), Pt(10)
# The text block's width: 210 mm less 30 mm and 10 mm of margins.
WIDTH_MM = 170
# № | competency | self and mentor at three points.
COLUMNS_MM = [9, 65, 16, 16, 16, 16, 16, 16]
CHART_TITLE = "Рисунок 1 — Самооценка и оценка наставника по компетенциям"
NOTE = "С — самооценка резервиста, Н — оценка наставника; уровни от 1 до 5."


def _page(title: str) -> DocxDocument:
    doc = new_document(title=title, text_size=TEXT, table_size=TABLE)
    set_page(
        doc,
        landscape=False,
        left=Mm(30),
        right=Mm(10),
        top=Mm(20),
        bottom=Mm(20),
        number_size=Pt(12),
    )
    return doc


def chart_description(context: dict[str, Any]) -> str:
    """The chart told in words (the alternative text of the PDF's picture)."""
    parts = []
    for row in context["chart_rows"]:
        own = ", ".join(charts.level_text(v) for v in row.self_levels)
        mentor = ", ".join(charts.level_text(v) for v in row.mentor_levels)
        parts.append(f"{row.competency}: самооценка {own}; наставник {mentor}.")
    return " ".join(parts)


def _levels_table(doc: DocxDocument, context: dict[str, Any]) -> Table:
    """Two header rows (the points, then С and Н under each), a row a competency
    and the average."""
    rows = context["table"]
    table = add_table(
        doc,
        COLUMNS_MM,
        len(rows) + 3,
        grid=True,
        cell_margin=Mm(1),
        align=WD_TABLE_ALIGNMENT.CENTER,
    )
    head, sub = table.rows[0], table.rows[1]
    row_flags(head, header=True)
    row_flags(sub, header=True)
    center = WD_ALIGN_PARAGRAPH.CENTER
    for i, label in enumerate(("№", "Компетенция")):
        cell = head.cells[i].merge(sub.cells[i])
        cell_text(cell, [label], size=TABLE, bold=True, align=center)
    for n, label in enumerate(context["point_labels"]):
        first = 2 + 2 * n
        cell = head.cells[first].merge(head.cells[first + 1])
        cell_text(cell, [label], size=SMALL, bold=True, align=center)
        cell_text(sub.cells[first], ["С"], size=TABLE, bold=True, align=center)
        cell_text(sub.cells[first + 1], ["Н"], size=TABLE, bold=True, align=center)
    body = [*[(r["number"], r["competency"], r["levels"]) for r in rows]]
    body.append(("", "В среднем", context["table_average"]))
    for i, (number, name, levels) in enumerate(body, start=2):
        cells = table.rows[i].cells
        cell_text(cells[0], [number], size=TABLE, align=center)
        cell_text(cells[1], [name], size=TABLE, bold=not number)
        for cell, level in zip(cells[2:], levels, strict=True):
            cell_text(cell, [level], size=TABLE, align=center, bold=not number)
    return table


def _signatures(doc: DocxDocument, context: dict[str, Any]) -> None:
    """Mentor and reservist: position | line | «И. О. Фамилия»; the date."""
    people = [("Резервист", context["reservist"]["signature"])]
    if context["mentor"]:
        people.insert(0, ("Наставник", context["mentor"]["signature"]))
    table = add_table(
        doc,
        [80, 40, 50],
        len(people),
        grid=False,
        cell_margin=Mm(0),
        align=WD_TABLE_ALIGNMENT.LEFT,
    )
    for i, (role, name) in enumerate(people):
        cells = table.rows[i].cells
        cell_text(cells[0], [role], size=TEXT, before=12, keep_with_next=True)
        cell_text(
            cells[1],
            ["________"],
            size=TEXT,
            before=12,
            align=WD_ALIGN_PARAGRAPH.CENTER,
            keep_with_next=True,
        )
        cell_text(
            cells[2],
            [name],
            size=TEXT,
            before=12,
            align=WD_ALIGN_PARAGRAPH.RIGHT,
            keep_with_next=True,
        )
    add_paragraph(doc, context["blank_date"], before=12)


def render_profile_docx(context: dict[str, Any]) -> bytes:
    """The heading, the facts, the chart, the levels, the gaps, signatures."""
    doc = _page("Профиль компетенций")
    add_paragraph(doc, context["authority"], align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
    add_paragraph(
        doc,
        "ПРОФИЛЬ КОМПЕТЕНЦИЙ",
        align=WD_ALIGN_PARAGRAPH.CENTER,
        bold=True,
        before=18,
        spacing=2,
        keep_with_next=True,
    )
    add_paragraph(
        doc,
        "резервиста управленческих кадров",
        align=WD_ALIGN_PARAGRAPH.CENTER,
        bold=True,
        after=12,
        keep_with_next=True,
    )
    reservist, mentor = context["reservist"], context["mentor"]
    facts = [
        (
            "Резервист",
            f"{reservist['name']}, {reservist['position_lower']}, "
            f"{reservist['organization']}",
        ),
        ("Целевая должность", context["target_position"]),
        (
            "Наставник",
            f"{mentor['name']}, {mentor['position_lower']}" if mentor else "",
        ),
        ("Дата формирования", context["formed_on"]),
    ]
    for label, value in facts:
        if value:
            add_paragraph(doc, f"{label}: {value}")
    picture = add_paragraph(doc, align=WD_ALIGN_PARAGRAPH.CENTER, before=12)
    png = charts.sheet_png(
        context["chart_rows"], labels=context["chart_labels"], legend=context["legend"]
    )
    picture.paragraph_format.keep_with_next = True
    picture.add_run().add_picture(BytesIO(png), width=Mm(WIDTH_MM))
    add_paragraph(doc, CHART_TITLE, align=WD_ALIGN_PARAGRAPH.CENTER, size=Pt(12))
    add_paragraph(
        doc,
        "1. Уровни компетенций",
        bold=True,
        before=12,
        after=6,
        keep_with_next=True,
    )
    _levels_table(doc, context)
    add_paragraph(doc, NOTE, size=SMALL, before=3)
    add_paragraph(
        doc,
        "2. Наибольшие расхождения самооценки и оценки наставника",
        bold=True,
        before=12,
        after=6,
        keep_with_next=True,
    )
    for gap in context["gaps"]:
        add_paragraph(doc, f"{gap['point']}:", keep_with_next=True)
        if gap["incomplete"]:
            lines = ["расхождения не определены: нет самооценки или оценки наставника."]
        elif gap["agree"]:
            lines = ["самооценка и оценка наставника совпадают."]
        else:
            lines = gap["rows"]
        for line in lines:
            add_paragraph(doc, f"– {line}", left=Mm(12.5), keep_with_next=True)
    _signatures(doc, context)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def render_profile_pdf(context: dict[str, Any]) -> bytes:
    """WeasyPrint from the HTML template; nothing is fetched but data: URLs."""
    # Imported here: WeasyPrint needs Pango at import time, and the DOCX must work
    # without it.
    from weasyprint import HTML  # noqa: PLC0415
    from weasyprint.urls import URLFetcher  # noqa: PLC0415

    svg = charts.sheet_svg(
        context["chart_rows"], labels=context["chart_labels"], legend=context["legend"]
    )
    source = "data:image/svg+xml;base64," + base64.b64encode(svg).decode()
    html = render_to_string(
        "competencies/documents/profile.html",
        {
            **context,
            "chart_src": source,
            "chart_desc": chart_description(context),
            "chart_title": CHART_TITLE,
            "note": NOTE,
        },
    )
    fetcher = URLFetcher(allowed_protocols={"data"})
    return HTML(string=html, base_url=None, url_fetcher=fetcher).write_pdf()


RENDERERS: dict[str, Callable[[dict[str, Any]], bytes]] = {
    "docx": render_profile_docx,
    "pdf": render_profile_pdf,
}

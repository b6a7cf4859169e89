"""Pure renderers of the joint report (отчёт о выполнении индивидуального плана
резервиста, 8.10), ready to be signed by the reservist and the mentor.

They take the plain data of `document_services.report_context()` and return
bytes; they never query. The DOCX is built with python-docx through core/docx.py;
the PDF from `templates/plan_reports/documents/report.html` through WeasyPrint.
Both are A4 portrait with the requisites and margins of ГОСТ Р 7.0.97-2016 (the
author's name, the kind of document and its title, the text, the signatures and
the date; left 30 mm, right 10 mm, top and bottom 20 mm; Times New Roman 14 pt,
tables 12 pt with their header repeated on each page; pages numbered from the
second on at the top centre). The mentor's recommendation is kept with the
signatures, so neither signature ever starts a page alone.

The context: ``authority``, ``title``, ``facts`` (label, value), ``sections``
(``title`` and ``blocks``, each a ``text``, a ``subtitle`` or a ``table`` with
``widths`` in mm, ``header``, ``rows`` and ``centred`` column indexes),
``self_analysis`` and ``conclusion`` (lines), ``recommendation``, ``reservist``
and ``mentor`` (``name``, ``signature``, ``position_lower``, ``organization``),
``dated`` and ``accepted``. A block may also be a ``chart``: the competency
growth chart drawn by competencies.charts (``rows``, ``labels``, ``legend``,
``title``), a picture in the DOCX and an SVG in the PDF."""

import base64
from collections.abc import Callable
from io import BytesIO
from typing import Any

from django.template.loader import render_to_string
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

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
TEXT, TABLE = Pt(14), Pt(12)
INDENT = Mm(12.5)
# The text block's width: 210 mm less 30 mm and 10 mm of margins.
WIDTH_MM = 170


def _page(title: str) -> DocxDocument:
    doc = new_document(title=title, text_size=TEXT, table_size=TABLE)
    set_page(
        doc,
        landscape=False,
        left=Mm(30),
        right=Mm(10),
        top=Mm(20),
        bottom=Mm(20),
        number_size=TABLE,
    )
    return doc


def _table(doc: DocxDocument, table: dict[str, Any]) -> None:
    rows = table["rows"]
    grid = add_table(
        doc,
        table["widths"],
        len(rows) + 1,
        grid=True,
        cell_margin=Mm(1.5),
        align=WD_TABLE_ALIGNMENT.CENTER,
    )
    row_flags(grid.rows[0], header=True)  # repeated on every page
    for cell, text in zip(grid.rows[0].cells, table["header"], strict=True):
        cell_text(cell, [text], size=TABLE, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    centred = set(table["centred"])
    for i, row in enumerate(rows, start=1):
        for j, (cell, text) in enumerate(zip(grid.rows[i].cells, row, strict=True)):
            align = (
                WD_ALIGN_PARAGRAPH.CENTER if j in centred else WD_ALIGN_PARAGRAPH.LEFT
            )
            cell_text(cell, str(text).splitlines() or [""], size=TABLE, align=align)
    add_paragraph(doc, "", size=Pt(6))


def _chart(doc: DocxDocument, chart: dict[str, Any]) -> None:
    """The growth chart (competencies.charts) as a picture with its caption."""
    png = charts.sheet_png(
        chart["rows"], labels=chart["labels"], legend=chart["legend"]
    )
    picture = add_paragraph(doc, align=WD_ALIGN_PARAGRAPH.CENTER, before=6)
    picture.paragraph_format.keep_with_next = True
    picture.add_run().add_picture(BytesIO(png), width=Mm(WIDTH_MM))
    add_paragraph(
        doc, chart["title"], align=WD_ALIGN_PARAGRAPH.CENTER, size=TABLE, after=6
    )


def _text(doc: DocxDocument, lines: list[str], *, keep_last: bool = False) -> None:
    for i, line in enumerate(lines, start=1):
        add_paragraph(
            doc,
            line,
            indent=INDENT,
            align=WD_ALIGN_PARAGRAPH.JUSTIFY,
            keep_with_next=keep_last and i == len(lines),
        )


def _signatures(doc: DocxDocument, context: dict[str, Any]) -> None:
    """Role | signature line | «И. О. Фамилия» for both sides, kept together
    and with the date under them."""
    rows = [
        ("Резервист", context["reservist"]["signature"]),
        ("Наставник", context["mentor"]["signature"]),
    ]
    table = add_table(
        doc,
        [80, 40, 50],
        2,
        grid=False,
        cell_margin=Mm(0),
        align=WD_TABLE_ALIGNMENT.LEFT,
    )
    for i, (role, name) in enumerate(rows):
        cells = table.rows[i].cells
        for cell, text, align in (
            (cells[0], role, WD_ALIGN_PARAGRAPH.LEFT),
            (cells[1], "________", WD_ALIGN_PARAGRAPH.CENTER),
            (cells[2], name, WD_ALIGN_PARAGRAPH.RIGHT),
        ):
            cell_text(
                cell, [text], size=TEXT, before=12, align=align, keep_with_next=True
            )
    add_paragraph(doc, context["dated"], before=12)
    if context["accepted"]:
        add_paragraph(doc, context["accepted"], before=12)


def render_report_docx(context: dict[str, Any]) -> bytes:
    """The report: requisites, the drafted sections, both parts, signatures."""
    doc = _page("Отчёт о выполнении индивидуального плана")
    add_paragraph(doc, context["authority"], align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
    add_paragraph(
        doc,
        "ОТЧЁТ",
        align=WD_ALIGN_PARAGRAPH.CENTER,
        bold=True,
        before=18,
        spacing=2,
        keep_with_next=True,
    )
    add_paragraph(
        doc,
        context["title"],
        align=WD_ALIGN_PARAGRAPH.CENTER,
        bold=True,
        after=12,
        keep_with_next=True,
    )
    for label, value in context["facts"]:
        add_paragraph(doc, f"{label}: {value}")
    for section in context["sections"]:
        add_paragraph(doc, section["title"], bold=True, before=12, keep_with_next=True)
        for block in section["blocks"]:
            if "chart" in block:
                _chart(doc, block["chart"])
            elif "text" in block:
                _text(doc, block["text"].splitlines())
            elif "subtitle" in block:
                add_paragraph(
                    doc, block["subtitle"], before=6, after=3, keep_with_next=True
                )
            else:
                _table(doc, block["table"])
    add_paragraph(
        doc, "7. Самоанализ резервиста", bold=True, before=12, keep_with_next=True
    )
    _text(doc, context["self_analysis"])
    add_paragraph(
        doc, "8. Заключение наставника", bold=True, before=12, keep_with_next=True
    )
    _text(doc, context["conclusion"])
    add_paragraph(
        doc,
        f"Рекомендация наставника: {context['recommendation']}.",
        before=6,
        keep_with_next=True,
    )
    _signatures(doc, context)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def _with_svg(block: dict[str, Any]) -> dict[str, Any]:
    """A chart block with its SVG as a data: URL (vector, sharp in print)."""
    if "chart" not in block:
        return block
    chart = block["chart"]
    svg = charts.sheet_svg(
        chart["rows"], labels=chart["labels"], legend=chart["legend"]
    )
    return {
        "chart": {
            **chart,
            "src": "data:image/svg+xml;base64," + base64.b64encode(svg).decode(),
        }
    }


def render_report_pdf(context: dict[str, Any]) -> bytes:
    """WeasyPrint from the HTML template; nothing is fetched but data: URLs."""
    # Imported here: WeasyPrint needs Pango at import time, and the DOCX must work
    # without it.
    from weasyprint import HTML  # noqa: PLC0415
    from weasyprint.urls import URLFetcher  # noqa: PLC0415

    sections = [
        {**section, "blocks": [_with_svg(block) for block in section["blocks"]]}
        for section in context["sections"]
    ]
    html = render_to_string(
        "plan_reports/documents/report.html", {**context, "sections": sections}
    )
    fetcher = URLFetcher(allowed_protocols={"data"})
    return HTML(string=html, base_url=None, url_fetcher=fetcher).write_pdf()


RENDERERS: dict[str, Callable[[dict[str, Any]], bytes]] = {
    "docx": render_report_docx,
    "pdf": render_report_pdf,
}

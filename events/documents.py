"""Pure renderers of the registration sheet of an event («лист регистрации
участников»): they take the plain data of document_services.sheet_context()
and return bytes; they never query.

The requisites follow ГОСТ Р 7.0.97-2016 like the other documents: the author
(the education authority above the organiser), the kind of document, its date
and place of compilation, the title to the text, the table and the signature
of the responsible person with a line to sign."""

from io import BytesIO
from typing import Any

from django.template.loader import render_to_string
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

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
HTML_TEMPLATE = "events/documents/registration.html"

TEXT = Pt(14)
TABLE = Pt(12)
# № | reservist | organisation, position | degree | attendance | signature (mm).
WIDTHS = [10, 40, 36, 28, 34, 22]
HEADERS = [
    "№ п/п",
    "Фамилия, имя, отчество",
    "Организация, должность",
    "Степень участия",
    "Отметка о присутствии",
    "Подпись",
]


def render_registration_docx(context: dict[str, Any]) -> bytes:
    """The sheet as DOCX (A4 portrait, Times New Roman)."""
    doc = new_document(title=context["doctype"], text_size=TEXT, table_size=TABLE)
    set_page(
        doc,
        landscape=False,
        left=Mm(30),
        right=Mm(10),
        top=Mm(20),
        bottom=Mm(20),
        number_size=Pt(12),
    )
    body = doc.paragraphs[0] if doc.paragraphs else None
    if body is not None:
        body._element.getparent().remove(body._element)
    center = WD_ALIGN_PARAGRAPH.CENTER
    add_paragraph(doc, context["authority"], align=center, size=Pt(12))
    if context["organization"]:
        add_paragraph(doc, context["organization"], align=center, bold=True)
    add_paragraph(
        doc, context["doctype"], align=center, bold=True, before=12, spacing=2
    )
    add_paragraph(doc, context["date"], align=center, before=6)
    add_paragraph(doc, context["place"], align=center, after=9)
    add_paragraph(doc, context["title"], bold=True, after=6)
    for line in context["details"]:
        add_paragraph(doc, line)
    add_paragraph(doc, "", after=6)
    table = add_table(
        doc,
        WIDTHS,
        rows=1 + len(context["rows"]),
        grid=True,
        cell_margin=Mm(1),
        align=WD_TABLE_ALIGNMENT.CENTER,
    )
    row_flags(table.rows[0], header=True)
    for cell, header in zip(table.rows[0].cells, HEADERS, strict=True):
        cell_text(cell, [header], size=TABLE, bold=True, align=center)
    for row, data in zip(table.rows[1:], context["rows"], strict=True):
        values = [
            str(data["n"]),
            data["name"],
            data["workplace"],
            data["degree"],
            data["attendance"],
            "",
        ]
        for cell, value in zip(row.cells, values, strict=True):
            cell_text(cell, [value], size=TABLE)
    add_paragraph(doc, context["total"], before=6)
    signature = add_table(
        doc,
        [75, 40, 55],
        rows=1,
        grid=False,
        cell_margin=Mm(0),
        align=WD_TABLE_ALIGNMENT.LEFT,
    )
    cells = signature.rows[0].cells
    cell_text(cells[0], [context["signatory_position"]], size=TEXT, before=18)
    cell_text(cells[1], ["_______________"], size=TEXT, before=18, align=center)
    cell_text(
        cells[2],
        [context["signatory_name"]],
        size=TEXT,
        before=18,
        align=WD_ALIGN_PARAGRAPH.RIGHT,
    )
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def render_registration_pdf(context: dict[str, Any]) -> bytes:
    """The sheet as PDF from the HTML template; nothing is fetched."""
    # Imported here: WeasyPrint needs Pango at import time, and the DOCX must work
    # without it.
    from weasyprint import HTML  # noqa: PLC0415
    from weasyprint.urls import URLFetcher  # noqa: PLC0415

    html = render_to_string(HTML_TEMPLATE, context)
    fetcher = URLFetcher(allowed_protocols={"data"})
    return HTML(string=html, base_url=None, url_fetcher=fetcher).write_pdf()

"""Pure renderers of the minutes of a session (протокол заседания аттестационной
комиссии), the extract from them for one reservist (выписка из протокола) and
the materials pack.

They take the plain data of `document_services` and return bytes; they never
query. The DOCX is built with python-docx through core/docx.py; the PDF from the
HTML templates `templates/attestation/documents/*.html` through WeasyPrint.
Both are A4 portrait with the requisites and margins of ГОСТ Р 7.0.97-2016
(left 30 mm, right 10 mm, top and bottom 20 mm; Times New Roman 14 pt; pages
numbered from the second on at the top centre): the author (the education
authority), the kind of document, its date and number, the place, the title,
the text, and the signatures of the chair and the secretary, which are kept
with the text before them and never stand alone on a page.

The context: ``authority``, ``place_name``, ``date``, ``number``, ``time``,
``place``, ``chair`` and ``secretary`` (``name``, ``signature``),
``present``, ``absent``, ``mentors``, ``quorum``, ``agenda`` and ``items``
(``number``, ``reservist`` with ``name``, ``position_lower``,
``organization``; ``target_position``, ``mentor``, ``recommendation``,
``votes``, ``decision``), ``today`` and ``blank_date``."""

from io import BytesIO
from typing import Any

from django.template.loader import render_to_string
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from core.docx import add_paragraph, add_table, cell_text, new_document, set_page

DOCX_CONTENT_TYPE = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)
PDF_CONTENT_TYPE = "application/pdf"
TEXT, TABLE = Pt(14), Pt(12)
INDENT = Mm(12.5)


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


def _heading(
    doc: DocxDocument, context: dict[str, Any], doctype: str, title: str
) -> None:
    """The author, the kind of document, date and number, place, title (ГОСТ 5.4,
    5.8, 5.10, 5.19)."""
    add_paragraph(doc, context["authority"], align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
    add_paragraph(
        doc,
        doctype,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        bold=True,
        before=18,
        spacing=2,
        keep_with_next=True,
    )
    add_paragraph(
        doc, title, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, keep_with_next=True
    )
    table = add_table(
        doc, [85, 85], 1, grid=False, cell_margin=Mm(0), align=WD_TABLE_ALIGNMENT.LEFT
    )
    cells = table.rows[0].cells
    cell_text(cells[0], [context["date"]], size=TEXT, before=12)
    cell_text(
        cells[1],
        [f"№ {context['number']}"],
        size=TEXT,
        before=12,
        align=WD_ALIGN_PARAGRAPH.RIGHT,
    )
    if context["place_name"]:
        add_paragraph(
            doc, context["place_name"], align=WD_ALIGN_PARAGRAPH.CENTER, after=12
        )
    else:
        add_paragraph(doc, "", after=6)


def _text(
    doc: DocxDocument, text: str, *, keep: bool = False, bold: bool = False
) -> None:
    add_paragraph(
        doc,
        text,
        indent=INDENT,
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        keep_with_next=keep,
        bold=bold,
    )


def _attendance(doc: DocxDocument, context: dict[str, Any]) -> None:
    _text(doc, f"Время и место: {context['time']}, {context['place']}.")
    _text(doc, f"Председатель — {context['chair']['signature']}.")
    _text(doc, f"Секретарь — {context['secretary']['signature']}.")
    _text(doc, "Присутствовали члены комиссии:")
    for line in context["present"] or ["—"]:
        _text(doc, line)
    if context["absent"]:
        _text(doc, "Отсутствовали: " + ", ".join(context["absent"]) + ".")
    if context["mentors"]:
        _text(doc, "Приглашённые: " + "; ".join(context["mentors"]) + ".")
    _text(doc, context["quorum"])


def _signatures(doc: DocxDocument, rows: list[tuple[str, str]]) -> None:
    """Role | signature line | «И. О. Фамилия», each row kept with the next."""
    table = add_table(
        doc,
        [80, 40, 50],
        len(rows),
        grid=False,
        cell_margin=Mm(0),
        align=WD_TABLE_ALIGNMENT.LEFT,
    )
    for i, (role, name) in enumerate(rows):
        keep = i < len(rows) - 1
        cells = table.rows[i].cells
        cell_text(cells[0], [role], size=TEXT, before=18, keep_with_next=keep)
        cell_text(
            cells[1],
            ["________"],
            size=TEXT,
            before=18,
            align=WD_ALIGN_PARAGRAPH.CENTER,
            keep_with_next=keep,
        )
        cell_text(
            cells[2],
            [name],
            size=TEXT,
            before=18,
            align=WD_ALIGN_PARAGRAPH.RIGHT,
            keep_with_next=keep,
        )


def _item(doc: DocxDocument, item: dict[str, Any], *, last: bool) -> None:
    reservist = item["reservist"]
    add_paragraph(
        doc, f"{item['number']}. СЛУШАЛИ:", bold=True, before=12, keep_with_next=True
    )
    heard = (
        f"Об аттестации резервиста: {reservist['name']}, "
        f"{reservist['position_lower']}, {reservist['organization']} "
        f"(целевая должность — {item['target_position']})."
    )
    if item["mentor"]:
        heard += f" Наставник — {item['mentor']}."
    _text(doc, heard, keep=True)
    if item["recommendation"]:
        _text(doc, f"Рекомендация наставника: {item['recommendation']}", keep=True)
    if item["votes"]:
        add_paragraph(doc, "ГОЛОСОВАЛИ:", bold=True, before=6, keep_with_next=True)
        _text(doc, item["votes"], keep=True)
    add_paragraph(doc, "РЕШИЛИ:", bold=True, before=6, keep_with_next=True)
    # The last decision stays with the signatures.
    _text(doc, item["decision"], keep=last)


def _bytes(doc: DocxDocument) -> bytes:
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def render_minutes_docx(context: dict[str, Any]) -> bytes:
    doc = _page("Протокол заседания аттестационной комиссии")
    _heading(doc, context, "ПРОТОКОЛ", "заседания аттестационной комиссии")
    _attendance(doc, context)
    add_paragraph(
        doc,
        "ПОВЕСТКА ДНЯ:",
        bold=True,
        before=12,
        keep_with_next=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
    )
    for item in context["agenda"]:
        r = item["reservist"]
        _text(doc, f"{item['number']}. Об аттестации резервиста: {r['name']}.")
    items = context["items"]
    for n, item in enumerate(items, start=1):
        _item(doc, item, last=n == len(items))
    _signatures(
        doc,
        [
            ("Председатель комиссии", context["chair"]["signature"]),
            ("Секретарь комиссии", context["secretary"]["signature"]),
        ],
    )
    return _bytes(doc)


def render_extract_docx(context: dict[str, Any]) -> bytes:
    doc = _page("Выписка из протокола заседания аттестационной комиссии")
    _heading(doc, context, "ВЫПИСКА", "из протокола заседания аттестационной комиссии")
    _text(doc, f"Председатель — {context['chair']['signature']}.")
    _text(doc, f"Секретарь — {context['secretary']['signature']}.")
    _text(doc, context["quorum"])
    add_paragraph(
        doc,
        "ПОВЕСТКА ДНЯ:",
        bold=True,
        before=12,
        keep_with_next=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
    )
    for item in context["items"]:
        r = item["reservist"]
        _text(doc, f"{item['number']}. Об аттестации резервиста: {r['name']}.")
    # The decision stays with «Выписка верна» and the secretary's signature.
    for item in context["items"]:
        _item(doc, item, last=True)
    add_paragraph(doc, "Выписка верна.", before=12, keep_with_next=True)
    _signatures(doc, [("Секретарь комиссии", context["secretary"]["signature"])])
    add_paragraph(doc, context["today"], before=12)
    return _bytes(doc)


def _pdf(template: str, context: dict[str, Any]) -> bytes:
    """WeasyPrint from the HTML template; nothing is fetched but data: URLs."""
    # Imported here: WeasyPrint needs Pango at import time, and the DOCX must work
    # without it.
    from weasyprint import HTML  # noqa: PLC0415
    from weasyprint.urls import URLFetcher  # noqa: PLC0415

    html = render_to_string(template, context)
    fetcher = URLFetcher(allowed_protocols={"data"})
    return HTML(string=html, base_url=None, url_fetcher=fetcher).write_pdf()


def _split(context: dict[str, Any]) -> dict[str, Any]:
    """The last item apart: it goes on the page with the signatures."""
    *first, last = context["items"] or [None]
    return {**context, "first_items": first, "last_item": last}


def render_minutes_pdf(context: dict[str, Any]) -> bytes:
    return _pdf("attestation/documents/minutes.html", _split(context))


def render_extract_pdf(context: dict[str, Any]) -> bytes:
    return _pdf("attestation/documents/extract.html", _split(context))


def render_pack_pdf(context: dict[str, Any]) -> bytes:
    return _pdf("attestation/documents/pack.html", context)

"""Pure renderers of the internship's programme (программа стажировки) and the
supervisor's conclusion (отзыв руководителя стажировки).

They take the plain data of `document_services.internship_context()` and return
bytes; they never query. The DOCX is built with python-docx through core/docx.py;
the PDF from the HTML templates `templates/internships/documents/*.html` through
WeasyPrint. Both are A4 portrait with the requisites and margins of ГОСТ Р
7.0.97-2016 (left 30 mm, right 10 mm, top and bottom 20 mm; Times New Roman 14
pt; pages numbered from the second on at the top centre) and keep the
signatures together with the text before them.

The context: ``authority`` (the education authority), ``host_organization``
and ``host_short``, ``reservist``, ``mentor`` and ``supervisor`` (each with
``name``, ``signature`` «Д. А. Петров», ``position``, ``position_lower`` and
``organization``), ``reservist_organization``, ``target_position``, ``form``,
``starts_on``, ``ends_on`` and ``concluded_on`` («01.12.2026»; the last a blank
«__.__.20__» before the conclusion), ``goal``, ``tasks`` (``number``,
``title``, ``dates``), ``work_done``, ``assessment`` («хорошо»),
``recommendation`` and ``blank_date``."""

from collections.abc import Callable
from io import BytesIO
from typing import Any

from django.template.loader import render_to_string
from docx.document import Document as DocxDocument
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
TEXT, TABLE, SMALL = Pt(14), Pt(12), Pt(10)
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


def _heading(doc: DocxDocument, organization: str, doctype: str, title: str) -> None:
    """The author's name, the kind of document and its title (ГОСТ 5.4, 5.19)."""
    add_paragraph(doc, organization, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
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
        doc,
        title,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        bold=True,
        after=12,
        keep_with_next=True,
    )


def _facts(doc: DocxDocument, facts: list[tuple[str, str]]) -> None:
    for label, value in facts:
        if value:
            add_paragraph(doc, f"{label}: {value}")


def _signatures(
    doc: DocxDocument, rows: list[tuple[str, str]], *, dated: str = ""
) -> None:
    """Position | signature line | «И. О. Фамилия», each row kept with the next
    (and the text before kept with the first: the caller's keep_with_next)."""
    table = add_table(
        doc,
        [80, 40, 50],
        len(rows),
        grid=False,
        cell_margin=Mm(0),
        align=WD_TABLE_ALIGNMENT.LEFT,
    )
    for i, (position, name) in enumerate(rows):
        keep = i < len(rows) - 1 or bool(dated)
        cells = table.rows[i].cells
        cell_text(cells[0], [position], size=TEXT, before=12, keep_with_next=keep)
        cell_text(
            cells[1],
            ["________"],
            size=TEXT,
            before=12,
            align=WD_ALIGN_PARAGRAPH.CENTER,
            keep_with_next=keep,
        )
        cell_text(
            cells[2],
            [name],
            size=TEXT,
            before=12,
            align=WD_ALIGN_PARAGRAPH.RIGHT,
            keep_with_next=keep,
        )
    if dated:
        add_paragraph(doc, dated, before=12)


def _bytes(doc: DocxDocument) -> bytes:
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def render_programme_docx(context: dict[str, Any]) -> bytes:
    """The programme: who, where, when, the tasks with their dates, signatures."""
    doc = _page("Программа стажировки")
    _heading(
        doc,
        context["authority"],
        "ПРОГРАММА",
        "стажировки резервиста управленческих кадров",
    )
    reservist = context["reservist"]
    _facts(
        doc,
        [
            (
                "Резервист",
                f"{reservist['name']}, {reservist['position_lower']}, "
                f"{context['reservist_organization']}",
            ),
            ("Целевая должность", context["target_position"]),
            ("Форма стажировки", context["form"]),
            ("Место стажировки", context["host_organization"]),
            (
                "Руководитель стажировки",
                f"{context['supervisor']['name']}, "
                f"{context['supervisor']['position_lower']}",
            ),
            (
                "Наставник",
                f"{context['mentor']['name']}, {context['mentor']['position_lower']}",
            ),
            (
                "Сроки стажировки",
                f"с {context['starts_on']} по {context['ends_on']}",
            ),
            ("Цель стажировки", context["goal"]),
        ],
    )
    tasks = context["tasks"]
    add_paragraph(
        doc,
        "Задания программы",
        align=WD_ALIGN_PARAGRAPH.CENTER,
        bold=True,
        before=12,
        after=6,
        keep_with_next=True,
    )
    table = add_table(
        doc,
        [15, 110, 45],
        len(tasks) + 1,
        grid=True,
        cell_margin=Mm(1.5),
        align=WD_TABLE_ALIGNMENT.CENTER,
    )
    row_flags(table.rows[0], header=True)  # repeated on every page
    for cell, text in zip(
        table.rows[0].cells, ["№ п/п", "Задание", "Сроки"], strict=True
    ):
        cell_text(cell, [text], size=TABLE, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for i, task in enumerate(tasks, start=1):
        last = i == len(tasks)  # keeps the signatures company on their page
        cells = table.rows[i].cells
        cell_text(
            cells[0],
            [task["number"]],
            size=TABLE,
            align=WD_ALIGN_PARAGRAPH.CENTER,
            keep_with_next=last,
        )
        cell_text(cells[1], [task["title"]], size=TABLE, keep_with_next=last)
        cell_text(
            cells[2],
            [task["dates"]],
            size=TABLE,
            align=WD_ALIGN_PARAGRAPH.CENTER,
            keep_with_next=last,
        )
    _signatures(
        doc,
        [
            ("Наставник", context["mentor"]["signature"]),
            ("Руководитель стажировки", context["supervisor"]["signature"]),
            ("С программой ознакомлен(а)", reservist["signature"]),
        ],
        dated=context["blank_date"],
    )
    return _bytes(doc)


def render_conclusion_docx(context: dict[str, Any]) -> bytes:
    """The supervisor's conclusion: what was done, the assessment, the
    recommendation, the supervisor's signature and the date."""
    doc = _page("Отзыв руководителя стажировки")
    _heading(
        doc,
        context["host_organization"],
        "ОТЗЫВ",
        "руководителя стажировки о стажировке резервиста управленческих кадров",
    )
    reservist = context["reservist"]
    _facts(
        doc,
        [
            (
                "Резервист",
                f"{reservist['name']}, {reservist['position_lower']}, "
                f"{context['reservist_organization']}",
            ),
            ("Целевая должность", context["target_position"]),
            ("Форма стажировки", context["form"]),
            (
                "Сроки стажировки",
                f"с {context['starts_on']} по {context['ends_on']}",
            ),
            ("Наставник", context["mentor"]["name"]),
        ],
    )
    sections = [
        ("1. Выполненная работа", context["work_done"]),
        ("2. Оценка результатов стажировки", context["assessment"]),
        ("3. Рекомендации", context["recommendation"]),
    ]
    for n, (title, text) in enumerate(sections, start=1):
        last = n == len(sections)
        add_paragraph(doc, title, bold=True, before=12, keep_with_next=True)
        lines = text.splitlines() or [""]
        for i, line in enumerate(lines, start=1):
            add_paragraph(
                doc,
                line,
                indent=INDENT,
                align=WD_ALIGN_PARAGRAPH.JUSTIFY,
                keep_with_next=last and i == len(lines),
            )
    supervisor = context["supervisor"]
    _signatures(
        doc,
        [
            (
                f"Руководитель стажировки, {supervisor['position_lower']}, "
                f"{supervisor['organization']}",
                supervisor["signature"],
            )
        ],
        dated=context["concluded_on"],
    )
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


def render_programme_pdf(context: dict[str, Any]) -> bytes:
    *tasks, last = context["tasks"] or [None]
    context = {**context, "first_tasks": tasks, "last_task": last}
    return _pdf("internships/documents/programme.html", context)


def render_conclusion_pdf(context: dict[str, Any]) -> bytes:
    return _pdf("internships/documents/conclusion.html", context)


RENDERERS: dict[tuple[str, str], Callable[[dict[str, Any]], bytes]] = {
    ("programme", "docx"): render_programme_docx,
    ("programme", "pdf"): render_programme_pdf,
    ("conclusion", "docx"): render_conclusion_docx,
    ("conclusion", "pdf"): render_conclusion_pdf,
}

"""Build the built-in DOCX template of the individual plan (ГОСТ Р 7.0.97-2016).

The generated file is committed; run this again after changing the layout here:
    manage.py build_plan_template
Keep `templates/plans/documents/plan.html` (the PDF) in step with it. The page and
table helpers are core.docx's, shared with mentorships' `build_order_template`.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser
from docx.document import Document as DocxDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from docx.table import Table

from core.docx import (
    add_paragraph,
    add_table,
    cell_text,
    loop_row,
    new_document,
    row_flags,
    set_page,
)
from plans.documents import BUILTIN_DOCX

TEXT_SIZE = Pt(12)
TITLE_SIZE = Pt(14)
TABLE_SIZE = Pt(11)
SMALL_SIZE = Pt(10)
# ГОСТ Р 7.0.97-2016, 5.1: at least 20 mm left, 10 mm right, 20 mm top and bottom.
# The plan's table needs the width, so the page is A4 landscape.
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = Mm(20), Mm(10), Mm(20), Mm(20)
TEXT_WIDTH_MM = 297 - 20 - 10  # 267 mm

CELL_MARGIN = Mm(1)  # Word's default of 1.9 mm leaves too little in narrow columns
# The stamp «УТВЕРЖДАЮ» takes the right 105 mm of the page's width.
HEADER_COLUMNS = [TEXT_WIDTH_MM - 105, 105]
TITLE_COLUMNS = [75, TEXT_WIDTH_MM - 75]
# mm; they add up to the text width. «Выполнено 12.10.2026» takes two lines in
# the mark's column, the deadline one line.
ITEM_COLUMNS = [
    ("№ п/п", 13),
    ("{{ columns.activity }}", 72),
    ("{{ columns.form }}", 38),
    ("{{ columns.deadline }}", 24),
    ("{{ columns.responsible }}", 40),
    ("{{ columns.expected_result }}", 46),
    ("{{ columns.mark }}", 34),
]
ITEM_FIELDS = [
    "number",
    "activity",
    "form",
    "deadline",
    "responsible",
    "expected_result",
    "mark",
]
CENTRED_FIELDS = {"number", "deadline"}
SIGNATURE_COLUMNS = [80, 50, 70, 40]
BLANK = "________________________"
SIGNATURE_LINE = "______________"


def _table(doc: DocxDocument, widths_mm: list[int], rows: int, *, grid: bool) -> Table:
    """A table at the left margin; see core.docx.add_table."""
    return add_table(
        doc,
        widths_mm,
        rows,
        grid=grid,
        cell_margin=CELL_MARGIN,
        align=WD_TABLE_ALIGNMENT.LEFT,
    )


def _approval_stamp(doc: DocxDocument) -> None:
    """Requisite 16, the approval stamp, top right; lines to sign until approved.
    The form's requisites stand above it."""
    header = _table(doc, HEADER_COLUMNS, 1, grid=False)
    stamp = header.rows[0].cells[1]
    cell_text(stamp, ["{{ form_requisites }}"], size=SMALL_SIZE)
    lines = [
        ("УТВЕРЖДАЮ", 12),
        ("{{ approver.position or '" + BLANK + "______' }}", 0),
        ("{%p if approver.organization %}", 0),
        ("{{ approver.organization }}", 0),
        ("{%p endif %}", 0),
        (SIGNATURE_LINE + " {{ approver.name or '" + BLANK + "' }}", 6),
        ("{{ approver.date or blank_date }}", 6),
        ("{%p if unapproved_changes %}", 0),
        ("{{ unapproved_changes }}", 6),
        ("{%p endif %}", 0),
    ]
    for text, before in lines:
        paragraph = stamp.add_paragraph()
        paragraph.paragraph_format.space_before = Pt(before)
        paragraph.add_run(text).font.size = TEXT_SIZE


def _title_block(doc: DocxDocument) -> None:
    add_paragraph(
        doc,
        "План индивидуальной подготовки резервиста",
        align=WD_ALIGN_PARAGRAPH.CENTER,
        bold=True,
        size=TITLE_SIZE,
        before=12,
        after=12,
        keep_with_next=True,
    )
    rows = [
        ("Резервист (ФИО)", "{{ reservist_name }}"),
        (
            "Занимаемая должность, организация",
            "{{ reservist_position }}, {{ reservist_organization }}",
        ),
        ("Целевая должность", "{{ target_position }}"),
        (
            "Наставник (ФИО, должность)",
            "{{ mentor_name }}, {{ mentor_position }}"
            "{% if mentor_organization %}, {{ mentor_organization }}{% endif %}",
        ),
        ("Период подготовки", "с {{ period_start }} по {{ period_end }}"),
    ]
    block = _table(doc, TITLE_COLUMNS, len(rows), grid=False)
    for row, (label, value) in zip(block.rows, rows, strict=True):
        cell_text(row.cells[0], [label], size=TEXT_SIZE, before=3)
        cell_text(row.cells[1], [value], size=TEXT_SIZE, bold=True, before=3)
    add_paragraph(doc, after=6)


def _items_table(doc: DocxDocument) -> None:
    """The form's sections as merged rows, each followed by its items. The last
    rows keep with the next, so the signatures never start a page alone (Word
    has no «keep with previous»): an item's row is drawn twice, kept and not."""
    center = WD_ALIGN_PARAGRAPH.CENTER
    table = _table(doc, [w for _h, w in ITEM_COLUMNS], 11, grid=True)
    header, section, kept, item = (table.rows[i] for i in (0, 2, 5, 7))
    row_flags(header, header=True)
    for cell, (title, _w) in zip(header.cells, ITEM_COLUMNS, strict=True):
        cell_text(cell, [title], size=TABLE_SIZE, align=center, bold=True)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    merged = section.cells[0].merge(section.cells[-1])
    cell_text(
        merged,
        ["{{ section.number }}. {{ section.title }}"],
        size=TABLE_SIZE,
        bold=True,
        keep_with_next=True,  # a section's title stays with its first item
    )
    for row, keep in ((kept, True), (item, False)):
        for cell, field in zip(row.cells, ITEM_FIELDS, strict=True):
            cell_text(
                cell,
                [f"{{{{ item.{field} }}}}"],
                size=TABLE_SIZE,
                align=center if field in CENTRED_FIELDS else WD_ALIGN_PARAGRAPH.LEFT,
                keep_with_next=keep,
            )
    for index, tag in [
        (1, "{%tr for section in sections %}"),
        (3, "{%tr for item in section.rows %}"),
        (4, "{%tr if item.keep_with_next %}"),
        (6, "{%tr else %}"),
        (8, "{%tr endif %}"),
        (9, "{%tr endfor %}"),
        (10, "{%tr endfor %}"),
    ]:
        loop_row(table, index, tag, size=TABLE_SIZE)


def _signatures(doc: DocxDocument) -> None:
    """Who drafted the plan signs and dates; the head of the organisation agrees
    it. Every row keeps with the next, so the block stays whole."""
    add_paragraph(doc, keep_with_next=True)
    table = _table(doc, SIGNATURE_COLUMNS, 6, grid=False)
    rows = table.rows
    people = [
        (rows[0], "Резервист", "{{ reservist_signature }}"),
        (rows[1], "Наставник", "{{ mentor_signature }}"),
        (
            rows[4],
            "{{ agreed.position }} {{ agreed.organization }}",
            "{{ agreed.name or '" + BLANK + "' }}",
        ),
    ]
    for row, label, name in people:
        texts = [label, SIGNATURE_LINE, name, "{{ blank_date }}"]
        for cell, text in zip(row.cells, texts, strict=True):
            cell_text(cell, [text], size=TEXT_SIZE, before=18, keep_with_next=True)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
    loop_row(table, 2, "{%tr if has_agreement %}", size=TABLE_SIZE)
    cell_text(
        rows[3].cells[0],
        ["СОГЛАСОВАНО:"],
        size=TEXT_SIZE,
        before=24,
        keep_with_next=True,
    )
    loop_row(table, 5, "{%tr endif %}", size=TABLE_SIZE)
    add_paragraph(doc)  # Word wants a paragraph after the last table


def build() -> DocxDocument:
    doc = new_document(
        title="План индивидуальной подготовки резервиста",
        text_size=TEXT_SIZE,
        table_size=TABLE_SIZE,
    )
    set_page(
        doc,
        landscape=True,
        left=MARGIN_LEFT,
        right=MARGIN_RIGHT,
        top=MARGIN_TOP,
        bottom=MARGIN_BOTTOM,
        number_size=TEXT_SIZE,
    )
    _approval_stamp(doc)
    _title_block(doc)
    _items_table(doc)
    _signatures(doc)
    return doc


class Command(BaseCommand):
    help = "Build the built-in DOCX template of the individual plan."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output", type=Path, default=BUILTIN_DOCX, help="Where to write it."
        )

    def handle(self, *args, output: Path, **options) -> None:
        build().save(str(output))
        self.stdout.write(self.style.SUCCESS(f"Wrote {output}"))

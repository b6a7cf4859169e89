"""Build the built-in DOCX template of the individual plan (ГОСТ Р 7.0.97-2016).

The generated file is committed; run this again after changing the layout here:
    manage.py build_plan_template
Keep `templates/plans/documents/plan.html` (the PDF) in step with it. The page and
table helpers follow mentorships' `build_order_template`; a management command is
an interface, so they are repeated here rather than imported across apps.
"""

from datetime import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt
from docx.table import Table, _Cell, _Row

from plans.documents import BUILTIN_DOCX

FONT = "Times New Roman"  # Liberation Serif has its metrics where it is missing
TEXT_SIZE = Pt(12)
TITLE_SIZE = Pt(14)
TABLE_SIZE = Pt(11)
SMALL_SIZE = Pt(10)
# ГОСТ Р 7.0.97-2016, 5.1: at least 20 mm left, 10 mm right, 20 mm top and bottom.
# The plan's table needs the width, so the page is A4 landscape.
PAGE_WIDTH, PAGE_HEIGHT = Mm(297), Mm(210)
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
SIGNATURE_COLUMNS = [80, 50, 70]
BLANK = "________________________"
SIGNATURE_LINE = "______________"


def _set_fonts(r_pr: BaseOxmlElement) -> None:
    """Times New Roman for every script, and Russian as the language."""
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.insert_element_before(lang, "w:eastAsianLayout", "w:specVanish", "w:oMath")
    lang.set(qn("w:val"), "ru-RU")


def _style_document(doc: DocxDocument) -> None:
    # The document defaults name theme fonts (Calibri), which would win over the
    # Normal style in some editors: name Times New Roman there too.
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    r_pr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    fonts = r_pr.find(qn("w:rFonts"))
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    _set_fonts(r_pr)
    r_pr.find(qn("w:sz")).set(qn("w:val"), str(int(TEXT_SIZE.pt * 2)))
    r_pr.find(qn("w:szCs")).set(qn("w:val"), str(int(TEXT_SIZE.pt * 2)))
    spacing = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:spacing')}")
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = TEXT_SIZE
    _set_fonts(normal.element.get_or_add_rPr())
    fmt = normal.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    fmt.widow_control = True
    doc.styles["Table Grid"].font.size = TABLE_SIZE


def _set_page(doc: DocxDocument) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT  # A4
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)
    # ГОСТ 5.2: pages from the second on are numbered in the middle of the top margin
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    begin, separate, end = (OxmlElement("w:fldChar") for _i in range(3))
    for char, kind in ((begin, "begin"), (separate, "separate"), (end, "end")):
        char.set(qn("w:fldCharType"), kind)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    field = paragraph.add_run()
    field.font.size = TEXT_SIZE
    field._r.extend([begin, instr, separate])
    shown = paragraph.add_run("2")  # what an editor shows until it updates the field
    shown.font.size = TEXT_SIZE
    paragraph.add_run()._r.append(end)


def _paragraph(
    doc: DocxDocument,
    text: str = "",
    *,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.LEFT,
    bold: bool = False,
    size: Pt | None = None,
    before: int = 0,
    after: int = 0,
    keep_with_next: bool = False,
) -> None:
    """A paragraph whose whole text is one run, so placeholders are never split."""
    paragraph = doc.add_paragraph()
    fmt = paragraph.paragraph_format
    paragraph.alignment = align
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.keep_with_next = keep_with_next
    if text:
        run = paragraph.add_run(text)
        run.bold = bold
        if size is not None:
            run.font.size = size


def _cell_text(
    cell: _Cell,
    lines: list[str],
    *,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.LEFT,
    bold: bool = False,
    size: Pt = TABLE_SIZE,
    before: int = 0,
    keep_with_next: bool = False,
) -> None:
    """Fill the cell with one paragraph a line (the first one exists already)."""
    for i, text in enumerate(lines):
        paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        paragraph.alignment = align
        fmt = paragraph.paragraph_format
        fmt.space_before, fmt.space_after = Pt(before if i == 0 else 0), Pt(0)
        fmt.first_line_indent = Pt(0)
        fmt.keep_with_next = keep_with_next
        run = paragraph.add_run(text)
        run.bold = bold
        run.font.size = size


def _row_flags(row: _Row, *, header: bool = False) -> None:
    """No row split across pages; a header row repeats on every page."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:tblHeader" if header else "w:cantSplit"))


def _table(doc: DocxDocument, widths_mm: list[int], rows: int, *, grid: bool) -> Table:
    """A table of fixed column widths that Word and LibreOffice both keep; one
    without a grid has no cell margins, so it lines up with the text."""
    table = doc.add_table(rows=rows, cols=len(widths_mm))
    if grid:
        table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    tbl_pr = table._tbl.tblPr  # autofit = False made its layout fixed
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(int(CELL_MARGIN / 635) if grid else 0))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    tbl_pr.insert_element_before(
        margins, "w:tblLook", "w:tblCaption", "w:tblDescription"
    )
    width = tbl_pr.find(qn("w:tblW"))
    if width is None:
        width = OxmlElement("w:tblW")
        tbl_pr.append(width)
    width.set(qn("w:type"), "dxa")
    width.set(qn("w:w"), str(int(sum(Mm(w) for w in widths_mm) / 635)))
    for column, w in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(w)
        for cell in column.cells:
            cell.width = Mm(w)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    for row in table.rows:
        _row_flags(row)
    return table


def _loop_row(table: Table, index: int, tag: str) -> None:
    """A row holding only a docxtpl `{%tr … %}` tag; docxtpl removes it."""
    _cell_text(table.rows[index].cells[0], [tag])


def _approval_stamp(doc: DocxDocument) -> None:
    """Requisite 16, the approval stamp, top right; lines to sign until approved.
    The form's requisites stand above it."""
    header = _table(doc, HEADER_COLUMNS, 1, grid=False)
    stamp = header.rows[0].cells[1]
    _cell_text(stamp, ["{{ form_requisites }}"], size=SMALL_SIZE)
    lines = [
        ("УТВЕРЖДАЮ", 12),
        ("{{ approver.position or '" + BLANK + "______' }}", 0),
        ("{%p if approver.organization %}", 0),
        ("{{ approver.organization }}", 0),
        ("{%p endif %}", 0),
        (SIGNATURE_LINE + " {{ approver.name or '" + BLANK + "' }}", 6),
        ("{{ approver.date or '«____» _______________ 20___ г.' }}", 6),
    ]
    for text, before in lines:
        paragraph = stamp.add_paragraph()
        paragraph.paragraph_format.space_before = Pt(before)
        paragraph.add_run(text).font.size = TEXT_SIZE


def _title_block(doc: DocxDocument) -> None:
    _paragraph(
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
        _cell_text(row.cells[0], [label], size=TEXT_SIZE, before=3)
        _cell_text(row.cells[1], [value], size=TEXT_SIZE, bold=True, before=3)
    _paragraph(doc, after=6)


def _items_table(doc: DocxDocument) -> None:
    """The form's sections as merged rows, each followed by its items."""
    center = WD_ALIGN_PARAGRAPH.CENTER
    table = _table(doc, [w for _h, w in ITEM_COLUMNS], 7, grid=True)
    header, section_start, section, item_start, item, item_end, section_end = table.rows
    _row_flags(header, header=True)
    for cell, (title, _w) in zip(header.cells, ITEM_COLUMNS, strict=True):
        _cell_text(cell, [title], align=center, bold=True)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    _loop_row(table, 1, "{%tr for section in sections %}")
    merged = section.cells[0].merge(section.cells[-1])
    _cell_text(
        merged,
        ["{{ section.number }}. {{ section.title }}"],
        bold=True,
        keep_with_next=True,  # a section's title stays with its first item
    )
    _loop_row(table, 3, "{%tr for item in section.rows %}")
    for cell, field in zip(item.cells, ITEM_FIELDS, strict=True):
        _cell_text(
            cell,
            [f"{{{{ item.{field} }}}}"],
            align=center if field in CENTRED_FIELDS else WD_ALIGN_PARAGRAPH.LEFT,
        )
    _loop_row(table, 5, "{%tr endfor %}")
    _loop_row(table, 6, "{%tr endfor %}")
    del section_start, item_start, item_end, section_end


def _signatures(doc: DocxDocument) -> None:
    """Who drafted the plan signs; the head of the organisation agrees it."""
    _paragraph(doc, keep_with_next=True)
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
        for cell, text in zip(row.cells, [label, SIGNATURE_LINE, name], strict=True):
            _cell_text(cell, [text], size=TEXT_SIZE, before=18)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
    _loop_row(table, 2, "{%tr if has_agreement %}")
    _cell_text(rows[3].cells[0], ["СОГЛАСОВАНО:"], size=TEXT_SIZE, before=24)
    _loop_row(table, 5, "{%tr endif %}")
    _paragraph(doc)  # Word wants a paragraph after the last table


def build() -> DocxDocument:
    doc = Document()
    _style_document(doc)
    _set_page(doc)
    doc.core_properties.title = "План индивидуальной подготовки резервиста"
    doc.core_properties.author = "«Наставник»"
    doc.core_properties.last_modified_by = "«Наставник»"
    doc.core_properties.created = doc.core_properties.modified = datetime(2026, 1, 1)
    doc.core_properties.revision = 1
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

"""Build the built-in DOCX template of the order on mentors (ГОСТ Р 7.0.97-2016).

The generated file is committed; run this again after changing the layout here:
    manage.py build_order_template
Keep `templates/mentorships/documents/order.html` (the PDF) in step with it.
"""

from datetime import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Mm, Pt
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

from mentorships.documents import BUILTIN_DOCX

FONT = "Times New Roman"  # Liberation Serif has its metrics where it is missing
TEXT_SIZE = Pt(14)
TABLE_SIZE = Pt(12)
# ГОСТ Р 7.0.97-2016, 5.1: at least 20 mm left, 10 mm right, 20 mm top and bottom;
# the order is kept over 10 years, so the left margin is 30 mm for binding.
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = Mm(30), Mm(10), Mm(20), Mm(20)
TEXT_WIDTH = Mm(210 - 30 - 10)
INDENT = Cm(1.25)  # the paragraph indent of the text
# The organisation's requisites are centred within 140 mm, not the whole width.
HEADER_INDENT = Mm(15)

# What may follow w:spacing in a run's properties: Word rejects them out of order.
RPR_AFTER_SPACING = (
    *("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u"),
    *("w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs"),
    *("w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath"),
)

LINES_COLUMNS = [  # mm; they add up to the text width, 170 mm
    ("№ п/п", 10),
    ("Наставник (ФИО, должность)", 43),
    ("Резервист (ФИО, должность)", 41),
    ("Целевая должность", 43),  # «общеобразовательной» alone is 40 mm at 12 pt
    ("Срок наставничества", 33),
]
GRID_CELL_MARGIN = Mm(1)  # Word's default of 1.9 mm leaves too little in 10 mm
ACQUAINTANCE_COLUMNS = [85, 50, 35]
SIGNATURE_COLUMNS = [110, 60]


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
    table_style = doc.styles["Table Grid"]
    table_style.font.size = TABLE_SIZE


def _set_page(doc: DocxDocument) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)  # not US Letter
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
    field.font.size = TABLE_SIZE
    field._r.extend([begin, instr, separate])
    shown = paragraph.add_run("2")  # what an editor shows until it updates the field
    shown.font.size = TABLE_SIZE
    paragraph.add_run()._r.append(end)


def _paragraph(
    container: DocxDocument | _Cell,
    text: str = "",
    *,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.LEFT,
    bold: bool = False,
    size: Pt | None = None,
    indent: bool = False,
    before: int = 0,
    after: int = 0,
    left: Mm | None = None,
    right: Mm | None = None,
    keep_with_next: bool = False,
    spacing: float | None = None,
) -> Paragraph:
    """A paragraph whose whole text is one run, so placeholders are never split."""
    paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    paragraph.alignment = align
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    if indent:
        fmt.first_line_indent = INDENT
    if left is not None:
        fmt.left_indent = left
    if right is not None:
        fmt.right_indent = right
    fmt.keep_with_next = keep_with_next
    if text:
        run = paragraph.add_run(text)
        run.bold = bold
        if size is not None:
            run.font.size = size
        if spacing is not None:
            char_spacing = OxmlElement("w:spacing")
            char_spacing.set(qn("w:val"), str(int(spacing * 20)))
            run._r.get_or_add_rPr().insert_element_before(
                char_spacing, *RPR_AFTER_SPACING
            )
    return paragraph


def _cell_text(
    cell: _Cell,
    lines: list[str],
    *,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.LEFT,
    bold: bool = False,
    size: Pt = TABLE_SIZE,
    before: int = 0,
) -> None:
    """Fill the cell with one paragraph a line (the first one exists already)."""
    for i, text in enumerate(lines):
        paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        paragraph.alignment = align
        fmt = paragraph.paragraph_format
        fmt.space_before, fmt.space_after = Pt(before if i == 0 else 0), Pt(0)
        fmt.first_line_indent = Pt(0)
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
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr  # autofit = False made its layout fixed
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(int(GRID_CELL_MARGIN / 635) if grid else 0))
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


def build() -> DocxDocument:
    doc = Document()
    _style_document(doc)
    _set_page(doc)
    doc.core_properties.title = "Приказ о закреплении наставников"
    doc.core_properties.author = "«Наставник»"
    doc.core_properties.last_modified_by = "«Наставник»"
    doc.core_properties.created = doc.core_properties.modified = datetime(2026, 1, 1)
    doc.core_properties.revision = 1

    center = WD_ALIGN_PARAGRAPH.CENTER
    justify = WD_ALIGN_PARAGRAPH.JUSTIFY
    # Requisites 08 (the founder above the organisation), 10, 11 and 12, 14, 17
    header = {"left": HEADER_INDENT, "right": HEADER_INDENT, "align": center}
    _paragraph(doc, "{{ authority_name }}", **header, size=TABLE_SIZE, after=6)
    _paragraph(doc, "{{ organization_full_name }}", bold=True, **header)
    _paragraph(doc, "ПРИКАЗ", align=center, bold=True, before=18, after=12, spacing=2)
    date_number = _paragraph(doc, "{{ order_date }}\t№ {{ order_number }}")
    date_number.paragraph_format.tab_stops.add_tab_stop(
        TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT
    )
    _paragraph(doc, "{{ place }}", align=center, before=6, after=18)
    _paragraph(
        doc, "{{ order_title }}", bold=True, right=Mm(70), after=18, keep_with_next=True
    )
    # Requisite 18: the text
    _paragraph(
        doc,
        "В соответствии с Положением об организации наставничества в системе "
        "подготовки резерва управленческих кадров в муниципальной системе "
        "образования {{ municipality_genitive }}, в целях обеспечения "
        "эффективности и качества практической подготовки резерва управленческих "
        "кадров,",
        align=justify,
        indent=True,
    )
    _paragraph(doc, "ПРИКАЗЫВАЮ:", before=6, after=6, keep_with_next=True)
    _paragraph(
        doc,
        "1. Закрепить наставников за лицами, включёнными в резерв управленческих "
        "кадров (далее – резервисты), {% if period_start %}на период "
        "с {{ period_start }} по {{ period_end }} согласно таблице:{% else %}"
        "на сроки, указанные в таблице:{% endif %}",
        align=justify,
        indent=True,
        after=6,
        keep_with_next=True,
    )
    lines = _table(doc, [w for _h, w in LINES_COLUMNS], 4, grid=True)
    _row_flags(lines.rows[0], header=True)
    for cell, (heading, _w) in zip(lines.rows[0].cells, LINES_COLUMNS, strict=True):
        _cell_text(cell, [heading], align=center, bold=True)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    _loop_row(lines, 1, "{%tr for line in lines %}")
    values = [
        ["{{ line.n }}"],
        ["{{ line.mentor_name }}, {{ line.mentor_position }}"],
        ["{{ line.reservist_name }}, {{ line.reservist_position }}"],
        ["{{ line.target_position }}"],
        ["с {{ line.starts_on }}", "по {{ line.ends_on }}"],
    ]
    for i, (cell, text) in enumerate(zip(lines.rows[2].cells, values, strict=True)):
        _cell_text(cell, text, align=center if i in (0, 4) else WD_ALIGN_PARAGRAPH.LEFT)
    _loop_row(lines, 3, "{%tr endfor %}")

    _paragraph(doc, "{%p if replacements %}")
    _paragraph(
        doc,
        "2. Прекратить наставничество в связи с заменой наставника:",
        align=justify,
        indent=True,
        before=6,
    )
    _paragraph(doc, "{%p for replacement in replacements %}")
    _paragraph(
        doc,
        "2.{{ replacement.n }}. Наставник – {{ replacement.mentor_name }}, "
        "{{ replacement.mentor_position }}; резервист – "
        "{{ replacement.reservist_name }}; основание закрепления – приказ "
        "от {{ replacement.order_date }} № {{ replacement.order_number }}; "
        "дата прекращения – {{ replacement.ends_on }}.",
        align=justify,
        indent=True,
    )
    _paragraph(doc, "{%p endfor %}")
    _paragraph(doc, "{%p endif %}")
    _paragraph(
        doc,
        "{% if replacements %}3{% else %}2{% endif %}. Наставникам обеспечить "
        "разработку плана индивидуальной подготовки резервиста по утверждённой "
        "форме, обсуждать с резервистом вопросы, связанные с его выполнением, "
        "контролировать своевременное его выполнение; по окончании срока "
        "наставничества совместно с резервистом подготовить отчёт о выполнении "
        "индивидуального плана.",
        align=justify,
        indent=True,
        before=6,
    )
    _paragraph(
        doc,
        "{% if replacements %}4{% else %}3{% endif %}. Контроль за исполнением "
        "настоящего приказа оставляю за собой.",
        align=justify,
        indent=True,
        keep_with_next=True,
    )
    # Requisite 22: position on the left, initials and surname on the right,
    # level with the position's last line
    signature = _table(doc, SIGNATURE_COLUMNS, 1, grid=False)
    position, name = signature.rows[0].cells
    _cell_text(position, ["{{ signatory_position }}"], size=TEXT_SIZE, before=36)
    _cell_text(
        name,
        ["{{ signatory_name }}"],
        align=WD_ALIGN_PARAGRAPH.RIGHT,
        size=TEXT_SIZE,
    )
    name.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM

    _paragraph(doc, "С приказом ознакомлены:", before=30, after=6, keep_with_next=True)
    people = _table(doc, ACQUAINTANCE_COLUMNS, 3, grid=False)
    _loop_row(people, 0, "{%tr for person in acquaintances %}")
    _cell_text(people.rows[1].cells[0], ["{{ person.name }}"], before=12)
    _cell_text(
        people.rows[1].cells[1], ["____________________"], align=center, before=12
    )
    _cell_text(people.rows[1].cells[2], ["__.__.____"], align=center, before=12)
    _loop_row(people, 2, "{%tr endfor %}")
    return doc


class Command(BaseCommand):
    help = "Build the built-in DOCX template of the order on mentors."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output", type=Path, default=BUILTIN_DOCX, help="Where to write it."
        )

    def handle(self, *args, output: Path, **options) -> None:
        build().save(str(output))
        self.stdout.write(self.style.SUCCESS(f"Wrote {output}"))

"""Building blocks of the DOCX templates the `build_*_template` commands generate.

Both documents follow ГОСТ Р 7.0.97-2016: Times New Roman on A4, the page number
in the middle of the top margin from the second page on, tables of fixed widths
that Word and LibreOffice both keep. What differs between them (sizes, margins,
orientation, alignment of tables) is passed in.
"""

from datetime import datetime

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Length, Mm, Pt
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

FONT = "Times New Roman"  # Liberation Serif has its metrics where it is missing
AUTHOR = "«Наставник»"
A4_SHORT, A4_LONG = Mm(210), Mm(297)
EMU_PER_TWIP = 635  # tables count their widths and margins in twips (dxa)

# What may follow w:spacing in a run's properties: Word rejects them out of order.
RPR_AFTER_SPACING = (
    *("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u"),
    *("w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs"),
    *("w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath"),
)


def new_document(*, title: str, text_size: Pt, table_size: Pt) -> DocxDocument:
    """An empty document in Times New Roman, its properties fixed so that a
    rebuild gives the same file."""
    doc = Document()
    style_document(doc, text_size=text_size, table_size=table_size)
    properties = doc.core_properties
    properties.title = title
    properties.author = properties.last_modified_by = AUTHOR
    properties.created = properties.modified = datetime(2026, 1, 1)
    properties.revision = 1
    return doc


def set_fonts(r_pr: BaseOxmlElement) -> None:
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


def style_document(doc: DocxDocument, *, text_size: Pt, table_size: Pt) -> None:
    """Single-spaced text without paragraph spacing; tables in `table_size`."""
    # The document defaults name theme fonts (Calibri), which would win over the
    # Normal style in some editors: name Times New Roman there too.
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    r_pr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    fonts = r_pr.find(qn("w:rFonts"))
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    set_fonts(r_pr)
    r_pr.find(qn("w:sz")).set(qn("w:val"), str(int(text_size.pt * 2)))
    r_pr.find(qn("w:szCs")).set(qn("w:val"), str(int(text_size.pt * 2)))
    spacing = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:spacing')}")
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = text_size
    set_fonts(normal.element.get_or_add_rPr())
    fmt = normal.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    fmt.widow_control = True
    doc.styles["Table Grid"].font.size = table_size


def set_page(
    doc: DocxDocument,
    *,
    landscape: bool,
    left: Length,
    right: Length,
    top: Length,
    bottom: Length,
    number_size: Pt,
) -> None:
    """A4 with the margins; pages from the second on are numbered in the middle of
    the top margin (ГОСТ Р 7.0.97-2016, 5.2)."""
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    width, height = (A4_LONG, A4_SHORT) if landscape else (A4_SHORT, A4_LONG)
    section.page_width, section.page_height = width, height  # not US Letter
    section.left_margin, section.right_margin = left, right
    section.top_margin, section.bottom_margin = top, bottom
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)
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
    field.font.size = number_size
    field._r.extend([begin, instr, separate])
    shown = paragraph.add_run("2")  # what an editor shows until it updates the field
    shown.font.size = number_size
    paragraph.add_run()._r.append(end)


def add_paragraph(
    container: DocxDocument | _Cell,
    text: str = "",
    *,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.LEFT,
    bold: bool = False,
    size: Pt | None = None,
    indent: Length | None = None,
    before: int = 0,
    after: int = 0,
    left: Length | None = None,
    right: Length | None = None,
    keep_with_next: bool = False,
    spacing: float | None = None,
) -> Paragraph:
    """A paragraph whose whole text is one run, so placeholders are never split.

    `indent` is the first line's, `before` and `after` are in points, `spacing`
    spreads the letters by that many points."""
    paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    paragraph.alignment = align
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    if indent is not None:
        fmt.first_line_indent = indent
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


def cell_text(
    cell: _Cell,
    lines: list[str],
    *,
    size: Pt,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.LEFT,
    bold: bool = False,
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


def row_flags(row: _Row, *, header: bool = False) -> None:
    """No row split across pages; a header row repeats on every page."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:tblHeader" if header else "w:cantSplit"))


def add_table(
    doc: DocxDocument,
    widths_mm: list[int],
    rows: int,
    *,
    grid: bool,
    cell_margin: Length,
    align: WD_TABLE_ALIGNMENT,
) -> Table:
    """A table of fixed column widths that Word and LibreOffice both keep. A grid
    table has `cell_margin` left and right in its cells; one without a grid has
    none, so it lines up with the text."""
    table = doc.add_table(rows=rows, cols=len(widths_mm))
    if grid:
        table.style = doc.styles["Table Grid"]
    table.alignment = align
    table.autofit = False
    tbl_pr = table._tbl.tblPr  # autofit = False made its layout fixed
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(int(cell_margin / EMU_PER_TWIP) if grid else 0))
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
    width.set(qn("w:w"), str(int(sum(Mm(w) for w in widths_mm) / EMU_PER_TWIP)))
    for column, w in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(w)
        for cell in column.cells:
            cell.width = Mm(w)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    for row in table.rows:
        row_flags(row)
    return table


def loop_row(table: Table, index: int, tag: str, *, size: Pt) -> None:
    """A row holding only a docxtpl `{%tr … %}` tag; docxtpl removes it."""
    cell_text(table.rows[index].cells[0], [tag], size=size)

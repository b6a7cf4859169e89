"""The DOCX building blocks the template commands share (python-docx)."""

from datetime import UTC, datetime

import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from core import docx


def _document():
    return docx.new_document(title="Документ", text_size=Pt(14), table_size=Pt(12))


def _mm(*lengths) -> tuple[float, ...]:
    """Millimetres to a tenth: Word keeps lengths in twips, so they come back rounded."""
    return tuple(round(length.mm, 1) for length in lengths)


def _fonts(r_pr) -> dict[str, str]:
    fonts = r_pr.find(qn("w:rFonts"))
    return {a: fonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "cs", "eastAsia")}


def test_new_document_is_times_new_roman_in_russian_with_the_sizes():
    doc = _document()

    defaults = doc.styles.element.find(qn("w:docDefaults"))
    r_pr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    assert set(_fonts(r_pr).values()) == {"Times New Roman"}
    assert r_pr.find(qn("w:lang")).get(qn("w:val")) == "ru-RU"
    assert r_pr.find(qn("w:sz")).get(qn("w:val")) == "28"
    normal = doc.styles["Normal"]
    assert normal.font.size == Pt(14)
    assert set(_fonts(normal.element.rPr).values()) == {"Times New Roman"}
    assert normal.paragraph_format.space_after == Pt(0)
    assert doc.styles["Table Grid"].font.size == Pt(12)


def test_new_document_has_fixed_properties_so_a_rebuild_is_the_same():
    properties = _document().core_properties

    assert properties.title == "Документ"
    assert properties.author == properties.last_modified_by == "«Наставник»"
    assert properties.created == properties.modified == datetime(2026, 1, 1, tzinfo=UTC)
    assert properties.revision == 1


@pytest.mark.parametrize(
    ("landscape", "orientation", "width", "height"),
    [
        (False, WD_ORIENT.PORTRAIT, 210, 297),
        (True, WD_ORIENT.LANDSCAPE, 297, 210),
    ],
)
def test_set_page_is_a4_with_the_margins(landscape, orientation, width, height):
    doc = _document()

    docx.set_page(
        doc,
        landscape=landscape,
        left=Mm(30),
        right=Mm(10),
        top=Mm(20),
        bottom=Mm(15),
        number_size=Pt(12),
    )

    section = doc.sections[0]
    assert section.orientation == orientation
    assert _mm(section.page_width, section.page_height) == (width, height)
    assert _mm(section.left_margin, section.right_margin) == (30, 10)
    assert _mm(section.top_margin, section.bottom_margin) == (20, 15)


def test_set_page_numbers_pages_from_the_second_in_the_top_margin():
    doc = _document()

    docx.set_page(
        doc,
        landscape=False,
        left=Mm(20),
        right=Mm(10),
        top=Mm(20),
        bottom=Mm(20),
        number_size=Pt(11),
    )

    section = doc.sections[0]
    assert section.different_first_page_header_footer
    header = section.header.paragraphs[0]
    assert header.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert " PAGE " in [e.text for e in header._p.iter(qn("w:instrText"))]
    assert {r.font.size for r in header.runs if r.text} == {Pt(11)}


def test_add_paragraph_keeps_the_text_in_one_run():
    doc = _document()

    paragraph = docx.add_paragraph(
        doc,
        "{{ order_title }} и {{ order_date }}",
        bold=True,
        size=Pt(12),
        indent=Cm(1.25),
        before=6,
        keep_with_next=True,
        spacing=2,
    )

    assert [r.text for r in paragraph.runs] == ["{{ order_title }} и {{ order_date }}"]
    run = paragraph.runs[0]
    assert run.bold
    assert run.font.size == Pt(12)
    fmt = paragraph.paragraph_format
    assert _mm(fmt.first_line_indent) == (12.5,)
    assert fmt.space_before == Pt(6)
    assert fmt.keep_with_next
    assert run._r.rPr.find(qn("w:spacing")).get(qn("w:val")) == "40"


def test_add_paragraph_without_text_is_an_empty_paragraph():
    paragraph = docx.add_paragraph(_document())

    assert paragraph.runs == []
    assert paragraph.paragraph_format.first_line_indent is None


@pytest.mark.parametrize(
    ("grid", "margin", "style"), [(True, "56", "Table Grid"), (False, "0", None)]
)
def test_add_table_has_fixed_widths_and_margins_only_in_a_grid(grid, margin, style):
    doc = _document()

    table = docx.add_table(
        doc,
        [100, 70],
        2,
        grid=grid,
        cell_margin=Mm(1),
        align=WD_TABLE_ALIGNMENT.LEFT,
    )

    assert (table.style.name if grid else None) == style
    assert table.alignment == WD_TABLE_ALIGNMENT.LEFT
    assert not table.autofit
    tbl_pr = table._tbl.tblPr
    for side in ("left", "right"):
        cell_margin = tbl_pr.find(f"{qn('w:tblCellMar')}/{qn(f'w:{side}')}")
        assert cell_margin.get(qn("w:w")) == margin
    assert tbl_pr.find(qn("w:tblW")).get(qn("w:w")) == str(int(Mm(170) / 635))
    assert _mm(*(c.width for c in table.rows[1].cells)) == (100, 70)
    for row in table.rows:
        assert row._tr.trPr.find(qn("w:cantSplit")) is not None


def test_row_flags_repeats_a_header_row_on_every_page():
    table = docx.add_table(
        _document(),
        [170],
        2,
        grid=True,
        cell_margin=Mm(1),
        align=WD_TABLE_ALIGNMENT.CENTER,
    )

    docx.row_flags(table.rows[0], header=True)

    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert table.rows[1]._tr.trPr.find(qn("w:tblHeader")) is None


def test_cell_text_puts_each_line_in_its_own_paragraph():
    table = docx.add_table(
        _document(),
        [170],
        1,
        grid=True,
        cell_margin=Mm(1),
        align=WD_TABLE_ALIGNMENT.CENTER,
    )
    cell = table.rows[0].cells[0]

    docx.cell_text(
        cell,
        ["с {{ line.starts_on }}", "по {{ line.ends_on }}"],
        size=Pt(11),
        align=WD_ALIGN_PARAGRAPH.CENTER,
        before=12,
    )

    assert [p.text for p in cell.paragraphs] == [
        "с {{ line.starts_on }}",
        "по {{ line.ends_on }}",
    ]
    first, second = cell.paragraphs
    assert first.paragraph_format.space_before == Pt(12)
    assert second.paragraph_format.space_before == Pt(0)
    assert {p.alignment for p in cell.paragraphs} == {WD_ALIGN_PARAGRAPH.CENTER}
    assert {r.font.size for p in cell.paragraphs for r in p.runs} == {Pt(11)}


def test_loop_row_holds_only_the_tag():
    table = docx.add_table(
        _document(),
        [85, 85],
        3,
        grid=False,
        cell_margin=Mm(1),
        align=WD_TABLE_ALIGNMENT.CENTER,
    )

    docx.loop_row(table, 0, "{%tr for person in acquaintances %}", size=Pt(12))

    assert [c.text for c in table.rows[0].cells] == [
        "{%tr for person in acquaintances %}",
        "",
    ]
    assert table.rows[0].cells[0].paragraphs[0].runs[0].font.size == Pt(12)

"""Build the built-in DOCX template of the order on mentors (ГОСТ Р 7.0.97-2016).

The generated file is committed; run this again after changing the layout here:
    manage.py build_order_template
Keep `templates/mentorships/documents/order.html` (the PDF) in step with it.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser
from docx.document import Document as DocxDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.shared import Cm, Mm, Pt
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
from mentorships.documents import BUILTIN_DOCX

TEXT_SIZE = Pt(14)
TABLE_SIZE = Pt(12)
# ГОСТ Р 7.0.97-2016, 5.1: at least 20 mm left, 10 mm right, 20 mm top and bottom;
# the order is kept over 10 years, so the left margin is 30 mm for binding.
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = Mm(30), Mm(10), Mm(20), Mm(20)
TEXT_WIDTH = Mm(210 - 30 - 10)
INDENT = Cm(1.25)  # the paragraph indent of the text
# The organisation's requisites are centred within 140 mm, not the whole width.
HEADER_INDENT = Mm(15)

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


def _table(doc: DocxDocument, widths_mm: list[int], rows: int, *, grid: bool) -> Table:
    """A table centred on the page; see core.docx.add_table."""
    return add_table(
        doc,
        widths_mm,
        rows,
        grid=grid,
        cell_margin=GRID_CELL_MARGIN,
        align=WD_TABLE_ALIGNMENT.CENTER,
    )


def build() -> DocxDocument:
    doc = new_document(
        title="Приказ о закреплении наставников",
        text_size=TEXT_SIZE,
        table_size=TABLE_SIZE,
    )
    set_page(
        doc,
        landscape=False,
        left=MARGIN_LEFT,
        right=MARGIN_RIGHT,
        top=MARGIN_TOP,
        bottom=MARGIN_BOTTOM,
        number_size=TABLE_SIZE,
    )

    center = WD_ALIGN_PARAGRAPH.CENTER
    justify = WD_ALIGN_PARAGRAPH.JUSTIFY
    # An unregistered order is a draft: «ПРОЕКТ» in the first page's top margin,
    # so the text keeps its page
    draft = doc.sections[0].first_page_header.paragraphs[0]
    draft.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    mark = draft.add_run("{% if is_draft %}ПРОЕКТ{% endif %}")
    mark.bold = True
    mark.font.size = TEXT_SIZE
    # Requisites 08 (the founder above the organisation), 10, 11 and 12, 14, 17
    add_paragraph(
        doc,
        "{{ authority_name }}",
        align=center,
        left=HEADER_INDENT,
        right=HEADER_INDENT,
        size=TABLE_SIZE,
        after=6,
    )
    add_paragraph(
        doc,
        "{{ organization_full_name }}",
        align=center,
        bold=True,
        left=HEADER_INDENT,
        right=HEADER_INDENT,
    )
    add_paragraph(doc, "ПРИКАЗ", align=center, bold=True, before=12, after=6, spacing=2)
    date_number = add_paragraph(doc, "{{ order_date_numeric }}\t№ {{ order_number }}")
    date_number.paragraph_format.tab_stops.add_tab_stop(
        TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT
    )
    add_paragraph(doc, "{{ place }}", align=center, before=3, after=9)
    add_paragraph(
        doc, "{{ order_title }}", bold=True, right=Mm(70), after=6, keep_with_next=True
    )
    # Requisite 18: the text
    add_paragraph(
        doc,
        "В соответствии с Положением об организации наставничества в системе "
        "подготовки резерва управленческих кадров в муниципальной системе "
        "образования {{ municipality_genitive }}{% if regulation_act %}, "
        "утверждённым {{ regulation_act }}{% endif %}, в целях обеспечения "
        "эффективности и качества практической подготовки резерва управленческих "
        "кадров,",
        align=justify,
        indent=INDENT,
    )
    add_paragraph(doc, "ПРИКАЗЫВАЮ:", before=6, after=6, keep_with_next=True)
    add_paragraph(
        doc,
        "1. Закрепить {% if several_mentors %}наставников{% else %}наставника"
        "{% endif %} за {% if several_reservists %}лицами, включёнными{% else %}"
        "лицом, включённым{% endif %} в резерв управленческих кадров (далее – "
        "{% if several_reservists %}резервисты{% else %}резервист{% endif %}), "
        "{% if period_start %}на период "
        "с {{ period_start }} по {{ period_end }} согласно таблице:{% else %}"
        "на сроки, указанные в таблице:{% endif %}",
        align=justify,
        indent=INDENT,
        after=6,
        keep_with_next=True,
    )
    lines = _table(doc, [w for _h, w in LINES_COLUMNS], 4, grid=True)
    row_flags(lines.rows[0], header=True)
    for cell, (heading, _w) in zip(lines.rows[0].cells, LINES_COLUMNS, strict=True):
        cell_text(cell, [heading], size=TABLE_SIZE, align=center, bold=True)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    loop_row(lines, 1, "{%tr for line in lines %}", size=TABLE_SIZE)
    values = [
        ["{{ line.n }}"],
        ["{{ line.mentor_name }}, {{ line.mentor_position }}"],
        ["{{ line.reservist_name }}, {{ line.reservist_position }}"],
        ["{{ line.target_position }}"],
        ["с {{ line.starts_on }}", "по {{ line.ends_on }}"],
    ]
    for i, (cell, text) in enumerate(zip(lines.rows[2].cells, values, strict=True)):
        align = center if i in (0, 4) else WD_ALIGN_PARAGRAPH.LEFT
        cell_text(cell, text, size=TABLE_SIZE, align=align)
    loop_row(lines, 3, "{%tr endfor %}", size=TABLE_SIZE)

    add_paragraph(doc, "{%p if replacements %}")
    add_paragraph(
        doc,
        "2. Прекратить наставничество в связи с заменой наставника:",
        align=justify,
        indent=INDENT,
        before=6,
    )
    add_paragraph(doc, "{%p for replacement in replacements %}")
    add_paragraph(
        doc,
        "2.{{ replacement.n }}. Наставник – {{ replacement.mentor_name }}, "
        "{{ replacement.mentor_position }}; резервист – "
        "{{ replacement.reservist_name }}; основание закрепления – приказ "
        "от {{ replacement.order_date }} № {{ replacement.order_number }}; "
        "дата прекращения – {{ replacement.ends_on }}.",
        align=justify,
        indent=INDENT,
    )
    add_paragraph(doc, "{%p endfor %}")
    add_paragraph(doc, "{%p endif %}")
    add_paragraph(
        doc,
        "{% if replacements %}3{% else %}2{% endif %}. {% if several_mentors %}"
        "Наставникам{% else %}Наставнику{% endif %} обеспечить "
        "разработку плана индивидуальной подготовки резервиста по утверждённой "
        "форме, обсуждать с резервистом вопросы, связанные с его выполнением, "
        "контролировать своевременное его выполнение; по окончании срока "
        "наставничества совместно с резервистом подготовить отчёт о выполнении "
        "индивидуального плана.",
        align=justify,
        indent=INDENT,
        before=6,
    )
    add_paragraph(
        doc,
        "{% if replacements %}4{% else %}3{% endif %}. Контроль за исполнением "
        "настоящего приказа оставляю за собой.",
        align=justify,
        indent=INDENT,
        keep_with_next=True,
    )
    # Requisite 22: position on the left, initials and surname on the right,
    # level with the position's last line
    signature = _table(doc, SIGNATURE_COLUMNS, 1, grid=False)
    position, name = signature.rows[0].cells
    cell_text(position, ["{{ signatory_position }}"], size=TEXT_SIZE, before=18)
    cell_text(
        name,
        ["{{ signatory_name }}"],
        align=WD_ALIGN_PARAGRAPH.RIGHT,
        size=TEXT_SIZE,
    )
    name.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM

    add_paragraph(doc, "С приказом ознакомлены:", before=12, keep_with_next=True)
    people = _table(doc, ACQUAINTANCE_COLUMNS, 3, grid=False)
    loop_row(people, 0, "{%tr for person in acquaintances %}", size=TABLE_SIZE)
    cell_text(people.rows[1].cells[0], ["{{ person.name }}"], size=TABLE_SIZE, before=4)
    cell_text(
        people.rows[1].cells[1],
        ["____________________"],
        size=TABLE_SIZE,
        align=center,
        before=4,
    )
    cell_text(
        people.rows[1].cells[2],
        ["{{ blank_date }}"],
        size=TABLE_SIZE,
        align=center,
        before=4,
    )
    loop_row(people, 2, "{%tr endfor %}", size=TABLE_SIZE)
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

import re
import shutil
import subprocess
import zipfile
from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from docx import Document

from mentorships import document_services, documents
from mentorships.document_services import order_context, render_order
from mentorships.management.commands.build_order_template import build
from mentorships.models import MentorOrder, MentorReadiness, OrderTemplate
from mentorships.services import OrderLine, create_order, register_order
from organizations.tests.factories import MunicipalityFactory, OrganizationFactory
from people.tests.factories import PersonFactory, PositionFactory
from reserve.models import TargetPosition
from reserve.services import include_in_reserve

FULL_NAME = (
    "Муниципальное общеобразовательное учреждение «Средняя общеобразовательная "
    "школа № 1» городского округа Стрежевой"
)
TITLE = "О закреплении наставников за резервистами"
# Order No. 15 has one mentor and two reservists: the title agrees.
TITLE_15 = "О закреплении наставника за резервистами"
START, END = date(2026, 12, 1), date(2027, 11, 30)


def _weasyprint_missing() -> str:
    try:
        import weasyprint  # noqa: F401
    except OSError as e:  # Pango or HarfBuzz is not installed
        return f"WeasyPrint's system libraries are missing: {e}"
    return ""


needs_weasyprint = pytest.mark.skipif(
    bool(_weasyprint_missing()), reason=_weasyprint_missing() or "-"
)


@pytest.fixture
def town(db):
    return MunicipalityFactory(
        name="Городской округ Стрежевой",
        authority_name="Управление образования Администрации городского округа "
        "Стрежевой",
        place="г. Стрежевой",
        mentor_max_load=10,
    )


@pytest.fixture
def school(town):
    return OrganizationFactory(
        municipality=town, short_name="МОУ «СОШ № 1»", full_name=FULL_NAME
    )


@pytest.fixture
def target(town):
    return TargetPosition.objects.create(
        municipality=town, name="Директор общеобразовательной организации"
    )


def _mentor(school, last: str, first: str, middle: str, position: str):
    person = PersonFactory.create(
        organization=school,
        position=PositionFactory(
            municipality=school.municipality, name=position, is_administrative=True
        ),
        last_name=last,
        first_name=first,
        middle_name=middle,
        management_experience=Decimal(10),
    )
    MentorReadiness.objects.create(person=person, confirmed_on=date(2026, 1, 15))
    return person


def _reservist(school, target, last: str, first: str, middle: str):
    person = PersonFactory.create(
        organization=school,
        position=PositionFactory(municipality=school.municipality, name="Учитель"),
        last_name=last,
        first_name=first,
        middle_name=middle,
    )
    return include_in_reserve(
        person=person,
        target_position=target,
        basis_number="3",
        basis_date=date(2025, 8, 20),
        included_on=date(2025, 8, 25),
    )


def _order(school, number: str, day: date, lines: list[OrderLine]) -> MentorOrder:
    return create_order(
        organization=school,
        number=number,
        date=day,
        signatory_name="Кузнецов Андрей Петрович",
        signatory_position="Директор",
        lines=lines,
        title=TITLE,
    )


@pytest.fixture
def order(school, target):
    """Order No. 15: Волкова mentors two reservists; for Петров she replaces
    Зайцев, assigned by order No. 7."""
    volkova = _mentor(
        school,
        "Волкова",
        "Елена",
        "Сергеевна",
        "Заместитель директора по учебно-воспитательной работе",
    )
    zaytsev = _mentor(
        school,
        "Зайцев",
        "Игорь",
        "Николаевич",
        "Заместитель директора по воспитательной работе",
    )
    petrov = _reservist(school, target, "Петров", "Дмитрий", "Александрович")
    smirnova = _reservist(school, target, "Смирнова", "Анна", "Викторовна")
    earlier = _order(
        school,
        "7",
        date(2025, 9, 1),
        [OrderLine(zaytsev, petrov, date(2025, 9, 1), date(2026, 8, 31))],
    )
    register_order(order=earlier)
    return _order(
        school,
        "15",
        date(2026, 11, 24),
        [
            OrderLine(volkova, petrov, START, END),
            OrderLine(volkova, smirnova, START, END),
        ],
    )


def _poppler(tool: str, *args: object) -> str:
    """The output of a poppler-utils tool (pdftotext, pdfinfo, pdffonts)."""
    path = shutil.which(tool)
    assert path is not None, f"{tool} is not installed"
    return subprocess.run(  # noqa: S603 - a fixed tool on our own temporary file
        [path, *map(str, args)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def _docx_text(content: bytes) -> str:
    doc = Document(BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def _docx_with(text: str) -> bytes:
    doc = Document()
    doc.add_paragraph(text)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def _assert_order_text(text: str) -> None:
    for expected in [
        "ПРИКАЗ",
        "№ 15",
        "24.11.2026",
        "г. Стрежевой",
        TITLE_15,
        "Управление образования Администрации городского округа Стрежевой",
        "городского округа Стрежевой",
        "ПРИКАЗЫВАЮ:",
        "1. Закрепить наставника за лицами, включёнными в резерв управленческих "
        "кадров (далее – резервисты)",
        "3. Наставнику обеспечить разработку плана",
        "Волкова Елена Сергеевна, заместитель директора по учебно-",
        "Петров Дмитрий Александрович, учитель",
        "Смирнова Анна Викторовна, учитель",
        "Директор общеобразовательной",
        "с 01.12.2026 по 30.11.2027",
        "Прекратить наставничество в связи с заменой наставника",
        "Зайцев Игорь Николаевич, заместитель директора по воспитательной работе",
        "приказ от 01.09.2025 № 7",
        "4. Контроль за исполнением настоящего приказа оставляю за собой.",
        "А. П. Кузнецов",
        "С приказом ознакомлены:",
    ]:
        assert expected in text, expected


def test_order_context_holds_plain_data(order):
    context = order_context(order)

    assert set(context) == documents.PLACEHOLDERS
    assert context["order_date"] == "24 ноября 2026 г."
    assert context["order_date_numeric"] == "24.11.2026"
    assert context["organization_full_name"] == FULL_NAME
    assert context["municipality_genitive"] == "городского округа Стрежевой"
    assert (context["period_start"], context["period_end"]) == (
        "01.12.2026",
        "30.11.2027",
    )
    assert context["signatory_name"] == "А. П. Кузнецов"
    first, second = context["lines"]
    assert first["mentor_position"] == (
        "заместитель директора по учебно-воспитательной работе"
    )
    assert first["replaced_mentor_name"] == "Зайцев Игорь Николаевич"
    assert second["replaced_mentor_name"] == ""
    (replacement,) = context["replacements"]
    assert replacement["order_number"] == "7"
    assert replacement["ends_on"] == "01.12.2026"
    assert [p["short_name"] for p in context["acquaintances"]] == [
        "Волкова Е. С.",
        "Петров Д. А.",
        "Смирнова А. В.",
        "Зайцев И. Н.",
    ]


def test_order_context_leaves_the_period_empty_when_the_lines_differ(school, target):
    mentor = _mentor(school, "Волкова", "Елена", "Сергеевна", "Заместитель")
    first = _reservist(school, target, "Петров", "Дмитрий", "Александрович")
    second = _reservist(school, target, "Смирнова", "Анна", "Викторовна")
    order = _order(
        school,
        "15",
        date(2026, 11, 24),
        [
            OrderLine(mentor, first, START, END),
            OrderLine(mentor, second, START, date(2027, 6, 30)),
        ],
    )

    context = order_context(order)

    assert context["period_start"] == context["period_end"] == ""


@pytest.mark.parametrize("n_lines", [1, 5])
def test_order_context_query_count_does_not_grow_with_lines(
    school, target, n_lines, django_assert_max_num_queries
):
    mentor = _mentor(school, "Волкова", "Елена", "Сергеевна", "Заместитель")
    lines = [
        OrderLine(
            mentor, _reservist(school, target, f"Резервист{i}", "А", "Б"), START, END
        )
        for i in range(n_lines)
    ]
    order = _order(school, "1", date(2026, 11, 24), lines)

    with django_assert_max_num_queries(2):  # the order with its organisation, lines
        context = order_context(order)

    assert len(context["lines"]) == n_lines


def test_render_order_docx_is_a4_with_the_requisites(order):
    content, filename, content_type = render_order(order, "docx")

    assert filename == "prikaz-15-ot-2026-11-24.docx"
    assert content_type == documents.DOCX_CONTENT_TYPE
    doc = Document(BytesIO(content))
    section = doc.sections[0]
    sizes = [
        section.page_width,
        section.page_height,
        section.left_margin,
        section.right_margin,
        section.top_margin,
        section.bottom_margin,
    ]
    # in mm, rounded: Word stores twentieths of a point
    assert [round(s.mm) for s in sizes] == [210, 297, 30, 10, 20, 20]
    text = _docx_text(content)
    _assert_order_text(text.replace("\n", " "))
    assert FULL_NAME in text
    assert "{{" not in text and "{%" not in text


def test_render_order_docx_table_header_repeats_and_rows_do_not_split(order):
    content, _filename, _type = render_order(order, "docx")

    table = Document(BytesIO(content)).tables[0]
    header, *rows = table.rows
    assert (
        header._tr.trPr.find(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader"
        )
        is not None
    )
    assert len(rows) == 2
    for row in rows:
        assert (
            row._tr.trPr.find(
                "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}cantSplit"
            )
            is not None
        )


def test_render_order_without_replacements_numbers_points_from_two(school, target):
    mentor = _mentor(school, "Волкова", "Елена", "Сергеевна", "Заместитель")
    entry = _reservist(school, target, "Петров", "Дмитрий", "Александрович")
    order = _order(
        school, "15", date(2026, 11, 24), [OrderLine(mentor, entry, START, END)]
    )

    text = _docx_text(render_order(order, "docx")[0])

    assert "Прекратить" not in text
    assert "2. Наставнику обеспечить разработку плана" in text
    assert "3. Контроль за исполнением" in text


@needs_weasyprint
@pytest.mark.skipif(
    not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) is not installed"
)
def test_render_order_pdf_shows_the_same_requisites(order, tmp_path):
    content, filename, content_type = render_order(order, "pdf")

    assert filename == "prikaz-15-ot-2026-11-24.pdf"
    assert content_type == "application/pdf"
    assert content.startswith(b"%PDF-")
    path = tmp_path / "order.pdf"
    path.write_bytes(content)
    assert "595.276 x 841.89 pts (A4)" in _poppler("pdfinfo", path)
    assert "Liberation-Serif" in _poppler("pdffonts", path)  # embedded, not DejaVu
    layout = _poppler("pdftotext", "-layout", path, "-")
    assert "ПРИКАЗ" in layout
    assert "А. П. Кузнецов" in layout
    flat = " ".join(_poppler("pdftotext", "-raw", path, "-").split())
    _assert_order_text(flat)
    assert " ".join(FULL_NAME.split()) in flat


def test_render_order_uses_the_organisations_own_template(order, school):
    OrderTemplate.objects.create(
        municipality=school.municipality,
        organization=None,
        file=ContentFile(_docx_with("Шаблон муниципалитета"), name="all.docx"),
    )
    OrderTemplate.objects.create(
        municipality=school.municipality,
        organization=school,
        file=ContentFile(
            _docx_with(
                "Свой шаблон: {{ organization_short_name }}, № {{ order_number }}"
            ),
            name="own.docx",
        ),
    )

    text = _docx_text(render_order(order, "docx")[0])

    assert "Свой шаблон: МОУ «СОШ № 1», № 15" in text


def test_render_order_falls_back_to_the_municipalitys_template(order, school):
    OrderTemplate.objects.create(
        municipality=school.municipality,
        organization=None,
        file=ContentFile(
            _docx_with("Шаблон муниципалитета № {{ order_number }}"), name="all.docx"
        ),
    )
    OrderTemplate.objects.create(
        municipality=school.municipality,
        organization=OrganizationFactory(municipality=school.municipality),
        file=ContentFile(_docx_with("Чужой шаблон"), name="other.docx"),
    )

    text = _docx_text(render_order(order, "docx")[0])

    assert "Шаблон муниципалитета № 15" in text


def test_render_order_ignores_another_municipalitys_template(order):
    elsewhere = OrganizationFactory()
    OrderTemplate.objects.create(
        municipality=elsewhere.municipality,
        organization=None,
        file=ContentFile(_docx_with("Чужой шаблон"), name="all.docx"),
    )

    text = _docx_text(render_order(order, "docx")[0])

    assert "Чужой шаблон" not in text
    assert "ПРИКАЗЫВАЮ:" in text


def test_render_order_rejects_an_unknown_format(order):
    with pytest.raises(ValidationError) as e:
        render_order(order, "odt")

    assert e.value.messages == [
        _("Unknown document format «%(format)s»: choose DOCX or PDF.")
        % {"format": "odt"}
    ]


def test_render_order_escapes_xml_in_data(order, school):
    school.full_name = "Школа «Знание & Сила» <№ 1>"
    school.save(update_fields=["full_name"])

    text = _docx_text(render_order(order, "docx")[0])

    assert "Школа «Знание & Сила» <№ 1>" in text


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("15", "prikaz-15-ot-2026-11-24.docx"),
        ("15-к/од", "prikaz-15-k-od-ot-2026-11-24.docx"),
    ],
)
def test_filename_is_ascii(number, expected):
    order = MentorOrder(number=number, date=date(2026, 11, 24))

    assert document_services.filename(order, "docx") == expected


def test_builtin_template_uses_only_known_placeholders():
    content = documents.BUILTIN_DOCX.read_bytes()

    documents.check_order_template(content)
    assert documents.template_placeholders(content) <= documents.PLACEHOLDERS


def test_builtin_template_is_what_the_command_builds():
    fresh = BytesIO()
    build().save(fresh)

    def part(content: bytes | BytesIO, name: str) -> bytes:
        with zipfile.ZipFile(
            content if isinstance(content, BytesIO) else BytesIO(content)
        ) as z:
            return z.read(name)

    for name in ("word/document.xml", "word/styles.xml", "word/header1.xml"):
        assert part(documents.BUILTIN_DOCX.read_bytes(), name) == part(fresh, name), (
            f"{name} differs: run manage.py build_order_template"
        )


def test_placeholders_are_documented():
    names = [name for name, _description in documents.PLACEHOLDERS_HELP]

    assert len(names) == len(set(names))
    for name in names:
        assert f"``{name.split('.')[-1]}``" in documents.__doc__, name


def test_check_order_template_rejects_a_file_that_is_not_docx():
    archive = BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("content.xml", "<x/>")
    message = _("The file is not a DOCX document. Save the template in Word as .docx.")

    for content in (b"%PDF-1.7 not a template", archive.getvalue()):
        with pytest.raises(ValidationError) as e:
            documents.check_order_template(content)
        assert e.value.messages == [message]


def test_check_order_template_names_a_broken_tag():
    with pytest.raises(ValidationError) as e:
        documents.check_order_template(_docx_with("{% if order_number %} без конца"))

    (message,) = e.value.messages
    assert message.startswith(_("The template cannot be read: %(error)s").split("%")[0])
    assert "Unexpected end of template" in message
    assert "'endif'" in message


def test_check_order_template_lists_unknown_placeholders():
    content = _docx_with("{{ директор }} {{ foo }} {{ order_number }}")

    with pytest.raises(ValidationError) as e:
        documents.check_order_template(content)

    allowed = ", ".join(f"{{{{ {n} }}}}" for n, _d in documents.PLACEHOLDERS_HELP)
    assert e.value.messages == [
        _("The template has unknown fields: %(unknown)s. Allowed fields: %(allowed)s.")
        % {"unknown": "{{ foo }}, {{ директор }}", "allowed": allowed}
    ]


def test_check_order_template_blocks_python_internals():
    content = _docx_with("{{ order_number.__class__.__mro__[1].__subclasses__() }}")

    with pytest.raises(ValidationError) as e:
        documents.check_order_template(content)

    assert "unsafe" in e.value.messages[0]


def test_check_order_template_accepts_loops_over_the_lines():
    content = _docx_with(
        "{% for line in lines %}{{ line.n }}. {{ line.mentor_name }} "
        "({{ line.starts_on }}){% endfor %} {{ signatory_name }}"
    )

    documents.check_order_template(content)


needs_poppler = pytest.mark.skipif(
    not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) is not installed"
)
MONTHS = re.compile(
    r"\d (января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|"
    r"ноября|декабря)"
)


def _pdf_pages(content: bytes, tmp_path) -> list[str]:
    path = tmp_path / "order.pdf"
    path.write_bytes(content)
    pages = _poppler("pdftotext", "-layout", path, "-").split("\f")
    return [p for p in pages if p.strip()]


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def regulated(town):
    town.regulation_act = "приказ Управления образования"
    town.regulation_date = date(2026, 8, 14)
    town.regulation_number = "44-о"
    town.save()
    return town


@pytest.fixture
def one_pair(school, target):
    """Order No. 21: Волкова for Смирнова, replacing Зайцев (order No. 7): one
    pair, three people to sign."""
    volkova = _mentor(
        school,
        "Волкова",
        "Елена",
        "Сергеевна",
        "Заместитель директора по учебно-воспитательной работе",
    )
    zaytsev = _mentor(
        school,
        "Зайцев",
        "Игорь",
        "Николаевич",
        "Заместитель директора по воспитательной работе",
    )
    smirnova = _reservist(school, target, "Смирнова", "Анна", "Викторовна")
    earlier = _order(
        school,
        "7",
        date(2025, 9, 1),
        [OrderLine(zaytsev, smirnova, date(2025, 9, 1), date(2026, 8, 31))],
    )
    register_order(order=earlier)
    return _order(
        school, "21", date(2026, 11, 24), [OrderLine(volkova, smirnova, START, END)]
    )


def _pairs(school, target, n: int) -> MentorOrder:
    """An order of n pairs, each with its own mentor."""
    lines = [
        OrderLine(
            _mentor(school, f"Наставник{i}", "Елена", "Сергеевна", "Заместитель"),
            _reservist(school, target, f"Резервист{i}", "Анна", "Викторовна"),
            START,
            END,
        )
        for i in range(n)
    ]
    return _order(school, "30", date(2026, 11, 24), lines)


def test_order_context_is_singular_for_one_pair(one_pair):
    context = order_context(one_pair)

    assert context["order_title"] == "О закреплении наставника за резервистом"
    assert context["plural"] is False
    assert context["several_mentors"] is context["several_reservists"] is False


def test_order_context_is_plural_for_several_pairs(school, target):
    context = order_context(_pairs(school, target, 2))

    assert context["order_title"] == "О закреплении наставников за резервистами"
    assert context["plural"] is True
    assert context["several_mentors"] is context["several_reservists"] is True


def test_order_context_keeps_a_title_of_the_organisations_own(one_pair):
    one_pair.title = "О наставничестве в 2026/2027 учебном году"
    one_pair.save()

    assert order_context(one_pair)["order_title"] == (
        "О наставничестве в 2026/2027 учебном году"
    )


def test_order_context_cites_the_act_approving_the_regulation(order, regulated):
    context = order_context(order)

    assert context["regulation_act"] == (
        "приказом Управления образования от\u00a014.08.2026 №\u00a044-о"
    )
    assert context["regulation_date"] == "14.08.2026"
    assert context["regulation_number"] == "44-о"


def test_order_context_names_a_bare_act_an_order(order, town):
    town.regulation_number = "12"
    town.save()

    assert order_context(order)["regulation_act"] == "приказом №\u00a012"


def test_order_context_has_no_act_until_the_municipality_records_it(order):
    context = order_context(order)

    assert context["regulation_act"] == context["regulation_date"] == ""


def test_order_context_marks_only_a_draft(order):
    assert order_context(order)["is_draft"] is True
    register_order(order=order)
    assert order_context(order)["is_draft"] is False


def test_render_order_docx_is_singular_for_one_pair(one_pair, regulated):
    text = _flat(_docx_text(render_order(one_pair, "docx")[0]))

    assert "О закреплении наставника за резервистом" in text
    assert (
        "1. Закрепить наставника за лицом, включённым в резерв управленческих "
        "кадров (далее – резервист), на период с 01.12.2026 по 30.11.2027" in text
    )
    assert "3. Наставнику обеспечить" in text
    assert "наставников" not in text


def test_render_order_docx_is_plural_for_several_pairs(school, target):
    text = _flat(_docx_text(render_order(_pairs(school, target, 2), "docx")[0]))

    assert "О закреплении наставников за резервистами" in text
    assert "1. Закрепить наставников за лицами, включёнными в резерв" in text
    assert "(далее – резервисты)" in text
    assert "2. Наставникам обеспечить" in text


def test_render_order_docx_cites_the_regulation_in_the_preamble(order, regulated):
    text = _flat(_docx_text(render_order(order, "docx")[0]))

    assert (
        "муниципальной системе образования городского округа Стрежевой, "
        "утверждённым приказом Управления образования от 14.08.2026 № 44-о, "
        "в целях обеспечения" in text
    )


def test_render_order_docx_without_the_act_has_no_dangling_words(order):
    text = _flat(_docx_text(render_order(order, "docx")[0]))

    assert "утверждённым" not in text
    assert "городского округа Стрежевой, в целях обеспечения" in text


def _first_header(content: bytes) -> str:
    return Document(BytesIO(content)).sections[0].first_page_header.paragraphs[0].text


def test_render_order_docx_marks_a_draft_and_not_a_registered_order(order):
    draft_content = render_order(order, "docx")[0]
    register_order(order=order)
    registered_content = render_order(order, "docx")[0]
    draft, registered = _docx_text(draft_content), _docx_text(registered_content)

    assert "ПРОЕКТ" not in draft + registered  # not in the text: in the margin
    assert _first_header(draft_content) == "ПРОЕКТ"
    assert _first_header(registered_content) == ""


def test_render_order_docx_writes_every_date_in_digits(order, regulated):
    text = _docx_text(render_order(order, "docx")[0])

    assert MONTHS.search(text) is None
    assert "24.11.2026" in text
    assert text.count("__.__.20__") == 4  # a date by each of the four names


@needs_weasyprint
@needs_poppler
def test_render_order_pdf_of_one_pair_fits_one_page(one_pair, regulated, tmp_path):
    pages = _pdf_pages(render_order(one_pair, "pdf")[0], tmp_path)

    assert len(pages) == 1
    text = _flat(pages[0])
    assert "ПРОЕКТ" in text
    assert "О закреплении наставника за резервистом" in text
    assert "утверждённым приказом Управления образования от 14.08.2026 № 44-о" in text
    assert "С приказом ознакомлены:" in text
    assert text.count("__.__.20__") == 3
    assert MONTHS.search(text) is None


@needs_weasyprint
@needs_poppler
def test_render_order_pdf_of_a_registered_order_is_not_a_draft(order, tmp_path):
    register_order(order=order)

    text = _flat(" ".join(_pdf_pages(render_order(order, "pdf")[0], tmp_path)))

    assert "ПРОЕКТ" not in text
    assert "О закреплении наставника за резервистами" in text


@needs_weasyprint
@needs_poppler
@pytest.mark.parametrize("n_pairs", [2, 3, 4, 5])
def test_render_order_pdf_never_leaves_one_name_to_sign_alone(
    school, target, regulated, n_pairs, tmp_path
):
    pages = _pdf_pages(
        render_order(_pairs(school, target, n_pairs), "pdf")[0], tmp_path
    )

    signing = [page.count("__.__.20__") for page in pages]
    assert sum(signing) == 2 * n_pairs
    assert 1 not in signing, signing
    assert "С приказом ознакомлены:" in next(p for p in pages if "__.__.20__" in p)


def test_check_order_template_accepts_the_new_fields():
    content = _docx_with(
        "{% if is_draft %}ПРОЕКТ{% endif %} {% if plural %}о закреплении "
        "наставников{% endif %} {% if several_mentors %}Наставникам{% endif %}"
        "{% if several_reservists %}резервистами{% endif %} утверждённым "
        "{{ regulation_act }} ({{ regulation_date }}, {{ regulation_number }}) "
        "{{ blank_date }}"
    )

    documents.check_order_template(content)

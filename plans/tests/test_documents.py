import shutil
import subprocess
import zipfile
from datetime import date, datetime
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from docx import Document
from docx.oxml.ns import qn

from accounts.models import Role, RoleAssignment
from accounts.tests.factories import UserFactory
from organizations.models import Municipality
from organizations.tests.factories import MunicipalityFactory, OrganizationFactory
from people.tests.factories import PersonFactory, PositionFactory
from plans import document_services, documents, services
from plans.document_services import form_requisites, plan_context, render_plan
from plans.management.commands.build_plan_template import build
from plans.models import IndividualPlan, PlanItem
from plans.services import ItemData
from plans.tests.factories import make_eligible, make_mentorship
from reserve.models import TargetPosition
from reserve.tests.factories import ReserveEntryFactory

SCHOOL = (
    "Муниципальное общеобразовательное учреждение «Средняя общеобразовательная "
    "школа № 1» городского округа Стрежевой"
)
TARGET = "Директор общеобразовательной организации"
SECTIONS = [
    "Теоретическая подготовка",
    "Практическая подготовка и стажировка",
    "Участие в мероприятиях",
]
COLUMNS = {
    "activity": "Мероприятие",
    "form": "Форма работы",
    "deadline": "Срок исполнения",
    "responsible": "Ответственный",
    "expected_result": "Ожидаемый результат",
    "mark": "Отметка о выполнении",
}
START, END = date(2026, 12, 1), date(2027, 11, 30)
# The marks need a past: the documents are made on 15 March 2027.
TODAY = datetime(2027, 3, 15, 12, tzinfo=ZoneInfo("Asia/Tomsk"))
ITEMS = [  # section, activity, form of work, deadline, responsible, result
    (
        0,
        "Изучение Федерального закона «Об образовании в Российской Федерации» "
        "от 29.12.2012 № 273-ФЗ",
        "Самостоятельное изучение",
        date(2026, 12, 25),
        "Резервист",
        "Конспект, собеседование с наставником",
    ),
    (
        0,
        "Курсы повышения квалификации «Менеджмент в образовании»",
        "Дистанционное обучение",
        date(2027, 2, 28),
        "Резервист",
        "Удостоверение о повышении квалификации",
    ),
    (
        0,
        "Изучение локальных нормативных актов организации",
        "Самостоятельное изучение",
        date(2027, 1, 31),
        "Наставник",
        "Перечень актов с комментариями",
    ),
    (
        0,
        "Изучение основ финансово-хозяйственной деятельности школы",
        "Консультация",
        date(2027, 5, 31),
        "Наставник, главный бухгалтер",
        "Аналитическая записка",
    ),
    (
        1,
        "Стажировка в должности директора на период отпуска руководителя",
        "Стажировка",
        date(2027, 7, 31),
        "Директор",
        "Заключение о стажировке",
    ),
    (
        1,
        "Подготовка и проведение педагогического совета",
        "Практическое занятие",
        date(2027, 3, 10),
        "Наставник",
        "Протокол педагогического совета",
    ),
    (
        1,
        "Разработка программы развития школы на 2027–2030 годы (раздел)",
        "Проектная работа",
        date(2027, 9, 30),
        "Резервист, наставник",
        "Проект раздела программы",
    ),
    (
        2,
        "Участие в совещании руководителей образовательных организаций",
        "Совещание",
        date(2027, 2, 15),
        "Наставник",
        "Выступление по вопросу повестки",
    ),
    (
        2,
        "Участие в муниципальной конференции «Управление качеством образования»",
        "Конференция",
        date(2027, 4, 20),
        "Резервист",
        "Доклад",
    ),
    (
        2,
        "Участие в работе жюри муниципального конкурса «Учитель года»",
        "Конкурс",
        date(2027, 10, 15),
        "Резервист",
        "Экспертные листы",
    ),
]


def _weasyprint_missing() -> str:
    try:
        import weasyprint  # noqa: F401
    except OSError as e:  # Pango or HarfBuzz is not installed
        return f"WeasyPrint's system libraries are missing: {e}"
    return ""


needs_weasyprint = pytest.mark.skipif(
    bool(_weasyprint_missing()), reason=_weasyprint_missing() or "-"
)
needs_poppler = pytest.mark.skipif(
    not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) is not installed"
)


@pytest.fixture
def town(db):
    return MunicipalityFactory(
        name="Городской округ Стрежевой",
        authority_name="Управление образования Администрации городского округа "
        "Стрежевой",
        place="г. Стрежевой",
    )


@pytest.fixture
def school(town):
    head = PersonFactory(
        organization=OrganizationFactory(municipality=town, short_name="Управление"),
        last_name="Кузнецов",
        first_name="Андрей",
        middle_name="Петрович",
        position=PositionFactory(municipality=town, name="Директор"),
    )
    school = OrganizationFactory(
        municipality=town, short_name="МОУ «СОШ № 1»", full_name=SCHOOL, head=head
    )
    head.organization = school
    head.save()
    return school


@pytest.fixture
def form_version(town):
    form = services.create_plan_form(
        municipality=town, name="Форма плана индивидуальной подготовки"
    )
    version = form.versions.get()
    services.update_form_version(
        version=version,
        column_titles=COLUMNS,
        sections=[(None, title) for title in SECTIONS],
    )
    return services.approve_form_version(
        version=version,
        approval_document="приказ Управления образования",
        approval_number="112",
        approval_date=date(2026, 8, 20),
    )


@pytest.fixture
def approver(town):
    """A coordinator of the town, a head of department of its authority."""
    user = UserFactory(username="approver")
    RoleAssignment.objects.create(user=user, role=Role.COORDINATOR, municipality=town)
    PersonFactory(
        user=user,
        organization=OrganizationFactory(
            municipality=town, short_name="Управление образования"
        ),
        position=PositionFactory(municipality=town, name="Начальник отдела"),
        last_name="Соколова",
        first_name="Марина",
        middle_name="Игоревна",
    )
    return user


@pytest.fixture
def entry(school, town):
    mentor = make_eligible(
        PersonFactory(
            organization=school,
            last_name="Волкова",
            first_name="Елена",
            middle_name="Сергеевна",
        )
    )
    mentor.position = PositionFactory(
        municipality=town,
        name="Заместитель директора по учебно-воспитательной работе",
        is_administrative=True,
    )
    mentor.save()
    reservist = PersonFactory(
        organization=school,
        last_name="Петров",
        first_name="Дмитрий",
        middle_name="Александрович",
        position=PositionFactory(municipality=town, name="Учитель истории"),
    )
    entry = ReserveEntryFactory(
        person=reservist,
        target_position=TargetPosition.objects.create(municipality=town, name=TARGET),
    )
    make_mentorship(entry=entry, mentor=mentor)
    return entry


def _plan(entry, form_version, items=ITEMS) -> IndividualPlan:
    plan = services.create_plan(entry=entry, period_start=START, period_end=END)
    sections = list(form_version.sections.order_by("position"))
    for section, activity, form, deadline, responsible, result in items:
        services.add_item(
            plan=plan,
            by=None,
            data=ItemData(
                section=sections[section],
                activity=activity,
                form_of_work=form,
                deadline=deadline,
                responsible=responsible,
                expected_result=result,
            ),
        )
    return plan


@pytest.fixture
def draft(entry, form_version) -> IndividualPlan:
    return _plan(entry, form_version)


@pytest.fixture
def approved(draft, approver) -> IndividualPlan:
    """The plan approved on 15 March 2027, with progress marked on three rows."""
    with time_machine.travel(TODAY, tick=False):
        services.submit_plan(plan=draft)
        plan = services.approve_plan(plan=draft, by=approver)
        items = list(plan.items.order_by("position"))
        services.mark_item(
            item=items[0],
            status=PlanItem.Status.DONE,
            done_on=date(2026, 12, 20),
            evidence_text="Конспект",
        )
        services.mark_item(
            item=items[5],
            status=PlanItem.Status.NOT_DONE,
            not_done_reason="педсовет перенесён",
        )
        services.mark_item(item=items[1], status=PlanItem.Status.IN_PROGRESS)
        services.mark_item(
            item=items[2],
            status=PlanItem.Status.DONE,
            done_on=date(2027, 2, 10),  # the deadline was 31.01.2027
            evidence_text="Перечень",
        )
        services.confirm_item(item=items[0], by=approver)
        services.remove_item(item=items[9], by=approver)
        plan = services.approve_plan(plan=plan, by=approver)  # the removal
    return plan


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


def _assert_plan_text(text: str) -> None:
    """What both documents show of the approved plan (whitespace collapsed)."""
    for expected in [
        "Форма утверждена приказом Управления образования от 20.08.2026 № 112",
        "УТВЕРЖДАЮ",
        "Начальник отдела",
        "М. И. Соколова",
        "15.03.2027",
        "План индивидуальной подготовки резервиста",
        "Петров Дмитрий Александрович",
        "учитель истории, " + SCHOOL,
        TARGET,
        "Волкова Елена Сергеевна, заместитель директора по учебно-воспитательной "
        "работе",
        "с 01.12.2026 по 30.11.2027",
        "1. Теоретическая подготовка",
        "2. Практическая подготовка и стажировка",
        "3. Участие в мероприятиях",
        *COLUMNS.values(),
        "№ п/п",
        "Курсы повышения квалификации «Менеджмент в образовании»",
        "Стажировка в должности директора на период отпуска руководителя",
        "Удостоверение о повышении квалификации",
        "Наставник, главный бухгалтер",
        "25.12.2026",
        "31.07.2027",
        "Выполнено 20.12.2026 в срок; подтверждено наставником",
        "Выполнено 10.02.2027 с опозданием; не подтверждено наставником",
        "Не выполнено: педсовет перенесён",
        "Выполняется",
        "Отменено",
        "Резервист",
        "Д. А. Петров",
        "Е. С. Волкова",
        "СОГЛАСОВАНО:",
        "Директор МОУ «СОШ № 1»",
        "А. П. Кузнецов",
    ]:
        assert expected in text, expected


def test_plan_context_holds_plain_data(approved):
    context = plan_context(approved)

    assert context["form_requisites"] == (
        "Форма утверждена приказом Управления образования от\u00a020.08.2026 №\u00a0112"
    )
    assert context["approver"] == {
        "position": "Начальник отдела",
        "organization": "Управление образования",
        "name": "М. И. Соколова",
        "date": "15.03.2027",
    }
    assert context["reservist_signature"] == "Д. А. Петров"
    assert context["reservist_position"] == "учитель истории"
    assert context["mentor_organization"] == ""
    assert context["columns"] == COLUMNS
    assert [s["title"] for s in context["sections"]] == SECTIONS
    first = context["sections"][0]["rows"][0]
    assert first == {
        "number": "1.1",
        "activity": ITEMS[0][1],
        "form": "Самостоятельное изучение",
        "deadline": "25.12.2026",
        "responsible": "Резервист",
        "expected_result": "Конспект, собеседование с наставником",
        "mark": "Выполнено 20.12.2026 в срок; подтверждено наставником",
        "keep_with_next": False,
    }
    marks = [i["mark"] for s in context["sections"] for i in s["rows"]]
    assert marks == [
        "Выполнено 20.12.2026 в срок; подтверждено наставником",
        "Выполняется",
        "Выполнено 10.02.2027 с опозданием; не подтверждено наставником",
        "",
        "",
        "Не выполнено: педсовет перенесён",
        "",
        "",
        "",
        "Отменено",
    ]
    assert context["agreed"] == {
        "position": "Директор",
        "organization": "МОУ «СОШ № 1»",
        "name": "А. П. Кузнецов",
    }


def test_plan_context_leaves_the_stamp_blank_until_approved(draft):
    context = plan_context(draft)

    assert context["approver"] == {
        "position": "",
        "organization": "",
        "name": "",
        "date": "",
    }
    assert all(i["mark"] == "" for s in context["sections"] for i in s["rows"])


def test_plan_context_has_no_agreement_when_the_head_approves(draft, town):
    town.plan_approver = Municipality.PlanApprover.HEAD
    town.save(update_fields=["plan_approver"])

    context = plan_context(draft)

    assert context["has_agreement"] is False


def test_plan_context_names_the_mentors_organisation_when_it_differs(
    draft, town, school
):
    draft.mentor.organization = OrganizationFactory(
        municipality=town, short_name="МОУ «СОШ № 2»"
    )
    draft.mentor.save()

    assert plan_context(draft)["mentor_organization"] == "МОУ «СОШ № 2»"


@pytest.mark.parametrize("n_items", [3, 30])
def test_plan_context_query_count_does_not_grow_with_items(
    entry, form_version, n_items, django_assert_num_queries
):
    rows = [ITEMS[i % len(ITEMS)] for i in range(n_items)]
    plan = _plan(entry, form_version, rows)

    with django_assert_num_queries(3):  # the plan with its people, sections, items
        context = plan_context(plan)

    assert sum(len(s["rows"]) for s in context["sections"]) == n_items


def test_render_plan_docx_is_landscape_a4_with_the_margins(approved):
    content, filename, content_type = render_plan(approved, "docx")

    assert filename == "plan-petrov-2026-12-01.docx"
    assert content_type == documents.DOCX_CONTENT_TYPE
    section = Document(BytesIO(content)).sections[0]
    assert section.orientation == 1  # WD_ORIENT.LANDSCAPE
    sizes = [
        section.page_width,
        section.page_height,
        section.left_margin,
        section.right_margin,
        section.top_margin,
        section.bottom_margin,
    ]
    # in mm, rounded: Word stores twentieths of a point
    assert [round(s.mm) for s in sizes] == [297, 210, 20, 10, 20, 20]


def test_render_plan_docx_shows_the_plan(approved):
    text = _docx_text(render_plan(approved, "docx")[0])

    _assert_plan_text(" ".join(text.split()))
    assert "{{" not in text and "{%" not in text


def test_render_plan_docx_table_header_repeats_and_rows_do_not_split(approved):
    content, _filename, _type = render_plan(approved, "docx")

    table = Document(BytesIO(content)).tables[2]
    header, *rows = table.rows
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert [c.text for c in header.cells] == ["№ п/п", *COLUMNS.values()]
    assert len(rows) == len(SECTIONS) + len(ITEMS)
    for row in rows:
        assert row._tr.trPr.find(qn("w:cantSplit")) is not None
    section_row = rows[0]
    assert section_row._tr.find(f"{qn('w:tc')}/{qn('w:tcPr')}/{qn('w:gridSpan')}").get(
        qn("w:val")
    ) == str(len(COLUMNS) + 1)
    assert section_row.cells[0].text == "1. Теоретическая подготовка"
    assert [c.text for c in rows[1].cells][:4] == [
        "1.1",
        ITEMS[0][1],
        "Самостоятельное изучение",
        "25.12.2026",
    ]


def test_render_plan_docx_leaves_lines_to_sign_until_approved(draft):
    text = _docx_text(render_plan(draft, "docx")[0])

    assert "УТВЕРЖДАЮ" in text
    assert "______________ ________________________" in text  # the approver's
    assert text.count("__.__.20__") == 4  # the approver's, the three below
    assert "Выполнено" not in text


def test_render_plan_docx_escapes_xml_in_data(draft):
    item = draft.items.first()
    services.update_item(
        item=item, by=None, expected_version=None, activity="Проект «A & B» <№ 1>"
    )

    text = _docx_text(render_plan(draft, "docx")[0])

    assert "Проект «A & B» <№ 1>" in text


@needs_weasyprint
@needs_poppler
def test_render_plan_pdf_shows_the_same(approved, tmp_path):
    content, filename, content_type = render_plan(approved, "pdf")

    assert filename == "plan-petrov-2026-12-01.pdf"
    assert content_type == "application/pdf"
    assert content.startswith(b"%PDF-")
    path = tmp_path / "plan.pdf"
    path.write_bytes(content)
    assert "841.89 x 595.276 pts (A4)" in _poppler("pdfinfo", path)
    assert "Liberation-Serif" in _poppler("pdffonts", path)  # embedded, not DejaVu
    layout = _poppler("pdftotext", "-layout", path, "-")
    assert "План индивидуальной подготовки резервиста" in layout
    assert "УТВЕРЖДАЮ" in layout
    flat = " ".join(_poppler("pdftotext", "-raw", path, "-").split())
    _assert_plan_text(flat)


@needs_weasyprint
@needs_poppler
def test_render_plan_pdf_repeats_the_header_on_every_page(
    entry, form_version, tmp_path
):
    plan = _plan(entry, form_version, ITEMS * 4)
    path = tmp_path / "plan.pdf"
    path.write_bytes(render_plan(plan, "pdf")[0])

    pages = _poppler("pdftotext", "-layout", path, "-").split("\f")
    pages = [p for p in pages if p.strip()]
    assert len(pages) > 1
    for page in pages[:-1]:
        assert "№ п/п" in page
        assert COLUMNS["expected_result"] in page


def test_render_plan_rejects_an_unknown_format(draft):
    with pytest.raises(ValidationError) as e:
        render_plan(draft, "odt")

    assert e.value.messages == [
        "Неизвестный формат документа «odt»: выберите DOCX или PDF."
    ]


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        (
            "приказ Управления образования",
            "Форма утверждена приказом Управления образования от 20.08.2026 № 112",
        ),
        (
            "Распоряжение администрации",
            "Форма утверждена распоряжением администрации от 20.08.2026 № 112",
        ),
        ("Решение коллегии", "Форма утверждена решением коллегии от 20.08.2026 № 112"),
        ("Протокол совета", "Форма утверждена: Протокол совета от 20.08.2026 № 112"),
        ("", ""),
    ],
)
def test_form_requisites_puts_the_document_in_the_instrumental(document, expected):
    text = form_requisites(document, "112", date(2026, 8, 20))

    assert text.replace("\u00a0", " ") == expected


@pytest.mark.parametrize(
    ("surname", "expected"),
    [
        ("Петров", "plan-petrov-2026-12-01.pdf"),
        ("Щукина-Ёлкина", "plan-shchukina-elkina-2026-12-01.pdf"),
    ],
)
def test_filename_is_ascii(surname, expected, draft):
    draft.reserve_entry.person.last_name = surname

    assert document_services.filename(draft, "pdf") == expected


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
            f"{name} differs: run manage.py build_plan_template"
        )


def test_context_keys_are_documented(draft):
    context = plan_context(draft)

    for name in context:
        assert f"``{name}``" in documents.__doc__, name


def test_plan_context_names_an_approver_without_a_person_initial_first(draft, town):
    """An account not linked to a person still signs «М. Соколова», not «С. Марина»."""
    user = UserFactory(username="sokolova", first_name="Марина", last_name="Соколова")
    RoleAssignment.objects.create(user=user, role=Role.COORDINATOR, municipality=town)
    with time_machine.travel(TODAY, tick=False):
        services.submit_plan(plan=draft)
        services.approve_plan(plan=draft, by=user)

    approver = plan_context(draft)["approver"]

    assert approver["name"] == "М. Соколова"
    assert approver["date"] == "15.03.2027"


@pytest.fixture
def changed(approved, approver) -> IndividualPlan:
    """The approved plan with a row added since, awaiting re-approval."""
    sections = list(approved.form_version.sections.order_by("position"))
    services.add_item(
        plan=approved,
        by=approver,
        data=ItemData(
            section=sections[0],
            activity="Новое мероприятие",
            form_of_work="Консультация",
            deadline=date(2027, 6, 30),
            responsible="Наставник",
            expected_result="Справка",
        ),
    )
    approved.refresh_from_db()
    assert approved.has_unapproved_changes
    return approved


UNAPPROVED = (
    "Изменения, внесённые после утверждения 15.03.2027, ожидают повторного утверждения"
)


def test_plan_context_marks_changes_awaiting_re_approval(changed):
    context = plan_context(changed)

    assert context["unapproved_changes"] == UNAPPROVED
    assert context["approver"] == {
        "position": "",
        "organization": "",
        "name": "",
        "date": "",
    }


def test_render_plan_docx_marks_changes_awaiting_re_approval(changed, approved):
    text = _docx_text(render_plan(changed, "docx")[0])

    assert UNAPPROVED in text
    assert "М. И. Соколова" not in text  # not printed as if approved


def test_render_plan_docx_of_an_approved_plan_has_no_such_mark(approved):
    assert "ожидают повторного" not in _docx_text(render_plan(approved, "docx")[0])


def test_plan_context_keeps_the_last_row_with_the_signatures(approved):
    sections = plan_context(approved)["sections"]
    flags = [row["keep_with_next"] for s in sections for row in s["rows"]]

    assert flags == [False] * (len(flags) - 1) + [True]


def _keeps(paragraphs) -> set[bool]:
    return {bool(p.paragraph_format.keep_with_next) for p in paragraphs}


def test_render_plan_docx_keeps_the_last_rows_and_signatures_together(approved):
    doc = Document(BytesIO(render_plan(approved, "docx")[0]))
    items, signatures = doc.tables[2], doc.tables[3]
    rows = items.rows[1:]  # after the header

    assert _keeps(p for c in rows[-1].cells for p in c.paragraphs) == {True}
    assert _keeps(p for c in rows[-2].cells for p in c.paragraphs) == {False}
    for row in items.rows:  # rows never split; sections may
        assert row._tr.trPr.find(qn("w:cantSplit")) is not None or (
            row._tr.trPr.find(qn("w:tblHeader")) is not None
        )
    signed = [p for r in signatures.rows for c in r.cells for p in c.paragraphs]
    assert _keeps(p for p in signed if p.text) == {True}


def test_render_plan_docx_dates_every_signature(approved):
    doc = Document(BytesIO(render_plan(approved, "docx")[0]))
    signatures = doc.tables[3]

    dated = [r.cells[-1].text for r in signatures.rows if "____" in r.cells[1].text]
    assert dated == ["__.__.20__"] * 3


def _pdf_pages(content: bytes, tmp_path) -> list[str]:
    path = tmp_path / "doc.pdf"
    path.write_bytes(content)
    pages = _poppler("pdftotext", "-layout", path, "-").split("\f")
    return [p for p in pages if p.strip()]


def _context(extra_words: int) -> dict:
    """A plan whose first row grows by `extra_words`: somewhere the rows just fit
    the first page and the signatures would not."""
    rows = [
        {
            "number": f"1.{i}",
            "activity": f"Мероприятие {i} "
            + "длинное описание " * 3
            + ("слово " * extra_words if i == 1 else ""),
            "form": "Форма",
            "deadline": "01.01.2027",
            "responsible": "Резервист",
            "expected_result": "Результат",
            "mark": "",
            "keep_with_next": i == 3,
        }
        for i in range(1, 4)
    ]
    return {
        "approver": {"position": "", "organization": "", "name": "", "date": ""},
        "blank_date": "__.__.20__",
        "columns": COLUMNS,
        "sections": [{"number": "1", "title": "Раздел", "rows": rows}],
        "reservist_signature": "Д. А. Петров",
        "mentor_signature": "Е. С. Волкова",
        "has_agreement": True,
        "agreed": {
            "position": "Директор",
            "organization": "СОШ",
            "name": "А. П. Кузнецов",
        },
    }


@needs_weasyprint
@needs_poppler
def test_render_plan_pdf_never_leaves_the_signatures_alone(tmp_path):
    spilled = 0
    for extra_words in range(0, 16, 3):
        pages = _pdf_pages(documents.render_plan_pdf(_context(extra_words)), tmp_path)
        assert "Д. А. Петров" in pages[-1]
        assert "Мероприятие" in pages[-1], extra_words  # a row goes along
        spilled += len(pages) > 1
    assert spilled  # the case was reached


@needs_weasyprint
@needs_poppler
def test_render_plan_pdf_dates_signatures_and_marks_changes(changed, tmp_path):
    text = " ".join(
        " ".join(_pdf_pages(render_plan(changed, "pdf")[0], tmp_path)).split()
    )

    assert UNAPPROVED in text
    assert text.count("__.__.20__") == 4
    assert "в срок;" in text

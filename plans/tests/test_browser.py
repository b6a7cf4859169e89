"""The individual plan in a real browser (Debian's Chromium), clause 8.1 end to
end: mentor and reservist draft the plan on the approved form and discuss an
item, the coordinator returns it with a remark and then approves it, the
reservist reports an item done with a PDF, the mentor confirms it and finds the
overdue item on the control page."""

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.models import User
from people import services as people_services
from plans import services as plans_services
from plans.tests.factories import make_mentorship
from plans.tests.view_helpers import add
from reserve import services as reserve_services

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PASSWORD = "secret-pass-1"  # accounts.tests.factories.UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _screenshot(page: Page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=path, full_page=True)
    return path


def _sign_in(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Имя пользователя").fill(username)
    page.get_by_label("Пароль").fill(PASSWORD)
    page.get_by_role("button", name="Вход").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Здравствуйте")


def _menu(page: Page, label: str) -> None:
    page.get_by_role("navigation", name="Главное меню").get_by_role(
        "link", name=label, exact=True
    ).click()


def _sign_out(page: Page) -> None:
    page.get_by_role("button", name="Выйти").click()


def _pdf(text: str) -> bytes:
    """A small, real one-page PDF."""
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


@pytest.fixture
def story(coordinator, mentor, reservist, school):
    """Through the services: an approved form with two suggestions, a mentor who
    meets clause 6 and a reservist in the reserve with that mentor."""
    municipality = school.municipality
    User.objects.filter(pk=coordinator.pk).update(
        first_name="Марина", last_name="Соколова"
    )
    deputy = people_services.create_position(
        municipality=municipality, name="Заместитель директора", is_administrative=True
    )
    teacher = people_services.create_position(
        municipality=municipality, name="Учитель математики"
    )
    people_services.update_person(
        person=mentor.person,
        last_name="Волкова",
        first_name="Елена",
        middle_name="Сергеевна",
        position=deputy,
        management_experience=Decimal(10),
    )
    people_services.update_person(
        person=reservist.person,
        last_name="Петров",
        first_name="Дмитрий",
        middle_name="Иванович",
        position=teacher,
    )
    from mentorships import services as mentorships_services

    mentorships_services.confirm_readiness(
        person=mentor.person, confirmed_on=timezone.localdate() - timedelta(days=400)
    )
    target = reserve_services.create_target_position(
        municipality=municipality, name="Директор школы"
    )
    today = timezone.localdate()
    entry = reserve_services.include_in_reserve(
        person=reservist.person,
        target_position=target,
        basis_number="12-р",
        basis_date=today - timedelta(days=400),
        included_on=today - timedelta(days=400),
    )
    make_mentorship(
        mentor=mentor.person, entry=entry, starts_on=today - timedelta(days=390)
    )
    plan_form = plans_services.create_plan_form(
        municipality=municipality, name="План индивидуальной подготовки резервиста"
    )
    version = plan_form.versions.get()
    first, second, *_rest = version.sections.all()
    plans_services.add_suggested_item(
        section=first,
        activity="Изучение устава и локальных актов школы",
        form_of_work="Самостоятельное изучение",
        expected_result="Конспект",
        months_from_start=1,
    )
    plans_services.add_suggested_item(
        section=second,
        activity="Стажировка у директора школы",
        form_of_work="Стажировка",
        expected_result="Отчёт о стажировке",
        months_from_start=6,
    )
    plans_services.approve_form_version(
        version=version,
        approval_document="приказ Управления образования",
        approval_number="45-о",
        approval_date=today - timedelta(days=100),
    )
    return {"entry": entry, "today": today}


def test_plan_from_draft_to_confirmed_progress(
    live_server, page: Page, story, tmp_path
):
    today = story["today"]
    start, end = today - timedelta(days=60), today + timedelta(days=300)

    # The mentor starts the plan from the form's suggestions.
    _sign_in(page, live_server.url, "mentor")
    _menu(page, "Планы")
    mentees = page.locator("#mentees")
    expect(mentees).to_contain_text("Петров Дмитрий Иванович")
    mentees.get_by_role("link", name="Создать план").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Новый план индивидуальной подготовки: Петров Дмитрий Иванович"
    )
    page.get_by_label("Начало периода").fill(start.isoformat())
    page.get_by_label("Окончание периода").fill(end.isoformat())
    page.get_by_label("мероприятиями, которые предлагает утверждённая форма").check()
    _screenshot(page, "plan-create")
    page.get_by_role("button", name="Создать черновик").click()
    expect(page.get_by_role("status").last).to_have_text("Черновик плана создан.")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "План индивидуальной подготовки: Петров Дмитрий Иванович"
    )
    expect(page.locator("#plan-status")).to_contain_text("черновик")
    expect(page.locator("#plan-props")).to_contain_text(
        "утверждена: приказ Управления образования № 45-о"
    )
    rows = page.locator("tr.item-row")
    expect(rows).to_have_count(2)

    # htmx adds the mentor's item in place: a marker on window survives.
    page.evaluate("window.notReloaded = true")
    add = page.locator("#add-item")
    add.locator("summary").click()
    add.get_by_label("Раздел").select_option(label="Участие в мероприятиях")
    add.get_by_label("Мероприятие").fill("Выступление на педагогическом совете")
    add.get_by_label("Срок").fill((today - timedelta(days=10)).isoformat())
    add.get_by_label("Ответственный").fill("Петров Д. И.")
    add.get_by_role("button", name="Добавить мероприятие").click()
    expect(page.get_by_role("status").last).to_have_text("Мероприятие добавлено.")
    expect(rows).to_have_count(3)
    assert page.evaluate("window.notReloaded") is True

    # The mentor opens the discussion of the first item.
    first = page.locator("tr.item-row", has_text="Изучение устава")
    first.locator("summary", has_text="Обсуждение (0)").click()
    first.get_by_label("Ваш комментарий к мероприятию").fill(
        "Начните с устава и коллективного договора."
    )
    first.get_by_role("button", name="Отправить").click()
    expect(first.locator(".comment")).to_have_count(1)
    expect(first.locator(".comment")).to_contain_text("Волкова Е. С.")
    assert page.evaluate("window.notReloaded") is True
    _sign_out(page)

    # The reservist adds an item and answers in the discussion.
    _sign_in(page, live_server.url, "reservist")
    _menu(page, "Мой план")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Петров")
    add = page.locator("#add-item")
    add.locator("summary").click()
    add.get_by_label("Раздел").select_option(label="Самообразование")
    add.get_by_label("Мероприятие").fill("Курсы «Менеджмент в образовании»")
    add.get_by_label("Срок").fill((today + timedelta(days=120)).isoformat())
    add.get_by_role("button", name="Добавить мероприятие").click()
    expect(rows).to_have_count(4)
    first.locator("summary").click()
    first.get_by_label("Ваш комментарий к мероприятию").fill("Хорошо, начну с устава.")
    first.get_by_role("button", name="Отправить").click()
    expect(first.locator(".comment")).to_have_count(2)
    expect(first.locator(".comment").last).to_contain_text("Хорошо, начну с устава.")
    expect(page.locator("#plan-actions")).to_have_count(0)  # only the mentor submits
    _sign_out(page)

    # The mentor submits; the coordinator returns the plan with a remark.
    _sign_in(page, live_server.url, "mentor")
    _menu(page, "Планы")
    page.get_by_role("link", name="Петров Дмитрий Иванович").click()
    page.get_by_role("button", name="Отправить на утверждение").click()
    expect(page.get_by_role("status").last).to_have_text(
        "План отправлен на утверждение."
    )
    expect(page.locator("#plan-status")).to_contain_text("на утверждении")
    _sign_out(page)

    _sign_in(page, live_server.url, "coordinator")
    expect(page.locator("#stat-plans-awaiting")).to_have_text("1")
    page.locator("#stat-plans-awaiting").click()
    expect(page.get_by_text("Найден 1 план")).to_be_visible()
    _screenshot(page, "plans-list")
    page.get_by_role("link", name="Петров Дмитрий Иванович").click()
    page.locator("#return summary").click()
    page.get_by_role("button", name="Вернуть на доработку").click()
    expect(page.locator("#return")).to_contain_text("Обязательное поле.")
    page.get_by_label("Замечания: что нужно исправить").fill(
        "Уточните ответственного за стажировку."
    )
    page.get_by_role("button", name="Вернуть на доработку").click()
    expect(page.get_by_role("status").last).to_have_text("План возвращён на доработку.")
    _sign_out(page)

    # The mentor reads the remark, edits the row in place and submits again.
    _sign_in(page, live_server.url, "mentor")
    page.goto(f"{live_server.url}/plans/")
    page.get_by_role("link", name="Петров Дмитрий Иванович").click()
    expect(page.locator("#remarks")).to_contain_text(
        "Уточните ответственного за стажировку."
    )
    internship = page.locator("tr.item-row", has_text="Стажировка у директора")
    internship.get_by_role("link", name="Изменить").click()
    editor = page.locator("tr.edit-row")
    editor.get_by_label("Ответственный").fill("Волкова Е. С., Петров Д. И.")
    editor.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_role("status").last).to_have_text("Мероприятие сохранено.")
    expect(internship).to_contain_text("Волкова Е. С., Петров Д. И.")
    _screenshot(page, "plan-draft")
    page.get_by_role("button", name="Отправить на утверждение").click()
    _sign_out(page)

    # The coordinator approves.
    _sign_in(page, live_server.url, "coordinator")
    page.goto(f"{live_server.url}/plans/?status=submitted")
    page.get_by_role("link", name="Петров Дмитрий Иванович").click()
    page.get_by_role("button", name="Утвердить", exact=True).click()
    expect(page.get_by_role("status").last).to_have_text("План утверждён.")
    expect(page.locator("#plan-status")).to_contain_text("утверждён")
    _sign_out(page)

    # The reservist reports the council talk done with a PDF.
    pdf = tmp_path / "protokol.pdf"
    pdf.write_bytes(_pdf("Protokol pedsoveta"))
    _sign_in(page, live_server.url, "reservist")
    page.goto(f"{live_server.url}/plans/mine/")
    talk = page.locator("#plan-items tr", has_text="Выступление на педагогическом")
    talk.get_by_role("link", name="Отметить выполнение").click()
    form = page.locator("tr.progress-row")
    form.get_by_label("выполнено", exact=True).check()
    form.get_by_label("Дата выполнения").fill(today.isoformat())
    form.get_by_label("Что сделано (подтверждение выполнения)").fill(
        "Выступил с докладом о наставничестве."
    )
    form.get_by_label("Файлы").set_input_files(pdf)
    form.get_by_role("button", name="Сохранить отметку").click()
    expect(page.get_by_role("status").last).to_have_text(
        "Отметка о выполнении сохранена."
    )
    talk = page.locator("tr.item-row", has_text="Выступление на педагогическом")
    expect(talk).to_contain_text("Ожидает подтверждения наставника")
    expect(talk.get_by_role("link", name="protokol.pdf")).to_be_visible()
    _sign_out(page)

    # The mentor downloads the evidence, confirms, and checks the deadlines.
    _sign_in(page, live_server.url, "mentor")
    page.goto(f"{live_server.url}/plans/")
    page.get_by_role("link", name="Петров Дмитрий Иванович").click()
    with page.expect_download() as download_info:
        talk.get_by_role("link", name="protokol.pdf").click()
    assert download_info.value.suggested_filename == "protokol.pdf"
    talk.get_by_role("button", name="Подтвердить").click()
    expect(talk).to_contain_text("Подтверждено наставником " + _russian_date(today))
    progress = page.locator(".progress-block").first
    expect(progress).to_contain_text("Просрочено: 1")
    expect(progress).to_contain_text("Выполнено с опозданием: 1")
    expect(page.get_by_role("img", name="Мероприятий: 4")).to_be_visible()
    _screenshot(page, "plan-approved")
    progress.screenshot(path=ARTIFACTS / "plan-progress.png")

    _menu(page, "Контроль сроков")
    overdue = page.locator("#control-items tbody tr").first
    expect(overdue).to_contain_text("Изучение устава и локальных актов школы")
    expect(overdue.locator(".badge.bad")).to_contain_text("просрочено на")
    _screenshot(page, "plan-control")
    page.get_by_label("Только просроченные").check()
    expect(page.locator("#control-items tbody tr")).to_have_count(1)

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/plans/")
    page.get_by_role("link", name="Петров Дмитрий Иванович").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("План")
    expect(page.locator("tr.item-row")).to_have_count(4)
    _screenshot(page, "plan-phone")


MONTHS = [
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
]  # fmt: skip


def _russian_date(day) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year} г."


def test_coordinator_edits_and_approves_a_form_version(
    live_server, page: Page, coordinator, school
):
    _sign_in(page, live_server.url, "coordinator")
    _menu(page, "Формы планов")
    expect(page.get_by_role("heading", level=1)).to_have_text("Формы планов")
    page.get_by_label("Наименование формы").fill("План подготовки резервиста")
    page.get_by_role("button", name="Создать форму").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "«План подготовки резервиста», версия 1"
    )

    # htmx saves the structure in place: a marker on window survives.
    page.evaluate("window.notReloaded = true")
    form = page.locator("#structure-form")
    form.get_by_label("Мероприятие").fill("Содержание работы")
    form.get_by_label("Новый раздел").fill("Стажировка в другой школе")
    form.get_by_role("button", name="Сохранить структуру", exact=True).last.click()
    expect(page.get_by_role("status").last).to_have_text("Структура сохранена.")
    expect(form.locator('input[name="sections"]')).to_have_count(7)
    form.get_by_role("button", name="Переместить раздел 6 выше").click()
    expect(form.get_by_label("Раздел 5", exact=True)).to_have_value(
        "Стажировка в другой школе"
    )
    form.get_by_role("button", name="Удалить раздел 5").click()
    expect(form.locator('input[name="sections"]')).to_have_count(6)

    section = page.locator(".section-card").first
    section.locator("summary").click()
    section.get_by_label("Мероприятие").fill("Изучение устава школы")
    section.get_by_label("Срок, месяцев от начала плана").fill("2")
    section.get_by_role("button", name="Добавить").click()
    section = page.locator(".section-card").first
    expect(section).to_contain_text("через 2 месяца от начала")
    assert page.evaluate("window.notReloaded") is True
    _screenshot(page, "plan-form-draft")

    approval = page.locator("#approve")
    approval.get_by_label("Утверждающий документ").fill("приказ Управления образования")
    approval.get_by_label("Номер утверждающего документа").fill("45-о")
    approval.get_by_role("button", name="Утвердить версию").click()
    expect(page.get_by_role("status").last).to_have_text("Версия формы утверждена.")
    expect(page.locator("#requisites")).to_contain_text("45-о")
    expect(page.locator("#structure-form")).to_have_count(0)
    _screenshot(page, "plan-form-approved")


def test_a_stale_edit_shows_the_fresh_row_instead_of_overwriting(
    live_server, page: Page, plan, mentor, reservist
):
    item = add(plan, mentor, "Изучить устав школы", plan.period_start)
    _sign_in(page, live_server.url, "mentor")
    page.goto(f"{live_server.url}{plan.get_absolute_url()}")
    page.evaluate("window.notReloaded = true")
    row = page.locator(f"#item-{item.pk}")
    row.get_by_role("link", name="Изменить").click()
    editor = page.locator("tr.edit-row")
    editor.get_by_label("Ответственный").fill("Волкова Е. С.")

    # Meanwhile the reservist changes the same row.
    plans_services.update_item(
        item=item, by=reservist, expected_version=1, responsible="Петров Д. И."
    )
    editor.get_by_role("button", name="Сохранить").click()

    expect(row.get_by_role("alert")).to_contain_text(
        "Кто-то уже изменил эти данные, пока вы их редактировали."
    )
    expect(row).to_contain_text("Петров Д. И.")
    expect(page.locator("tr.edit-row")).to_have_count(0)
    assert page.evaluate("window.notReloaded") is True


def test_an_item_refused_by_the_server_shows_its_errors_in_place(
    live_server, page: Page, story
):
    """The server answers an invalid htmx form with 422; htmx swaps it anyway
    (htmx-config in base.html), so the errors show without a reload."""
    today = story["today"]
    plan = plans_services.create_plan(
        entry=story["entry"],
        period_start=today - timedelta(days=60),
        period_end=today + timedelta(days=300),
    )
    blocked = []  # what the Content-Security-Policy refused, as the console says
    page.on(
        "console",
        lambda m: blocked.append(m.text) if "Content Security" in m.text else None,
    )
    _sign_in(page, live_server.url, "mentor")
    page.goto(f"{live_server.url}{plan.get_absolute_url()}")
    page.evaluate("window.notReloaded = true")
    add = page.locator("#add-item")
    add.evaluate("details => { details.open = true; }")  # open already when empty

    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        add.get_by_role("button", name="Добавить мероприятие").click()

    assert answer.value.status == 422
    expect(page.locator("#add-item")).to_contain_text("Обязательное поле.")
    assert page.evaluate("window.notReloaded") is True
    assert blocked == []

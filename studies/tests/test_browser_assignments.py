"""Study assignments in a real browser (Debian's Chromium): the mentor assigns an
act checked by an interview; the reservist marks it studied and asks a question;
the mentor answers and records the interview; the reservist describes how they
applied the act and the mentor evaluates it."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from legal_acts.tests.conftest import make_act
from mentorships.tests.factories import MentorshipFactory
from people.models import Person
from reserve.tests.factories import ReserveEntryFactory
from studies.models import PracticeCase, StudyAssignment

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PASSWORD = "secret-pass-1"  # accounts.tests.factories.UserFactory
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def today():
    """The real day: the live server runs in its own thread, no time travel."""
    return timezone.localdate()


@pytest.fixture
def story(mentor, reservist, municipality, today):
    Person.objects.filter(pk=mentor.person.pk).update(
        last_name="Волкова", first_name="Елена", middle_name="Сергеевна"
    )
    Person.objects.filter(pk=reservist.person.pk).update(
        last_name="Петров", first_name="Дмитрий", middle_name="Иванович"
    )
    make_act(municipality)
    make_act(
        municipality,
        level="federal",
        kind="code",
        number="197-ФЗ",
        title="Трудовой кодекс Российской Федерации",
    )
    return MentorshipFactory(
        mentor=mentor.person,
        reserve_entry=ReserveEntryFactory(person=reservist.person),
        starts_on=today - timedelta(days=60),
        planned_end_on=today + timedelta(days=300),
    )


def _screenshots(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    for suffix, width in (("desktop", 1280), ("phone", 390)):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=ARTIFACTS / f"{name}-{suffix}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def _sign_in(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Имя пользователя").fill(username)
    page.get_by_label("Пароль").fill(PASSWORD)
    page.get_by_role("button", name="Вход").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Здравствуйте")


def _open_assignment(page: Page) -> None:
    page.get_by_role("navigation", name="Главное меню").get_by_role(
        "link", name="Изучение НПА", exact=True
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Изучение НПА")
    page.get_by_role("link", name="Трудовой кодекс Российской Федерации").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Трудовой кодекс Российской Федерации"
    )


def test_an_assignment_checked_by_an_interview_with_an_application(
    live_server, page: Page, story, today, tmp_path
):
    # The mentor assigns the Labour Code, checked by an interview.
    _sign_in(page, live_server.url, "mentor")
    page.get_by_role("navigation", name="Главное меню").get_by_role(
        "link", name="Изучение НПА", exact=True
    ).click()
    page.get_by_role("link", name="Поручить изучить акт").click()
    page.get_by_label("Резервист").select_option(label="Петров Дмитрий Иванович")
    page.locator("#id_act").select_option(
        label="Трудовой кодекс Российской Федерации (кодекс № 197-ФЗ)"
    )
    page.get_by_label("Статьи").fill("ст. 21, 22, 189")
    page.get_by_label("Цель").fill("Знать права и обязанности работодателя")
    page.get_by_label("Срок").fill((today - timedelta(days=1)).isoformat())
    expect(page.get_by_role("group", name="Настройки теста")).to_be_visible()
    _screenshots(page, "study-form-test")
    page.get_by_label("собеседование").check()
    expect(page.get_by_role("group", name="Настройки теста")).to_be_hidden()
    page.get_by_role("button", name="Поручить").click()
    expect(page.get_by_text("Срок не может быть в прошлом.")).to_be_visible()
    assert not StudyAssignment.objects.exists()
    _screenshots(page, "study-form")
    page.get_by_label("Срок").fill((today + timedelta(days=14)).isoformat())
    page.get_by_role("button", name="Поручить").click()
    expect(page.get_by_text("Поручение изучить акт дано.")).to_be_visible()
    expect(page.get_by_text("ст. 21, 22, 189")).to_be_visible()
    page.get_by_role("button", name="Выйти").click()

    # The reservist marks it studied and asks a question.
    _sign_in(page, live_server.url, "reservist")
    _open_assignment(page)
    page.get_by_role("button", name="Отметить как изученное").click()
    expect(page.get_by_text("Акт отмечен как изученный.")).to_be_visible()
    page.get_by_label("Ваш вопрос").fill(
        "Нужно ли согласовывать правила внутреннего распорядка с профсоюзом?"
    )
    page.get_by_role("button", name="Спросить").click()
    expect(page.get_by_text("Вопрос отправлен наставнику.")).to_be_visible()
    page.get_by_role("button", name="Выйти").click()

    # The mentor answers and records the interview.
    _sign_in(page, live_server.url, "mentor")
    _open_assignment(page)
    page.locator("textarea[id$=answer]").fill(
        "Да, с учётом мнения представительного органа работников (ст. 190 ТК РФ)."
    )
    page.get_by_role("button", name="Ответить").click()
    expect(page.get_by_text("Ответ сохранён.")).to_be_visible()
    page.locator("#id_mark").select_option(label="4 (хорошо)")
    page.get_by_label("Комментарий").fill("Уверенно знает ст. 21, 22; ст. 189 — слабо.")
    page.get_by_role("button", name="Записать собеседование").click()
    expect(page.get_by_text("Собеседование записано.")).to_be_visible()
    expect(page.get_by_text("проверка пройдена")).to_be_visible()
    page.get_by_role("button", name="Выйти").click()

    # The reservist describes the application with a file.
    _sign_in(page, live_server.url, "reservist")
    _open_assignment(page)
    expect(page.get_by_text("ст. 190 ТК РФ")).to_be_visible()
    page.get_by_label("Как вы применили акт").fill(
        "Подготовил проект правил внутреннего трудового распорядка и согласовал "
        "его с профсоюзным комитетом."
    )
    scan = tmp_path / "правила.pdf"
    scan.write_bytes(PDF)
    page.get_by_label("Файл").set_input_files(scan)
    page.get_by_role("button", name="Отправить наставнику").click()
    expect(
        page.get_by_text("Описание применения отправлено наставнику.")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Скачать «правила.pdf»")).to_be_visible()
    _screenshots(page, "study-card-reservist")
    page.get_by_role("button", name="Выйти").click()

    # The mentor evaluates it: remarks need a comment.
    _sign_in(page, live_server.url, "mentor")
    _open_assignment(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Скачать «правила.pdf»").click()
    assert download.value.suggested_filename == "правила.pdf"
    page.get_by_label("применено с замечаниями").check()
    page.get_by_role("button", name="Оценить").click()
    expect(
        page.get_by_text("Укажите, что не так: комментарий обязателен.")
    ).to_be_visible()
    page.locator("#id_evaluation_comment").fill(
        "Не указан срок ознакомления работников с правилами."
    )
    page.get_by_role("button", name="Оценить").click()
    expect(page.get_by_text("Применение оценено.")).to_be_visible()
    case = PracticeCase.objects.get()
    assert case.evaluation == PracticeCase.Evaluation.REMARKS
    _screenshots(page, "study-card-mentor")
    page.get_by_role("navigation", name="Главное меню").get_by_role(
        "link", name="Изучение НПА", exact=True
    ).click()
    _screenshots(page, "study-list")

"""A test in a real browser (Debian's Chromium): the coordinator adds a question
to the act's bank, the mentor builds the test from the bank and by hand, the
reservist fails once and passes, then sees the right answers."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from people.models import Person
from studies import services
from studies.models import QuizQuestion, StudyAssignment
from studies.services import OptionData

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PASSWORD = "secret-pass-1"  # accounts.tests.factories.UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def today():
    """The real day: the live server runs in its own thread, no time travel."""
    return timezone.localdate()


@pytest.fixture
def story(mentorship, act, reservist, today) -> StudyAssignment:
    Person.objects.filter(pk=reservist.person.pk).update(
        last_name="Петров", first_name="Дмитрий", middle_name="Иванович"
    )
    services.add_question(
        bank=services.bank_of(act),
        text="Кто назначает руководителя муниципальной школы?",
        kind=QuizQuestion.Kind.SINGLE,
        options=[
            OptionData("Учредитель", True),
            OptionData("Педагогический совет"),
            OptionData("Общее собрание работников"),
        ],
    )
    return services.assign(
        mentorship=mentorship,
        act=act,
        by=mentorship.mentor.user,
        aim="Знать полномочия руководителя",
        due_on=today + timedelta(days=30),
        check_method=StudyAssignment.CheckMethod.TEST,
        max_attempts=3,
        pass_threshold=100,
        time_limit_minutes=20,
        show_answers=True,
    )


def _screenshots(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    for suffix, width in (("desktop", 1280), ("phone", 390)):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=ARTIFACTS / f"{name}-{suffix}.png", full_page=True)
        widest = page.evaluate("document.documentElement.scrollWidth")
        assert widest <= width, f"{name} is {widest}px wide at {width}px"
    page.set_viewport_size({"width": 1280, "height": 900})


def _sign_in(page: Page, base_url: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Имя пользователя").fill(username)
    page.get_by_label("Пароль").fill(PASSWORD)
    page.get_by_role("button", name="Вход").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Здравствуйте")


def _coordinator_adds_to_the_bank(page: Page) -> None:
    page.get_by_role("navigation", name="Главное меню").get_by_role(
        "link", name="Нормативные акты", exact=True
    ).click()
    page.get_by_role("link", name="Банк вопросов").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Банки вопросов")
    _screenshots(page, "studies-banks")
    page.get_by_role("link", name="Об образовании в Российской Федерации").click()
    page.get_by_role("link", name="Добавить вопрос").click()
    page.locator("#id_text").fill("Какие документы обязательны для школы?")
    page.get_by_label("несколько верных вариантов").check()
    page.locator("#id_option_1").fill("Устав")
    page.locator("#id_correct_1").check()
    page.locator("#id_option_2").fill("Лицензия на образовательную деятельность")
    page.locator("#id_correct_2").check()
    page.locator("#id_option_3").fill("Бизнес-план")
    _screenshots(page, "studies-bank-question")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_text("Вопрос сохранён.")).to_be_visible()
    expect(page.get_by_text("✓ верный")).to_have_count(3)
    _screenshots(page, "studies-bank")


def _mentor_builds(page: Page, base_url: str, story: StudyAssignment) -> None:
    page.goto(f"{base_url}/studies/{story.pk}/test/")
    page.get_by_role("link", name="Взять из банка вопросов").click()
    page.get_by_label("Кто назначает руководителя муниципальной школы?").check()
    page.get_by_label("Какие документы обязательны для школы?").check()
    _screenshots(page, "studies-quiz-bank-pick")
    page.get_by_role("button", name="Добавить в тест").click()
    expect(page.get_by_text("Вопросы добавлены в тест.")).to_be_visible()
    page.get_by_role("link", name="Добавить вопрос").click()
    page.locator("#id_text").fill("Сколько длится испытательный срок руководителя?")
    page.locator("#id_option_1").fill("До шести месяцев")
    page.locator("#id_correct_1").check()
    page.locator("#id_option_2").fill("Два года")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_text("Вопрос сохранён.")).to_be_visible()
    expect(page.locator(".quiz-questions > li")).to_have_count(3)
    _screenshots(page, "studies-quiz-mentor")


def _answer(page: Page, labels: list[str]) -> None:
    for label in labels:
        page.get_by_label(label, exact=True).check()
    page.get_by_role("button", name="Отправить ответы").click()


def _reservist_takes(page: Page, base_url: str, story: StudyAssignment) -> None:
    page.goto(f"{base_url}/studies/{story.pk}/test/")
    expect(page.get_by_text("3 всего, осталось 3")).to_be_visible()
    _screenshots(page, "studies-quiz-reservist")
    page.get_by_role("button", name="Начать попытку").click()
    expect(page.get_by_text("Попытка 1 из 3.")).to_be_visible()
    expect(page.get_by_text("Осталось минут: 20", exact=False)).to_be_visible()
    content = page.content()
    assert "верный" not in content and "✓" not in content
    _screenshots(page, "studies-quiz-take")
    _answer(page, ["Педагогический совет", "Устав", "Два года"])
    expect(page.get_by_role("heading", level=1)).to_have_text("Результат попытки 1")
    expect(page.get_by_text("не пройден")).to_be_visible()
    expect(page.get_by_text("0 из 3")).to_be_visible()
    page.get_by_role("link", name="На страницу теста").click()
    page.get_by_role("button", name="Начать попытку").click()
    expect(page.get_by_text("Попытка 2 из 3.")).to_be_visible()
    _answer(
        page,
        [
            "Учредитель",
            "Устав",
            "Лицензия на образовательную деятельность",
            "До шести месяцев",
        ],
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Результат попытки 2")
    expect(page.get_by_text("3 из 3")).to_be_visible()
    expect(page.get_by_text("✓ верный").first).to_be_visible()
    _screenshots(page, "studies-quiz-result")
    page.get_by_role("link", name="На страницу теста").click()
    expect(page.get_by_text("Тест пройден.")).to_be_visible()
    expect(page.get_by_role("button", name="Начать попытку")).to_have_count(0)


def test_the_test_is_built_from_the_bank_and_passed_at_the_second_attempt(
    live_server, page: Page, story, coordinator
):
    _sign_in(page, live_server.url, "coordinator")
    _coordinator_adds_to_the_bank(page)
    _sign_in(page, live_server.url, "mentor")
    _mentor_builds(page, live_server.url, story)
    _sign_in(page, live_server.url, "reservist")
    _reservist_takes(page, live_server.url, story)
    story.refresh_from_db()
    assert story.status == StudyAssignment.Status.PASSED

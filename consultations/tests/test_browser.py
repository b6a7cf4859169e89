"""Consultations in a real browser (Debian's Chromium): the mentor logs a
consultation with a next step and a private note; the reservist sees the step
but never the note, and marks the step done."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from mentorships.tests.factories import MentorshipFactory
from people.models import Person
from reserve.tests.factories import ReserveEntryFactory

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PASSWORD = "secret-pass-1"  # accounts.tests.factories.UserFactory
SECRET = "Волнуется при выступлениях, предложить вести совещание"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def today():
    """The real day: the live server runs in its own thread, no time travel."""
    return timezone.localdate()


@pytest.fixture
def story(mentor, reservist, today):
    Person.objects.filter(pk=mentor.person.pk).update(
        last_name="Волкова", first_name="Елена", middle_name="Сергеевна"
    )
    Person.objects.filter(pk=reservist.person.pk).update(
        last_name="Петров", first_name="Дмитрий", middle_name="Иванович"
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


def _menu(page: Page, label: str) -> None:
    page.get_by_role("navigation", name="Главное меню").get_by_role(
        "link", name=label, exact=True
    ).click()


def _log(page: Page, day: str, topic: str, summary: str, *, private: bool) -> None:
    page.get_by_role("link", name="Внести консультацию").click()
    page.locator("#id_mentorship").select_option(label="Петров Дмитрий Иванович")
    page.locator("#id_held_on").fill(day)
    page.locator("#id_duration_minutes").fill("60")
    page.locator("#id_format").select_option(label="разбор ситуации")
    page.locator("#id_area").select_option(
        label="деловые взаимоотношения с руководителями разных уровней"
    )
    page.locator("#id_topic").fill(topic)
    page.locator("#id_summary").fill(summary)
    if private:
        page.get_by_label("личная заметка наставника").check()
    else:
        page.locator("#id_steps-0-text").fill("Подготовить проект приказа")
        page.locator("#id_steps-0-due_on").fill(day)
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(topic)


def test_reservist_sees_the_step_but_not_the_private_note(
    live_server, page: Page, story, today
):
    day = today.isoformat()
    _sign_in(page, live_server.url, "mentor")
    _menu(page, "Консультации")
    _log(page, day, "Подготовка к педсовету", "Разобрали повестку.", private=False)
    expect(page.get_by_text("Подготовить проект приказа")).to_be_visible()
    _menu(page, "Консультации")
    _log(page, day, "Наблюдения наставника", SECRET, private=True)
    expect(page.get_by_text("Личная заметка: её видите только вы")).to_be_visible()
    _menu(page, "Консультации")
    expect(page.get_by_text("Найдено 2 консультации")).to_be_visible()
    expect(page.get_by_text("личная заметка", exact=True)).to_be_visible()
    _screenshots(page, "consultations-log")
    page.get_by_role("button", name="Выйти").click()

    _sign_in(page, live_server.url, "reservist")
    _menu(page, "Мои консультации")
    steps = page.get_by_role("region", name="Мои шаги")
    expect(steps.get_by_text("Подготовить проект приказа")).to_be_visible()
    expect(page.get_by_text("Подготовка к педсовету")).to_be_visible()
    content = page.content()
    assert "Наблюдения наставника" not in content
    assert SECRET not in content
    _screenshots(page, "consultations-mine")
    steps.get_by_role("button", name="Отметить выполненным").click()
    expect(page.get_by_text("Шаг отмечен выполненным.")).to_be_visible()
    expect(steps.get_by_text("выполнен", exact=False)).to_be_visible()


def test_reservist_asks_and_the_mentor_schedules(live_server, page: Page, story, today):
    _sign_in(page, live_server.url, "reservist")
    _menu(page, "Мои консультации")
    page.get_by_role("link", name="Запросить консультацию").click()
    page.locator("#id_topic").fill("Как готовить педсовет")
    page.locator("#id_preferred_from").fill((today - timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Отправить").click()
    expect(page.get_by_text("Удобные даты не могут быть в прошлом.")).to_be_visible()
    page.locator("#id_preferred_from").fill((today + timedelta(days=2)).isoformat())
    page.get_by_role("button", name="Отправить").click()
    requests = page.get_by_role("region", name="Мои запросы")
    expect(requests.get_by_text("ждёт ответа наставника")).to_be_visible()
    page.get_by_role("button", name="Выйти").click()

    _sign_in(page, live_server.url, "mentor")
    _menu(page, "Консультации")
    page.get_by_role("link", name="Запросы консультаций").click()
    page.get_by_role("link", name="Как готовить педсовет").click()
    _screenshots(page, "consultations-request")
    page.get_by_role("button", name="Назначить").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Как готовить педсовет")
    expect(page.get_by_text("запланирована")).to_be_visible()
    page.get_by_role("link", name="Изменить").click()
    _screenshots(page, "consultations-form")

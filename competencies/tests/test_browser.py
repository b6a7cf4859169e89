"""Competencies in a real browser: the reservist assesses themselves at the
start, the mentor assesses them, and the reservist then sees both and the
largest gaps."""

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

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def story(mentor, reservist):
    today = timezone.localdate()
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
    page.context.clear_cookies()
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Имя пользователя").fill(username)
    page.get_by_label("Пароль").fill(PASSWORD)
    page.get_by_role("button", name="Вход").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Здравствуйте")


def _assess(page: Page, levels: list[str]) -> None:
    page.get_by_role("navigation", name="Главное меню").get_by_role(
        "link", name="Мои компетенции", exact=True
    ).click()
    page.get_by_role("link", name="Оценить: начало наставничества").click()
    fields = page.get_by_label("Уровень (1–5)")
    expect(fields).to_have_count(7)
    for i in range(7):
        fields.nth(i).fill(levels[i])
    page.get_by_role("button", name="Отправить оценку").click()
    expect(page.get_by_text("Оценка отправлена.")).to_be_visible()


def test_reservist_sees_both_and_the_gaps(live_server, page: Page, story):
    _sign_in(page, live_server.url, "reservist")
    _assess(page, ["5", "3", "3", "4", "3", "3", "3"])
    expect(page.locator("#gaps-start")).to_have_count(0)
    _sign_in(page, live_server.url, "mentor")
    _assess(page, ["2", "3", "3", "3", "3", "3", "3"])
    _sign_in(page, live_server.url, "reservist")
    page.goto(f"{live_server.url}/competencies/reservists/{story.reserve_entry_id}/")
    expect(page.locator("#profile-start")).to_be_visible()
    gaps = page.locator("#gaps-start li")
    expect(gaps).to_have_count(2)
    expect(gaps.first).to_contain_text("самооценка 5, наставник 2")
    _screenshots(page, "competencies-profile")

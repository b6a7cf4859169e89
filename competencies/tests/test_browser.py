"""Competencies in a real browser: the reservist assesses themselves at the
start, the mentor assesses them, and the reservist then sees both, the largest
gaps and the growth chart; the coordinator sees the chart on the reserve card
(htmx). Nothing is refused by the Content-Security-Policy."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import ConsoleMessage, Page, expect

from competencies.tests.conftest import submit
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


def _console_errors(page: Page) -> list[str]:
    """What the console reports as errors (a style or script the
    Content-Security-Policy refused among them), as the test goes on; the
    browser's own request of /favicon.ico, which the site has not, aside."""
    errors: list[str] = []

    def console(message: ConsoleMessage) -> None:
        where = message.location.get("url", "")
        if message.type == "error" or "Content Security" in message.text:
            if not where.endswith("/favicon.ico"):
                errors.append(f"{message.text} ({where})")

    page.on("console", console)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def test_reservist_sees_both_and_the_gaps(live_server, page: Page, story):
    errors = _console_errors(page)
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
    charts = page.get_by_role("img", name="Самооценка и оценка наставника", exact=False)
    expect(charts).to_have_count(8)  # the average and seven competencies
    expect(page.locator("#growth-chart-1 desc")).to_contain_text(
        "Самооценка: начало — 5"
    )
    page.get_by_text("Значения графиков в виде таблицы").click()
    expect(page.locator("#growth-values")).to_be_visible()
    # The chart takes the column's width and keeps its proportions.
    box = page.locator("#growth-chart-1").bounding_box()
    assert box is not None and 200 < box["width"] and 0.4 < box["height"] / box["width"]
    _screenshots(page, "competencies-profile")
    page.set_viewport_size({"width": 390, "height": 900})
    phone = page.locator("#growth-chart-1").bounding_box()
    assert phone is not None and phone["width"] > 300  # one panel a row
    page.set_viewport_size({"width": 1280, "height": 900})
    assert errors == []


def test_reserve_card_loads_the_chart(live_server, page: Page, story, coordinator):
    submit(story, "self", "start", 5, 3)
    submit(story, "mentor", "start", 2, 4)
    submit(story, "self", "middle", 5, 4)
    submit(story, "mentor", "middle", 3, 4)
    errors = _console_errors(page)
    _sign_in(page, live_server.url, "coordinator")
    page.goto(f"{live_server.url}/reserve/{story.reserve_entry_id}/")
    growth = page.locator("#growth")
    expect(growth).to_be_visible()
    expect(growth.get_by_role("heading", name="Динамика компетенций")).to_be_visible()
    expect(growth.get_by_role("img")).to_have_count(8)
    expect(
        growth.get_by_role("link", name="Профиль компетенций полностью")
    ).to_be_visible()
    growth.scroll_into_view_if_needed()
    _screenshots(page, "competencies-card")
    assert errors == []

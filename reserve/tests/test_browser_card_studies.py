"""The reservist's card loads the study of legal acts (a higher app's fragment)
by htmx in a real browser: the flagged check stands out."""

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from playwright.sync_api import Page, expect

from mentorships.tests.factories import MentorshipFactory
from reserve.tests.factories import ReserveEntryFactory
from studies.tests.stories import live_studies

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PASSWORD = "secret-pass-1"  # accounts.tests.factories.UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_card_shows_the_flagged_check(
    live_server, page: Page, coordinator, mentor, reservist
):
    noon = datetime(2027, 1, 15, 12, tzinfo=ZoneInfo("Asia/Tomsk"))
    with time_machine.travel(noon, tick=False):
        mentorship = MentorshipFactory.create(
            mentor=mentor.person,
            reserve_entry=ReserveEntryFactory(person=reservist.person),
        )
        live_studies(mentorship)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Имя пользователя").fill("coordinator")
    page.get_by_label("Пароль").fill(PASSWORD)
    page.get_by_role("button", name="Вход").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    page.goto(f"{live_server.url}/reserve/{mentorship.reserve_entry_id}/")

    studies = page.locator("#card-studies")
    expect(studies.get_by_role("heading", level=2)).to_have_text(
        "Изучение нормативных правовых актов"
    )
    expect(studies.locator(".recheck")).to_contain_text(
        "Требуется повторная проверка: Об образовании в Российской Федерации"
    )
    expect(studies.locator("tbody tr")).to_have_count(4)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "card-studies.png", full_page=True)

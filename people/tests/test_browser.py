"""The coordinator's personal-data path in a real browser (Debian's Chromium): the
people list and a card are logged, a person who left the reserve years ago is
anonymised with a confirmation, and the access log shows it all, on a desktop and
a phone."""

from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from people.tests.factories import PersonFactory
from reserve.models import ReserveEntry
from reserve.tests.factories import ReserveEntryFactory

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PASSWORD = "secret-pass-1"  # accounts.tests.factories.UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _screenshot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)


def _sign_in(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Имя пользователя").fill(username)
    page.get_by_label("Пароль").fill(PASSWORD)
    page.get_by_role("button", name="Вход").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Здравствуйте")


def test_coordinator_anonymises_a_former_reservist_and_reads_the_log(
    live_server, page: Page, coordinator, school
):
    person = PersonFactory.create(
        organization=school,
        last_name="Сидоров",
        first_name="Пётр",
        middle_name="Ильич",
        email="sidorov@example.org",
    )
    ReserveEntryFactory.create(
        person=person,
        status=ReserveEntry.Status.APPOINTED,
        appointed_on=date(2020, 1, 15),
        appointed_position="Директор",
    )
    page.set_viewport_size({"width": 1280, "height": 800})
    _sign_in(page, live_server.url, "coordinator")

    page.get_by_role("link", name="Люди").first.click()
    page.get_by_role("link", name="Сидоров Пётр Ильич").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Сидоров Пётр Ильич")
    _screenshot(page, "people-card-before-anonymisation")

    page.get_by_role("link", name="Обезличить").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Обезличить")
    page.get_by_role("button", name="Обезличить").click()
    anonymised = f"Обезличено №{person.pk}"
    expect(page.get_by_role("heading", level=1)).to_have_text(anonymised)
    expect(page.get_by_text("sidorov@example.org")).to_have_count(0)

    page.get_by_role("link", name="Журнал доступа").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Журнал доступа")
    rows = page.locator("#rows tbody tr")
    expect(rows.filter(has_text="обезличивание")).to_have_count(1)
    # the card before and after, on the redirect
    expect(rows.filter(has_text="карточка")).to_have_count(2)
    expect(rows.filter(has_text="список")).to_have_count(1)
    expect(page.get_by_text("Сидоров")).to_have_count(0)
    _screenshot(page, "access-log-desktop")

    page.get_by_label("Вид").select_option(label="обезличивание")
    expect(rows).to_have_count(1)
    page.set_viewport_size({"width": 390, "height": 844})
    _screenshot(page, "access-log-phone")

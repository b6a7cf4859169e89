"""The inclusion form's type-ahead person select in a real browser: typing offers
matches, the keyboard picks one, the form saves it; on a desktop and a phone."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from people.tests.factories import PersonFactory
from reserve.models import ReserveEntry
from reserve.tests.factories import TargetPositionFactory

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PASSWORD = "secret-pass-1"  # accounts.tests.factories.UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}]
)
def test_coordinator_picks_a_person_by_typing(
    live_server, page: Page, coordinator, municipality, school, viewport
):
    page.set_viewport_size(viewport)
    PersonFactory(organization=school, last_name="Ёжикова", first_name="Анна")
    PersonFactory(organization=school, last_name="Ежов", first_name="Пётр")
    PersonFactory(organization=school, last_name="Смирнова")
    TargetPositionFactory(municipality=municipality, name="Директор")
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Имя пользователя").fill("coordinator")
    page.get_by_label("Пароль").fill(PASSWORD)
    page.get_by_role("button", name="Вход").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    page.goto(f"{live_server.url}/reserve/new/")
    person = page.get_by_role("combobox", name="Работник")
    person.press_sequentially("ёж")
    options = page.get_by_role("listbox").get_by_role("option")
    expect(options).to_have_count(2)  # «ё» matches «е»; Смирнова is not offered
    expect(person).to_have_attribute("aria-expanded", "true")
    ARTIFACTS.mkdir(exist_ok=True)
    phone = "phone" if viewport["width"] < 600 else "desktop"
    page.screenshot(path=ARTIFACTS / f"person-search-{phone}.png", full_page=True)

    person.press("ArrowDown")
    person.press("ArrowDown")
    chosen = options.nth(1)
    expect(chosen).to_have_attribute("aria-selected", "true")
    name = chosen.inner_text()
    person.press("Enter")
    expect(person).to_have_value(name)
    expect(page.get_by_role("listbox")).to_be_hidden()

    page.get_by_label("Целевая должность").select_option(label="Директор")
    page.get_by_label("Номер документа-основания").fill("12")
    page.get_by_label("Дата документа-основания").fill("2026-01-10")
    page.get_by_role("button", name="Сохранить").click()

    expect(page.get_by_role("status")).to_be_visible()
    assert ReserveEntry.objects.get().person.last_name in name

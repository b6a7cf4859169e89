"""The calendar in a real browser (Debian's Chromium): the reservist opens it
from the menu, goes to January 2027, reads the month grid and the agenda,
creates the feed's secret address (which opens as an .ics), replaces it, and
reads the month on a phone, where the grid gives way to the agenda (axe checks
every page)."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

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


def test_the_reservist_reads_the_month_and_subscribes(page: Page, live_server, world):
    _sign_in(page, live_server.url, "reservist")
    page.get_by_role("link", name="Календарь").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Календарь")

    page.get_by_label("Месяц", exact=True).fill("2027-01")
    page.get_by_role("button", name="Показать").click()
    expect(page.locator("#calendar-month")).to_have_text("Январь 2027")
    grid = page.locator("#month-grid")
    expect(grid).to_be_visible()
    expect(grid).to_contain_text("Семинар директоров")
    expect(grid).to_contain_text("Задача на 12 января")
    expect(grid).to_contain_text("10:00 Ваша аттестация")
    expect(page.locator("#agenda")).to_be_hidden()  # a wide screen: the grid
    _screenshot(page, "agenda-month-desktop")
    page.emulate_media(media="print")  # printed: the grid without the menu
    expect(page.locator(".topbar")).to_be_hidden()
    expect(grid).to_be_visible()
    _screenshot(page, "agenda-month-print")
    page.emulate_media(media="screen")

    page.get_by_role("link", name="Февраль 2027 →").click()
    expect(page.locator("#calendar-month")).to_have_text("Февраль 2027")
    page.get_by_role("link", name="← Январь 2027").click()
    page.get_by_role("link", name="Список", exact=True).click()
    expect(grid).to_have_count(0)
    day = page.get_by_role("region", name="Среда, 27 января")
    expect(day).to_contain_text("Ваша аттестация")
    expect(page.locator("#agenda")).to_contain_text("18.01–29.01")
    _screenshot(page, "agenda-list-desktop")

    page.emulate_media(media="print")  # printed: the list without the menu
    expect(page.locator(".topbar")).to_be_hidden()
    expect(page.locator("#feed")).to_be_hidden()
    expect(page.locator("#agenda")).to_be_visible()
    _screenshot(page, "agenda-list-print")
    page.emulate_media(media="screen")

    page.get_by_role("link", name="Задача на 12 января").first.click()
    expect(page).to_have_url(f"{live_server.url}/plans/{world.plan.pk}/")
    page.go_back()

    page.get_by_role("button", name="Создать адрес").click()
    expect(page.get_by_role("status")).to_contain_text("Адрес календаря создан.")
    address = page.get_by_label("Адрес (скопируйте его сейчас")
    first = address.input_value()
    assert first.startswith(f"{live_server.url}/calendar/feed/")
    ics = page.request.get(first)
    assert ics.status == 200
    assert ics.text().startswith("BEGIN:VCALENDAR")

    page.get_by_role("button", name="Создать новый адрес").click()
    expect(page.get_by_role("status")).to_contain_text(
        "прежний адрес больше не работает"
    )
    second = page.get_by_label("Адрес (скопируйте его сейчас").input_value()
    assert second != first
    assert page.request.get(first).status == 404
    _screenshot(page, "agenda-feed-desktop")

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/calendar/?month=2027-01")
    expect(page.locator("#month-grid")).to_be_hidden()
    expect(page.locator("#agenda")).to_be_visible()
    expect(page.get_by_role("region", name="Среда, 27 января")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "nothing sticks out on a phone"
    _screenshot(page, "agenda-month-phone")

    page.get_by_role("button", name="Отключить адрес").click()
    expect(page.get_by_role("status")).to_contain_text("Адрес календаря отключён.")
    assert page.request.get(second).status == 404

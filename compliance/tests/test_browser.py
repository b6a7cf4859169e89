"""The compliance table in a real browser (Debian's Chromium): the coordinator
opens it from the menu, filters by an obligation's status, opens a cell's link,
and reads the table on a desktop and on a phone."""

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


def test_coordinator_filters_the_table_and_opens_a_cell(
    page: Page, live_server, world, coordinator
):
    page.set_viewport_size({"width": 1400, "height": 900})
    _sign_in(page, live_server.url, "coordinator")
    page.get_by_role("link", name="Соблюдение Положения").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Соблюдение Положения")
    table = page.get_by_role("table", name="Соблюдение Положения")
    expect(table.locator("tbody tr")).to_have_count(2)
    expect(table.get_by_role("columnheader")).to_have_count(14)
    expect(table).to_contain_text("Наставник закреплён зарегистрированным приказом")
    _screenshot(page, "compliance-desktop")

    # Only the reservists whose plan (8.1) is overdue: neither has one.
    page.get_by_label("Обязанность").select_option("plan_approved")
    page.get_by_label("Статус").select_option("overdue")
    expect(page).to_have_url(
        f"{live_server.url}/compliance/?organization=&mentor=&status=overdue"
        "&obligation=plan_approved"
    )
    expect(table.locator("tbody tr")).to_have_count(2)
    page.get_by_label("Статус").select_option("met")
    expect(page.get_by_text("Найдено 0 резервистов")).to_be_visible()
    page.get_by_label("Статус").select_option("")

    # The mentor's order (cl. 5) opens from its cell.
    row = page.get_by_role("row").filter(has_text="Смирнова")
    expect(row.locator("td.cell.met").first).to_be_visible()
    row.locator("td.cell").first.get_by_role("link", name="выполнено").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Приказ №")

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(
        f"{live_server.url}/compliance/?organization={world['other'].reserve_entry.person.organization_id}"
    )
    expect(page.get_by_text("Найден 1 резервист")).to_be_visible()
    _screenshot(page, "compliance-phone")


def test_a_bad_filter_says_what_is_wrong(page: Page, live_server, world, coordinator):
    _sign_in(page, live_server.url, "coordinator")
    response = page.goto(f"{live_server.url}/compliance/?status=late")
    assert response is not None and response.status == 422
    expect(page.get_by_role("alert")).to_contain_text("Выберите корректный вариант")

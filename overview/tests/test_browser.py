"""The overview in a real browser: the coordinator opens it from the menu, sees
the charts with their tables, is told in Russian that a period cannot end before
it starts, and drills from a figure down to its list; on a desktop and a phone
(axe checks every page)."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PASSWORD = "secret-pass-1"  # accounts.tests.factories.UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _screenshots(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    for suffix, width in (("desktop", 1280), ("phone", 390)):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=ARTIFACTS / f"{name}-{suffix}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_the_coordinator_reads_the_overview_and_drills_down(
    page: Page, live_server, coordinator, town
):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Имя пользователя").fill("coordinator")
    page.get_by_label("Пароль").fill(PASSWORD)
    page.get_by_role("button", name="Вход").click()
    page.get_by_role("navigation", name="Главное меню").get_by_role(
        "link", name="Обзор", exact=True
    ).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Обзор")
    expect(page.get_by_role("img", name="Резервисты по статусу")).to_be_visible()
    status = page.get_by_role("table", name="Резервисты по статусу")
    expect(status.get_by_role("row", name="в резерве")).to_contain_text("3")
    expect(page.get_by_text("25%")).to_be_visible()
    _screenshots(page, "overview")

    page.get_by_label("С", exact=True).fill("2026-12-01")
    page.get_by_label("По", exact=True).fill("2026-01-01")
    page.get_by_role("button", name="Показать").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Начало периода позже его окончания."
    )

    page.get_by_label("С", exact=True).fill("2026-01-01")
    page.get_by_label("По", exact=True).fill("2026-12-31")
    page.get_by_role("button", name="Показать").click()
    page.get_by_role("link", name="в резерве: 3 — список").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Резервисты")
    expect(page.locator("#found")).to_have_text("Найдено 3 записи")
    expect(page.get_by_role("table").get_by_role("row")).to_have_count(4)
    _screenshots(page, "overview-rows")

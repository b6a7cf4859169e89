"""The demo in a real browser (Debian's Chromium): every demo account signs in
through the Russian form, and the coordinator walks the main registry path."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# username: (greeting name, heading of the role card; none for the commission,
# whose pages do not exist yet: the home page shows no placeholder for them)
DEMO_ACCOUNTS = {
    "coordinator": ("Марина Соколова", "Координатор"),
    "head": ("Андрей Кузнецов", "Руководитель организации"),
    "mentor": ("Елена Волкова", "Наставник"),
    "reservist": ("Дмитрий Петров", "Резервист"),
    "commission": ("Ольга Николаева", None),
}


@pytest.fixture
def demo(live_server):
    from io import StringIO

    call_command("load_demo", stdout=StringIO())
    return live_server


def _sign_in(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    expect(page.get_by_role("heading", name="Вход")).to_be_visible()
    page.get_by_label("Имя пользователя").fill(username)
    page.get_by_label("Пароль").fill("demo")
    page.get_by_role("button", name="Вход").click()


def _screenshot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)


@pytest.mark.parametrize("username", DEMO_ACCOUNTS)
def test_demo_account_signs_in_and_sees_its_role_card(demo, page: Page, username):
    name, card = DEMO_ACCOUNTS[username]

    _sign_in(page, demo.url, username)

    expect(page).to_have_url(f"{demo.url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Здравствуйте, {name}")
    if card is not None:
        expect(page.get_by_role("heading", name=card, exact=True)).to_be_visible()
    expect(page.get_by_text("Здесь будут")).to_have_count(0)
    _screenshot(page, f"home-{username}")


def test_wrong_password_keeps_the_visitor_on_the_login_form(demo, page: Page):
    page.goto(f"{demo.url}/accounts/login/")
    page.get_by_label("Имя пользователя").fill("coordinator")
    page.get_by_label("Пароль").fill("wrong")
    page.get_by_role("button", name="Вход").click()

    expect(page.get_by_role("alert")).to_contain_text(
        "Пожалуйста, введите правильные имя пользователя и пароль."
    )


def test_coordinator_finds_an_organization_and_edits_its_address(demo, page: Page):
    _sign_in(page, demo.url, "coordinator")
    page.get_by_role("navigation", name="Главное меню").get_by_role(
        "link", name="Организации"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Организации")
    expect(page.get_by_text("Найдено 9 организаций")).to_be_visible()
    _screenshot(page, "organizations-coordinator")

    # htmx swaps the rows in place: a marker on window survives, a reload would not.
    page.evaluate("window.notReloaded = true")
    page.get_by_role("searchbox").fill("ГИМНАЗИЯ")
    expect(page.get_by_text("Найдена 1 организация")).to_be_visible()
    expect(page.locator("#rows tbody tr")).to_have_count(1)
    assert page.evaluate("window.notReloaded") is True
    expect(page).to_have_url(re.compile(r"/organizations/\?q=%D0%93%D0%98"))

    page.get_by_role("link", name="МОУ «Гимназия № 4»").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("МОУ «Гимназия № 4»")
    page.get_by_role("link", name="Изменить").click()
    page.get_by_label("Адрес").fill("г. Стрежевой, 4-й мкр., д. 421")
    page.get_by_role("button", name="Сохранить").click()

    expect(page.get_by_role("status")).to_have_text("Изменения сохранены.")
    expect(page.get_by_role("heading", level=1)).to_have_text("МОУ «Гимназия № 4»")
    history = page.locator(".history-entry").first
    expect(history).to_contain_text("Соколова Марина Игоревна, изменено")
    expect(history).to_contain_text(
        "адрес: г. Стрежевой, 4-й мкр., д. 420 → г. Стрежевой, 4-й мкр., д. 421"
    )
    _screenshot(page, "organization-edited")

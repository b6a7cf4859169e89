"""The registries' filters on a 390-px phone screen: nothing wider than the screen."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE_WIDTH = 390
LISTS = {
    "organizations": "/organizations/",
    "people": "/people/",
    "reserve": "/reserve/",
}


def test_filters_fit_a_phone_screen(live_server, page: Page):
    call_command("load_demo", stdout=StringIO())
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 844})
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Имя пользователя").fill("coordinator")
    page.get_by_label("Пароль").fill("demo")
    page.get_by_role("button", name="Вход").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Здравствуйте")
    ARTIFACTS.mkdir(exist_ok=True)
    for name, url in LISTS.items():
        page.goto(live_server.url + url)
        filters = page.locator("form.filters")
        expect(filters).to_be_visible()
        page.screenshot(path=ARTIFACTS / f"phone-{name}.png", full_page=True)
        box = filters.bounding_box()
        assert box is not None
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= PHONE_WIDTH, name
        widest = page.evaluate(
            "Math.max(...[...document.querySelectorAll('form.filters *')]"
            ".map(e => e.getBoundingClientRect().right))"
        )
        assert widest <= PHONE_WIDTH, name


@pytest.mark.parametrize("width", [1280, PHONE_WIDTH])
def test_person_card_shows_the_reserve_status_and_mentor(
    live_server, page: Page, width
):
    call_command("load_demo", stdout=StringIO())
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Имя пользователя").fill("coordinator")
    page.get_by_label("Пароль").fill("demo")
    page.get_by_role("button", name="Вход").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Здравствуйте")
    page.goto(f"{live_server.url}/people/?q=Петров Дмитрий")
    page.locator("#rows tbody a").first.click()

    expect(page.locator("#person-reserve")).to_contain_text("В резерве на должность")
    expect(page.locator("#person-mentor")).to_contain_text("Волкова Елена")
    expect(page.get_by_role("link", name="Карточка резервиста")).to_be_visible()
    expect(page.get_by_role("link", name="Включить в резерв")).to_have_count(0)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"person-card-{width}.png", full_page=True)

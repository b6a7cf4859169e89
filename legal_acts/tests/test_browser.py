"""The catalogue in a real browser (Debian's Chromium): the coordinator adds an
act and an edition, then finds the act by a search with «ё»."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from legal_acts.tests.conftest import make_act

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PASSWORD = "secret-pass-1"  # accounts.tests.factories.UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _screenshots(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    for suffix, width in (("desktop", 1280), ("phone", 390)):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=ARTIFACTS / f"{name}-{suffix}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_coordinator_adds_an_act_and_an_edition_and_finds_it(
    page: Page, live_server, coordinator, municipality
):
    make_act(municipality)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Имя пользователя").fill("coordinator")
    page.get_by_label("Пароль").fill(PASSWORD)
    page.get_by_role("button", name="Вход").click()

    page.get_by_role("link", name="Нормативные акты").click()
    page.get_by_role("link", name="Добавить акт").click()
    page.get_by_label("Уровень").select_option("federal")
    page.get_by_label("Тип").select_option("federal_law")
    page.get_by_label("Номер").fill("152-ФЗ")
    page.locator("#id_adopted_on").fill("2006-07-27")
    page.get_by_label("Наименование").fill("О персональных данных (ёмкий)")
    page.get_by_label("Орган, принявший акт").fill(
        "Федеральное Собрание Российской Федерации"
    )
    page.get_by_label("Ссылка на официальный источник").fill(
        "https://www.consultant.ru/document/cons_doc_LAW_61801/"
    )
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "О персональных данных (ёмкий)"
    )

    page.get_by_label("Дата редакции").fill("2005-01-01")
    page.get_by_label("Что изменилось").fill("Слишком рано")
    page.get_by_role("button", name="Добавить редакцию").click()
    expect(page.get_by_text("раньше самого акта (27.07.2006)")).to_be_visible()
    page.get_by_label("Дата редакции").fill("2011-07-25")
    page.get_by_label("Что изменилось").fill("Федеральный закон № 261-ФЗ")
    page.get_by_role("button", name="Добавить редакцию").click()
    expect(page.get_by_text("Федеральный закон № 261-ФЗ")).to_be_visible()
    _screenshots(page, "legal-act-card")

    page.get_by_role("link", name="К перечню актов").click()
    page.get_by_label("Поиск").fill("ЕМКИЙ")
    page.get_by_role("button", name="Найти").click()
    expect(page.get_by_text("Найден 1 акт")).to_be_visible()
    expect(
        page.get_by_role("link", name="О персональных данных (ёмкий)")
    ).to_be_visible()
    expect(page.get_by_text("Об образовании в Российской Федерации")).to_have_count(0)
    page.get_by_label("Поиск").fill("")
    page.get_by_role("button", name="Найти").click()
    _screenshots(page, "legal-acts-list")

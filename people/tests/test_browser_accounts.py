"""An account from the person card in a real browser (Debian's Chromium): the
coordinator creates it, the invitation arrives (locmem outbox), the new user
opens its link, sets a password and signs in."""

import re
from pathlib import Path

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import Page, ViewportSize, expect

from people.tests.factories import PersonFactory

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PASSWORD = "secret-pass-1"  # accounts.tests.factories.UserFactory
PHONE = ViewportSize(width=390, height=844)
DESKTOP = ViewportSize(width=1280, height=800)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _screenshot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)


def _sign_in(page: Page, base_url: str, username: str, password: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Имя пользователя").fill(username)
    page.get_by_label("Пароль").fill(password)
    page.get_by_role("button", name="Вход").click()


def test_coordinator_invites_a_person_who_then_signs_in(
    live_server, settings, page: Page, coordinator, school
):
    settings.SITE_URL = live_server.url
    person = PersonFactory.create(
        organization=school,
        last_name="Иванова",
        first_name="Елена",
        middle_name="Викторовна",
        email="ivanova@example.ru",
    )

    _sign_in(page, live_server.url, "coordinator", PASSWORD)
    page.goto(live_server.url + reverse("people:detail", args=[person.pk]))
    page.get_by_role("link", name="Создать учётную запись").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Учётная запись: Иванова Елена Викторовна"
    )
    expect(page.get_by_label("Логин")).to_have_value("ivanova.ev")
    expect(page.get_by_label("Электронная почта")).to_have_value("ivanova@example.ru")
    page.get_by_label("Наставник").check()
    _screenshot(page, "account-create-desktop")
    page.set_viewport_size(PHONE)
    _screenshot(page, "account-create-phone")
    page.set_viewport_size(DESKTOP)
    page.get_by_role("button", name="Создать и пригласить").click()

    expect(page.get_by_role("status")).to_have_text(
        "Учётная запись создана, приглашение отправлено."
    )
    expect(page.locator("#account")).to_contain_text("приглашение не принято")
    _screenshot(page, "account-invited-desktop")
    page.set_viewport_size(PHONE)
    _screenshot(page, "account-invited-phone")
    page.set_viewport_size(DESKTOP)

    page.get_by_role("link", name="К карточке работника").click()
    expect(page.get_by_text("приглашение не принято")).to_be_visible()
    expect(page.get_by_role("link", name="Управление учётной записью")).to_be_visible()
    _screenshot(page, "person-card-account")

    [letter] = mail.outbox
    assert letter.to == ["ivanova@example.ru"]
    found = re.search(
        rf"{re.escape(live_server.url)}/accounts/invitation/\S+", str(letter.body)
    )
    assert found
    page.get_by_role("button", name="Выйти").click()

    page.goto(found.group(0))
    expect(page.get_by_role("heading", level=1)).to_have_text("Задайте пароль")
    expect(page.get_by_text("Ваш логин: ivanova.ev")).to_be_visible()
    page.get_by_label("Новый пароль").fill("Kedr-2026-tomsk")
    page.get_by_label("Подтверждение нового пароля").fill("Kedr-2026-tomsk")
    _screenshot(page, "invitation-set-password")
    page.get_by_role("button", name="Установить пароль").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Пароль установлен")
    page.get_by_role("link", name="Вход").click()

    page.get_by_label("Имя пользователя").fill("ivanova.ev")
    page.get_by_label("Пароль").fill("Kedr-2026-tomsk")
    page.get_by_role("button", name="Вход").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Здравствуйте, Елена Иванова"
    )
    _screenshot(page, "invited-home")

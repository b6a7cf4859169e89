"""The internship in a real browser: the mentor sets an internship in another
school with a programme and starts it, the supervisor (with their own account)
writes the conclusion, and the programme and the conclusion download as DOCX
and PDF; on a desktop and a phone (axe checks every page)."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from internships.models import Internship

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PASSWORD = "secret-pass-1"  # accounts.tests.factories.UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page: Page, url: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{url}/accounts/login/")
    page.get_by_label("Имя пользователя").fill(username)
    page.get_by_label("Пароль").fill(PASSWORD)
    page.get_by_role("button", name="Вход").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}]
)
def test_mentor_sets_and_supervisor_concludes_an_internship(
    live_server, page: Page, mentorship, other_school, supervisor, viewport
):
    page.set_viewport_size(viewport)
    device = "phone" if viewport["width"] < 600 else "desktop"
    ARTIFACTS.mkdir(exist_ok=True)
    today = timezone.localdate()
    starts_on, ends_on = today - timedelta(days=3), today + timedelta(days=20)

    _sign_in(page, live_server.url, "mentor")
    page.goto(f"{live_server.url}/internships/")
    page.get_by_role("link", name="Назначить стажировку").click()
    page.get_by_label("Резервист").select_option(
        label=mentorship.reserve_entry.person.full_name
    )
    page.get_by_label("Форма стажировки").select_option(
        label="В другой образовательной организации"
    )
    page.get_by_label("Место стажировки (организация)").select_option(
        label="Other school"
    )
    person = page.get_by_role("combobox", name="Руководитель стажировки")
    person.press_sequentially("Superv")
    page.get_by_role("listbox").get_by_role("option").first.click()
    page.get_by_label("Начало").fill(starts_on.isoformat())
    page.get_by_label("Окончание").fill(ends_on.isoformat())
    page.get_by_label("Цель стажировки").fill("Освоить планирование работы школы")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_role("status")).to_contain_text("Стажировка назначена")

    page.get_by_text("Добавить задание").first.click()
    task = page.locator("#task-form")
    task.get_by_label("Задание").fill("Участие в совещании при директоре")
    task.locator("[name=starts_on]").fill(starts_on.isoformat())
    task.locator("[name=ends_on]").fill((starts_on + timedelta(1)).isoformat())
    page.get_by_role("button", name="Добавить задание").click()
    expect(page.get_by_role("cell", name="Участие в совещании")).to_be_visible()
    page.get_by_role("button", name="Начать стажировку").click()
    expect(page.locator("#internship-status")).to_contain_text("идёт")
    page.screenshot(path=ARTIFACTS / f"internship-mentor-{device}.png", full_page=True)

    _sign_in(page, live_server.url, "supervisor")
    page.goto(f"{live_server.url}/internships/supervised/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Мои стажёры")
    page.get_by_role("link", name=mentorship.reserve_entry.person.full_name).click()
    page.get_by_role("link", name="Написать отзыв").click()
    page.get_by_label("Что выполнено").fill("Провёл совещание, подготовил справку.")
    page.get_by_label("Оценка").select_option(label="отлично")
    page.get_by_label("Рекомендация").fill("Рекомендуется к назначению.")
    page.get_by_role("button", name="Сохранить отзыв").click()
    expect(page.get_by_role("status")).to_contain_text("Отзыв сохранён")
    page.screenshot(
        path=ARTIFACTS / f"internship-supervisor-{device}.png", full_page=True
    )

    for kind in ("Программа стажировки:", "Отзыв руководителя стажировки:"):
        line = page.locator("#documents p", has_text=kind)
        for fmt in ("DOCX", "PDF"):
            with page.expect_download() as download:
                line.get_by_role("link", name=fmt).click()
            assert download.value.suggested_filename.endswith(f".{fmt.lower()}")
    internship = Internship.objects.get()
    assert internship.concluded_by == supervisor
    assert internship.supervisor == supervisor.person


def test_coordinator_edits_the_forms_catalogue(
    live_server, page: Page, coordinator, municipality, internship
):
    page.set_viewport_size({"width": 390, "height": 844})
    _sign_in(page, live_server.url, "coordinator")
    page.goto(f"{live_server.url}/internships/")
    expect(page.get_by_role("cell", name="Other school")).to_be_visible()
    page.get_by_role("link", name="Формы стажировки").click()
    page.get_by_label("Наименование").fill("Сетевая")
    page.get_by_role("button", name="Добавить").click()
    expect(page.get_by_role("status")).to_contain_text("Форма стажировки добавлена")
    expect(page.get_by_role("link", name="Сетевая")).to_be_visible()
    page.screenshot(path=ARTIFACTS / "internship-forms-phone.png", full_page=True)

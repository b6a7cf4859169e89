"""The plan page's daily controls in a real browser: the exclusion dialog with
named buttons, the mark form that shows only the chosen mark's fields, keyboard
focus kept on the row after an in-place update; screenshots at desktop and phone
width (test-artifacts/)."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from plans.tests.view_helpers import add, approve

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PASSWORD = "secret-pass-1"  # accounts.tests.factories.UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Имя пользователя").fill(username)
    page.get_by_label("Пароль").fill(PASSWORD)
    page.get_by_role("button", name="Вход").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Здравствуйте")


@pytest.fixture
def approved_plan(plan, mentor, coordinator):
    first = add(plan, mentor, "Изучить устав школы", plan.period_start)
    second = add(plan, mentor, "Провести педсовет", plan.period_end)
    approve(plan, mentor, coordinator)
    return plan, first, second


def test_excluding_a_row_asks_with_named_buttons(
    live_server, page: Page, approved_plan
):
    plan, first, _second = approved_plan
    _sign_in(page, live_server.url, "mentor")
    page.goto(f"{live_server.url}{plan.get_absolute_url()}")
    row = page.locator(f"#item-{first.pk}")
    row.get_by_role("button", name="Исключить из плана").click()

    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("Исключить мероприятие из плана?")
    dialog.get_by_role("button", name="Оставить").click()
    expect(dialog).to_be_hidden()
    expect(row).not_to_contain_text("исключено")

    row.get_by_role("button", name="Исключить из плана").click()
    dialog.get_by_role("button", name="Исключить", exact=True).click()
    expect(page.locator("#plan-body")).to_contain_text(
        "Мероприятие исключено из плана."
    )
    expect(page.locator(f"#item-{first.pk}")).to_contain_text("исключено")


def test_the_mark_form_shows_only_the_chosen_marks_fields(
    live_server, page: Page, approved_plan
):
    plan, first, _second = approved_plan
    _sign_in(page, live_server.url, "reservist")
    page.goto(f"{live_server.url}{plan.get_absolute_url()}")
    page.locator(f"#item-{first.pk}").get_by_role(
        "link", name="Отметить выполнение"
    ).click()
    form = page.locator("tr.progress-row")
    expect(form.get_by_label("Дата выполнения")).to_be_visible()
    expect(form.get_by_label("Причина невыполнения")).to_be_hidden()

    form.get_by_label("не выполнено").check()
    expect(form.get_by_label("Причина невыполнения")).to_be_visible()
    expect(form.get_by_label("Дата выполнения")).to_be_hidden()

    form.get_by_label("выполняется").check()
    expect(form.get_by_label("Причина невыполнения")).to_be_hidden()
    expect(form.get_by_label("Дата выполнения")).to_be_hidden()


def test_focus_stays_on_the_row_after_an_update_in_place(
    live_server, page: Page, approved_plan
):
    plan, first, _second = approved_plan
    _sign_in(page, live_server.url, "mentor")
    page.goto(f"{live_server.url}{plan.get_absolute_url()}")

    down = page.locator(f"#item-{first.pk}").get_by_role("button", name="ниже")
    down.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#plan-body")).to_contain_text("Порядок мероприятий изменён.")
    moved = page.locator(f"#item-{first.pk}")
    expect(moved.locator("button[value=down]")).to_be_focused()

    moved.get_by_role("link", name="Изменить").focus()
    page.keyboard.press("Enter")
    editor = page.locator(f"#item-{first.pk}.edit-row")
    expect(editor).to_be_visible()
    focused = page.evaluate("document.activeElement.closest('tr')?.id")
    assert focused == f"item-{first.pk}"

    editor.get_by_role("button", name="Сохранить").focus()
    page.keyboard.press("Enter")
    expect(page.locator(f"#item-{first.pk}.item-row")).to_be_visible()
    focused = page.evaluate("document.activeElement.closest('tr')?.id")
    assert focused == f"item-{first.pk}"


@pytest.mark.parametrize(("name", "width"), [("desktop", 1280), ("phone", 390)])
def test_screenshot_of_the_plan_page(
    live_server, page: Page, approved_plan, name, width
):
    plan, _first, _second = approved_plan
    page.set_viewport_size({"width": width, "height": 900})
    _sign_in(page, live_server.url, "mentor")
    page.goto(f"{live_server.url}{plan.get_absolute_url()}")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"plan-daily-{name}.png", full_page=True)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0


def test_the_approver_comments_the_re_approval_and_sees_the_history(
    live_server, page: Page, approved_plan, mentor
):
    plan, _first, _second = approved_plan
    add(plan, mentor, "Стажировка у директора", plan.period_end)  # awaits re-approval
    _sign_in(page, live_server.url, "coordinator")
    page.goto(f"{live_server.url}{plan.get_absolute_url()}")
    page.get_by_label("Комментарий к утверждению (необязательно)").fill("Принято")
    page.get_by_role("button", name="Утвердить изменения").click()
    history = page.locator("#status-history")
    history.get_by_text("История статуса").click()
    expect(history).to_contain_text("Изменения утверждены повторно")
    expect(history).to_contain_text("Принято")
    for name, width in (("desktop", 1280), ("phone", 390)):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=ARTIFACTS / f"plan-history-{name}.png", full_page=True)

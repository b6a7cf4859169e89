"""The joint report in a real browser (Debian's Chromium): drafted from an
approved plan by the reservist, written and agreed by both sides, submitted and
accepted by the coordinator."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from people.models import Person
from plans.models import IndividualPlan, PlanItem
from plans.tests.factories import IndividualPlanFactory, PlanItemFactory, make_eligible

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PASSWORD = "secret-pass-1"  # accounts.tests.factories.UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def plan(mentor, reservist):
    """An approved and mostly completed plan of the cast's reservist."""
    today = timezone.localdate()
    Person.objects.filter(pk=mentor.person.pk).update(
        last_name="Волкова", first_name="Елена", middle_name="Сергеевна"
    )
    Person.objects.filter(pk=reservist.person.pk).update(
        last_name="Петров", first_name="Дмитрий", middle_name="Иванович"
    )
    mentor.person.refresh_from_db()
    reservist.person.refresh_from_db()
    plan = IndividualPlanFactory(
        reservist=reservist.person,
        mentor_person=make_eligible(mentor.person),
        status=IndividualPlan.Status.APPROVED,
        period_start=today - timedelta(days=120),
        period_end=today + timedelta(days=200),
    )
    done = PlanItem.Status.DONE
    for activity, deadline, done_on in (
        ("Изучить устав школы", -100, -105),
        ("Выступить на педсовете", -60, -62),
        ("Подготовить проект приказа", -40, -30),
    ):
        PlanItemFactory(
            plan=plan,
            activity=activity,
            deadline=today + timedelta(days=deadline),
            status=done,
            done_on=today + timedelta(days=done_on),
        )
    PlanItemFactory(
        plan=plan,
        activity="Провести семинар",
        deadline=today - timedelta(days=20),
        status=PlanItem.Status.NOT_DONE,
        not_done_reason="Семинар перенесён управлением образования",
    )
    return plan


def _screenshots(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    for suffix, width in (("desktop", 1280), ("phone", 390)):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=ARTIFACTS / f"{name}-{suffix}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def _sign_in(page: Page, base_url: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Имя пользователя").fill(username)
    page.get_by_label("Пароль").fill(PASSWORD)
    page.get_by_role("button", name="Вход").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Здравствуйте")


def test_report_is_drafted_written_agreed_and_accepted(
    page: Page, live_server, plan, coordinator
):
    base = live_server.url
    # The reservist drafts the report from the plan and writes the self-analysis.
    _sign_in(page, base, "reservist")
    page.get_by_role("link", name="Отчёт по плану").click()
    page.get_by_role("button", name="Составить отчёт").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Отчёт по плану: Петров Дмитрий Иванович"
    )
    expect(page.locator("main")).to_contain_text("Выполнено с нарушением срока")
    expect(page.locator("main")).to_contain_text("Семинар перенесён")
    page.get_by_role("textbox", name="Самоанализ резервиста").fill(
        "Освоил планирование работы и подготовку приказов."
    )
    page.get_by_role("button", name="Сохранить мою часть").click()
    expect(page.get_by_role("status")).to_contain_text("Ваша часть отчёта сохранена")

    # The mentor sees it on the home page, writes the conclusion and agrees.
    _sign_in(page, base, "mentor")
    page.locator("#reports-to-agree").get_by_role(
        "link", name="Петров Дмитрий Иванович"
    ).click()
    page.get_by_role("textbox", name="Заключение наставника").fill(
        "План выполнен, нарушен один срок. Готов к назначению."
    )
    page.get_by_role(
        "combobox", name="Рекомендация аттестационной комиссии"
    ).select_option(label="рекомендовать к назначению на должность")
    page.get_by_role("button", name="Сохранить мою часть").click()
    page.get_by_role("button", name="Согласовать отчёт").click()
    expect(page.locator("#agreement")).to_contain_text("наставник согласовал")

    # The reservist agrees and submits.
    _sign_in(page, base, "reservist")
    page.get_by_role("link", name="Мой отчёт", exact=True).click()
    page.get_by_role("button", name="Согласовать отчёт").click()
    expect(page.locator("#agreement")).to_contain_text("резервист согласовал")
    page.get_by_role("button", name="Отправить координатору").click()
    expect(page.locator("#report-status")).to_contain_text("отправлен координатору")

    # The coordinator finds it in the list and accepts it.
    _sign_in(page, base, "coordinator")
    page.get_by_role("navigation", name="Главное меню").get_by_role(
        "link", name="Отчёты по планам"
    ).click()
    page.get_by_label("Статус").select_option(label="отправлен координатору")
    expect(page).to_have_url(re.compile("status=submitted"))
    expect(page.locator("#rows")).to_contain_text("Найден 1 отчёт")
    page.get_by_role("link", name="Петров Дмитрий Иванович").click()
    _screenshots(page, "plan-report-submitted")
    page.get_by_role("button", name="Принять отчёт").click()
    expect(page.locator("#report-status")).to_contain_text("принят")
    expect(page.get_by_role("link", name="Скачать PDF")).to_be_visible()
    _screenshots(page, "plan-report-accepted")

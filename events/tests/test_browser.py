"""An event in a real browser (Debian's Chromium): the mentor invites the
reservist to a seminar as a speaker, the reservist accepts and attaches the
theses, the mentor marks attendance and the linked plan row becomes done."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from events import services
from events.services import EventData
from events.tests.conftest import kind_of, make_event
from plans import services as plan_services
from plans.tests.factories import (
    IndividualPlanFactory,
    PlanItemFactory,
    make_eligible,
    make_mentorship,
)
from reserve.tests.factories import ReserveEntryFactory

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PASSWORD = "secret-pass-1"  # accounts.tests.factories.UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _screenshot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)


def _sign_in(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Имя пользователя").fill(username)
    page.get_by_label("Пароль").fill(PASSWORD)
    page.get_by_role("button", name="Вход").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Здравствуйте")


def _sign_out(page: Page) -> None:
    page.get_by_role("button", name="Выйти").click()


def _menu(page: Page, name: str) -> None:
    page.get_by_role("navigation", name="Главное меню").get_by_role(
        "link", name=name
    ).click()


@pytest.fixture
def story(mentor, reservist, coordinator, school):
    """The mentor guides the reservist, whose approved plan has a row for a talk;
    a seminar of «School» began an hour ago."""
    mentorship = make_mentorship(
        mentor=make_eligible(mentor.person), reservist=reservist.person
    )
    plan = IndividualPlanFactory(reserve_entry=mentorship.reserve_entry)
    item = PlanItemFactory(
        plan=plan,
        activity="Выступление на семинаре по формирующему оцениванию",
        deadline=timezone.localdate() + timedelta(days=10),
    )
    plan_services.submit_plan(plan=plan)
    plan_services.approve_plan(plan=plan, by=coordinator)
    now = timezone.now()
    seminar = services.create_event(
        data=EventData(
            kind=kind_of(school.municipality),
            title="Формирующее оценивание",
            starts_at=now - timedelta(hours=1),
            ends_at=now + timedelta(hours=1),
            place="Актовый зал",
        ),
        organization=school,
        by=mentor,
    )
    return {"plan": plan, "item": item, "seminar": seminar}


def test_speaker_at_a_seminar_makes_the_plan_row_done(
    live_server, page: Page, story, tmp_path
):
    seminar, item = story["seminar"], story["item"]
    _sign_in(page, live_server.url, "mentor")
    _menu(page, "Мероприятия")
    expect(page.get_by_role("heading", level=1)).to_have_text("Мероприятия")
    _screenshot(page, "events-list")
    page.get_by_role("link", name="Формирующее оценивание").click()
    page.get_by_role("link", name="Привлечь резервиста").click()
    page.get_by_label("Резервист").select_option(label="Reservist Name Patronymic")
    page.get_by_label("Степень участия").select_option("speaker")
    page.get_by_label("Задание").fill("Доклад «Обратная связь на уроке»")
    page.get_by_label("Подготовить к").fill(timezone.localdate().isoformat())
    page.get_by_label("Пункт плана").select_option(str(item.pk))
    _screenshot(page, "events-involve")
    page.get_by_role("button", name="Пригласить").click()
    row = page.locator("#involvements tbody tr").first
    expect(row).to_contain_text("докладчик, выступающий")
    expect(row).to_contain_text("ожидает ответа")
    _sign_out(page)

    _sign_in(page, live_server.url, "reservist")
    _menu(page, "Мои мероприятия")
    mine = page.locator("#my-events tbody tr").first
    expect(mine).to_contain_text("Доклад «Обратная связь на уроке»")
    mine.get_by_role("link", name="Ответ").click()
    page.get_by_label("Принимаю").check()
    page.get_by_role("button", name="Сохранить").click()
    mine = page.locator("#my-events tbody tr").first
    expect(mine).to_contain_text("принято")
    mine.get_by_role("link", name="Результат").click()
    page.get_by_label("Тезисы, результат").fill(
        "1. Обратная связь сразу после задания.\n2. Листы самооценки."
    )
    slides = tmp_path / "slides.pdf"
    slides.write_bytes(b"%PDF-1.4\n% slides\n")
    page.get_by_label("Презентация или другой файл").set_input_files(slides)
    page.get_by_role("button", name="Сохранить").click()
    expect(page.locator(".message-success")).to_contain_text("Результат сохранён")
    page.set_viewport_size({"width": 390, "height": 844})
    _screenshot(page, "events-mine-phone")
    page.set_viewport_size({"width": 1280, "height": 900})
    _sign_out(page)

    _sign_in(page, live_server.url, "mentor")
    page.goto(f"{live_server.url}{seminar.get_absolute_url()}")
    row = page.locator("#involvements tbody tr").first
    expect(row).to_contain_text("Листы самооценки")
    row.get_by_role("link", name="Отметить присутствие").click()
    page.get_by_label("присутствовал(а)", exact=True).check()
    page.get_by_label("Отзыв").fill("Доклад содержательный.")
    page.get_by_role("button", name="Сохранить").click()
    row = page.locator("#involvements tbody tr").first
    expect(row).to_contain_text("присутствовал(а)")
    _screenshot(page, "events-card")
    page.set_viewport_size({"width": 390, "height": 844})
    _screenshot(page, "events-card-phone")
    page.set_viewport_size({"width": 1280, "height": 900})

    row.get_by_role("link", name="Пункт плана").click()
    talk = page.locator("tr.item-row", has_text="Выступление на семинаре")
    expect(talk).to_contain_text("Подтверждено наставником")
    expect(talk.get_by_role("link", name="slides.pdf")).to_be_visible()
    _screenshot(page, "events-plan")


def test_coordinator_narrows_and_invites_several(
    live_server, page: Page, coordinator, school
):
    """The invite page lists nobody until narrowed; choosing the organisation and
    typing a name reload the list (htmx); the checked reservist is invited."""
    seminar = make_event(organization=school, title="Семинар для резерва")
    ReserveEntryFactory(person__organization=school, person__last_name="Зайцева")
    ReserveEntryFactory(person__organization=school, person__last_name="Морозов")
    _sign_in(page, live_server.url, "coordinator")
    page.goto(f"{live_server.url}/events/{seminar.pk}/invite/")
    expect(page.get_by_text("Выберите организацию или введите ФИО")).to_be_visible()
    page.get_by_label("Организация").select_option(label=school.short_name)
    expect(page.get_by_label("Морозов")).to_be_visible()
    page.get_by_label("ФИО резервиста").fill("зайц")
    expect(page.get_by_label("Морозов")).to_have_count(0)
    page.get_by_label("Зайцева").check()
    _screenshot(page, "events-invite-many")
    page.set_viewport_size({"width": 390, "height": 844})
    _screenshot(page, "events-invite-many-390")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("button", name="Пригласить").click()
    expect(page.get_by_text("Приглашено резервистов: 1.")).to_be_visible()

"""The timeline in a real browser (Debian's Chromium): the mentor opens it from
the reservist's card, filters it, and reads it on a desktop and on a phone."""

from datetime import date
from pathlib import Path

import pytest
import time_machine
from playwright.sync_api import Page, expect

from consultations.models import Consultation
from consultations.services import StepData
from consultations.tests.conftest import log
from events import services as event_services
from events.models import Involvement
from events.tests.conftest import make_event
from internships import services as internship_services
from internships.models import Internship
from internships.tests.factories import make_internship
from mentorships.models import Mentorship
from timeline.tests.conftest import at, live_through

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


def test_mentor_opens_the_timeline_from_the_card(
    page: Page, live_server, plan, coordinator, mentor, school
):
    live_through(plan, coordinator, mentor)
    entry = plan.reserve_entry
    mentorship = entry.mentorships.get(status=Mentorship.Status.ACTIVE)
    with time_machine.travel(at(15), tick=False):
        log(
            mentorship,
            held_on=date(2027, 1, 9),
            topic="Как вести педсовет",
            next_steps=[StepData("Составить повестку", date(2027, 1, 20))],
        )
        log(
            mentorship,
            held_on=date(2027, 1, 9),
            topic="Заметка для себя",
            visibility=Consultation.Visibility.PRIVATE,
        )
        # A talk at a seminar (8.2) and an internship with its conclusion (8.3).
        involvement = event_services.involve(
            event=make_event(organization=school, title="Педсовет", day=14),
            mentorship=mentorship,
            degree=Involvement.Degree.SPEAKER,
            by=mentor,
            task="Доклад о наставничестве",
        )
        event_services.respond(involvement=involvement, accept=True)
        event_services.record_outcome(involvement=involvement, text="Тезисы")
        event_services.mark_attendance(
            involvement=involvement, attended=True, by=mentor
        )
        internship = make_internship(mentorship=mentorship)
        internship_services.start_internship(internship=internship)
        internship_services.write_conclusion(
            internship=internship,
            by=mentor,
            work_done="Провёл совещание",
            assessment=Internship.Assessment.GOOD,
            recommendation="Готов к должности",
            concluded_on=date(2027, 1, 14),
        )
        internship_services.complete_internship(internship=internship, by=mentor)
    _sign_in(page, live_server.url, "mentor")

    page.goto(f"{live_server.url}/reserve/{entry.pk}/")
    page.get_by_role("link", name="Хронология").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Хронология: Reservist"
    )
    rows = page.locator("li.timeline-row")
    expect(rows.first).to_contain_text("Срок следующего шага")
    expect(page.locator("#timeline")).to_contain_text("Изменения утверждены повторно")
    expect(page.locator("#timeline")).to_contain_text("Личная заметка наставника")
    expect(page.locator("#timeline")).to_contain_text("Болезнь")
    # Everything of the mentor's work is on it: the event, the internship.
    expect(page.locator("#timeline")).to_contain_text("Присутствовал на мероприятии")
    expect(page.locator("#timeline")).to_contain_text(
        "Отзыв руководителя стажировки: хорошо"
    )
    expect(page.get_by_role("heading", name="9 января 2027 г.")).to_be_visible()
    _screenshot(page, "timeline-desktop")

    page.get_by_label("Вид").select_option(label="Комментарии к плану")
    page.get_by_role("button", name="Показать").click()
    expect(page.locator("#timeline-count")).to_have_text("2 события")
    expect(rows.first).to_contain_text("Почему исключён?")

    page.get_by_label("С", exact=True).fill("2027-02-01")
    page.get_by_label("По", exact=True).fill("2027-01-01")
    page.get_by_role("button", name="Показать").click()
    expect(page.get_by_role("alert")).to_have_text(
        "Начало периода позже его окончания."
    )

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/timeline/{entry.pk}/")
    expect(rows.first).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "nothing sticks out on a phone"
    _screenshot(page, "timeline-phone")

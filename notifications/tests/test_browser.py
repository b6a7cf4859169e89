"""Notifications in a real browser (Debian's Chromium): the reservist asks for a
consultation; the mentor sees the bell's count, opens the list, marks the
notification read (the count goes), and opens the channels' page."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from consultations import services as consultation_services
from mentorships.tests.factories import MentorshipFactory
from people.models import Person
from reserve.tests.factories import ReserveEntryFactory

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PASSWORD = "secret-pass-1"  # accounts.tests.factories.UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def story(mentor, reservist):
    today = timezone.localdate()
    Person.objects.filter(pk=mentor.person.pk).update(
        last_name="Волкова", first_name="Елена", middle_name="Сергеевна"
    )
    Person.objects.filter(pk=reservist.person.pk).update(
        last_name="Петров", first_name="Дмитрий", middle_name="Иванович"
    )
    mentorship = MentorshipFactory(
        mentor=mentor.person,
        reserve_entry=ReserveEntryFactory(
            person=Person.objects.get(pk=reservist.person.pk)
        ),
        starts_on=today - timedelta(days=60),
        planned_end_on=today + timedelta(days=300),
    )
    return consultation_services.create_request(
        mentorship=mentorship,
        topic="Бюджет школы",
        preferred_from=today + timedelta(days=3),
    )


def _screenshots(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    for suffix, width in (("desktop", 1280), ("phone", 390)):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=ARTIFACTS / f"{name}-{suffix}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_the_mentor_sees_the_notification_and_marks_it_read(
    page: Page, live_server, story
):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Имя пользователя").fill("mentor")
    page.get_by_label("Пароль").fill(PASSWORD)
    page.get_by_role("button", name="Вход").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Здравствуйте")

    bell = page.locator("#bell")
    expect(bell.get_by_role("link")).to_have_text("Уведомления 1")
    bell.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Уведомления")
    text = "Резервист просит о консультации: Бюджет школы (Петров Д. И.)"
    row = page.get_by_role("row").filter(has_text=text)
    expect(row).to_be_visible()
    _screenshots(page, "notifications-list")

    row.get_by_role("button", name="Отметить прочитанным").click()
    expect(row).to_contain_text("прочитано")
    expect(bell.get_by_role("link")).to_have_text("Уведомления")
    _screenshots(page, "notifications-read")

    page.get_by_role("link", name=text).click()
    expect(page).to_have_url(f"{live_server.url}{story.get_absolute_url()}")

    page.goto(f"{live_server.url}/notifications/settings/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Настройки уведомлений")
    page.get_by_role("row", name="Срок пропущен").get_by_label(
        "по электронной почте"
    ).uncheck()
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_text("Настройки сохранены.")).to_be_visible()
    expect(
        page.get_by_role("row", name="Срок пропущен").get_by_label(
            "по электронной почте"
        )
    ).not_to_be_checked()
    _screenshots(page, "notifications-settings")

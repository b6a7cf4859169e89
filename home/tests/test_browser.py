"""Every role's home on the demo data, on a desktop and on a phone: the to-do
comes first, grouped, and nothing is wider than the screen."""

from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.tests.factories import UserFactory
from internships.models import Internship
from internships.tests.factories import first_form
from people.tests.factories import PersonFactory
from plans.tests.factories import make_mentorship

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE_WIDTH = 390
# The login, the role's card and the heading of its to-do, which comes first.
HOMES = {
    "coordinator": ("h-coordinator", "Ждёт ваших действий"),
    "head": ("h-head", "Ждёт ваших действий"),
    "mentor": ("h-mentor", "Ждёт ваших действий"),
    "reservist": ("h-reservist", "Мои ближайшие шаги и сроки"),
    "commission": ("h-commission", "Предстоящие заседания комиссии"),
}


def _sign_in(page: Page, url: str, username: str) -> None:
    page.goto(f"{url}/accounts/login/")
    page.get_by_label("Имя пользователя").fill(username)
    page.get_by_label("Пароль").fill("demo")
    page.get_by_role("button", name="Вход").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Здравствуйте")


def test_every_home_puts_the_to_do_first_on_desktop_and_phone(live_server, page: Page):
    call_command("load_demo", stdout=StringIO())
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_default_timeout(60_000)  # ten sign-ins on a shared machine
    for username, (card_id, first) in HOMES.items():
        for width in (1280, PHONE_WIDTH):
            page.context.clear_cookies()
            page.set_viewport_size({"width": width, "height": 844})
            _sign_in(page, live_server.url, username)
            card = page.locator(f'section[aria-labelledby="{card_id}"]')
            # The first heading after the role's name is its to-do.
            expect(card.locator("h3").first).to_have_text(first)
            page.screenshot(
                path=ARTIFACTS / f"home-{username}-{width}.png", full_page=True
            )
            assert "Здесь будут" not in page.content()
            widest = page.evaluate(
                "Math.max(...[...document.querySelectorAll('main *')]"
                ".map(e => e.getBoundingClientRect().right))"
            )
            assert widest <= width, (username, width)


def test_the_menu_folds_on_a_phone_and_opens_on_a_click(live_server, page: Page):
    call_command("load_demo", stdout=StringIO())
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 844})
    _sign_in(page, live_server.url, "coordinator")
    menu = page.get_by_role("navigation", name="Главное меню")
    people = menu.get_by_role("link", name="Люди", exact=True)
    expect(people).to_be_hidden()
    page.screenshot(path=ARTIFACTS / "home-menu-folded-390.png")

    menu.get_by_text("Меню").click()

    expect(people).to_be_visible()
    page.screenshot(path=ARTIFACTS / "home-menu-open-390.png", full_page=True)
    # Folded again on the phone, it opens by itself on a wide screen.
    menu.get_by_text("Меню").click()
    expect(people).to_be_hidden()
    page.set_viewport_size({"width": 1280, "height": 844})
    expect(people).to_be_visible()
    expect(menu.get_by_text("Меню")).to_be_hidden()


def test_the_supervisors_conclusions_on_desktop_and_phone(
    live_server, page: Page, school
):
    """A supervisor without a role opens the conclusion to write from the home."""
    supervisor = UserFactory.create(username="deputy")
    supervisor.set_password("demo")
    supervisor.save()
    person = PersonFactory.create(user=supervisor, organization=school, last_name="Зам")
    mentorship = make_mentorship(organization=school)
    ends_on = timezone.localdate() + timedelta(days=3)
    internship = Internship.objects.create(
        reserve_entry=mentorship.reserve_entry,
        mentorship=mentorship,
        mentor=mentorship.mentor,
        form=first_form(school),
        host_organization=school,
        supervisor=person,
        starts_on=ends_on - timedelta(days=30),
        ends_on=ends_on,
        status=Internship.Status.IN_PROGRESS,
    )
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_default_timeout(60_000)
    name = internship.reserve_entry.person.full_name
    for width in (1280, PHONE_WIDTH):
        page.context.clear_cookies()
        page.set_viewport_size({"width": width, "height": 844})
        _sign_in(page, live_server.url, "deputy")
        card = page.locator('section[aria-labelledby="h-supervisor"]')
        expect(card.locator("h3").first).to_have_text(
            "Отзывы о стажировках, которые нужно написать"
        )
        page.screenshot(path=ARTIFACTS / f"home-supervisor-{width}.png", full_page=True)
        widest = page.evaluate(
            "Math.max(...[...document.querySelectorAll('main *')]"
            ".map(e => e.getBoundingClientRect().right))"
        )
        assert widest <= width, width
    card.get_by_role("link", name=name).click()
    expect(page).to_have_url(
        f"{live_server.url}{reverse('internships:conclusion', args=[internship.pk])}"
    )

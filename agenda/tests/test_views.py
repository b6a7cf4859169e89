"""The calendar page: the month grid and the agenda in Russian, navigation by
month, a bad month refused, the feed's address created, shown once and revoked."""

import pytest
from django.urls import reverse

from agenda.models import CalendarFeed
from agenda.views import NEW_TOKEN

URL = "/calendar/"


@pytest.fixture
def as_reservist(client, reservist):
    client.force_login(reservist)
    return client


def test_the_month_grid_in_russian(world, as_reservist):
    response = as_reservist.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Календарь: Январь 2027" in html
    assert 'id="month-grid"' in html
    assert "Декабрь 2026" in html and "Февраль 2027" in html  # the neighbours
    assert 'abbr title="Понедельник"' in html
    assert 'aria-current="date"' in html  # the 15th
    assert 'value="2027-01"' in html  # this month in the field
    assert "Задача на 12 января" in html
    assert reverse("events:card", args=[world.event.pk]) in html
    assert "6 записей в этом месяце" in html


def test_the_agenda_of_another_month(world, as_reservist):
    response = as_reservist.get(URL, {"month": "2027-01", "view": "agenda"})
    html = response.content.decode()
    assert 'id="month-grid"' not in html
    assert "Среда, 27 января" in html
    assert "10:00" in html
    assert "18.01–29.01" in html  # the internship
    empty = as_reservist.get(URL, {"month": "2027-03", "view": "agenda"})
    assert "В этом месяце ничего нет." in empty.content.decode()
    assert "Март 2027" in empty.content.decode()


@pytest.mark.parametrize(
    "query",
    [{"month": "2027-13"}, {"month": "январь"}, {"month": "1999-01"}, {"view": "year"}],
)
def test_a_bad_choice_is_a_422_in_russian(world, as_reservist, query):
    response = as_reservist.get(URL, query)
    assert response.status_code == 422
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "Задача на 12 января" not in html


def test_the_menu_has_the_calendar(as_reservist):
    html = as_reservist.get(URL).content.decode()
    assert f'<a href="{URL}" aria-current="page">Календарь</a>' in html


def test_a_visitor_is_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_address_is_created_shown_once_and_switched_off(world, as_reservist):
    assert "Адреса пока нет." in as_reservist.get(URL).content.decode()
    response = as_reservist.post(reverse("agenda:regenerate_feed"), follow=True)
    html = response.content.decode()
    assert "Адрес календаря создан." in html
    address = html.split('id="feed-url" class="feed-url" type="text" readonly value="')[
        1
    ]
    address = address.split('"')[0]
    assert address.startswith("http://testserver/calendar/feed/")
    assert as_reservist.get(address).status_code == 200
    # shown once only
    again = as_reservist.get(URL).content.decode()
    assert address not in again
    assert "Адрес создан" in again
    # a new one replaces it
    html = as_reservist.post(reverse("agenda:regenerate_feed"), follow=True)
    assert "прежний адрес больше не работает" in html.content.decode()
    assert as_reservist.get(address).status_code == 404
    # switched off
    html = as_reservist.post(reverse("agenda:revoke_feed"), follow=True)
    assert "Адрес календаря отключён." in html.content.decode()
    assert not CalendarFeed.objects.exists()
    assert NEW_TOKEN not in as_reservist.session


def test_after_the_address_the_same_month(world, as_reservist):
    response = as_reservist.post(
        reverse("agenda:regenerate_feed"), {"month": "2027-03"}
    )
    assert response["Location"] == "/calendar/?month=2027-03#feed"
    response = as_reservist.post(reverse("agenda:revoke_feed"), {"month": "x"})
    assert response["Location"] == "/calendar/#feed"


def test_the_address_changes_only_by_post(as_reservist):
    assert as_reservist.get(reverse("agenda:regenerate_feed")).status_code == 405
    assert as_reservist.get(reverse("agenda:revoke_feed")).status_code == 405
    assert not CalendarFeed.objects.exists()


def test_each_user_changes_only_their_own_address(world, client, reservist, mentor):
    from agenda import services

    token = services.regenerate_feed(user=reservist)
    client.force_login(mentor)
    client.post(reverse("agenda:revoke_feed"))
    assert client.get(reverse("agenda:feed", args=[token])).status_code == 200

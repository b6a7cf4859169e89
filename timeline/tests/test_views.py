"""The timeline page /timeline/<reserve entry id>/ and the card's link to it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from people.models import PersonViewLog
from timeline.tests.test_queries import _grow

pytestmark = pytest.mark.usefixtures("today")

IN_SCOPE = ["coordinator", "head", "mentor", "reservist", "superuser"]


def _url(entry, **params) -> str:
    url = reverse("timeline:timeline", args=[entry.pk])
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"{url}?{query}" if query else url


@pytest.mark.parametrize("user", IN_SCOPE, indirect=True)
def test_page_shows_the_story_to_everyone_in_scope(client, user, story):
    client.force_login(user)

    response = client.get(_url(story.reserve_entry))

    assert response.status_code == 200
    text = response.content.decode()
    assert "Хронология: Reservist" in text
    assert "Утверждён" in text and "Согласовано" in text
    assert "Пункт плана не выполнен" in text and "Болезнь" in text
    assert "5 января 2027 г." in text


@pytest.mark.parametrize("user", ["commission", "stranger"], indirect=True)
def test_page_is_404_out_of_scope(client, user, story):
    client.force_login(user)

    assert client.get(_url(story.reserve_entry)).status_code == 404


def test_page_is_404_for_a_missing_entry(client, coordinator):
    client.force_login(coordinator)

    assert client.get("/timeline/999999/").status_code == 404


def test_page_asks_a_visitor_to_sign_in(client, entry):
    response = client.get(_url(entry))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_successor_sees_no_row_of_the_former_mentors_plan(client, successor, story):
    client.force_login(successor)

    response = client.get(_url(story.reserve_entry))

    assert response.status_code == 200
    assert "Ничего не найдено" in response.content.decode()


def test_opening_the_page_is_logged(client, coordinator, entry):
    client.force_login(coordinator)

    client.get(_url(entry))

    log = PersonViewLog.objects.get()
    assert (log.person, log.user, log.channel) == (
        entry.person,
        coordinator,
        PersonViewLog.Channel.PAGE,
    )
    assert log.source == _url(entry)


def test_kind_and_period_filter_the_page(client, coordinator, story):
    client.force_login(coordinator)

    response = client.get(
        _url(
            story.reserve_entry, kind="comments", since="2027-01-08", until="2027-01-31"
        )
    )

    text = response.content.decode()
    assert response.status_code == 200
    assert "Почему исключён?" in text
    assert "Сроки уточнены" not in text  # 3 January
    assert "Утверждён" not in text  # another kind
    assert "1 событие" in text


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"since": "2027-13-45"}, "Введите правильную дату."),
        ({"until": "вчера"}, "Введите правильную дату."),
        (
            {"since": "1900-01-01"},
            "Введите дату в промежутке с 01.01.2000 по 31.12.2100.",
        ),
        ({"kind": "parties"}, "Выберите корректный вариант."),
        (
            {"since": "2027-02-01", "until": "2027-01-01"},
            "Начало периода позже его окончания.",
        ),
        ({"kind": "plan\u202e"}, "недопустимый символ U+202E"),
    ],
)
def test_bad_filter_is_400_with_a_russian_message(
    client, coordinator, story, params, message
):
    client.force_login(coordinator)

    response = client.get(_url(story.reserve_entry), params)

    assert response.status_code == 400
    text = response.content.decode()
    assert message in text
    assert 'id="timeline"' not in text


def test_pages_of_25(client, coordinator, story):
    _grow(story, 20)  # 18 + 40 rows
    client.force_login(coordinator)

    first = client.get(_url(story.reserve_entry)).content.decode()
    second = client.get(_url(story.reserve_entry, page=2)).content.decode()

    assert "страница 1 из 3" in first
    assert "страница 2 из 3" in second
    assert first.count('class="timeline-row') == 25
    assert second.count('class="timeline-row') == 25


def test_reserve_card_links_to_the_timeline(client, coordinator, entry):
    client.force_login(coordinator)

    response = client.get(reverse("reserve:card", args=[entry.pk]))

    assert f'href="{_url(entry)}"' in response.content.decode()
    assert "Хронология" in response.content.decode()


def _page_queries(client, entry) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(_url(entry)).status_code == 200
    return len(captured)


def test_page_costs_the_same_at_ten_times_the_facts(client, coordinator, story):
    client.force_login(coordinator)
    _grow(story, 4)
    _page_queries(client, story.reserve_entry)  # caches the roles
    small = _page_queries(client, story.reserve_entry)
    _grow(story, 136)

    # session, user, entry, the log's INSERT, the count, the page's keys and
    # one query per loader on the page (6)
    assert _page_queries(client, story.reserve_entry) == small == 12

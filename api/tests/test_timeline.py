"""/reservists/{id}/timeline: scope, filters, pages, errors and their cost."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from api.tests.conftest import API
from people.models import PersonViewLog
from plans.services import complete_plan
from plans.tests.factories import PlanItemFactory, make_mentorship
from timeline.sources import KIND_CODES
from timeline.tests.conftest import live_through, mentor_account
from timeline.tests.test_queries import _grow

pytestmark = pytest.mark.usefixtures("today")

NOT_FOUND = {"detail": "Объект не найден.", "errors": {}}


@pytest.fixture
def story(plan, coordinator, mentor):
    """The api cast's plan, with a third row, through every step."""
    PlanItemFactory(plan=plan, deadline=date(2026, 10, 3))
    return live_through(plan, coordinator, mentor)


def _url(entry) -> str:
    return f"{API}/reservists/{entry.pk}/timeline"


@pytest.fixture
def user(request):
    return request.getfixturevalue(request.param)


@pytest.mark.parametrize(
    "user", ["coordinator", "head", "mentor", "reservist", "superuser"], indirect=True
)
def test_everyone_who_sees_the_card_gets_the_story(api_client, user, story):
    response = api_client(user).get(_url(story.reserve_entry))

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == len(body["items"]) == 18
    first = next(i for i in body["items"] if i["event"] == "plan_status")
    assert first["kind"] == "plan"
    assert first["title"] == "Изменения утверждены повторно"
    assert first["text"] == "Принято"
    assert first["day"] == "2027-01-09"
    assert first["has_time"] is True
    assert first["url"] == f"/plans/{story.pk}/"
    deadline = next(i for i in body["items"] if i["event"] == "plan_item_deadline")
    assert deadline["has_time"] is False
    assert deadline["moment"].startswith(deadline["day"])


@pytest.mark.parametrize("user", ["commission", "stranger"], indirect=True)
def test_out_of_scope_is_404(api_client, user, story):
    response = api_client(user).get(_url(story.reserve_entry))

    assert response.status_code == 404
    assert response.json() == NOT_FOUND


def test_a_former_mentor_is_404_and_the_successor_sees_no_plan_row(
    api_client, story, mentor, school
):
    complete_plan(plan=story)
    successor = mentor_account("successor", school)
    make_mentorship(entry=story.reserve_entry, mentor=successor.person)

    assert api_client(mentor).get(_url(story.reserve_entry)).status_code == 404
    response = api_client(successor).get(_url(story.reserve_entry))
    assert response.status_code == 200
    assert response.json() == {"count": 0, "items": []}


def test_anonymous_is_401(api_client, entry):
    assert api_client(None).get(_url(entry)).status_code == 401


def test_a_missing_entry_is_404(api_client, coordinator):
    response = api_client(coordinator).get(f"{API}/reservists/999999/timeline")

    assert response.status_code == 404


def test_opening_it_is_logged(api_client, coordinator, entry):
    api_client(coordinator).get(_url(entry))

    log = PersonViewLog.objects.get()
    assert (log.person, log.channel) == (entry.person, PersonViewLog.Channel.API)


def test_kinds_and_period_filter(api_client, coordinator, story):
    response = api_client(coordinator).get(
        _url(story.reserve_entry),
        {"kind": "comments, deadlines", "since": "2026-10-01", "until": "2027-01-07"},
    )

    items = response.json()["items"]
    assert [(i["event"], i["day"]) for i in items] == [
        ("plan_comment", "2027-01-03"),
        # the excluded row's deadline (3 October) is not shown
        ("plan_item_deadline", "2026-10-01"),
        ("plan_item_deadline", "2026-10-01"),
    ]


def test_pages(api_client, coordinator, story):
    client = api_client(coordinator)

    every = client.get(_url(story.reserve_entry)).json()["items"]
    second = client.get(_url(story.reserve_entry), {"page": 2, "page_size": 5}).json()

    assert second["count"] == 18
    assert second["items"] == every[5:10]


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"kind": "parties"}, "kind", "Выберите одно из допустимых значений"),
        ({"since": "2027-13-45"}, "since", "Введите правильную дату в формате ГГГГ-ММ-ДД."),
        ({"until": "1900-01-01"}, "until", "Введите дату в промежутке с 01.01.2000 по 31.12.2100."),
        ({"page": 0}, "page", "Значение должно быть не меньше 1."),
    ],
)  # fmt: skip
def test_bad_query_is_422_in_russian(
    api_client, coordinator, entry, params, field, message
):
    response = api_client(coordinator).get(_url(entry), params)

    assert response.status_code == 422
    assert response.json()["errors"][field][0].startswith(message)


def test_unknown_kind_names_the_allowed_ones(api_client, coordinator, entry):
    response = api_client(coordinator).get(_url(entry), {"kind": "parties"})

    allowed = ", ".join(KIND_CODES)
    assert response.json()["errors"] == {
        "kind": [f"Выберите одно из допустимых значений: {allowed}."]
    }
    assert {"plan", "plan_items", "deadlines", "comments"} <= set(KIND_CODES)


def test_a_period_ending_before_it_starts_is_400(api_client, coordinator, entry):
    response = api_client(coordinator).get(
        _url(entry), {"since": "2027-02-01", "until": "2027-01-01"}
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "until": ["Начало периода позже его окончания."]
    }


def _queries(client, entry) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(_url(entry), {"page_size": 25}).status_code == 200
    return len(captured)


def test_a_page_costs_the_same_at_ten_times_the_facts(api_client, coordinator, story):
    client = api_client(coordinator)
    _grow(story, 8)
    _queries(client, story.reserve_entry)  # caches the roles
    small = _queries(client, story.reserve_entry)
    _grow(story, 180)

    # token, its use, the entry, the log's INSERT, the count, the page's keys,
    # one query per loader on the page (6)
    assert _queries(client, story.reserve_entry) == small <= 13

"""`/me/calendar` and `/me/calendar/feed`."""

import pytest
from django.test import Client

from agenda.models import CalendarFeed

API = "/api/v1/me/calendar"


def test_the_entries_of_the_month_by_default(world, api_client, reservist):
    response = api_client(reservist).get(API)
    assert response.status_code == 200
    body = response.json()
    assert [(e["kind"], e["first_day"]) for e in body] == [
        ("deadline", "2027-01-12"),
        ("event", "2027-01-14"),
        ("internship", "2027-01-18"),
        ("deadline", "2027-01-20"),
        ("consultation", "2027-01-22"),
        ("attestation", "2027-01-27"),
    ]
    attestation = body[-1]
    assert attestation["all_day"] is False
    assert attestation["starts_at"] == "2027-01-27T10:00:00+07:00"
    assert attestation["title"] == "Ваша аттестация"
    assert attestation["url"] == f"/attestation/{world.attestation.pk}/"
    assert attestation["uid"].startswith(f"attestation-{world.attestation.pk}@")
    assert body[0]["kind_display"] == "Срок пункта плана"


def test_a_chosen_period(world, api_client, mentor):
    response = api_client(mentor).get(
        API, {"date_from": "2027-01-19", "date_to": "2027-01-21"}
    )
    assert [e["kind"] for e in response.json()] == ["internship", "deadline"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"date_from": "2027-01-20", "date_to": "2027-01-19"}, "date_to"),
        ({"date_from": "2027-01-01", "date_to": "2028-02-01"}, "date_to"),
        ({"date_from": "2027-02-30"}, "date_from"),
        ({"date_from": "1900-01-01"}, "date_from"),
    ],
)
def test_a_bad_period_is_a_422_in_russian(world, api_client, reservist, query, field):
    response = api_client(reservist).get(API, query)
    assert response.status_code == 422
    body = response.json()
    assert set(body) == {"detail", "errors"}
    assert field in body["errors"]
    assert any("а" <= ch <= "я" for ch in body["detail"] + str(body["errors"]))


def test_the_end_before_the_start_says_so(world, api_client, reservist):
    response = api_client(reservist).get(
        API, {"date_from": "2027-01-20", "date_to": "2027-01-19"}
    )
    assert response.json()["detail"] == "Конец периода раньше его начала."


def test_a_visitor_gets_401(world):
    assert Client().get(API).status_code == 401
    assert Client().get(f"{API}/feed").status_code == 401
    assert Client().post(f"{API}/feed").status_code == 401
    assert Client().delete(f"{API}/feed").status_code == 401


@pytest.mark.parametrize(
    "user", ["coordinator", "head", "mentor", "commission", "stranger"], indirect=True
)
def test_every_role_reads_its_own_calendar(world, api_client, user):
    assert api_client(user).get(API).status_code == 200


def test_the_feed_address_is_shown_once_replaced_and_switched_off(
    world, api_client, reservist
):
    client = api_client(reservist)
    assert client.get(f"{API}/feed").json() == {
        "active": False,
        "created_at": None,
        "url": None,
    }
    created = client.post(f"{API}/feed")
    assert created.status_code == 201
    url = created.json()["url"]
    assert url.startswith("http://testserver/calendar/feed/")
    assert Client().get(url).status_code == 200
    shown = client.get(f"{API}/feed").json()
    assert shown["active"] is True and shown["url"] is None
    replaced = client.post(f"{API}/feed").json()["url"]
    assert Client().get(url).status_code == 404
    assert client.delete(f"{API}/feed").status_code == 204
    assert Client().get(replaced).status_code == 404
    assert client.delete(f"{API}/feed").status_code == 204  # nothing left: no error
    assert not CalendarFeed.objects.exists()

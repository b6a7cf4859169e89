"""`GET /api/v1/overview`: the page's figures, permissions and errors."""

import pytest
from django.test import Client

from accounts.services import issue_token
from overview import queries

URL = "/api/v1/overview"


def _as(user=None) -> Client:
    if user is None:
        return Client()
    return Client(headers={"Authorization": f"Bearer {issue_token(user=user)}"})


def _counts(breakdown):
    return {g["key"]: g["count"] for g in breakdown["groups"]}


def test_the_coordinator_gets_the_figures_of_the_page(coordinator, town):
    response = _as(coordinator).get(URL)
    assert response.status_code == 200
    body = response.json()
    assert (body["date_from"], body["date_to"]) == ("2026-01-01", "2026-12-31")
    assert _counts(body["reservists_by_status"]) == {
        "active": 3,
        "appointed": 2,
        "excluded": 1,
    }
    assert body["items_on_time_percent"] == 25
    assert body["appointments"] == {
        "count": 2,
        "in_term": 1,
        "in_term_percent": 50,
        "average_days": 273,
    }
    page = queries.overview(coordinator, queries.default_period())
    assert body["events"] == page["events"]["n"] == 1
    # Each group names the list behind it, as on the page.
    group = body["plans_by_status"]["groups"][0]
    assert group["url"].startswith("/overview/rows/plans/")


def test_the_period_is_chosen(coordinator, town):
    body = (
        _as(coordinator)
        .get(URL, {"date_from": "2020-01-01", "date_to": "2020-12-31"})
        .json()
    )
    assert body["items_due"] == 0
    assert body["events"] == 0


def test_a_head_gets_the_own_organisation(head, town):
    body = _as(head).get(URL).json()
    assert _counts(body["reservists_by_status"])["active"] == 2


def test_a_coordinator_elsewhere_gets_nothing_of_the_town(stranger, town):
    body = _as(stranger).get(URL).json()
    assert _counts(body["reservists_by_status"])["active"] == 1
    assert body["appointments"]["count"] == 0


@pytest.mark.parametrize("role", ["mentor", "reservist", "commission"])
def test_other_roles_are_forbidden(request, role):
    response = _as(request.getfixturevalue(role)).get(URL)
    assert response.status_code == 403
    assert set(response.json()) == {"detail", "errors"}


def test_an_anonymous_caller_is_unauthorised(db):
    assert _as().get(URL).status_code == 401


def test_a_reversed_period_is_refused_in_russian(coordinator):
    response = _as(coordinator).get(
        URL, {"date_from": "2026-12-01", "date_to": "2026-01-01"}
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "date_to": ["Начало периода позже его окончания."]
    }


def test_a_malformed_date_is_refused(coordinator):
    response = _as(coordinator).get(URL, {"date_from": "yesterday"})
    assert response.status_code == 422
    assert "date_from" in response.json()["errors"]

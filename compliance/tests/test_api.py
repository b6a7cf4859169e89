"""`GET /api/v1/compliance`: the page's rows, filters and permissions as JSON;
a bad filter is 422 with Russian errors."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.services import issue_token
from plans.tests.factories import make_mentorship

pytestmark = pytest.mark.django_db
URL = "/api/v1/compliance"


def api(user=None) -> Client:
    if user is None:
        return Client()
    return Client(headers={"Authorization": f"Bearer {issue_token(user=user)}"})


@pytest.mark.parametrize(
    ("who", "seen"),
    [
        ("coordinator", ["Reservist", "Смирнова"]),
        ("head", ["Reservist"]),
        ("mentor", ["Reservist"]),
        ("stranger", ["Дальний"]),
    ],
)
def test_rows_in_scope(world, request, who, seen):
    response = api(request.getfixturevalue(who)).get(URL)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == len(seen)
    assert sorted(i["full_name"].split()[0] for i in body["items"]) == sorted(seen)
    cells = body["items"][0]["cells"]
    assert [c["obligation"] for c in cells][:3] == [
        "mentor_appointed",
        "mentor_eligible",
        "plan_approved",
    ]
    assert cells[0]["status_label"] in {"выполнено", "срок не наступил", "просрочено"}


@pytest.mark.parametrize("who", ["reservist", "commission"])
def test_others_are_refused(world, request, who):
    response = api(request.getfixturevalue(who)).get(URL)
    assert response.status_code == 403
    assert response.json()["detail"]


def test_anonymous_is_401(world):
    assert api().get(URL).status_code == 401


def test_filters_and_pagination(world, coordinator, other_school):
    client = api(coordinator)
    body = client.get(URL, {"organization_id": other_school.pk}).json()
    assert [i["full_name"].split()[0] for i in body["items"]] == ["Смирнова"]
    body = client.get(
        URL, {"obligation": "plan_approved", "status": "overdue", "page_size": 1}
    ).json()
    assert body["count"] == 2
    assert len(body["items"]) == 1
    body = client.get(URL, {"mentor_id": world["mine"].mentor_id}).json()
    assert body["count"] == 1


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"status": "late"}, "status", "Выберите одно из допустимых значений"),
        ({"obligation": "cl9"}, "obligation", "Выберите одно из допустимых значений"),
        ({"organization_id": "x"}, "organization_id", "целое число"),
    ],
)
def test_a_bad_filter_is_422_in_russian(world, coordinator, query, field, message):
    response = api(coordinator).get(URL, query)
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert message in " ".join(errors[field]), errors


def test_an_organisation_or_mentor_out_of_scope_is_422(world, head, other_school):
    response = api(head).get(
        URL,
        {"organization_id": other_school.pk, "mentor_id": world["other"].mentor_id},
    )
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert set(errors) == {"organization_id", "mentor_id"}
    assert "недоступен" in errors["organization_id"][0]


def test_a_page_costs_the_same_whatever_the_number_of_reservists(coordinator, school):
    client = api(coordinator)
    client.get(URL)  # the token's first use is written (hourly): not a page's cost
    for _ in range(2):
        make_mentorship(organization=school)
    with CaptureQueriesContext(connection) as small:
        assert client.get(URL, {"page_size": 5}).json()["count"] == 2
    for _ in range(12):
        make_mentorship(organization=school)
    with CaptureQueriesContext(connection) as large:
        assert len(client.get(URL, {"page_size": 5}).json()["items"]) == 5
    assert len(small) == len(large)

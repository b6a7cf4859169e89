"""/api/v1/events, /event-kinds and /involvements."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.services import issue_token
from events.models import Event, EventKind, Involvement
from plans.models import PlanItem

API = "/api/v1"


@pytest.fixture
def as_(client):
    def make(user):
        client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {issue_token(user=user)}"
        return client

    return make


def _event_body(kind, **kw):
    return {
        "kind_id": kind.pk,
        "title": "Семинар",
        "starts_at": "2027-01-20T10:00:00+07:00",
        "ends_at": "2027-01-20T12:00:00+07:00",
        "place": "Зал",
        **kw,
    }


def test_list_events_by_role(as_, involvement):
    assert as_(involvement.invited_by).get(f"{API}/events").json()["count"] == 1


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("coordinator", 200),
        ("mentor", 200),
        ("reservist", 200),
        ("commission", 404),
        ("stranger", 404),
    ],
)
def test_get_event_by_role(as_, request, involvement, who, status):
    response = as_(request.getfixturevalue(who)).get(
        f"{API}/events/{involvement.event_id}"
    )
    assert response.status_code == status


def test_create_event_refuses_an_end_before_the_start(
    as_, mentor, school, municipality
):
    kind = EventKind.objects.get(municipality=municipality, name="Семинар")
    body = _event_body(
        kind, organization_id=school.pk, ends_at="2027-01-20T09:00:00+07:00"
    )
    response = as_(mentor).post(f"{API}/events", body, content_type="application/json")
    assert response.status_code == 400
    assert "ends_at" in response.json()["errors"]
    assert not Event.objects.exists()


def test_coordinator_creates_a_municipal_event(as_, coordinator, municipality):
    kind = EventKind.objects.get(municipality=municipality, name="Конференция")
    body = _event_body(kind, organization_id=None)
    response = as_(coordinator).post(
        f"{API}/events", body, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["organization_id"] is None


def test_mentor_may_not_create_a_municipal_event(as_, mentor, municipality):
    kind = EventKind.objects.get(municipality=municipality, name="Семинар")
    response = as_(mentor).post(
        f"{API}/events", _event_body(kind), content_type="application/json"
    )
    assert response.status_code == 403


def test_patch_and_delete_an_event(as_, mentor, seminar):
    client = as_(mentor)
    response = client.patch(
        f"{API}/events/{seminar.pk}",
        {"title": "Новое"},
        content_type="application/json",
    )
    assert response.json()["title"] == "Новое"
    assert client.delete(f"{API}/events/{seminar.pk}").status_code == 204


def test_reservist_may_not_patch(as_, reservist, involvement):
    response = as_(reservist).patch(
        f"{API}/events/{involvement.event_id}",
        {"title": "X"},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_involve_through_the_api(as_, mentor, seminar, mentorship, plan_item):
    response = as_(mentor).post(
        f"{API}/events/{seminar.pk}/involvements",
        {
            "reserve_entry_id": mentorship.reserve_entry_id,
            "degree": "speaker",
            "task": "Доклад",
            "prepare_by": "2027-01-13",
            "plan_item_id": plan_item.pk,
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "invited"


def test_involve_refuses_a_deadline_after_the_event(as_, mentor, seminar, mentorship):
    response = as_(mentor).post(
        f"{API}/events/{seminar.pk}/involvements",
        {
            "reserve_entry_id": mentorship.reserve_entry_id,
            "degree": "speaker",
            "prepare_by": "2027-02-01",
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "prepare_by" in response.json()["errors"]
    assert not Involvement.objects.exists()


def test_involve_refuses_a_second_involvement(as_, mentor, involvement, mentorship):
    response = as_(mentor).post(
        f"{API}/events/{involvement.event_id}/involvements",
        {"reserve_entry_id": mentorship.reserve_entry_id, "degree": "listener"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert Involvement.objects.count() == 1


def test_involve_refuses_another_mentors_reservist(
    as_, other_mentor, seminar, mentorship
):
    response = as_(other_mentor).post(
        f"{API}/events/{seminar.pk}/involvements",
        {"reserve_entry_id": mentorship.reserve_entry_id, "degree": "listener"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert not Involvement.objects.exists()


def test_reservist_may_not_mark_attendance(as_, reservist, involvement):
    response = as_(reservist).post(
        f"{API}/involvements/{involvement.pk}/attendance",
        {"attended": True},
        content_type="application/json",
    )
    assert response.status_code == 403
    involvement.refresh_from_db()
    assert involvement.attendance == ""


def test_the_whole_way_through_the_api(as_, mentor, reservist, involvement, plan_item):
    Involvement.objects.filter(pk=involvement.pk).update(plan_item=plan_item)
    client = as_(reservist)
    url = f"{API}/involvements/{involvement.pk}"
    assert client.post(f"{url}/accept").json()["status"] == "accepted"
    response = client.post(
        f"{url}/outcome", {"text": "Тезисы"}, content_type="application/json"
    )
    assert response.json()["outcome_text"] == "Тезисы"
    lie = SimpleUploadedFile("slides.pdf", b"PK\x03\x04 not a pdf")
    assert client.post(f"{url}/outcome-file", {"file": lie}).status_code == 400
    client = as_(mentor)
    response = client.post(
        f"{url}/attendance",
        {"attended": True, "feedback": "Хорошо"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["attendance"] == "attended"
    plan_item.refresh_from_db()
    assert plan_item.status == PlanItem.Status.DONE


def test_decline_needs_a_reason(as_, reservist, involvement):
    client = as_(reservist)
    url = f"{API}/involvements/{involvement.pk}/decline"
    assert client.post(url, {}, content_type="application/json").status_code == 422
    response = client.post(url, {"reason": "Болею"}, content_type="application/json")
    assert response.json()["status"] == "declined"


def test_list_involvements_of_an_event(as_, coordinator, involvement):
    response = as_(coordinator).get(f"{API}/events/{involvement.event_id}/involvements")
    assert response.json()["count"] == 1


def test_event_kinds(as_, coordinator):
    assert as_(coordinator).get(f"{API}/event-kinds").json()["count"] == 6


@pytest.mark.parametrize(
    ("who", "count"),
    [
        ("coordinator", 1),
        ("head", 1),
        ("mentor", 1),
        ("reservist", 1),
        ("other_mentor", 0),
    ],
)
def test_involvements_of_an_event_by_role(as_, request, involvement, who, count):
    response = as_(request.getfixturevalue(who)).get(
        f"{API}/events/{involvement.event_id}/involvements"
    )
    assert response.json()["count"] == count


@pytest.mark.parametrize(
    ("who", "status"),
    [("head", 200), ("commission", 404), ("stranger", 404), ("other_mentor", 404)],
)
def test_get_involvement_by_role(as_, request, involvement, who, status):
    response = as_(request.getfixturevalue(who)).get(
        f"{API}/involvements/{involvement.pk}"
    )
    assert response.status_code == status


def test_head_may_not_answer_for_the_reservist(as_, head, involvement):
    response = as_(head).post(f"{API}/involvements/{involvement.pk}/accept")
    assert response.status_code == 403

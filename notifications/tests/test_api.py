"""`/notifications`: one's own only (404 for another's), the channels one's own
only (403), Russian errors, nothing changed on refusal."""

import pytest
from django.test import Client

from accounts.services import issue_token
from notifications import services
from notifications.kinds import Kind
from notifications.models import Notification, Preference

pytestmark = pytest.mark.django_db
API = "/api/v1"


def as_(user) -> Client:
    return Client(headers={"Authorization": f"Bearer {issue_token(user=user)}"})


def tell(user, key="1", kind=Kind.PLAN_APPROVED):
    services.notify([user], kind, subject="План", key=key, url="/plans/1/")


def test_the_list_is_ones_own_and_filters_unread(mentor, reservist):
    tell(mentor, "1")
    tell(mentor, "2")
    tell(reservist, "3")
    services.mark_read(
        notification=Notification.objects.filter(key__endswith=":1").get()
    )
    client = as_(mentor)
    body = client.get(f"{API}/notifications").json()
    assert body["count"] == 2
    assert [n["title"] for n in body["items"]] == ["План утверждён: План"] * 2
    assert body["items"][0]["read_at"] is None
    assert body["items"][1]["read_at"] is not None
    unread = client.get(f"{API}/notifications", {"unread": "true"}).json()
    assert unread["count"] == 1
    read = client.get(f"{API}/notifications", {"unread": "false"}).json()
    assert read["count"] == 1


@pytest.mark.parametrize("size", [2, 20])
def test_the_list_costs_the_same_for_any_number(
    mentor, size, django_assert_num_queries
):
    for i in range(size):
        tell(mentor, str(i))
    client = as_(mentor)
    client.get(f"{API}/notifications")
    with django_assert_num_queries(3):  # token, count, page
        assert client.get(f"{API}/notifications").status_code == 200


def test_mark_one_and_all_read(mentor):
    tell(mentor, "1")
    tell(mentor, "2")
    first = Notification.objects.first()
    client = as_(mentor)
    response = client.post(f"{API}/notifications/{first.pk}/read")
    assert response.status_code == 200
    assert response.json()["read_at"] is not None
    assert client.post(f"{API}/notifications/read-all").json() == {"marked": 1}
    assert client.post(f"{API}/notifications/read-all").json() == {"marked": 0}


def test_someone_elses_notification_is_not_found_and_stays_unread(mentor, reservist):
    tell(reservist)
    theirs = Notification.objects.get()
    response = as_(mentor).post(f"{API}/notifications/{theirs.pk}/read")
    assert response.status_code == 404
    assert response.json() == {"detail": "Объект не найден.", "errors": {}}
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_the_channels_are_read_and_changed(mentor):
    client = as_(mentor)
    body = client.get(f"{API}/notifications/preferences").json()
    assert [p["kind"] for p in body] == list(Kind.values)
    assert body[0]["label"] == "Приближается срок"
    response = client.put(
        f"{API}/notifications/preferences",
        {"preferences": [{"kind": "overdue", "in_app": False, "email": True}]},
        content_type="application/json",
    )
    assert response.status_code == 200
    overdue = next(p for p in response.json() if p["kind"] == "overdue")
    assert (overdue["in_app"], overdue["email"]) == (False, True)
    own = client.get(f"{API}/users/{mentor.pk}/notification-preferences")
    assert own.status_code == 200


def test_an_unknown_kind_is_refused_in_russian_and_nothing_saved(mentor):
    response = as_(mentor).put(
        f"{API}/notifications/preferences",
        {
            "preferences": [
                {"kind": "overdue", "in_app": False, "email": False},
                {"kind": "nonsense", "in_app": True, "email": True},
            ]
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["errors"]["kind"] == ["Неизвестный вид уведомления: nonsense."]
    assert not Preference.objects.exists()


def test_someone_elses_channels_are_refused_in_russian(mentor, reservist):
    client = as_(mentor)
    response = client.get(f"{API}/users/{reservist.pk}/notification-preferences")
    assert response.status_code == 403
    assert response.json() == {
        "detail": "Менять можно только свои настройки уведомлений.",
        "errors": {},
    }
    response = client.put(
        f"{API}/users/{reservist.pk}/notification-preferences",
        {"preferences": [{"kind": "overdue", "in_app": False, "email": False}]},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert not Preference.objects.exists()


def test_anonymous_gets_401(db):
    assert Client().get(f"{API}/notifications").status_code == 401
    assert Client().post(f"{API}/notifications/read-all").status_code == 401

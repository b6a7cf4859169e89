"""The pages: the list (one's own only, constant queries), the bell, marking read,
the channels (one's own only) and the coordinator's warning period."""

import pytest
from django.urls import reverse

from notifications import services
from notifications.kinds import Kind
from notifications.models import Notification, Preference, ReminderSettings

pytestmark = pytest.mark.django_db


def tell(user, n=1, start=0):
    for i in range(start, start + n):
        services.notify(
            [user], Kind.PLAN_APPROVED, subject=f"План {i}", key=str(i), url="/plans/"
        )


def test_the_list_shows_ones_own_only_latest_first(client, mentor, reservist):
    tell(mentor, 2)
    services.notify([reservist], Kind.OVERDUE, subject="Чужое", key="x")
    client.force_login(mentor)
    response = client.get(reverse("notifications:list"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "План утверждён: План 1" in text and "План утверждён: План 0" in text
    assert text.index("План 1") < text.index("План 0")
    assert "Чужое" not in text
    assert "2 уведомления" in text


def test_the_unread_filter(client, mentor):
    tell(mentor, 2)
    services.mark_read(notification=Notification.objects.first())
    client.force_login(mentor)
    page = client.get(reverse("notifications:list"), {"unread": "1"}).content.decode()
    assert "1 уведомление" in page


def test_an_opted_out_kind_is_not_in_the_list(client, mentor):
    services.set_preferences(user=mentor, choices={Kind.PLAN_APPROVED: (False, True)})
    tell(mentor)
    client.force_login(mentor)
    assert "Уведомлений пока нет." in client.get("/notifications/").content.decode()


@pytest.mark.parametrize("size", [2, 30])
def test_the_list_costs_the_same_for_any_number(
    client, mentor, size, django_assert_num_queries
):
    tell(mentor, size)
    client.force_login(mentor)
    client.get("/notifications/")  # warm the session and the caller's roles
    # session, user, count, page (the cached roles cost none)
    with django_assert_num_queries(4):
        assert client.get("/notifications/").status_code == 200


def test_the_bell_counts_unread_in_one_query_then_from_the_cache(
    client, mentor, django_assert_num_queries
):
    tell(mentor, 3)
    services.mark_read(notification=Notification.objects.first())
    client.force_login(mentor)
    client.get("/")
    with django_assert_num_queries(3):  # session, user, count
        response = client.get(reverse("notifications:bell"))
    assert 'data-unread="2"' in response.content.decode()
    with django_assert_num_queries(2):
        client.get(reverse("notifications:bell"))
    tell(mentor, 1, start=10)  # a new one drops the cached count
    assert 'data-unread="3"' in client.get("/notifications/bell/").content.decode()


def test_every_page_carries_the_bell_without_a_query_for_it(client, mentor):
    client.force_login(mentor)
    page = client.get("/").content.decode()
    assert 'hx-get="/notifications/bell/"' in page
    assert 'href="/notifications/"' in page


def test_mark_read_and_all_read(client, mentor):
    tell(mentor, 3)
    first = Notification.objects.first()
    client.force_login(mentor)
    response = client.post(reverse("notifications:read", args=[first.pk]))
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.read_at is not None
    response = client.post(
        reverse("notifications:read", args=[Notification.objects.last().pk]),
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert response["HX-Trigger"] == "notifications-changed"
    assert "прочитано" in response.content.decode()
    response = client.post(reverse("notifications:read_all"), follow=True)
    assert "Отмечено прочитанными: 1." in response.content.decode()
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_someone_elses_notification_is_not_found_and_stays_unread(
    client, mentor, reservist
):
    tell(reservist)
    theirs = Notification.objects.get()
    client.force_login(mentor)
    response = client.post(reverse("notifications:read", args=[theirs.pk]))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert (
        client.get(reverse("notifications:read", args=[theirs.pk])).status_code == 405
    )


def test_the_channels_page_saves_the_choice(client, mentor):
    client.force_login(mentor)
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert "Пункт плана отмечен выполненным" in page
    data = {f"{kind}_in_app": "on" for kind in Kind.values}
    data[f"{Kind.OVERDUE}_email"] = "on"
    response = client.post(reverse("notifications:preferences"), data)
    assert response.status_code == 302
    assert services.preferences_of(mentor)[Kind.OVERDUE] == (True, True)
    assert services.preferences_of(mentor)[Kind.PLAN_APPROVED] == (True, False)


def test_someone_elses_channels_are_refused_in_russian(client, mentor, reservist):
    client.force_login(mentor)
    response = client.get(reverse("notifications:preferences_of", args=[reservist.pk]))
    assert response.status_code == 403
    assert (
        "Менять можно только свои настройки уведомлений." in response.content.decode()
    )
    response = client.post(
        reverse("notifications:preferences_of", args=[reservist.pk]),
        {f"{Kind.OVERDUE}_in_app": "on"},
    )
    assert response.status_code == 403
    assert not Preference.objects.exists()
    own = client.get(reverse("notifications:preferences_of", args=[mentor.pk]))
    assert own.status_code == 302


def test_the_coordinator_sets_the_days_before(client, coordinator, municipality):
    client.force_login(coordinator)
    assert (
        "За сколько дней до срока напоминать"
        in client.get(reverse("notifications:preferences")).content.decode()
    )
    response = client.post(reverse("notifications:reminder_days"), {"days_before": 7})
    assert response.status_code == 302
    assert services.days_before(municipality.pk) == 7


@pytest.mark.parametrize("value", ["0", "61", "много", ""])
def test_a_bad_number_of_days_is_refused_and_nothing_saved(client, coordinator, value):
    client.force_login(coordinator)
    response = client.post(
        reverse("notifications:reminder_days"), {"days_before": value}
    )
    assert response.status_code == 422
    text = response.content.decode()
    assert "Введите число дней от 1 до 60." in text or "Обязательное поле." in text
    assert not ReminderSettings.objects.exists()


@pytest.mark.parametrize("who", ["mentor", "reservist", "head"])
def test_only_the_coordinator_sets_the_days(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("notifications:reminder_days")).status_code == 403
    assert (
        "За сколько дней"
        not in client.get(reverse("notifications:preferences")).content.decode()
    )


def test_anonymous_is_sent_to_sign_in(client):
    for name in ("list", "bell", "preferences", "reminder_days"):
        response = client.get(reverse(f"notifications:{name}"))
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]

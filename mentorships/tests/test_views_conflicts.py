"""A write that loses a race (IntegrityError) shows the form again with a 409."""

import pytest
from django.db import IntegrityError
from django.urls import reverse

from mentorships import services
from mentorships.models import MentorOrder, MentorReadiness, Mentorship
from mentorships.tests.factories import (
    EligibleMentorFactory,
    MentorOrderFactory,
    MentorshipFactory,
)
from mentorships.tests.test_views_orders import _post
from reserve.tests.factories import ReserveEntryFactory

pytestmark = pytest.mark.django_db

CONFLICT = "Эти данные только что изменил другой пользователь. Проверьте и повторите."


def _lose_the_race(monkeypatch, name: str) -> None:
    """Make the service fail as when another request inserted first."""

    def fail(**kwargs):
        raise IntegrityError("UNIQUE constraint failed")

    monkeypatch.setattr(services, name, fail)


def test_order_create_conflict_shows_the_form_again(client, head, school, monkeypatch):
    school.head = head.person
    school.save()
    mentor = EligibleMentorFactory(organization=school)
    entry = ReserveEntryFactory(person__organization=school)
    _lose_the_race(monkeypatch, "create_order")
    client.force_login(head)

    response = client.post(
        reverse("mentorships:order_create"), _post(school, [(mentor, entry)])
    )

    assert response.status_code == 409
    assert CONFLICT in response.content.decode()
    assert response.context["form"]["number"].value() == "15-н"
    assert not MentorOrder.objects.exists()


def test_order_register_conflict_shows_the_order_with_a_message(
    client, head, school, monkeypatch
):
    order = MentorOrderFactory(organization=school)
    MentorshipFactory(
        order=order,
        reserve_entry__person__organization=school,
        status=Mentorship.Status.PENDING,
    )
    _lose_the_race(monkeypatch, "register_order")
    client.force_login(head)

    response = client.post(reverse("mentorships:order_register", args=[order.pk]))

    assert response.status_code == 409
    assert CONFLICT in response.content.decode()
    order.refresh_from_db()
    assert order.status == MentorOrder.Status.DRAFT


def test_readiness_conflict_shows_the_form_again(
    client, coordinator, school, monkeypatch
):
    mentor = EligibleMentorFactory(organization=school)
    MentorReadiness.objects.filter(person=mentor).delete()
    _lose_the_race(monkeypatch, "confirm_readiness")
    client.force_login(coordinator)

    response = client.post(
        reverse("mentorships:readiness", args=[mentor.pk]),
        {"confirmed_on": "2026-09-01"},
    )

    assert response.status_code == 409
    assert CONFLICT in response.content.decode()
    assert not MentorReadiness.objects.filter(person=mentor).exists()


def test_end_conflict_shows_the_form_again(client, head, school, monkeypatch):
    mentorship = MentorshipFactory(reserve_entry__person__organization=school)
    _lose_the_race(monkeypatch, "end_mentorship")
    client.force_login(head)

    response = client.post(
        reverse("mentorships:end", args=[mentorship.pk]),
        {"ended_on": "2026-11-01", "reason": "completed"},
    )

    assert response.status_code == 409
    assert CONFLICT in response.content.decode()
    mentorship.refresh_from_db()
    assert mentorship.status == Mentorship.Status.ACTIVE

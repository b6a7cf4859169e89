"""The page, the API and the feed cost the same number of queries whatever the
number of entries (every kind present at both sizes)."""

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agenda import services
from agenda.tests.conftest import add_items
from consultations.models import Consultation
from consultations.services import create_consultation
from events import services as event_services
from events.models import Involvement
from events.tests.conftest import make_event
from mentorships.models import Mentorship


def _grow(world, mentor, n: int) -> None:
    """n more deadlines, events the reservist listens at, and consultations."""
    mentorship = world.plan.reserve_entry.mentorships.get(
        status=Mentorship.Status.ACTIVE
    )
    school = world.event.organization
    for k in range(n):
        day = 1 + k % 28
        add_items(world.plan, day)
        event_services.involve(
            event=make_event(organization=school, title=f"Семинар {k}", day=day),
            mentorship=mentorship,
            degree=Involvement.Degree.LISTENER,
            by=mentor,
        )
        create_consultation(
            mentorship=mentorship,
            by=mentor,
            held_on=date(2027, 1, day),
            duration_minutes=30,
            format=Consultation.Format.ONLINE,
            area=Consultation.Area.MANAGEMENT,
            topic=f"Тема {k}",
            status=Consultation.Status.PLANNED
            if day > 15
            else Consultation.Status.HELD,
        )


def _count(client: Client, url: str, expected: int) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("Задача на") >= expected
    return len(captured)


@pytest.mark.parametrize("user", ["mentor", "reservist"], indirect=True)
def test_page_api_and_feed_cost_the_same_at_ten_times_the_entries(
    world, user, mentor, api_client
):
    page = Client()
    page.force_login(user)
    api = api_client(user)
    feed = reverse("agenda:feed", args=[services.regenerate_feed(user=user)])
    urls = {
        "page": (page, "/calendar/?month=2027-01"),
        "api": (api, "/api/v1/me/calendar?date_from=2027-01-01&date_to=2027-01-31"),
        "feed": (Client(), feed),
    }
    for client, url in urls.values():  # warm the caches (the account's roles)
        client.get(url)
    _grow(world, mentor, 2)
    small = {name: _count(c, url, 4) for name, (c, url) in urls.items()}
    _grow(world, mentor, 20)
    large = {name: _count(c, url, 24) for name, (c, url) in urls.items()}
    assert small == large, (small, large)

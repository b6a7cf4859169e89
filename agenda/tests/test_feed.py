"""The iCalendar feed: a calendar client's library (icalendar) reads it back;
stable UIDs, all-day dates, the project's time zone; a forged, revoked or
replaced token is a 404 that tells nothing."""

import re
from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from agenda import services
from agenda.models import CalendarFeed
from agenda.tests.conftest import TOMSK
from events.models import Event


def _plain(content: bytes, token: str) -> bytes:
    """A page without its per-request nonces and CSRF token, and the token
    asked (the 404 page repeats the address it was asked for)."""
    content = content.replace(token.encode(), b"?")
    return re.sub(rb'(nonce="|X-CSRFToken": ")[^"]*"', b"", content)


def _fetch(token: str, client: Client | None = None):
    return (client or Client()).get(reverse("agenda:feed", args=[token]))


def _calendar(token: str) -> Calendar:
    response = _fetch(token)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def _events(calendar: Calendar) -> dict[str, object]:
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_a_client_library_reads_the_reservists_feed(world, reservist, settings):
    settings.SITE_URL = "https://nastavnik.example.ru"
    token = services.regenerate_feed(user=reservist)
    calendar = _calendar(token)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["X-WR-TIMEZONE"]) == "Asia/Tomsk"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Asia/Tomsk"]
    found = _events(calendar)
    host = "nastavnik.example.ru"
    assert set(found) == {
        f"event-{world.event.pk}@{host}",
        f"deadline-{world.items[0].pk}@{host}",
        f"deadline-{world.items[1].pk}@{host}",
        f"internship-{world.internship.pk}@{host}",
        f"consultation-{world.consultation.pk}@{host}",
        f"attestation-{world.attestation.pk}@{host}",
    }
    deadline = found[f"deadline-{world.items[0].pk}@{host}"]
    assert deadline.decoded("DTSTART") == date(2027, 1, 12)
    assert not isinstance(deadline.decoded("DTSTART"), datetime)
    assert deadline.decoded("DTEND") == date(2027, 1, 13)
    assert str(deadline["SUMMARY"]) == "Срок пункта плана: Задача на 12 января"
    internship = found[f"internship-{world.internship.pk}@{host}"]
    assert internship.decoded("DTSTART") == date(2027, 1, 18)
    assert internship.decoded("DTEND") == date(2027, 1, 30)  # the day after the 29th
    attestation = found[f"attestation-{world.attestation.pk}@{host}"]
    start = attestation.decoded("DTSTART")
    assert start == datetime(2027, 1, 27, 10, tzinfo=TOMSK)
    assert attestation["DTSTART"].params["TZID"] == "Asia/Tomsk"
    event = found[f"event-{world.event.pk}@{host}"]
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(hours=2)
    assert str(event["URL"]) == f"https://nastavnik.example.ru/events/{world.event.pk}/"
    assert str(event["LOCATION"]) == world.event.place
    for component in found.values():
        for prop in ("DTSTAMP", "LAST-MODIFIED", "SEQUENCE", "SUMMARY"):
            assert prop in component


def test_the_feed_is_the_same_until_something_changes(world, reservist):
    token = services.regenerate_feed(user=reservist)
    first = _fetch(token).content
    with time_machine.travel(datetime(2027, 1, 15, 13, tzinfo=TOMSK), tick=False):
        assert _fetch(token).content == first
        before = _events(Calendar.from_ical(first))
        Event.objects.filter(pk=world.event.pk).update(
            title="Семинар перенесён", updated_at=datetime.now(TOMSK)
        )
        after = _events(_calendar(token))
    assert before.keys() == after.keys()  # updated, not duplicated
    uid = next(u for u in after if u.startswith("event-"))
    assert "Семинар перенесён" in str(after[uid]["SUMMARY"])
    assert after[uid]["SEQUENCE"] > before[uid]["SEQUENCE"]
    assert after[uid].decoded("LAST-MODIFIED") > before[uid].decoded("LAST-MODIFIED")
    assert after[uid].decoded("DTSTAMP") == after[uid].decoded("LAST-MODIFIED")


def test_the_feed_covers_90_days_back_and_a_year_ahead(world, reservist):
    token = services.regenerate_feed(user=reservist)
    assert len(_events(_calendar(token))) == 6
    with time_machine.travel(datetime(2027, 4, 26, 12, tzinfo=TOMSK), tick=False):
        # 26 January is 90 days back: the internship (to the 29th) and the
        # session (the 27th) touch the window, the rest is older
        uids = _events(_calendar(token))
    assert {u.split("-")[0] for u in uids} == {"attestation", "internship"}
    with time_machine.travel(datetime(2026, 1, 12, 12, tzinfo=TOMSK), tick=False):
        uids = _events(_calendar(token))
    assert {u.split("-")[0] for u in uids} == {"deadline"}  # 12 January 2027


def test_only_the_hash_of_the_token_is_kept(reservist):
    token = services.regenerate_feed(user=reservist)
    stored = CalendarFeed.objects.get(user=reservist)
    assert token not in stored.token_hash
    assert len(token) >= 43


@pytest.fixture
def nothing(client):
    """The answer to an address that never existed."""
    response = _fetch("A" * 43)
    assert response.status_code == 404
    return _plain(response.content, "A" * 43)


def test_a_revoked_token_is_a_404_like_a_forged_one(world, reservist, nothing):
    token = services.regenerate_feed(user=reservist)
    assert _fetch(token).status_code == 200
    assert services.revoke_feed(user=reservist)
    response = _fetch(token)
    assert response.status_code == 404
    assert _plain(response.content, token) == nothing
    assert b"BEGIN:VCALENDAR" not in response.content


def test_a_replaced_token_stops_working(world, reservist, nothing):
    old = services.regenerate_feed(user=reservist)
    new = services.regenerate_feed(user=reservist)
    assert old != new
    assert _fetch(old).status_code == 404
    assert _plain(_fetch(old).content, old) == nothing
    assert _fetch(new).status_code == 200


@pytest.mark.parametrize(
    "token",
    ["short", "A" * 42, "A" * 44, "%2E%2E", "Z" * 43],
)
def test_a_forged_token_is_a_404(world, reservist, token):
    services.regenerate_feed(user=reservist)
    assert _fetch(token).status_code == 404


def test_a_deactivated_account_has_no_feed(world, reservist, nothing):
    token = services.regenerate_feed(user=reservist)
    reservist.is_active = False
    reservist.save()
    response = _fetch(token)
    assert response.status_code == 404
    assert _plain(response.content, token) == nothing


def test_the_feed_needs_no_sign_in_but_no_other_method(world, reservist):
    token = services.regenerate_feed(user=reservist)
    url = reverse("agenda:feed", args=[token])
    assert Client().post(url).status_code == 405
    assert Client().get(url).status_code == 200

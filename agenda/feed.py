"""The personal iCalendar feed (RFC 5545), written with the `icalendar` library.

A published calendar without METHOD: each VEVENT has a UID of its kind and the
object's key (`deadline-17@nastavnik.example`), so a client that reads the feed
again updates an entry instead of adding a copy; DTSTAMP and LAST-MODIFIED are
the object's last change (RFC 5545 3.8.7.2 for a calendar without METHOD) and
SEQUENCE grows with it (seconds from its creation to that change), so the feed
is the same bytes until something changes. Timed entries are in the project's
TIME_ZONE with its VTIMEZONE; deadlines, internships and consultations are
all-day, as DATE values (DTEND the day after the last one, RFC 5545 3.6.1)."""

from datetime import date, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from agenda.entries import Entry, Period

PRODID = "-//Nastavnik//Calendar//RU"
# The window of the feed around today.
DAYS_BACK = 90
DAYS_AHEAD = 365


def feed_period(today: date) -> Period:
    return Period(today - timedelta(days=DAYS_BACK), today + timedelta(days=DAYS_AHEAD))


def uid_host() -> str:
    """The host the UIDs are qualified with: SITE_URL's."""
    return urlsplit(settings.SITE_URL).hostname or "nastavnik"


def feed_url(request: HttpRequest, token: str) -> str:
    """The feed's secret address as the user reaches the site."""
    return request.build_absolute_uri(reverse("agenda:feed", args=[token]))


def _absolute(url: str) -> str:
    return settings.SITE_URL.rstrip("/") + url


def _event(entry: Entry, host: str, zone: ZoneInfo) -> Event:
    event = Event()
    event.add("uid", entry.uid(host))
    event.add("summary", f"{entry.kind.label}: {entry.title}")
    changed = entry.updated_at.astimezone(ZoneInfo("UTC"))
    event.add("dtstamp", changed)
    event.add("last-modified", changed)
    event.add("created", entry.created_at.astimezone(ZoneInfo("UTC")))
    event.add(
        "sequence",
        max(0, int((entry.updated_at - entry.created_at).total_seconds())),
    )
    if entry.starts_at is None:
        event.add("dtstart", entry.first_day)
        event.add("dtend", entry.last_day + timedelta(days=1))
        event.add("transp", "TRANSPARENT")
    else:
        event.add("dtstart", entry.starts_at.astimezone(zone))
        if entry.ends_at is not None and entry.ends_at > entry.starts_at:
            event.add("dtend", entry.ends_at.astimezone(zone))
    if entry.place:
        event.add("location", entry.place)
    description = [entry.detail, entry.status, _absolute(entry.url)]
    event.add("description", "\n".join(part for part in description if part))
    event.add("url", _absolute(entry.url))
    event.add("categories", [str(entry.kind.label)])
    return event


def build_feed(entries: list[Entry], period: Period, *, name: str) -> bytes:
    """The calendar of the entries, as the bytes of an .ics file."""
    zone = ZoneInfo(settings.TIME_ZONE)
    host = uid_host()
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add("x-published-ttl", "PT1H")
    calendar.add(
        "refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"}
    )
    for entry in entries:
        calendar.add_component(_event(entry, host, zone))
    calendar.add_missing_timezones(
        first_date=period.since - timedelta(days=366),
        last_date=period.until + timedelta(days=366),
    )
    return calendar.to_ical()


def feed_name(full_name: str) -> str:
    return _("Nastavnik: %(name)s") % {"name": full_name}

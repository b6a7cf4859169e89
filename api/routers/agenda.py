"""`/me/calendar`: the caller's calendar entries, and its iCalendar feed's address.

The entries are those of the calendar page (agenda.entries): whatever their
number, seven queries at most. The feed's secret address is shown once, in the
answer to `POST /me/calendar/feed` (only its hash is kept); POST again replaces
it, DELETE switches it off."""

from datetime import timedelta
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from agenda import permissions, services
from agenda.entries import Entry, Period, entries
from agenda.feed import feed_url, uid_host
from api.auth import caller
from api.schemas.agenda import CalendarEntryOut, CalendarFeedOut, CalendarQuery
from api.schemas.common import READ_ERRORS, ErrorOut

router = Router(tags=["me"])

MAX_DAYS = 366


def _out(entry: Entry, host: str) -> dict[str, Any]:
    return {
        "kind": entry.kind.code,
        "kind_display": str(entry.kind.label),
        "id": entry.pk,
        "uid": entry.uid(host),
        "title": entry.title,
        "all_day": entry.all_day,
        "first_day": entry.first_day,
        "last_day": entry.last_day,
        "starts_at": entry.starts_at,
        "ends_at": entry.ends_at,
        "place": entry.place,
        "detail": entry.detail,
        "status": entry.status,
        "url": entry.url,
    }


def _period(query: CalendarQuery) -> Period | dict[str, Any]:
    """The asked period, or the 422 body that refuses it."""
    since = query.date_from or timezone.localdate().replace(day=1)
    if query.date_to is not None:
        until = query.date_to
    else:
        following = (since.replace(day=28) + timedelta(days=4)).replace(day=1)
        until = following - timedelta(days=1)
    if until < since:
        message = _("The end of the period is before its start.")
    elif (until - since).days > MAX_DAYS:
        message = _("The period is longer than %(days)s days.") % {"days": MAX_DAYS}
    else:
        return Period(since, until)
    return {"detail": message, "errors": {"date_to": [message]}}


@router.get(
    "/me/calendar", response={200: list[CalendarEntryOut], 401: ErrorOut, 422: ErrorOut}
)
def get_my_calendar(request: HttpRequest, query: Query[CalendarQuery]) -> Any:
    """What concerns the caller, by day and time, touching the period (this
    month by default): events, plan item deadlines, internships,
    consultations, attestation sessions and attestations, each with the page
    the caller may open. 422 for a period that ends before it starts or is
    longer than 366 days."""
    user = caller(request)
    period = _period(query)
    if not isinstance(period, Period):
        return Status(422, period)
    host = uid_host()
    return [_out(entry, host) for entry in entries(user, period)]


def _feed_out(request: HttpRequest, token: str | None = None) -> dict[str, Any]:
    feed = permissions.own_feed(caller(request))
    return {
        "active": feed is not None,
        "created_at": feed.created_at if feed is not None else None,
        "url": feed_url(request, token) if token else None,
    }


@router.get("/me/calendar/feed", response={200: CalendarFeedOut, **READ_ERRORS})
def get_my_calendar_feed(request: HttpRequest) -> Any:
    """Whether the caller has a feed address and since when (not the address)."""
    return _feed_out(request)


@router.post("/me/calendar/feed", response={201: CalendarFeedOut, **READ_ERRORS})
def regenerate_my_calendar_feed(request: HttpRequest) -> Any:
    """A new secret address of the caller's feed, shown this once; the
    previous one stops working."""
    token = services.regenerate_feed(user=caller(request))
    return Status(201, _feed_out(request, token))


@router.delete("/me/calendar/feed", response={204: None, **READ_ERRORS})
def revoke_my_calendar_feed(request: HttpRequest) -> Any:
    """Switch the feed's address off (nothing to switch off is no error)."""
    services.revoke_feed(user=caller(request))
    return Status(204, None)

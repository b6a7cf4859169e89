"""The calendar page (/calendar/), its feed's address (regenerate, revoke) and
the feed itself (/calendar/feed/<token>.ics, no sign-in: the token is the key)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from agenda import permissions, services
from agenda.entries import KINDS, entries
from agenda.feed import build_feed, feed_name, feed_period, feed_url
from agenda.forms import AGENDA, MONTH, CalendarForm
from agenda.queries import month_of

# The token of a feed just created: shown once on the next page, then forgotten.
NEW_TOKEN = "agenda_new_feed_token"


def calendar(request: HttpRequest) -> HttpResponse:
    """The user's month as a grid of weeks or as an agenda of days; a bad month
    is a 422 with the form's Russian errors and no entries."""
    data = request.GET.copy()
    if not data.get("month"):
        data["month"] = timezone.localdate().strftime("%Y-%m")
    form = CalendarForm(data)
    token = request.session.pop(NEW_TOKEN, None)
    context = {
        "form": form,
        "kinds": KINDS,
        "feed": permissions.own_feed(request.user),
        "new_feed_url": feed_url(request, token) if token else "",
        "month": None,
    }
    if not form.is_valid():
        return render(request, "agenda/calendar.html", context, status=422)
    context["month"] = month_of(request.user, form.first_day())
    context["agenda_view"] = form.chosen_view() == AGENDA
    return render(request, "agenda/calendar.html", context)


def _back(request: HttpRequest) -> HttpResponse:
    """Back to the calendar, on the month the user was reading."""
    month = request.POST.get("month", "")
    query = f"?month={month}" if MONTH.fullmatch(month) else ""
    return redirect(reverse("agenda:calendar") + query + "#feed")


@require_POST
def regenerate_feed(request: HttpRequest) -> HttpResponse:
    """A new secret address; the previous one stops working."""
    had = permissions.own_feed(request.user) is not None
    token = services.regenerate_feed(user=request.user)  # type: ignore[arg-type]
    request.session[NEW_TOKEN] = token
    messages.success(
        request,
        _(
            "A new address of the calendar has been created; the previous one no longer works."
        )
        if had
        else _("The address of the calendar has been created."),
    )
    return _back(request)


@require_POST
def revoke_feed(request: HttpRequest) -> HttpResponse:
    """The address stops working; nothing to revoke is not an error."""
    services.revoke_feed(user=request.user)  # type: ignore[arg-type]
    request.session.pop(NEW_TOKEN, None)
    messages.success(request, _("The address of the calendar has been switched off."))
    return _back(request)


@login_not_required
@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The .ics of the token's owner, from 90 days back to a year ahead; 404 for
    an unknown or revoked token."""
    user = permissions.feed_owner(token)
    period = feed_period(timezone.localdate())
    name = user.get_full_name() or user.username
    content = build_feed(entries(user, period), period, name=feed_name(name))
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="nastavnik.ics"'
    response["Cache-Control"] = "private, no-cache"
    response["X-Robots-Tag"] = "noindex"
    return response

"""Who sees which calendar.

Everyone signed in has a calendar of their own (and only their own): what it
shows is decided entry by entry by the domains' permissions (agenda.entries).
The feed's secret address stands for its user: a token that matches no feed,
a revoked one, or one of an account that was deactivated is a 404 that tells
nothing more."""

import re

from django.http import Http404

from accounts.models import User
from agenda.entries import AnyUser
from agenda.models import CalendarFeed, token_hash

# secrets.token_urlsafe(32): 43 characters of the URL-safe base64 alphabet.
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{43}")


def may_view_calendar(user: AnyUser) -> bool:
    """«Календарь» in the menu: every signed-in user."""
    return user.is_authenticated


def feed_owner(token: str) -> User:
    """The active account whose feed the token opens (one query); Http404."""
    if not TOKEN_PATTERN.fullmatch(token):
        raise Http404
    feed = (
        CalendarFeed.objects.select_related("user")
        .filter(token_hash=token_hash(token), user__is_active=True)
        .first()
    )
    if feed is None:
        raise Http404
    return feed.user


def own_feed(user: AnyUser) -> CalendarFeed | None:
    """The user's feed, None when they have none (one query)."""
    if not user.is_authenticated:
        return None
    return CalendarFeed.objects.filter(user_id=user.pk).first()

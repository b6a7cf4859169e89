"""Who may open a reservist's timeline.

The timeline belongs to the reservist's card: whoever sees the card
(reserve.permissions.get_reserve_entry) opens it, anybody else gets 404. Each
of its rows is shown only if the domain that owns it lets the user see it: the
sources ask the domains' permissions modules (timeline/sources/), never this one."""

from reserve.models import ReserveEntry
from reserve.permissions import get_reserve_entry
from timeline.sources.base import AnyUser


def get_reservist(user: AnyUser, pk: int) -> ReserveEntry:
    """The reserve entry whose timeline the user opens, with its person; Http404
    when it is missing or its card is out of the user's sight."""
    return get_reserve_entry(user, pk)

"""Who may read the overview: the coordinator (the municipality's figures) and a
head (their organisation's). Every figure counts the rows the reader's own
`visible_*` scopes give, so the list behind a figure shows exactly those rows."""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from accounts.models import User
from accounts.permissions import principal

AnyUser = User | AnonymousUser


def may_view_overview(user: AnyUser) -> bool:
    """A coordinator, a head of an organisation, or a superuser."""
    p = principal(user)
    if p.is_superuser:
        return True
    if p.is_coordinator:
        return True
    return p.is_head


def require(allowed: bool) -> None:
    """Raise PermissionDenied unless allowed."""
    if not allowed:
        raise PermissionDenied

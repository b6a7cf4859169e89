"""Who may draw up the municipality's report: its coordinator (a superuser for
any municipality). Everybody else gets 403; a municipality the user does not
coordinate, 404."""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import pgettext_lazy

from accounts.models import User
from accounts.permissions import acts_as_coordinator
from organizations.models import Municipality
from organizations.permissions import managed_municipalities

AnyUser = User | AnonymousUser

# The words of the menu item and the page's heading.
REPORT_TITLE = pgettext_lazy("municipal report", "Municipality's report")


def may_build_report(user: AnyUser) -> bool:
    """The menu's question: a coordinator or a superuser (no query)."""
    return acts_as_coordinator(user)


def report_municipalities(user: AnyUser) -> list[Municipality]:
    """The municipalities the user reports on, by name; PermissionDenied for
    anybody who coordinates none."""
    if not may_build_report(user):
        raise PermissionDenied
    found = list(managed_municipalities(user).order_by("name", "pk"))
    if not found:
        raise PermissionDenied
    return found


def get_report_municipality(
    user: AnyUser, municipalities: list[Municipality], pk: object = None
) -> Municipality:
    """The municipality asked for (its id, as the request gave it) among the
    user's, or the first of them when none was asked for; Http404 for another."""
    if pk in (None, ""):
        return municipalities[0]
    for municipality in municipalities:
        if str(municipality.pk) == str(pk):
            return municipality
    raise Http404

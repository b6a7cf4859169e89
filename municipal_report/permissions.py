"""Who may draw up the municipality's report: its coordinator (a superuser for
any municipality). Everybody else gets 403; a municipality the user does not
coordinate, 404."""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import pgettext_lazy

from accounts.models import User
from accounts.permissions import acts_as_coordinator
from municipal_report.models import ReportJob
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


def visible_jobs(user: AnyUser) -> QuerySet[ReportJob]:
    """The user's own report jobs in the municipalities they still coordinate."""
    if not user.is_authenticated:
        return ReportJob.objects.none()
    return ReportJob.objects.filter(
        user=user, municipality__in=managed_municipalities(user)
    )


def get_job(user: AnyUser, pk: int) -> ReportJob:
    """One of the user's own jobs; PermissionDenied for anybody who may not draw
    up the report, Http404 for a missing job or somebody else's."""
    if not may_build_report(user):
        raise PermissionDenied
    try:
        return visible_jobs(user).select_related("municipality").get(pk=pk)
    except ReportJob.DoesNotExist as e:
        raise Http404 from e

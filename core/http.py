"""Facts about the HTTP request that every interface reads the same way."""

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The address of the client: the entry the trusted proxy appended to
    `X-Forwarded-For` behind NUM_PROXIES proxies (`BEHIND_PROXY`), else
    REMOTE_ADDR.

    Only the proxies' own entries are trusted: the ones before them are whatever
    the client wrote, so taking them would let a client pick its address. This is
    django-ninja's reading (NINJA_NUM_PROXIES is the same number), shared by the
    API's token throttle and the login limits."""
    remote = request.META.get("REMOTE_ADDR") or ""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    proxies = settings.NUM_PROXIES
    if proxies == 0 or not forwarded:
        return remote
    entries = forwarded.split(",")
    return entries[-min(proxies, len(entries))].strip() or remote

"""The request type of views that answer htmx with a fragment."""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """A request as django-htmx's middleware leaves it: with `htmx`, which is true
    when htmx made the request (it wants a fragment, not the page). For annotations
    only; Django still passes its own HttpRequest."""

    htmx: HtmxDetails

from django.http import HttpRequest


def is_htmx(request: HttpRequest) -> bool:
    """True for a request htmx made (it wants a fragment, not a page)."""
    return bool(getattr(request, "htmx", False))

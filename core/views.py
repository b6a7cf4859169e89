"""The error pages of the layout (handler400/403/404/500 in config/urls.py).

They are public: an anonymous visitor sees them too. Django calls them outside URL
routing, so LoginRequiredMiddleware never stops them anyway; the mark says so where
they are read."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render

from core.uploads import NOT_MULTIPART_MESSAGE


@login_not_required
def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Django's 400: a form whose upload cannot be read says so."""
    context = {}
    if isinstance(exception, MultiPartParserError):
        context["message"] = NOT_MULTIPART_MESSAGE
    return render(request, "400.html", context, status=400)


@login_not_required
def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "403.html", status=403)


@login_not_required
def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


@login_not_required
def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.permissions import principal
from core.queries import home_counts
from mentorships.queries import home_summary
from plans.queries import home_summary as plans_summary


@login_required
def home(request: HttpRequest) -> HttpResponse:
    p = principal(request.user)
    context = {
        "p": p,
        "counts": home_counts(request.user),
        "work": home_summary(request.user),
        "plans": plans_summary(request.user),
    }
    return render(request, "core/home.html", context)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import URLPattern, URLResolver, include, path

from api.api import api

# What `include()` and `api.urls` give: the patterns, the app name, the namespace.
Included = tuple[list[URLPattern | URLResolver], str, str]


def guarding_themselves(urls: Included) -> Included:
    """Let LoginRequiredMiddleware pass every view of an included URLconf whose
    views check the caller themselves: the admin sends a visitor to its own login
    page and the API answers 401 in JSON, as they did before the middleware."""
    _mark_public(urls[0])
    return urls


def _mark_public(patterns: list[URLPattern | URLResolver]) -> None:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            _mark_public(pattern.url_patterns)
        elif getattr(pattern.callback, "login_required", True):
            login_not_required(pattern.callback)


urlpatterns = [
    path("", include("home.urls")),
    path("accounts/", include("accounts.urls")),
    path("organizations/", include("organizations.urls")),
    path("people/", include("people.urls")),
    path("reserve/", include("reserve.urls")),
    path("mentorships/", include("mentorships.urls")),
    path("plans/", include("plans.urls")),
    path("events/", include("events.urls")),
    path("internships/", include("internships.urls")),
    path("consultations/", include("consultations.urls")),
    path("legal-acts/", include("legal_acts.urls")),
    path("competencies/", include("competencies.urls")),
    path("studies/", include("studies.urls")),
    path("reports/", include("plan_reports.urls")),
    path("attestation/", include("attestation.urls")),
    path("timeline/", include("timeline.urls")),
    path("notifications/", include("notifications.urls")),
    path("overview/", include("overview.urls")),
    path("calendar/", include("agenda.urls")),
    path("compliance/", include("compliance.urls")),
    path("imports/", include("imports.urls")),
    path("municipal-report/", include("municipal_report.urls")),
    path("api/v1/", guarding_themselves(api.urls)),
    path("admin/", guarding_themselves(admin.site.urls)),
]
if settings.BENCH:  # the benchmark's bare reference view (make bench)
    urlpatterns.append(path("bench/", include("bench.urls")))

handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"

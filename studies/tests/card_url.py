"""Until the assignment pages are merged (studies/views/assignments.py), a
stand-in for `studies:card` so that the pages linking an assignment render in
tests: modules that need it import the fixture (`# noqa: F401`). Once the real
card exists the fixture changes nothing, and this module can go."""

import pytest
from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, include, path, reverse

from config.urls import urlpatterns as site
from studies import urls as studies_urls


def _card(request: HttpRequest, pk: int) -> HttpResponse:
    return HttpResponse()


urlpatterns = [
    *(p for p in site if getattr(p, "namespace", None) != "studies"),
    path(
        "studies/",
        include(
            (
                [
                    *studies_urls.urlpatterns,
                    path("<int:pk>/", _card, name="card"),
                ],
                "studies",
            )
        ),
    ),
]


@pytest.fixture(autouse=True)
def studies_card_url(settings):
    """`studies:card` reversible, with the stand-in if need be."""
    try:
        reverse("studies:card", args=[1])
    except NoReverseMatch:
        settings.ROOT_URLCONF = "studies.tests.card_url"

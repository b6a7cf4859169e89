"""Fragments that other apps' pages load by htmx (a lower app's page never
imports this one: it names the URL only)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path

from reserve.permissions import get_reserve_entry
from studies.queries import entry_assignments


@login_required
def card_studies(request: HttpRequest, pk: int) -> HttpResponse:
    """The reservist's assignments in short on their reserve card, the checks a
    new edition flagged first; Http404 for an entry out of the user's scope."""
    entry = get_reserve_entry(request.user, pk)
    rows = entry_assignments(request.user, entry)
    return render(request, "studies/card_studies.html", {"entry": entry, "rows": rows})


urls: list[URLPattern] = [
    path("reservists/<int:pk>/studies/", card_studies, name="card_studies"),
]

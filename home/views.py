from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from home import queries


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The role cards with the real figures of the user's scope."""
    cards = queries.cards(request.user)
    # Only the coordinator's and the head's cards show the registries' counts.
    counts = (
        queries.home_counts(request.user) if cards.coordinator or cards.head else None
    )
    context = {
        "cards": cards,
        "counts": counts,
        "work": queries.work_summary(request.user),
        "plans": queries.plan_summary(request.user),
    }
    return render(request, "home/home.html", context)

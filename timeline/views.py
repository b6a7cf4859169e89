"""The reservist's timeline page (/timeline/<reserve entry id>/)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from people.models import PersonViewLog
from people.services import record_person_view
from timeline import permissions, queries
from timeline.forms import TimelineFilterForm


@login_required
def timeline(request: HttpRequest, pk: int) -> HttpResponse:
    """The entry's facts newest first, filtered; a bad filter is a 400 with the
    form's Russian errors and no rows."""
    entry = permissions.get_reservist(request.user, pk)
    record_person_view(
        person=entry.person,
        user=request.user,
        channel=PersonViewLog.Channel.PAGE,
        source=request.path,
    )
    form = TimelineFilterForm(request.GET)
    if not form.is_valid():
        context = {"entry": entry, "form": form, "page": None}
        return render(request, "timeline/timeline.html", context, status=400)
    page = queries.timeline_page(
        request.user,
        entry,
        kinds=form.kinds(),
        period=form.period(),
        page=request.GET.get("page"),
    )
    context = {"entry": entry, "form": form, "page": page}
    return render(request, "timeline/timeline.html", context)

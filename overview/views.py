"""The overview page and the list behind each of its figures."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from accounts.http import AuthenticatedHttpRequest
from core.pagination import paginate
from overview import permissions, queries
from overview.forms import PeriodForm, row_filters
from people.models import PersonViewLog
from people.services import record_people_access


@login_required
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    permissions.require(permissions.may_view_overview(request.user))
    form = PeriodForm(request.GET or None)
    context: dict[str, Any] = {"form": form, "figures": None, "presets": _presets()}
    if request.GET and not form.is_valid():
        # A bad period: its Russian errors and no figures.
        return render(request, "overview/index.html", context, status=422)
    period = form.period() if request.GET else queries.default_period()
    context["figures"] = queries.overview(request.user, period)
    return render(request, "overview/index.html", context)


def _presets() -> list[tuple[str, str]]:
    """Links to the current month and year."""
    base = reverse("overview:index")
    return [
        (_("This month"), f"{base}?{urlencode(queries.current_month().query())}"),
        (_("This year"), f"{base}?{urlencode(queries.default_period().query())}"),
    ]


@login_required
def rows(request: AuthenticatedHttpRequest, name: str) -> HttpResponse:
    if name not in queries.SETS:
        raise Http404
    permissions.require(permissions.may_view_overview(request.user))
    spec = queries.SETS[name]
    form = PeriodForm(request.GET)
    filters, errors = row_filters(name, request.GET)
    if not form.is_valid() or errors:
        context = {"form": form, "spec": spec, "name": name, "errors": errors}
        return render(request, "overview/rows.html", context, status=422)
    found = queries.set_rows(name, request.user, form.period(), filters)
    page = paginate(queries.for_list(name, found), request.GET.get("page"))
    record_people_access(
        people_ids=[pk for row in page for pk in queries.PEOPLE[name](row)],
        user=request.user,
        channel=PersonViewLog.Channel.LIST,
        source=request.path,
    )
    context = {
        "form": form,
        "spec": spec,
        "name": name,
        "page": page,
        "rows": [spec.cells(row) for row in page],
        "labels": _labels(spec, filters),
        "period": form.period(),
    }
    return render(request, "overview/rows.html", context)


def _labels(spec: queries.SetSpec, filters: dict[str, str]) -> list[str]:
    """The chosen groups, named where the dimension has choices."""
    return [str(spec.choices.get(d, {}).get(v, v)) for d, v in filters.items()]

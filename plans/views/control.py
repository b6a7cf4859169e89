"""The mentor's control of deadlines across all their reservists' plans."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from accounts.permissions import principal
from core.pagination import paginate
from mentorships.permissions import may_view_own_mentees
from plans import queries
from plans.forms import ControlFilterForm


@login_required
def control(request: HttpRequest) -> HttpResponse:
    if not may_view_own_mentees(request.user):
        raise PermissionDenied
    person_id = principal(request.user).person_id
    form = ControlFilterForm(
        request.GET, reservists=queries.control_reservists(request.user, person_id)
    )
    items = form.filter(queries.control_items(request.user, person_id))
    page = paginate(items, request.GET.get("page"), page_size=50)
    page.object_list = queries.with_days_overdue(page.object_list)
    template = "plans/control.html#rows" if request.htmx else "plans/control.html"
    response = render(request, template, {"form": form, "page": page})
    patch_vary_headers(response, ["HX-Request"])
    return response

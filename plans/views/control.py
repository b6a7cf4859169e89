"""The mentor's control of deadlines across all their reservists' plans."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from core.htmx import HtmxHttpRequest
from core.pagination import paginate
from plans import permissions, queries
from plans.forms import ControlFilterForm


@login_required
def control(request: HtmxHttpRequest) -> HttpResponse:
    permissions.require(permissions.may_control_deadlines(request.user))
    plans = permissions.plans_mentored_now(request.user)
    form = ControlFilterForm(request.GET, reservists=queries.control_reservists(plans))
    items = form.filter(queries.control_items(plans))
    page = paginate(items, request.GET.get("page"), page_size=50)
    page.object_list = queries.with_days_overdue(page.object_list)
    template = "plans/control.html#rows" if request.htmx else "plans/control.html"
    response = render(request, template, {"form": form, "page": page})
    patch_vary_headers(response, ["HX-Request"])
    return response

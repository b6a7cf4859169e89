"""What the plan views share: the plan page's context and its answers to htmx."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django_htmx.http import reswap, retarget

from core.forms import render_form
from core.htmx import HtmxHttpRequest
from plans import permissions, queries
from plans.forms import CommentForm, DeadlinesForm, ItemForm, ReturnForm
from plans.models import IndividualPlan, PlanItem
from plans.views.rows import page_labels, prepare_rows

PLAN_PAGE = "plans/plan.html"
# The add form and the rows open for editing share the page: distinct element ids.
ADD_ID = "add_%s"


def plan_context(request: HttpRequest, plan: IndividualPlan, **extra: Any) -> dict:
    """The plan page's context; forms bound after an error come in `extra`."""
    page = queries.plan_page(plan)
    rights = permissions.plan_actions(request.user, plan)
    prepare_rows(plan, page.items, rights)
    today = timezone.localdate()
    deadline = min(max(today, plan.period_start), plan.period_end)
    context = {
        "plan": plan,
        "page": page,
        "rights": rights,
        "labels": page_labels(plan),
        "comment_url": reverse("plans:comment", args=[plan.pk]),
        "columns": {key: plan.form_version.title_of(key) for key in COLUMNS},
        "ncols": 8 + rights.restructure,
        "add_form": ItemForm(
            sections=page.sections,
            # The reservist carries out most rows of their own plan.
            initial={
                "deadline": deadline,
                "responsible": plan.reserve_entry.person.full_name,
            },
            auto_id=ADD_ID,
        ),
        "deadlines_form": DeadlinesForm(item_ids=[]),
        "return_form": ReturnForm(initial={"version": plan.version}),
        "comment_form": CommentForm(),
    }
    return context | extra


COLUMNS = ["activity", "form", "deadline", "responsible", "expected_result", "mark"]


def render_plan_page(
    request: HtmxHttpRequest, plan: IndividualPlan, status: int = 200, **extra: Any
) -> HttpResponse:
    """The plan page, or for htmx its body, which replaces the one on the page."""
    context = plan_context(request, plan, **extra)
    if not request.htmx:
        return render_form(request, PLAN_PAGE, context, status=status)
    response = render_form(request, f"{PLAN_PAGE}#plan_body", context, status=status)
    reswap(retarget(response, "#plan-body"), "outerHTML")
    patch_vary_headers(response, ["HX-Request"])
    return response


def plan_changed(
    request: HtmxHttpRequest, plan: IndividualPlan, message: str
) -> HttpResponse:
    """After a change: the new body for htmx, else back to the page with a message."""
    if request.htmx:
        return render_plan_page(request, plan, notice=message)
    messages.success(request, message)
    return redirect(plan)


def render_row(
    request: HtmxHttpRequest,
    plan: IndividualPlan,
    item_pk: int,
    partial: str = "row",
    status: int = 200,
    **extra: Any,
) -> HttpResponse:
    """One row of the table (shown, edited or marked) for htmx; without htmx the
    page with that row open."""
    if not request.htmx:
        open_as = {"edit_row": "editing", "progress_row": "marking"}.get(partial)
        if open_as:
            extra[open_as] = item_pk
        return render_plan_page(request, plan, status=status, **extra)
    context = plan_context(request, plan, **extra)
    item = next((i for i in context["page"].items if i.pk == item_pk), None)
    if item is None:  # removed meanwhile
        return render_plan_page(request, plan, status=status, **extra)
    response = render_form(
        request, f"{PLAN_PAGE}#{partial}", context | {"item": item}, status=status
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


def stale(
    request: HtmxHttpRequest,
    plan: IndividualPlan,
    item: PlanItem,
    error: ValidationError,
) -> HttpResponse:
    """Somebody changed the row meanwhile: its fresh state and why nothing was saved
    (409 Conflict, for htmx and plain forms alike)."""
    alert = " ".join(error.messages)
    if request.htmx:
        return render_row(request, plan, item.pk, status=409, row_alert=alert)
    return render_plan_page(request, plan, status=409, alert=alert)

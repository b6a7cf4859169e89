"""Rows of the plan: add, change in place, remove, reorder, set deadlines.

Mentor and reservist draft the rows together; after approval each change is kept
as a revision that waits for re-approval (the services decide)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from core.conflicts import StaleVersionError
from core.forms import add_service_error
from core.htmx import HtmxHttpRequest
from plans import permissions, queries, services
from plans.forms import (
    DeadlinesForm,
    ItemEditForm,
    ItemForm,
    MoveForm,
    PlanVersionForm,
)
from plans.models import IndividualPlan
from plans.services import ItemData
from plans.views.common import ADD_ID, plan_changed, render_plan_page, render_row, stale


def editable(request: HttpRequest, pk: int, item_pk: int | None = None):
    """The plan (and row) the user may edit; Http404 or PermissionDenied."""
    plan = permissions.get_plan(request.user, pk)
    permissions.require(permissions.may_edit(request.user, plan))
    item = permissions.get_item(request.user, plan, item_pk) if item_pk else None
    return plan, item


def restructurable(request: HttpRequest, pk: int, item_pk: int | None = None):
    """editable, for reordering, excluding rows and bulk deadlines."""
    plan = permissions.get_plan(request.user, pk)
    permissions.require(permissions.may_restructure(request.user, plan))
    item = permissions.get_item(request.user, plan, item_pk) if item_pk else None
    return plan, item


def _sections(plan: IndividualPlan) -> list:
    return list(plan.form_version.sections.all())


@login_required
@require_POST
def item_add(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    plan, _item = editable(request, pk)
    form = ItemForm(request.POST, sections=_sections(plan), auto_id=ADD_ID)
    if form.is_valid():
        try:
            services.add_item(
                plan=plan, by=request.user, data=ItemData(**form.cleaned_data)
            )
        except ValidationError as e:
            add_service_error(form, e)
        else:
            return plan_changed(request, plan, _("The item has been added."))
    return render_plan_page(request, plan, add_form=form, add_open=True)


@login_required
def item_row(request: HtmxHttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """The row as shown (htmx cancels an edit with it)."""
    plan = permissions.get_plan(request.user, pk)
    item = permissions.get_item(request.user, plan, item_pk)
    if not request.htmx:
        return redirect(plan)
    return render_row(request, plan, item.pk)


@login_required
def item_edit(request: HtmxHttpRequest, pk: int, item_pk: int) -> HttpResponse:
    plan, item = editable(request, pk, item_pk)
    initial = ItemEditForm.initial_of(item)
    form = ItemEditForm(
        request.POST or None,
        initial=initial,
        sections=_sections(plan),
        auto_id=f"edit{item.pk}_%s",
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {k: v for k, v in data.items() if k != "version"}
        try:
            services.update_item(
                item=item, by=request.user, expected_version=data["version"], **fields
            )
        except StaleVersionError as e:
            return stale(request, plan, item, e)
        except ValidationError as e:
            add_service_error(form, e)
        else:
            return plan_changed(request, plan, _("The item has been saved."))
    return render_row(request, plan, item.pk, "edit_row", edit_form=form)


@login_required
@require_POST
def item_remove(request: HtmxHttpRequest, pk: int, item_pk: int) -> HttpResponse:
    plan, item = restructurable(request, pk, item_pk)
    form = PlanVersionForm(request.POST)
    expected = form.cleaned_data["version"] if form.is_valid() else -1
    try:
        services.remove_item(item=item, by=request.user, expected_version=expected)
    except StaleVersionError as e:
        return stale(request, plan, item, e)
    except ValidationError as e:
        return render_plan_page(request, plan, alert=" ".join(e.messages))
    if plan.status == IndividualPlan.Status.DRAFT:
        return plan_changed(request, plan, _("The item has been removed."))
    return plan_changed(request, plan, _("The item has been excluded from the plan."))


@login_required
@require_POST
def item_move(request: HtmxHttpRequest, pk: int, item_pk: int) -> HttpResponse:
    plan, item = restructurable(request, pk, item_pk)
    form = MoveForm(request.POST)
    direction = form.cleaned_data["direction"] if form.is_valid() else None
    order = queries.moved(queries.plan_rows(plan), item, direction)
    try:
        if order:
            services.reorder_items(plan=plan, by=request.user, item_ids=order)
    except ValidationError as e:
        return render_plan_page(request, plan, alert=" ".join(e.messages))
    return plan_changed(request, plan, _("The order of items has been changed."))


def _deadlines_message(result: services.DeadlinesResult) -> str:
    message = ngettext(
        "The deadline has been set for %(n)s item.",
        "The deadline has been set for %(n)s items.",
        result.changed,
    ) % {"n": result.changed}
    if not result.skipped:
        return message
    skipped = _("Finished items skipped (done, not done or excluded): %(n)s.") % {
        "n": result.skipped
    }
    return f"{message} {skipped}"


@login_required
@require_POST
def deadlines_set(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    plan, _item = restructurable(request, pk)
    ids = [i.pk for i in queries.plan_rows(plan)]
    form = DeadlinesForm(request.POST, item_ids=ids)
    if form.is_valid():
        try:
            result = services.set_deadlines(
                plan=plan,
                by=request.user,
                item_ids=form.cleaned_data["items"],
                deadline=form.cleaned_data["deadline"],
            )
        except ValidationError as e:
            add_service_error(form, e)
        else:
            return plan_changed(request, plan, _deadlines_message(result))
    return render_plan_page(request, plan, deadlines_form=form)

"""The plans list, a new plan, the plan page and its approval (clause 8.1)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.forms import add_service_error, render_form
from core.htmx import HtmxHttpRequest
from core.pagination import paginate
from organizations.permissions import visible_organizations
from people.models import PersonViewLog
from people.services import record_people_access
from plans import permissions, queries, services
from plans.document_services import render_plan as render_document
from plans.forms import (
    ApproveForm,
    PlanCreateForm,
    PlanFilterForm,
    PlanVersionForm,
    ReturnForm,
)
from plans.views.common import render_plan_page
from reserve.permissions import get_reserve_entry

DOCUMENT_FORMATS = ("docx", "pdf")


def _creation(request: HttpRequest, form: PlanFilterForm) -> dict:
    """Where the list offers «Create a plan»: the reservist it is filtered by, and
    a mentor's reservists who have no plan yet."""
    form.is_valid()  # a wrong other filter leaves the valid entry in cleaned_data
    entry_pk = form.cleaned_data.get("entry")
    entry = get_reserve_entry(request.user, entry_pk) if entry_pk else None
    can_create = entry is not None and permissions.may_create_plan(request.user, entry)
    return {
        "entry": entry,
        "can_create": can_create,
        "mentees": queries.mentees_without_plans(request.user),
        "is_manager": permissions.may_filter_plans_by_organization(request.user),
    }


@login_required
def plan_list(request: HtmxHttpRequest) -> HttpResponse:
    form = PlanFilterForm(
        request.GET, organizations=visible_organizations(request.user)
    )
    plans = queries.plans_in_list_order(permissions.visible_plans(request.user))
    page = paginate(
        form.filter(plans), request.GET.get("page"), annotate=queries.annotate_listed
    )
    page.object_list = queries.with_progress(page.object_list)
    record_people_access(
        people_ids=[pk for plan in page for pk in queries.plan_people_ids(plan)],
        user=request.user,
        channel=PersonViewLog.Channel.LIST,
        source=request.path,
    )
    if request.htmx:
        response = render(request, "plans/list.html#rows", {"page": page})
    else:
        context = {"form": form, "page": page, **_creation(request, form)}
        response = render(request, "plans/list.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
def plan_create(request: HttpRequest, entry_pk: int) -> HttpResponse:
    entry = get_reserve_entry(request.user, entry_pk)
    permissions.require(permissions.may_create_plan(request.user, entry))
    form = PlanCreateForm(
        request.POST or None,
        initial=PlanCreateForm.initial_for(entry),
        plans=queries.copy_sources(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.create_plan(entry=entry, **form.service_arguments())
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, _("The draft plan has been created."))
            return redirect(plan)
    return render_form(request, "plans/create.html", {"form": form, "entry": entry})


@login_required
def my_plan(request: HttpRequest) -> HttpResponse:
    """«My plan»: the reservist's current plan, or how to start one."""
    permissions.require(permissions.may_view_own_plans(request.user))
    current = queries.current_plan_of(request.user)
    if current is not None:
        return redirect(current)
    entry = permissions.own_reserve_entries(request.user).active().first()
    can_create = entry is not None and permissions.may_create_plan(request.user, entry)
    context = {"entry": entry, "can_create": can_create}
    return render(request, "plans/mine.html", context)


@login_required
def plan_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    plan = permissions.get_plan(request.user, pk)
    record_people_access(
        people_ids=queries.plan_people_ids(plan),
        user=request.user,
        channel=PersonViewLog.Channel.PAGE,
        source=request.path,
    )
    return render_plan_page(request, plan)


def _status_change(
    request: HttpRequest,
    pk: int,
    allowed,
    change,
    done: str,
    form_class: type[PlanVersionForm] = PlanVersionForm,
):
    """Submit, approve or complete: check the right and the version the user saw
    (and what else form_class asks, passed on to `change`)."""
    plan = permissions.get_plan(request.user, pk)
    permissions.require(allowed(request.user, plan))
    form = form_class(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Reload the page and try again."))
        data = dict(form.cleaned_data)
        change(plan=plan, expected_version=data.pop("version"), **data)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, done)
    return redirect(plan)


@login_required
@require_POST
def plan_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _status_change(
        request,
        pk,
        permissions.may_submit,
        services.submit_plan,
        _("The plan has been submitted for approval."),
    )


@login_required
@require_POST
def plan_approve(request: HttpRequest, pk: int) -> HttpResponse:
    def approve(**kwargs) -> None:
        services.approve_plan(by=request.user, **kwargs)

    return _status_change(
        request,
        pk,
        permissions.may_approve,
        approve,
        _("The plan has been approved."),
        ApproveForm,
    )


@login_required
@require_POST
def plan_complete(request: HttpRequest, pk: int) -> HttpResponse:
    return _status_change(
        request,
        pk,
        permissions.may_complete_plan,
        services.complete_plan,
        _("The plan has been completed."),
    )


@login_required
@require_POST
def plan_return(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    plan = permissions.get_plan(request.user, pk)
    permissions.require(permissions.may_approve(request.user, plan))
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.return_plan(
                plan=plan,
                remarks=form.cleaned_data["remarks"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, _("The plan has been returned for revision."))
            return redirect(plan)
    return render_plan_page(request, plan, return_form=form)


@login_required
def plan_document(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    plan = permissions.get_plan(request.user, pk)
    if fmt not in DOCUMENT_FORMATS:
        raise Http404
    try:
        content, filename, content_type = render_document(plan, fmt)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return redirect(plan)
    record_people_access(
        people_ids=queries.plan_people_ids(plan),
        user=request.user,
        channel=PersonViewLog.Channel.DOCUMENT,
        source=request.path,
    )
    response = HttpResponse(content, content_type=content_type)
    disposition = content_disposition_header(True, filename)
    assert disposition is not None  # None only for an inline file without a name
    response["Content-Disposition"] = disposition
    return response

"""The internship pages: lists, card, forms, programme, conclusion, documents and
the coordinator's catalogue of forms."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.forms import add_service_error, render_form
from core.history import history_of
from core.htmx import HtmxHttpRequest
from core.pagination import paginate
from internships import permissions, queries, services
from internships.document_services import render_internship
from internships.forms import (
    SUPERVISOR_SEARCH,
    ConclusionForm,
    InternshipCreateForm,
    InternshipFieldsForm,
    InternshipFilterForm,
    InternshipFormForm,
    TaskForm,
)
from internships.models import Internship, InternshipQuerySet
from organizations.permissions import managed_municipalities
from people import search
from people.models import PersonQuerySet, PersonViewLog
from people.services import record_people_access, record_person_view
from plans.permissions import may_confirm


def _supervisors(request: HttpRequest) -> PersonQuerySet:
    """Whom the supervisor field accepts and its search offers."""
    return permissions.supervisor_choices(request.user)


search.register(SUPERVISOR_SEARCH, _supervisors)


def _list(
    request: HtmxHttpRequest, internships: InternshipQuerySet, *, supervised: bool
) -> HttpResponse:
    form = InternshipFilterForm(
        request.GET,
        internship_forms=permissions.visible_internship_forms(request.user),
    )
    page = paginate(
        form.filter(internships.in_list_order()),
        request.GET.get("page"),
        annotate=InternshipQuerySet.for_list,
    )
    record_people_access(
        people_ids=[i.reserve_entry.person_id for i in page],
        user=request.user,
        channel=PersonViewLog.Channel.LIST,
        source=request.path,
    )
    template = "internships/list.html"
    context = {
        "form": form,
        "page": page,
        "supervised": supervised,
        "can_create": permissions.may_create_internship(request.user),
        "can_manage_forms": permissions.may_manage_internship_forms(request.user),
    }
    response = render(
        request, f"{template}#rows" if request.htmx else template, context
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
def internship_list(request: HtmxHttpRequest) -> HttpResponse:
    return _list(
        request, permissions.visible_internships(request.user), supervised=False
    )


@login_required
def supervised_list(request: HtmxHttpRequest) -> HttpResponse:
    """«My interns»: the internships the user supervises."""
    if not permissions.may_view_supervised(request.user):
        raise PermissionDenied
    return _list(
        request, permissions.supervised_internships(request.user), supervised=True
    )


def _fields_form_choices(request: HttpRequest) -> dict:
    user = request.user
    return {
        "internship_forms": permissions.internship_form_choices(user),
        "organizations": permissions.host_organization_choices(user),
        "people": _supervisors(request),
    }


@login_required
def internship_create(request: HttpRequest) -> HttpResponse:
    if not permissions.may_create_internship(request.user):
        raise PermissionDenied
    mentorships = permissions.mentorships_for_internships(request.user)
    form = InternshipCreateForm(
        request.POST or None,
        mentorships=mentorships,
        plan_items=queries.plan_items_to_link(mentorships.values("reserve_entry_id")),
        **_fields_form_choices(request),
    )
    if request.method == "POST" and form.is_valid():
        try:
            internship = services.create_internship(**form.cleaned_data)
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, _("The internship has been set."))
            return redirect(internship)
    return render_form(request, "internships/form.html", {"form": form})


def _card_context(request: HttpRequest, internship: Internship, **forms) -> dict:
    user = request.user
    actions = permissions.internship_actions(user, internship)
    return {
        "internship": internship,
        "entry": internship.reserve_entry,
        "tasks": list(internship.tasks.all()),
        "actions": actions,
        "task_form": forms.get("task_form") or TaskForm(),
        "history": history_of(internship)
        if permissions.may_manage_internship_forms(user)
        else None,
    }


@login_required
def internship_card(request: HttpRequest, pk: int) -> HttpResponse:
    internship = permissions.get_internship(request.user, pk)
    record_person_view(
        person=internship.reserve_entry.person,
        user=request.user,
        channel=PersonViewLog.Channel.PAGE,
        source=request.path,
    )
    return render(request, "internships/card.html", _card_context(request, internship))


@login_required
def internship_edit(request: HttpRequest, pk: int) -> HttpResponse:
    internship = permissions.get_internship(request.user, pk, write=True)
    names = [*services.EDITABLE, "plan_item"]
    form = InternshipFieldsForm(
        request.POST or None,
        initial={name: getattr(internship, name) for name in names},
        plan_items=queries.plan_items_to_link([internship.reserve_entry_id]),
        **_fields_form_choices(request),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_internship(internship=internship, **form.cleaned_data)
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect(internship)
    context = {"form": form, "internship": internship}
    return render_form(request, "internships/form.html", context)


@login_required
@require_POST
def task_add(request: HttpRequest, pk: int) -> HttpResponse:
    internship = permissions.get_internship(request.user, pk, write=True)
    form = TaskForm(request.POST)
    if form.is_valid():
        try:
            services.add_task(internship=internship, **form.cleaned_data)
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, _("The task has been added to the programme."))
            return redirect(internship)
    context = _card_context(request, internship, task_form=form)
    return render_form(request, "internships/card.html", context)


@login_required
@require_POST
def task_delete(request: HttpRequest, pk: int, task_pk: int) -> HttpResponse:
    internship = permissions.get_internship(request.user, pk, write=True)
    task = internship.tasks.filter(pk=task_pk).first()
    if task is None:
        raise Http404
    try:
        services.delete_task(task=task)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("The task has been removed."))
    return redirect(internship)


@login_required
@require_POST
def internship_start(request: HttpRequest, pk: int) -> HttpResponse:
    internship = permissions.get_internship(request.user, pk, write=True)
    try:
        services.start_internship(internship=internship)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("The internship is in progress."))
    return redirect(internship)


@login_required
@require_POST
def internship_complete(request: HttpRequest, pk: int) -> HttpResponse:
    internship = permissions.get_internship(request.user, pk, write=True)
    item = internship.plan_item
    confirms = item is not None and may_confirm(request.user, item.plan)
    try:
        services.complete_internship(
            internship=internship, by=request.user, confirms_plan_item=confirms
        )
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("The internship has been completed."))
    return redirect(internship)


@login_required
def conclusion_edit(request: HttpRequest, pk: int) -> HttpResponse:
    internship = permissions.get_internship(request.user, pk)
    permissions.require(permissions.may_conclude(request.user, internship))
    initial = {
        "work_done": internship.work_done,
        "assessment": internship.assessment,
        "recommendation": internship.recommendation,
        "concluded_on": internship.concluded_on
        or min(timezone.localdate(), internship.ends_on),
    }
    form = ConclusionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.write_conclusion(
                internship=internship, by=request.user, **form.cleaned_data
            )
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, _("The conclusion has been saved."))
            return redirect(internship)
    context = {"form": form, "internship": internship}
    return render_form(request, "internships/conclusion.html", context)


@login_required
def internship_document(
    request: HttpRequest, pk: int, kind: str, fmt: str
) -> HttpResponse:
    internship = permissions.get_internship(request.user, pk)
    try:
        content, filename, content_type = render_internship(internship, kind, fmt)
    except ValidationError as e:
        raise Http404(" ".join(e.messages)) from e
    record_people_access(
        people_ids=queries.internship_people_ids(internship),
        user=request.user,
        channel=PersonViewLog.Channel.DOCUMENT,
        source=request.path,
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# The catalogue of forms ---------------------------------------------------------------


@login_required
def form_list(request: HttpRequest) -> HttpResponse:
    if not permissions.may_manage_internship_forms(request.user):
        raise PermissionDenied
    municipality = managed_municipalities(request.user).first()
    if municipality is None:
        raise PermissionDenied
    form = InternshipFormForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.create_internship_form(
                municipality=municipality, **form.cleaned_data
            )
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, _("The form of internship has been added."))
            return redirect("internships:forms")
    forms_ = permissions.visible_internship_forms(request.user).filter(
        municipality=municipality
    )
    page = paginate(forms_, request.GET.get("page"), page_size=100)
    return render_form(request, "internships/forms.html", {"form": form, "page": page})


@login_required
def form_edit(request: HttpRequest, pk: int) -> HttpResponse:
    internship_form = permissions.get_internship_form(request.user, pk, write=True)
    form = InternshipFormForm(
        request.POST or None,
        initial={"name": internship_form.name, "is_active": internship_form.is_active},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_internship_form(form=internship_form, **form.cleaned_data)
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("internships:forms")
    context = {"form": form, "internship_form": internship_form}
    return render_form(request, "internships/form_edit.html", context)

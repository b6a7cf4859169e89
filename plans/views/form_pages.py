"""The coordinator's plan forms: versions, sections, suggested items, approval."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.forms import add_service_error, render_form
from core.htmx import HtmxHttpRequest
from organizations.permissions import managed_municipalities
from plans import permissions, queries, services
from plans.forms import (
    ApproveVersionForm,
    PlanFormCreateForm,
    StructureForm,
    SuggestedItemForm,
)
from plans.models import COLUMN_KEYS, PlanForm, PlanFormVersion, SuggestedItem

VERSION_PAGE = "plans/form_version.html"


@login_required
def form_list(request: HttpRequest) -> HttpResponse:
    municipality = managed_municipalities(request.user).first()
    form = PlanFormCreateForm(request.POST or None)
    if request.method == "POST":
        permissions.require(municipality is not None)
        assert municipality is not None  # require() has denied the request otherwise
        if form.is_valid():
            plan_form = services.create_plan_form(
                municipality=municipality, name=form.cleaned_data["name"]
            )
            messages.success(request, _("The form has been created."))
            return redirect(plan_form)
    plan_forms = queries.forms_for_list(permissions.visible_plan_forms(request.user))
    context = {"plan_forms": plan_forms, "form": form, "can_create": bool(municipality)}
    return render_form(request, "plans/forms.html", context)


@login_required
def form_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan_form = permissions.get_plan_form(request.user, pk)
    latest = plan_form.versions.order_by("-number").first()
    if latest is None:
        return redirect("plans:forms")
    return redirect("plans:form_version", plan_form.pk, latest.number)


@login_required
@require_POST
def form_new_version(request: HttpRequest, pk: int) -> HttpResponse:
    plan_form = permissions.get_plan_form(request.user, pk, write=True)
    try:
        version = services.new_form_version(form=plan_form)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return redirect(plan_form)
    messages.success(request, _("A new draft version has been made."))
    return redirect("plans:form_version", plan_form.pk, version.number)


def _version(request: HttpRequest, pk: int, number: int, *, write: bool = False):
    plan_form = permissions.get_plan_form(request.user, pk, write=write)
    version = get_object_or_404(plan_form.versions, number=number)
    return plan_form, version


def _suggestion_forms(sections: list, bound: SuggestedItemForm | None) -> None:
    """Give each section its form for a new suggestion; one may come bound."""
    for section in sections:
        prefix = f"s{section.pk}"
        is_bound = bound is not None and bound.prefix == prefix
        section.new_suggestion = bound if is_bound else SuggestedItemForm(prefix=prefix)


def _render_version(
    request: HtmxHttpRequest, plan_form: PlanForm, version: PlanFormVersion, **extra
) -> HttpResponse:
    """The version page; for htmx only its body. Forms bound after an error and
    an `alert` come in `extra`."""
    sections = queries.version_sections(version)
    can_write = permissions.may_manage_plan_forms(
        request.user, plan_form.municipality_id
    )
    editable = permissions.may_edit_form_version(request.user, version)
    suggestion = extra.pop("suggestion", None)
    _suggestion_forms(sections, suggestion)
    versions = list(plan_form.versions.order_by("-number"))
    context = {
        "plan_form": plan_form,
        "version": version,
        "versions": versions,
        "has_draft": any(not v.is_approved for v in versions),
        "column_titles": [version.title_of(key) for key in COLUMN_KEYS],
        "sections": sections,
        "editable": editable,
        "can_write": can_write,
        "structure_form": StructureForm(version=version) if editable else None,
        "approve_form": ApproveVersionForm(),
    } | extra
    template = f"{VERSION_PAGE}#body" if request.htmx else VERSION_PAGE
    response = render_form(request, template, context, nested=[suggestion])
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
def version_detail(request: HtmxHttpRequest, pk: int, number: int) -> HttpResponse:
    plan_form, version = _version(request, pk, number)
    return _render_version(request, plan_form, version)


@login_required
@require_POST
def version_structure(request: HtmxHttpRequest, pk: int, number: int) -> HttpResponse:
    plan_form, version = _version(request, pk, number, write=True)
    form = StructureForm(request.POST, version=version)
    if form.is_valid():
        try:
            services.update_form_version(
                version=version,
                column_titles=form.cleaned_data["column_titles"],
                sections=form.cleaned_data["sections"],
            )
        except ValidationError as e:
            add_service_error(form, e)
            return _render_version(
                request,
                plan_form,
                version,
                structure_form=form,
                alert=" ".join(e.messages),
            )
        return _render_version(
            request, plan_form, version, notice=_("The structure has been saved.")
        )
    return _render_version(request, plan_form, version, structure_form=form)


@login_required
@require_POST
def suggestion_add(
    request: HtmxHttpRequest, pk: int, number: int, section_pk: int
) -> HttpResponse:
    plan_form, version = _version(request, pk, number, write=True)
    section = get_object_or_404(version.sections, pk=section_pk)
    form = SuggestedItemForm(request.POST, prefix=f"s{section.pk}")
    if form.is_valid():
        try:
            services.add_suggested_item(section=section, **form.cleaned_data)
        except ValidationError as e:
            add_service_error(form, e)
            return _render_version(
                request, plan_form, version, suggestion=form, alert=" ".join(e.messages)
            )
        return _render_version(
            request, plan_form, version, notice=_("The suggestion has been added.")
        )
    return _render_version(request, plan_form, version, suggestion=form)


@login_required
@require_POST
def suggestion_delete(
    request: HtmxHttpRequest, pk: int, number: int, suggestion_pk: int
) -> HttpResponse:
    plan_form, version = _version(request, pk, number, write=True)
    suggestion = get_object_or_404(
        SuggestedItem.objects.select_related("section__version"),
        pk=suggestion_pk,
        section__version=version,
    )
    try:
        services.delete_suggested_item(item=suggestion)
    except ValidationError as e:
        return _render_version(request, plan_form, version, alert=" ".join(e.messages))
    return _render_version(
        request, plan_form, version, notice=_("The suggestion has been removed.")
    )


@login_required
@require_POST
def version_approve(request: HtmxHttpRequest, pk: int, number: int) -> HttpResponse:
    plan_form, version = _version(request, pk, number, write=True)
    form = ApproveVersionForm(request.POST)
    if form.is_valid():
        try:
            services.approve_form_version(version=version, **form.cleaned_data)
        except ValidationError as e:
            add_service_error(form, e)
            return _render_version(
                request,
                plan_form,
                version,
                approve_form=form,
                alert=" ".join(e.messages),
            )
        messages.success(request, _("The version of the form has been approved."))
        return redirect("plans:form_version", plan_form.pk, version.number)
    return _render_version(request, plan_form, version, approve_form=form)

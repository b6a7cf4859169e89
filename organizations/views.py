from copy import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from core.excel import export_workbook, xlsx_response
from core.forms import add_service_error, render_form
from core.history import history_of
from core.htmx import HtmxHttpRequest
from core.pagination import paginate
from organizations import permissions, services
from organizations.exports import ORGANIZATION_COLUMNS
from organizations.forms import (
    MunicipalityForm,
    OrganizationFilterForm,
    OrganizationForm,
)
from organizations.models import OrganizationQuerySet
from people.permissions import visible_people


def _filtered(
    request: HttpRequest,
) -> tuple[OrganizationFilterForm, OrganizationQuerySet]:
    form = OrganizationFilterForm(request.GET)
    organizations = permissions.visible_organizations(request.user)
    return form, form.filter(organizations.in_list_order())


@login_required
def organization_list(request: HtmxHttpRequest) -> HttpResponse:
    form, organizations = _filtered(request)
    page = paginate(
        organizations, request.GET.get("page"), annotate=OrganizationQuerySet.for_list
    )
    template = (
        "organizations/list.html#rows" if request.htmx else "organizations/list.html"
    )
    response = render(
        request,
        template,
        {
            "form": form,
            "page": page,
            "can_create": permissions.may_create_organization(request.user),
        },
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
def organization_export(request: HttpRequest) -> HttpResponse:
    _form, organizations = _filtered(request)
    rows = organizations.for_list().iterator(chunk_size=2000)
    content = export_workbook(_("Organisations"), ORGANIZATION_COLUMNS, rows)
    return xlsx_response(content, "organizations.xlsx")


@login_required
def organization_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organization = permissions.get_organization(request.user, pk)
    can_history = permissions.may_view_history(
        request.user, organization.municipality_id
    )
    return render(
        request,
        "organizations/detail.html",
        {
            "organization": organization,
            "n_people": visible_people(request.user)
            .filter(organization=organization)
            .count(),
            "can_edit": permissions.may_edit_organization(request.user, organization),
            "history": history_of(organization) if can_history else None,
        },
    )


@login_required
def organization_create(request: HttpRequest) -> HttpResponse:
    municipality = permissions.managed_municipalities(request.user).first()
    if municipality is None:
        raise PermissionDenied
    form = OrganizationForm(
        request.POST or None, people=visible_people(request.user).none()
    )
    if request.method == "POST" and form.is_valid():
        try:
            organization = services.create_organization(
                municipality=municipality, **form.cleaned_data
            )
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, _("The organisation has been added."))
            return redirect(organization)
    return render_form(request, "organizations/form.html", {"form": form})


@login_required
def organization_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organization = permissions.get_organization(request.user, pk, write=True)
    staff = visible_people(request.user).filter(organization=organization)
    # A copy: the form validates on it, the service compares with the original.
    form = OrganizationForm(
        request.POST or None, instance=copy(organization), people=staff
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_organization(organization=organization, **form.cleaned_data)
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect(organization)
    return render_form(
        request, "organizations/form.html", {"form": form, "organization": organization}
    )


@login_required
def organization_delete(request: HttpRequest, pk: int) -> HttpResponse:
    organization = permissions.get_organization(request.user, pk, write=True)
    if request.method != "POST":
        return render(request, "confirm_delete.html", {"object": organization})
    try:
        services.delete_organization(organization=organization)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return redirect(organization)
    messages.success(request, _("The organisation has been deleted."))
    return redirect("organizations:list")


@login_required
def municipality_edit(request: HttpRequest, pk: int) -> HttpResponse:
    municipality = permissions.get_municipality(request.user, pk, write=True)
    form = MunicipalityForm(request.POST or None, instance=copy(municipality))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_municipality(municipality=municipality, **form.cleaned_data)
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("home:index")
    return render_form(
        request,
        "organizations/municipality_form.html",
        {
            "form": form,
            "municipality": municipality,
            "history": history_of(municipality),
        },
    )

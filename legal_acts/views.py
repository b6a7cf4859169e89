"""Pages of the catalogue of legal acts (clause 8.8): the list, its export, the
card with editions, the coordinator's forms."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.excel import export_workbook, xlsx_response
from core.forms import add_service_error, render_form
from core.pagination import paginate
from legal_acts import permissions, services
from legal_acts.exports import LEGAL_ACT_COLUMNS
from legal_acts.forms import EditionForm, LegalActFilterForm, LegalActForm
from legal_acts.models import LegalActQuerySet
from organizations.permissions import managed_municipalities


def _filtered(request: HttpRequest) -> tuple[LegalActFilterForm, LegalActQuerySet]:
    permissions.require(permissions.may_view_legal_acts(request.user))
    form = LegalActFilterForm(request.GET)
    acts = permissions.visible_legal_acts(request.user).in_list_order()
    return form, form.filter(acts)


@login_required
def act_list(request: HttpRequest) -> HttpResponse:
    form, acts = _filtered(request)
    page = paginate(acts, request.GET.get("page"), annotate=LegalActQuerySet.for_list)
    context = {
        "form": form,
        "page": page,
        "may_manage": permissions.may_manage_legal_acts(request.user),
    }
    return render(request, "legal_acts/list.html", context)


@login_required
def act_export(request: HttpRequest) -> HttpResponse:
    _form, acts = _filtered(request)
    rows = acts.for_list().iterator(chunk_size=2000)
    content = export_workbook(_("Legal acts"), LEGAL_ACT_COLUMNS, rows)
    return xlsx_response(content, "legal-acts.xlsx")


@login_required
def act_card(request: HttpRequest, pk: int) -> HttpResponse:
    act = permissions.get_legal_act(request.user, pk)
    may_change = permissions.may_change_legal_act(request.user, act)
    context = {
        "act": act,
        "editions": act.editions.all(),
        "may_change": may_change,
        "edition_form": EditionForm() if may_change else None,
    }
    return render(request, "legal_acts/card.html", context)


@login_required
def act_create(request: HttpRequest) -> HttpResponse:
    permissions.require(permissions.may_manage_legal_acts(request.user))
    data = request.POST if request.method == "POST" else None
    form = LegalActForm(data, municipalities=managed_municipalities(request.user))
    if data is not None and form.is_valid():
        municipality = form.chosen_municipality()
        if municipality is None:  # a superuser of no municipality at all
            raise PermissionDenied
        try:
            act = services.create_legal_act(
                municipality=municipality, **form.act_fields()
            )
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, _("The act has been added to the catalogue."))
            return redirect(act)
    return render_form(request, "legal_acts/form.html", {"form": form, "act": None})


@login_required
def act_edit(request: HttpRequest, pk: int) -> HttpResponse:
    act = permissions.get_legal_act(request.user, pk, write=True)
    data = request.POST if request.method == "POST" else None
    initial = {name: getattr(act, name) for name in services.ACT_FIELDS}
    form = LegalActForm(data, municipalities=None, initial=initial)
    if data is not None and form.is_valid():
        try:
            services.update_legal_act(act=act, **form.act_fields())
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, _("The act has been saved."))
            return redirect(act)
    return render_form(request, "legal_acts/form.html", {"form": form, "act": act})


@login_required
def edition_create(request: HttpRequest, pk: int) -> HttpResponse:
    act = permissions.get_legal_act(request.user, pk, write=True)
    data = request.POST if request.method == "POST" else None
    form = EditionForm(data)
    if data is not None and form.is_valid():
        try:
            services.add_edition(act=act, **form.cleaned_data)
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, _("The edition has been added."))
            return redirect(act)
    context = {"form": form, "act": act}
    return render_form(request, "legal_acts/edition_form.html", context)

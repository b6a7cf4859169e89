from copy import copy
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from core.excel import export_workbook, noting, xlsx_response
from core.forms import add_service_error, render_form
from core.history import history_of
from core.htmx import HtmxHttpRequest
from core.pagination import paginate, to_int
from organizations.forms import HEAD_SEARCH
from organizations.permissions import (
    get_organization,
    managed_municipalities,
    may_view_history,
    visible_organizations,
)
from people import permissions, search, services
from people.exports import (
    ACCESS_LOG_COLUMNS,
    PERSON_COLUMNS,
    POSITION_COLUMNS,
    viewer_name,
)
from people.forms import AccessLogFilterForm, PersonFilterForm, PersonForm, PositionForm
from people.models import Person, PersonQuerySet, PersonViewLog
from reserve.permissions import may_manage_reserve, visible_reserve_entries


def _filtered(request: HttpRequest) -> tuple[PersonFilterForm, PersonQuerySet]:
    form = PersonFilterForm(
        request.GET,
        organizations=visible_organizations(request.user),
        positions=permissions.visible_positions(request.user),
    )
    return form, form.filter(permissions.visible_people(request.user).for_list())


def _person_form(request: HttpRequest, **kwargs) -> PersonForm:
    return PersonForm(
        request.POST or None,
        organizations=visible_organizations(request.user).filter(
            municipality__in=managed_municipalities(request.user)
        ),
        positions=permissions.visible_positions(request.user),
        **kwargs,
    )


@login_required
def person_list(request: HtmxHttpRequest) -> HttpResponse:
    form, people = _filtered(request)
    page = paginate(people, request.GET.get("page"))
    services.record_people_access(
        people_ids=[person.pk for person in page],
        user=request.user,
        channel=PersonViewLog.Channel.LIST,
        source=request.path,
    )
    template = "people/list.html#rows" if request.htmx else "people/list.html"
    response = render(
        request,
        template,
        {
            "form": form,
            "page": page,
            "can_create": permissions.may_create_person(request.user),
        },
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


def _own_id(person: Person) -> list[int]:
    return [person.pk]


@login_required
def person_export(request: HttpRequest) -> HttpResponse:
    _form, people = _filtered(request)
    exported: list[int] = []  # filled as the rows are written, for the access log
    rows = noting(people.iterator(chunk_size=2000), _own_id, exported)
    content = export_workbook(_("People"), PERSON_COLUMNS, rows)
    services.record_people_access(
        people_ids=exported,
        user=request.user,
        channel=PersonViewLog.Channel.EXPORT,
        source=request.path,
    )
    return xlsx_response(content, "people.xlsx")


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = permissions.get_person(request.user, pk)
    services.record_person_view(
        person=person,
        user=request.user,
        channel=PersonViewLog.Channel.PAGE,
        source=request.path,
    )
    shows_history = may_view_history(request.user, person.organization.municipality_id)
    can_edit = permissions.may_edit_person(request.user, person)
    reserve_entry = (
        visible_reserve_entries(request.user)
        .filter(person=person)
        .active()
        .for_person_card()
        .first()
    )
    return render(
        request,
        "people/detail.html",
        {
            "person": person,
            "can_edit": can_edit,
            "can_anonymise": can_edit
            and permissions.may_anonymise_person(
                request.user, person, timezone.localdate()
            ),
            "can_export_data": permissions.may_export_person_data(request.user, person),
            "can_view_account": permissions.may_view_account_of(request.user, person),
            "reserve_entry": reserve_entry,
            "can_include_in_reserve": can_edit
            and reserve_entry is None
            and may_manage_reserve(request.user),
            "history": history_of(person) if shows_history else None,
        },
    )


@login_required
def person_create(request: HttpRequest) -> HttpResponse:
    if not permissions.may_create_person(request.user):
        raise PermissionDenied
    form = _person_form(request)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.create_person(**form.cleaned_data)
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, _("The person has been added."))
            return redirect(person)
    return render_form(request, "people/form.html", {"form": form})


@login_required
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = permissions.get_person(request.user, pk, write=True)
    services.record_person_view(
        person=person,
        user=request.user,
        channel=PersonViewLog.Channel.FORM,
        source=request.path,
    )
    form = _person_form(request, instance=copy(person))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_person(person=person, **form.cleaned_data)
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect(person)
    return render_form(request, "people/form.html", {"form": form, "person": person})


@login_required
def person_delete(request: HttpRequest, pk: int) -> HttpResponse:
    person = permissions.get_person(request.user, pk, write=True)
    if request.method != "POST":
        return render(request, "confirm_delete.html", {"object": person})
    try:
        services.delete_person(person=person)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return redirect(person)
    messages.success(request, _("The person has been deleted."))
    return redirect("people:list")


@login_required
def position_list(request: HttpRequest) -> HttpResponse:
    municipality = managed_municipalities(request.user).first()
    if municipality is None:
        raise PermissionDenied
    form = PositionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.create_position(municipality=municipality, **form.cleaned_data)
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, _("The position has been added."))
            return redirect("people:positions")
    positions = permissions.visible_positions(request.user).filter(
        municipality=municipality
    )
    page = paginate(positions, request.GET.get("page"), page_size=100)
    return render_form(request, "people/positions.html", {"form": form, "page": page})


@login_required
def position_edit(request: HttpRequest, pk: int) -> HttpResponse:
    position = permissions.get_position(request.user, pk, write=True)
    form = PositionForm(request.POST or None, instance=copy(position))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_position(position=position, **form.cleaned_data)
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("people:positions")
    return render_form(
        request,
        "people/position_form.html",
        {
            "form": form,
            "position": position,
            "history": history_of(position),
        },
    )


@login_required
def position_export(request: HttpRequest) -> HttpResponse:
    municipality = managed_municipalities(request.user).first()
    if municipality is None:
        raise PermissionDenied
    positions = permissions.visible_positions(request.user).filter(
        municipality=municipality
    )
    content = export_workbook(_("Positions"), POSITION_COLUMNS, positions)
    return xlsx_response(content, "positions.xlsx")


ACCESS_LOG_PAGE_SIZE = 25


def _access_log(request: HttpRequest) -> tuple[AccessLogFilterForm, Any]:
    if not permissions.may_view_access_log(request.user):
        raise PermissionDenied
    form = AccessLogFilterForm(request.GET)
    return form, form.filter(permissions.visible_view_logs(request.user))


@login_required
def access_log(request: HtmxHttpRequest) -> HttpResponse:
    """The personal-data access log of the coordinator's municipality."""
    form, logs = _access_log(request)
    page = paginate(logs.for_list(), request.GET.get("page"), ACCESS_LOG_PAGE_SIZE)
    for log in page:
        log.viewer = viewer_name(log.user)
    template = (
        "people/access_log.html#rows" if request.htmx else "people/access_log.html"
    )
    response = render(request, template, {"form": form, "page": page})
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
def access_log_export(request: HttpRequest) -> HttpResponse:
    _form, logs = _access_log(request)
    rows = logs.for_list().iterator(chunk_size=2000)
    content = export_workbook(_("Personal data access log"), ACCESS_LOG_COLUMNS, rows)
    return xlsx_response(content, "access-log.xlsx")


@login_required
def person_anonymise(request: HttpRequest, pk: int) -> HttpResponse:
    """Remove the names and contacts of a person who left the reserve long ago."""
    person = permissions.get_person(request.user, pk, write=True)
    today = timezone.localdate()
    if not permissions.may_anonymise_person(request.user, person, today):
        raise PermissionDenied
    if request.method != "POST":
        return render(request, "people/anonymise.html", {"person": person})
    services.anonymise_person(
        person=person, by=request.user, today=today, source=request.path
    )
    messages.success(request, _("The person's data has been anonymised."))
    return redirect(person)


def _organization_staff(request: HttpRequest) -> PersonQuerySet:
    """Whom an organisation's form accepts as its head: its staff in scope, for
    whoever may edit it (403 otherwise, 404 for an organisation out of sight)."""
    pk = to_int(request.GET.get("organization"), 0)
    organization = get_organization(request.user, pk, write=True)
    return permissions.visible_people(request.user).filter(organization=organization)


search.register(HEAD_SEARCH, _organization_staff)


@login_required
def person_search(request: HttpRequest) -> HttpResponse:
    """The options of a type-ahead person select: up to search.LIMIT people of the
    purpose's own queryset (the form's scope) whose name contains `q`."""
    purpose = search.PURPOSES.get(request.GET.get("for", ""))
    if purpose is None:
        message = _("Unknown purpose of the person search.")
        return render(request, "400.html", {"message": message}, status=400)
    q = request.GET.get("q", "").strip()[:100]
    context = {
        "options": search.search_options(request, purpose, q) if q else [],
        "list_id": request.GET.get("list", "options")[:100],
        "q": q,
    }
    return render(request, "people/search_options.html", context)

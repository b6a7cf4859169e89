from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.conflicts import add_conflict_error, form_status
from core.excel import export_workbook, noting, xlsx_response
from core.forms import add_service_error, render_form
from core.history import history_of
from core.htmx import HtmxHttpRequest
from core.pagination import paginate
from mentorships.models import Mentorship
from mentorships.permissions import may_end_mentorship, visible_mentorships
from organizations.permissions import (
    managed_municipalities,
    visible_organizations,
)
from people import search
from people.models import PersonQuerySet, PersonViewLog
from people.permissions import visible_people
from people.services import record_people_access, record_person_view
from reserve import permissions, services
from reserve.exports import RESERVE_COLUMNS
from reserve.forms import (
    INCLUSION_SEARCH,
    AppointForm,
    EntryFieldsForm,
    ExcludeForm,
    InclusionForm,
    ReserveFilterForm,
    TargetPositionForm,
)
from reserve.models import ReserveEntry, ReserveEntryQuerySet, TargetPosition


def _filtered(request: HttpRequest) -> tuple[ReserveFilterForm, ReserveEntryQuerySet]:
    form = ReserveFilterForm(
        request.GET,
        organizations=visible_organizations(request.user),
        target_positions=permissions.visible_target_positions(request.user),
    )
    entries = permissions.visible_reserve_entries(request.user).in_list_order()
    return form, form.filter(entries)


def _managed_target_positions(request: HttpRequest) -> QuerySet[TargetPosition]:
    return permissions.visible_target_positions(request.user).filter(
        municipality__in=managed_municipalities(request.user)
    )


@login_required
def entry_list(request: HtmxHttpRequest) -> HttpResponse:
    form, entries = _filtered(request)
    page = paginate(
        entries,
        request.GET.get("page"),
        annotate=ReserveEntryQuerySet.for_list,
        pick_keys=ReserveEntryQuerySet.page_keys,
    )
    record_people_access(
        people_ids=[entry.person_id for entry in page],
        user=request.user,
        channel=PersonViewLog.Channel.LIST,
        source=request.path,
    )
    template = "reserve/list.html#rows" if request.htmx else "reserve/list.html"
    response = render(
        request,
        template,
        {
            "form": form,
            "page": page,
            "can_manage": permissions.may_manage_reserve(request.user),
        },
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


def _person_id(entry: ReserveEntry) -> list[int]:
    return [entry.person_id]


@login_required
def entry_export(request: HttpRequest) -> HttpResponse:
    _form, entries = _filtered(request)
    exported: list[int] = []  # the people written out, for the access log
    rows = noting(entries.for_list().iterator(chunk_size=2000), _person_id, exported)
    content = export_workbook(_("Reserve"), RESERVE_COLUMNS, rows)
    record_people_access(
        people_ids=exported,
        user=request.user,
        channel=PersonViewLog.Channel.EXPORT,
        source=request.path,
    )
    return xlsx_response(content, "reserve.xlsx")


def _render_card(request: HttpRequest, entry: ReserveEntry, **forms) -> HttpResponse:
    """The reservist's card; the coordinator's forms come bound after an error."""
    mentorships = list(
        visible_mentorships(request.user).filter(reserve_entry=entry).for_list()
    )
    # Link only the mentors' cards the user may open (not a reservist's past mentors).
    openable = set(
        visible_people(request.user)
        .filter(pk__in=[m.mentor_id for m in mentorships])
        .values_list("pk", flat=True)
    )
    for m in mentorships:
        m.may_end = may_end_mentorship(request.user, m)
        m.mentor_openable = m.mentor_id in openable
    context = {
        "entry": entry,
        "person": entry.person,
        "current": [m for m in mentorships if m.status != Mentorship.Status.ENDED],
        "past": [m for m in mentorships if m.status == Mentorship.Status.ENDED],
        "can_manage": permissions.may_manage_entry(request.user, entry),
        "appoint_form": forms.get("appoint_form") or AppointForm(),
        "exclude_form": forms.get("exclude_form") or ExcludeForm(),
        "history": history_of(entry)
        if permissions.may_view_entry_history(request.user, entry)
        else None,
    }
    return render_form(request, "reserve/card.html", context)


@login_required
def entry_card(request: HttpRequest, pk: int) -> HttpResponse:
    entry = permissions.get_reserve_entry(request.user, pk)
    record_person_view(
        person=entry.person,
        user=request.user,
        channel=PersonViewLog.Channel.PAGE,
        source=request.path,
    )
    return _render_card(request, entry)


def _inclusion_people(request: HttpRequest) -> PersonQuerySet:
    """Whom the inclusion form accepts and its person search offers: people of
    the managed municipalities in scope, not already in the reserve."""
    return (
        visible_people(request.user)
        .filter(organization__municipality__in=managed_municipalities(request.user))
        .exclude(reserve_entries__status=ReserveEntry.Status.ACTIVE)
        .select_related("organization")
    )


search.register(INCLUSION_SEARCH, _inclusion_people)


@login_required
def entry_create(request: HttpRequest) -> HttpResponse:
    if not permissions.may_manage_reserve(request.user):
        raise PermissionDenied
    form = InclusionForm(
        request.POST or None,
        initial={"person": request.GET.get("person")},
        people=_inclusion_people(request),
        target_positions=_managed_target_positions(request),
    )
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.include_in_reserve(**form.cleaned_data)
        except ValidationError as e:
            add_service_error(form, e)
        except IntegrityError:  # e.g. the person included in the meantime
            add_conflict_error(form)
        else:
            messages.success(request, _("The person has been included in the reserve."))
            return redirect(entry)
    return render_form(
        request, "reserve/form.html", {"form": form}, status=form_status(form)
    )


@login_required
def entry_edit(request: HttpRequest, pk: int) -> HttpResponse:
    entry = permissions.get_reserve_entry(request.user, pk, write=True)
    form = EntryFieldsForm(
        request.POST or None,
        initial={f: getattr(entry, f) for f in EntryFieldsForm.base_fields},
        target_positions=_managed_target_positions(request),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_reserve_entry(entry=entry, **form.cleaned_data)
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect(entry)
    return render_form(request, "reserve/form.html", {"form": form, "entry": entry})


@login_required
@require_POST
def entry_appoint(request: HttpRequest, pk: int) -> HttpResponse:
    entry = permissions.get_reserve_entry(request.user, pk, write=True)
    form = AppointForm(request.POST)
    if form.is_valid():
        try:
            services.appoint_reservist(
                entry=entry,
                position_name=form.cleaned_data["appointed_position"],
                appointed_on=form.cleaned_data["appointed_on"],
            )
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, _("The reservist is marked as appointed."))
            return redirect(entry)
    return _render_card(request, entry, appoint_form=form)


@login_required
@require_POST
def entry_exclude(request: HttpRequest, pk: int) -> HttpResponse:
    entry = permissions.get_reserve_entry(request.user, pk, write=True)
    form = ExcludeForm(request.POST)
    if form.is_valid():
        try:
            services.exclude_reservist(
                entry=entry,
                excluded_on=form.cleaned_data["excluded_on"],
                reason=form.cleaned_data["exclusion_reason"],
            )
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, _("The reservist has been excluded."))
            return redirect(entry)
    return _render_card(request, entry, exclude_form=form)


@login_required
def position_list(request: HttpRequest) -> HttpResponse:
    municipality = managed_municipalities(request.user).first()
    if municipality is None:
        raise PermissionDenied
    form = TargetPositionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.create_target_position(
                municipality=municipality, **form.cleaned_data
            )
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, _("The target position has been added."))
            return redirect("reserve:positions")
    positions = permissions.visible_target_positions(request.user).filter(
        municipality=municipality
    )
    page = paginate(positions, request.GET.get("page"), page_size=100)
    return render_form(request, "reserve/positions.html", {"form": form, "page": page})


@login_required
def position_edit(request: HttpRequest, pk: int) -> HttpResponse:
    position = permissions.get_target_position(request.user, pk, write=True)
    form = TargetPositionForm(request.POST or None, initial={"name": position.name})
    if request.method == "POST" and form.is_valid():
        try:
            services.update_target_position(
                target_position=position, **form.cleaned_data
            )
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("reserve:positions")
    context = {"form": form, "position": position, "history": history_of(position)}
    return render_form(request, "reserve/position_form.html", context)


@login_required
def position_delete(request: HttpRequest, pk: int) -> HttpResponse:
    position = permissions.get_target_position(request.user, pk, write=True)
    if request.method != "POST":
        return render(request, "confirm_delete.html", {"object": position})
    try:
        services.delete_target_position(target_position=position)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return redirect(position)
    messages.success(request, _("The target position has been deleted."))
    return redirect("reserve:positions")

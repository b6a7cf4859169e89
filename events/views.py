from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.excel import xlsx_response
from core.forms import add_service_error, render_form
from core.htmx import HtmxHttpRequest
from core.pagination import paginate
from events import document_services, permissions, services
from events.forms import (
    AUTHORITY,
    INVITE_LIST_LIMIT,
    AttendanceForm,
    EventFilterForm,
    EventForm,
    InviteFilterForm,
    InviteManyForm,
    InvolveForm,
    KindForm,
    MaterialForm,
    OutcomeForm,
    RespondForm,
)
from events.models import Event, EventQuerySet, Involvement
from events.services import EventData
from people.models import PersonViewLog
from people.services import record_people_access

# --------------------------------------------------------------------- the list


@login_required
def event_list(request: HtmxHttpRequest) -> HttpResponse:
    permissions.require(permissions.may_view_events(request.user))
    form = EventFilterForm(
        request.GET,
        kinds=permissions.visible_kinds(request.user),
        organizations=permissions.organizers(request.user).order_by("short_name"),
    )
    events = permissions.visible_events(request.user).in_list_order()
    page = paginate(
        events.filtered(**form.filters()),
        request.GET.get("page"),
        annotate=EventQuerySet.for_list,
    )
    template = "events/list.html#rows" if request.htmx else "events/list.html"
    response = render(
        request,
        template,
        {
            "form": form,
            "page": page,
            "can_create": permissions.may_create_event(request.user),
            "can_manage_kinds": permissions.may_manage_kinds(request.user),
        },
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
def my_events(request: HttpRequest) -> HttpResponse:
    """«My events»: the reservist's invitations and their state."""
    permissions.require(permissions.may_view_own_events(request.user))
    involvements = list(
        permissions.own_involvements(request.user)
        .for_list()
        .order_by("-event__starts_at", "-pk")
    )
    for involvement in involvements:
        involvement.may_respond = permissions.may_respond(request.user, involvement)
        involvement.may_record_outcome = permissions.may_record_outcome(
            request.user, involvement
        )
    return render(request, "events/mine.html", {"involvements": involvements})


# --------------------------------------------------------------------- an event


def _event_context(request: HttpRequest, event: Event) -> dict[str, Any]:
    user = request.user
    involvements = list(
        permissions.visible_involvements(user).filter(event=event).for_list()
    )
    record_people_access(
        people_ids=[i.reserve_entry.person_id for i in involvements],
        user=user,
        channel=PersonViewLog.Channel.LIST,
        source=request.path,
    )
    for i in involvements:
        i.may_respond = permissions.may_respond(user, i)
        i.may_record_outcome = permissions.may_record_outcome(user, i)
        i.may_mark_attendance = permissions.may_mark_attendance(user, i)
        i.may_withdraw = permissions.may_withdraw(user, i)
    can_change = permissions.may_change_event(user, event)
    return {
        "event": event,
        "materials": list(event.materials.all()),
        "involvements": involvements,
        "can_change": can_change,
        "can_involve": permissions.may_involve(user, event),
        "can_invite_many": permissions.may_invite_many(user, event),
        "material_form": MaterialForm() if can_change else None,
    }


@login_required
def event_card(request: HttpRequest, pk: int) -> HttpResponse:
    event = permissions.get_event(request.user, pk)
    return render(request, "events/card.html", _event_context(request, event))


def _event_data(form: EventForm) -> EventData:
    data = form.cleaned_data
    return EventData(
        kind=data["kind"],
        title=data["title"],
        starts_at=data["starts_at"],
        ends_at=data["ends_at"],
        place=data["place"],
        link=data["link"],
        description=data["description"],
    )


@login_required
def event_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    permissions.require(permissions.may_create_event(user))
    organizations = permissions.organizers(user).order_by("short_name")
    authority = permissions.may_organize_as_authority(user)
    form = EventForm(
        request.POST or None,
        kinds=permissions.visible_kinds(user),
        organizations=organizations,
        authority=authority,
    )
    if request.method == "POST" and form.is_valid():
        organizer = form.cleaned_data["organizer"]
        organization = (
            None if organizer == AUTHORITY else organizations.get(pk=int(organizer))
        )
        municipality = (
            permissions.authority_municipalities(user)
            .filter(pk=form.cleaned_data["kind"].municipality_id)
            .first()
        )
        try:
            if organization is None and municipality is None:
                raise ValidationError(
                    {"kind": _("Choose a kind of your municipality.")}
                )
            event = services.create_event(
                data=_event_data(form),
                organization=organization,
                municipality=municipality,
                by=user,
            )
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, _("The event is created."))
            return redirect(event)
    return render_form(request, "events/form.html", {"form": form, "event": None})


@login_required
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = permissions.get_event(request.user, pk, write=True)
    initial = {
        "kind": event.kind,
        "title": event.title,
        "starts_at": timezone.localtime(event.starts_at),
        "ends_at": timezone.localtime(event.ends_at),
        "place": event.place,
        "link": event.link,
        "description": event.description,
    }
    form = EventForm(
        request.POST or None,
        initial=initial,
        kinds=permissions.visible_kinds(request.user).filter(
            municipality_id=event.municipality_id
        ),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_event(event=event, **vars(_event_data(form)))
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, _("The event is saved."))
            return redirect(event)
    return render_form(request, "events/form.html", {"form": form, "event": event})


@login_required
def event_delete(request: HttpRequest, pk: int) -> HttpResponse:
    event = permissions.get_event(request.user, pk, write=True)
    if request.method == "POST":
        try:
            services.delete_event(event=event)
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
            return redirect(event)
        messages.success(request, _("The event is deleted."))
        return redirect("events:list")
    return render(request, "confirm_delete.html", {"object": event})


@login_required
@require_POST
def material_add(request: HttpRequest, pk: int) -> HttpResponse:
    event = permissions.get_event(request.user, pk, write=True)
    form = MaterialForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_material(
                event=event, file=form.cleaned_data["file"], by=request.user
            )
        except ValidationError as e:
            form.add_error("file", e)
        else:
            messages.success(request, _("The file is attached."))
            return redirect(event)
    context = _event_context(request, event) | {"material_form": form}
    return render_form(request, "events/card.html", context)


@login_required
def material_file(request: HttpRequest, pk: int) -> FileResponse:
    material = permissions.get_material(request.user, pk)
    return FileResponse(
        material.file.open("rb"), as_attachment=True, filename=material.original_name
    )


@login_required
@require_POST
def material_delete(request: HttpRequest, pk: int) -> HttpResponse:
    material = permissions.get_material(request.user, pk)
    permissions.require(permissions.may_change_event(request.user, material.event))
    services.remove_material(material=material)
    messages.success(request, _("The file is removed."))
    return redirect(material.event)


# ---------------------------------------------------------------- involvements


@login_required
def involve(request: HttpRequest, pk: int) -> HttpResponse:
    """The mentor involves one of their reservists."""
    event = permissions.get_event(request.user, pk)
    permissions.require(permissions.may_involve(request.user, event))
    mentorships = (
        permissions.mentorships_to_involve(request.user)
        .filter(reserve_entry__person__organization__municipality=event.municipality_id)
        .select_related("reserve_entry__person")
        .order_by("reserve_entry__person__last_name", "pk")
    )
    form = InvolveForm(
        request.POST or None,
        mentorships=mentorships,
        plan_items=permissions.plan_items_to_link(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.involve(event=event, by=request.user, **form.cleaned_data)
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, _("The reservist is invited."))
            return redirect(event)
    return render_form(
        request, "events/involve.html", {"form": form, "event": event, "many": False}
    )


@login_required
def invite_many(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The coordinator invites several reservists at once: narrowed by organisation
    and name (htmx reloads the list), at most INVITE_LIST_LIMIT of them shown; a
    posted id is checked against the whole scope."""
    event = permissions.get_event(request.user, pk)
    permissions.require(permissions.may_invite_many(request.user, event))
    entries = permissions.entries_to_invite(request.user, event).exclude(
        involvements__event=event
    )
    finder = InviteFilterForm(
        request.GET,
        organizations=permissions.organizations_to_invite_from(request.user, event),
    )
    shown = list(
        finder.filter(entries)
        .select_related("person__organization")
        .order_by("person__last_name", "person__first_name", "pk")[
            : INVITE_LIST_LIMIT + 1
        ]
    )
    form = InviteManyForm(
        request.POST or None, entries=entries, shown=shown[:INVITE_LIST_LIMIT]
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made = services.invite_many(
                event=event,
                entries=list(data["entries"]),
                degree=data["degree"],
                task=data["task"],
                prepare_by=data["prepare_by"],
                by=request.user,
            )
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(
                request, _("Reservists invited: %(n)d.") % {"n": len(made)}
            )
            return redirect(event)
    context = {
        "form": form,
        "finder": finder,
        "event": event,
        "narrowed": finder.is_narrowed(),
        "shown_count": len(form.fields["entries"].widget.choices),
        "more": len(shown) > INVITE_LIST_LIMIT,
        "limit": INVITE_LIST_LIMIT,
    }
    if request.htmx and request.method == "GET":
        response = render(request, "events/invite_many.html#entries", context)
    else:
        response = render_form(request, "events/invite_many.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _involvement_form(
    request: HttpRequest,
    involvement: Involvement,
    form: Any,
    action: Any,
    done: str,
) -> HttpResponse:
    """Validate the form, run the action, go back where the user came from."""
    if request.method == "POST" and form.is_valid():
        try:
            action(form.cleaned_data)
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, done)
            if request.POST.get("next") == "mine":
                return redirect("events:mine")
            return redirect(involvement.event)
    context = {
        "form": form,
        "involvement": involvement,
        "event": involvement.event,
        "next": request.GET.get("next") or request.POST.get("next", ""),
    }
    return render_form(request, "events/involvement_form.html", context)


@login_required
def respond(request: HttpRequest, pk: int) -> HttpResponse:
    involvement = permissions.get_involvement(request.user, pk)
    permissions.require(permissions.may_respond(request.user, involvement))
    form = RespondForm(request.POST or None)

    def action(data: dict) -> None:
        services.respond(
            involvement=involvement,
            accept=data["answer"] == "accept",
            reason=data["decline_reason"],
        )

    return _involvement_form(request, involvement, form, action, _("Answer saved."))


@login_required
def outcome(request: HttpRequest, pk: int) -> HttpResponse:
    involvement = permissions.get_involvement(request.user, pk)
    permissions.require(permissions.may_record_outcome(request.user, involvement))
    form = OutcomeForm(
        request.POST or None,
        request.FILES or None,
        initial={
            "outcome_text": involvement.outcome_text,
            "outcome_link": involvement.outcome_link,
        },
    )

    def action(data: dict) -> None:
        services.record_outcome(
            involvement=involvement,
            text=data["outcome_text"],
            link=data["outcome_link"],
            file=data["file"],
        )

    return _involvement_form(request, involvement, form, action, _("Outcome saved."))


@login_required
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    involvement = permissions.get_involvement(user, pk)
    permissions.require(permissions.may_mark_attendance(user, involvement))
    form = AttendanceForm(
        request.POST or None,
        initial={
            "attendance": involvement.attendance or None,
            "feedback": involvement.feedback,
        },
    )
    item = involvement.plan_item

    def action(data: dict) -> None:
        services.mark_attendance(
            involvement=involvement,
            attended=data["attendance"] == Involvement.Attendance.ATTENDED,
            feedback=data["feedback"],
            complete_item=data["complete_item"],
            confirm=item is not None and permissions.may_confirm_item(user, item),
            by=user,
        )

    return _involvement_form(
        request, involvement, form, action, _("Attendance marked.")
    )


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    involvement = permissions.get_involvement(request.user, pk)
    permissions.require(permissions.may_withdraw(request.user, involvement))
    try:
        services.withdraw(involvement=involvement)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("The invitation is withdrawn."))
    return redirect(involvement.event)


@login_required
def outcome_file(request: HttpRequest, pk: int) -> FileResponse:
    involvement = permissions.get_involvement(request.user, pk)
    if not involvement.outcome_file:
        raise Http404
    return FileResponse(
        involvement.outcome_file.open("rb"),
        as_attachment=True,
        filename=involvement.outcome_file_name or "outcome",
    )


# -------------------------------------------------------- registration sheet


@login_required
def registration_sheet(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """«Лист регистрации участников» as DOCX, PDF or Excel."""
    if fmt not in ("docx", "pdf", "xlsx"):
        raise Http404
    event = permissions.get_event(request.user, pk)
    permissions.require(permissions.may_print_registration(request.user, event))
    involvements = list(
        permissions.visible_involvements(request.user).filter(event=event).for_list()
    )
    record_people_access(
        people_ids=[i.reserve_entry.person_id for i in involvements],
        user=request.user,
        channel=PersonViewLog.Channel.DOCUMENT,
        source=request.path,
    )
    if fmt == "xlsx":
        content = document_services.registration_workbook(event, involvements)
        return xlsx_response(content, f"registration-{event.pk}.xlsx")
    content, content_type = document_services.registration_document(
        event, involvements, fmt
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="registration-{event.pk}.{fmt}"'
    )
    return response


# ----------------------------------------------------------------- event kinds


@login_required
def kinds(request: HttpRequest) -> HttpResponse:
    """The catalogue of kinds: the coordinator adds kinds."""
    permissions.require(permissions.may_manage_kinds(request.user))
    municipality = permissions.kind_municipality(request.user)
    form = KindForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if municipality is None:
            raise Http404
        try:
            services.add_kind(municipality=municipality, name=form.cleaned_data["name"])
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, _("The kind is added."))
            return redirect("events:kinds")
    context = {
        "form": form,
        "kinds": permissions.visible_kinds(request.user).filter(
            municipality=municipality
        ),
    }
    return render_form(request, "events/kinds.html", context)

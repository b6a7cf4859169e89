"""The attestation pages: the commission and its orders, the settings, sessions
with their agenda and attendance, the attestation with the mentor's answer,
votes, decision and confirmation, the materials pack and the documents."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import own_person_id
from attestation import document_services, permissions, queries, services
from attestation.forms import (
    MEMBER_SEARCH,
    AgendaForm,
    AppointForm,
    AttendanceForm,
    DecisionForm,
    OrderForm,
    RecommendationForm,
    RemoveForm,
    RespondForm,
    SessionForm,
    SettingsForm,
    VoteForm,
)
from attestation.models import Attestation, Session, SessionQuerySet
from core.forms import add_service_error, render_form
from core.history import history_of
from core.pagination import paginate
from people import search
from people.models import Person, PersonQuerySet, PersonViewLog
from people.services import record_person_view
from reserve.models import ReserveEntry


def _members(request: HttpRequest) -> PersonQuerySet:
    """Whom the member field accepts and its search offers."""
    return permissions.member_choices(request.user)


search.register(MEMBER_SEARCH, _members)


def _municipality(request: HttpRequest):
    municipality = permissions.managed_municipality(request.user)
    if municipality is None:
        raise PermissionDenied
    return municipality


# The commission ----------------------------------------------------------------------


@login_required
def commission_page(request: HttpRequest) -> HttpResponse:
    """The composition on a date (?on=, today by default) and the orders."""
    permissions.require(permissions.may_view_commission(request.user))
    orders = permissions.visible_orders(request.user)
    first = orders.select_related("commission__municipality").first()
    commission = first.commission if first else None
    day = parse_date(request.GET.get("on") or "") or timezone.localdate()
    context = {
        "commission": commission,
        "day": day,
        "members": queries.members_on(commission, day),
        "orders": list(orders.filter(commission=commission)) if commission else [],
        "can_manage": permissions.may_manage_commission(request.user),
        "rules": queries.settings_of(commission.municipality_id)
        if commission
        else None,
    }
    return render(request, "attestation/commission.html", context)


@login_required
def settings_edit(request: HttpRequest) -> HttpResponse:
    permissions.require(permissions.may_manage_commission(request.user))
    municipality = _municipality(request)
    rules = queries.settings_of(municipality.pk)
    form = SettingsForm(
        request.POST or None,
        initial={
            "quorum_percent": rules.quorum_percent,
            "plain_decision": rules.plain_decision,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_settings(municipality=municipality, **form.cleaned_data)
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, _("The settings have been saved."))
            return redirect("attestation:commission")
    return render_form(request, "attestation/settings.html", {"form": form})


@login_required
def order_create(request: HttpRequest) -> HttpResponse:
    permissions.require(permissions.may_manage_commission(request.user))
    municipality = _municipality(request)
    form = OrderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            order = services.issue_order(
                municipality=municipality, by=request.user, **form.cleaned_data
            )
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, _("The order has been recorded."))
            return redirect(order)
    return render_form(request, "attestation/order_form.html", {"form": form})


def _order_context(request: HttpRequest, order, **forms) -> dict:
    current = order.commission.memberships.filter(ends_on__isnull=True).in_role_order()
    return {
        "order": order,
        "appointed": order.appointments.in_role_order(),
        "removed": order.removals.in_role_order(),
        "can_manage": permissions.may_manage_commission(request.user),
        "appoint_form": forms.get("appoint_form")
        or AppointForm(people=_members(request)),
        "remove_form": forms.get("remove_form") or RemoveForm(memberships=current),
        "history": history_of(order)
        if permissions.may_manage_commission(request.user)
        else None,
    }


@login_required
def order_card(request: HttpRequest, pk: int) -> HttpResponse:
    order = permissions.get_order(request.user, pk)
    return render(request, "attestation/order.html", _order_context(request, order))


@login_required
@require_POST
def order_appoint(request: HttpRequest, pk: int) -> HttpResponse:
    order = permissions.get_order(request.user, pk, write=True)
    form = AppointForm(request.POST, people=_members(request))
    if form.is_valid():
        try:
            services.appoint_member(order=order, **form.cleaned_data)
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, _("The member has been appointed by the order."))
            return redirect(order)
    context = _order_context(request, order, appoint_form=form)
    return render_form(request, "attestation/order.html", context)


@login_required
@require_POST
def order_remove(request: HttpRequest, pk: int) -> HttpResponse:
    order = permissions.get_order(request.user, pk, write=True)
    current = order.commission.memberships.filter(ends_on__isnull=True)
    form = RemoveForm(request.POST, memberships=current.select_related("person"))
    if form.is_valid():
        try:
            services.remove_member(order=order, **form.cleaned_data)
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, _("The member has been removed by the order."))
            return redirect(order)
    context = _order_context(request, order, remove_form=form)
    return render_form(request, "attestation/order.html", context)


# Sessions ----------------------------------------------------------------------------


@login_required
def session_list(request: HttpRequest) -> HttpResponse:
    permissions.require(permissions.may_view_sessions(request.user))
    page = paginate(
        permissions.visible_sessions(request.user).in_list_order(),
        request.GET.get("page"),
        annotate=SessionQuerySet.for_list,
    )
    context = {
        "page": page,
        "today": timezone.localdate(),
        "can_schedule": permissions.may_schedule(request.user),
    }
    return render(request, "attestation/sessions.html", context)


def _active_entries(request: HttpRequest):
    return (
        permissions.entry_choices(request.user)
        .filter(status=ReserveEntry.Status.ACTIVE)
        .select_related("person__organization")
        .order_by("person__last_name", "person__first_name", "pk")
    )


@login_required
def session_create(request: HttpRequest) -> HttpResponse:
    permissions.require(permissions.may_schedule(request.user))
    municipality = _municipality(request)
    form = SessionForm(request.POST or None, entries=_active_entries(request))
    if request.method == "POST" and form.is_valid():
        try:
            session = services.schedule_session(
                municipality=municipality, by=request.user, **form.cleaned_data
            )
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(
                request, _("The session has been scheduled; the mentors are invited.")
            )
            return redirect(session)
    return render_form(request, "attestation/session_form.html", {"form": form})


def _session_context(request: HttpRequest, session: Session, **forms) -> dict:
    user = request.user
    agenda = list(session.attestations.for_list().in_agenda_order())
    roster = queries.roster(session, agenda)
    may_record = permissions.may_record_session(user, session)
    people = [(m.person_id, f"{m.name} — {m.role_label}") for m in roster.members]
    people += [(m.person_id, f"{m.name} — {m.role_label}") for m in roster.mentors]
    present = [m.person_id for m in [*roster.members, *roster.mentors] if m.is_present]
    is_member = permissions.is_member_on_date(user, session)
    coordinates = permissions.may_manage_commission(user)
    return {
        "session": session,
        "agenda": agenda,
        "roster": roster,
        "is_held": session.date <= timezone.localdate(),
        "may_record": may_record,
        "may_read_packs": coordinates or is_member,
        "may_manage": coordinates,
        "attendance_form": forms.get("attendance_form")
        or AttendanceForm(people=people, initial={"present": present}),
        "agenda_form": forms.get("agenda_form")
        or AgendaForm(entries=_active_entries(request)),
        "history": history_of(session) if coordinates else None,
    }


@login_required
def session_card(request: HttpRequest, pk: int) -> HttpResponse:
    session = permissions.get_session(request.user, pk)
    context = _session_context(request, session)
    return render(request, "attestation/session.html", context)


@login_required
@require_POST
def session_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    session = permissions.get_session(request.user, pk)
    permissions.require(permissions.may_record_session(request.user, session))
    roster = queries.roster(session)
    people = [(m.person_id, m.name) for m in [*roster.members, *roster.mentors]]
    form = AttendanceForm(request.POST, people=people)
    if form.is_valid():
        try:
            services.record_attendance(
                session=session,
                present_ids=form.cleaned_data["present"],
                by=request.user,
            )
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, _("The attendance has been recorded."))
            return redirect(session)
    context = _session_context(request, session, attendance_form=form)
    return render_form(request, "attestation/session.html", context)


@login_required
@require_POST
def session_agenda_add(request: HttpRequest, pk: int) -> HttpResponse:
    session = permissions.get_session(request.user, pk, write=True)
    form = AgendaForm(request.POST, entries=_active_entries(request))
    if form.is_valid():
        try:
            services.add_to_agenda(session=session, **form.cleaned_data)
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, _("The reservist has been put on the agenda."))
            return redirect(session)
    context = _session_context(request, session, agenda_form=form)
    return render_form(request, "attestation/session.html", context)


@login_required
def session_minutes(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    session = permissions.get_session(request.user, pk)
    try:
        content, filename, content_type = document_services.render_minutes(session, fmt)
    except ValidationError as e:
        raise Http404(" ".join(e.messages)) from e
    return _file(content, filename, content_type)


def _file(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# Attestations ------------------------------------------------------------------------


# The prefix of the secretary's form recording a present member's vote (its
# fields must not share their ids with one's own vote's form on the same page).
PROXY = "proxy"


def _attestation_context(request: HttpRequest, attestation: Attestation, **forms):
    user = request.user
    session = attestation.session
    roster = queries.roster(session)
    may_decide = permissions.may_decide(user, attestation)
    present = [(m.person_id, m.name) for m in roster.members if m.is_present]
    votes = queries.votes_of(attestation)
    return {
        "attestation": attestation,
        "session": session,
        "entry": attestation.reserve_entry,
        "roster": roster,
        "votes": votes,
        "tally": queries.tally_of(attestation, roster),
        "may_read_pack": permissions.may_read_pack(user, attestation),
        "may_vote": permissions.may_vote(user, attestation)
        and not roster.plain_decision,
        "may_decide": may_decide,
        "may_confirm": permissions.may_confirm(user, attestation),
        "may_respond": permissions.may_respond(user, attestation),
        "may_remove": permissions.may_manage_agenda(user, attestation),
        "is_held": session.date <= timezone.localdate(),
        "vote_form": forms.get("vote_form") or VoteForm(),
        "proxy_vote_form": forms.get("proxy_vote_form")
        or VoteForm(members=present, prefix=PROXY),
        "decision_form": forms.get("decision_form")
        or DecisionForm(plain=roster.plain_decision),
        "respond_form": forms.get("respond_form") or RespondForm(),
        "recommendation_form": forms.get("recommendation_form")
        or RecommendationForm(initial={"text": attestation.mentor_recommendation}),
        "history": history_of(attestation)
        if permissions.may_manage_commission(user)
        else None,
    }


@login_required
def attestation_card(request: HttpRequest, pk: int) -> HttpResponse:
    attestation = permissions.get_attestation(request.user, pk)
    context = _attestation_context(request, attestation)
    return render(request, "attestation/attestation.html", context)


def _post(request, attestation, key, form, action, done: str) -> HttpResponse:
    """Run the action on a valid form; show the page again with the errors."""
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, done)
            return redirect(attestation)
    context = _attestation_context(request, attestation, **{key: form})
    return render_form(request, "attestation/attestation.html", context)


@login_required
@require_POST
def attestation_respond(request: HttpRequest, pk: int) -> HttpResponse:
    attestation = permissions.get_attestation(request.user, pk)
    permissions.require(permissions.may_respond(request.user, attestation))
    return _post(
        request,
        attestation,
        "respond_form",
        RespondForm(request.POST),
        lambda data: services.respond_to_invitation(
            attestation=attestation, accept=data["accept"], reason=data["reason"]
        ),
        _("Your answer has been recorded."),
    )


@login_required
@require_POST
def attestation_recommendation(request: HttpRequest, pk: int) -> HttpResponse:
    attestation = permissions.get_attestation(request.user, pk)
    permissions.require(permissions.may_respond(request.user, attestation))
    return _post(
        request,
        attestation,
        "recommendation_form",
        RecommendationForm(request.POST),
        lambda data: services.write_recommendation(
            attestation=attestation, text=data["text"]
        ),
        _("The recommendation has been saved."),
    )


@login_required
@require_POST
def attestation_vote(request: HttpRequest, pk: int) -> HttpResponse:
    """One's own vote, or (the secretary, the coordinator) a present member's."""
    user = request.user
    attestation = permissions.get_attestation(user, pk)
    on_behalf = f"{PROXY}-member" in request.POST
    if on_behalf:
        permissions.require(permissions.may_decide(user, attestation))
        roster = queries.roster(attestation.session)
        present = [(m.person_id, m.name) for m in roster.members if m.is_present]
        form = VoteForm(request.POST, members=present, prefix=PROXY)
    else:
        permissions.require(permissions.may_vote(user, attestation))
        form = VoteForm(request.POST)
    key = "proxy_vote_form" if on_behalf else "vote_form"

    def vote(data: dict) -> None:
        # The form offers the present members only; one's own person otherwise.
        member_id = data.get("member") or own_person_id(user)
        member = Person.objects.filter(pk=member_id or 0).first()
        if member is None:
            raise PermissionDenied
        services.cast_vote(
            attestation=attestation, member=member, choice=data["choice"], by=user
        )

    return _post(
        request, attestation, key, form, vote, _("The vote has been recorded.")
    )


@login_required
@require_POST
def attestation_decide(request: HttpRequest, pk: int) -> HttpResponse:
    attestation = permissions.get_attestation(request.user, pk)
    permissions.require(permissions.may_decide(request.user, attestation))
    plain = queries.settings_of(attestation.municipality_id).plain_decision
    return _post(
        request,
        attestation,
        "decision_form",
        DecisionForm(request.POST, plain=plain),
        lambda data: services.decide(attestation=attestation, by=request.user, **data),
        _("The decision has been recorded; it awaits the coordinator's confirmation."),
    )


@login_required
@require_POST
def attestation_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    attestation = permissions.get_attestation(request.user, pk)
    permissions.require(permissions.may_confirm(request.user, attestation))
    try:
        services.confirm_decision(attestation=attestation, by=request.user)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return render(
            request,
            "attestation/attestation.html",
            _attestation_context(request, attestation),
            status=400,
        )
    messages.success(request, _("The decision has been confirmed."))
    return redirect(attestation)


@login_required
@require_POST
def attestation_remove(request: HttpRequest, pk: int) -> HttpResponse:
    attestation = permissions.get_attestation(request.user, pk)
    permissions.require(permissions.may_manage_agenda(request.user, attestation))
    session = attestation.session
    try:
        services.remove_from_agenda(attestation=attestation)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return redirect(attestation)
    messages.success(request, _("The reservist has been taken off the agenda."))
    return redirect(session)


@login_required
def attestation_extract(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    attestation = permissions.get_attestation(request.user, pk)
    try:
        content, filename, content_type = document_services.render_extract(
            attestation, fmt
        )
    except ValidationError as e:
        raise Http404(" ".join(e.messages)) from e
    return _file(content, filename, content_type)


# The materials pack ------------------------------------------------------------------


@login_required
def pack_page(request: HttpRequest, pk: int) -> HttpResponse:
    attestation = permissions.get_pack_attestation(request.user, pk)
    record_person_view(
        person=attestation.reserve_entry.person,
        user=request.user,
        channel=PersonViewLog.Channel.PAGE,
        source=request.path,
    )
    found = queries.pack(attestation, timezone.localdate())
    return render(request, "attestation/pack.html", {"pack": found})


@login_required
def pack_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    attestation = permissions.get_pack_attestation(request.user, pk)
    record_person_view(
        person=attestation.reserve_entry.person,
        user=request.user,
        channel=PersonViewLog.Channel.DOCUMENT,
        source=request.path,
    )
    content, filename = document_services.render_pack(attestation)
    return _file(content, filename, "application/pdf")

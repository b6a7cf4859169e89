"""`/attestation-commissions`: the commission, its orders and composition on a
date; `/attestation-sessions`: sessions with their agenda, attendance and the
minutes; `/attestations`: the mentor's answer, open votes, the decision, its
confirmation by the coordinator, and the extract from the minutes (8.9)."""

import datetime
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Query, Router, Status
from ninja.pagination import paginate

from accounts.permissions import principal
from api.auth import caller
from api.choices import chosen
from api.files import DOCX, PDF, file_response
from api.pagination import ApiPagination
from api.schemas.attestation import (
    AppointIn,
    AttendanceIn,
    AttestationFilter,
    AttestationListOut,
    AttestationOut,
    AttestationSettingsIn,
    AttestationSettingsOut,
    AttestationSettingsPatch,
    CommissionOrderOut,
    CommissionOut,
    CommissionQuery,
    DecisionIn,
    DocumentQuery,
    MembershipOut,
    OrderIn,
    RemoveIn,
    ResponseIn,
    SessionFilter,
    SessionIn,
    SessionListOut,
    SessionOut,
    SettingsHistoryOut,
    VoteIn,
    VoteOut,
)
from api.schemas.common import READ_ERRORS, WRITE_ERRORS, ErrorOut
from attestation import document_services, permissions, queries, services
from attestation.models import (
    Attestation,
    AttestationQuerySet,
    AttestationSettings,
    Commission,
    Session,
    SessionQuerySet,
)
from core.history import history_of
from organizations.models import Municipality
from people.models import Person

router = Router(tags=["attestation"])


# The commission ----------------------------------------------------------------------


def _commissions(user: Any) -> QuerySet[Commission]:
    orders = permissions.visible_orders(user).values("commission_id")
    return Commission.objects.filter(pk__in=orders).order_by("pk")


def _commission_out(commission: Commission, day: datetime.date) -> dict[str, Any]:
    rules = queries.settings_of(commission.municipality_id)
    return {
        "id": commission.pk,
        "municipality_id": commission.municipality_id,
        "on": day,
        "members": queries.members_on(commission, day),
        "orders": list(commission.orders.all()),
        "quorum_percent": rules.quorum_percent,
        "plain_decision": rules.plain_decision,
    }


@router.get("/attestation-commissions", response=list[CommissionOut])
@paginate(ApiPagination)
def list_attestation_commissions(request: HttpRequest) -> list[dict[str, Any]]:
    """The commissions the caller keeps or sits on, each with its composition
    today (a handful: one per municipality)."""
    today = timezone.localdate()
    return [_commission_out(c, today) for c in _commissions(caller(request))]


@router.get(
    "/attestation-commissions/{int:pk}", response={200: CommissionOut, **READ_ERRORS}
)
def get_attestation_commission(
    request: HttpRequest, pk: int, query: Query[CommissionQuery]
) -> dict[str, Any]:
    """The composition on a date (?on=, today by default) and the orders."""
    commission = _commissions(caller(request)).filter(pk=pk).first()
    if commission is None:
        raise Http404
    return _commission_out(commission, query.on or timezone.localdate())


@router.post(
    "/attestation-commissions/orders",
    response={201: CommissionOrderOut, **WRITE_ERRORS},
)
def create_commission_order(request: HttpRequest, payload: OrderIn) -> Status:
    """Record an order forming or changing the commission (the coordinator)."""
    user = caller(request)
    permissions.require(permissions.may_manage_commission(user))
    municipality = permissions.managed_municipality(user)
    permissions.require(municipality is not None)
    assert municipality is not None
    order = services.issue_order(municipality=municipality, by=user, **payload.dict())
    return Status(201, order)


@router.post(
    "/attestation-commissions/orders/{int:pk}/members",
    response={201: MembershipOut, **WRITE_ERRORS},
)
def appoint_commission_member(
    request: HttpRequest, pk: int, payload: AppointIn
) -> Status:
    """Seat a person in the commission from the order's date; they get the role
    `commission` once they have an account (400 for a second chair, …)."""
    user = caller(request)
    order = permissions.get_order(user, pk, write=True)
    person = chosen(permissions.member_choices(user), payload.person_id, "person_id")
    membership = services.appoint_member(order=order, person=person, role=payload.role)
    return Status(201, membership)


@router.post(
    "/attestation-commissions/orders/{int:pk}/removals",
    response={200: MembershipOut, **WRITE_ERRORS},
)
def remove_commission_member(request: HttpRequest, pk: int, payload: RemoveIn) -> Any:
    """End a membership by the order, from its date."""
    order = permissions.get_order(caller(request), pk, write=True)
    membership = permissions.get_membership(order, payload.membership_id)
    return services.remove_member(order=order, membership=membership)


# The municipality's rules of decisions ----------------------------------------------


def _settings_out(municipality: Municipality) -> dict[str, Any]:
    rules = queries.settings_of(municipality.pk)
    return {
        "municipality_id": municipality.pk,
        "municipality_name": municipality.name,
        "quorum_percent": rules.quorum_percent,
        "plain_decision": rules.plain_decision,
        "updated_at": rules.updated_at if rules.pk else None,
    }


@router.get("/attestation-settings", response=list[AttestationSettingsOut])
@paginate(ApiPagination)
def list_attestation_settings(request: HttpRequest) -> list[dict[str, Any]]:
    """The quorum share and the decision mode of each municipality the
    coordinator keeps (403 for other roles)."""
    return [
        _settings_out(m) for m in permissions.settings_municipalities(caller(request))
    ]


@router.get(
    "/attestation-settings/{int:municipality_id}",
    response={200: AttestationSettingsOut, 403: ErrorOut, **READ_ERRORS},
)
def get_attestation_settings(
    request: HttpRequest, municipality_id: int
) -> dict[str, Any]:
    """The municipality's rules; the defaults (50 %, votes) while never changed."""
    user = caller(request)
    return _settings_out(permissions.get_settings_municipality(user, municipality_id))


def _save_settings(
    request: HttpRequest, municipality_id: int, changes: dict[str, Any]
) -> dict[str, Any]:
    user = caller(request)
    municipality = permissions.get_settings_municipality(user, municipality_id)
    rules = queries.settings_of(municipality.pk)
    values = {
        "quorum_percent": rules.quorum_percent,
        "plain_decision": rules.plain_decision,
        **changes,
    }
    services.update_settings(municipality=municipality, **values)
    return _settings_out(municipality)


@router.put(
    "/attestation-settings/{int:municipality_id}",
    response={200: AttestationSettingsOut, **WRITE_ERRORS},
)
def replace_attestation_settings(
    request: HttpRequest, municipality_id: int, payload: AttestationSettingsIn
) -> dict[str, Any]:
    """Set both rules (the coordinator); each change is kept in the history."""
    return _save_settings(request, municipality_id, payload.dict())


@router.patch(
    "/attestation-settings/{int:municipality_id}",
    response={200: AttestationSettingsOut, **WRITE_ERRORS},
)
def update_attestation_settings(
    request: HttpRequest, municipality_id: int, payload: AttestationSettingsPatch
) -> dict[str, Any]:
    """Change the rules sent (the coordinator); each change is kept in the
    history."""
    return _save_settings(request, municipality_id, payload.changes())


@router.get(
    "/attestation-settings/{int:municipality_id}/history",
    response={200: list[SettingsHistoryOut], 403: ErrorOut, **READ_ERRORS},
)
def get_attestation_settings_history(
    request: HttpRequest, municipality_id: int
) -> list[Any]:
    """Who changed the rules and when, newest first (the last 50 changes)."""
    user = caller(request)
    municipality = permissions.get_settings_municipality(user, municipality_id)
    found = AttestationSettings.objects.filter(municipality=municipality).first()
    if found is None:
        return []
    return [
        {
            "at": e.at,
            "who": e.who,
            "kind": e.kind,
            "changes": [
                {"field": c.field, "old": str(c.old), "new": str(c.new)}
                for c in e.changes
            ],
        }
        for e in history_of(found)
    ]


# Sessions ----------------------------------------------------------------------------


@router.get("/attestation-sessions", response=list[SessionListOut])
@paginate(ApiPagination, annotate=SessionQuerySet.for_list)
def list_attestation_sessions(
    request: HttpRequest, filters: Query[SessionFilter]
) -> QuerySet[Session]:
    """The sessions the caller keeps or sits on, the latest first."""
    found = permissions.visible_sessions(caller(request)).in_list_order()
    if filters.date_from:
        found = found.filter(date__gte=filters.date_from)
    if filters.date_to:
        found = found.filter(date__lte=filters.date_to)
    return found


def _session_out(session: Session) -> dict[str, Any]:
    agenda = list(session.attestations.for_list().in_agenda_order())
    roster = queries.roster(session, agenda)
    return {
        "id": session.pk,
        "number": session.number,
        "date": session.date,
        "time": session.time,
        "place": session.place,
        "members": roster.members,
        "mentors": roster.mentors,
        "n_members": roster.n_members,
        "n_present": roster.n_present,
        "has_quorum": roster.has_quorum,
        "attestations": agenda,
    }


@router.get("/attestation-sessions/{int:pk}", response={200: SessionOut, **READ_ERRORS})
def get_attestation_session(request: HttpRequest, pk: int) -> dict[str, Any]:
    """The session with its roster, quorum and agenda."""
    return _session_out(permissions.get_session(caller(request), pk))


@router.post("/attestation-sessions", response={201: SessionOut, **WRITE_ERRORS})
def create_attestation_session(request: HttpRequest, payload: SessionIn) -> Status:
    """Schedule a session; each reservist's active mentor is invited (400 for a
    reservist without an active reserve entry; nothing is saved)."""
    user = caller(request)
    permissions.require(permissions.may_schedule(user))
    municipality = permissions.managed_municipality(user)
    permissions.require(municipality is not None)
    assert municipality is not None
    choices = permissions.entry_choices(user).select_related("person")
    entries = [
        chosen(choices, pk, "reserve_entry_ids") for pk in payload.reserve_entry_ids
    ]
    data = payload.dict(exclude={"reserve_entry_ids"})
    session = services.schedule_session(
        municipality=municipality, entries=entries, by=user, **data
    )
    return Status(201, _session_out(session))


@router.put(
    "/attestation-sessions/{int:pk}/attendance",
    response={200: SessionOut, **WRITE_ERRORS},
)
def record_attestation_attendance(
    request: HttpRequest, pk: int, payload: AttendanceIn
) -> dict[str, Any]:
    """Who was present (the secretary on the session's date or the coordinator)."""
    user = caller(request)
    session = permissions.get_session(user, pk)
    permissions.require(permissions.may_record_session(user, session))
    services.record_attendance(
        session=session, present_ids=payload.present_ids, by=user
    )
    return _session_out(permissions.get_session(user, pk))


@router.get(
    "/attestation-sessions/{int:pk}/minutes",
    response={**READ_ERRORS, 400: ErrorOut},
    openapi_extra=file_response("The minutes of the session.", DOCX, PDF),
)
def get_attestation_minutes(
    request: HttpRequest, pk: int, query: Query[DocumentQuery]
) -> HttpResponse:
    """The minutes as DOCX or PDF (format=docx|pdf)."""
    session = permissions.get_session(caller(request), pk)
    content, filename, content_type = document_services.render_minutes(
        session, query.format
    )
    return _file(content, filename, content_type)


def _file(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# Attestations ------------------------------------------------------------------------


@router.get("/attestations", response=list[AttestationListOut])
@paginate(ApiPagination, annotate=AttestationQuerySet.for_list)
def list_attestations(
    request: HttpRequest, filters: Query[AttestationFilter]
) -> QuerySet[Attestation]:
    """The attestations in the caller's scope: the coordinator's, those on the
    sessions one sits on, one's invitations as mentor, one's own."""
    found = permissions.visible_attestations(caller(request)).order_by("-pk")
    if filters.session_id is not None:
        found = found.filter(session_id=filters.session_id)
    if filters.decision is not None:
        found = found.filter(decision=filters.decision)
    return found


@router.get("/attestations/{int:pk}", response={200: AttestationOut, **READ_ERRORS})
def get_attestation(request: HttpRequest, pk: int) -> Attestation:
    return permissions.get_attestation(caller(request), pk)


@router.post(
    "/attestations/{int:pk}/response", response={200: AttestationOut, **WRITE_ERRORS}
)
def respond_to_attestation_invitation(
    request: HttpRequest, pk: int, payload: ResponseIn
) -> Attestation:
    """The invited mentor will attend or declines with a reason, and may give a
    recommendation to the commission."""
    user = caller(request)
    attestation = permissions.get_attestation(user, pk)
    permissions.require(permissions.may_respond(user, attestation))
    services.respond_to_invitation(
        attestation=attestation, accept=payload.accept, reason=payload.reason
    )
    if payload.recommendation is not None:
        services.write_recommendation(
            attestation=attestation, text=payload.recommendation
        )
    return permissions.get_attestation(user, pk)


@router.get(
    "/attestations/{int:pk}/votes", response={200: list[VoteOut], **READ_ERRORS}
)
def list_attestation_votes(request: HttpRequest, pk: int) -> list:
    """The open votes (the coordinator and the members on the session's date)."""
    user = caller(request)
    attestation = permissions.get_pack_attestation(user, pk)
    return queries.votes_of(attestation)


@router.post("/attestations/{int:pk}/votes", response={201: VoteOut, **WRITE_ERRORS})
def cast_attestation_vote(request: HttpRequest, pk: int, payload: VoteIn) -> Status:
    """One's own vote as a present member, or (the secretary, the coordinator) a
    present member's; 400 for a non-member or an absent member."""
    user = caller(request)
    attestation = permissions.get_attestation(user, pk)
    if payload.member_id is None:
        permissions.require(permissions.may_vote(user, attestation))
        member_id = principal(user).person_id
    else:
        permissions.require(permissions.may_decide(user, attestation))
        member_id = payload.member_id
    member = Person.objects.filter(pk=member_id or 0).first()
    if member is None:
        chosen(Person.objects.none(), payload.member_id or 0, "member_id")
    assert member is not None
    vote = services.cast_vote(
        attestation=attestation, member=member, choice=payload.choice, by=user
    )
    return Status(201, vote)


@router.post(
    "/attestations/{int:pk}/decision", response={200: AttestationOut, **WRITE_ERRORS}
)
def decide_attestation(request: HttpRequest, pk: int, payload: DecisionIn) -> Any:
    """Record the decision from the votes (or as stated, in the plain mode); 400
    without quorum, without a majority, or for a second decision."""
    user = caller(request)
    attestation = permissions.get_attestation(user, pk)
    permissions.require(permissions.may_decide(user, attestation))
    services.decide(
        attestation=attestation,
        by=user,
        decision=payload.decision or "",
        new_term_until=payload.new_term_until,
        exclusion_reason=payload.exclusion_reason,
    )
    return permissions.get_attestation(user, pk)


@router.post(
    "/attestations/{int:pk}/confirmation",
    response={200: AttestationOut, **WRITE_ERRORS},
)
def confirm_attestation(request: HttpRequest, pk: int) -> Any:
    """The coordinator confirms the decision; the reserve entry changes."""
    user = caller(request)
    attestation = permissions.get_attestation(user, pk)
    permissions.require(permissions.may_confirm(user, attestation))
    services.confirm_decision(attestation=attestation, by=user)
    return permissions.get_attestation(user, pk)


@router.get(
    "/attestations/{int:pk}/extract",
    response={**READ_ERRORS, 400: ErrorOut},
    openapi_extra=file_response("The extract from the minutes.", DOCX, PDF),
)
def get_attestation_extract(
    request: HttpRequest, pk: int, query: Query[DocumentQuery]
) -> HttpResponse:
    """The extract from the minutes for this reservist (400 before the decision)."""
    attestation = permissions.get_attestation(caller(request), pk)
    content, filename, content_type = document_services.render_extract(
        attestation, query.format
    )
    return _file(content, filename, content_type)

"""Who may see and do what in the attestation: the coordinator keeps the
commission and its sessions and confirms decisions; the members read the packs
of the reservists on the sessions they sit on (on the session's date) and vote;
the secretary records attendance and decisions; the mentor answers the
invitation; the reservist sees their own attestation."""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import User
from accounts.permissions import principal
from attestation.models import (
    Attestation,
    AttestationQuerySet,
    CommissionOrder,
    Membership,
    Session,
    SessionQuerySet,
    member_on_session_date,
)
from core.scopes import any_of
from organizations.models import Municipality
from people.models import Person, PersonQuerySet
from reserve.models import ReserveEntry

AnyUser = User | AnonymousUser


def require(allowed: bool) -> None:
    """Raise PermissionDenied unless allowed."""
    if not allowed:
        raise PermissionDenied


# The commission ----------------------------------------------------------------------


def may_manage_commission(user: AnyUser) -> bool:
    """The coordinator keeps the commission, its orders, sessions and settings."""
    p = principal(user)
    return p.is_superuser or p.is_coordinator


def managed_municipality(user: AnyUser) -> Municipality | None:
    """The municipality whose commission the coordinator keeps (their first)."""
    p = principal(user)
    if p.is_superuser:
        return Municipality.objects.order_by("pk").first()
    if not p.coordinator_municipality_ids:
        return None
    return Municipality.objects.filter(pk__in=p.coordinator_municipality_ids).first()


def settings_municipalities(user: AnyUser) -> QuerySet[Municipality]:
    """The municipalities whose decision rules the caller keeps (the coordinator's;
    every one for a superuser); PermissionDenied for anybody else."""
    require(may_manage_commission(user))
    p = principal(user)
    found = Municipality.objects.order_by("name", "pk")
    return (
        found if p.is_superuser else found.filter(pk__in=p.coordinator_municipality_ids)
    )


def get_settings_municipality(user: AnyUser, pk: int) -> Municipality:
    """A municipality whose rules the coordinator keeps: 403 for other roles,
    404 for another municipality."""
    found = settings_municipalities(user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def member_person_id(user: AnyUser) -> int | None:
    """The person of an account holding the role `commission`: a seat in the
    commission counts only with the role (given at the appointment to a member
    with an account, or ticked by the coordinator when creating one's account)."""
    p = principal(user)
    return p.person_id if p.holds_commission_role else None


def may_view_commission(user: AnyUser) -> bool:
    """The commission's page: its coordinator and the commission's members."""
    p = principal(user)
    if may_manage_commission(user):
        return True
    return p.holds_commission_role and p.person_id is not None


def visible_orders(user: AnyUser) -> QuerySet[CommissionOrder]:
    """Orders on the commissions of the coordinator's municipalities, or on the
    commission one has sat on."""
    p = principal(user)
    if p.is_superuser:
        return CommissionOrder.objects.all()
    return any_of(
        CommissionOrder.objects.all(),
        Q(commission__municipality_id__in=p.coordinator_municipality_ids)
        if p.coordinator_municipality_ids
        else None,
        # A subquery, not a join: a person seated twice must not double an order.
        Q(
            commission_id__in=Membership.objects.filter(person_id=member).values(
                "commission_id"
            )
        )
        if (member := member_person_id(user))
        else None,
    )


def get_order(user: AnyUser, pk: int, *, write: bool = False) -> CommissionOrder:
    """A visible order; Http404 if unseen, PermissionDenied for a write by another
    than the municipality's coordinator."""
    try:
        order = (
            visible_orders(user).select_related("commission__municipality").get(pk=pk)
        )
    except (CommissionOrder.DoesNotExist, ValueError, OverflowError) as e:
        raise Http404 from e
    if write and not principal(user).coordinates(order.commission.municipality_id):
        raise PermissionDenied
    return order


def get_membership(order: CommissionOrder, pk: int) -> Membership:
    """A membership of the order's commission; Http404 otherwise."""
    found = order.commission.memberships.select_related("person").filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def member_choices(user: AnyUser) -> PersonQuerySet:
    """People of the coordinator's municipalities: whom a member is chosen from."""
    p = principal(user)
    if p.is_superuser:
        return Person.objects.all()
    return Person.objects.filter(municipality_id__in=p.coordinator_municipality_ids)


# Sessions ----------------------------------------------------------------------------


def visible_sessions(user: AnyUser) -> SessionQuerySet:
    """The coordinator's municipality's sessions and the sessions one sits on as a
    member of the commission on their date."""
    p = principal(user)
    if p.is_superuser:
        return Session.objects.all()
    if not p.is_authenticated:
        return Session.objects.none()
    coordinated = p.coordinator_municipality_ids
    return any_of(
        Session.objects.all(),
        Q(municipality_id__in=coordinated) if coordinated else None,
        Q(member_on_session_date(member))
        if (member := member_person_id(user))
        else None,
    )


def get_session(user: AnyUser, pk: int, *, write: bool = False) -> Session:
    """A visible session; Http404 if unseen, PermissionDenied for a write by
    another than its coordinator."""
    try:
        session = visible_sessions(user).for_card().get(pk=pk)
    except (Session.DoesNotExist, ValueError, OverflowError) as e:
        raise Http404 from e
    if write and not principal(user).coordinates(session.municipality_id):
        raise PermissionDenied
    return session


def is_member_on_date(user: AnyUser, session: Session) -> bool:
    """The user's person sits on the session's commission on its date (one query),
    the account holding the role `commission`."""
    person_id = member_person_id(user)
    if person_id is None:
        return False
    return (
        session.commission.memberships.on(session.date)
        .filter(person_id=person_id)
        .exists()
    )


def secretary_on_date(user: AnyUser, session: Session) -> bool:
    """The commission's secretary on the session's date (one query)."""
    person_id = member_person_id(user)
    if person_id is None:
        return False
    return (
        session.commission.memberships.on(session.date)
        .filter(person_id=person_id, role=Membership.Role.SECRETARY)
        .exists()
    )


def may_record_session(user: AnyUser, session: Session) -> bool:
    """Attendance, votes on a member's behalf and decisions: the secretary on the
    session's date or the coordinator."""
    if principal(user).coordinates(session.municipality_id):
        return True
    return secretary_on_date(user, session)


def may_schedule(user: AnyUser) -> bool:
    return may_manage_commission(user)


def entry_choices(user: AnyUser) -> QuerySet[ReserveEntry]:
    """Reserve entries the coordinator may put on an agenda: every entry of the
    municipality (the service refuses one that is not active, with a reason)."""
    p = principal(user)
    if p.is_superuser:
        return ReserveEntry.objects.all()
    return ReserveEntry.objects.filter(
        municipality_id__in=p.coordinator_municipality_ids
    )


# Attestations ------------------------------------------------------------------------


def visible_attestations(user: AnyUser) -> AttestationQuerySet:
    """The coordinator's municipality's; those on the sessions one sits on; those
    one is invited to as the mentor; one's own as the reservist."""
    p = principal(user)
    if p.is_superuser:
        return Attestation.objects.all()
    if not p.is_authenticated:
        return Attestation.objects.none()
    coordinated, person_id = p.coordinator_municipality_ids, p.person_id
    return any_of(
        Attestation.objects.all(),
        Q(municipality_id__in=coordinated) if coordinated else None,
        Q(member_on_session_date(member, "session__"))
        if (member := member_person_id(user))
        else None,
        Q(mentor_id=person_id) if person_id else None,
        Q(reserve_entry__person_id=person_id) if person_id else None,
    )


def get_attestation(user: AnyUser, pk: int) -> Attestation:
    """A visible attestation with what its page reads; Http404 if unseen."""
    try:
        return visible_attestations(user).for_card().get(pk=pk)
    except (Attestation.DoesNotExist, ValueError, OverflowError) as e:
        raise Http404 from e


def may_read_pack(user: AnyUser, attestation: Attestation) -> bool:
    """The materials pack: the coordinator, and the members of the commission on
    the session's date (no one else, not the mentor nor the reservist)."""
    if principal(user).coordinates(attestation.municipality_id):
        return True
    return is_member_on_date(user, attestation.session)


def get_pack_attestation(user: AnyUser, pk: int) -> Attestation:
    """The attestation whose pack the user reads; Http404 for anyone else (its
    existence is not revealed)."""
    attestation = get_attestation(user, pk)
    if not may_read_pack(user, attestation):
        raise Http404
    return attestation


def may_vote(user: AnyUser, attestation: Attestation) -> bool:
    """One's own vote: a member on the session's date, before the decision (the
    service refuses an absent member with a reason)."""
    if attestation.is_decided:
        return False
    return is_member_on_date(user, attestation.session)


def may_decide(user: AnyUser, attestation: Attestation) -> bool:
    """Record the decision (and votes on a member's behalf)."""
    if attestation.is_decided:
        return False
    return may_record_session(user, attestation.session)


def may_confirm(user: AnyUser, attestation: Attestation) -> bool:
    """Only the coordinator confirms a decision, once."""
    if not attestation.is_decided or attestation.is_confirmed:
        return False
    return principal(user).coordinates(attestation.municipality_id)


def may_respond(user: AnyUser, attestation: Attestation) -> bool:
    """The invited mentor answers until the session is held."""
    person_id = principal(user).person_id
    if person_id is None or person_id != attestation.mentor_id:
        return False
    return not attestation.is_decided


def may_manage_agenda(user: AnyUser, attestation: Attestation) -> bool:
    """The coordinator takes an undecided reservist off the agenda."""
    if attestation.is_decided:
        return False
    return principal(user).coordinates(attestation.municipality_id)


# Menu --------------------------------------------------------------------------------


def may_view_sessions(user: AnyUser) -> bool:
    """«Attestation» in the menu: the coordinator and the commission's members."""
    return may_view_commission(user)


# The home page -----------------------------------------------------------------------


def sessions_sitting_on(user: AnyUser) -> SessionQuerySet:
    """The sessions one sits on as a member of the commission on their date."""
    person_id = member_person_id(user)
    if person_id is None:
        return Session.objects.none()
    return Session.objects.filter(member_on_session_date(person_id))


def invitations(user: AnyUser) -> AttestationQuerySet:
    """The attestations one is invited to as the reservist's mentor."""
    person_id = principal(user).person_id
    if person_id is None:
        return Attestation.objects.none()
    return Attestation.objects.filter(mentor_id=person_id).exclude(invitation="")


def own_attestations(user: AnyUser) -> AttestationQuerySet:
    """One's own attestations as the reservist."""
    person_id = principal(user).person_id
    if person_id is None:
        return Attestation.objects.none()
    return Attestation.objects.filter(reserve_entry__person_id=person_id)

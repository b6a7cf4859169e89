"""Who may see and change events and the involvements of reservists in them."""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import User
from accounts.permissions import principal
from core.scopes import any_of
from events.models import (
    Event,
    EventKind,
    EventMaterial,
    EventQuerySet,
    Involvement,
    InvolvementQuerySet,
)
from mentorships.models import Mentorship, MentorshipQuerySet
from mentorships.permissions import visible_mentorships_as_mentor
from organizations.models import Municipality, Organization
from plans.models import PlanItem
from plans.permissions import get_plan, may_confirm, plans_mentored_now
from reserve.models import ReserveEntry, ReserveEntryQuerySet
from reserve.permissions import visible_reserve_entries

AnyUser = User | AnonymousUser

# ---------------------------------------------------------------------- events


def visible_events(user: AnyUser) -> EventQuerySet:
    """The coordinator's municipality's events; a head's organisation's and the
    events its reservists are involved in; a mentor's organisation's, the
    authority's events of their municipality and their mentees' events; the
    events one is involved in. (An author sees their event as one of these.)"""
    p = principal(user)
    if p.is_superuser:
        return Event.objects.all()
    if not p.is_authenticated:
        return Event.objects.none()
    coordinated, headed = p.coordinator_municipality_ids, p.head_organization_ids
    person_id = p.person_id
    mentor = p.holds_mentor_role and person_id is not None
    staff = bool(headed) or mentor
    return any_of(
        Event.objects.all(),
        Q(municipality_id__in=coordinated) if coordinated else None,
        Q(organization_id__in=headed) if headed else None,
        Q(involvements__reserve_entry__person__organization_id__in=headed)
        if headed
        else None,
        Q(organization_id=p.person_organization_id)
        if mentor and p.person_organization_id
        else None,
        Q(organization__isnull=True, municipality_id__in=p.municipality_ids)
        if staff
        else None,
        Q(involvements__reserve_entry__mentorships__mentor_id=person_id)
        if mentor
        else None,
        Q(involvements__reserve_entry__person_id=person_id) if person_id else None,
    )


def get_event(user: AnyUser, pk: int, *, write: bool = False) -> Event:
    """Http404 unless visible; PermissionDenied to write unless may_change_event."""
    try:
        event = (
            visible_events(user)
            .select_related("kind", "organization", "municipality")
            .get(pk=pk)
        )
    except (Event.DoesNotExist, ValueError, OverflowError) as e:
        raise Http404 from e
    if write and not may_change_event(user, event):
        raise PermissionDenied
    return event


def may_view_events(user: AnyUser) -> bool:
    """The events list: the coordinator's, the heads' and the mentors'."""
    p = principal(user)
    if p.is_superuser:
        return True
    if p.is_coordinator:
        return True
    if p.is_head:
        return True
    return p.holds_mentor_role and p.person_id is not None


def may_create_event(user: AnyUser) -> bool:
    """The coordinator (municipal events), a head and a mentor (their
    organisation's)."""
    p = principal(user)
    if p.is_superuser:
        return True
    if p.is_coordinator:
        return True
    if p.is_head:
        return True
    return p.holds_mentor_role and p.person_organization_id is not None


def may_change_event(user: AnyUser, event: Event) -> bool:
    """The municipality's coordinator, the head of the organiser, its author."""
    p = principal(user)
    if p.coordinates(event.municipality_id):
        return True
    if event.organization_id is not None and p.heads(event.organization_id):
        return True
    if not p.is_authenticated:
        return False
    return event.created_by_id == user.pk


def organizers(user: AnyUser) -> QuerySet[Organization]:
    """The organisations whose events the user creates: all of the coordinated
    municipalities, the headed ones, a mentor's own."""
    p = principal(user)
    if p.is_superuser:
        return Organization.objects.all()
    return Organization.objects.filter(
        Q(municipality_id__in=p.coordinator_municipality_ids)
        | Q(pk__in=p.head_organization_ids)
        | Q(pk=p.person_organization_id if p.holds_mentor_role else None)
    )


def may_organize_as_authority(user: AnyUser) -> bool:
    """The education authority's (municipal) events are the coordinator's."""
    p = principal(user)
    if p.is_superuser:
        return True
    return p.is_coordinator


def authority_municipalities(user: AnyUser) -> QuerySet[Municipality]:
    """The municipalities whose authority's events the user creates."""
    p = principal(user)
    if p.is_superuser:
        return Municipality.objects.all()
    return Municipality.objects.filter(pk__in=p.coordinator_municipality_ids)


def get_material(user: AnyUser, pk: int) -> EventMaterial:
    """A material of a visible event; Http404 otherwise."""
    try:
        return EventMaterial.objects.select_related("event").get(
            pk=pk, event__in=visible_events(user)
        )
    except (EventMaterial.DoesNotExist, ValueError, OverflowError) as e:
        raise Http404 from e


# ------------------------------------------------------------------ event kinds


def visible_kinds(user: AnyUser) -> QuerySet[EventKind]:
    """The kinds of the user's municipalities."""
    p = principal(user)
    if p.is_superuser:
        return EventKind.objects.all()
    return EventKind.objects.filter(municipality_id__in=p.municipality_ids)


def may_manage_kinds(user: AnyUser) -> bool:
    """The catalogue of kinds is the coordinator's."""
    p = principal(user)
    if p.is_superuser:
        return True
    return p.is_coordinator


# ---------------------------------------------------------------- involvements


def visible_involvements(user: AnyUser) -> InvolvementQuerySet:
    """The coordinator's municipality's; a head's organisation's reservists';
    a mentor's mentees' (ended mentorships too, to read); one's own."""
    p = principal(user)
    if p.is_superuser:
        return Involvement.objects.all()
    if not p.is_authenticated:
        return Involvement.objects.none()
    coordinated, headed = p.coordinator_municipality_ids, p.head_organization_ids
    person_id = p.person_id
    return any_of(
        Involvement.objects.all(),
        Q(event__municipality_id__in=coordinated) if coordinated else None,
        Q(reserve_entry__person__organization_id__in=headed) if headed else None,
        Q(reserve_entry__mentorships__mentor_id=person_id) if person_id else None,
        Q(reserve_entry__person_id=person_id) if person_id else None,
    )


def own_involvements(user: AnyUser) -> InvolvementQuerySet:
    """One's own involvements as the reservist («My events»)."""
    person_id = principal(user).person_id
    if person_id is None:
        return Involvement.objects.none()
    return Involvement.objects.filter(reserve_entry__person_id=person_id)


def get_involvement(user: AnyUser, pk: int) -> Involvement:
    """A visible involvement with what its pages and rights read; Http404."""
    try:
        return visible_involvements(user).for_list().get(pk=pk)
    except (Involvement.DoesNotExist, ValueError, OverflowError) as e:
        raise Http404 from e


def may_view_own_events(user: AnyUser) -> bool:
    """«My events» is the page of a reservist linked to a person."""
    p = principal(user)
    if p.person_id is None:
        return False
    return p.holds_reservist_role


def mentorships_to_involve(user: AnyUser) -> MentorshipQuerySet:
    """The user's active mentorships of reservists in the reserve: whom they
    involve in events."""
    return visible_mentorships_as_mentor(user).filter(
        status=Mentorship.Status.ACTIVE,
        reserve_entry__status=ReserveEntry.Status.ACTIVE,
    )


def may_involve(user: AnyUser, event: Event) -> bool:
    """A mentor involves their own reservists in an event they see."""
    p = principal(user)
    if p.person_id is None:
        return False
    return p.holds_mentor_role


def may_invite_many(user: AnyUser, event: Event) -> bool:
    """The coordinator invites the municipality's reservists, several at once."""
    return principal(user).coordinates(event.municipality_id)


def entries_to_invite(user: AnyUser, event: Event) -> ReserveEntryQuerySet:
    """The reservists of the event's municipality the coordinator may invite."""
    return visible_reserve_entries(user).filter(
        status=ReserveEntry.Status.ACTIVE,
        person__organization__municipality_id=event.municipality_id,
    )


def organizations_to_invite_from(user: AnyUser, event: Event) -> QuerySet[Organization]:
    """The organisations the invite page narrows by: those of the event's
    municipality, for whom may invite many; none for anyone else."""
    if not may_invite_many(user, event):
        return Organization.objects.none()
    return Organization.objects.filter(municipality_id=event.municipality_id)


def plan_items_to_link(user: AnyUser) -> QuerySet[PlanItem]:
    """Rows of the plans the user mentors now, not cancelled: what an involvement
    may be linked to (the service checks the row is the reservist's)."""
    return (
        PlanItem.objects.filter(plan__in=plans_mentored_now(user))
        .exclude(status=PlanItem.Status.CANCELLED)
        .select_related("plan__reserve_entry__person")
        .order_by("plan__reserve_entry__person__last_name", "deadline", "pk")
    )


def is_active_mentor(user: AnyUser, involvement: Involvement) -> bool:
    """The reservist's mentor under an active mentorship (no query when the
    involvement comes annotated: InvolvementQuerySet.with_active_mentor)."""
    person_id = principal(user).person_id
    if person_id is None:
        return False
    annotated = getattr(involvement, "active_mentor_id", ...)
    if annotated is not ...:
        return annotated == person_id
    return Mentorship.objects.filter(
        reserve_entry_id=involvement.reserve_entry_id,
        mentor_id=person_id,
        status=Mentorship.Status.ACTIVE,
    ).exists()


def is_involved_reservist(user: AnyUser, involvement: Involvement) -> bool:
    person_id = principal(user).person_id
    if person_id is None:
        return False
    return involvement.reserve_entry.person_id == person_id


def may_respond(user: AnyUser, involvement: Involvement) -> bool:
    """The reservist accepts or declines until the attendance is marked."""
    if involvement.attendance != Involvement.Attendance.UNKNOWN:
        return False
    return is_involved_reservist(user, involvement)


def may_record_outcome(user: AnyUser, involvement: Involvement) -> bool:
    """The reservist records the outcome of an accepted invitation."""
    if involvement.status != Involvement.Status.ACCEPTED:
        return False
    return is_involved_reservist(user, involvement)


def may_mark_attendance(user: AnyUser, involvement: Involvement) -> bool:
    """The active mentor (or the municipality's coordinator) marks attendance of
    an invitation that was not declined; never the reservist."""
    if involvement.status == Involvement.Status.DECLINED:
        return False
    if is_active_mentor(user, involvement):
        return True
    return principal(user).coordinates(involvement.event.municipality_id)


def may_withdraw(user: AnyUser, involvement: Involvement) -> bool:
    """The active mentor or the coordinator withdraws an invitation whose
    attendance is not marked yet."""
    if involvement.attendance != Involvement.Attendance.UNKNOWN:
        return False
    if is_active_mentor(user, involvement):
        return True
    return principal(user).coordinates(involvement.event.municipality_id)


def may_confirm_item(user: AnyUser, item: PlanItem) -> bool:
    """The user confirms the row when marking attendance: the plan's active
    mentor (plans.permissions.may_confirm)."""
    try:
        plan = get_plan(user, item.plan_id)
    except Http404:
        return False
    return may_confirm(user, plan)


def may_print_registration(user: AnyUser, event: Event) -> bool:
    """The registration sheet: who changes the event, the coordinator, mentors."""
    if may_change_event(user, event):
        return True
    if may_invite_many(user, event):
        return True
    return may_involve(user, event)


def kind_municipality(user: AnyUser) -> Municipality | None:
    """The municipality whose catalogue of kinds the user adds to."""
    if not may_manage_kinds(user):
        return None
    return authority_municipalities(user).order_by("pk").first()


def require(allowed: bool) -> None:
    """PermissionDenied unless allowed."""
    if not allowed:
        raise PermissionDenied

"""Who may see and change the reserve."""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import User
from accounts.permissions import principal
from core.scopes import any_of
from reserve.models import (
    ACTIVE_MENTORSHIP,
    ReserveEntry,
    ReserveEntryQuerySet,
    TargetPosition,
)

AnyUser = User | AnonymousUser


def visible_reserve_entries(user: AnyUser) -> ReserveEntryQuerySet:
    """Entries in scope: the municipality for a coordinator, the own organisation's
    reservists for a head, one's own for a reservist, and for a mentor the
    reservists they mentor now (an active mentorship: not a draft order's line,
    not an ended one)."""
    p = principal(user)
    if p.is_superuser:
        return ReserveEntry.objects.all()
    if not p.is_authenticated:
        return ReserveEntry.objects.none()
    coordinated, headed = p.coordinator_municipality_ids, p.head_organization_ids
    own = mentees = None
    if p.person_id:
        own = Q(person_id=p.person_id)
        # Mentorships are a higher app: reached by relation name, never imported.
        mentees = Q(
            mentorships__mentor_id=p.person_id, mentorships__status=ACTIVE_MENTORSHIP
        )
    return any_of(
        ReserveEntry.objects.all(),
        # The copied municipality: the entry's index serves the count; the
        # page's order by name the person's (ReserveEntryQuerySet.page_keys).
        Q(municipality_id__in=coordinated) if coordinated else None,
        Q(person__organization_id__in=headed) if headed else None,
        own,
        mentees,
    )


def may_manage_reserve(user: AnyUser) -> bool:
    """Including, appointing and excluding reservists is the coordinator's."""
    p = principal(user)
    return p.is_superuser or p.is_coordinator


def may_manage_entry(user: AnyUser, entry: ReserveEntry) -> bool:
    """Correcting, appointing and excluding an entry: its coordinator, while active."""
    if entry.status != ReserveEntry.Status.ACTIVE:
        return False
    return principal(user).coordinates(entry.person.organization.municipality_id)


def may_view_entry_history(user: AnyUser, entry: ReserveEntry) -> bool:
    """The entry's change history is its municipality's coordinator's."""
    return principal(user).coordinates(entry.person.organization.municipality_id)


def get_reserve_entry(user: AnyUser, pk: int, *, write: bool = False) -> ReserveEntry:
    """A visible entry; Http404 if unseen, PermissionDenied if not writable."""
    try:
        entry = (
            visible_reserve_entries(user)
            .select_related(
                "person__organization__municipality",
                "person__position",
                "target_position",
            )
            .get(pk=pk)
        )
    except (ReserveEntry.DoesNotExist, ValueError) as e:
        raise Http404 from e
    if write and not principal(user).coordinates(
        entry.person.organization.municipality_id
    ):
        raise PermissionDenied
    return entry


def visible_target_positions(user: AnyUser) -> QuerySet[TargetPosition]:
    p = principal(user)
    if p.is_superuser:
        return TargetPosition.objects.all()
    return TargetPosition.objects.filter(municipality_id__in=p.municipality_ids)


def get_target_position(
    user: AnyUser, pk: int, *, write: bool = False
) -> TargetPosition:
    """A visible target position; Http404 if unseen, PermissionDenied if not writable."""
    try:
        target = visible_target_positions(user).get(pk=pk)
    except (TargetPosition.DoesNotExist, ValueError) as e:
        raise Http404 from e
    if write and not principal(user).coordinates(target.municipality_id):
        raise PermissionDenied
    return target

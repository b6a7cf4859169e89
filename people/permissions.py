"""Who may see and change people and positions (personal data, 152-ФЗ)."""

from datetime import date

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import Role, User
from accounts.permissions import principal
from core.scopes import any_of
from people.models import (
    Person,
    PersonQuerySet,
    PersonViewLog,
    PersonViewLogQuerySet,
    Position,
)

AnyUser = User | AnonymousUser

# mentorships.Mentorship.Status.ACTIVE (a test in mentorships guards the spelling).
ACTIVE_MENTORSHIP = "active"


def visible_people(user: AnyUser) -> PersonQuerySet:
    """People in scope: the municipality for a coordinator, the own organisation
    for a head, oneself, one's reservists for a mentor and one's mentor for a
    reservist, only while the mentorship is active (not before the order is
    registered, not after it ended)."""
    p = principal(user)
    if p.is_superuser:
        return Person.objects.all()
    if not p.is_authenticated:
        return Person.objects.none()
    return any_of(
        Person.objects.all(),
        # The municipality copied onto the person: one index with the list's order.
        _in("municipality_id", p.coordinator_municipality_ids),
        _in("organization_id", p.head_organization_ids),
        *_own_and_partners(p.person_id),
    )


def _in(field: str, ids: frozenset[int]) -> Q | None:
    return Q(**{f"{field}__in": ids}) if ids else None


def _own_and_partners(person_id: int | None) -> list[Q]:
    """Oneself, one's reservists and one's mentor while the mentorship is active.

    Mentorships are a higher app: they are reached by relation name, never
    imported, and "active" is `mentorships.Mentorship.Status.ACTIVE` (a test in
    mentorships guards the spelling)."""
    if not person_id:
        return []
    return [
        Q(pk=person_id),
        Q(
            reserve_entries__mentorships__mentor_id=person_id,
            reserve_entries__mentorships__status=ACTIVE_MENTORSHIP,
        ),
        Q(
            mentorships_as_mentor__reserve_entry__person_id=person_id,
            mentorships_as_mentor__status=ACTIVE_MENTORSHIP,
        ),
    ]


def may_create_person(user: AnyUser) -> bool:
    p = principal(user)
    return p.is_superuser or p.is_coordinator


def get_person(user: AnyUser, pk: int, *, write: bool = False) -> Person:
    """A visible person; Http404 if unseen, PermissionDenied if not writable."""
    try:
        person = (
            visible_people(user)
            .select_related("organization__municipality", "position", "user")
            .get(pk=pk)
        )
    except (Person.DoesNotExist, ValueError) as e:
        raise Http404 from e
    if write and not may_edit_person(user, person):
        raise PermissionDenied
    return person


def may_edit_person(user: AnyUser, person: Person) -> bool:
    """A person's card is changed by their municipality's coordinator."""
    return principal(user).coordinates(person.organization.municipality_id)


def may_anonymise_person(user: AnyUser, person: Person, today: date) -> bool:
    """The coordinator of the person's municipality, once the person has left
    the reserve and the municipality's retention period has passed (one query)."""
    return (
        may_edit_person(user, person)
        and person.anonymised_at is None
        and person.is_due_for_anonymisation(today)
    )


def may_export_person_data(user: AnyUser, person: Person) -> bool:
    """Everything about a person in one file (a subject's request, 152-ФЗ art. 14)
    is given by their municipality's coordinator."""
    return may_edit_person(user, person)


def may_view_access_log(user: AnyUser) -> bool:
    """The personal-data access log is read by coordinators (their municipality's)."""
    p = principal(user)
    return p.is_superuser or p.is_coordinator


def visible_view_logs(user: AnyUser) -> PersonViewLogQuerySet:
    """The access log about the people of the coordinator's municipalities; none
    for other roles (who see it when may_view_access_log says so only)."""
    p = principal(user)
    if p.is_superuser:
        return PersonViewLog.objects.all()
    if not p.is_coordinator:
        return PersonViewLog.objects.none()
    return PersonViewLog.objects.filter(
        person__municipality_id__in=p.coordinator_municipality_ids
    )


def visible_positions(user: AnyUser) -> QuerySet[Position]:
    """The position catalogues of the user's municipalities."""
    p = principal(user)
    if p.is_superuser:
        return Position.objects.all()
    return Position.objects.filter(municipality_id__in=p.municipality_ids)


def get_position(user: AnyUser, pk: int, *, write: bool = False) -> Position:
    """A visible position; Http404 if unseen, PermissionDenied if not writable."""
    try:
        position = visible_positions(user).select_related("municipality").get(pk=pk)
    except (Position.DoesNotExist, ValueError) as e:
        raise Http404 from e
    if write and not principal(user).coordinates(position.municipality_id):
        raise PermissionDenied
    return position


# Accounts of people: created, invited again, deactivated and reactivated from
# the person's card by their coordinator or head.

# What a head may grant inside their own organisation: never a role with a scope
# of its own (coordinator, head) or the municipality's commission.
HEAD_GRANTABLE_ROLES = (Role.MENTOR, Role.RESERVIST)


def grantable_roles(user: AnyUser, person: Person) -> list[str]:
    """The roles the user may give the person's account: any role for the
    coordinator of the person's municipality, mentor and reservist for the head
    of the person's organisation, none for anyone else."""
    p = principal(user)
    if p.coordinates(person.municipality_id):
        return list(Role.values)
    if p.heads(person.organization_id):
        return list(HEAD_GRANTABLE_ROLES)
    return []


def may_view_account_of(user: AnyUser, person: Person) -> bool:
    """The person's account page is for their coordinator and head."""
    return bool(grantable_roles(user, person))


def may_create_account_for(user: AnyUser, person: Person) -> bool:
    """An account is created by the person's coordinator or head, once."""
    return person.user_id is None and may_view_account_of(user, person)


def may_manage_account_of(user: AnyUser, person: Person) -> bool:
    """Invite again, deactivate, reactivate: by the person's coordinator or head,
    for an account holding only roles they may grant, and never one's own."""
    account = person.user
    if account is None or account.pk == user.pk:
        return False
    held = principal(account)
    asking = principal(user)
    if held.is_superuser and not asking.is_superuser:
        return False
    if not held.roles <= set(grantable_roles(user, person)):
        return False
    return held.coordinator_municipality_ids <= asking.coordinator_municipality_ids or (
        asking.is_superuser
    )


def get_person_for_account(user: AnyUser, pk: int) -> Person:
    """A visible person whose account page the user may open; Http404 if unseen,
    PermissionDenied if seen but not theirs to invite."""
    person = get_person(user, pk)
    if not may_view_account_of(user, person):
        raise PermissionDenied
    return person

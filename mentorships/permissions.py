"""Who may see and change mentor orders, mentorships and readiness."""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import User
from accounts.permissions import principal
from core.scopes import any_of
from mentorships.models import (
    MentorOrder,
    MentorOrderQuerySet,
    Mentorship,
    MentorshipQuerySet,
    OrderTemplate,
)
from organizations.models import Organization
from people.models import Person

AnyUser = User | AnonymousUser

# ---------------------------------------------------------------- mentorships


def visible_mentorships(user: AnyUser) -> MentorshipQuerySet:
    """Mentorships of one's municipality, organisation, or as mentor or reservist."""
    p = principal(user)
    if p.is_superuser:
        return Mentorship.objects.all()
    if not p.is_authenticated:
        return Mentorship.objects.none()
    coordinated, headed = p.coordinator_municipality_ids, p.head_organization_ids
    person_id = p.person_id
    return any_of(
        Mentorship.objects.all(),
        # The order's municipality, copied: one index with the list's order.
        Q(municipality_id__in=coordinated) if coordinated else None,
        Q(order__organization_id__in=headed) if headed else None,
        Q(mentor_id=person_id) if person_id else None,
        Q(reserve_entry__person_id=person_id) if person_id else None,
    )


def visible_mentorships_as_reservist(user: AnyUser) -> MentorshipQuerySet:
    """One's own mentorships as the reservist («My mentor»); none without a person."""
    person_id = principal(user).person_id
    if person_id is None:
        return Mentorship.objects.none()
    return visible_mentorships(user).filter(reserve_entry__person_id=person_id)


def visible_mentorships_as_mentor(user: AnyUser) -> MentorshipQuerySet:
    """One's own mentorships as the mentor («My reservists»); none without a person."""
    person_id = principal(user).person_id
    if person_id is None:
        return Mentorship.objects.none()
    return visible_mentorships(user).filter(mentor_id=person_id)


def get_mentorship(user: AnyUser, pk: int, *, write: bool = False) -> Mentorship:
    """Http404 unless visible; PermissionDenied to write unless may_end_mentorship."""
    try:
        mentorship = visible_mentorships(user).for_list().get(pk=pk)
    except (Mentorship.DoesNotExist, ValueError) as e:
        raise Http404 from e
    if write and not may_end_mentorship(user, mentorship):
        raise PermissionDenied
    return mentorship


def may_end_mentorship(user: AnyUser, mentorship: Mentorship) -> bool:
    """The head of the organisation whose order set the mentorship (or a superuser)."""
    p = principal(user)
    if p.is_superuser:
        return True
    return p.heads(mentorship.order.organization_id)


def may_view_own_mentees(user: AnyUser) -> bool:
    """«My reservists» is the page of a mentor linked to a person."""
    p = principal(user)
    if p.person_id is None:
        return False
    return p.holds_mentor_role


def may_view_own_mentor(user: AnyUser) -> bool:
    """«My mentor» is the page of a reservist linked to a person."""
    p = principal(user)
    if p.person_id is None:
        return False
    return p.holds_reservist_role


def may_view_mentors(user: AnyUser) -> bool:
    """The mentors' registry with their load: the coordinator's and the heads'."""
    p = principal(user)
    if p.is_superuser:
        return True
    if p.is_coordinator:
        return True
    return p.is_head


def may_confirm_readiness(user: AnyUser, person: Person) -> bool:
    """The person themself, the head of their organisation or the coordinator."""
    p = principal(user)
    if p.coordinates(person.organization.municipality_id):
        return True
    if p.heads(person.organization_id):
        return True
    if p.person_id is None:
        return False
    return p.person_id == person.pk


# --------------------------------------------------------------------- orders


def visible_orders(user: AnyUser) -> MentorOrderQuerySet:
    """Orders of one's municipality or organisation, or naming one in a line."""
    p = principal(user)
    if p.is_superuser:
        return MentorOrder.objects.all()
    if not p.is_authenticated:
        return MentorOrder.objects.none()
    coordinated, headed = p.coordinator_municipality_ids, p.head_organization_ids
    person_id = p.person_id
    return any_of(
        MentorOrder.objects.all(),
        # The organisation's municipality, copied: one index with the list's order.
        Q(municipality_id__in=coordinated) if coordinated else None,
        Q(organization_id__in=headed) if headed else None,
        # The orders naming one in a line, as mentor or as reservist.
        Q(mentorships__mentor_id=person_id) if person_id else None,
        Q(mentorships__reserve_entry__person_id=person_id) if person_id else None,
    )


def get_order(user: AnyUser, pk: int, *, write: bool = False) -> MentorOrder:
    """Http404 unless visible; PermissionDenied to write unless may_change_order."""
    try:
        order = (
            visible_orders(user).select_related("organization__municipality").get(pk=pk)
        )
    except (MentorOrder.DoesNotExist, ValueError) as e:
        raise Http404 from e
    if write and not may_change_order(user, order):
        raise PermissionDenied
    return order


def may_change_order(user: AnyUser, order: MentorOrder) -> bool:
    """The head of the order's organisation (or a superuser) changes the order."""
    p = principal(user)
    if p.is_superuser:
        return True
    return p.heads(order.organization_id)


def visible_order_organizations(user: AnyUser) -> QuerySet[Organization]:
    """Organisations whose orders the user registers: those they head."""
    p = principal(user)
    if p.is_superuser:
        return Organization.objects.all()
    return Organization.objects.filter(pk__in=p.head_organization_ids)


def may_create_any_order(user: AnyUser) -> bool:
    """Heads (and superusers) register orders, each for an organisation they head."""
    p = principal(user)
    if p.is_superuser:
        return True
    return p.is_head


# ------------------------------------------------------------ order templates


def visible_order_templates(user: AnyUser) -> QuerySet[OrderTemplate]:
    """The order templates of the municipalities the user coordinates."""
    p = principal(user)
    if p.is_superuser:
        return OrderTemplate.objects.all()
    return OrderTemplate.objects.filter(
        municipality_id__in=p.coordinator_municipality_ids
    )


def get_order_template(user: AnyUser, pk: int) -> OrderTemplate:
    """A template of a municipality the user coordinates; Http404 otherwise."""
    try:
        return (
            visible_order_templates(user)
            .select_related("municipality", "organization")
            .get(pk=pk)
        )
    except (OrderTemplate.DoesNotExist, ValueError) as e:
        raise Http404 from e


def may_manage_order_templates(user: AnyUser) -> bool:
    """The order templates are the coordinator's."""
    p = principal(user)
    if p.is_superuser:
        return True
    return p.is_coordinator

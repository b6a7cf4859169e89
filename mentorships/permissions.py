"""Who may see and change mentor orders, mentorships and readiness."""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import User
from accounts.permissions import principal
from mentorships.models import MentorOrder, Mentorship, OrderTemplate
from organizations.models import Organization
from people.models import Person

AnyUser = User | AnonymousUser


def visible_mentorships(user: AnyUser) -> QuerySet[Mentorship]:
    """Mentorships in scope: the municipality for a coordinator, the organisation
    for a head, one's own as mentor or reservist."""
    p = principal(user)
    if p.is_superuser:
        return Mentorship.objects.all()
    if not p.is_authenticated:
        return Mentorship.objects.none()
    scope = Q(order__organization__municipality_id__in=p.coordinator_municipality_ids)
    scope |= Q(order__organization_id__in=p.head_organization_ids)
    if p.person_id:
        scope |= Q(mentor_id=p.person_id) | Q(reserve_entry__person_id=p.person_id)
    return Mentorship.objects.filter(scope)


def get_mentorship(user: AnyUser, pk: int, *, write: bool = False) -> Mentorship:
    """A visible mentorship; Http404 if unseen, PermissionDenied unless the head of
    its organisation (who ends it) asks to write."""
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
    return p.is_superuser or p.heads(mentorship.order.organization_id)


def visible_orders(user: AnyUser) -> QuerySet[MentorOrder]:
    """Orders in scope: all of the municipality for a coordinator, the own
    organisation's for a head, those naming oneself for a mentor or reservist."""
    p = principal(user)
    if p.is_superuser:
        return MentorOrder.objects.all()
    if not p.is_authenticated:
        return MentorOrder.objects.none()
    scope = Q(organization__municipality_id__in=p.coordinator_municipality_ids)
    scope |= Q(organization_id__in=p.head_organization_ids)
    if p.person_id:
        own = Mentorship.objects.filter(
            Q(mentor_id=p.person_id) | Q(reserve_entry__person_id=p.person_id)
        ).values("order_id")
        scope |= Q(pk__in=own)
    return MentorOrder.objects.filter(scope)


def get_order(user: AnyUser, pk: int, *, write: bool = False) -> MentorOrder:
    """A visible order; Http404 if unseen, PermissionDenied unless the head of its
    organisation (or a superuser) asks to write."""
    try:
        order = (
            visible_orders(user).select_related("organization__municipality").get(pk=pk)
        )
    except (MentorOrder.DoesNotExist, ValueError) as e:
        raise Http404 from e
    p = principal(user)
    if write and not (p.is_superuser or p.heads(order.organization_id)):
        raise PermissionDenied
    return order


def order_organizations(user: AnyUser) -> QuerySet[Organization]:
    """Organisations in whose name the user may register orders (their heads)."""
    p = principal(user)
    if p.is_superuser:
        return Organization.objects.all()
    return Organization.objects.filter(pk__in=p.head_organization_ids)


def may_create_order(user: AnyUser, organization_id: int) -> bool:
    """The head of the organisation (or a superuser) registers its orders."""
    p = principal(user)
    return p.is_superuser or p.heads(organization_id)


def can_create_orders(user: AnyUser) -> bool:
    """Heads (and superusers) register orders on mentors."""
    p = principal(user)
    return p.is_superuser or p.is_head


def can_manage_order_templates(user: AnyUser) -> bool:
    """The order templates are the coordinator's."""
    p = principal(user)
    return p.is_superuser or p.is_coordinator


def can_view_mentors(user: AnyUser) -> bool:
    """The mentors' registry with their load: the coordinator's and the heads'."""
    p = principal(user)
    return p.is_superuser or p.is_coordinator or p.is_head


def can_view_own_mentees(user: AnyUser) -> bool:
    """«My reservists» is the page of a mentor linked to a person."""
    p = principal(user)
    return p.has_mentor and p.person_id is not None


def can_view_own_mentor(user: AnyUser) -> bool:
    """«My mentor» is the page of a reservist linked to a person."""
    p = principal(user)
    return p.has_reservist and p.person_id is not None


def visible_order_templates(user: AnyUser) -> QuerySet[OrderTemplate]:
    """The order templates of the municipalities the user coordinates."""
    p = principal(user)
    if p.is_superuser:
        return OrderTemplate.objects.all()
    return OrderTemplate.objects.filter(
        municipality_id__in=p.coordinator_municipality_ids
    )


def get_order_template(user: AnyUser, pk: int) -> OrderTemplate:
    """A template the user coordinates; Http404 otherwise."""
    try:
        return (
            visible_order_templates(user)
            .select_related("municipality", "organization")
            .get(pk=pk)
        )
    except (OrderTemplate.DoesNotExist, ValueError) as e:
        raise Http404 from e


def may_confirm_readiness(user: AnyUser, person: Person) -> bool:
    """The person themself, the head of their organisation or the coordinator."""
    p = principal(user)
    return (
        p.coordinates(person.organization.municipality_id)
        or p.heads(person.organization_id)
        or (p.person_id is not None and p.person_id == person.pk)
    )

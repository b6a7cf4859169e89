"""Who may see and change municipalities and organisations."""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import User
from accounts.permissions import principal
from organizations.models import Municipality, Organization, OrganizationQuerySet

AnyUser = User | AnonymousUser


def visible_municipalities(user: AnyUser) -> QuerySet[Municipality]:
    """Municipalities the user works in (all of them for a superuser)."""
    p = principal(user)
    if p.is_superuser:
        return Municipality.objects.all()
    return Municipality.objects.filter(pk__in=p.municipality_ids)


def managed_municipalities(user: AnyUser) -> QuerySet[Municipality]:
    """Municipalities whose registries the user may change (coordinator, superuser)."""
    p = principal(user)
    if p.is_superuser:
        return Municipality.objects.all()
    return Municipality.objects.filter(pk__in=p.coordinator_municipality_ids)


def get_municipality(user: AnyUser, pk: int, *, write: bool = False) -> Municipality:
    """A visible municipality; Http404 if unseen, PermissionDenied if not writable."""
    try:
        municipality = visible_municipalities(user).get(pk=pk)
    except Municipality.DoesNotExist as e:
        raise Http404 from e
    if write and not principal(user).coordinates(municipality.pk):
        raise PermissionDenied
    return municipality


def visible_organizations(user: AnyUser) -> OrganizationQuerySet:
    """Organisations in scope: the municipality for a coordinator, the own
    organisation for a head, a person's own organisation for everybody else."""
    p = principal(user)
    if p.is_superuser:
        return Organization.objects.all()
    if not p.is_authenticated:
        return Organization.objects.none()
    scope = Q(municipality_id__in=p.coordinator_municipality_ids)
    scope |= Q(pk__in=p.head_organization_ids)
    if p.person_organization_id:
        scope |= Q(pk=p.person_organization_id)
    return Organization.objects.filter(scope)


def may_create_organization(user: AnyUser) -> bool:
    return managed_municipalities(user).exists()


def get_organization(user: AnyUser, pk: int, *, write: bool = False) -> Organization:
    """A visible organisation; Http404 if unseen, PermissionDenied if not writable."""
    try:
        organization = (
            visible_organizations(user)
            .select_related("municipality", "head")
            .get(pk=pk)
        )
    except (Organization.DoesNotExist, ValueError) as e:
        raise Http404 from e
    if write and not may_edit_organization(user, organization):
        raise PermissionDenied
    return organization


def may_edit_organization(user: AnyUser, organization: Organization) -> bool:
    """The organisation's card is changed by its municipality's coordinator."""
    return principal(user).coordinates(organization.municipality_id)


def may_view_history(user: AnyUser, municipality_id: int) -> bool:
    """Change history is the coordinator's (design.md §4)."""
    return principal(user).coordinates(municipality_id)

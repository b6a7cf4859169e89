"""Who is asking: roles and scope of an account, computed once per request.

Every domain's `permissions.py` builds on `principal(user)`; nothing else decides
what a user may see or do."""

from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from accounts.models import Role, RoleAssignment, User


@dataclass(frozen=True)
class Principal:
    """The roles and scope of one account."""

    is_authenticated: bool = False
    is_superuser: bool = False
    roles: frozenset[str] = frozenset()
    coordinator_municipality_ids: frozenset[int] = frozenset()
    head_organization_ids: frozenset[int] = frozenset()
    person_id: int | None = None
    person_organization_id: int | None = None
    municipality_ids: frozenset[int] = field(default_factory=frozenset)

    def has(self, role: str) -> bool:
        return role in self.roles

    @property
    def is_coordinator(self) -> bool:
        return self.has(Role.COORDINATOR) and bool(self.coordinator_municipality_ids)

    @property
    def has_mentor(self) -> bool:
        return self.has(Role.MENTOR)

    @property
    def has_reservist(self) -> bool:
        return self.has(Role.RESERVIST)

    @property
    def has_commission(self) -> bool:
        return self.has(Role.COMMISSION)

    @property
    def is_head(self) -> bool:
        return self.has(Role.HEAD) and bool(self.head_organization_ids)

    def coordinates(self, municipality_id: int | None) -> bool:
        """True for a superuser or a coordinator of that municipality."""
        return self.is_superuser or municipality_id in self.coordinator_municipality_ids

    def heads(self, organization_id: int | None) -> bool:
        return organization_id in self.head_organization_ids


ANONYMOUS = Principal()


def principal(user: User | AnonymousUser) -> Principal:
    """The user's roles and scope; cached on the user object (two queries at most)."""
    if not user.is_authenticated:
        return ANONYMOUS
    cached = getattr(user, "_principal", None)
    if cached is not None:
        return cached
    roles = list(RoleAssignment.objects.filter(user=user).for_scope())
    from people.models import Person  # people depends on accounts, not the reverse

    person = (
        Person.objects.filter(user=user)
        .select_related("organization")
        .only("pk", "organization_id", "organization__municipality_id")
        .first()
    )
    coordinator_municipalities = frozenset(
        r.municipality_id
        for r in roles
        if r.role == Role.COORDINATOR and r.municipality_id
    )
    head_organizations = frozenset(
        r.organization_id for r in roles if r.role == Role.HEAD and r.organization_id
    )
    municipality_ids = set(coordinator_municipalities)
    municipality_ids |= {
        r.organization.municipality_id
        for r in roles
        if r.role == Role.HEAD and r.organization
    }
    if person:
        municipality_ids.add(person.organization.municipality_id)
    result = Principal(
        is_authenticated=True,
        is_superuser=user.is_superuser,
        roles=frozenset(r.role for r in roles),
        coordinator_municipality_ids=coordinator_municipalities,
        head_organization_ids=head_organizations,
        person_id=person.pk if person else None,
        person_organization_id=person.organization_id if person else None,
        municipality_ids=frozenset(municipality_ids),
    )
    user._principal = result  # type: ignore[union-attr]
    return result


def require_coordinator(user: User | AnonymousUser) -> Principal:
    """The principal of a coordinator or superuser; raises PermissionDenied otherwise."""
    p = principal(user)
    if not (p.is_superuser or p.is_coordinator):
        raise PermissionDenied
    return p

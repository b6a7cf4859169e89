"""Who is asking: roles and scope of an account, computed once and cached.

Every domain's `permissions.py` builds on `principal(user)`; nothing else decides
what a user may see or do."""

import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.models import ApiToken, Role, RoleAssignment, User


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

    # "holds the role", not "has a mentor": scope comes from the linked person.
    @property
    def holds_mentor_role(self) -> bool:
        return self.has(Role.MENTOR)

    @property
    def holds_reservist_role(self) -> bool:
        return self.has(Role.RESERVIST)

    @property
    def holds_commission_role(self) -> bool:
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


# How long a Principal stays in the cache; a change of roles or scope does not wait
# for it (the key changes), this only bounds what an unused entry occupies.
PRINCIPAL_CACHE_SECONDS = 60 * 60


def principal(user: User | AnonymousUser) -> Principal:
    """The user's roles and scope, from Django's cache or two queries.

    The cache key holds the account's `access_version`, which changes with every
    change of its roles or scope (`forget_principals`), and the flags the account
    row itself holds; a per-process cache therefore never serves a stale entry."""
    if not user.is_authenticated:
        return ANONYMOUS
    cached = getattr(user, "_principal", None)
    if cached is not None:
        return cached
    key = principal_cache_key(user)
    result = cache.get(key)
    if not isinstance(result, Principal):
        result = _compute_principal(user)
        cache.set(key, result, PRINCIPAL_CACHE_SECONDS)
    user._principal = result
    return result


def principal_cache_key(user: User) -> str:
    flags = f"{int(user.is_superuser)}{int(user.is_active)}"
    return f"principal:1:{user.pk}:{user.access_version}:{flags}"


def forget_principals(
    user_ids: Iterable[int | None], *, in_memory: Iterable[User] = ()
) -> None:
    """Give these accounts a new access version: their cached roles and scope are
    no longer read. The receivers of every change of a role assignment, a
    person's account or organisation, or an organisation's municipality call it.

    The version is random, not a counter, so that it can be given to the account
    objects in memory (`in_memory`) without a query and never returns to a key
    that an earlier version cached."""
    ids = {pk for pk in user_ids if pk is not None}
    if not ids:
        return
    version = secrets.randbits(31)
    User.objects.filter(pk__in=ids).update(access_version=version)
    for user in in_memory:
        if user.pk in ids:
            user.access_version = version
            user.__dict__.pop("_principal", None)


def _compute_principal(user: User) -> Principal:
    roles = list(RoleAssignment.objects.filter(user=user).for_scope())
    # The linked person (people is a higher app, so read it by relation name).
    person = (
        User.objects.filter(pk=user.pk, person__isnull=False)
        .values(
            "person__pk",
            "person__organization_id",
            "person__organization__municipality_id",
        )
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
        municipality_ids.add(person["person__organization__municipality_id"])
    return Principal(
        is_authenticated=True,
        is_superuser=user.is_superuser,
        roles=frozenset(r.role for r in roles),
        coordinator_municipality_ids=coordinator_municipalities,
        head_organization_ids=head_organizations,
        person_id=person["person__pk"] if person else None,
        person_organization_id=person["person__organization_id"] if person else None,
        municipality_ids=frozenset(municipality_ids),
    )


# Role cards: the home page greets each role the account acts in. These are the
# only role predicates outside the domains' own `may_*` questions.


def acts_as_coordinator(user: User | AnonymousUser) -> bool:
    """A coordinator of a municipality, or a superuser who sees them all."""
    p = principal(user)
    return p.is_superuser or p.is_coordinator


def acts_as_head(user: User | AnonymousUser) -> bool:
    """A head of an organisation."""
    return principal(user).is_head


def acts_as_mentor(user: User | AnonymousUser) -> bool:
    """An account holding the mentor role (linked to a person or not yet)."""
    return principal(user).holds_mentor_role


def acts_as_reservist(user: User | AnonymousUser) -> bool:
    """An account holding the reservist role (linked to a person or not yet)."""
    return principal(user).holds_reservist_role


def acts_as_commission_member(user: User | AnonymousUser) -> bool:
    """An account holding the attestation commission member role."""
    return principal(user).holds_commission_role


def role_labels(user: User | AnonymousUser) -> list[str]:
    """The names of the account's roles, in the order of `Role`."""
    p = principal(user)
    return [str(label) for code, label in Role.choices if p.has(code)]


def coordinated_municipality_ids(user: User | AnonymousUser) -> list[int]:
    """The municipalities whose settings the account keeps as coordinator."""
    return sorted(principal(user).coordinator_municipality_ids)


def own_person_id(user: User | AnonymousUser) -> int | None:
    """The person record linked to the account, if any."""
    return principal(user).person_id


# API tokens: an account sees and revokes its own only (a superuser too).


def visible_api_tokens(user: User) -> QuerySet[ApiToken]:
    """The account's own tokens that still work, newest first."""
    return ApiToken.objects.filter(user=user, expires_at__gt=timezone.now()).order_by(
        "-created_at", "-pk"
    )


def get_api_token(user: User, pk: int) -> ApiToken:
    """One of the account's own tokens; raises Http404 for anyone else's, as for a
    missing one."""
    return get_object_or_404(visible_api_tokens(user), pk=pk)

"""Writes for accounts: API tokens and role assignments."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import ApiToken, RoleAssignment, User


def issue_token(*, user: User) -> str:
    """Create an API token for the user and return its raw value (shown once)."""
    raw = ApiToken.generate_raw()
    ApiToken.objects.create(
        user=user,
        digest=ApiToken.make_digest(raw),
        expires_at=timezone.now() + timedelta(hours=settings.API_TOKEN_TTL_HOURS),
    )
    return raw


def revoke_token(*, raw: str) -> None:
    """Delete the API token with this raw value; an unknown one is ignored."""
    ApiToken.objects.filter(digest=ApiToken.make_digest(raw)).delete()


def revoke_tokens(*, user: User) -> int:
    """Delete every API token of the account; returns how many there were."""
    deleted, _by_model = ApiToken.objects.filter(user=user).delete()
    return deleted


def user_for_token(raw: str) -> User | None:
    """The active user behind a valid token, or None."""
    token = (
        ApiToken.objects.valid()
        .select_related("user")
        .filter(digest=ApiToken.make_digest(raw))
        .first()
    )
    return token.user if token else None


@transaction.atomic
def assign_role(*, user: User, role: str, **scope) -> RoleAssignment:
    """Give an account a role with its scope; raises ValidationError on bad scope."""
    assignment = RoleAssignment(user=user, role=role, **scope)
    assignment.full_clean()
    assignment.save()
    return assignment

"""Writes for accounts: API tokens and role assignments."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import ApiToken, RoleAssignment, User

# How stale a token's last_used_at may get: a request writes it only when it is
# older, so a busy client costs one UPDATE an hour, not one a request.
LAST_USED_PRECISION = timedelta(hours=1)


def issue_token(*, user: User) -> str:
    """Create an API token for the user and return its raw value (shown once).

    Issuing it takes the password, so it counts as its first use."""
    raw = ApiToken.generate_raw()
    now = timezone.now()
    ApiToken.objects.create(
        user=user,
        digest=ApiToken.make_digest(raw),
        prefix=raw[: ApiToken.PREFIX_LENGTH],
        expires_at=now + timedelta(hours=settings.API_TOKEN_TTL_HOURS),
        last_used_at=now,
    )
    return raw


def revoke_api_token(*, token: ApiToken) -> None:
    """Delete this API token (its owner's «Отозвать»)."""
    token.delete()


def revoke_token(*, raw: str) -> None:
    """Delete the API token with this raw value; an unknown one is ignored."""
    ApiToken.objects.filter(digest=ApiToken.make_digest(raw)).delete()


def revoke_tokens(*, user: User) -> int:
    """Delete every API token of the account; returns how many there were."""
    deleted, _by_model = ApiToken.objects.filter(user=user).delete()
    return deleted


def user_for_token(raw: str) -> User | None:
    """The active user behind a valid token, or None; notes the token's use when
    its last use is older than LAST_USED_PRECISION."""
    token = (
        ApiToken.objects.valid()
        .select_related("user")
        .filter(digest=ApiToken.make_digest(raw))
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or token.last_used_at < now - LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


@transaction.atomic
def assign_role(*, user: User, role: str, **scope) -> RoleAssignment:
    """Give an account a role with its scope; raises ValidationError on bad scope."""
    assignment = RoleAssignment(user=user, role=role, **scope)
    assignment.full_clean()
    assignment.save()
    return assignment


@transaction.atomic
def anonymise_user(*, user: User) -> User:
    """Remove an account's names and e-mail, close it and scrub its history
    (152-ФЗ; the person it belongs to is anonymised); raises nothing."""
    user.username = f"anonymised-{user.pk}"
    user.first_name = user.last_name = user.email = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
    user.history.all().update(
        username=user.username, first_name="", last_name="", email=""
    )
    return user

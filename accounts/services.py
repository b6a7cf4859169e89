"""Writes for accounts: API tokens, role assignments, invitations."""

from collections.abc import Mapping
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from accounts import tasks
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


# Invitations: an account created for a person by their coordinator or head has
# no password until its owner sets one through the link of the invitation (a
# password-reset token: it stops working once the password is set, and after
# PASSWORD_RESET_TIMEOUT).


@transaction.atomic
def create_invited_account(
    *,
    username: str,
    email: str,
    first_name: str,
    last_name: str,
    roles: Mapping[str, Mapping[str, int | None]],
) -> User:
    """Create an account without a usable password, with these roles and their
    scope ({role: {"municipality_id": …}}); raises ValidationError on a taken
    login (in any letter case), a bad e-mail, no role or a role's bad scope."""
    if not email:
        raise ValidationError(
            {"email": _("An e-mail address is needed to send the invitation.")}
        )
    if not roles:
        raise ValidationError({"roles": _("Choose at least one role.")})
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("This login is already taken.")})
    user = User(
        username=username, email=email, first_name=first_name, last_name=last_name
    )
    user.set_unusable_password()
    user.full_clean()
    user.save()
    for role, scope in roles.items():
        assign_role(user=user, role=role, **scope)
    return user


def invitation_is_pending(user: User) -> bool:
    """The account waits for its owner to set a password through the invitation."""
    return user.is_active and not user.has_usable_password()


def send_invitation(*, user: User, invited_by: User) -> None:
    """Send (again) the invitation to set a password, once the transaction commits.
    A new invitation ends the links of the earlier ones; raises ValidationError
    once the password is set or the account is deactivated."""
    if not invitation_is_pending(user):
        raise ValidationError(
            _("The invitation can be sent only until the password is set.")
        )
    if not user.email:
        raise ValidationError(_("An e-mail address is needed to send the invitation."))
    user.set_unusable_password()  # a new random mark: the earlier links end
    # The history leaves out the password: this save would be an empty change.
    user.skip_history_when_saving = True  # type: ignore[attr-defined]
    try:
        user.save(update_fields=["password"])
    finally:
        del user.skip_history_when_saving  # type: ignore[attr-defined]
    transaction.on_commit(
        lambda: tasks.send_invitation_email.enqueue(
            user_id=user.pk, invited_by_id=invited_by.pk
        )
    )


def invitation_link(user: User) -> str:
    """The absolute address at which the account's owner sets the password."""
    path = reverse(
        "accounts:invitation_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return settings.SITE_URL.rstrip("/") + path


def deliver_invitation(*, user: User, invited_by: User) -> None:
    """Write and send the invitation letter (the task's work)."""
    context = {
        "user": user,
        "name": user.get_full_name() or user.username,
        "inviter": invited_by.get_full_name() or invited_by.username,
        "username": user.username,
        "link": invitation_link(user),
        "site_url": settings.SITE_URL,
        "days": settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("accounts/invitation_subject.txt", context)
        body = render_to_string("accounts/invitation_email.txt", context)
    send_mail(" ".join(subject.split()), body, None, [user.email])


@transaction.atomic
def deactivate_account(*, user: User) -> User:
    """Close the account: it no longer signs in, and its API tokens are revoked
    (accounts.signals.account_saved)."""
    user.is_active = False
    user.save(update_fields=["is_active"])
    return user


@transaction.atomic
def reactivate_account(*, user: User) -> User:
    """Open a deactivated account again (its password unchanged)."""
    user.is_active = True
    user.save(update_fields=["is_active"])
    return user

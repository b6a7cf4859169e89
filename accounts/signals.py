"""Cache invalidation: a change of a role assignment changes its account's roles;
a change of an account's password or its deactivation ends its API tokens."""

from django.db.models.signals import post_delete, post_save

from accounts.models import RoleAssignment, User
from accounts.permissions import forget_principals
from accounts.services import revoke_tokens


def account_in_memory(instance: RoleAssignment) -> list[User]:
    return [instance.user] if RoleAssignment.user.is_cached(instance) else []


def role_saved(sender: type, instance: RoleAssignment, **kwargs: object) -> None:
    known, former = instance.remembered("user_id")
    forget_principals(
        [instance.user_id, former if known else None],
        in_memory=account_in_memory(instance),
    )
    instance.remember_values()


def role_deleted(sender: type, instance: RoleAssignment, **kwargs: object) -> None:
    forget_principals([instance.user_id], in_memory=account_in_memory(instance))


def account_saved(sender: type, instance: User, **kwargs: object) -> None:
    """A new password (changed, reset, set in admin or by `changepassword`) or a
    deactivation revokes the account's API tokens: whoever held one with the old
    password keeps no access. A receiver, not a service, because Django's own views,
    admin and commands save the account without any service of ours.

    A rehash of the same password at login (check_password's setter saves only the
    password, with no raw password pending) is no change and keeps them."""
    password_known, old_password = instance.remembered("password")
    active_known, was_active = instance.remembered("is_active")
    update_fields = kwargs.get("update_fields")
    is_rehash = update_fields == frozenset({"password"}) and (
        getattr(instance, "_password", None) is None
    )
    if (password_known and old_password != instance.password and not is_rehash) or (
        active_known and was_active and not instance.is_active
    ):
        revoke_tokens(user=instance)
    instance.remember_values()


def connect() -> None:
    post_save.connect(account_saved, sender=User, dispatch_uid="account_saved")
    post_save.connect(role_saved, sender=RoleAssignment, dispatch_uid="role_saved")
    post_delete.connect(
        role_deleted, sender=RoleAssignment, dispatch_uid="role_deleted"
    )

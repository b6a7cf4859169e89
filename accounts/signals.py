"""Cache invalidation: a change of a role assignment changes its account's roles."""

from django.db.models.signals import post_delete, post_save

from accounts.models import RoleAssignment, User
from accounts.permissions import forget_principals


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


def connect() -> None:
    post_save.connect(role_saved, sender=RoleAssignment, dispatch_uid="role_saved")
    post_delete.connect(
        role_deleted, sender=RoleAssignment, dispatch_uid="role_deleted"
    )

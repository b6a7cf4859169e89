"""Who sees and changes which notifications and settings: each account only its
own notifications and channels; the coordinator the municipality's warning period."""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.models import User
from accounts.permissions import principal
from notifications.models import Notification, NotificationQuerySet
from organizations.models import Municipality

AnyUser = User | AnonymousUser


class NotYourSettings(PermissionDenied):
    """Another account's notification settings were asked for."""


def require(allowed: bool) -> None:
    """Raise PermissionDenied unless allowed."""
    if not allowed:
        raise PermissionDenied


def visible_notifications(user: AnyUser) -> NotificationQuerySet:
    """The account's own notifications shown in the app (nobody sees another's,
    not even a superuser or the coordinator)."""
    if not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(recipient_id=user.pk, in_app=True)


def get_notification(user: AnyUser, pk: int) -> Notification:
    """One of the account's notifications; Http404 for another's or a missing one."""
    try:
        return visible_notifications(user).get(pk=pk)
    except (Notification.DoesNotExist, ValueError, OverflowError) as e:
        raise Http404 from e


def get_settings_owner(user: AnyUser, user_id: int) -> User:
    """The account whose channels are asked for: only one's own (403 otherwise)."""
    if not user.is_authenticated or user.pk != user_id:
        raise NotYourSettings
    assert isinstance(user, User)
    return user


def may_set_reminder_days(user: AnyUser) -> bool:
    """The coordinator sets the warning period of their municipality."""
    p = principal(user)
    return p.is_superuser or p.is_coordinator


def managed_municipality(user: AnyUser) -> Municipality | None:
    """The municipality whose warning period the coordinator sets (their first)."""
    p = principal(user)
    if p.is_superuser:
        return Municipality.objects.order_by("pk").first()
    if not p.coordinator_municipality_ids:
        return None
    return (
        Municipality.objects.filter(pk__in=p.coordinator_municipality_ids)
        .order_by("pk")
        .first()
    )

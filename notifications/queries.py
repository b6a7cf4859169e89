"""Reads of notifications: the bell's unread count, cached per account."""

from django.core.cache import cache

from accounts.models import User
from notifications.models import Notification
from notifications.services import unread_cache_key

# The count stays in the cache this long at most; every change of the account's
# notifications in this process (or in any, with a shared CACHE_URL) drops it.
UNREAD_TTL = 60


def unread_count(user: User) -> int:
    """The number of the account's unread notifications in the app: one query,
    or none while cached."""
    key = unread_cache_key(user.pk)
    count = cache.get(key)
    if count is None:
        count = Notification.objects.filter(
            recipient_id=user.pk, in_app=True, read_at__isnull=True
        ).count()
        cache.set(key, count, UNREAD_TTL)
    return count

"""Issue and revoke the personal calendar feed's secret address."""

import secrets

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from agenda.models import CalendarFeed, token_hash


@transaction.atomic
def regenerate_feed(*, user: User) -> str:
    """A new secret token for the user's feed (the previous one stops working);
    the token itself is returned once and never stored."""
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.update_or_create(
        user=user,
        defaults={"token_hash": token_hash(token), "created_at": timezone.now()},
    )
    return token


def revoke_feed(*, user: User) -> bool:
    """Stop the user's feed; False when there was none."""
    deleted, _ = CalendarFeed.objects.filter(user=user).delete()
    return deleted > 0

"""The personal calendar feed: one secret address per user.

The address carries a random token (secrets.token_urlsafe, 256 bits); only its
SHA-256 is kept, so the database never holds a working address. Regenerating
replaces the hash (the old address stops working at once); revoking deletes the
row. Nothing else of the calendar is stored: its entries are read from each
domain (agenda.entries)."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def token_hash(token: str) -> str:
    """The stored form of a feed token."""
    return hashlib.sha256(token.encode()).hexdigest()


class CalendarFeed(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="calendar_feed",
    )
    # unique: the index the feed's address is looked up by.
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"))

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.user)

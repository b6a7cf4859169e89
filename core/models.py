"""Shared model bases and text helpers."""

from django.db import models
from django.utils.translation import gettext_lazy as _


def normalize_search(text: str) -> str:
    """Fold text for search: lower case, «ё» as «е», single spaces.

    SQLite's LIKE folds only ASCII, so we store a folded copy and match it with a
    case-sensitive `contains`, which behaves the same on SQLite and PostgreSQL."""
    return " ".join(text.lower().replace("ё", "е").split())


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True

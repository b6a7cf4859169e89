"""Shared model bases and text helpers."""

from typing import Any, ClassVar, Self

from django.db import models
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def normalize_search(text: str) -> str:
    """Fold text for search: lower case, «ё» as «е», single spaces.

    SQLite's LIKE folds only ASCII, so we store a folded copy and match it with a
    case-sensitive `contains`, which behaves the same on SQLite and PostgreSQL."""
    return " ".join(text.lower().replace("ё", "е").split())


# The labels of each field's choices in each language: {value: label}.
_CHOICE_LABELS: dict[tuple[models.Field, str | None], dict[Any, str]] = {}


class ChoiceLabels(models.Model):
    """get_FOO_display() from a dict built once per field and language. Django's
    own rebuilds the dict of the choices and translates the label on every call
    (about 80 µs): a list of 50 rows showing two labels each spent 8 ms on it.
    The choices of our fields are fixed (TextChoices), never a callable."""

    class Meta:
        abstract = True

    def _get_FIELD_display(self, field: models.Field) -> Any:
        value = getattr(self, field.attname)
        key = (field, get_language())
        labels = _CHOICE_LABELS.get(key)
        if labels is None:
            labels = {make_hashable(k): str(v) for k, v in field.flatchoices}
            _CHOICE_LABELS[key] = labels
        return force_str(labels.get(make_hashable(value), value), strings_only=True)


class TimeStampedModel(ChoiceLabels):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class RemembersLoadedValues(models.Model):
    """Remembers some fields as they were loaded or last saved, so that a signal
    receiver can tell what a save changed without a query (Django's documented
    `from_db` pattern). A field not loaded (deferred) or an unsaved instance has
    no remembered value."""

    remembered_fields: ClassVar[tuple[str, ...]] = ()

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db: str | None, field_names: Any, values: Any) -> Self:
        instance = super().from_db(db, field_names, values)
        instance.remember_values()
        return instance

    def remember_values(self) -> None:
        """Take the current values as the saved ones (after a save)."""
        self._remembered = {
            name: self.__dict__[name]
            for name in self.remembered_fields
            if name in self.__dict__
        }

    def remembered(self, name: str) -> tuple[bool, Any]:
        """(known, value) of the field as loaded or last saved."""
        values = getattr(self, "_remembered", {})
        return (name in values, values.get(name))

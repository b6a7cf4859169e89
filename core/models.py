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


class CopiesMunicipality(models.Model):
    """A copy of the municipality of a related row (`municipality_source`: the
    relations leading to it), so that the coordinator's scope and a list's order
    share one index of this table instead of filtering through joins.

    The copy is computed, not input: it is not editable, full_clean does not check
    it (no query per row), and a model leaves it out of its history
    (`HistoricalRecords(excluded_fields=[*CopiesMunicipality.copied_fields])`).
    save() copies it on insert and whenever the row's relation to the source is
    saved (a full save, or `update_fields` naming that relation, to which it adds
    the copy). A change further along the relations is the domain's to follow (a
    receiver of `people.signals.person_moved` updating the rows in one query), and
    bulk writes, which skip save(), call `set_municipality` (or
    `copy_municipality`) on each row."""

    # The fields save() computes here: left out of history and of full_clean.
    copied_fields: ClassVar[tuple[str, ...]] = ("municipality",)
    # The relations from this row to the one whose municipality is copied,
    # e.g. ("organization",) or ("reserve_entry", "person").
    municipality_source: ClassVar[tuple[str, ...]]

    municipality = models.ForeignKey(
        "organizations.Municipality",
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        blank=True,
    )

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        update_fields = kwargs.get("update_fields")
        if update_fields is None:
            self.copy_municipality()
        elif self.municipality_source[0] in update_fields:
            # The row moved to another source: the copy follows it.
            self.copy_municipality()
            kwargs["update_fields"] = {*update_fields, *self.copied_fields}
        super().save(*args, **kwargs)

    def clean_fields(self, exclude: Any = None) -> None:
        # The copy is save()'s, not input: no query to check it.
        super().clean_fields(exclude={*(exclude or ()), *self.copied_fields})

    def copy_municipality(self) -> None:
        """Copy the source's municipality (reads the relations that are not
        loaded: one query each)."""
        source: Any = self
        for name in self.municipality_source:
            source = getattr(source, name)
        self.municipality_id = source.municipality_id

    def set_municipality(self) -> None:
        """Copy the source's municipality unless the copy is set: what save() does
        for a new row, for bulk writes that skip save()."""
        if self.municipality_id is None:
            self.copy_municipality()


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

"""Change history of a record, as the coordinator reads it (django-simple-history)."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from django.contrib.auth import get_user_model
from django.db import models
from django.utils.translation import gettext_lazy as _

KIND_LABELS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}


@dataclass
class Change:
    field: str
    old: Any
    new: Any


@dataclass
class HistoryEntry:
    at: datetime
    who: str
    kind: str
    changes: list[Change] = field(default_factory=list)


class Tracked(Protocol):
    """A model instance whose changes django-simple-history records."""

    # The HistoricalRecords manager; django-simple-history ships no types.
    history: Any


def _display(record: models.Model, f: models.Field, names: dict) -> Any:
    value = getattr(record, f.attname)
    if value in (None, ""):
        return "—"
    if f.is_relation:
        return names.get((f.name, value), f"#{value}")
    if f.choices:
        return dict(f.flatchoices).get(value, value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return value


def _who(user: Any) -> str:
    """The full name of the person linked to the account (people is a higher app:
    reached by the relation name), else the account's name, its login last."""
    if user is None:
        return str(_("system"))
    person = getattr(user, "person", None)
    if person is not None:
        return person.full_name
    return user.get_full_name() or user.username


def history_of(obj: Tracked, limit: int = 50) -> list[HistoryEntry]:
    """The newest changes of obj, each with the fields it changed (old → new).

    One query for the records and their users, and one per related model."""
    records = list(
        obj.history.select_related("history_user__person").order_by("-history_id")[
            : limit + 1
        ]
    )
    tracked = [f for f in obj.history.model.tracked_fields if f.name not in ("id",)]
    names: dict = {}
    for f in tracked:
        if f.is_relation:
            ids = {getattr(r, f.attname) for r in records} - {None}
            if not ids:
                continue
            related = f.related_model._default_manager.filter(pk__in=ids)
            if f.related_model is get_user_model():
                # An account reads as its person's full name, as «who» does.
                accounts = related.select_related("person")
                names.update({(f.name, o.pk): _who(o) for o in accounts})
            else:
                names.update({(f.name, o.pk): str(o) for o in related})
    entries: list[HistoryEntry] = []
    for newer, older in zip(records, [*records[1:], None], strict=False):
        if len(entries) == limit:
            break
        entry = HistoryEntry(
            at=newer.history_date,
            who=_who(newer.history_user),
            kind=str(KIND_LABELS.get(newer.history_type, newer.history_type)),
        )
        for f in tracked:
            if f.name in ("created_at", "updated_at"):
                continue
            new = _display(newer, f, names)
            old = _display(older, f, names) if older is not None else "—"
            if newer.history_type == "~" and old == new:
                continue
            if newer.history_type == "+" and new == "—":
                continue
            entry.changes.append(Change(str(f.verbose_name), old, new))
        entries.append(entry)
    return entries

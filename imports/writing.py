"""Saving the planned rows of an import in bulk, with their history.

The registry services save one record at a time and check their rules on it. An
import plans every row against the data of the same transaction first
(`imports.planning.plan_row` and each kind's planner), which checks the same
rules and runs `full_clean` on the very instance saved here; the relations are the
catalogue records loaded in that transaction, and uniqueness is checked across the
file and the registry by the planner. What is left to this module is to save the
instances in a few queries, record their history as django-simple-history does
for a save (the acting user included), and keep what `save()` would compute.
The database's own constraints stay the last guard: a row that breaks one makes
the whole import fail."""

from collections.abc import Callable, Sequence
from typing import Any

from django.db import models
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from imports.planning import Action, PlannedRow


def save_rows(
    *,
    model: type[models.Model],
    rows: Sequence[PlannedRow[Any]],
    user: Any,
    prepare: Callable[[Any], None] | None = None,
    computed: Sequence[str] = (),
) -> None:
    """Insert the new records of the rows and update the changed ones: one insert
    and one update (each with its history insert) per call, whatever the rows.
    `prepare` sets on a record what the model's save() would, the fields named in
    `computed` (a search text)."""
    new: list[models.Model] = []
    changed: list[models.Model] = []
    names: set[str] = set()
    for row in rows:
        assert row.record is not None  # every planned row carries its record
        if row.action == Action.CREATE:
            new.append(row.record)
        elif row.action == Action.UPDATE:
            changed.append(row.record)
            names.update(row.values)
    now = timezone.now()
    for record in [*new, *changed]:
        if prepare is not None:
            prepare(record)
    if new:
        bulk_create_with_history(new, model, batch_size=len(new), default_user=user)
    if changed:
        # bulk_update skips save(): the auto_now fields and the computed ones are
        # named here.
        fields = set(names)
        for model_field in model._meta.concrete_fields:
            if getattr(model_field, "auto_now", False):
                fields.add(model_field.name)
                for record in changed:
                    setattr(record, model_field.attname, now)
        fields.update(computed)
        bulk_update_with_history(
            changed,
            model,
            sorted(fields),
            batch_size=len(changed),
            default_user=user,
        )

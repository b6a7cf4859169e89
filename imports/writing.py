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

from django.db import connections, models, router, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from imports.planning import Action, PlannedRow

# Rows per UPDATE statement (fewer where the database takes fewer parameters).
UPDATE_BATCH = 1000


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
            names.update(
                name
                for name in row.values
                if getattr(row.instance, name) != getattr(row.record, name)
            )
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
        with transaction.atomic(savepoint=False):
            update_values(model, changed, sorted(fields))
            bulk_update_with_history(
                changed, model, [], batch_size=len(changed), default_user=user
            )


def update_values(
    model: type[models.Model], records: Sequence[models.Model], fields: Sequence[str]
) -> None:
    """Write the fields of the records: one UPDATE … FROM a list of values per
    batch, which SQLite (3.33+) and PostgreSQL both run.

    Django's bulk_update writes a CASE of n branches per field and costs as much in
    Python to build: 10,000 people with two changed fields took 16 s (6 s of it
    Python) on the benchmark machine; this takes a fraction of that."""
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    meta = model._meta
    by_name = {field.name: field for field in meta.concrete_fields}
    pk = meta.pk
    assert pk is not None
    columns: list[models.Field[Any, Any]] = [pk, *(by_name[n] for n in fields)]
    names = ["v_pk", *(f"v_{n}" for n in range(1, len(columns)))]
    if connection.vendor == "postgresql":
        # Parameters in VALUES are text to PostgreSQL until cast.
        placeholders = [f"CAST(%s AS {c.db_type(connection)})" for c in columns]
    else:
        placeholders = ["%s"] * len(columns)
    row_sql = f"({', '.join(placeholders)})"
    limit = connection.features.max_query_params or UPDATE_BATCH * len(columns)
    size = max(1, min(UPDATE_BATCH, limit // len(columns)))
    table = quote(meta.db_table)
    assignments = ", ".join(
        f"{quote(column.column)} = v.{name}"
        for column, name in zip(columns[1:], names[1:], strict=True)
    )
    with connection.cursor() as cursor:
        for start in range(0, len(records), size):
            batch = records[start : start + size]
            params = [
                column.get_db_prep_save(getattr(record, column.attname), connection)
                for record in batch
                for column in columns
            ]
            # Only identifiers quoted by the backend and placeholders go in.
            sql = (
                f"WITH v({', '.join(names)}) AS "  # noqa: S608
                f"(VALUES {', '.join([row_sql] * len(batch))}) "
                f"UPDATE {table} SET {assignments} FROM v "
                f"WHERE {table}.{quote(pk.column)} = v.v_pk"
            )
            cursor.execute(
                sql,
                params,
            )

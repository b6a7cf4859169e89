"""Scope filters that PostgreSQL serves by index.

A scope is the union of a few conditions (the coordinator's municipality, the
head's organisations, one's own rows, one's mentees'). Written as one OR across
joins, it makes PostgreSQL scan the whole table; here one condition stays a plain
filter (which the list's index serves together with its order) and several
become `pk IN (… UNION …)`, each branch served by its own index."""

from typing import TypeVar

from django.db.models import Model, Q, QuerySet

QS = TypeVar("QS", bound=QuerySet[Model])


def any_of(rows: QS, *conditions: Q | None) -> QS:
    """The rows meeting any of the conditions (None and empty ones are left out);
    none for no condition."""
    found = [c for c in conditions if c]
    if not found:
        return rows.none()
    if len(found) == 1:
        return rows.filter(found[0])
    manager = rows.model._default_manager
    first, *others = (manager.filter(c).order_by().values("pk") for c in found)
    return rows.filter(pk__in=first.union(*others))

"""Page through a queryset the same way on pages, exports and the API."""

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

T = TypeVar("T")

PAGE_SIZE = 25
MAX_PAGE_SIZE = 200

# Turns the plain rows of one page into what the list shows: select_related,
# annotations such as a plan's progress counts (e.g. `lambda qs: qs.for_list()`).
Annotate = Callable[[Any], QuerySet[Any]]
# Rewrites the plain rows for choosing the page's keys only, when another index
# serves the order than the one that serves the count (the same rows).
PickKeys = Callable[[Any], QuerySet[Any]]


def to_int(value: str | None, default: int) -> int:
    try:
        return int(value) if value else default
    except ValueError:
        return default


def page_rows(
    items: QuerySet[Any],
    offset: int,
    limit: int,
    annotate: Annotate,
    pick_keys: PickKeys | None = None,
) -> list:
    """The rows `items[offset:offset + limit]`, annotated by `annotate` only for
    them, in two queries: the page's keys from the plain `items` (served by its
    index; rewritten by `pick_keys` if given), then those rows annotated. (One
    query with `pk IN (subquery)` lets PostgreSQL join and aggregate every row in
    scope before the semi-join.)"""
    chosen = pick_keys(items) if pick_keys is not None else items
    keys = list(chosen.values_list("pk", flat=True)[offset : offset + limit])
    if not keys:
        return []
    ordering = items.query.order_by or items.model._meta.ordering
    rows = items.model._default_manager.filter(pk__in=keys)
    return list(annotate(rows).order_by(*ordering))


def paginate(
    items: QuerySet[Any, T] | Sequence[T],
    page: str | None,
    page_size: int = PAGE_SIZE,
    *,
    annotate: Annotate | None = None,
    pick_keys: PickKeys | None = None,
) -> Page[T]:
    """The requested page of a queryset or a list; a page number out of range gives
    the nearest page.

    With `annotate`, `items` is the plain filtered and ordered queryset: the count
    and the choice of the page's rows run on it, and only the page's rows are
    annotated (the cost of a page does not grow with the list). `pick_keys`
    rewrites `items` for choosing the page's keys only (see page_rows)."""
    paginator = Paginator(items, min(max(page_size, 1), MAX_PAGE_SIZE))
    result = paginator.get_page(to_int(page, 1))
    if annotate is not None and isinstance(items, QuerySet):
        offset = (result.number - 1) * paginator.per_page
        result.object_list = page_rows(
            items, offset, paginator.per_page, annotate, pick_keys
        )
    return result

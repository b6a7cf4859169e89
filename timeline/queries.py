"""The reservist's timeline: one UNION of the sources, paged, then the page's
objects in one query per loader: a constant number of queries whatever the
number of facts."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from django.core.paginator import Page
from django.db.models import QuerySet
from django.utils import timezone

from core.pagination import PAGE_SIZE, paginate
from reserve.models import ReserveEntry
from timeline.sources import BY_EVENT, SOURCES
from timeline.sources.base import (
    EVENT,
    MOMENT,
    OBJECT,
    AnyUser,
    Detail,
    Kind,
    Load,
    Period,
)


@dataclass(frozen=True)
class TimelineRow:
    """One fact as the page and the API show it."""

    moment: datetime
    day: date
    has_time: bool
    kind: Kind
    event: str
    object_id: int
    detail: Detail


def timeline_rows(
    user: AnyUser,
    entry: ReserveEntry,
    kinds: Iterable[str] = (),
    period: Period = Period(),  # noqa: B008 (frozen, never changed)
) -> QuerySet[Any] | None:
    """The visible facts of the entry of the chosen kinds (all for none) in the
    period, newest first, as one UNION ALL of the sources' rows (dicts of
    MOMENT, EVENT and OBJECT); None when no source is chosen."""
    chosen = set(kinds)
    parts = [
        s.rows(user, entry, period)
        for s in SOURCES
        if not chosen or s.kind.code in chosen
    ]
    if not parts:
        return None
    first, *others = parts
    found = first.union(*others, all=True) if others else first
    return found.order_by(f"-{MOMENT}", EVENT, f"-{OBJECT}")


def load_rows(user: AnyUser, rows: Iterable[dict[str, Any]]) -> list[TimelineRow]:
    """The page's rows with what they show: one query per loader present (a row
    whose object went away between the queries is left out)."""
    rows = list(rows)
    wanted: dict[Load, set[int]] = defaultdict(set)
    for row in rows:
        wanted[BY_EVENT[row[EVENT]].load].add(row[OBJECT])
    loaded = {load: load(user, sorted(ids)) for load, ids in wanted.items()}
    result = []
    for row in rows:
        source = BY_EVENT[row[EVENT]]
        found = loaded[source.load].get(row[OBJECT])
        if found is None:
            continue
        moment = row[MOMENT]
        day = (
            moment.astimezone(UTC).date()
            if source.dated
            else timezone.localtime(moment).date()
        )
        result.append(
            TimelineRow(
                moment=moment,
                day=day,
                has_time=not source.dated,
                kind=source.kind,
                event=source.event,
                object_id=row[OBJECT],
                detail=source.describe(found),
            )
        )
    return result


def timeline_page(
    user: AnyUser,
    entry: ReserveEntry,
    *,
    kinds: Iterable[str] = (),
    period: Period = Period(),  # noqa: B008 (frozen, never changed)
    page: str | None = None,
    page_size: int = PAGE_SIZE,
) -> Page:
    """The requested page of the timeline (the nearest one out of range): a
    count and the page's keys on the UNION, then the page's objects."""
    found = timeline_rows(user, entry, kinds, period)
    result = paginate(found if found is not None else [], page, page_size)
    result.object_list = load_rows(user, result.object_list)
    return result

"""What a source of the timeline is, and the one shape of its rows.

A source answers two questions about one reserve entry:

* `rows(user, entry, period)`: the visible facts as a queryset of the three
  columns every source shares (`moment`, `event`, `object_id`: see `as_rows`),
  so that the timeline is ONE `UNION ALL` query ordered by moment and sliced
  to the page; the scope comes from the domain's permissions module
  (`visible_*`), never from the timeline;
* `load(user, ids)`: the page's objects of that source, in one query, as
  `Detail`s (what a row shows). Sources that read the same objects share a
  loader (`loader` names it), so a page costs one query per loader present.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import (
    CharField,
    DateTimeField,
    Expression,
    F,
    Model,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.functional import Promise

from accounts.models import User
from plans.queries import display_name
from reserve.models import ReserveEntry

AnyUser = User | AnonymousUser

# The columns of every source's rows (annotations, so that they come out in the
# same order whatever the model: a UNION matches columns by position).
MOMENT, EVENT, OBJECT = "tl_moment", "tl_event", "tl_object"


@dataclass(frozen=True)
class Period:
    """The days to show, both ends included; None for an open end."""

    since: date | None = None
    until: date | None = None

    def on_dates(self, column: str) -> Q:
        """The filter of a date column."""
        q = Q()
        if self.since is not None:
            q &= Q(**{f"{column}__gte": self.since})
        if self.until is not None:
            q &= Q(**{f"{column}__lte": self.until})
        return q

    def on_moments(self, column: str) -> Q:
        """The filter of a date-and-time column, by the municipality's days
        (bounds as aware moments, so that the column's index serves it)."""
        q = Q()
        if self.since is not None:
            q &= Q(**{f"{column}__gte": _start_of(self.since)})
        if self.until is not None:
            q &= Q(**{f"{column}__lt": _start_of(self.until + timedelta(days=1))})
        return q


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def as_rows(
    found: QuerySet[Any], event: str, moment: str, *, dated: bool = False
) -> QuerySet[Any]:
    """`found` as the timeline's rows: its `moment` column (a date column when
    `dated`: it becomes midnight UTC of that day, which orders it among the
    day's moments well enough and is shown as a date only), the source's
    `event` code and the row's key."""
    when: Expression | F = (
        Cast(moment, output_field=DateTimeField()) if dated else F(moment)
    )
    return (
        found.order_by()
        .annotate(
            **{
                MOMENT: when,
                EVENT: Value(event, output_field=CharField()),
                OBJECT: F("pk"),
            }
        )
        .values(MOMENT, EVENT, OBJECT)
    )


@dataclass(frozen=True)
class Detail:
    """What a row shows: its heading (what happened), the object it concerns,
    a text (a comment, remarks, a reason), who did it, a status and where to
    open the object (a page the user may open, or "")."""

    title: str
    subject: str = ""
    text: str = ""
    who: str = ""
    status: str = ""
    url: str = ""


Label = str | Promise
Rows = Callable[[AnyUser, ReserveEntry, Period], QuerySet[Any]]
# The page's objects by key: {id: object}, in one query (already in scope).
Load = Callable[[AnyUser, list[int]], dict[int, Any]]
Describe = Callable[[Any], Detail]


@dataclass(frozen=True)
class Kind:
    """A kind of facts the user filters by (a source or several)."""

    code: str
    label: Label


@dataclass(frozen=True)
class Source:
    """One sort of fact: `event` is its code in the rows and the API, `kind`
    the filter it belongs to, `rows`/`load`/`describe` as the module says;
    `dated` when its moment is a day without a time."""

    event: str
    kind: Kind
    rows: Rows
    load: Load
    describe: Describe
    dated: bool = False


def keyed(objects: QuerySet[Model]) -> dict[int, Any]:
    """The objects by primary key (one query)."""
    return {o.pk: o for o in objects}


def who(user: User | None) -> str:
    """The account's short name (plans.queries.display_name), "" when unknown."""
    return display_name(user) if user is not None else ""

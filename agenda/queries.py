"""The month of a user's calendar: the grid of its weeks and the agenda of its
days, from one read of the entries (agenda.entries: a constant number of
queries whatever the number of entries)."""

import calendar as stdlib_calendar
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import timezone

from agenda.entries import AnyUser, Entry, Period, entries


@dataclass
class Day:
    day: date
    in_month: bool
    is_today: bool
    entries: list[Entry] = field(default_factory=list)

    def starting(self, first: date) -> list[Entry]:
        """The entries the agenda lists on this day: those that begin on it (or
        began before the month, on its first day); an internship of two weeks is
        listed once, with its dates."""
        return [
            e
            for e in self.entries
            if e.first_day == self.day or (self.day == first and e.first_day < first)
        ]


@dataclass
class Month:
    first: date
    weeks: list[list[Day]]
    previous: date
    next: date

    @property
    def agenda(self) -> list[Day]:
        """The month's days that have something starting on them, each with only
        those entries (Day.starting)."""
        days = []
        for week in self.weeks:
            for day in week:
                listed = day.starting(self.first) if day.in_month else []
                if listed:
                    days.append(Day(day.day, True, day.is_today, listed))
        return days

    @property
    def count(self) -> int:
        """The entries of the month's days (each once)."""
        return len({(e.kind.code, e.pk) for d in self.agenda for e in d.entries})


def month_of(user: AnyUser, first: date) -> Month:
    """The month starting on `first` (its first day), weeks from Monday, with
    the days of the neighbouring months that fill its first and last weeks."""
    weeks = stdlib_calendar.Calendar(firstweekday=0).monthdatescalendar(
        first.year, first.month
    )
    period = Period(weeks[0][0], weeks[-1][-1])
    found = entries(user, period)
    today = timezone.localdate()
    grid = [
        [
            Day(
                day=day,
                in_month=day.month == first.month,
                is_today=day == today,
                entries=[e for e in found if e.on(day)],
            )
            for day in week
        ]
        for week in weeks
    ]
    last = first.replace(day=stdlib_calendar.monthrange(first.year, first.month)[1])
    return Month(
        first=first,
        weeks=grid,
        previous=(first - timedelta(days=1)).replace(day=1),
        next=last + timedelta(days=1),
    )

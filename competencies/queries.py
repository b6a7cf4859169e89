"""The reservist's competency profile: per point, self vs mentor, and the gaps;
and its growth, per competency over the points (the chart's data); the
assessments due for the home pages."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Exists, OuterRef

from competencies.models import Assessment
from competencies.permissions import (
    AnyUser,
    assessable_mentorships,
    role_in,
    visible_assessments,
)
from mentorships.models import Mentorship
from reserve.models import ReserveEntry

# How many of the largest gaps the profile names.
TOP_GAPS = 3


@dataclass
class ProfileRow:
    competency: str
    self_level: int | None = None
    mentor_level: int | None = None
    self_comment: str = ""
    mentor_comment: str = ""

    @property
    def gap(self) -> int | None:
        if self.self_level is None or self.mentor_level is None:
            return None
        return self.self_level - self.mentor_level


@dataclass
class ProfilePoint:
    point: str
    label: str
    self_assessment: Assessment | None = None
    mentor_assessment: Assessment | None = None
    rows: list[ProfileRow] = field(default_factory=list)

    @property
    def gaps(self) -> list[ProfileRow]:
        """The rows where self and mentor differ, the largest difference first."""
        differing = [r for r in self.rows if r.gap]
        differing.sort(key=lambda r: -abs(r.gap or 0))
        return differing[:TOP_GAPS]


def profile(user: AnyUser, entry: ReserveEntry) -> list[ProfilePoint]:
    """The assessed points of the entry's mentorships the user sees, in the order
    start, middle, end (two queries)."""
    assessments = (
        visible_assessments(user)
        .filter(mentorship__reserve_entry=entry)
        .prefetch_related("ratings__competency")
        .order_by("mentorship_id", "pk")
    )
    return build_profile(list(assessments))


def build_profile(assessments: Iterable[Assessment]) -> list[ProfilePoint]:
    """The profile of assessments loaded with their ratings and competencies, in
    the order start, middle, end (no queries; for a reader whose right to them is
    decided elsewhere, such as the attestation commission)."""
    assessments = list(assessments)
    points: dict[str, ProfilePoint] = {}
    for point, label in Assessment.Point.choices:
        found = [a for a in assessments if a.point == point]
        if not found:
            continue
        item = ProfilePoint(point=point, label=str(label))
        rows: dict[str, ProfileRow] = {}
        for a in found:
            is_self = a.role == Assessment.Role.SELF
            if is_self:
                item.self_assessment = a
            else:
                item.mentor_assessment = a
            for r in a.ratings.all():
                row = rows.setdefault(r.competency.name, ProfileRow(r.competency.name))
                if is_self:
                    row.self_level, row.self_comment = r.level, r.comment
                else:
                    row.mentor_level, row.mentor_comment = r.level, r.comment
        item.rows = list(rows.values())
        points[point] = item
    return list(points.values())


@dataclass(frozen=True)
class Growth:
    """One competency's levels at the start, middle and end (None where that
    point has no level of it), by the reservist and by the mentor."""

    competency: str
    self_levels: tuple[float | None, ...]
    mentor_levels: tuple[float | None, ...]

    @property
    def is_empty(self) -> bool:
        return all(v is None for v in (*self.self_levels, *self.mentor_levels))


def growth(points: list[ProfilePoint]) -> list[Growth]:
    """Per competency, in the framework's order, its levels at every point of
    `Assessment.Point` (the profile's data: what the user may see, no query)."""
    by_point = {p.point: {r.competency: r for r in p.rows} for p in points}
    names = list(dict.fromkeys(r.competency for p in points for r in p.rows))
    found = []
    for name in names:
        rows = [by_point.get(point, {}).get(name) for point in Assessment.Point.values]
        found.append(
            Growth(
                competency=name,
                self_levels=tuple(r.self_level if r else None for r in rows),
                mentor_levels=tuple(r.mentor_level if r else None for r in rows),
            )
        )
    return found


def _mean(levels: list[float | None]) -> float | None:
    given = [v for v in levels if v is not None]
    return round(sum(given) / len(given), 1) if given else None


def average(rows: list[Growth], name: str) -> Growth:
    """The mean level of all competencies at each point, per assessor (to a
    tenth), named `name`."""
    points = range(len(Assessment.Point.values))
    return Growth(
        competency=name,
        self_levels=tuple(_mean([r.self_levels[i] for r in rows]) for i in points),
        mentor_levels=tuple(_mean([r.mentor_levels[i] for r in rows]) for i in points),
    )


# Assessments due ---------------------------------------------------------------------

# The start assessment is due this long after the mentorship starts; the middle
# one halfway to its planned end; the end one on the planned end.
START_ASSESSMENT_AFTER = timedelta(days=30)
# The home pages list an assessment from this long before its date.
ASSESSMENT_AHEAD = timedelta(days=30)


def point_dates(start: date, end: date) -> dict[str, date]:
    """The dates by which the assessments of a mentorship from `start` to its
    planned `end` are due, per point (clauses 2–3): the one rule the home pages,
    the reminders and the compliance view all read."""
    return {
        Assessment.Point.START: min(start + START_ASSESSMENT_AFTER, end),
        Assessment.Point.MIDDLE: start + (end - start) / 2,
        Assessment.Point.END: end,
    }


def assessment_points(mentorship: Mentorship) -> dict[str, date]:
    """The dates by which the mentorship's assessments are due, per point."""
    return point_dates(mentorship.starts_on, mentorship.planned_end_on)


@dataclass(frozen=True)
class DueAssessment:
    """An assessment the user owes: of whom, at which point, by when."""

    mentorship: Mentorship
    point: str
    label: str
    due_on: date


def assessments_due(user: AnyUser, today: date) -> list[DueAssessment]:
    """The assessments the user owes in their active mentorships, as the mentor
    or as the reservist (self-assessment), not submitted, from ASSESSMENT_AHEAD
    before their date (assessment_points) on, the earliest first (one query)."""
    submitted = {
        f"has_{point}_{role}": Exists(
            Assessment.objects.filter(mentorship=OuterRef("pk"), point=point, role=role)
        )
        for point in Assessment.Point.values
        for role in Assessment.Role.values
    }
    mentorships = (
        assessable_mentorships(user)
        .select_related("reserve_entry__person")
        .annotate(**submitted)
    )
    labels = dict(Assessment.Point.choices)
    due = []
    for mentorship in mentorships:
        role = role_in(user, mentorship)
        for point, due_on in assessment_points(mentorship).items():
            if today < due_on - ASSESSMENT_AHEAD:
                continue
            if not getattr(mentorship, f"has_{point}_{role}"):
                label = str(labels[point])
                due.append(DueAssessment(mentorship, point, label, due_on))
    return sorted(due, key=lambda d: (d.due_on, d.mentorship.pk))

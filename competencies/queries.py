"""The reservist's competency profile: per point, self vs mentor, and the gaps."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from competencies.models import Assessment
from competencies.permissions import AnyUser, visible_assessments
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

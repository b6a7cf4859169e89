"""Shapes of competencies, assessments and the reservist's competency profile."""

import datetime
from typing import ClassVar, Literal

from ninja import Schema
from pydantic import Field

from api.schemas.common import FilterId, InSchema
from api.schemas.enums import CompetencyAssessmentPoint, CompetencyAssessmentRole
from competencies.models import MAX_LEVEL, MIN_LEVEL, Assessment


class CompetencyOut(Schema):
    id: int
    position: int
    name: str
    description: str
    levels: list[str] = Field(description="The descriptors of levels 1 to 5.")


class RatingOut(Schema):
    competency_id: int
    competency: str
    level: int
    comment: str

    @staticmethod
    def resolve_competency(obj: object) -> str:
        return obj.competency.name  # type: ignore[attr-defined]


class AssessmentPersonOut(Schema):
    id: int
    full_name: str


class AssessmentOut(Schema):
    id: int
    mentorship_id: int
    reservist: AssessmentPersonOut
    version: int = Field(description="The number of the framework's version.")
    point: CompetencyAssessmentPoint
    role: CompetencyAssessmentRole
    submitted_at: datetime.datetime
    ratings: list[RatingOut]

    @staticmethod
    def resolve_reservist(obj: Assessment) -> object:
        return obj.mentorship.reserve_entry.person

    @staticmethod
    def resolve_version(obj: Assessment) -> int:
        return obj.version.number

    @staticmethod
    def resolve_ratings(obj: Assessment) -> list:
        return list(obj.ratings.all())


class AssessmentFilter(Schema):
    mentorship_id: FilterId | None = None
    reserve_entry_id: FilterId | None = Field(None, description="The reservist.")
    point: CompetencyAssessmentPoint | None = None
    role: CompetencyAssessmentRole | None = None


class RatingIn(InSchema):
    multiline: ClassVar[frozenset[str]] = frozenset({"comment"})

    competency_id: int
    level: int = Field(ge=MIN_LEVEL, le=MAX_LEVEL, description="1–5.")
    comment: str = Field("", max_length=2000)


class AssessmentIn(InSchema):
    mentorship_id: int
    point: CompetencyAssessmentPoint
    role: CompetencyAssessmentRole = Field(
        description="`self` by the reservist, `mentor` by the active mentor."
    )
    ratings: list[RatingIn] = Field(description="Every competency once.")


class ProfileRowOut(Schema):
    competency: str
    self_level: int | None
    mentor_level: int | None
    gap: int | None = Field(description="Self minus mentor; empty unless both.")


class ProfilePointOut(Schema):
    point: CompetencyAssessmentPoint
    rows: list[ProfileRowOut]
    largest_gaps: list[ProfileRowOut]

    @staticmethod
    def resolve_largest_gaps(obj: object) -> list:
        return obj.gaps  # type: ignore[attr-defined]


class CompetencyProfileOut(Schema):
    reserve_entry_id: int
    points: list[ProfilePointOut]


class ProfileDocumentQuery(Schema):
    format: Literal["docx", "pdf"] = "docx"

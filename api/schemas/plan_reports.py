"""Shapes of the joint report on the plan (8.10): its state, the data the
system drafted, each side's part, the actions with the version they were taken
on."""

import datetime
from typing import Any

from ninja import Schema
from pydantic import Field

from api.schemas.common import FilterId, InSchema, PatchSchema
from api.schemas.enums import PlanReportRecommendation, PlanReportStatus
from plan_reports.models import MAX_PART, PlanReport

Version = Field(
    None,
    ge=1,
    le=2**31 - 1,
    description="The report's version the client saw; 409 if it moved on.",
)


class PlanReportPersonOut(Schema):
    id: int
    full_name: str


class PlanReportOrganizationOut(Schema):
    id: int
    short_name: str


class PlanReportListOut(Schema):
    id: int
    plan_id: int
    reserve_entry_id: int
    reservist: PlanReportPersonOut
    mentor: PlanReportPersonOut
    organization: PlanReportOrganizationOut
    period_start: datetime.date
    period_end: datetime.date
    status: PlanReportStatus
    status_display: str
    reservist_agreed_at: datetime.datetime | None
    mentor_agreed_at: datetime.datetime | None
    submitted_at: datetime.datetime | None
    reviewed_at: datetime.datetime | None
    version: int

    @staticmethod
    def resolve_reserve_entry_id(obj: PlanReport) -> int:
        return obj.plan.reserve_entry_id

    @staticmethod
    def resolve_reservist(obj: PlanReport) -> object:
        return obj.plan.reserve_entry.person

    @staticmethod
    def resolve_mentor(obj: PlanReport) -> object:
        return obj.plan.mentor

    @staticmethod
    def resolve_organization(obj: PlanReport) -> object:
        return obj.plan.reserve_entry.person.organization

    @staticmethod
    def resolve_period_start(obj: PlanReport) -> datetime.date:
        return obj.plan.period_start

    @staticmethod
    def resolve_period_end(obj: PlanReport) -> datetime.date:
        return obj.plan.period_end

    @staticmethod
    def resolve_status_display(obj: PlanReport) -> str:
        return obj.get_status_display()


class PlanReportOut(PlanReportListOut):
    data: dict[str, Any] = Field(
        description="What the system drafted from the plan and the mentor's work: "
        "`items` (counts; rows on time, late, not done with the reason, open), "
        "`events`, `internships`, `studies`, `consultations` (shared, by area), "
        "`competencies` (levels self / mentor at each point, growth)."
    )
    data_refreshed_at: datetime.datetime
    self_analysis: str = Field(description="The reservist's part.")
    conclusion: str = Field(description="The mentor's part.")
    recommendation: PlanReportRecommendation | None = Field(
        description="The mentor's recommendation to the commission; null until set."
    )
    remarks: str = Field(description="The coordinator's remarks on a return.")

    @staticmethod
    def resolve_recommendation(obj: PlanReport) -> str | None:
        return obj.recommendation or None


class PlanReportFilter(Schema):
    status: PlanReportStatus | None = None
    organization_id: FilterId | None = None


class PlanReportIn(InSchema):
    plan_id: int = Field(ge=1, le=2**63 - 1, description="An approved plan.")


class PlanReportPatch(PatchSchema):
    """One's own part: the reservist's `self_analysis`, or the mentor's
    `conclusion` and `recommendation` (400 for the other side's)."""

    multiline = frozenset({"self_analysis", "conclusion"})
    nullable = frozenset({"recommendation", "version"})
    version: int | None = Version
    self_analysis: str | None = Field(None, max_length=MAX_PART)
    conclusion: str | None = Field(None, max_length=MAX_PART)
    recommendation: PlanReportRecommendation | None = Field(
        None, description="Null clears it."
    )


class PlanReportActionIn(InSchema):
    version: int | None = Version


class PlanReportReturnIn(InSchema):
    multiline = frozenset({"remarks"})
    version: int | None = Version
    remarks: str = Field(min_length=1, max_length=MAX_PART)


class PlanReportDocumentQuery(Schema):
    format: str = Field("docx", description="docx or pdf.")

"""Schemas of /internships: internships, their programme tasks, status and the
supervisor's conclusion (clause 8.3)."""

import datetime
from typing import Literal

from ninja import Schema
from pydantic import Field

from api.schemas.common import FilterId, InSchema, PatchSchema, ReasonableDate
from api.schemas.people import OrganizationRefOut
from internships.models import Internship

InternshipStatus = Literal["planned", "in_progress", "completed"]
InternshipAssessment = Literal["excellent", "good", "satisfactory", "unsatisfactory"]


class InternshipPersonOut(Schema):
    id: int
    full_name: str


class InternshipFormOut(Schema):
    id: int
    name: str
    is_active: bool


class InternshipTaskOut(Schema):
    id: int
    title: str
    starts_on: datetime.date
    ends_on: datetime.date


class ConclusionOut(Schema):
    work_done: str
    assessment: InternshipAssessment
    assessment_display: str
    recommendation: str
    concluded_on: datetime.date
    concluded_by_id: int | None


class InternshipListOut(Schema):
    id: int
    reserve_entry_id: int
    reservist: InternshipPersonOut
    mentor: InternshipPersonOut
    supervisor: InternshipPersonOut
    form: InternshipFormOut
    host_organization: OrganizationRefOut
    starts_on: datetime.date
    ends_on: datetime.date
    status: InternshipStatus
    status_display: str

    @staticmethod
    def resolve_reservist(obj: Internship):
        return obj.reserve_entry.person

    @staticmethod
    def resolve_status_display(obj: Internship) -> str:
        return obj.get_status_display()


class InternshipOut(InternshipListOut):
    goal: str
    started_on: datetime.date | None = Field(description="When it went in progress.")
    completed_on: datetime.date | None
    plan_item_id: int | None = Field(description="The linked item of the plan.")
    tasks: list[InternshipTaskOut]
    conclusion: ConclusionOut | None = Field(
        description="The supervisor's conclusion; null until written."
    )

    @staticmethod
    def resolve_tasks(obj: Internship) -> list:
        return list(obj.tasks.all())

    @staticmethod
    def resolve_conclusion(obj: Internship) -> dict | None:
        if not obj.has_conclusion:
            return None
        return {
            "work_done": obj.work_done,
            "assessment": obj.assessment,
            "assessment_display": obj.get_assessment_display(),
            "recommendation": obj.recommendation,
            "concluded_on": obj.concluded_on,
            "concluded_by_id": obj.concluded_by_id,
        }


class InternshipFilter(Schema):
    status: InternshipStatus | None = None
    form_id: FilterId | None = None
    host_organization_id: FilterId | None = None
    reserve_entry_id: FilterId | None = None
    supervisor_id: FilterId | None = None
    q: str | None = Field(None, max_length=100, description="The reservist's name.")


class InternshipIn(InSchema):
    multiline = frozenset({"goal"})
    reserve_entry_id: int = Field(description="One of the mentor's own reservists.")
    form_id: int
    host_organization_id: int
    supervisor_id: int = Field(description="A person of the municipality.")
    starts_on: ReasonableDate
    ends_on: ReasonableDate
    goal: str = Field("", max_length=2000)
    plan_item_id: int | None = Field(
        None, description="An item of the reservist's plan."
    )


class InternshipPatch(PatchSchema):
    multiline = frozenset({"goal"})
    nullable = frozenset({"plan_item_id"})
    form_id: int | None = None
    host_organization_id: int | None = None
    supervisor_id: int | None = None
    starts_on: ReasonableDate | None = None
    ends_on: ReasonableDate | None = None
    goal: str | None = Field(None, max_length=2000)
    plan_item_id: int | None = Field(None, description="Null unlinks the item.")


class TaskIn(InSchema):
    title: str = Field(min_length=1, max_length=500)
    starts_on: ReasonableDate
    ends_on: ReasonableDate


class ConclusionIn(InSchema):
    multiline = frozenset({"work_done", "recommendation"})
    work_done: str = Field(min_length=1, max_length=5000)
    assessment: InternshipAssessment
    recommendation: str = Field(min_length=1, max_length=5000)
    concluded_on: ReasonableDate


class InternshipDocumentQuery(Schema):
    format: str = Field("docx", description="docx or pdf.")
    kind: Literal["programme", "conclusion"] = "programme"

"""`/compliance`: the compliance table's rows with a cell per obligation."""

import datetime
from typing import Literal

from ninja import Field, Schema

from api.schemas.common import FilterId

ComplianceStatus = Literal["met", "not_due", "overdue"]
# compliance.rules.RULES' keys, in the regulation's order.
ComplianceObligation = Literal[
    "mentor_appointed",
    "mentor_eligible",
    "plan_approved",
    "plan_items",
    "event",
    "internship",
    "consultations",
    "legal_acts",
    "assessments",
    "mentor_invited",
    "report",
    "attestation",
]


class ComplianceFilter(Schema):
    organization_id: FilterId | None = Field(
        None, description="The reservist's workplace (among those in scope)."
    )
    mentor_id: FilterId | None = Field(
        None, description="The current mentor (among those in scope)."
    )
    status: ComplianceStatus | None = Field(
        None,
        description="Rows with an obligation in this status (`obligation`'s, "
        "else any; «met»: every one).",
    )
    obligation: ComplianceObligation | None = None


class ComplianceCellOut(Schema):
    obligation: ComplianceObligation
    clause: str = Field(description="The clause of the regulation.")
    title: str
    status: ComplianceStatus
    status_label: str
    due_on: datetime.date | None = Field(
        description="When it fell due (met, overdue) or falls due (not due)."
    )
    url: str | None = Field(
        description="The page of the thing itself, when the caller may open it."
    )


class ComplianceMentorOut(Schema):
    id: int
    full_name: str
    status: str


class ComplianceRowOut(Schema):
    reserve_entry_id: int
    person_id: int
    full_name: str
    organization_id: int
    organization: str
    target_position: str
    mentor: ComplianceMentorOut | None
    cells: list[ComplianceCellOut]

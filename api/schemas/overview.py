"""Schemas of the coordinator's overview: `GET /overview`."""

import datetime

from ninja import Schema
from pydantic import Field

from api.schemas.common import ReasonableDate


class OverviewFilter(Schema):
    date_from: ReasonableDate | None = Field(
        None, description="The period's first day (1 January of this year by default)."
    )
    date_to: ReasonableDate | None = Field(
        None, description="The period's last day (31 December of this year by default)."
    )


class GroupOut(Schema):
    key: str = Field(description="The group: a status's code, an id, or `others`.")
    label: str
    count: int
    url: str = Field(description="The page listing the rows the count counts.")


class BreakdownOut(Schema):
    title: str
    total: int
    groups: list[GroupOut]


class GrowthOut(Schema):
    point: str = Field(description="`start`, `middle` or `end` of the mentorship.")
    label: str
    self_level: float | None = Field(description="The average self-assessment, 1–5.")
    self_count: int = Field(description="The self-assessments averaged.")
    mentor_level: float | None = Field(description="The mentor's average, 1–5.")
    mentor_count: int = Field(description="The mentor's assessments averaged.")


class AppointmentsOut(Schema):
    count: int = Field(description="Reservists appointed in the period.")
    in_term: int = Field(description="Of them, appointed within their term.")
    in_term_percent: int | None
    average_days: int | None = Field(
        description="Average days from the inclusion to the appointment."
    )


class OverviewOut(Schema):
    date_from: datetime.date
    date_to: datetime.date
    reservists_by_status: BreakdownOut
    reservists_by_position: BreakdownOut = Field(
        description="Reservists in the reserve; the largest groups and `others`."
    )
    reservists_by_organization: BreakdownOut
    mentors: int
    mentors_by_load: BreakdownOut = Field(
        description="Mentors by their current reservists (3: three or more)."
    )
    plans_by_status: BreakdownOut
    items_by_outcome: BreakdownOut = Field(
        description="Plan items due in the period by outcome today."
    )
    items_due: int = Field(description="Items of the period due by today.")
    items_on_time_percent: int | None = Field(
        description="Of the items due by today, the share done on time."
    )
    overdue_by_organization: BreakdownOut
    events: int = Field(description="Events taking place in the period.")
    internships_by_status: BreakdownOut
    studies_by_status: BreakdownOut
    competency_growth: list[GrowthOut]
    attestation_decisions: BreakdownOut
    appointments: AppointmentsOut

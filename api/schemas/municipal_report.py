"""Schemas of `GET /municipal-report`."""

from ninja import Schema
from pydantic import Field

from api.schemas.common import FilterId, ReasonableDate


class MunicipalReportQuery(Schema):
    date_from: ReasonableDate | None = Field(
        None,
        description="The first day of the period (1 January of this year by default).",
    )
    date_to: ReasonableDate | None = Field(
        None,
        description="The last day, included (31 December of this year by default).",
    )
    municipality_id: FilterId | None = Field(
        None,
        description="For an account coordinating several municipalities "
        "(the first by name by default).",
    )

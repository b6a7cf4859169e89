"""Schemas of `/municipal-report` and `/municipal-reports`."""

import datetime

from ninja import Schema
from pydantic import Field

from api.schemas.common import FilterId, ReasonableDate
from api.schemas.enums import ReportJobStatus


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


class MunicipalReportIn(Schema):
    date_from: ReasonableDate
    date_to: ReasonableDate
    municipality_id: FilterId | None = Field(
        None,
        description="For an account coordinating several municipalities "
        "(the first by name by default).",
    )


class MunicipalReportJobOut(Schema):
    id: int
    municipality_id: int
    date_from: datetime.date
    date_to: datetime.date
    status: ReportJobStatus
    sheets_done: int = Field(description="Sheets written so far.")
    sheet_count: int = Field(description="Sheets in all.")
    created_at: datetime.datetime
    finished_at: datetime.datetime | None
    file_url: str | None = Field(
        description="The workbook's address once the status is `done`."
    )

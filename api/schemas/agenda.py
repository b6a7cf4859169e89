"""Schemas of the user's calendar: `GET /me/calendar` and its feed's address."""

import datetime
from enum import Enum

from ninja import Schema
from pydantic import Field

from agenda.entries import KIND_CODES
from api.schemas.common import ReasonableDate

CalendarKind = Enum(  # type: ignore[misc]
    "CalendarKind", {code: code for code in KIND_CODES}, type=str
)


class CalendarQuery(Schema):
    date_from: ReasonableDate | None = Field(
        None, description="From this day on (by default the first day of this month)."
    )
    date_to: ReasonableDate | None = Field(
        None,
        description="Up to this day, included (by default the last day of the "
        "month of `date_from`); at most 366 days after `date_from`.",
    )


class CalendarEntryOut(Schema):
    kind: CalendarKind
    kind_display: str
    id: int = Field(description="The id of the object of its kind.")
    uid: str = Field(description="The entry's UID in the iCalendar feed.")
    title: str
    all_day: bool = Field(description="A day (or days) without a time.")
    first_day: datetime.date
    last_day: datetime.date = Field(description="The last day, included.")
    starts_at: datetime.datetime | None = Field(
        description="The start of a timed entry; null for an all-day one."
    )
    ends_at: datetime.datetime | None
    place: str
    detail: str
    status: str
    url: str = Field(description="The entry's page, which the caller may open.")


class CalendarFeedOut(Schema):
    active: bool = Field(description="Whether the caller has a feed address.")
    created_at: datetime.datetime | None
    url: str | None = Field(
        None,
        description="The secret address: only in the answer to POST (it is not "
        "stored, so it is never shown again).",
    )

"""Shapes of consultations, their next steps and the reservists' requests."""

import datetime
from typing import Annotated, ClassVar

from ninja import Schema
from pydantic import Field

from api.schemas.common import FilterId, InSchema, PatchSchema, ReasonableDate
from api.schemas.enums import (
    ConsultationArea,
    ConsultationFormat,
    ConsultationRequestStatus,
    ConsultationStatus,
    ConsultationVisibility,
)
from consultations.models import MAX_DURATION, MIN_DURATION, Consultation

Duration = Annotated[
    int, Field(ge=MIN_DURATION, le=MAX_DURATION, description="Minutes, 1–480.")
]


class ConsultationPersonOut(Schema):
    id: int
    full_name: str


class NextStepOut(Schema):
    id: int
    text: str
    due_on: datetime.date
    done_on: datetime.date | None = Field(description="Empty while the step is open.")


class ConsultationOut(Schema):
    id: int
    mentorship_id: int
    reservist: ConsultationPersonOut
    mentor: ConsultationPersonOut
    held_on: datetime.date
    duration_minutes: int
    format: ConsultationFormat
    area: ConsultationArea
    topic: str
    summary: str
    visibility: ConsultationVisibility = Field(
        description="`private`: a note the mentor alone ever sees."
    )
    status: ConsultationStatus
    next_steps: list[NextStepOut]

    @staticmethod
    def resolve_reservist(obj: Consultation) -> object:
        return obj.mentorship.reserve_entry.person

    @staticmethod
    def resolve_mentor(obj: Consultation) -> object:
        return obj.mentorship.mentor

    @staticmethod
    def resolve_next_steps(obj: Consultation) -> list:
        return list(obj.next_steps.all())


class ConsultationFilter(Schema):
    mentorship_id: FilterId | None = None
    reserve_entry_id: FilterId | None = Field(None, description="The reservist.")
    area: ConsultationArea | None = None
    status: ConsultationStatus | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None


class NextStepIn(InSchema):
    text: str = Field(min_length=1, max_length=500)
    due_on: ReasonableDate = Field(description="No earlier than the consultation.")


class ConsultationIn(InSchema):
    multiline: ClassVar[frozenset[str]] = frozenset({"summary"})

    mentorship_id: int = Field(description="An active mentorship of the caller.")
    held_on: ReasonableDate
    duration_minutes: Duration
    format: ConsultationFormat
    area: ConsultationArea
    topic: str = Field(min_length=1, max_length=300)
    summary: str = Field("", max_length=10000)
    visibility: ConsultationVisibility = Consultation.Visibility.SHARED
    status: ConsultationStatus = Consultation.Status.HELD
    next_steps: list[NextStepIn] = Field(default_factory=list, max_length=20)


class ConsultationPatch(PatchSchema):
    multiline: ClassVar[frozenset[str]] = frozenset({"summary"})

    held_on: ReasonableDate | None = None
    duration_minutes: Duration | None = None
    format: ConsultationFormat | None = None
    area: ConsultationArea | None = None
    topic: str | None = Field(None, min_length=1, max_length=300)
    summary: str | None = Field(None, max_length=10000)
    visibility: ConsultationVisibility | None = None
    status: ConsultationStatus | None = None
    new_steps: list[NextStepIn] | None = Field(
        None, max_length=20, description="Next steps to add."
    )


class StepDoneIn(InSchema):
    done_on: ReasonableDate | None = Field(None, description="Today when empty.")


class ConsultationRequestOut(Schema):
    id: int
    mentorship_id: int
    reservist: ConsultationPersonOut
    mentor: ConsultationPersonOut
    topic: str
    note: str
    preferred_from: datetime.date
    preferred_to: datetime.date | None
    status: ConsultationRequestStatus
    answer: str = Field(description="The mentor's written answer.")
    answered_at: datetime.datetime | None
    consultation_id: int | None = Field(description="The scheduled consultation.")
    created_at: datetime.datetime

    @staticmethod
    def resolve_reservist(obj) -> object:
        return obj.mentorship.reserve_entry.person

    @staticmethod
    def resolve_mentor(obj) -> object:
        return obj.mentorship.mentor


class ConsultationRequestFilter(Schema):
    status: ConsultationRequestStatus | None = None
    mentorship_id: FilterId | None = None


class ConsultationRequestIn(InSchema):
    multiline: ClassVar[frozenset[str]] = frozenset({"note"})

    topic: str = Field(min_length=1, max_length=300)
    preferred_from: ReasonableDate = Field(description="Today or later.")
    preferred_to: ReasonableDate | None = None
    note: str = Field("", max_length=5000)


class ScheduleIn(InSchema):
    held_on: ReasonableDate
    duration_minutes: Duration
    format: ConsultationFormat
    area: ConsultationArea
    topic: str | None = Field(
        None, min_length=1, max_length=300, description="The request's by default."
    )


class ReplyIn(InSchema):
    multiline: ClassVar[frozenset[str]] = frozenset({"answer"})

    answer: str = Field(min_length=1, max_length=10000)

"""Shapes of the caller's own screens in the API: «My reservists».

The answers are built as plain dicts (api/routers/me.py) and written by
pydantic itself (`model_dump_json`), so the output shapes are pydantic models,
not ninja Schemas: ninja's Schema reads every field of every nested object
through a Python getter, and its renderer encodes dates in Python; for a page of
10 reservists with 20 rows each that cost several times what pydantic's Rust
core takes. The names are those of the other resources (PersonRefOut,
ProgressOut, PlanItemOut), and so are the formats (dates and times as
DjangoJSONEncoder writes them)."""

import datetime
from typing import Annotated

from django.core.serializers.json import DjangoJSONEncoder
from ninja import Schema
from pydantic import BaseModel, Field, PlainSerializer, field_validator
from pydantic_core import PydanticCustomError

from api.pagination import MAX_PAGE, PAGE_SIZE
from api.schemas.enums import (
    IndividualPlanStatus,
    MentorshipStatus,
    PlanItemStatus,
    ReserveEntryStatus,
)

# A moment as the rest of the API writes it: «2026-10-01T05:00:00.123Z».
DateTime = Annotated[
    datetime.datetime,
    PlainSerializer(DjangoJSONEncoder().default, return_type=str, when_used="json"),
]

# What `?include=` may name, in the order the documentation lists them.
INCLUDES = ("plan", "items")


class MyReservistsQuery(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int | None = Field(
        None, ge=1, description=f"{PAGE_SIZE} by default; a bigger one is cut to 200."
    )
    include: str = Field(
        "",
        max_length=100,
        description="Comma-separated: `plan` (the current plan with its progress), "
        "`items` (its rows too; implies `plan`).",
    )

    @field_validator("include")
    @classmethod
    def _known_parts(cls, value: str) -> str:
        parts = [part.strip() for part in value.split(",") if part.strip()]
        if any(part not in INCLUDES for part in parts):
            expected = " or ".join(f"'{name}'" for name in INCLUDES)
            # api.validation words it «Выберите одно из допустимых значений: …».
            raise PydanticCustomError(
                "literal_error",
                "Input should be {expected}",
                {"expected": expected},
            )
        return ",".join(parts)

    def includes(self, name: str) -> bool:
        return name in self.include.split(",")


class _Out(BaseModel):
    pass


class OrganizationRef(_Out):
    id: int
    short_name: str


class PositionRef(_Out):
    id: int
    name: str
    is_administrative: bool


class ReservistRef(_Out):
    id: int = Field(description="The person.")
    full_name: str
    organization: OrganizationRef
    position: PositionRef


class TargetPositionRef(_Out):
    id: int
    name: str


class SectionRef(_Out):
    id: int
    position: int
    title: str


class MyPlanItemOut(_Out):
    """A row of the plan: the fields of `/plans/{id}/items` but the files, which
    are counted (`n_files`); the row's own address lists them."""

    id: int
    plan_id: int
    section: SectionRef
    position: int
    activity: str
    form_of_work: str
    deadline: datetime.date
    responsible: str
    expected_result: str
    status: PlanItemStatus
    status_display: str
    is_overdue: bool = Field(description="Open past the deadline.")
    is_done_late: bool
    done_on: datetime.date | None
    not_done_reason: str
    evidence_text: str
    evidence_link: str
    n_files: int = Field(description="Evidence files attached.")
    confirmed_at: DateTime | None = Field(
        description="When the mentor confirmed it was done."
    )
    confirmed_by_name: str
    version: int = Field(description="Send it back with every change.")


class Progress(_Out):
    """Counts of the plan's rows; cancelled rows are not counted."""

    total: int
    done: int
    done_late: int = Field(description="Done after the deadline.")
    overdue: int = Field(description="Open past the deadline.")
    remaining: int = Field(description="Open, not yet due.")
    not_done: int


class MyPlanOut(_Out):
    id: int
    status: IndividualPlanStatus
    status_display: str
    period_start: datetime.date
    period_end: datetime.date
    version: int = Field(description="Send it back with every change.")
    has_unapproved_changes: bool = Field(
        description="Changed after approval; awaits re-approval."
    )
    progress: Progress
    items: list[MyPlanItemOut] | None = Field(
        None, description="With `include=items` only."
    )


class MyReservistOut(_Out):
    id: int = Field(description="The mentorship.")
    status: MentorshipStatus = Field(description="Of the mentorship.")
    starts_on: datetime.date
    planned_end_on: datetime.date
    reserve_entry_id: int
    reserve_entry_status: ReserveEntryStatus
    reservist: ReservistRef
    target_position: TargetPositionRef
    plan: MyPlanOut | None = Field(
        None,
        description="With `include=plan` or `items`: the current plan (the newest "
        "that is not completed), or null when there is none.",
    )


class MyReservistsPage(_Out):
    count: int
    items: list[MyReservistOut]

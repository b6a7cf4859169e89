"""Shapes of mentors, their orders and mentorships in the API (clauses 5–7)."""

import datetime
from typing import Literal

from django.db.models import QuerySet
from ninja import Schema
from pydantic import Field

from api.schemas.common import FilterId, InSchema, ReasonableDate
from api.schemas.enums import MentorOrderStatus, MentorshipEndReason, MentorshipStatus
from api.schemas.people import OrganizationRefOut
from api.schemas.reserve import PersonRefOut, TargetPositionRefOut
from mentorships.models import MentorOrder, MentorReadiness, Mentorship
from people.models import Person
from reserve.models import TargetPosition


class EligibilityOut(Schema):
    eligible: bool = Field(description="Meets every condition of clause 6.")
    failures: list[str] = Field(description="Why not, one message a condition.")


class ReadinessIn(InSchema):
    confirmed_on: ReasonableDate = Field(description="Not in the future.")
    note: str = Field("", max_length=255, description="E.g. a written statement.")


class ReadinessOut(Schema):
    person_id: int
    confirmed_on: datetime.date
    note: str

    @staticmethod
    def resolve_person_id(obj: MentorReadiness) -> int:
        return obj.person_id


class OrderRefOut(Schema):
    id: int
    organization_id: int
    number: str
    date: datetime.date
    status: MentorOrderStatus


class OrderLineOut(Schema):
    """A line of an order: the mentorship it sets."""

    id: int = Field(description="The mentorship.")
    mentor: PersonRefOut
    reserve_entry_id: int
    reservist: PersonRefOut
    target_position: TargetPositionRefOut
    starts_on: datetime.date
    planned_end_on: datetime.date
    replaces_id: int | None = Field(description="The mentorship this one replaces.")
    status: MentorshipStatus

    @staticmethod
    def resolve_reservist(obj: Mentorship) -> Person:
        return obj.reserve_entry.person

    @staticmethod
    def resolve_target_position(obj: Mentorship) -> TargetPosition:
        return obj.reserve_entry.target_position


class MentorshipOut(OrderLineOut):
    order: OrderRefOut
    status_display: str
    ended_on: datetime.date | None
    end_reason: MentorshipEndReason | None
    end_reason_display: str
    end_note: str

    @staticmethod
    def resolve_status_display(obj: Mentorship) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_end_reason(obj: Mentorship) -> str | None:
        return obj.end_reason or None

    @staticmethod
    def resolve_end_reason_display(obj: Mentorship) -> str:
        return obj.get_end_reason_display() if obj.end_reason else ""


class MentorshipFilter(Schema):
    mentor_id: FilterId | None = None
    reserve_entry_id: FilterId | None = None
    status: MentorshipStatus | None = None
    organization_id: FilterId | None = Field(
        None, description="The order's organisation."
    )


class EndMentorshipIn(InSchema):
    multiline = frozenset({"note"})
    ended_on: ReasonableDate
    reason: Literal["completed", "other"] = Field(
        description="The other reasons are set by the system."
    )
    note: str = Field("", max_length=500)


class _OrderFields(Schema):
    id: int
    organization: OrganizationRefOut
    number: str
    date: datetime.date
    title: str
    signatory_name: str
    signatory_position: str
    status: MentorOrderStatus
    status_display: str
    registered_at: datetime.datetime | None
    has_scan: bool = Field(description="A signed copy is attached.")

    @staticmethod
    def resolve_status_display(obj: MentorOrder) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_has_scan(obj: MentorOrder) -> bool:
        return bool(obj.scan)


class MentorOrderListOut(_OrderFields):
    n_lines: int


class MentorOrderOut(_OrderFields):
    lines: list[OrderLineOut]

    @staticmethod
    def resolve_lines(obj: MentorOrder) -> QuerySet[Mentorship]:
        return obj.mentorships.for_list().order_by("pk")


class MentorOrderFilter(Schema):
    organization_id: FilterId | None = None
    status: MentorOrderStatus | None = None


class OrderLineIn(InSchema):
    mentor_id: int = Field(description="A person of the order's organisation.")
    reserve_entry_id: int = Field(description="An active entry the caller sees.")
    starts_on: ReasonableDate
    planned_end_on: ReasonableDate


class MentorOrderIn(InSchema):
    organization_id: int = Field(description="An organisation the caller heads.")
    number: str = Field(min_length=1, max_length=30)
    date: ReasonableDate
    title: str = Field("", max_length=300, description="The standard title if empty.")
    signatory_name: str = Field(min_length=1, max_length=150)
    signatory_position: str = Field(min_length=1, max_length=255)
    lines: list[OrderLineIn]


class DocumentQuery(Schema):
    format: Literal["docx", "pdf"] = "docx"

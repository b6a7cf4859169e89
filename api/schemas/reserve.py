"""Shapes of the management reserve in the API: target positions and entries."""

from datetime import date

from ninja import Schema
from pydantic import Field

from api.schemas.common import FilterId, InSchema, PatchSchema, ReasonableDate
from api.schemas.enums import ReserveEntryStatus
from api.schemas.people import OrganizationRefOut, PositionRefOut
from mentorships.models import Mentorship
from reserve.models import ReserveEntry


class TargetPositionOut(Schema):
    id: int
    municipality_id: int
    name: str


class TargetPositionRefOut(Schema):
    id: int
    name: str


class TargetPositionIn(InSchema):
    municipality_id: int | None = Field(
        None, description="One of the caller's municipalities; the first by default."
    )
    name: str = Field(min_length=1, max_length=255)


class TargetPositionPatch(PatchSchema):
    name: str | None = Field(None, min_length=1, max_length=255)


class PersonRefOut(Schema):
    """A person named in a reserve entry, an order or a mentorship."""

    id: int
    full_name: str
    organization: OrganizationRefOut
    position: PositionRefOut


class ReserveEntryOut(Schema):
    id: int
    person: PersonRefOut
    target_position: TargetPositionRefOut
    basis_number: str = Field(description="Number of the order or decision.")
    basis_date: date
    included_on: date
    term_until: date
    status: ReserveEntryStatus
    status_display: str
    appointed_position: str
    appointed_on: date | None
    excluded_on: date | None
    exclusion_reason: str
    has_mentor: bool = Field(description="An active mentorship exists.")

    @staticmethod
    def resolve_status_display(obj: ReserveEntry) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_has_mentor(obj: ReserveEntry) -> bool:
        # Lists annotate it (ReserveEntryQuerySet.for_list); one entry asks.
        if hasattr(obj, "has_mentor"):
            return obj.has_mentor
        return obj.mentorships.filter(status=Mentorship.Status.ACTIVE).exists()


class ReserveEntryFilter(Schema):
    q: str | None = Field(
        None, max_length=100, description="Search in the reservist's names."
    )
    organization_id: FilterId | None = Field(
        None, description="The reservist's workplace."
    )
    target_position_id: FilterId | None = None
    status: ReserveEntryStatus | None = None
    has_mentor: bool | None = Field(None, description="An active mentorship exists.")
    plan_approved: bool | None = Field(
        None, description="An approved (or completed) individual plan exists."
    )


class ReserveEntryIn(InSchema):
    person_id: int = Field(description="A person of the caller's municipality.")
    target_position_id: int
    basis_number: str = Field(min_length=1, max_length=50)
    basis_date: ReasonableDate
    included_on: ReasonableDate
    term_until: ReasonableDate | None = Field(
        None, description="The municipality's default term when omitted."
    )


class ReserveEntryPatch(PatchSchema):
    """Corrections of an active entry."""

    target_position_id: int | None = None
    basis_number: str | None = Field(None, min_length=1, max_length=50)
    basis_date: ReasonableDate | None = None
    included_on: ReasonableDate | None = None
    term_until: ReasonableDate | None = None


class AppointIn(InSchema):
    position: str = Field(
        min_length=1, max_length=255, description="The position taken up."
    )
    appointed_on: ReasonableDate


class ExcludeIn(InSchema):
    multiline = frozenset({"reason"})
    excluded_on: ReasonableDate
    reason: str = Field(min_length=1, max_length=500)

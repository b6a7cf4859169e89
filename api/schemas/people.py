"""Shapes of people and positions in the API."""

from datetime import date
from decimal import Decimal
from typing import Annotated

from ninja import Schema
from pydantic import Field

from api.schemas.common import Email, FilterId, InSchema, PatchSchema

# As the model: 0 to 70 years with one decimal place (so at most three digits).
Experience = Annotated[
    Decimal, Field(ge=0, le=70, decimal_places=1, description="Years.")
]


class PositionOut(Schema):
    id: int
    municipality_id: int
    name: str
    is_administrative: bool


class PositionFilter(Schema):
    is_administrative: bool | None = None


class PositionIn(InSchema):
    municipality_id: int | None = Field(
        None, description="One of the caller's municipalities; the first by default."
    )
    name: str = Field(min_length=1, max_length=255)
    is_administrative: bool = False


class PositionPatch(PatchSchema):
    name: str | None = Field(None, min_length=1, max_length=255)
    is_administrative: bool | None = None


class OrganizationRefOut(Schema):
    id: int
    short_name: str


class PositionRefOut(Schema):
    id: int
    name: str
    is_administrative: bool


class PersonOut(Schema):
    id: int
    last_name: str
    first_name: str
    middle_name: str
    full_name: str
    organization: OrganizationRefOut
    position: PositionRefOut
    position_since: date | None
    management_experience: float = Field(description="Years.")
    teaching_experience: float = Field(description="Years.")
    email: str
    phone: str


class PersonFilter(Schema):
    q: str | None = Field(None, max_length=100, description="Search in the names.")
    organization_id: FilterId | None = None
    position_id: FilterId | None = None
    is_administrative: bool | None = None


class PersonIn(InSchema):
    last_name: str = Field(min_length=1, max_length=100)
    first_name: str = Field(min_length=1, max_length=100)
    middle_name: str = Field("", max_length=100)
    organization_id: int
    position_id: int
    position_since: date | None = None
    management_experience: Experience = Decimal(0)
    teaching_experience: Experience = Decimal(0)
    email: Email = ""
    phone: str = Field("", max_length=50)


class PersonPatch(PatchSchema):
    nullable = frozenset({"position_since"})

    last_name: str | None = Field(None, min_length=1, max_length=100)
    first_name: str | None = Field(None, min_length=1, max_length=100)
    middle_name: str | None = Field(None, max_length=100)
    organization_id: int | None = None
    position_id: int | None = None
    position_since: date | None = None
    management_experience: Experience | None = None
    teaching_experience: Experience | None = None
    email: Email | None = None
    phone: str | None = Field(None, max_length=50)

"""Shapes of municipalities and organisations in the API."""

from datetime import date
from typing import ClassVar

from ninja import Schema
from pydantic import Field

from api.schemas.common import Email, InSchema, PatchSchema
from api.schemas.enums import OrganizationKind
from organizations.models import Organization


class MunicipalityOut(Schema):
    id: int
    name: str
    authority_name: str
    place: str
    regulation_act: str
    regulation_date: date | None
    regulation_number: str


class MunicipalityPatch(PatchSchema):
    name: str | None = Field(None, min_length=1, max_length=255)
    authority_name: str | None = Field(None, min_length=1, max_length=500)
    place: str | None = Field(None, min_length=1, max_length=100)
    regulation_act: str | None = Field(None, max_length=300)
    regulation_date: date | None = None
    regulation_number: str | None = Field(None, max_length=30)

    nullable: ClassVar[frozenset[str]] = frozenset({"regulation_date"})


class HeadOut(Schema):
    id: int
    full_name: str


class OrganizationOut(Schema):
    id: int
    municipality_id: int
    kind: OrganizationKind
    kind_display: str
    full_name: str
    short_name: str
    inn: str
    address: str
    phone: str
    email: str
    head: HeadOut | None

    @staticmethod
    def resolve_kind_display(obj: Organization) -> str:
        return obj.get_kind_display()


class OrganizationListOut(OrganizationOut):
    n_people: int


class OrganizationFilter(Schema):
    q: str | None = Field(None, max_length=100, description="Search in the names.")
    kind: OrganizationKind | None = None


class OrganizationIn(InSchema):
    municipality_id: int | None = Field(
        None, description="One of the caller's municipalities; the first by default."
    )
    kind: OrganizationKind
    full_name: str = Field(min_length=1, max_length=500)
    short_name: str = Field(min_length=1, max_length=150)
    inn: str = Field("", max_length=10)
    address: str = Field("", max_length=500)
    phone: str = Field("", max_length=50)
    email: Email = ""


class OrganizationPatch(PatchSchema):
    nullable = frozenset({"head_id"})

    kind: OrganizationKind | None = None
    full_name: str | None = Field(None, min_length=1, max_length=500)
    short_name: str | None = Field(None, min_length=1, max_length=150)
    inn: str | None = Field(None, max_length=10)
    address: str | None = Field(None, max_length=500)
    phone: str | None = Field(None, max_length=50)
    email: Email | None = None
    head_id: int | None = Field(
        None, description="A person of this organisation, or null."
    )

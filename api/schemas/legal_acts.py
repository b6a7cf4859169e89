"""Shapes of the catalogue of normative legal acts and their editions."""

import datetime
from typing import Annotated

from ninja import Schema
from pydantic import Field

from api.schemas.common import InSchema, PatchSchema
from api.schemas.enums import LegalActKind, LegalActLevel
from legal_acts.models import LegalAct

# Acts in force are older than the system's other dates (the Labour Code, 2001).
ActDate = Annotated[
    datetime.date,
    Field(ge=datetime.date(1900, 1, 1), le=datetime.date(2100, 12, 31)),
]


class LegalActOut(Schema):
    id: int
    municipality_id: int
    level: LegalActLevel
    level_display: str
    type: LegalActKind = Field(description="The kind of the act.")
    type_display: str
    number: str
    adopted_on: datetime.date = Field(description="The date of the act.")
    title: str
    issued_by: str
    url: str = Field(description="The official publication; may be empty.")

    @staticmethod
    def resolve_level_display(obj: LegalAct) -> str:
        return obj.get_level_display()

    @staticmethod
    def resolve_type(obj: LegalAct) -> str:
        return obj.kind

    @staticmethod
    def resolve_type_display(obj: LegalAct) -> str:
        return obj.get_kind_display()


class LegalActFilter(Schema):
    q: str = Field("", max_length=100, description="Number, title or issuing body.")
    level: LegalActLevel | None = None
    type: LegalActKind | None = None


class LegalActIn(InSchema):
    municipality_id: int | None = Field(
        None, description="One of the caller's municipalities; the first by default."
    )
    level: LegalActLevel
    type: LegalActKind
    number: str = Field("", max_length=100)
    adopted_on: ActDate
    title: str = Field(min_length=1, max_length=500)
    issued_by: str = Field(min_length=1, max_length=300)
    url: str = Field("", max_length=500)


class LegalActPatch(PatchSchema):
    level: LegalActLevel | None = None
    type: LegalActKind | None = None
    number: str | None = Field(None, max_length=100)
    adopted_on: ActDate | None = None
    title: str | None = Field(None, min_length=1, max_length=500)
    issued_by: str | None = Field(None, min_length=1, max_length=300)
    url: str | None = Field(None, max_length=500)


class EditionOut(Schema):
    id: int
    act_id: int
    effective_on: datetime.date
    note: str


class EditionIn(InSchema):
    multiline = frozenset({"note"})

    effective_on: ActDate
    note: str = Field(min_length=1, max_length=2000)

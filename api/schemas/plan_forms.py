"""Shapes of the approved plan form in the API: versions, sections, suggestions."""

import datetime
from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field

from api.schemas.common import FilterId, InSchema, PatchSchema
from api.schemas.enums import PlanFormVersionStatus
from plans.models import COLUMN_KEYS, PlanForm, PlanFormSection, PlanFormVersion

# plans.models.COLUMN_KEYS, spelled out for OpenAPI (a test keeps them in step).
ColumnKey = Literal[
    "activity", "form", "deadline", "responsible", "expected_result", "mark"
]
ColumnTitle = Annotated[str, Field(max_length=200)]


class SuggestedItemOut(Schema):
    id: int
    position: int
    activity: str
    form_of_work: str
    expected_result: str
    months_from_start: int = Field(
        description="The deadline, in months from the start of a plan."
    )


class SectionOut(Schema):
    id: int
    position: int
    title: str
    suggested_items: list[SuggestedItemOut]

    @staticmethod
    def resolve_suggested_items(obj: PlanFormSection) -> list:
        return list(obj.suggested_items.all())


class VersionRefOut(Schema):
    id: int
    number: int
    status: PlanFormVersionStatus
    status_display: str
    approved_at: datetime.datetime | None

    @staticmethod
    def resolve_status_display(obj: PlanFormVersion) -> str:
        return obj.get_status_display()


class FormVersionOut(VersionRefOut):
    form_id: int
    column_titles: dict[str, str] = Field(
        description="The title of every column by key; the default where unset."
    )
    approval_document: str
    approval_number: str
    approval_date: datetime.date | None
    sections: list[SectionOut]

    @staticmethod
    def resolve_column_titles(obj: PlanFormVersion) -> dict[str, str]:
        return {key: obj.title_of(key) for key in COLUMN_KEYS}

    @staticmethod
    def resolve_sections(obj: PlanFormVersion) -> list:
        return list(obj.sections.all())


class _PlanFormOut(Schema):
    """A plan form, but for its versions: the list gives each a reference, one
    form gives each in full (a list field cannot narrow in a subclass)."""

    id: int
    municipality_id: int
    name: str

    @staticmethod
    def resolve_versions(obj: PlanForm) -> list:
        return list(obj.versions.all())


class PlanFormListOut(_PlanFormOut):
    versions: list[VersionRefOut] = Field(description="The newest first.")


class PlanFormOut(_PlanFormOut):
    versions: list[FormVersionOut] = Field(description="The newest first.")


class PlanFormIn(InSchema):
    municipality_id: int | None = Field(
        None, description="One of the caller's municipalities; the first by default."
    )
    name: str = Field(min_length=1, max_length=300)


class SectionIn(InSchema):
    id: FilterId | None = Field(
        None,
        description="One of this version's sections, which keeps its suggestions "
        "wherever it moves; leave it out for a new section.",
    )
    title: str = Field(max_length=300)


class FormVersionPatch(PatchSchema):
    """A draft version's structure; what is left out stays as it is."""

    column_titles: dict[ColumnKey, ColumnTitle] | None = Field(
        None, description="Titles by column key; an empty title means the default."
    )
    sections: list[SectionIn] | None = Field(
        None,
        description="Every section in its new order; the version's sections left "
        "out are removed with their suggestions.",
    )


class FormVersionApproveIn(InSchema):
    approval_document: str = Field(
        min_length=1,
        max_length=300,
        description="E.g. «приказ Управления образования».",
    )
    approval_number: str = Field(min_length=1, max_length=50)
    approval_date: datetime.date

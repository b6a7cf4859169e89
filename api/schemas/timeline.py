"""Schemas of the timeline: `GET /reservists/{id}/timeline`."""

import datetime
from enum import Enum

from ninja import Schema
from pydantic import Field, field_validator
from pydantic_core import PydanticCustomError

from api.schemas.common import ReasonableDate
from timeline.sources import KIND_CODES, SOURCES

# Built from timeline.sources, so a new source reaches the schema by itself.
TimelineKind = Enum(  # type: ignore[misc]
    "TimelineKind", {code: code for code in KIND_CODES}, type=str
)
TimelineEvent = Enum(  # type: ignore[misc]
    "TimelineEvent", {s.event: s.event for s in SOURCES}, type=str
)


class TimelineFilter(Schema):
    kind: str = Field(
        "",
        max_length=200,
        description="Comma-separated kinds to show (`plan,comments`); every kind "
        "by default. The kinds: " + ", ".join(f"`{code}`" for code in KIND_CODES) + ".",
    )
    since: ReasonableDate | None = Field(None, description="From this day on.")
    until: ReasonableDate | None = Field(None, description="Up to this day, included.")

    @field_validator("kind")
    @classmethod
    def _known_kinds(cls, value: str) -> str:
        parts = [part.strip() for part in value.split(",") if part.strip()]
        if any(part not in KIND_CODES for part in parts):
            expected = " or ".join(f"'{code}'" for code in KIND_CODES)
            # api.validation words it «Выберите одно из допустимых значений: …».
            raise PydanticCustomError(
                "literal_error", "Input should be {expected}", {"expected": expected}
            )
        return ",".join(parts)

    def kinds(self) -> list[str]:
        """The chosen kinds; none: every kind."""
        return [part for part in self.kind.split(",") if part]


class TimelineRowOut(Schema):
    moment: datetime.datetime = Field(
        description="When it happened; a fact known by its day only (`has_time` "
        "false: a deadline, a day of completion) has midnight UTC of that day."
    )
    day: datetime.date = Field(description="The day, in the municipality's time.")
    has_time: bool
    kind: TimelineKind = Field(description="The filter the fact belongs to.")
    event: TimelineEvent = Field(description="What sort of fact it is.")
    object_id: int = Field(
        description="The id of the object the event names: a plan, a plan item, "
        "a comment, a revision, or a saved version of a plan or an item."
    )
    title: str = Field(description="What happened, in Russian.")
    subject: str = Field(description="What it concerns: an item, a plan.")
    text: str = Field(description="A comment, remarks, a reason, or empty.")
    author_name: str = Field(description="Who did it, or empty.")
    status: str = Field(description="The object's state now, in Russian, or empty.")
    url: str = Field(description="The page of the object, or empty.")

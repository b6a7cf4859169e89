"""Schemas of /events, /event-kinds and /involvements."""

import datetime
from typing import Literal

from django.urls import reverse
from ninja import Schema
from pydantic import Field

from api.schemas.common import FilterId, InSchema, PatchSchema, ReasonableDate
from events.models import Event, EventMaterial, Involvement

Degree = Literal["listener", "participant", "speaker", "organizer"]
Answer = Literal["invited", "accepted", "declined"]
AttendanceMark = Literal["", "attended", "absent"]


class EventKindOut(Schema):
    id: int
    municipality_id: int
    name: str


class MaterialOut(Schema):
    id: int
    original_name: str
    size: int = Field(description="Bytes.")
    url: str = Field(description="Where to download it (in scope only).")

    @staticmethod
    def resolve_url(obj: EventMaterial) -> str:
        return reverse("events:material", kwargs={"pk": obj.pk})


class EventOut(Schema):
    id: int
    municipality_id: int
    organization_id: int | None = Field(
        description="The organiser; null: the education authority."
    )
    organizer_name: str
    kind: EventKindOut
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    place: str
    link: str
    description: str
    n_involvements: int
    materials: list[MaterialOut]

    @staticmethod
    def resolve_n_involvements(obj: Event) -> int:
        annotated = getattr(obj, "n_involvements", None)
        return annotated if annotated is not None else obj.involvements.count()

    @staticmethod
    def resolve_materials(obj: Event) -> list[EventMaterial]:
        return list(obj.materials.all())


class EventFilter(Schema):
    date_from: datetime.date | None = Field(None, description="Ending on or after.")
    date_to: datetime.date | None = Field(None, description="Starting on or before.")
    kind_id: FilterId | None = None
    organizer: str = Field(
        "", description="«authority» or an organisation's id; empty: all."
    )


class EventIn(InSchema):
    multiline = frozenset({"description"})
    organization_id: int | None = Field(
        None,
        description="The organiser; null: the education authority (the coordinator's).",
    )
    kind_id: int
    title: str = Field(min_length=1, max_length=300)
    starts_at: datetime.datetime
    ends_at: datetime.datetime = Field(description="After the start.")
    place: str = Field("", max_length=300)
    link: str = Field("", max_length=500)
    description: str = Field("", max_length=5000)


class EventPatch(PatchSchema):
    multiline = frozenset({"description"})
    kind_id: int | None = None
    title: str | None = Field(None, min_length=1, max_length=300)
    starts_at: datetime.datetime | None = None
    ends_at: datetime.datetime | None = None
    place: str | None = Field(None, max_length=300)
    link: str | None = Field(None, max_length=500)
    description: str | None = Field(None, max_length=5000)


class InvolvedPersonOut(Schema):
    id: int
    full_name: str
    organization_name: str


class InvolvementOut(Schema):
    id: int
    event_id: int
    reserve_entry_id: int
    person: InvolvedPersonOut
    degree: Degree
    degree_display: str
    task: str
    prepare_by: datetime.date | None
    plan_item_id: int | None
    status: Answer
    status_display: str
    decline_reason: str
    responded_at: datetime.datetime | None
    outcome_text: str
    outcome_link: str
    outcome_file_url: str = Field(description="Empty without a file.")
    outcome_at: datetime.datetime | None
    attendance: AttendanceMark
    attendance_marked_at: datetime.datetime | None
    feedback: str
    created_at: datetime.datetime = Field(description="When the reservist was invited.")

    @staticmethod
    def resolve_person(obj: Involvement) -> dict:
        person = obj.reserve_entry.person
        return {
            "id": person.pk,
            "full_name": person.full_name,
            "organization_name": person.organization.short_name,
        }

    @staticmethod
    def resolve_degree_display(obj: Involvement) -> str:
        return obj.get_degree_display()

    @staticmethod
    def resolve_status_display(obj: Involvement) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_outcome_file_url(obj: Involvement) -> str:
        if not obj.outcome_file:
            return ""
        return reverse("events:outcome_file", kwargs={"pk": obj.pk})


class InvolvementIn(InSchema):
    reserve_entry_id: int = Field(
        description="A reservist of the caller's active mentorship (a mentor), or of "
        "the event's municipality (the coordinator)."
    )
    degree: Degree
    task: str = Field("", max_length=500)
    prepare_by: ReasonableDate | None = Field(None, description="Not after the event.")
    plan_item_id: int | None = Field(
        None, description="A row of the reservist's plan (a mentor only)."
    )


class DeclineIn(InSchema):
    reason: str = Field(min_length=1, max_length=500)


class OutcomeIn(InSchema):
    multiline = frozenset({"text"})
    text: str = Field("", max_length=10000)
    link: str = Field("", max_length=500)


class AttendanceIn(InSchema):
    multiline = frozenset({"feedback"})
    attended: bool
    feedback: str = Field("", max_length=5000)
    complete_item: bool = Field(
        True, description="Mark the linked plan item done when attended."
    )

"""Shapes of individual plans, their rows, comments and evidence in the API."""

import datetime
from typing import Annotated, Literal

from django.urls import reverse
from ninja import Schema
from pydantic import Field

from api.schemas.common import FilterId, InSchema, PatchSchema
from api.schemas.enums import IndividualPlanStatus, PlanItemStatus
from api.schemas.people import OrganizationRefOut
from api.schemas.reserve import TargetPositionRefOut
from plans.models import Comment, Evidence, IndividualPlan, PlanItem, Revision
from plans.queries import Progress, display_name, plan_progress
from reserve.models import TargetPosition

# The version of a plan or row as the caller saw it (a PositiveIntegerField).
Version = Annotated[int, Field(ge=1, le=2**31 - 1)]


class PlanPersonOut(Schema):
    id: int
    full_name: str


class ReservistOut(PlanPersonOut):
    organization: OrganizationRefOut


class PlanFormVersionRefOut(Schema):
    id: int
    form_id: int
    form_name: str
    number: int

    @staticmethod
    def resolve_form_name(obj) -> str:
        return obj.form.name


class ProgressOut(Schema):
    """Counts of the plan's rows; cancelled rows are not counted."""

    total: int
    done: int
    done_late: int = Field(description="Done after the deadline.")
    overdue: int = Field(description="Open past the deadline.")
    remaining: int = Field(description="Open, not yet due.")
    not_done: int


class _PlanFields(Schema):
    id: int
    reserve_entry_id: int
    reservist: ReservistOut
    target_position: TargetPositionRefOut
    mentor: PlanPersonOut
    form_version: PlanFormVersionRefOut
    period_start: datetime.date
    period_end: datetime.date
    status: IndividualPlanStatus
    status_display: str
    version: int = Field(description="Send it back with every change.")
    has_unapproved_changes: bool = Field(
        description="Changed after approval; awaits re-approval."
    )
    progress: ProgressOut

    @staticmethod
    def resolve_reservist(obj: IndividualPlan):
        return obj.reserve_entry.person

    @staticmethod
    def resolve_target_position(obj: IndividualPlan) -> TargetPosition:
        return obj.reserve_entry.target_position

    @staticmethod
    def resolve_status_display(obj: IndividualPlan) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_progress(obj: IndividualPlan) -> Progress:
        return plan_progress(obj)


class PlanListOut(_PlanFields):
    pass


class RevisionOut(Schema):
    id: int
    created_at: datetime.datetime
    author_name: str
    description: str
    approved_at: datetime.datetime | None = Field(
        description="Null while the change awaits re-approval."
    )

    @staticmethod
    def resolve_author_name(obj: Revision) -> str:
        return display_name(obj.author)


class PlanOut(_PlanFields):
    submitted_at: datetime.datetime | None
    approved_at: datetime.datetime | None
    approved_by_name: str = Field(description="Empty until approved.")
    approval_comment: str = Field(description="The approver's comment, if any.")
    remarks: str = Field(description="The approver's remarks when returned.")
    revisions: list[RevisionOut] = Field(description="Changes after approval.")

    @staticmethod
    def resolve_approved_by_name(obj: IndividualPlan) -> str:
        return display_name(obj.approved_by) if obj.approved_by_id else ""

    @staticmethod
    def resolve_revisions(obj: IndividualPlan) -> list[Revision]:
        return list(obj.revisions.select_related("author__person"))


class PlanFilter(Schema):
    status: IndividualPlanStatus | None = None
    organization_id: FilterId | None = Field(
        None, description="The reservist's workplace."
    )
    reserve_entry_id: FilterId | None = None
    mentor_id: FilterId | None = Field(None, description="The mentor (a person).")
    has_overdue: bool | None = Field(
        None, description="Has open rows past their deadline."
    )


class PlanIn(InSchema):
    reserve_entry_id: int = Field(
        description="An active entry of the caller (reservist) or their mentee."
    )
    period_start: datetime.date
    period_end: datetime.date
    from_suggestions: bool = Field(
        False, description="Fill the plan with the form's suggested activities."
    )
    copy_from_id: int | None = Field(
        None, description="A visible plan whose rows are copied, dates shifted."
    )


class PlanVersionIn(InSchema):
    version: Version = Field(description="The plan's version the caller saw.")


class ApproveIn(PlanVersionIn):
    multiline = frozenset({"comment"})
    comment: str = Field(
        "", max_length=5000, description="The approver's optional comment."
    )


class ReturnIn(PlanVersionIn):
    multiline = frozenset({"remarks"})
    remarks: str = Field(min_length=1, max_length=5000)


class DocumentQuery(Schema):
    format: Literal["docx", "pdf"] = "docx"


# ---------------------------------------------------------------------- items


class SectionRefOut(Schema):
    id: int
    position: int
    title: str


class EvidenceOut(Schema):
    id: int
    item_id: int
    original_name: str
    size: int = Field(description="Bytes.")
    uploaded_at: datetime.datetime
    url: str = Field(description="Where to download it (in scope only).")

    @staticmethod
    def resolve_url(obj: Evidence) -> str:
        return reverse("api:get_evidence", kwargs={"pk": obj.pk})


class PlanItemOut(Schema):
    id: int
    plan_id: int
    section: SectionRefOut
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
    files: list[EvidenceOut]
    confirmed_at: datetime.datetime | None = Field(
        description="When the mentor confirmed it was done."
    )
    confirmed_by_name: str
    version: int = Field(description="Send it back with every change.")

    @staticmethod
    def resolve_status_display(obj: PlanItem) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_files(obj: PlanItem) -> list[Evidence]:
        return list(obj.files.all())

    @staticmethod
    def resolve_confirmed_by_name(obj: PlanItem) -> str:
        return display_name(obj.confirmed_by) if obj.confirmed_by_id else ""


class PlanItemIn(InSchema):
    multiline = frozenset({"activity"})
    section_id: int = Field(description="A section of the plan's form version.")
    activity: str = Field(min_length=1, max_length=500)
    form_of_work: str = Field("", max_length=300)
    deadline: datetime.date = Field(description="Within the plan's period.")
    responsible: str = Field("", max_length=300)
    expected_result: str = Field("", max_length=500)


class PlanItemPatch(PatchSchema):
    multiline = frozenset({"activity"})
    version: Version = Field(description="The row's version the caller saw.")
    section_id: int | None = None
    activity: str | None = Field(None, min_length=1, max_length=500)
    form_of_work: str | None = Field(None, max_length=300)
    deadline: datetime.date | None = None
    responsible: str | None = Field(None, max_length=300)
    expected_result: str | None = Field(None, max_length=500)


class MarkIn(InSchema):
    multiline = frozenset({"evidence_text"})
    version: Version = Field(description="The row's version the caller saw.")
    status: Literal["planned", "in_progress", "done", "not_done"]
    done_on: datetime.date | None = Field(None, description="Required when done.")
    evidence_text: str = Field("", max_length=5000)
    evidence_link: str = Field("", max_length=500)
    not_done_reason: str = Field(
        "", max_length=500, description="Required when not done."
    )


class ItemVersionIn(InSchema):
    version: Version = Field(description="The row's version the caller saw.")


class DeleteItemQuery(Schema):
    version: Version | None = Field(
        None, description="The row's version the caller saw; unchecked if left out."
    )


class ReorderIn(InSchema):
    item_ids: list[FilterId] = Field(
        description="Every row of the plan in the new order; cancelled ones may be "
        "left out."
    )


class DeadlinesIn(InSchema):
    item_ids: list[FilterId] = Field(min_length=1)
    deadline: datetime.date = Field(description="Within the plan's period.")


class DeadlinesOut(Schema):
    changed: int = Field(description="How many rows got the new deadline.")
    skipped: int = Field(
        description="How many finished rows (done, not done, cancelled) were left alone."
    )


class ItemFilter(Schema):
    section_id: FilterId | None = None
    status: PlanItemStatus | None = None


# ------------------------------------------------------------------- comments


class CommentOut(Schema):
    id: int
    plan_id: int
    item_id: int | None = Field(description="Null for the plan's own discussion.")
    author_name: str
    text: str
    created_at: datetime.datetime

    @staticmethod
    def resolve_author_name(obj: Comment) -> str:
        return display_name(obj.author)


class CommentFilter(Schema):
    item_id: FilterId | None = Field(
        None, description="One row's discussion; the whole plan's by default."
    )


class CommentIn(InSchema):
    multiline = frozenset({"text"})
    text: str = Field(min_length=1, max_length=5000)
    item_id: int | None = Field(None, description="A row of the same plan.")

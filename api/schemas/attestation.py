"""Schemas of /attestation-commissions, /attestation-sessions and /attestations:
the commission with its orders and composition, sessions with the agenda and
attendance, votes, decisions and their confirmation (clause 8.9)."""

import datetime
from typing import Literal

from ninja import Schema
from pydantic import Field

from api.schemas.common import FilterId, InSchema, PatchSchema, ReasonableDate
from api.schemas.enums import (
    AttestationDecision,
    AttestationInvitation,
    AttestationStatus,
    CommissionRole,
)
from attestation.models import Attestation


class PersonRefOut(Schema):
    id: int
    full_name: str


class MembershipOut(Schema):
    id: int
    person: PersonRefOut
    role: CommissionRole
    role_display: str
    starts_on: datetime.date
    ends_on: datetime.date | None = Field(
        description="The date of the order that ended the membership (not included)."
    )
    from_order_id: int
    to_order_id: int | None

    @staticmethod
    def resolve_role_display(obj) -> str:
        return obj.get_role_display()


class CommissionOrderOut(Schema):
    id: int
    number: str
    date: datetime.date
    title: str


class CommissionOut(Schema):
    id: int
    municipality_id: int
    on: datetime.date = Field(description="The date of the composition shown.")
    members: list[MembershipOut]
    orders: list[CommissionOrderOut]
    quorum_percent: int
    plain_decision: bool


class CommissionQuery(Schema):
    on: datetime.date | None = Field(None, description="Composition on this date.")


class OrderIn(InSchema):
    number: str = Field(min_length=1, max_length=50)
    date: ReasonableDate
    title: str = Field(min_length=1, max_length=300)


class AppointIn(InSchema):
    person_id: int = Field(description="A person of the commission's municipality.")
    role: CommissionRole


class RemoveIn(InSchema):
    membership_id: int


class RosterRowOut(Schema):
    person_id: int
    name: str
    role: str = Field(description="A role in the commission, or «mentor».")
    is_present: bool


class AttestationListOut(Schema):
    id: int
    session_id: int
    session_date: datetime.date
    reserve_entry_id: int
    reservist: PersonRefOut
    mentor: PersonRefOut | None
    invitation: AttestationInvitation
    status: AttestationStatus
    decision: AttestationDecision | None
    decision_display: str
    new_term_until: datetime.date | None
    exclusion_reason: str
    votes_for: int
    votes_against: int
    decided_by_chair: bool
    is_confirmed: bool

    @staticmethod
    def resolve_session_date(obj: Attestation) -> datetime.date:
        return obj.session.date

    @staticmethod
    def resolve_reservist(obj: Attestation):
        return obj.reserve_entry.person

    @staticmethod
    def resolve_decision(obj: Attestation) -> str | None:
        return obj.decision or None

    @staticmethod
    def resolve_decision_display(obj: Attestation) -> str:
        return obj.get_decision_display() if obj.decision else ""


class AttestationOut(AttestationListOut):
    decline_reason: str
    mentor_recommendation: str


class SessionListOut(Schema):
    id: int
    number: str
    date: datetime.date
    time: datetime.time
    place: str
    n_attestations: int


class SessionOut(Schema):
    id: int
    number: str
    date: datetime.date
    time: datetime.time
    place: str
    members: list[RosterRowOut]
    mentors: list[RosterRowOut]
    n_members: int
    n_present: int
    has_quorum: bool
    attestations: list[AttestationListOut]


class SessionIn(InSchema):
    date: ReasonableDate
    time: datetime.time
    place: str = Field(min_length=1, max_length=300)
    number: str = Field("", max_length=50, description="Empty: the year's next.")
    reserve_entry_ids: list[int] = Field(
        min_length=1, description="Reservists with an active reserve entry."
    )


class AttendanceIn(InSchema):
    present_ids: list[int] = Field(
        description="People present: members on the session's date, invited mentors."
    )


class SessionFilter(Schema):
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None


class AttestationFilter(Schema):
    session_id: FilterId | None = None
    decision: AttestationDecision | None = None


class ResponseIn(InSchema):
    accept: bool
    reason: str = Field("", max_length=500)
    recommendation: str | None = Field(
        None, max_length=5000, description="The mentor's recommendation, if given."
    )
    multiline = frozenset({"recommendation"})


class VoteIn(InSchema):
    choice: AttestationDecision
    member_id: int | None = Field(
        None,
        description="A present member (the secretary or the coordinator records "
        "another's vote); empty: one's own.",
    )


class VoteOut(Schema):
    id: int
    member: PersonRefOut
    choice: AttestationDecision


class DecisionIn(InSchema):
    decision: AttestationDecision | None = Field(
        None, description="Only in the plain decision mode; else from the votes."
    )
    new_term_until: ReasonableDate | None = None
    exclusion_reason: str = Field("", max_length=500)


class DocumentQuery(Schema):
    format: Literal["docx", "pdf"]


# The municipality's rules of decisions (/attestation-settings) -----------------------

QuorumPercent = Field(
    ge=1,
    le=99,
    description="A decision needs more than this share of the commission's members "
    "present, per cent, 1–99 (50: more than half).",
)
PLAIN_DECISION = (
    "The secretary records the commission's decision without a vote of each "
    "member (the quorum is still required)."
)


class AttestationSettingsOut(Schema):
    municipality_id: int
    municipality_name: str
    quorum_percent: int
    plain_decision: bool
    updated_at: datetime.datetime | None = Field(
        description="Null while the defaults apply (never changed)."
    )


class AttestationSettingsIn(InSchema):
    """Both rules (PUT)."""

    quorum_percent: int = QuorumPercent
    plain_decision: bool = Field(description=PLAIN_DECISION)


class AttestationSettingsPatch(PatchSchema):
    """Any of the rules (PATCH)."""

    quorum_percent: int | None = Field(
        None, ge=1, le=99, description=QuorumPercent.description
    )
    plain_decision: bool | None = Field(None, description=PLAIN_DECISION)


class SettingsChangeOut(Schema):
    field: str
    old: str
    new: str


class SettingsHistoryOut(Schema):
    at: datetime.datetime
    who: str
    kind: str
    changes: list[SettingsChangeOut]

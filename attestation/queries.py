"""Reads of the attestation: the commission's composition on a date, a session's
roster and quorum, the tally of open votes, and the materials pack."""

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from attestation.models import (
    Attendance,
    Attestation,
    AttestationSettings,
    Commission,
    Membership,
    Session,
    SessionQuerySet,
    Vote,
)
from competencies.models import Assessment
from competencies.queries import ProfilePoint, build_profile
from events.models import Involvement
from internships.models import Internship
from mentorships.models import Mentorship
from organizations.models import Municipality
from plan_reports.models import PlanReport
from plan_reports.queries import report_for_entry
from plans.models import IndividualPlan, PlanItem
from plans.queries import Progress, progress_of
from reserve.models import ReserveEntry
from studies.models import StudyAssignment

Decision = Attestation.Decision
Role = Membership.Role


def settings_of(municipality_id: int) -> AttestationSettings:
    """The municipality's settings, or the defaults (unsaved) while none are kept."""
    found = AttestationSettings.objects.filter(municipality_id=municipality_id).first()
    return found or AttestationSettings(municipality_id=municipality_id)


def commission_of(municipality: Municipality | int) -> Commission | None:
    """The municipality's commission, None before its first order."""
    municipality_id = (
        municipality.pk if isinstance(municipality, Municipality) else municipality
    )
    return Commission.objects.filter(municipality_id=municipality_id).first()


def members_on(commission: Commission | None, day: datetime.date) -> list[Membership]:
    """The composition on the day: chair, deputy, secretary, members (one query)."""
    if commission is None:
        return []
    return list(commission.memberships.on(day).in_role_order())


# The roster and the quorum ---------------------------------------------------------


@dataclass
class RosterRow:
    person_id: int
    name: str
    role: str  # a Membership.Role or "mentor"
    role_label: str
    is_present: bool
    detail: str = ""  # the mentor's reservist


@dataclass
class Roster:
    """Who sits on the session (the members on its date) and who was invited
    (the mentors), with their presence, and the quorum."""

    members: list[RosterRow]
    mentors: list[RosterRow]
    quorum_percent: int
    plain_decision: bool
    is_marked: bool

    @property
    def n_members(self) -> int:
        return len(self.members)

    @property
    def present_member_ids(self) -> set[int]:
        return {m.person_id for m in self.members if m.is_present}

    @property
    def n_present(self) -> int:
        return len(self.present_member_ids)

    @property
    def has_quorum(self) -> bool:
        return has_quorum(self.n_present, self.n_members, self.quorum_percent)

    @property
    def presiding_id(self) -> int | None:
        """The chair if present, else the deputy if present (the one whose vote
        decides a tie)."""
        for role in (Role.CHAIR, Role.DEPUTY):
            for m in self.members:
                if m.role == role and m.is_present:
                    return m.person_id
        return None

    def role_of(self, person_id: int | None) -> str | None:
        for m in self.members:
            if m.person_id == person_id:
                return m.role
        return None


def has_quorum(present: int, members: int, percent: int = 50) -> bool:
    """More than `percent` % of the members present (50: more than half)."""
    return members > 0 and present * 100 > members * percent


def roster(session: Session, attestations: Iterable[Attestation] = ()) -> Roster:
    """The session's roster: three queries (members, attendance, settings); the
    mentors come from the agenda's attestations given (or one more query)."""
    members = members_on(session.commission, session.date)
    marks = {
        a.person_id: a.is_present for a in Attendance.objects.filter(session=session)
    }
    agenda = list(attestations) or list(
        session.attestations.for_list().in_agenda_order()
    )
    mentors: dict[int, RosterRow] = {}
    for a in agenda:
        if a.mentor_id is None or a.mentor is None:
            continue
        row = mentors.setdefault(
            a.mentor_id,
            RosterRow(
                a.mentor_id,
                a.mentor.full_name,
                "mentor",
                _("mentor"),
                marks.get(a.mentor_id, False),
            ),
        )
        names = [n for n in row.detail.split(", ") if n]
        row.detail = ", ".join([*names, a.reserve_entry.person.short_name])
    rules = settings_of(session.municipality_id)
    return Roster(
        members=[
            RosterRow(
                m.person_id,
                m.person.full_name,
                m.role,
                m.get_role_display(),
                marks.get(m.person_id, False),
            )
            for m in members
        ],
        mentors=list(mentors.values()),
        quorum_percent=rules.quorum_percent,
        plain_decision=rules.plain_decision,
        is_marked=session.attendance_marked_at is not None,
    )


# The tally of open votes -----------------------------------------------------------


@dataclass
class Tally:
    """The outcome of the votes: the adopted decision or None with the reason."""

    counts: dict[str, int]
    n_present: int
    decision: str | None = None
    by_chair: bool = False
    problem: str = ""

    @property
    def votes_for(self) -> int:
        return self.counts.get(self.decision or "", 0)

    @property
    def votes_against(self) -> int:
        return sum(self.counts.values()) - self.votes_for


def tally(
    votes: Iterable[tuple[int, str]], present_ids: set[int], presiding_id: int | None
) -> Tally:
    """Count the present members' votes (member id, choice): a decision needs the
    votes of more than half of the members present; when two or more decisions
    share the most votes and none has that majority, the presiding member's vote
    (the chair's, or the deputy's in the chair's absence) decides."""
    chosen = {member: choice for member, choice in votes if member in present_ids}
    counts = dict(Counter(chosen.values()))
    result = Tally(counts=counts, n_present=len(present_ids))
    if not counts:
        result.problem = _("No member has voted yet.")
        return result
    top = max(counts.values())
    leaders = [choice for choice, n in counts.items() if n == top]
    if len(leaders) == 1 and top * 2 > len(present_ids):
        result.decision = leaders[0]
        return result
    casting = chosen.get(presiding_id) if presiding_id is not None else None
    if len(leaders) > 1 and casting in leaders:
        result.decision, result.by_chair = casting, True
        return result
    result.problem = _(
        "No decision has the votes of more than half of the members present."
    )
    return result


def tally_of(attestation: Attestation, roster_: Roster) -> Tally:
    """The tally of the attestation's recorded votes (one query)."""
    votes = attestation.votes.values_list("member_id", "choice")
    return tally(votes, roster_.present_member_ids, roster_.presiding_id)


def votes_of(attestation: Attestation) -> list[Vote]:
    return list(attestation.votes.select_related("member").order_by("pk"))


# The materials pack ----------------------------------------------------------------


@dataclass
class PackPlan:
    plan: IndividualPlan
    progress: Progress
    on_time: list[PlanItem] = field(default_factory=list)
    late: list[PlanItem] = field(default_factory=list)
    not_done: list[PlanItem] = field(default_factory=list)
    open: list[PlanItem] = field(default_factory=list)


@dataclass
class Pack:
    """What the commission reads about one reservist (clause 8, all points)."""

    attestation: Attestation
    entry: ReserveEntry
    mentorships: list[Mentorship]
    plans: list[PackPlan]
    involvements: list[Involvement]
    internships: list[Internship]
    studies: list[StudyAssignment]
    profile: list[ProfilePoint]
    report: Any
    today: datetime.date


def report_for(entry: ReserveEntry) -> PlanReport | None:
    """The joint report of the mentor and the reservist on the latest plan (8.10)
    for the pack, once submitted to the coordinator (a draft is not theirs to
    show yet); None otherwise."""
    report = report_for_entry(entry)
    if report is None or report.status == PlanReport.Status.DRAFT:
        return None
    return report


def _pack_plan(plan: IndividualPlan, today: datetime.date) -> PackPlan:
    items = [i for i in plan.items.all() if i.status != PlanItem.Status.CANCELLED]
    found = PackPlan(plan=plan, progress=progress_of(items, today))
    for item in items:
        if item.status == PlanItem.Status.DONE:
            (found.late if item.is_done_late else found.on_time).append(item)
        elif item.status == PlanItem.Status.NOT_DONE:
            found.not_done.append(item)
        else:
            found.open.append(item)
    return found


def pack(attestation: Attestation, today: datetime.date) -> Pack:
    """The reservist's materials, whoever reads them (the caller has checked the
    right to): about ten queries, whatever the size of the plan."""
    entry = attestation.reserve_entry
    plans = (
        IndividualPlan.objects.filter(reserve_entry=entry)
        .exclude(status=IndividualPlan.Status.DRAFT)
        .select_related("mentor", "form_version__form")
        .prefetch_related("items__section")
        .order_by("-period_start", "-pk")
    )
    assessments = (
        Assessment.objects.filter(mentorship__reserve_entry=entry)
        .prefetch_related("ratings__competency")
        .order_by("mentorship_id", "pk")
    )
    return Pack(
        attestation=attestation,
        entry=entry,
        mentorships=list(
            entry.mentorships.exclude(status=Mentorship.Status.PENDING)
            .select_related("mentor__position", "order")
            .order_by("starts_on", "pk")
        ),
        plans=[_pack_plan(p, today) for p in plans],
        involvements=list(
            Involvement.objects.filter(reserve_entry=entry)
            .exclude(status=Involvement.Status.DECLINED)
            .select_related("event__kind")
            .order_by("event__starts_at", "pk")
        ),
        internships=list(
            Internship.objects.filter(reserve_entry=entry)
            .select_related("form", "host_organization", "supervisor")
            .order_by("starts_on", "pk")
        ),
        studies=list(
            StudyAssignment.objects.filter(mentorship__reserve_entry=entry)
            .select_related("act")
            .order_by("due_on", "pk")
        ),
        profile=build_profile(list(assessments)),
        report=report_for(entry),
        today=today,
    )


# The home page -----------------------------------------------------------------------


@dataclass
class HomeAttestation:
    """What the home page shows of the attestation, by role."""

    sessions: list[Session] = field(default_factory=list)
    packs: list[Attestation] = field(default_factory=list)
    invitations: list[Attestation] = field(default_factory=list)
    my_attestation: Attestation | None = None


HOME_LIMIT = 5


def home_attestation(
    *,
    sessions: SessionQuerySet,
    invitations: QuerySet[Attestation],
    own: QuerySet[Attestation],
    today: datetime.date,
    member: bool,
    mentor: bool,
    reservist: bool,
) -> HomeAttestation:
    """The member's upcoming sessions and the packs to read on them (two
    queries), the mentor's invitations to upcoming sessions (one) and the
    reservist's next or latest attestation (one); only for the roles held."""
    found = HomeAttestation()
    if member:
        found.sessions = list(
            sessions.filter(date__gte=today)
            .for_list()
            .order_by("date", "time", "pk")[:HOME_LIMIT]
        )
        found.packs = list(
            Attestation.objects.filter(
                session__in=[s.pk for s in found.sessions], decision=""
            )
            .select_related("session", "reserve_entry__person")
            .order_by("session__date", "position", "pk")
        )
    if mentor:
        found.invitations = list(
            invitations.filter(session__date__gte=today, decision="")
            .select_related("session", "reserve_entry__person")
            .order_by("session__date", "pk")[:HOME_LIMIT]
        )
    if reservist:
        found.my_attestation = (
            own.select_related("session")
            .order_by(
                models.Case(
                    models.When(session__date__gte=today, then=0),
                    default=1,
                    output_field=models.IntegerField(),
                ),
                "session__date",
                "pk",
            )
            .first()
        )
    return found


def seats_of(person_id: int, day: datetime.date) -> list[Membership]:
    """The person's seats in the commission in force on the day or appointed
    from a later date, with their orders (the account page tells the coordinator
    that the person sits on the commission)."""
    return list(
        Membership.objects.filter(person_id=person_id)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gt=day))
        .select_related("from_order")
        .order_by("starts_on", "pk")
    )


def decisions_to_confirm(municipality_ids: Iterable[int]) -> QuerySet[Attestation]:
    """Decided attestations in the coordinator's municipalities that no one has
    confirmed yet (may_confirm as a query), the earliest session first."""
    return (
        Attestation.objects.filter(
            municipality_id__in=list(municipality_ids), confirmed_at__isnull=True
        )
        .exclude(decision="")
        .select_related("session", "reserve_entry__person")
        .order_by("session__date", "pk")
    )

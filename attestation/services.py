"""Every write of the attestation: the commission's orders and composition, the
settings, sessions and their agenda, the mentor's answer, attendance, votes,
decisions and their confirmation (which changes the reserve entry)."""

import datetime
import re
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, RoleAssignment
from accounts.services import assign_role
from attestation import queries
from attestation.models import (
    Attendance,
    Attestation,
    AttestationSettings,
    Commission,
    CommissionOrder,
    Membership,
    Session,
    Vote,
)
from core.services import create_validated, update_validated
from mentorships.models import Mentorship
from notifications.kinds import Kind
from notifications.services import notify, resolve
from organizations.models import Municipality
from people.models import Person
from reserve import services as reserve_services
from reserve.models import ReserveEntry

Decision = Attestation.Decision
# Roles one person holds at a time in the commission.
SINGLE_ROLES = (
    Membership.Role.CHAIR,
    Membership.Role.DEPUTY,
    Membership.Role.SECRETARY,
)


# Settings ----------------------------------------------------------------------------


@transaction.atomic
def update_settings(
    *, municipality: Municipality, quorum_percent: int, plain_decision: bool
) -> AttestationSettings:
    """Keep the municipality's quorum share and decision mode; raises
    ValidationError for a share outside 1–99 %."""
    found, _created = AttestationSettings.objects.get_or_create(
        municipality=municipality
    )
    return update_validated(
        found, quorum_percent=quorum_percent, plain_decision=plain_decision
    )


# The commission ----------------------------------------------------------------------


@transaction.atomic
def issue_order(
    *,
    municipality: Municipality,
    number: str,
    date: datetime.date,
    title: str,
    by: Any = None,
) -> CommissionOrder:
    """Record an order of the education authority on the commission (the first
    forms it); raises ValidationError for a repeated number and date, or an order
    dated before the latest membership change it would precede."""
    commission, _created = Commission.objects.get_or_create(municipality=municipality)
    return create_validated(
        CommissionOrder,
        commission=commission,
        number=number.strip(),
        date=date,
        title=title.strip(),
        created_by=by,
    )


def _grant_commission_role(person: Person) -> None:
    """A member with an account holds the role `commission` (without one, the role
    waits for the account: accounts are linked to people later)."""
    user = person.user
    if user is None:
        return
    if not RoleAssignment.objects.filter(user=user, role=Role.COMMISSION).exists():
        assign_role(user=user, role=Role.COMMISSION)


@transaction.atomic
def appoint_member(*, order: CommissionOrder, person: Person, role: str) -> Membership:
    """Seat a person in the commission from the order's date; raises
    ValidationError for a person of another municipality, one who already sits
    on that date or later, or a second chair, deputy or secretary."""
    commission = Commission.objects.select_for_update().get(pk=order.commission_id)
    if person.municipality_id != commission.municipality_id:
        raise ValidationError(
            {"person": _("Choose a person of the commission's municipality.")}
        )
    seated = commission.memberships.filter(person=person).exclude(
        ends_on__lte=order.date
    )
    if seated.exists():
        raise ValidationError(
            {"person": _("The person already sits on the commission on that date.")}
        )
    if role in SINGLE_ROLES:
        taken = commission.memberships.filter(role=role).exclude(
            ends_on__lte=order.date
        )
        if taken.exists():
            raise ValidationError(
                {
                    "role": _(
                        "The commission already has a %(role)s on that date: "
                        "remove them by this order first."
                    )
                    % {"role": Membership.Role(role).label}
                }
            )
    membership = create_validated(
        Membership,
        commission=commission,
        person=person,
        role=role,
        from_order=order,
        starts_on=order.date,
    )
    _grant_commission_role(person)
    return membership


@transaction.atomic
def remove_member(*, order: CommissionOrder, membership: Membership) -> Membership:
    """End a membership by the order (from its date); raises ValidationError for
    another commission's membership, one already ended, or an order dated on or
    before the membership began."""
    if membership.commission_id != order.commission_id:
        raise ValidationError(_("The member belongs to another commission."))
    if membership.ends_on is not None:
        raise ValidationError(_("The member has already left the commission."))
    if order.date <= membership.starts_on:
        raise ValidationError(
            _("The order must be dated after the member was appointed.")
        )
    return update_validated(membership, to_order=order, ends_on=order.date)


# Sessions ----------------------------------------------------------------------------


def next_minutes_number(commission: Commission, year: int) -> str:
    """The next number of the year's minutes: the highest plain number plus one."""
    numbers = commission.sessions.filter(date__year=year).values_list(
        "number", flat=True
    )
    found = [int(n) for n in numbers if re.fullmatch(r"\d+", n)]
    return str(max(found, default=0) + 1)


def _check_entry(entry: ReserveEntry, municipality_id: int) -> None:
    if entry.municipality_id != municipality_id:
        raise ValidationError(
            {"entries": _("Choose reservists of the commission's municipality.")}
        )
    if entry.status != ReserveEntry.Status.ACTIVE:
        raise ValidationError(
            {
                "entries": _(
                    "%(name)s is not in the reserve: only a reservist with an "
                    "active reserve entry is attested."
                )
                % {"name": entry.person.full_name}
            }
        )


def _add(session: Session, entry: ReserveEntry, position: int) -> Attestation:
    """The reservist on the agenda, the active mentor invited (8.9)."""
    _check_entry(entry, session.municipality_id)
    mentorship = (
        Mentorship.objects.filter(reserve_entry=entry, status=Mentorship.Status.ACTIVE)
        .only("mentor_id")
        .first()
    )
    mentor_id = mentorship.mentor_id if mentorship else None
    attestation = create_validated(
        Attestation,
        session=session,
        reserve_entry=entry,
        position=position,
        mentor_id=mentor_id,
        invitation=Attestation.Invitation.INVITED if mentor_id else "",
    )
    notify(
        [entry.person, attestation.mentor],
        Kind.ATTESTATION_SCHEDULED,
        subject=f"{entry.person.short_name}, {session.place}",
        key=f"attestation:{attestation.pk}",
        url=reverse("attestation:attestation", args=[attestation.pk]),
        due_on=session.date,
    )
    return attestation


@transaction.atomic
def schedule_session(
    *,
    municipality: Municipality,
    date: datetime.date,
    time: datetime.time,
    place: str,
    entries: Iterable[ReserveEntry],
    number: str = "",
    by: Any = None,
) -> Session:
    """Schedule a session with its agenda and invite each reservist's active
    mentor; raises ValidationError before the commission is formed, for an empty
    agenda or a reservist without an active entry (nothing is saved)."""
    commission = queries.commission_of(municipality)
    if commission is None:
        raise ValidationError(
            _("Record the order forming the attestation commission first.")
        )
    entries = list(entries)
    if not entries:
        raise ValidationError({"entries": _("Choose the reservists to attest.")})
    if len({e.pk for e in entries}) != len(entries):
        raise ValidationError({"entries": _("A reservist is chosen twice.")})
    session = create_validated(
        Session,
        commission=commission,
        municipality=municipality,
        number=number.strip() or next_minutes_number(commission, date.year),
        date=date,
        time=time,
        place=place.strip(),
        created_by=by,
    )
    for position, entry in enumerate(entries, start=1):
        _add(session, entry, position)
    return session


@transaction.atomic
def add_to_agenda(*, session: Session, entry: ReserveEntry) -> Attestation:
    """Put one more reservist on the agenda; raises ValidationError for one
    without an active entry or already on it."""
    if session.attestations.filter(reserve_entry=entry).exists():
        raise ValidationError(
            {"entries": _("The reservist is already on the agenda of this session.")}
        )
    last = session.attestations.aggregate(n=Max("position"))["n"] or 0
    return _add(session, entry, last + 1)


@transaction.atomic
def remove_from_agenda(*, attestation: Attestation) -> None:
    """Take an undecided reservist off the agenda; raises ValidationError once
    decided."""
    if attestation.is_decided:
        raise ValidationError(_("The commission has decided: it stays in the minutes."))
    attestation.delete()


# The mentor --------------------------------------------------------------------------


@transaction.atomic
def respond_to_invitation(
    *, attestation: Attestation, accept: bool, reason: str = ""
) -> Attestation:
    """The mentor will attend or declines (with a reason); raises
    ValidationError without an invitation or after the decision."""
    if not attestation.mentor_id or not attestation.invitation:
        raise ValidationError(_("The mentor is not invited to this session."))
    if attestation.is_decided:
        raise ValidationError(_("The commission has already decided."))
    if not accept and not reason.strip():
        raise ValidationError({"decline_reason": _("State the reason.")})
    answer = (
        Attestation.Invitation.ACCEPTED if accept else Attestation.Invitation.DECLINED
    )
    resolve(
        Kind.ATTESTATION_SCHEDULED,
        f"attestation:{attestation.pk}",
        recipients=[attestation.mentor],
    )
    return update_validated(
        attestation,
        invitation=answer,
        decline_reason="" if accept else reason.strip(),
        responded_at=timezone.now(),
    )


@transaction.atomic
def write_recommendation(*, attestation: Attestation, text: str) -> Attestation:
    """The mentor's recommendation to the commission; raises ValidationError
    after the decision."""
    if attestation.is_decided:
        raise ValidationError(_("The commission has already decided."))
    return update_validated(attestation, mentor_recommendation=text.strip())


# Attendance, votes, decisions --------------------------------------------------------


def _check_held(session: Session) -> None:
    if session.date > timezone.localdate():
        raise ValidationError(_("The session has not taken place yet."))


@transaction.atomic
def record_attendance(
    *, session: Session, present_ids: Iterable[int], by: Any = None
) -> Session:
    """Mark who of the members on the session's date and the invited mentors was
    present; raises ValidationError before the session's date, for another
    person, or once a decision is taken (the quorum would change)."""
    session = Session.objects.select_for_update().get(pk=session.pk)
    _check_held(session)
    if session.attestations.exclude(decision="").exists():
        raise ValidationError(
            _("The commission has decided: the attendance cannot be changed.")
        )
    roster = queries.roster(session)
    kinds = {m.person_id: Attendance.Kind.MEMBER for m in roster.members}
    kinds.update({m.person_id: Attendance.Kind.MENTOR for m in roster.mentors})
    present = set(present_ids)
    if present - kinds.keys():
        raise ValidationError(
            _("Only the commission's members and the invited mentors are marked.")
        )
    Attendance.objects.filter(session=session).delete()
    Attendance.objects.bulk_create(
        Attendance(session=session, person_id=pk, kind=kind, is_present=pk in present)
        for pk, kind in kinds.items()
    )
    session.attendance_marked_at = timezone.now()
    session.save(update_fields=["attendance_marked_at", "updated_at"])
    return session


def _lock(attestation: Attestation) -> Attestation:
    """Re-read under a row lock: two decisions at once must not both pass."""
    locked = Attestation.objects.select_for_update().get(pk=attestation.pk)
    if locked.is_decided:
        raise ValidationError(
            _("The commission has already decided on this reservist.")
        )
    return locked


@transaction.atomic
def cast_vote(
    *,
    attestation: Attestation,
    member: Person,
    choice: str,
    by: Any = None,
) -> Vote:
    """A present member's open vote (a change replaces it until the decision);
    raises ValidationError for one who is not a member on the session's date or
    was absent, in the plain decision mode, or after the decision."""
    _lock(attestation)
    session = attestation.session
    _check_held(session)
    roster = queries.roster(session)
    if roster.plain_decision:
        raise ValidationError(
            _("The municipality's commission decides without a vote of each member.")
        )
    if roster.role_of(member.pk) is None:
        raise ValidationError(
            _("%(name)s is not a member of the commission on the session's date.")
            % {"name": member.full_name}
        )
    if member.pk not in roster.present_member_ids:
        raise ValidationError(
            _("%(name)s is not marked present: only those present vote.")
            % {"name": member.full_name}
        )
    if choice not in Decision.values:
        raise ValidationError({"choice": _("Choose a decision.")})
    vote, _created = Vote.objects.update_or_create(
        attestation=attestation,
        member=member,
        defaults={"choice": choice, "recorded_by": by},
    )
    return vote


def _check_details(
    decision: str,
    new_term_until: datetime.date | None,
    reason: str,
    entry: ReserveEntry,
) -> None:
    if decision == Decision.CONTINUE:
        if new_term_until is None:
            raise ValidationError(
                {"new_term_until": _("State the new term in the reserve.")}
            )
        if new_term_until <= entry.term_until:
            raise ValidationError(
                {
                    "new_term_until": _(
                        "The new term must end after the present one (%(date)s)."
                    )
                    % {"date": entry.term_until.strftime("%d.%m.%Y")}
                }
            )
    if decision == Decision.EXCLUDE and not reason.strip():
        raise ValidationError(
            {"exclusion_reason": _("State the reason for exclusion.")}
        )


@transaction.atomic
def decide(
    *,
    attestation: Attestation,
    by: Any = None,
    decision: str = "",
    new_term_until: datetime.date | None = None,
    exclusion_reason: str = "",
) -> Attestation:
    """Record the commission's decision: from the votes (a majority of those
    present, the chair deciding a tie) or, in the plain mode, as stated; raises
    ValidationError before the session, without the quorum, without a majority,
    for a second decision or without the new term or the exclusion reason."""
    attestation = _lock(attestation)
    session = Session.objects.select_related("commission").get(
        pk=attestation.session_id
    )
    _check_held(session)
    roster = queries.roster(session)
    if not roster.is_marked:
        raise ValidationError(_("Mark the attendance first."))
    if not roster.has_quorum:
        raise ValidationError(
            _(
                "No quorum: %(present)s of %(members)s members present, more than "
                "%(percent)s%% are needed."
            )
            % {
                "present": roster.n_present,
                "members": roster.n_members,
                "percent": roster.quorum_percent,
            }
        )
    fields: dict[str, Any] = {}
    if roster.plain_decision:
        if decision not in Decision.values:
            raise ValidationError({"decision": _("Choose a decision.")})
        fields.update(votes_for=0, votes_against=0, decided_by_chair=False)
    else:
        result = queries.tally_of(attestation, roster)
        if result.decision is None:
            raise ValidationError(result.problem)
        decision = result.decision
        fields.update(
            votes_for=result.votes_for,
            votes_against=result.votes_against,
            decided_by_chair=result.by_chair,
        )
    entry = attestation.reserve_entry
    _check_details(decision, new_term_until, exclusion_reason, entry)
    return update_validated(
        attestation,
        status=Attestation.Status.HELD,
        decision=decision,
        new_term_until=new_term_until if decision == Decision.CONTINUE else None,
        exclusion_reason=exclusion_reason.strip()
        if decision == Decision.EXCLUDE
        else "",
        decided_at=timezone.now(),
        decided_by=by,
        **fields,
    )


@transaction.atomic
def confirm_decision(*, attestation: Attestation, by: Any = None) -> Attestation:
    """The coordinator confirms the decision, which then changes the reserve:
    `continue` extends the term, `exclude` excludes the reservist (their
    mentorship ends through reserve's signal), `recommended` changes nothing
    until the appointment. Raises ValidationError before a decision, for a
    second confirmation, or what the reserve's services refuse."""
    attestation = Attestation.objects.select_for_update().get(pk=attestation.pk)
    if not attestation.is_decided:
        raise ValidationError(_("The commission has not decided yet."))
    if attestation.is_confirmed:
        raise ValidationError(_("The decision is already confirmed."))
    entry = ReserveEntry.objects.select_related("person__organization").get(
        pk=attestation.reserve_entry_id
    )
    if attestation.decision == Decision.CONTINUE:
        assert attestation.new_term_until is not None
        reserve_services.update_reserve_entry(
            entry=entry, term_until=attestation.new_term_until
        )
    elif attestation.decision == Decision.EXCLUDE:
        reserve_services.exclude_reservist(
            entry=entry,
            excluded_on=attestation.session.date,
            reason=attestation.exclusion_reason,
        )
    elif entry.status != ReserveEntry.Status.ACTIVE:
        raise ValidationError(_("The reservist has already left the reserve."))
    return update_validated(attestation, confirmed_at=timezone.now(), confirmed_by=by)

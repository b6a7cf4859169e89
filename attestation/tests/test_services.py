"""The writes of the attestation: the commission by orders, sessions with the
mentor's invitation, attendance, votes, decisions and their confirmation; bad
input refused in Russian with nothing saved."""

from datetime import date, time

import pytest
from django.core.exceptions import ValidationError

from accounts.models import Role, RoleAssignment
from attestation import services
from attestation.models import Attendance, Attestation, Session, Vote
from attestation.tests.conftest import TODAY
from attestation.tests.factories import ROLE, make_session
from mentorships.models import Mentorship
from people.tests.factories import PersonFactory
from reserve.models import ReserveEntry
from reserve.tests.factories import ReserveEntryFactory

D = Attestation.Decision


def _present(session, *users, everyone=False):
    members = [m.person_id for m in session.commission.memberships.all()]
    ids = members if everyone else [u.person.pk for u in users]
    services.record_attendance(session=session, present_ids=ids)


def _vote_all(attestation, choices):
    session = attestation.session
    people = [m.person for m in session.commission.memberships.order_by("pk")]
    for person, choice in zip(people, choices, strict=False):
        services.cast_vote(attestation=attestation, member=person, choice=choice)


# The commission ----------------------------------------------------------------------


def test_members_with_accounts_get_the_commission_role(order, chair, secretary):
    assert RoleAssignment.objects.filter(user=chair, role=Role.COMMISSION).exists()
    assert RoleAssignment.objects.filter(user=secretary, role=Role.COMMISSION).exists()


def test_appoint_refuses_a_second_chair(order, school):
    with pytest.raises(ValidationError, match="председатель"):
        services.appoint_member(
            order=order, person=PersonFactory(organization=school), role=ROLE.CHAIR
        )


def test_appoint_refuses_a_person_already_sitting(order, chair):
    with pytest.raises(ValidationError, match="уже входит"):
        services.appoint_member(order=order, person=chair.person, role=ROLE.MEMBER)


def test_appoint_refuses_a_person_of_another_municipality(order, far_school):
    with pytest.raises(ValidationError, match="муниципалитета комиссии"):
        services.appoint_member(
            order=order, person=PersonFactory(organization=far_school), role="member"
        )


def test_remove_refuses_an_order_dated_before_the_appointment(order, chair):
    seat = order.commission.memberships.get(person=chair.person)
    with pytest.raises(ValidationError):
        services.remove_member(order=order, membership=seat)


def test_issue_order_refuses_the_same_number_and_date(order, municipality):
    with pytest.raises(ValidationError):
        services.issue_order(
            municipality=municipality,
            number=order.number,
            date=order.date,
            title="Другой",
        )


# Sessions and the mentor's invitation ------------------------------------------------


def test_schedule_invites_the_active_mentor(attestation, mentor):
    assert attestation.mentor == mentor.person
    assert attestation.invitation == Attestation.Invitation.INVITED
    assert attestation.session.number == "1"


def test_schedule_refuses_a_reservist_without_an_active_entry(
    order, municipality, entry, school
):
    left = ReserveEntryFactory(
        person=PersonFactory(organization=school), status=ReserveEntry.Status.EXCLUDED
    )
    with pytest.raises(ValidationError, match="не состоит в резерве"):
        make_session(municipality, [entry, left], on=TODAY)
    assert not Session.objects.exists()
    assert not Attestation.objects.exists()


def test_schedule_refuses_before_the_commission_is_formed(municipality, entry):
    with pytest.raises(ValidationError, match="формировании"):
        make_session(municipality, [entry], on=TODAY)


def test_minutes_numbers_follow_in_the_year(session, municipality, school):
    other = ReserveEntryFactory(person=PersonFactory(organization=school))
    assert make_session(municipality, [other], on=date(2027, 4, 1)).number == "2"


def test_mentor_accepts_and_declines_with_a_reason(attestation):
    services.respond_to_invitation(attestation=attestation, accept=True)
    assert attestation.invitation == "accepted"
    with pytest.raises(ValidationError):
        services.respond_to_invitation(attestation=attestation, accept=False)
    services.respond_to_invitation(
        attestation=attestation, accept=False, reason="Болен"
    )
    assert attestation.invitation == "declined"


# Attendance and votes ----------------------------------------------------------------


def test_attendance_marks_members_and_mentors(session, chair, mentor):
    services.record_attendance(
        session=session, present_ids=[chair.person.pk, mentor.person.pk]
    )
    marks = dict(Attendance.objects.values_list("person_id", "is_present"))
    assert marks[chair.person.pk] and marks[mentor.person.pk]
    assert len(marks) == 6  # five members and one mentor


def test_attendance_refuses_a_stranger(session, stranger, school):
    person = PersonFactory(organization=school)
    with pytest.raises(ValidationError, match="Отмечаются только"):
        services.record_attendance(session=session, present_ids=[person.pk])
    assert not Attendance.objects.exists()


def test_attendance_refuses_a_future_session(order, municipality, entry):
    session = make_session(municipality, [entry], on=date(2027, 4, 1))
    with pytest.raises(ValidationError, match="ещё не состоялось"):
        services.record_attendance(session=session, present_ids=[])


def test_vote_by_a_non_member_is_refused(attestation, school):
    _present(attestation.session, everyone=True)
    with pytest.raises(ValidationError, match="не является членом"):
        services.cast_vote(
            attestation=attestation,
            member=PersonFactory(organization=school),
            choice=D.RECOMMENDED,
        )
    assert not Vote.objects.exists()


def test_vote_by_an_absent_member_is_refused(attestation, chair, secretary):
    _present(attestation.session, chair)
    with pytest.raises(ValidationError, match="не отмечен"):
        services.cast_vote(
            attestation=attestation, member=secretary.person, choice=D.RECOMMENDED
        )
    assert not Vote.objects.exists()


def test_a_member_who_left_before_the_session_cannot_vote(
    attestation, municipality, commission
):
    later = services.issue_order(
        municipality=municipality, number="9", date=date(2027, 3, 1), title="Об изм."
    )
    seat = later.commission.memberships.get(person=commission.person)
    services.remove_member(order=later, membership=seat)
    with pytest.raises(ValidationError, match="не является членом"):
        services.cast_vote(
            attestation=attestation, member=commission.person, choice=D.RECOMMENDED
        )


def test_a_vote_may_be_changed_before_the_decision(attestation, chair):
    _present(attestation.session, everyone=True)
    services.cast_vote(attestation=attestation, member=chair.person, choice=D.EXCLUDE)
    services.cast_vote(attestation=attestation, member=chair.person, choice=D.CONTINUE)
    assert list(Vote.objects.values_list("choice", flat=True)) == [D.CONTINUE]


# Decisions ---------------------------------------------------------------------------


def test_decision_by_majority(attestation):
    _present(attestation.session, everyone=True)
    _vote_all(attestation, [D.RECOMMENDED] * 3 + [D.CONTINUE] * 2)
    services.decide(attestation=attestation)
    attestation.refresh_from_db()
    assert attestation.decision == D.RECOMMENDED
    assert (attestation.votes_for, attestation.votes_against) == (3, 2)
    assert attestation.status == Attestation.Status.HELD


def test_decision_tie_is_decided_by_the_chair(
    attestation, chair, secretary, commission
):
    _present(attestation.session, chair, secretary, commission, everyone=False)
    # Three present: chair «exclude», secretary «continue», member «recommended».
    for who, choice in [
        (chair, D.EXCLUDE),
        (secretary, D.CONTINUE),
        (commission, D.RECOMMENDED),
    ]:
        services.cast_vote(attestation=attestation, member=who.person, choice=choice)
    services.decide(attestation=attestation, exclusion_reason="Не выполнил план")
    attestation.refresh_from_db()
    assert (attestation.decision, attestation.decided_by_chair) == (D.EXCLUDE, True)


def test_decision_without_quorum_is_refused(attestation, chair, secretary):
    _present(attestation.session, chair, secretary)  # 2 of 5
    services.cast_vote(attestation=attestation, member=chair.person, choice="continue")
    with pytest.raises(ValidationError, match="Нет кворума"):
        services.decide(attestation=attestation, new_term_until=date(2030, 9, 1))
    attestation.refresh_from_db()
    assert attestation.decision == ""


def test_quorum_share_is_the_municipalitys(attestation, municipality, chair, secretary):
    services.update_settings(
        municipality=municipality, quorum_percent=30, plain_decision=False
    )
    _present(attestation.session, chair, secretary)  # 40 % > 30 %
    for who in (chair, secretary):
        services.cast_vote(
            attestation=attestation, member=who.person, choice="recommended"
        )
    assert services.decide(attestation=attestation).decision == D.RECOMMENDED


def test_plain_decision_mode(attestation, municipality, chair):
    services.update_settings(
        municipality=municipality, quorum_percent=50, plain_decision=True
    )
    _present(attestation.session, everyone=True)
    with pytest.raises(ValidationError, match="без голосования"):
        services.cast_vote(
            attestation=attestation, member=chair.person, choice="continue"
        )
    decided = services.decide(
        attestation=attestation, decision=D.CONTINUE, new_term_until=date(2030, 9, 1)
    )
    assert decided.decision == D.CONTINUE


def test_second_decision_is_refused(attestation):
    _present(attestation.session, everyone=True)
    _vote_all(attestation, [D.RECOMMENDED] * 5)
    services.decide(attestation=attestation)
    with pytest.raises(ValidationError, match="уже приняла решение"):
        services.decide(attestation=attestation)


def test_continue_needs_a_later_term(attestation):
    _present(attestation.session, everyone=True)
    _vote_all(attestation, [D.CONTINUE] * 5)
    with pytest.raises(ValidationError, match="срок"):
        services.decide(attestation=attestation)
    with pytest.raises(ValidationError, match="позже"):
        services.decide(attestation=attestation, new_term_until=date(2028, 1, 1))
    attestation.refresh_from_db()
    assert attestation.decision == ""


def test_attendance_is_fixed_after_a_decision(attestation):
    _present(attestation.session, everyone=True)
    _vote_all(attestation, [D.RECOMMENDED] * 5)
    services.decide(attestation=attestation)
    with pytest.raises(ValidationError):
        services.record_attendance(session=attestation.session, present_ids=[])


# Confirmation ------------------------------------------------------------------------


def _decided(attestation, choice, **details):
    _present(attestation.session, everyone=True)
    _vote_all(attestation, [choice] * 5)
    return services.decide(attestation=attestation, **details)


def test_confirming_continue_extends_the_term(attestation, entry):
    _decided(attestation, D.CONTINUE, new_term_until=date(2030, 9, 1))
    entry.refresh_from_db()
    assert entry.term_until == date(2029, 9, 1)  # nothing before the confirmation
    confirmed = services.confirm_decision(attestation=attestation)
    entry.refresh_from_db()
    assert entry.term_until == date(2030, 9, 1)
    assert confirmed.is_confirmed


def test_confirming_exclude_excludes_and_ends_the_mentorship(attestation, entry):
    _decided(attestation, D.EXCLUDE, exclusion_reason="Не выполнил план")
    services.confirm_decision(attestation=attestation)
    entry.refresh_from_db()
    assert entry.status == ReserveEntry.Status.EXCLUDED
    assert entry.excluded_on == TODAY
    assert not Mentorship.objects.filter(
        reserve_entry=entry, status=Mentorship.Status.ACTIVE
    ).exists()


def test_confirming_recommended_keeps_the_entry(attestation, entry):
    _decided(attestation, D.RECOMMENDED)
    services.confirm_decision(attestation=attestation)
    entry.refresh_from_db()
    assert entry.status == ReserveEntry.Status.ACTIVE


def test_confirmation_before_a_decision_or_twice_is_refused(attestation):
    with pytest.raises(ValidationError, match="ещё не приняла"):
        services.confirm_decision(attestation=attestation)
    _decided(attestation, D.RECOMMENDED)
    services.confirm_decision(attestation=attestation)
    with pytest.raises(ValidationError, match="уже утверждено"):
        services.confirm_decision(attestation=attestation)


def test_schedule_rejects_an_empty_agenda(order, municipality):
    with pytest.raises(ValidationError):
        services.schedule_session(
            municipality=municipality,
            date=TODAY,
            time=time(10),
            place="Зал",
            entries=[],
        )

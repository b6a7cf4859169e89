"""What each role's calendar holds (agenda.entries), and that every entry's
link opens for its user."""

from datetime import date

import pytest
from django.test import Client

from accounts.models import Role, RoleAssignment
from accounts.tests.factories import UserFactory
from agenda.entries import Period, entries
from consultations.models import Consultation
from consultations.services import create_consultation
from mentorships.models import Mentorship

JANUARY = Period(date(2027, 1, 1), date(2027, 1, 31))


def _keys(user, period=JANUARY) -> set[tuple[str, int]]:
    return {(e.kind.code, e.pk) for e in entries(user, period)}


def _expected(world, *names) -> set[tuple[str, int]]:
    table = {
        "event": ("event", world.event.pk),
        "deadline12": ("deadline", world.items[0].pk),
        "deadline20": ("deadline", world.items[1].pk),
        "internship": ("internship", world.internship.pk),
        "consultation": ("consultation", world.consultation.pk),
        "session": ("session", world.session.pk),
        "attestation": ("attestation", world.attestation.pk),
    }
    return {table[n] for n in names}


MINE = (
    "event",
    "deadline12",
    "deadline20",
    "internship",
    "consultation",
    "attestation",
)


@pytest.mark.parametrize(
    ("user", "names"),
    [
        ("reservist", MINE),
        ("mentor", MINE),
        # the supervisor of the internship; the event of the organisation
        ("head", ("event", "internship")),
        ("coordinator", ("event", "session")),
        ("commission", ("session",)),
        ("stranger", ()),
    ],
    indirect=["user"],
)
def test_each_role_sees_what_concerns_it(world, user, names):
    assert _keys(user) == _expected(world, *names)


def test_a_mentor_sees_their_reservists_deadlines_not_another_mentors(world, mentor):
    found = _keys(mentor)
    assert ("deadline", world.other_item.pk) not in found
    assert ("deadline", world.items[0].pk) in found


def test_the_other_mentor_sees_only_their_own_reservists_deadline(world):
    user = UserFactory(username="other_mentor")
    person = world.other_plan.mentor
    person.user = user
    person.save()
    RoleAssignment.objects.create(user=user, role=Role.MENTOR)
    deadlines = {k for k in _keys(user) if k[0] == "deadline"}
    assert deadlines == {("deadline", world.other_item.pk)}


def test_an_excluded_item_is_not_on_the_calendar(world, reservist):
    assert ("deadline", world.items[2].pk) not in _keys(reservist)


def test_the_period_bounds_every_kind(world, reservist):
    # 19 January: only the internship (18–29) touches it
    day = Period(date(2027, 1, 19), date(2027, 1, 19))
    assert _keys(reservist, day) == _expected(world, "internship")
    # the event's day, from either side
    assert ("event", world.event.pk) in _keys(
        reservist, Period(date(2027, 1, 14), date(2027, 1, 14))
    )
    assert _keys(reservist, Period(date(2027, 2, 1), date(2027, 2, 28))) == set()


def test_a_private_note_is_the_mentors_alone(world, mentor, reservist):
    mentorship = world.plan.reserve_entry.mentorships.get(
        status=Mentorship.Status.ACTIVE
    )
    note = create_consultation(
        mentorship=mentorship,
        by=mentor,
        held_on=date(2027, 1, 13),
        duration_minutes=30,
        format=Consultation.Format.IN_PERSON,
        area=Consultation.Area.MANAGEMENT,
        topic="Заметка",
        visibility=Consultation.Visibility.PRIVATE,
    )
    assert ("consultation", note.pk) in _keys(mentor)
    assert ("consultation", note.pk) not in _keys(reservist)


def test_the_reservists_involvement_is_told_on_the_event(world, reservist, mentor):
    (own,) = [e for e in entries(reservist, JANUARY) if e.kind.code == "event"]
    assert "Вы: слушатель" in own.detail
    (mentees,) = [e for e in entries(mentor, JANUARY) if e.kind.code == "event"]
    assert world.plan.reserve_entry.person.short_name in mentees.detail


def test_entries_come_by_day_then_time(world, reservist):
    found = entries(reservist, JANUARY)
    assert [e.first_day for e in found] == sorted(e.first_day for e in found)


@pytest.mark.parametrize(
    "user", ["reservist", "mentor", "head", "coordinator", "commission"], indirect=True
)
def test_every_link_opens_for_its_user(world, user):
    client = Client()
    client.force_login(user)
    found = entries(user, JANUARY)
    assert found
    for entry in found:
        assert client.get(entry.url).status_code == 200, entry

"""Who sees and does what with events and involvements, for every role."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from events import permissions
from events.models import Involvement
from events.tests.conftest import make_event
from mentorships.services import end_mentorship

ROLES = [
    "coordinator",
    "head",
    "mentor",
    "reservist",
    "commission",
    "stranger",
    "other_mentor",
    "anonymous",
]


def _yes(*names: str) -> list:
    return [pytest.param(name, name in names, id=name) for name in ROLES]


@pytest.mark.parametrize(
    ("user", "expected"),
    _yes("coordinator", "head", "mentor", "reservist", "other_mentor"),
    indirect=["user"],
)
def test_visible_events_of_the_school_with_the_reservist(user, expected, involvement):
    found = permissions.visible_events(user).filter(pk=involvement.event_id).exists()
    assert found is expected


@pytest.mark.parametrize(("user", "expected"), _yes("coordinator"), indirect=["user"])
def test_visible_events_of_another_school(user, expected, other_school):
    event = make_event(organization=other_school)
    assert permissions.visible_events(user).filter(pk=event.pk).exists() is expected


@pytest.mark.parametrize(
    ("user", "expected"),
    _yes("coordinator", "head", "mentor", "other_mentor"),
    indirect=["user"],
)
def test_visible_events_of_the_authority(user, expected, municipality):
    event = make_event(municipality=municipality, title="Конференция")
    assert permissions.visible_events(user).filter(pk=event.pk).exists() is expected


@pytest.mark.parametrize(("user", "expected"), _yes("stranger"), indirect=["user"])
def test_visible_events_of_another_municipality(user, expected, far_school):
    event = make_event(organization=far_school)
    assert permissions.visible_events(user).filter(pk=event.pk).exists() is expected


@pytest.mark.parametrize(
    ("user", "expected"),
    _yes("coordinator", "head", "mentor", "reservist"),
    indirect=["user"],
)
def test_visible_involvements(user, expected, involvement):
    found = permissions.visible_involvements(user).filter(pk=involvement.pk).exists()
    assert found is expected


@pytest.mark.parametrize(
    ("user", "expected"), _yes("coordinator", "head", "mentor"), indirect=["user"]
)
def test_may_change_event(user, expected, seminar):
    assert permissions.may_change_event(user, seminar) is expected


@pytest.mark.parametrize(
    ("user", "expected"),
    _yes("coordinator", "head", "mentor", "other_mentor", "stranger"),
    indirect=["user"],
)
def test_may_create_event(user, expected, db):
    assert permissions.may_create_event(user) is expected


@pytest.mark.parametrize(("user", "expected"), _yes("reservist"), indirect=["user"])
def test_may_respond_only_the_reservist(user, expected, involvement):
    involvement = Involvement.objects.with_active_mentor().get(pk=involvement.pk)
    assert permissions.may_respond(user, involvement) is expected


@pytest.mark.parametrize(
    ("user", "expected"), _yes("coordinator", "mentor"), indirect=["user"]
)
def test_may_mark_attendance(user, expected, involvement):
    annotated = Involvement.objects.with_active_mentor().get(pk=involvement.pk)
    assert permissions.may_mark_attendance(user, annotated) is expected
    # The same answer without the annotation (one query).
    plain = Involvement.objects.get(pk=involvement.pk)
    assert permissions.may_mark_attendance(user, plain) is expected


@pytest.mark.parametrize(("user", "expected"), _yes("coordinator"), indirect=["user"])
def test_may_invite_many(user, expected, seminar):
    assert permissions.may_invite_many(user, seminar) is expected


@pytest.mark.parametrize(
    ("user", "expected"),
    _yes("coordinator", "head", "mentor", "other_mentor", "stranger"),
    indirect=["user"],
)
def test_may_view_events(user, expected, db):
    assert permissions.may_view_events(user) is expected


@pytest.mark.parametrize(("user", "expected"), _yes("reservist"), indirect=["user"])
def test_may_view_own_events(user, expected, db):
    assert permissions.may_view_own_events(user) is expected


def test_record_outcome_needs_an_accepted_invitation(reservist, involvement):
    assert not permissions.may_record_outcome(reservist, involvement)
    involvement.status = Involvement.Status.ACCEPTED
    assert permissions.may_record_outcome(reservist, involvement)


def test_mentor_of_an_ended_mentorship_only_reads(mentor, involvement, mentorship):
    end_mentorship(mentorship=mentorship, ended_on=date(2027, 1, 10), reason="other")
    annotated = Involvement.objects.with_active_mentor().get(pk=involvement.pk)
    assert permissions.visible_involvements(mentor).filter(pk=involvement.pk).exists()
    assert not permissions.may_mark_attendance(mentor, annotated)
    assert not permissions.may_withdraw(mentor, annotated)
    assert not permissions.mentorships_to_involve(mentor).exists()


def test_mentorships_to_involve_are_only_ones_own(mentor, other_mentor, mentorship):
    assert list(permissions.mentorships_to_involve(mentor)) == [mentorship]
    assert mentorship not in permissions.mentorships_to_involve(other_mentor)


def test_get_event_hides_what_is_out_of_scope(commission, seminar):
    with pytest.raises(Http404):
        permissions.get_event(commission, seminar.pk)


def test_get_event_refuses_a_write_to_a_reader(reservist, involvement):
    with pytest.raises(PermissionDenied):
        permissions.get_event(reservist, involvement.event_id, write=True)

"""Who sees and changes consultations and requests: every role, in and out of
scope. A private note is the mentor's alone."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.models import Role, RoleAssignment
from accounts.tests.factories import UserFactory
from consultations import permissions, services
from consultations.models import ConsultationRequest
from consultations.tests.conftest import log
from mentorships.models import Mentorship
from mentorships.tests.factories import MentorshipFactory
from people.tests.factories import PersonFactory


@pytest.fixture
def other_head(other_school):
    user = UserFactory(username="other_head")
    PersonFactory(user=user, organization=other_school)
    RoleAssignment.objects.create(user=user, role=Role.HEAD, organization=other_school)
    return user


@pytest.fixture
def other_mentor(school):
    user = UserFactory(username="other_mentor")
    PersonFactory(user=user, organization=school)
    RoleAssignment.objects.create(user=user, role=Role.MENTOR)
    return user


def _visible(user):
    return set(permissions.visible_consultations(user).values_list("topic", flat=True))


def test_mentor_sees_shared_and_private(mentor, shared, private):
    assert _visible(mentor) == {"Общая консультация", "Личная заметка"}


@pytest.mark.parametrize("role", ["reservist", "head", "coordinator", "superuser"])
def test_others_in_scope_see_only_the_shared(request, role, shared, private):
    user = request.getfixturevalue(role)
    assert _visible(user) == {"Общая консультация"}
    assert permissions.visible_consultations(user).count() == 1
    with pytest.raises(Http404):
        permissions.get_consultation(user, private.pk)
    assert permissions.get_consultation(user, shared.pk) == shared


@pytest.mark.parametrize(
    "role", ["stranger", "commission", "other_head", "other_mentor"]
)
def test_out_of_scope_see_nothing(request, role, shared, private):
    user = request.getfixturevalue(role)
    assert _visible(user) == set()
    for found in (shared, private):
        with pytest.raises(Http404):
            permissions.get_consultation(user, found.pk)


def test_anonymous_sees_nothing(shared):
    assert _visible(AnonymousUser()) == set()


def test_reservist_next_steps_leave_out_private_notes(reservist, shared, private):
    steps = permissions.own_next_steps(reservist)
    assert [s.text for s in steps] == ["Подготовить справку"]
    assert list(permissions.own_consultations(reservist)) == [shared]


def test_only_the_active_mentor_writes(mentor, reservist, head, coordinator, shared):
    assert permissions.get_consultation(mentor, shared.pk, write=True) == shared
    for user in (reservist, head, coordinator):
        with pytest.raises(PermissionDenied):
            permissions.get_consultation(user, shared.pk, write=True)


def test_ended_mentorship_is_read_only(mentor, reservist, shared):
    Mentorship.objects.filter(pk=shared.mentorship_id).update(
        status=Mentorship.Status.ENDED
    )
    found = permissions.get_consultation(mentor, shared.pk)
    assert not permissions.may_change_consultation(mentor, found)
    assert not permissions.may_mark_step_done(mentor, found)
    assert not permissions.may_mark_step_done(reservist, found)
    assert list(permissions.mentorships_to_consult(mentor)) == []


def test_mark_done_by_mentor_and_reservist_only(
    mentor, reservist, head, coordinator, shared
):
    assert permissions.may_mark_step_done(mentor, shared)
    assert permissions.may_mark_step_done(reservist, shared)
    assert not permissions.may_mark_step_done(head, shared)
    assert not permissions.may_mark_step_done(coordinator, shared)


def test_mentor_consults_only_own_active_mentorships(mentor, mentorship, school):
    MentorshipFactory(reserve_entry__person__organization=school)
    assert list(permissions.mentorships_to_consult(mentor)) == [mentorship]


def test_menu_predicates(mentor, reservist, head, coordinator, commission):
    assert permissions.may_log_consultations(mentor)
    assert not permissions.may_log_consultations(reservist)
    assert permissions.may_view_consultations(head)
    assert permissions.may_view_consultations(coordinator)
    assert not permissions.may_view_consultations(commission)
    assert not permissions.may_view_consultations(reservist)
    assert permissions.may_view_own_consultations(reservist)
    assert not permissions.may_view_own_consultations(mentor)


# Requests ----------------------------------------------------------------------------


@pytest.fixture
def pending(mentorship) -> ConsultationRequest:
    return services.create_request(
        mentorship=mentorship,
        topic="Как готовить педсовет",
        preferred_from=date(2027, 1, 20),
    )


@pytest.mark.parametrize("role", ["mentor", "reservist", "head", "coordinator"])
def test_request_visible_in_scope(request, role, pending):
    user = request.getfixturevalue(role)
    assert permissions.get_request(user, pending.pk) == pending


@pytest.mark.parametrize(
    "role", ["stranger", "commission", "other_head", "other_mentor"]
)
def test_request_hidden_out_of_scope(request, role, pending):
    user = request.getfixturevalue(role)
    assert not permissions.visible_requests(user).exists()
    with pytest.raises(Http404):
        permissions.get_request(user, pending.pk)


def test_only_the_mentor_answers(mentor, reservist, head, coordinator, pending):
    assert permissions.may_answer_request(mentor, pending)
    for user in (reservist, head, coordinator):
        assert not permissions.may_answer_request(user, pending)


def test_mentorship_to_request(reservist, mentor, mentorship):
    assert permissions.mentorship_to_request(reservist) == mentorship
    assert permissions.mentorship_to_request(mentor) is None


def test_log_helper_keeps_scope(mentorship, mentor):
    found = log(mentorship)
    assert permissions.get_consultation(mentor, found.pk) == found

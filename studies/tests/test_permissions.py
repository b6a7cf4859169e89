"""Who sees and does what in the study of legal acts: every role, in and out of
scope. The key of a test (which options are right) is the mentor's and the
coordinator's; the reservist reads it only after submitting, when allowed."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.models import Role, RoleAssignment
from accounts.tests.factories import UserFactory
from mentorships.models import Mentorship
from people.tests.factories import PersonFactory
from studies import permissions, services
from studies.tests.conftest import right_answers

pytestmark = pytest.mark.django_db


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


@pytest.mark.parametrize(
    "role", ["mentor", "reservist", "head", "coordinator", "superuser"]
)
def test_in_scope_see_the_assignment(request, role, test_assignment):
    user = request.getfixturevalue(role)
    assert list(permissions.visible_assignments(user)) == [test_assignment]
    assert permissions.get_assignment(user, test_assignment.pk) == test_assignment


@pytest.mark.parametrize(
    "role", ["stranger", "commission", "other_head", "other_mentor"]
)
def test_out_of_scope_see_nothing(request, role, test_assignment):
    user = request.getfixturevalue(role)
    assert not permissions.visible_assignments(user).exists()
    with pytest.raises(Http404):
        permissions.get_assignment(user, test_assignment.pk)


def test_anonymous_sees_nothing(test_assignment):
    assert not permissions.visible_assignments(AnonymousUser()).exists()
    assert not permissions.may_view_studies(AnonymousUser())


@pytest.mark.parametrize("bad", ["x", 10**30, -1])
def test_a_bad_id_is_not_found(mentor, bad):
    with pytest.raises(Http404):
        permissions.get_assignment(mentor, bad)


MENTOR_ACTIONS = ["may_change_assignment", "may_answer", "may_evaluate_practice_case"]
RESERVIST_ACTIONS = [
    "may_mark_studied",
    "may_ask",
    "may_take_test",
    "may_submit_practice_case",
]


@pytest.mark.parametrize("action", MENTOR_ACTIONS)
@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("mentor", True),
        ("reservist", False),
        ("head", False),
        ("coordinator", False),
        ("other_mentor", False),
    ],
)
def test_the_mentors_actions(request, action, role, allowed, test_assignment):
    user = request.getfixturevalue(role)
    assert getattr(permissions, action)(user, test_assignment) is allowed


@pytest.mark.parametrize("action", RESERVIST_ACTIONS)
@pytest.mark.parametrize(
    ("role", "allowed"),
    [("reservist", True), ("mentor", False), ("head", False), ("coordinator", False)],
)
def test_the_reservists_actions(request, action, role, allowed, test_assignment):
    user = request.getfixturevalue(role)
    assert getattr(permissions, action)(user, test_assignment) is allowed


def test_an_ended_mentorship_is_read_only(mentor, reservist, test_assignment):
    Mentorship.objects.filter(pk=test_assignment.mentorship_id).update(
        status=Mentorship.Status.ENDED
    )
    assignment = permissions.get_assignment(mentor, test_assignment.pk)
    assert permissions.get_assignment(reservist, test_assignment.pk) == assignment
    assert not permissions.may_change_assignment(mentor, assignment)
    assert not permissions.may_take_test(reservist, assignment)


def test_a_reservist_may_not_record_an_interview(
    reservist, mentor, interview_assignment
):
    assert not permissions.may_record_interview(reservist, interview_assignment)
    assert permissions.may_record_interview(mentor, interview_assignment)


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("mentor", True),
        ("coordinator", True),
        ("superuser", True),
        ("reservist", False),
        ("head", False),
        ("stranger", False),
    ],
)
def test_who_reads_the_key(request, role, allowed, test_assignment):
    user = request.getfixturevalue(role)
    assert permissions.may_view_key(user, test_assignment) is allowed


@pytest.mark.parametrize("show_answers", [False, True])
def test_the_reservist_reads_the_key_only_after_submitting_when_allowed(
    reservist, test_assignment, show_answers
):
    test_assignment.show_answers = show_answers
    test_assignment.save()
    attempt = services.start_attempt(assignment=test_assignment)
    assert not permissions.may_view_attempt_key(reservist, test_assignment, attempt)
    services.submit_attempt(
        attempt=attempt, answers=right_answers(test_assignment), by=reservist
    )
    attempt.refresh_from_db()
    assert (
        permissions.may_view_attempt_key(reservist, test_assignment, attempt)
        is show_answers
    )
    with pytest.raises(Http404):
        permissions.get_test_question(
            reservist, test_assignment, test_assignment.questions.first().pk
        )


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("coordinator", True),
        ("mentor", True),
        ("superuser", True),
        ("reservist", False),
        ("head", False),
    ],
)
def test_who_reads_the_banks(request, role, allowed, act):
    user = request.getfixturevalue(role)
    assert permissions.may_view_banks(user) is allowed
    assert permissions.bank_acts(user).filter(pk=act.pk).exists() is allowed


def test_only_the_coordinator_keeps_a_bank(coordinator, mentor, stranger, act):
    assert permissions.get_bank_act(coordinator, act.pk, write=True) == act
    with pytest.raises(PermissionDenied):
        permissions.get_bank_act(mentor, act.pk, write=True)
    with pytest.raises(Http404):
        permissions.get_bank_act(stranger, act.pk)


def test_the_mentors_to_do_holds_the_flagged_checks(
    mentor, other_mentor, interview_assignment, act
):
    services.record_interview(
        assignment=interview_assignment,
        held_on=date(2027, 1, 15),
        mark="pass",
        comment="",
        by=mentor,
    )
    edition = act.editions.create(effective_on=date(2027, 1, 14), note="Изменения")
    services.flag_recheck(edition)
    assert list(permissions.assignments_to_recheck(mentor)) == [interview_assignment]
    assert not permissions.assignments_to_recheck(other_mentor).exists()
    assert permissions.may_reopen(
        mentor, permissions.get_assignment(mentor, interview_assignment.pk)
    )

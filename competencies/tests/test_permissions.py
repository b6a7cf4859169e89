"""Who sees and makes assessments: every role, in and out of scope; the mentor's
assessment hidden from the reservist until both have submitted the point."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.models import Role, RoleAssignment
from accounts.tests.factories import UserFactory
from competencies import permissions
from competencies.tests.conftest import submit
from mentorships.models import Mentorship
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
    return set(permissions.visible_assessments(user).values_list("point", "role"))


@pytest.mark.parametrize("role", ["coordinator", "head", "mentor", "superuser"])
def test_in_scope_see_both(request, role, mentorship):
    submit(mentorship, "self")
    submit(mentorship, "mentor")
    submit(mentorship, "mentor", "middle")
    user = request.getfixturevalue(role)
    assert _visible(user) == {
        ("start", "self"),
        ("start", "mentor"),
        ("middle", "mentor"),
    }


@pytest.mark.parametrize(
    "role", ["stranger", "other_head", "other_mentor", "commission"]
)
def test_out_of_scope_see_nothing(request, role, mentorship):
    a = submit(mentorship, "self")
    submit(mentorship, "mentor")
    user = request.getfixturevalue(role)
    assert _visible(user) == set()
    with pytest.raises(Http404):
        permissions.get_assessment(user, a.pk)


def test_anonymous_sees_nothing(mentorship):
    submit(mentorship, "self")
    assert _visible(AnonymousUser()) == set()


def test_mentors_assessment_is_hidden_until_the_reservist_submits(
    mentorship, reservist
):
    mentors = submit(mentorship, "mentor")
    assert _visible(reservist) == set()
    with pytest.raises(Http404):
        permissions.get_assessment(reservist, mentors.pk)
    submit(mentorship, "self")
    assert _visible(reservist) == {("start", "self"), ("start", "mentor")}
    assert permissions.get_assessment(reservist, mentors.pk) == mentors
    # The middle is hidden again until the reservist assesses it.
    submit(mentorship, "mentor", "middle")
    assert ("middle", "mentor") not in _visible(reservist)


def test_who_assesses_as_whom(mentorship, mentor, reservist, other_mentor):
    assert permissions.may_assess(reservist, mentorship, "self")
    assert not permissions.may_assess(reservist, mentorship, "mentor")
    assert permissions.may_assess(mentor, mentorship, "mentor")
    assert not permissions.may_assess(mentor, mentorship, "self")
    assert not permissions.may_assess(other_mentor, mentorship, "mentor")
    with pytest.raises(PermissionDenied):
        permissions.get_mentorship_to_assess(reservist, mentorship.pk, "mentor")
    with pytest.raises(Http404):
        permissions.get_mentorship_to_assess(other_mentor, mentorship.pk)


def test_an_ended_mentorship_is_read_only(mentorship, mentor, reservist):
    submit(mentorship, "mentor")
    Mentorship.objects.filter(pk=mentorship.pk).update(status=Mentorship.Status.ENDED)
    mentorship.refresh_from_db()
    assert not permissions.may_assess(mentor, mentorship, "mentor")
    assert not permissions.may_assess(reservist, mentorship, "self")
    with pytest.raises(PermissionDenied):
        permissions.get_mentorship_to_assess(mentor, mentorship.pk)
    assert _visible(mentor) == {("start", "mentor")}


@pytest.mark.parametrize(
    ("role", "keeps"),
    [
        ("coordinator", True),
        ("superuser", True),
        ("head", False),
        ("mentor", False),
        ("reservist", False),
    ],
)
def test_framework_is_kept_by_the_coordinator(request, role, keeps):
    user = request.getfixturevalue(role)
    assert permissions.may_keep_framework(user) is keeps
    if not keeps:
        with pytest.raises(PermissionDenied):
            permissions.framework_municipality(user)

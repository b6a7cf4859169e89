"""Mentorship fixtures: more of the cast for the permission tests, and the
cast's mentorship beside one in each other organisation."""

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts.models import Role, RoleAssignment
from accounts.tests.factories import UserFactory
from mentorships.tests.factories import MentorshipFactory
from people.tests.factories import PersonFactory
from reserve.tests.factories import ReserveEntryFactory


@pytest.fixture
def other_head(other_school):
    """The head of «Other school», in the coordinator's municipality."""
    user = UserFactory(username="other_head")
    PersonFactory(user=user, organization=other_school, last_name="Otherhead")
    RoleAssignment.objects.create(user=user, role=Role.HEAD, organization=other_school)
    return user


@pytest.fixture
def nobody(db):
    """Signed in, with neither a role nor a person."""
    return UserFactory(username="nobody")


@pytest.fixture
def user(request):
    """The cast member named by the test's parameter (or an anonymous visitor)."""
    if request.param == "anonymous":
        return AnonymousUser()
    return request.getfixturevalue(request.param)


@pytest.fixture
def mentorships(mentor, reservist, other_school, far_school):
    """The cast's mentor guiding the cast's reservist in «School» (own), and one
    mentorship each in «Other school» and «Far school»."""
    return {
        "own": MentorshipFactory(
            mentor=mentor.person,
            reserve_entry=ReserveEntryFactory(person=reservist.person),
        ),
        "other": MentorshipFactory(reserve_entry__person__organization=other_school),
        "far": MentorshipFactory(reserve_entry__person__organization=far_school),
    }

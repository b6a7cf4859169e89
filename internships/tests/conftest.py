"""Internship fixtures: a fixed «today» (15 January 2027), the cast's internship
(the `mentor`'s reservist, hosted by «Other school» under the `supervisor`),
internships elsewhere, and the parametrised `user`."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from accounts.models import Role, RoleAssignment
from accounts.services import issue_token
from accounts.tests.factories import UserFactory
from internships.tests.factories import make_internship
from people.tests.factories import PersonFactory
from plans.tests.factories import make_eligible, make_mentorship


@pytest.fixture(autouse=True)
def today(request):
    """15 January 2027, five days into the cast's internship; browser tests keep
    the real clock (the browser and Playwright's event loop run on it)."""
    if request.node.get_closest_marker("browser"):
        yield None
        return
    noon = datetime(2027, 1, 15, 12, tzinfo=ZoneInfo("Asia/Tomsk"))
    with time_machine.travel(noon, tick=False):
        yield noon.date()


@pytest.fixture
def supervisor(other_school):
    """A deputy head (a mentor too) of «Other school», who supervises the cast's
    internship."""
    user = UserFactory(username="supervisor")
    PersonFactory(user=user, organization=other_school, last_name="Supervisor")
    RoleAssignment.objects.create(user=user, role=Role.MENTOR)
    return user


@pytest.fixture
def mentorship(mentor, reservist):
    return make_mentorship(
        reservist=reservist.person, mentor=make_eligible(mentor.person)
    )


@pytest.fixture
def internship(mentorship, other_school, supervisor):
    """The cast's reservist's planned internship, 10 Jan – 10 Feb 2027."""
    return make_internship(
        mentorship=mentorship, host=other_school, supervisor=supervisor.person
    )


@pytest.fixture
def other_internship(other_school):
    """An internship of a reservist of «Other school», another mentor."""
    return make_internship(organization=other_school)


@pytest.fixture
def far_internship(far_school):
    return make_internship(organization=far_school)


@pytest.fixture
def internships(internship, other_internship, far_internship):
    return {
        "internship": internship,
        "other_internship": other_internship,
        "far_internship": far_internship,
    }


@pytest.fixture
def user(request):
    """The cast member named by the test's parameter (or an anonymous visitor)."""
    if request.param == "anonymous":
        return AnonymousUser()
    return request.getfixturevalue(request.param)


@pytest.fixture
def api_client():
    """`api_client(user)`: a client with the user's bearer token."""

    def make(user) -> Client:
        return Client(headers={"Authorization": f"Bearer {issue_token(user=user)}"})

    return make

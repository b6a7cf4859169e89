"""Attestation fixtures: a fixed «today» (15 March 2027); «Town»'s commission
formed on 1 October 2026 (chair, secretary, the cast's `commission` member and
two members without accounts); the cast's reservist with the `mentor`; today's
session with the reservist on its agenda; and the parametrised `user`."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from accounts.models import Role, RoleAssignment
from accounts.services import issue_token
from accounts.tests.factories import UserFactory
from attestation.tests.factories import ROLE, make_commission, make_session
from people.tests.factories import PersonFactory
from plans.tests.factories import make_eligible, make_mentorship

TODAY = date(2027, 3, 15)


@pytest.fixture(autouse=True)
def today(request):
    """15 March 2027; browser tests keep the real clock."""
    if request.node.get_closest_marker("browser"):
        yield None
        return
    noon = datetime(2027, 3, 15, 12, tzinfo=ZoneInfo("Asia/Tomsk"))
    with time_machine.travel(noon, tick=False):
        yield noon.date()


def _account(username, workplace):
    user = UserFactory(username=username)
    PersonFactory(user=user, organization=workplace, last_name=username.capitalize())
    return user


@pytest.fixture
def chair(school):
    return _account("chair", school)


@pytest.fixture
def secretary(other_school):
    return _account("secretary", other_school)


@pytest.fixture
def outsider(other_school):
    """A commission member's account whose person does not sit on the commission."""
    user = _account("outsider", other_school)
    RoleAssignment.objects.create(user=user, role=Role.COMMISSION)
    return user


@pytest.fixture
def order(municipality, school, chair, secretary, commission):
    """The order forming «Town»'s commission: five members."""
    return make_commission(
        municipality,
        [
            (chair.person, ROLE.CHAIR),
            (secretary.person, ROLE.SECRETARY),
            (commission.person, ROLE.MEMBER),
            (PersonFactory(organization=school, last_name="Ivanova"), ROLE.MEMBER),
            (PersonFactory(organization=school, last_name="Petrova"), ROLE.MEMBER),
        ],
    )


@pytest.fixture
def mentorship(mentor, reservist):
    return make_mentorship(
        reservist=reservist.person, mentor=make_eligible(mentor.person)
    )


@pytest.fixture
def entry(mentorship):
    return mentorship.reserve_entry


@pytest.fixture
def session(order, municipality, entry):
    """Today's session with the cast's reservist on its agenda."""
    return make_session(municipality, [entry], on=TODAY)


@pytest.fixture
def attestation(session):
    return session.attestations.get()


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

"""Plan fixtures: a fixed «today» inside the plan period, the cast's plan, plans
in the other organisations, the cast's reservist on an approved form, and the
cast's plan approved with one row."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser

from plans import services
from plans.tests.factories import (
    IndividualPlanFactory,
    PlanFormVersionFactory,
    PlanItemFactory,
    make_eligible,
    make_mentorship,
)

TODAY = date(2027, 1, 15)


@pytest.fixture
def today():
    """15 January 2027, midway through the plan period; modules opt in with
    `pytestmark = pytest.mark.usefixtures("today")`."""
    noon = datetime(2027, 1, 15, 12, tzinfo=ZoneInfo("Asia/Tomsk"))
    with time_machine.travel(noon, tick=False):
        yield TODAY


@pytest.fixture
def plan(mentor, reservist):
    """A draft plan of the cast's reservist with the cast's mentor, in «School»."""
    return IndividualPlanFactory(
        reservist=reservist.person, mentor_person=make_eligible(mentor.person)
    )


# Who: a parameter of the test names the cast member ---------------------------------


@pytest.fixture
def user(request):
    """The cast member named by the test's parameter (or an anonymous visitor)."""
    if request.param == "anonymous":
        return AnonymousUser()
    return request.getfixturevalue(request.param)


@pytest.fixture
def other_plan(other_school):
    """A plan in the same municipality, another organisation."""
    return IndividualPlanFactory(organization=other_school)


@pytest.fixture
def far_plan(far_school):
    return IndividualPlanFactory(organization=far_school)


@pytest.fixture
def plans(plan, other_plan, far_plan):
    return {"plan": plan, "other_plan": other_plan, "far_plan": far_plan}


# Plans to create, and a plan to mark ------------------------------------------------


@pytest.fixture
def form_version(municipality):
    return PlanFormVersionFactory(form__municipality=municipality)


@pytest.fixture
def entry(mentor, reservist, form_version):
    """The cast's reservist with the cast's mentor, on an approved form."""
    return make_mentorship(
        reservist=reservist.person, mentor=make_eligible(mentor.person)
    ).reserve_entry


@pytest.fixture
def approved(plan, coordinator):
    """The cast's plan, approved with one row due on 1 December 2026."""
    PlanItemFactory(plan=plan, activity="Row", deadline=date(2026, 12, 1))
    services.submit_plan(plan=plan)
    return services.approve_plan(plan=plan, by=coordinator)


@pytest.fixture
def item(approved):
    return approved.items.get()

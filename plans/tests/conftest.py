"""Plan fixtures: a fixed «today» inside the plan period, and the cast's plan."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from plans.tests.factories import IndividualPlanFactory, make_eligible

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

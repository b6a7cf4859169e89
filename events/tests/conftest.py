"""Event fixtures: a fixed «today», the cast's mentorship with an approved plan,
a seminar of «School» the day before, and the reservist invited as a speaker."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser

from accounts.models import Role, RoleAssignment
from accounts.tests.factories import UserFactory
from events import services
from events.models import Event, EventKind, Involvement
from events.services import EventData
from mentorships.models import Mentorship
from people.tests.factories import PersonFactory
from plans import services as plan_services
from plans.models import PlanItem
from plans.tests.factories import (
    IndividualPlanFactory,
    PlanItemFactory,
    make_eligible,
    make_mentorship,
)

TODAY = date(2027, 1, 15)
TZ = ZoneInfo("Asia/Tomsk")


def at(day: int, hour: int, month: int = 1, year: int = 2027) -> datetime:
    return datetime(year, month, day, hour, tzinfo=TZ)


@pytest.fixture(autouse=True)
def today(request):
    """15 January 2027, noon; the browser tests keep the real clock."""
    if request.node.get_closest_marker("browser"):
        yield None
        return
    with time_machine.travel(at(15, 12), tick=False):
        yield TODAY


@pytest.fixture
def user(request):
    """The cast member named by the test's parameter (or an anonymous visitor)."""
    if request.param == "anonymous":
        return AnonymousUser()
    return request.getfixturevalue(request.param)


def kind_of(municipality, name: str = "Семинар") -> EventKind:
    return EventKind.objects.get(municipality=municipality, name=name)


def make_event(
    *, organization=None, municipality=None, by=None, title="Семинар", day=14, **kw
) -> Event:
    municipality = municipality or organization.municipality
    data = EventData(
        kind=kw.pop("kind", None) or kind_of(municipality),
        title=title,
        starts_at=at(day, 10),
        ends_at=at(day, 12),
        place=kw.pop("place", "Актовый зал"),
        **kw,
    )
    return services.create_event(
        data=data, organization=organization, municipality=municipality, by=by
    )


@pytest.fixture
def mentorship(mentor, reservist) -> Mentorship:
    """The cast's mentor guiding the cast's reservist (active)."""
    return make_mentorship(
        mentor=make_eligible(mentor.person), reservist=reservist.person
    )


@pytest.fixture
def plan_item(mentorship, coordinator) -> PlanItem:
    """A row of the reservist's approved plan: a talk at a seminar."""
    plan = IndividualPlanFactory.create(reserve_entry=mentorship.reserve_entry)
    item = PlanItemFactory.create(plan=plan, activity="Выступление на семинаре")
    plan_services.submit_plan(plan=plan)
    plan_services.approve_plan(plan=plan, by=coordinator)
    item.refresh_from_db()
    return item


@pytest.fixture
def seminar(school, mentor) -> Event:
    """A seminar of «School» yesterday, created by the mentor."""
    return make_event(organization=school, by=mentor, title="Формирующее оценивание")


@pytest.fixture
def involvement(seminar, mentorship, mentor) -> Involvement:
    """The reservist invited to the seminar as a speaker."""
    return services.involve(
        event=seminar,
        mentorship=mentorship,
        degree=Involvement.Degree.SPEAKER,
        task="Доклад «Обратная связь на уроке»",
        prepare_by=date(2027, 1, 13),
        by=mentor,
    )


@pytest.fixture
def other_mentor(school):
    """Another mentor of «School» with their own reservist."""
    user = UserFactory(username="othermentor")
    person = make_eligible(PersonFactory(user=user, organization=school))
    RoleAssignment.objects.create(user=user, role=Role.MENTOR)
    make_mentorship(mentor=person, organization=school)
    return user

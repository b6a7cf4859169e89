"""API test helpers: clients that authenticate with a bearer token, and the
reserve, mentors and plans of the cast."""

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from accounts.models import User
from accounts.services import issue_token
from mentorships.models import MentorOrder
from mentorships.services import OrderLine, create_order, register_order
from mentorships.tests.factories import MentorReadinessFactory
from people.models import Person
from people.tests.factories import PositionFactory
from plans import services as plan_services
from plans.models import IndividualPlan
from plans.tests.factories import IndividualPlanFactory, PlanItemFactory
from reserve.models import ReserveEntry
from reserve.tests.factories import ReserveEntryFactory

API = "/api/v1"


@pytest.fixture(autouse=True)
def _clear_cache():
    """ninja's throttles count requests in the cache; each test starts afresh."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api_client() -> Callable[[User | None], Client]:
    """`api_client(user)`: a client with the user's bearer token; None: anonymous."""

    def make(user: User | None = None) -> Client:
        if user is None:
            return Client()
        token = issue_token(user=user)
        return Client(headers={"Authorization": f"Bearer {token}"})

    return make


def ru(msgid: str) -> str:
    """A message of another app's catalog as the client gets it.

    For model and service messages whose Russian wording belongs to the root
    catalog; the API's own messages are asserted literally."""
    with translation.override("ru"):
        return translation.gettext(msgid)


START, END = date(2026, 9, 10), date(2027, 9, 10)


def make_eligible(person: Person) -> Person:
    """Make the person meet clause 6: administrative, experienced, ready."""
    person.position = PositionFactory.create(
        municipality=person.organization.municipality,
        name="Заместитель директора",
        is_administrative=True,
    )
    person.management_experience = Decimal(10)
    person.save()
    MentorReadinessFactory(person=person)
    return person


def make_order(
    mentor: Person,
    *entries: ReserveEntry,
    number: str = "1",
    register: bool = True,
) -> MentorOrder:
    """An order of the reservists' organisation naming the mentor for each of the
    entries; registered (the mentorships active) unless told otherwise."""
    order = create_order(
        organization=entries[0].person.organization,
        number=number,
        date=START,
        signatory_name="Кузнецов Андрей Петрович",
        signatory_position="Директор",
        lines=[OrderLine(mentor, entry, START, END) for entry in entries],
    )
    if register:
        register_order(order=order)
    return order


@pytest.fixture
def mentor_person(mentor) -> Person:
    """The `mentor` account's person, eligible to mentor."""
    return make_eligible(mentor.person)


@pytest.fixture
def entry(reservist) -> ReserveEntry:
    """The `reservist` account's person in the reserve."""
    return ReserveEntryFactory.create(person=reservist.person)


# Plans ------------------------------------------------------------------------------

PLAN_TODAY = date(2027, 1, 15)  # midway through the plans' period (Sep–Aug)


@pytest.fixture
def today():
    """15 January 2027; plan modules opt in with
    `pytestmark = pytest.mark.usefixtures("today")`."""
    noon = datetime(2027, 1, 15, 12, tzinfo=ZoneInfo("Asia/Tomsk"))
    with time_machine.travel(noon, tick=False):
        yield PLAN_TODAY


@pytest.fixture
def plan(mentor_person, entry) -> IndividualPlan:
    """A draft plan of the `reservist` with the `mentor` (1 Sep 2026 – 31 Aug 2027)
    on Town's approved form, with two rows in its first section."""
    make_order(mentor_person, entry)
    plan = IndividualPlanFactory.create(reserve_entry=entry)
    PlanItemFactory.create_batch(2, plan=plan)
    return plan


def approve(plan: IndividualPlan, by) -> IndividualPlan:
    """Submit and approve the plan as the services do."""
    plan_services.submit_plan(plan=plan)
    return plan_services.approve_plan(plan=plan, by=by)

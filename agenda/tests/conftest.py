"""Calendar fixtures: «today» is 15 January 2027 (noon in Tomsk), and `world`
puts one of everything on January's calendar of the cast:

* the `reservist`, mentored by the `mentor` (an order of «School»), with a plan
  whose items are due on 12, 20 and 25 January (the last one excluded);
* another reservist of «School» with another mentor and an item due on 21
  January (in the head's and coordinator's scope, not in the mentor's);
* an event of «School» on 14 January with the reservist listening;
* an internship of the reservist from 18 to 29 January, supervised by the `head`;
* a planned consultation on 22 January;
* an attestation session on 27 January at 10:00 with the reservist on its agenda
  (the mentor invited), the `commission` member sitting on it."""

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from accounts.services import issue_token
from attestation.models import Attestation, Session
from attestation.tests.factories import ROLE, make_commission, make_session
from consultations.models import Consultation
from consultations.services import create_consultation
from events import services as event_services
from events.models import Event, Involvement
from events.tests.conftest import make_event
from internships.models import Internship
from internships.tests.factories import make_internship
from mentorships.models import Mentorship
from people.tests.factories import PersonFactory
from plans.models import IndividualPlan, PlanItem
from plans.services import remove_item
from plans.tests.factories import (
    IndividualPlanFactory,
    PlanItemFactory,
    make_eligible,
)

TOMSK = ZoneInfo("Asia/Tomsk")
TODAY = date(2027, 1, 15)


@pytest.fixture(autouse=True)
def today(request):
    """15 January 2027, noon in Tomsk; browser tests keep the real clock."""
    if request.node.get_closest_marker("browser"):
        yield None
        return
    with time_machine.travel(datetime(2027, 1, 15, 12, tzinfo=TOMSK), tick=False):
        yield TODAY


@dataclass
class World:
    plan: IndividualPlan
    items: list[PlanItem]
    other_plan: IndividualPlan
    other_item: PlanItem
    event: Event
    involvement: Involvement
    internship: Internship
    consultation: Consultation
    session: Session
    attestation: Attestation


def add_items(plan: IndividualPlan, *days: int) -> list[PlanItem]:
    return [
        PlanItemFactory.create(
            plan=plan, activity=f"Задача на {day} января", deadline=date(2027, 1, day)
        )
        for day in days
    ]


@pytest.fixture
def world(school, mentor, reservist, head, commission, municipality) -> World:
    with time_machine.travel(datetime(2026, 12, 1, 9, tzinfo=TOMSK), tick=False):
        plan = IndividualPlanFactory.create(
            reservist=reservist.person, mentor_person=make_eligible(mentor.person)
        )
        items = add_items(plan, 12, 20, 25)
        other_plan = IndividualPlanFactory.create(organization=school)
        (other_item,) = add_items(other_plan, 21)
    remove_item(item=items[2], by=mentor)
    mentorship = plan.reserve_entry.mentorships.get(status=Mentorship.Status.ACTIVE)
    event = make_event(organization=school, title="Семинар директоров", day=14)
    involvement = event_services.involve(
        event=event,
        mentorship=mentorship,
        degree=Involvement.Degree.LISTENER,
        by=mentor,
    )
    internship = make_internship(
        mentorship=mentorship,
        supervisor=head.person,
        starts_on=date(2027, 1, 18),
        ends_on=date(2027, 1, 29),
    )
    consultation = create_consultation(
        mentorship=mentorship,
        by=mentor,
        held_on=date(2027, 1, 22),
        duration_minutes=60,
        format=Consultation.Format.IN_PERSON,
        area=Consultation.Area.MANAGEMENT,
        topic="Подготовка к педсовету",
        status=Consultation.Status.PLANNED,
    )
    make_commission(
        municipality,
        [
            (PersonFactory.create(organization=school), ROLE.CHAIR),
            (commission.person, ROLE.MEMBER),
        ],
    )
    session = make_session(municipality, [plan.reserve_entry], on=date(2027, 1, 27))
    return World(
        plan=plan,
        items=items,
        other_plan=other_plan,
        other_item=other_item,
        event=event,
        involvement=involvement,
        internship=internship,
        consultation=consultation,
        session=session,
        attestation=session.attestations.get(),
    )


@pytest.fixture
def user(request):
    """The cast member named by the test's parameter."""
    return request.getfixturevalue(request.param)


@pytest.fixture
def api_client():
    def make(user) -> Client:
        return Client(headers={"Authorization": f"Bearer {issue_token(user=user)}"})

    return make

"""The cast's mentorship (`mentor` guides `reservist` at «School») with a draft
plan of one row due 1 February 2027; a fixed «today» (15 January 2027)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from notifications.models import Notification
from plans.models import IndividualPlan, PlanItem
from plans.tests.factories import (
    IndividualPlanFactory,
    PlanItemFactory,
    make_eligible,
    make_mentorship,
)

TODAY = date(2027, 1, 15)
NOON = datetime(2027, 1, 15, 12, tzinfo=ZoneInfo("Asia/Tomsk"))


@pytest.fixture(autouse=True)
def today(request):
    """15 January 2027, noon in Tomsk; browser tests keep the real clock."""
    if request.node.get_closest_marker("browser"):
        yield None
        return
    with time_machine.travel(NOON, tick=False) as traveller:
        yield traveller


@pytest.fixture
def mentorship(mentor, reservist):
    return make_mentorship(
        mentor=make_eligible(mentor.person), reservist=reservist.person
    )


@pytest.fixture
def plan(mentorship) -> IndividualPlan:
    return IndividualPlanFactory.create(reserve_entry=mentorship.reserve_entry)


@pytest.fixture
def item(plan) -> PlanItem:
    return PlanItemFactory.create(
        plan=plan, activity="Изучить устав", deadline=date(2027, 2, 1)
    )


def approve(plan: IndividualPlan, by) -> IndividualPlan:
    plan.status = IndividualPlan.Status.APPROVED
    plan.save(update_fields=["status"])
    return plan


def told(kind: str | None = None) -> list[tuple[str, str]]:
    """(recipient's login, kind) of every notification, in the order made."""
    found = Notification.objects.order_by("pk")
    if kind:
        found = found.filter(kind=kind)
    return list(found.values_list("recipient__username", "kind"))

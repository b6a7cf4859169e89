"""Timeline fixtures: a fixed «today», and the cast's reservist with a plan that
went through every step (drafted, returned, approved with a comment, rows done,
not done, excluded and confirmed, changes re-approved, discussed)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser

from accounts.models import Role, RoleAssignment, User
from accounts.tests.factories import UserFactory
from people.tests.factories import PersonFactory
from plans import services
from plans.models import IndividualPlan, PlanItem
from plans.tests.factories import (
    IndividualPlanFactory,
    PlanItemFactory,
    make_eligible,
    make_mentorship,
)

TODAY = date(2027, 1, 15)
TOMSK = ZoneInfo("Asia/Tomsk")
ACTIVITIES = ("Изучить устав", "Провести педсовет", "Посетить семинар")


@pytest.fixture
def today():
    """15 January 2027, noon in Tomsk; modules opt in with
    `pytestmark = pytest.mark.usefixtures("today")`."""
    with time_machine.travel(datetime(2027, 1, 15, 12, tzinfo=TOMSK), tick=False):
        yield TODAY


@pytest.fixture
def user(request):
    """The cast member named by the test's parameter (or an anonymous visitor)."""
    if request.param == "anonymous":
        return AnonymousUser()
    return request.getfixturevalue(request.param)


def at(day: int, hour: int = 10) -> datetime:
    """A moment of January 2027 in Tomsk."""
    return datetime(2027, 1, day, hour, tzinfo=TOMSK)


def live_through(plan: IndividualPlan, coordinator, mentor) -> IndividualPlan:
    """Take the plan through every step, a day apart (1–10 January 2027)."""
    first, second, third = plan.items.order_by("pk")
    with time_machine.travel(at(1), tick=False):
        plan = services.submit_plan(plan=plan)
    with time_machine.travel(at(2), tick=False):
        plan = services.return_plan(plan=plan, remarks="Уточните сроки")
    with time_machine.travel(at(3), tick=False):
        services.add_comment(plan=plan, author=mentor, text="Сроки уточнены")
        plan = services.submit_plan(plan=plan)
    with time_machine.travel(at(4), tick=False):
        plan = services.approve_plan(plan=plan, by=coordinator, comment="Согласовано")
    with time_machine.travel(at(5), tick=False):
        services.mark_item(
            item=first,
            status=PlanItem.Status.DONE,
            done_on=date(2027, 1, 5),
            evidence_text="Отчёт сдан",
        )
    with time_machine.travel(at(6), tick=False):
        first.refresh_from_db()
        services.confirm_item(item=first, by=mentor)
    with time_machine.travel(at(7), tick=False):
        services.mark_item(
            item=second, status=PlanItem.Status.NOT_DONE, not_done_reason="Болезнь"
        )
    with time_machine.travel(at(8), tick=False):
        services.remove_item(item=third, by=mentor)
        services.add_comment(
            plan=plan, author=coordinator, text="Почему исключён?", item=third
        )
    with time_machine.travel(at(9), tick=False):
        plan.refresh_from_db()
        plan = services.approve_plan(plan=plan, by=coordinator, comment="Принято")
    return plan


@pytest.fixture
def plan(mentor, reservist):
    """A draft plan of the cast's reservist with the cast's mentor, in «School»,
    with three rows due in the autumn of 2026."""
    with time_machine.travel(datetime(2026, 9, 1, 9, tzinfo=TOMSK), tick=False):
        plan = IndividualPlanFactory(
            reservist=reservist.person, mentor_person=make_eligible(mentor.person)
        )
        for n, activity in enumerate(ACTIVITIES):
            PlanItemFactory(
                plan=plan,
                activity=activity,
                deadline=date(2026, 10, 1) + timedelta(days=n),
            )
    return plan


@pytest.fixture
def story(plan, coordinator, mentor):
    """The cast's plan taken through every step (see live_through)."""
    return live_through(plan, coordinator, mentor)


@pytest.fixture
def entry(plan):
    return plan.reserve_entry


def mentor_account(username: str, organization) -> User:
    """An account with the mentor role whose person may mentor (clause 6)."""
    user = UserFactory.create(username=username)
    make_eligible(
        PersonFactory.create(
            user=user, organization=organization, last_name=username.capitalize()
        )
    )
    RoleAssignment.objects.create(user=user, role=Role.MENTOR)
    return user


@pytest.fixture
def successor(story, school):
    """A mentor who replaced the cast's mentor after the plan was completed: the
    completed plan stays the former mentor's record (plans.permissions)."""
    with time_machine.travel(at(10), tick=False):
        services.complete_plan(plan=story)
    user = mentor_account("successor", school)
    with time_machine.travel(at(11), tick=False):
        make_mentorship(entry=story.reserve_entry, mentor=user.person)
    return user

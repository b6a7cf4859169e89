"""The to-do of each role's home: what each sees, what each must not see, and
a constant number of queries whatever the number of reservists."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from consultations import services as consultation_services
from consultations.services import StepData
from consultations.tests.conftest import log
from events import services as event_services
from events.models import Involvement
from events.tests.conftest import make_event
from mentorships.services import OrderLine, create_order
from plan_reports.models import PlanReport
from plans import services as plan_services
from plans.models import PlanItem
from plans.tests.factories import (
    CommentFactory,
    IndividualPlanFactory,
    PlanItemFactory,
    make_eligible,
    make_mentorship,
)
from reserve.tests.factories import ReserveEntryFactory

pytestmark = pytest.mark.django_db
HOME = reverse("home:index")
TODAY = date(2027, 1, 15)


@pytest.fixture(autouse=True)
def today():
    """15 January 2027, a Friday, noon in Tomsk."""
    noon = datetime(2027, 1, 15, 12, tzinfo=ZoneInfo("Asia/Tomsk"))
    with time_machine.travel(noon, tick=False):
        yield TODAY


class Story:
    """The cast's mentor guides the cast's reservist (since 1 September 2026)
    on an approved plan, with something waiting on each side."""


@pytest.fixture
def story(mentor, reservist, coordinator, school):
    s = Story()
    s.mentorship = make_mentorship(
        mentor=make_eligible(mentor.person), reservist=reservist.person
    )
    plan = IndividualPlanFactory.create(reserve_entry=s.mentorship.reserve_entry)
    s.plan = plan

    def item(activity, deadline):
        return PlanItemFactory.create(plan=plan, activity=activity, deadline=deadline)

    s.done = item("Посетить уроки коллег", date(2027, 1, 12))
    s.this_week = item("Подготовить справку о ВСОКО", date(2027, 1, 18))
    s.overdue = item("Изучить устав школы", date(2027, 1, 5))
    s.later = item("Провести педсовет", date(2027, 3, 1))
    plan_services.submit_plan(plan=plan)
    plan_services.approve_plan(plan=plan, by=coordinator)
    PlanItem.objects.filter(pk=s.done.pk).update(
        status=PlanItem.Status.DONE, done_on=date(2027, 1, 10)
    )
    s.question = CommentFactory.create(
        plan=plan, item=s.overdue, author=reservist, text="Какую редакцию устава?"
    )
    asked = CommentFactory.create(
        plan=plan, item=s.later, author=reservist, text="Когда педсовет?"
    )
    s.answered = CommentFactory.create(
        plan=plan, item=s.later, author=mentor, text="В марте."
    )
    assert asked.pk < s.answered.pk
    s.request = consultation_services.create_request(
        mentorship=s.mentorship,
        topic="Как вести переговоры с родителями",
        preferred_from=date(2027, 1, 20),
    )
    past = make_event(organization=school, by=mentor, title="Семинар завучей", day=14)
    coming = make_event(organization=school, by=mentor, title="Конференция", day=25)
    s.to_mark, s.invitation = (
        event_services.involve(
            event=event,
            mentorship=s.mentorship,
            degree=Involvement.Degree.PARTICIPANT,
            by=mentor,
        )
        for event in (past, coming)
    )
    s.consultation = log(
        s.mentorship,
        next_steps=[StepData("Составить график наставничества", date(2027, 1, 29))],
    )
    s.step = s.consultation.next_steps.get()
    return s


def test_the_mentor_sees_what_needs_their_action(client, mentor, story):
    client.force_login(mentor)

    response = client.get(HOME)

    plan_url = story.plan.get_absolute_url()
    assertContains(
        response,
        f'<a href="{plan_url}#item-{story.done.pk}">Посетить уроки коллег</a>',
        html=True,
    )
    assertContains(response, f'id="todo-comment-{story.question.pk}"')
    assertContains(response, "Какую редакцию устава?")
    assertNotContains(response, "Когда педсовет?")  # answered by the mentor
    assertContains(response, f'href="{story.request.get_absolute_url()}"')
    assertContains(
        response,
        f'<a href="{reverse("events:card", args=[story.to_mark.event_id])}'
        f'#involvement-{story.to_mark.pk}">Семинар завучей</a>',
        html=True,
    )
    assertNotContains(response, f'id="todo-attendance-{story.invitation.pk}"')
    # The assessment at the start of the mentorship was due on 1 October.
    assess = reverse("competencies:assess", args=[story.mentorship.pk, "start"])
    assertContains(response, f'href="{assess}"')
    assertNotContains(
        response, reverse("competencies:assess", args=[story.mentorship.pk, "middle"])
    )


def test_the_mentor_sees_this_weeks_deadlines_and_progress(client, mentor, story):
    client.force_login(mentor)

    response = client.get(HOME)

    assertContains(response, "Сроки на этой неделе (до 21 января 2027 г.)")
    assertContains(response, f'id="week-{story.this_week.pk}"')
    for other in (story.overdue, story.later, story.done):
        assertNotContains(response, f'id="week-{other.pk}"')
    entry = story.mentorship.reserve_entry
    assertContains(response, f'id="reservist-{entry.pk}"')
    assertContains(response, "выполнено 1 из 4")


def test_confirmed_items_and_answered_requests_leave_the_mentor_list(
    client, mentor, story
):
    PlanItem.objects.filter(pk=story.done.pk).update(confirmed_at=timezone.now())
    CommentFactory.create(plan=story.plan, item=story.overdue, author=mentor)
    type(story.request).objects.filter(pk=story.request.pk).update(status="answered")
    client.force_login(mentor)

    response = client.get(HOME)

    assertNotContains(response, f'id="todo-confirm-{story.done.pk}"')
    assertNotContains(response, f'id="todo-comment-{story.question.pk}"')
    assertNotContains(response, f'id="todo-request-{story.request.pk}"')


def test_the_reservist_sees_next_steps_invitations_and_self_assessment(
    client, reservist, story
):
    client.force_login(reservist)

    response = client.get(HOME)

    plan_url = story.plan.get_absolute_url()
    assertContains(
        response,
        f'<li id="todo-item-{story.overdue.pk}"><a href="{plan_url}#item-'
        f'{story.overdue.pk}">Изучить устав школы</a>: срок — 5 января 2027 г. '
        '<span class="badge bad">просрочено</span></li>',
        html=True,
    )
    assertContains(response, f'id="todo-item-{story.later.pk}"')
    assertNotContains(response, f'id="todo-item-{story.done.pk}"')
    assertContains(response, "Составить график наставничества")
    assertContains(response, f'id="todo-invitation-{story.invitation.pk}"')
    assertNotContains(response, f'id="todo-invitation-{story.to_mark.pk}"')
    assess = reverse("competencies:assess", args=[story.mentorship.pk, "start"])
    assertContains(response, f'href="{assess}"')
    # Nothing of the mentor's.
    assertNotContains(response, 'id="mentor-todo"')
    assertNotContains(response, "Какую редакцию устава?")


def test_the_head_sees_orders_overdue_plans_and_reservists(
    client, head, story, school, mentor
):
    entry = ReserveEntryFactory.create(person__organization=school)
    order = create_order(
        organization=school,
        number="77-н",
        date=date(2027, 1, 14),
        signatory_name="Кузнецов Андрей Петрович",
        signatory_position="Директор",
        lines=[OrderLine(mentor.person, entry, date(2027, 1, 14), date(2029, 8, 31))],
    )
    client.force_login(head)

    response = client.get(HOME)

    assertContains(response, f'<a href="{order.get_absolute_url()}">', count=1)
    assertContains(response, 'id="todo-overdue-plans"')
    assertContains(response, f'id="reservist-{story.mentorship.reserve_entry_id}"')
    assertContains(response, f'id="reservist-{entry.pk}"')
    # The coordinator approves plans in this municipality.
    assertNotContains(response, "Планы на утверждение")
    # Nothing of the mentor's or the reservist's.
    assertNotContains(response, "Какую редакцию устава?")
    assertNotContains(response, 'id="reservist-todo"')


def test_the_head_who_approves_sees_the_plans_to_approve(
    client, head, municipality, school
):
    municipality.plan_approver = "head"
    municipality.save()
    plan = IndividualPlanFactory.create(organization=school)
    PlanItemFactory.create(plan=plan)
    plan_services.submit_plan(plan=plan)
    client.force_login(head)

    response = client.get(HOME)

    assertContains(response, f'id="todo-approve-{plan.pk}"')


def test_the_coordinator_sees_reports_to_accept(client, coordinator, story):
    PlanReport.objects.create(
        plan=story.plan,
        data={},
        data_refreshed_at=story.plan.created_at,
        status=PlanReport.Status.SUBMITTED,
    )
    client.force_login(coordinator)

    response = client.get(HOME)

    assertContains(
        response,
        f'<li id="todo-reports-to-accept"><a href="{reverse("plan_reports:list")}'
        '?status=submitted">Отчёты о выполнении планов к приёмке</a> '
        '<span class="count">1</span></li>',
        html=True,
    )
    assertNotContains(response, 'id="mentor-todo"')


@pytest.mark.parametrize("role", ["stranger", "commission"])
def test_others_see_none_of_the_story(client, request, role, story):
    client.force_login(request.getfixturevalue(role))

    response = client.get(HOME)

    for text in ("Какую редакцию устава?", "Изучить устав школы", "Конференция"):
        assertNotContains(response, text)


def test_an_empty_to_do_says_so_in_russian(client, mentor, reservist):
    for user in (mentor, reservist):
        client.force_login(user)
        response = client.get(HOME)
        assertNotContains(response, "Здесь будут")
    client.force_login(mentor)
    assertContains(client.get(HOME), "Сейчас ничего не ждёт ваших действий.")
    client.force_login(reservist)
    assertContains(client.get(HOME), "Сейчас у вас нет открытых заданий со сроком.")


# The head's: session, user, roles, linked person; registries: people counts,
# organisations; the reserve figures, mentors, draft orders; plans awaiting
# approval (a count); to-do: reservists of the organisation and their current
# plans, draft orders, plans to approve, plans with overdue rows; the
# conclusions to write as an internship supervisor; the report summary reads
# nothing for a head.
HEAD_HOME_QUERIES = 16


@pytest.mark.parametrize("n", [3, 12])
def test_the_head_home_costs_the_same_at_more_reservists(
    client, head, school, django_assert_max_num_queries, n
):
    for _ in range(n):
        plan = IndividualPlanFactory.create(organization=school)
        PlanItemFactory.create(plan=plan, deadline=date(2027, 1, 1))
    client.force_login(head)

    with django_assert_max_num_queries(HEAD_HOME_QUERIES):
        response = client.get(HOME)

    assert len(response.context["head"].reservists.items) == min(n, 8)

"""The mentor's «My reservists»: current mentees, each with the current plan and its
progress, or the way to start one."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from mentorships.models import Mentorship
from mentorships.tests.factories import MentorshipFactory
from plans.models import IndividualPlan, PlanItem
from plans.tests.factories import IndividualPlanFactory, PlanItemFactory

pytestmark = pytest.mark.django_db

URL = reverse("mentorships:my_reservists")


@pytest.fixture(autouse=True)
def today():
    """15 January 2027, midway through the plans' period."""
    noon = datetime(2027, 1, 15, 12, tzinfo=ZoneInfo("Asia/Tomsk"))
    with time_machine.travel(noon, tick=False):
        yield


def _mentee(mentor, school, name: str = "Алексеев", **kwargs) -> Mentorship:
    return MentorshipFactory.create(
        mentor=mentor.person,
        reserve_entry__person__organization=school,
        reserve_entry__person__last_name=name,
        **kwargs,
    )


def _plan(mentorship: Mentorship, **kwargs) -> IndividualPlan:
    """An approved plan: one row done, one overdue, one ahead, one cancelled."""
    plan = IndividualPlanFactory.create(
        reserve_entry=mentorship.reserve_entry,
        **{"status": IndividualPlan.Status.APPROVED, **kwargs},
    )
    PlanItemFactory(
        plan=plan,
        deadline=date(2026, 11, 1),
        status=PlanItem.Status.DONE,
        done_on=date(2026, 10, 20),
    )
    PlanItemFactory(plan=plan, deadline=date(2026, 12, 1))
    PlanItemFactory(plan=plan, deadline=date(2027, 5, 1))
    PlanItemFactory(
        plan=plan, deadline=date(2026, 12, 1), status=PlanItem.Status.CANCELLED
    )
    return plan


def _card(content: str, mentorship: Mentorship) -> str:
    """The mentorship's «Individual plan» entry on the page."""
    start = content.index(f'<dd id="plan-of-{mentorship.pk}">')
    return content[start : content.index("</dd>", start)]


def test_my_reservists_shows_current_mentees(client, mentor, school):
    for name in ["Алексеев", "Борисов", "Васильев"]:
        _mentee(mentor, school, name)
    _mentee(mentor, school, "Бывший", status=Mentorship.Status.ENDED)
    client.force_login(mentor)
    response = client.get(URL)
    content = response.content.decode()
    assert content.count('class="card reservist-card"') == 3
    assert "Бывший" not in content
    assert "Директор школы" in content


def test_my_reservists_links_the_current_plan_with_its_progress(client, mentor, school):
    mentorship = _mentee(mentor, school)
    plan = _plan(mentorship)
    client.force_login(mentor)
    card = _card(client.get(URL).content.decode(), mentorship)
    assert f'<a href="{plan.get_absolute_url()}">' in card
    assert "1 сентября 2026 г. — 31 августа 2027 г." in card
    assert ">утверждён</span>" in card
    assert "выполнено 1 из 3, просрочено 1" in card
    assert "Создать план" not in card


def test_my_reservists_offers_to_create_a_plan_while_the_mentorship_is_active(
    client, mentor, school
):
    active = _mentee(mentor, school, "Алексеев")
    pending = _mentee(mentor, school, "Борисов", status=Mentorship.Status.PENDING)
    client.force_login(mentor)
    content = client.get(URL).content.decode()
    create = reverse("plans:create", args=[active.reserve_entry_id])
    assert f'<a class="button small" href="{create}">Создать план</a>' in _card(
        content, active
    )
    assert "Создать план" not in _card(content, pending)
    assert "Плана пока нет." in _card(content, pending)


def test_a_completed_plan_is_not_the_current_one(client, mentor, school):
    mentorship = _mentee(mentor, school)
    completed = _plan(mentorship, status=IndividualPlan.Status.COMPLETED)
    client.force_login(mentor)
    card = _card(client.get(URL).content.decode(), mentorship)
    assert completed.get_absolute_url() not in card
    assert "Создать план" in card


def test_my_reservists_never_shows_a_plan_the_mentor_does_not_see(
    client, mentor, school
):
    """The reservist's plan with the former mentor, while the new one's order
    is not registered yet."""
    plan = _plan(MentorshipFactory(reserve_entry__person__organization=school))
    pending = MentorshipFactory(
        mentor=mentor.person,
        reserve_entry=plan.reserve_entry,
        status=Mentorship.Status.PENDING,
    )
    client.force_login(mentor)
    card = _card(client.get(URL).content.decode(), pending)
    assert plan.get_absolute_url() not in card
    assert "Плана пока нет." in card


@pytest.mark.parametrize("n", [3, 9])
def test_my_reservists_query_count_is_constant(
    client, mentor, school, n, django_assert_max_num_queries
):
    for i in range(n):
        mentorship = _mentee(mentor, school, f"Резервист {i}")
        if i % 3:
            _plan(mentorship)
    _mentee(mentor, school, "Ожидающий", status=Mentorship.Status.PENDING)
    client.force_login(mentor)
    # session, user, roles, person, mentorships, the reservists' current plans,
    # their overdue rows
    with django_assert_max_num_queries(7):
        response = client.get(URL)
    assert response.content.decode().count("выполнено 1 из 3") == n - (n + 2) // 3


@pytest.mark.parametrize("who", ["coordinator", "head", "reservist"])
def test_my_reservists_is_the_mentors_page(client, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(URL).status_code == 403


def test_home_overdue_count_agrees_with_my_reservists(client, mentor, school):
    """A submitted plan's past deadline is not overdue yet (the plan is not in
    force): neither page counts it, and both count the approved plan's row."""
    approved = _mentee(mentor, school, "Алексеев")
    _plan(approved)
    submitted = _mentee(mentor, school, "Борисов")
    _plan(submitted, status=IndividualPlan.Status.SUBMITTED)
    client.force_login(mentor)

    content = client.get(URL).content.decode()
    home = client.get(reverse("home:index"))

    assert "просрочено 1" in _card(content, approved)
    assert "просрочено 0" in _card(content, submitted)
    assert home.context["plans"].overdue_items == 1
    assert '<a id="stat-overdue-items"' in home.content.decode()

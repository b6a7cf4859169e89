"""The cast's approved plan (the `mentor` guides the `reservist` at «School»)
with rows done on time, done late, not done and open, a held consultation, a
private note, and the report drafted on it; a fixed «today» (15 June 2027)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from accounts.models import Role, RoleAssignment
from accounts.services import issue_token
from accounts.tests.factories import UserFactory
from competencies.tests.conftest import submit
from consultations import services as consultation_services
from consultations.models import Consultation
from events.models import Involvement
from events.tests.conftest import make_event
from internships.models import Internship
from internships.tests.factories import make_internship
from legal_acts.tests.conftest import make_act
from people.tests.factories import PersonFactory
from plan_reports import services
from plan_reports.models import PlanReport
from plans.models import IndividualPlan, PlanItem
from plans.tests.factories import (
    IndividualPlanFactory,
    PlanItemFactory,
    make_eligible,
    make_mentorship,
)
from studies import services as study_services
from studies.models import StudyAssignment

TODAY = date(2027, 6, 15)


@pytest.fixture(autouse=True)
def today(request):
    """15 June 2027, noon in Tomsk; browser tests keep the real clock."""
    if request.node.get_closest_marker("browser"):
        yield None
        return
    noon = datetime(2027, 6, 15, 12, tzinfo=ZoneInfo("Asia/Tomsk"))
    with time_machine.travel(noon, tick=False):
        yield TODAY


def make_plan(
    reservist_person=None,
    mentor_person=None,
    organization=None,
    status=IndividualPlan.Status.APPROVED,
):
    """A plan (approved unless told) with one row of each outcome: done on time,
    done late, not done with its reason, open (not yet due)."""
    plan = IndividualPlanFactory.create(
        reservist=reservist_person,
        mentor_person=mentor_person,
        organization=organization,
        status=status,
    )
    done = PlanItem.Status.DONE
    PlanItemFactory.create(
        plan=plan,
        activity="Изучить устав",
        deadline=date(2026, 10, 1),
        status=done,
        done_on=date(2026, 9, 20),
    )
    PlanItemFactory.create(
        plan=plan,
        activity="Провести совещание",
        deadline=date(2026, 11, 1),
        status=done,
        done_on=date(2026, 11, 20),
    )
    PlanItemFactory.create(
        plan=plan,
        activity="Подготовить доклад",
        deadline=date(2027, 2, 1),
        status=PlanItem.Status.NOT_DONE,
        not_done_reason="Конференция отменена",
    )
    PlanItemFactory.create(plan=plan, activity="Стажировка", deadline=date(2027, 8, 1))
    return plan


@pytest.fixture
def plan(mentor, reservist):
    """The cast's approved plan."""
    return make_plan(reservist.person, make_eligible(mentor.person))


@pytest.fixture
def consultations(plan):
    """A held shared consultation of 90 minutes and a private note."""
    mentorship = plan.reserve_entry.mentorships.get()
    by = mentorship.mentor.user
    common = {
        "held_on": date(2027, 1, 10),
        "format": Consultation.Format.IN_PERSON,
        "area": Consultation.Area.MANAGEMENT,
        "summary": "",
    }
    consultation_services.create_consultation(
        mentorship=mentorship, by=by, duration_minutes=90, topic="Общая", **common
    )
    consultation_services.create_consultation(
        mentorship=mentorship,
        by=by,
        duration_minutes=30,
        topic="Личная",
        visibility=Consultation.Visibility.PRIVATE,
        **{**common, "area": Consultation.Area.RELATIONS},
    )


@pytest.fixture
def report(plan, mentor) -> PlanReport:
    """The report drafted by the mentor on the cast's plan."""
    return services.create_report(plan=plan, by=mentor)


def write_both(report: PlanReport) -> PlanReport:
    """Both parts written (not agreed)."""
    services.update_part(
        report=report, side="reservist", self_analysis="Я освоил планирование."
    )
    return services.update_part(
        report=report,
        side="mentor",
        conclusion="План выполнен в основном.",
        recommendation=PlanReport.Recommendation.APPOINT,
    )


def agree_both(report: PlanReport) -> PlanReport:
    write_both(report)
    services.agree_report(report=report, side="reservist")
    return services.agree_report(report=report, side="mentor")


@pytest.fixture
def submitted(report, mentor) -> PlanReport:
    agree_both(report)
    return services.submit_report(report=report, by=mentor)


@pytest.fixture
def other_mentor(school):
    """A mentor at «School» who guides someone else."""
    user = UserFactory(username="other_mentor")
    PersonFactory(user=user, organization=school, last_name="Other")
    RoleAssignment.objects.create(user=user, role=Role.MENTOR)
    make_mentorship(mentor=make_eligible(user.person), organization=school)
    return user


@pytest.fixture
def other_head(other_school):
    user = UserFactory(username="other_head")
    PersonFactory(user=user, organization=other_school)
    RoleAssignment.objects.create(user=user, role=Role.HEAD, organization=other_school)
    return user


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


@pytest.fixture
def rich(plan, mentor, other_school, consultations):
    """The mentor's work around the plan: an event spoken at, a concluded
    internship, a legal act checked by an interview, assessments at the start
    and the end."""
    mentorship = plan.reserve_entry.mentorships.get()
    event = make_event(
        organization=plan.reserve_entry.person.organization,
        by=mentor,
        title="Формирующее оценивание",
    )
    Involvement.objects.create(
        event=event,
        reserve_entry=plan.reserve_entry,
        degree=Involvement.Degree.SPEAKER,
        task="Доклад «Обратная связь на уроке»",
        status=Involvement.Status.ACCEPTED,
        attendance=Involvement.Attendance.ATTENDED,
    )
    internship = make_internship(
        mentorship=mentorship,
        host=other_school,
        starts_on=date(2027, 3, 1),
        ends_on=date(2027, 3, 31),
    )
    Internship.objects.filter(pk=internship.pk).update(
        status=Internship.Status.COMPLETED,
        work_done="Провёл педсовет, подготовил справку.",
        assessment=Internship.Assessment.EXCELLENT,
        recommendation="Рекомендуется к назначению.",
        concluded_on=date(2027, 3, 31),
    )
    assignment = study_services.assign(
        mentorship=mentorship,
        act=make_act(plan.municipality),
        by=mentor,
        aim="Знать права и обязанности руководителя",
        due_on=date(2027, 7, 1),
        check_method=StudyAssignment.CheckMethod.INTERVIEW,
        articles="ст. 28, 51",
    )
    StudyAssignment.objects.filter(pk=assignment.pk).update(
        status=StudyAssignment.Status.PASSED
    )
    assignment.interviews.create(
        check_round=1, held_on=date(2027, 5, 20), mark="5", recorded_by=mentor
    )
    for point, (low, high) in (("start", (2, 2)), ("end", (3, 4))):
        submit(mentorship, "self", point, low, high)
        submit(mentorship, "mentor", point, low, high + 1 if high < 5 else high)
    return plan

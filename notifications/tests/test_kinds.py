"""Every kind is told from its domain's action, to the right people by role."""

from datetime import date, time

import pytest

from attestation import services as attestation_services
from attestation.models import Membership
from attestation.tests.factories import make_commission
from consultations import services as consultation_services
from events import services as event_services
from events.models import Involvement
from events.tests.conftest import make_event
from legal_acts.tests.conftest import make_act
from notifications.kinds import Kind
from notifications.models import Notification
from notifications.tests.conftest import told
from organizations.models import Municipality
from people.tests.factories import PersonFactory
from plan_reports import services as report_services
from plan_reports.models import PlanReport
from plans.models import IndividualPlan, PlanItem
from plans.services import (
    approve_plan,
    mark_item,
    return_plan,
    submit_plan,
)
from studies import services as study_services
from studies.models import StudyAssignment

pytestmark = pytest.mark.django_db


def test_a_submitted_plan_is_told_to_the_coordinator_who_approves(
    plan, item, coordinator, head, stranger
):
    submit_plan(plan=plan)
    assert told() == [("coordinator", Kind.PLAN_SUBMITTED)]
    row = Notification.objects.get()
    assert row.url == f"/plans/{plan.pk}/"
    assert row.title.startswith("План ждёт вашего утверждения: ")


def test_a_submitted_plan_is_told_to_the_head_where_heads_approve(
    plan, item, coordinator, head, municipality
):
    municipality.plan_approver = Municipality.PlanApprover.HEAD
    municipality.save()
    submit_plan(plan=IndividualPlan.objects.get(pk=plan.pk))
    assert told() == [("head", Kind.PLAN_SUBMITTED)]


def test_a_returned_and_an_approved_plan_are_told_to_reservist_and_mentor(
    plan, item, coordinator
):
    submit_plan(plan=plan)
    return_plan(plan=plan, remarks="Уточните сроки")
    assert told(Kind.PLAN_RETURNED) == [
        ("reservist", Kind.PLAN_RETURNED),
        ("mentor", Kind.PLAN_RETURNED),
    ]
    submit_plan(plan=plan)
    approve_plan(plan=plan, by=coordinator)
    assert told(Kind.PLAN_APPROVED) == [
        ("reservist", Kind.PLAN_APPROVED),
        ("mentor", Kind.PLAN_APPROVED),
    ]
    # Submitted twice: told twice, each happening once.
    assert told(Kind.PLAN_SUBMITTED) == [("coordinator", Kind.PLAN_SUBMITTED)] * 2


def test_an_item_marked_done_is_told_to_the_mentor(plan, item, coordinator):
    plan.status = IndividualPlan.Status.APPROVED
    plan.save()
    mark_item(item=item, status=PlanItem.Status.IN_PROGRESS)
    assert told() == []
    mark_item(
        item=item,
        status=PlanItem.Status.DONE,
        done_on=date(2027, 1, 14),
        evidence_text="Изучен",
    )
    assert told() == [("mentor", Kind.ITEM_DONE)]


def test_an_event_invitation_is_told_to_the_reservist(
    mentorship, school, coordinator, mentor
):
    event = make_event(organization=school, by=coordinator, day=20)
    event_services.involve(
        event=event,
        mentorship=mentorship,
        degree=Involvement.Degree.PARTICIPANT,
        by=mentor,
    )
    assert told() == [("reservist", Kind.EVENT_INVITATION)]
    assert Notification.objects.get().url == event.get_absolute_url()


def test_a_consultation_request_is_told_to_the_mentor(mentorship):
    consultation_services.create_request(
        mentorship=mentorship, topic="Бюджет школы", preferred_from=date(2027, 1, 20)
    )
    assert told() == [("mentor", Kind.CONSULTATION_REQUEST)]
    assert "Бюджет школы" in Notification.objects.get().title


def test_a_test_assigned_is_told_to_the_reservist_an_interview_is_not(
    mentorship, municipality
):
    act = make_act(municipality)
    common = {
        "mentorship": mentorship,
        "act": act,
        "by": mentorship.mentor.user,
        "aim": "Знать права",
        "due_on": date(2027, 2, 1),
    }
    study_services.assign(check_method=StudyAssignment.CheckMethod.INTERVIEW, **common)
    assert told() == []
    study_services.assign(check_method=StudyAssignment.CheckMethod.TEST, **common)
    assert told() == [("reservist", Kind.TEST_ASSIGNED)]
    assert Notification.objects.get().due_on == date(2027, 2, 1)


def test_an_attestation_is_told_to_the_reservist_and_the_invited_mentor(
    mentorship, municipality, school
):
    make_commission(
        municipality,
        [
            (PersonFactory(organization=school), Membership.Role.CHAIR),
            (PersonFactory(organization=school), Membership.Role.SECRETARY),
        ],
    )
    attestation_services.schedule_session(
        municipality=municipality,
        date=date(2027, 2, 10),
        time=time(10),
        place="Каб. 12",
        entries=[mentorship.reserve_entry],
    )
    assert told() == [
        ("reservist", Kind.ATTESTATION_SCHEDULED),
        ("mentor", Kind.ATTESTATION_SCHEDULED),
    ]
    assert "10.02.2027" in Notification.objects.first().title


def test_a_report_agreed_by_one_side_is_told_to_the_other(plan, item, mentor):
    plan.status = IndividualPlan.Status.APPROVED
    plan.save()
    report = report_services.create_report(plan=plan, by=mentor)
    report_services.update_part(
        report=report, side="reservist", self_analysis="Я освоил планирование."
    )
    report_services.update_part(
        report=report,
        side="mentor",
        conclusion="План выполнен.",
        recommendation=PlanReport.Recommendation.APPOINT,
    )
    report_services.agree_report(report=report, side="reservist")
    assert told() == [("mentor", Kind.REPORT_AGREEMENT)]
    report_services.agree_report(report=report, side="mentor")
    # Both agreed: nobody waits any more.
    assert told() == [("mentor", Kind.REPORT_AGREEMENT)]

"""What asked someone to act stops asking once it is done: the domain's service
that resolves the thing marks its notifications read (resolve())."""

from datetime import date, time

import pytest
from django.urls import reverse

from attestation import services as attestation_services
from attestation.models import Attestation, Membership
from attestation.tests.factories import make_commission
from consultations import services as consultation_services
from consultations.models import Consultation
from events import services as event_services
from events.models import Involvement
from events.tests.conftest import make_event
from legal_acts.tests.conftest import make_act
from notifications import services
from notifications.kinds import Kind
from notifications.models import Notification
from people.tests.factories import PersonFactory
from plan_reports import services as report_services
from plan_reports.models import PlanReport
from plans.models import IndividualPlan, PlanItem
from plans.services import (
    approve_plan,
    confirm_item,
    mark_item,
    return_plan,
    submit_plan,
)
from reminders import services as reminder_services
from studies import services as study_services
from studies.models import Interview, StudyAssignment

pytestmark = pytest.mark.django_db


def unread(kind=None):
    """(recipient's login, kind) of the unread notifications, in the order made
    (the scan's assessments due aside)."""
    found = (
        Notification.objects.filter(read_at__isnull=True)
        .exclude(kind=Kind.ASSESSMENT_DUE)
        .order_by("pk")
    )
    if kind:
        found = found.filter(kind=kind)
    return list(found.values_list("recipient__username", "kind"))


def bell(client) -> str:
    return client.get(reverse("notifications:bell")).content.decode()


# resolve() itself --------------------------------------------------------------------


def test_resolve_marks_read_the_key_and_its_versions_only(mentor, reservist):
    for key in ("plan:1", "plan:1:v2", "plan:12:v1"):
        services.notify([mentor], Kind.PLAN_SUBMITTED, subject="План", key=key)
    services.notify([mentor], Kind.PLAN_APPROVED, subject="План", key="plan:1:v3")
    services.notify([reservist], Kind.PLAN_SUBMITTED, subject="План", key="plan:1")
    assert services.resolve(Kind.PLAN_SUBMITTED, "plan:1", recipients=[mentor]) == 2
    assert unread() == [
        ("mentor", Kind.PLAN_SUBMITTED),  # plan 12
        ("mentor", Kind.PLAN_APPROVED),  # another kind
        ("reservist", Kind.PLAN_SUBMITTED),  # another recipient
    ]
    assert services.resolve((Kind.PLAN_SUBMITTED, Kind.PLAN_APPROVED), "plan:1") == 2
    assert services.resolve(Kind.PLAN_SUBMITTED, "plan:1") == 0
    assert unread() == [("mentor", Kind.PLAN_SUBMITTED)]


def test_resolve_refuses_an_unknown_kind_and_an_empty_key():
    with pytest.raises(ValueError):
        services.resolve("nonsense", "plan:1")
    with pytest.raises(ValueError):
        services.resolve(Kind.PLAN_SUBMITTED, "")


def test_the_bell_count_drops_when_the_plan_is_approved(
    client, plan, item, coordinator
):
    submit_plan(plan=plan)
    client.force_login(coordinator)
    assert 'data-unread="1"' in bell(client)  # now cached
    approve_plan(plan=plan, by=coordinator)
    assert "data-unread" not in bell(client)
    # Still in the list, read.
    assert Notification.objects.get(kind=Kind.PLAN_SUBMITTED).read_at is not None


# From the domains ----------------------------------------------------------------


def test_a_submission_is_resolved_by_the_return_and_the_return_by_resubmitting(
    plan, item, coordinator
):
    submit_plan(plan=plan)
    return_plan(plan=plan, remarks="Уточните сроки")
    assert unread() == [
        ("reservist", Kind.PLAN_RETURNED),
        ("mentor", Kind.PLAN_RETURNED),
    ]
    submit_plan(plan=plan)
    assert unread() == [("coordinator", Kind.PLAN_SUBMITTED)]
    approve_plan(plan=plan, by=coordinator)
    assert unread() == [
        ("reservist", Kind.PLAN_APPROVED),
        ("mentor", Kind.PLAN_APPROVED),
    ]


def test_a_report_agreed_by_the_waited_side_is_resolved_for_it(plan, item, mentor):
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
    assert unread() == [("mentor", Kind.REPORT_AGREEMENT)]
    report_services.agree_report(report=report, side="mentor")
    assert unread() == []


@pytest.mark.parametrize("answer", ["reply", "schedule"])
def test_a_consultation_request_answered_is_resolved(mentorship, mentor, answer):
    request = consultation_services.create_request(
        mentorship=mentorship, topic="Бюджет школы", preferred_from=date(2027, 1, 20)
    )
    assert unread() == [("mentor", Kind.CONSULTATION_REQUEST)]
    if answer == "reply":
        consultation_services.reply_to_request(
            request=request, by=mentor, answer="Смотрите приказ № 5."
        )
    else:
        consultation_services.schedule_request(
            request=request,
            by=mentor,
            held_on=date(2027, 1, 20),
            duration_minutes=60,
            format=Consultation.Format.ONLINE,
            area=Consultation.Area.RELATIONS,
        )
    assert unread() == []


def test_the_mentors_answer_to_an_attestation_resolves_only_the_mentors(
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
    attestation_services.respond_to_invitation(
        attestation=Attestation.objects.get(), accept=True
    )
    assert unread() == [("reservist", Kind.ATTESTATION_SCHEDULED)]


def test_an_event_invitation_answered_is_resolved(mentorship, school, mentor):
    event = make_event(organization=school, by=mentor, day=20)
    involvement = event_services.involve(
        event=event,
        mentorship=mentorship,
        degree=Involvement.Degree.PARTICIPANT,
        by=mentor,
    )
    event_services.respond(involvement=involvement, accept=False, reason="Болею")
    assert unread() == []


def test_an_item_done_resolves_its_deadline_and_its_confirmation_the_mentors_call(
    plan, item, mentor
):
    plan.status = IndividualPlan.Status.APPROVED
    plan.save()
    PlanItem.objects.filter(pk=item.pk).update(deadline=date(2027, 1, 14))
    reminder_services.scan()
    assert len(unread(Kind.OVERDUE)) == 2
    item.refresh_from_db()
    mark_item(
        item=item,
        status=PlanItem.Status.DONE,
        done_on=date(2027, 1, 14),
        evidence_text="Изучен",
    )
    assert unread() == [("mentor", Kind.ITEM_DONE)]
    confirm_item(item=item, by=mentor)
    assert unread() == []


def test_a_check_taken_resolves_the_studys_test_and_deadline(
    mentorship, municipality, mentor
):
    act = make_act(municipality)
    assignment = study_services.assign(
        mentorship=mentorship,
        act=act,
        by=mentor,
        aim="Знать права",
        due_on=date(2027, 1, 16),
        check_method=StudyAssignment.CheckMethod.INTERVIEW,
    )
    reminder_services.scan()
    assert unread() == [("reservist", Kind.DEADLINE_SOON)]
    study_services.record_interview(
        assignment=assignment,
        held_on=date(2027, 1, 15),
        mark=Interview.Mark.FAIL,
        comment="",
        by=mentor,
    )
    assert unread() == []

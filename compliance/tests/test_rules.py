"""A test per rule of compliance/rules.py: met, not yet due and overdue, with the
date each cell shows. «Today» is 15 January 2027 (TODAY); mentorships start on
1 September 2026 unless a test says otherwise."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from accounts.tests.factories import UserFactory
from attestation.models import Attestation, Membership
from attestation.tests.factories import make_commission, make_session
from competencies.models import Assessment
from competencies.services import current_version
from compliance.rules import Status, point_dates
from compliance.tests.conftest import cell
from consultations.models import Consultation
from events.models import Event, EventKind, Involvement
from internships.tests.factories import make_internship
from legal_acts.services import create_legal_act
from mentorships.models import MentorOrder, MentorReadiness, Mentorship
from mentorships.tests.factories import MentorshipFactory
from people.tests.factories import PersonFactory
from plan_reports.models import PlanReport
from plans.models import IndividualPlan, PlanFormVersion, PlanItem
from plans.tests.factories import (
    IndividualPlanFactory,
    PlanItemFactory,
    make_mentorship,
)
from reserve.tests.factories import ReserveEntryFactory
from studies.models import StudyAssignment

pytestmark = pytest.mark.django_db

MET, NOT_DUE, OVERDUE = Status.MET, Status.NOT_DUE, Status.OVERDUE
TZ = ZoneInfo("Asia/Tomsk")


@pytest.fixture
def entry(school):
    return ReserveEntryFactory(
        person=PersonFactory(organization=school), included_on=date(2026, 12, 1)
    )


def mentored(entry, starts_on=date(2026, 9, 1), end=None) -> Mentorship:
    mentorship = make_mentorship(entry=entry, starts_on=starts_on)
    if end is not None:
        Mentorship.objects.filter(pk=mentorship.pk).update(planned_end_on=end)
        mentorship.refresh_from_db()
    return mentorship


def plan_of(entry, status=IndividualPlan.Status.APPROVED, **fields) -> IndividualPlan:
    plan = IndividualPlanFactory.create(reserve_entry=entry, **fields)
    IndividualPlan.objects.filter(pk=plan.pk).update(status=status)
    plan.refresh_from_db()
    return plan


# Cl. 5 -----------------------------------------------------------------------------


def test_mentor_appointed_not_yet_due_within_a_month_of_inclusion(entry):
    found = cell(entry, "mentor_appointed", today=date(2026, 12, 20))
    assert (found.status, found.due_on) == (NOT_DUE, date(2026, 12, 31))


def test_mentor_appointed_overdue_a_month_after_inclusion(entry):
    found = cell(entry, "mentor_appointed")
    assert (found.status, found.due_on) == (OVERDUE, date(2026, 12, 31))


def test_mentor_pending_a_draft_order_is_not_appointed(entry):
    MentorshipFactory(
        reserve_entry=entry,
        status=Mentorship.Status.PENDING,
        order__status=MentorOrder.Status.DRAFT,
    )
    found = cell(entry, "mentor_appointed")
    assert found.status == OVERDUE
    assert found.url is not None  # the draft order, to register it


def test_mentor_appointed_met_by_a_registered_order(entry):
    mentorship = mentored(entry)
    found = cell(entry, "mentor_appointed")
    assert found.status == MET
    assert found.url == f"/mentorships/orders/{mentorship.order_id}/"


# Cl. 6 -----------------------------------------------------------------------------


def test_mentor_eligible_met(entry):
    mentorship = mentored(entry)
    found = cell(entry, "mentor_eligible")
    assert (found.status, found.due_on) == (MET, date(2026, 9, 1))
    assert found.url == f"/people/{mentorship.mentor_id}/"


def test_mentor_eligible_overdue_without_readiness(entry):
    mentorship = mentored(entry)
    MentorReadiness.objects.filter(person=mentorship.mentor).delete()
    found = cell(entry, "mentor_eligible")
    assert (found.status, found.due_on) == (OVERDUE, date(2026, 9, 1))


def test_mentor_eligible_overdue_below_the_coordinators_experience(entry):
    mentorship = mentored(entry)
    municipality = entry.person.organization.municipality
    municipality.mentor_min_experience = 20
    municipality.save()
    assert mentorship.mentor.management_experience < 20
    assert cell(entry, "mentor_eligible").status == OVERDUE


def test_mentor_eligible_not_due_without_a_mentor(entry):
    found = cell(entry, "mentor_eligible")
    assert (found.status, found.due_on, found.url) == (NOT_DUE, None, None)


# 8.1 -------------------------------------------------------------------------------


def test_plan_approved_not_yet_due_in_the_first_month(entry):
    mentored(entry, starts_on=date(2026, 12, 20))
    found = cell(entry, "plan_approved")
    assert (found.status, found.due_on) == (NOT_DUE, date(2027, 1, 19))


def test_plan_approved_overdue_with_a_draft(entry):
    mentored(entry)
    plan = plan_of(entry, status=IndividualPlan.Status.DRAFT)
    found = cell(entry, "plan_approved")
    assert (found.status, found.due_on) == (OVERDUE, date(2026, 10, 1))
    assert found.url == f"/plans/{plan.pk}/"


def test_plan_approved_met(entry):
    mentored(entry)
    plan_of(entry)
    assert cell(entry, "plan_approved").status == MET


def test_plan_on_a_form_not_approved_does_not_count(entry):
    mentored(entry)
    plan = plan_of(entry)
    PlanFormVersion.objects.filter(pk=plan.form_version_id).update(status="draft")
    assert cell(entry, "plan_approved").status == OVERDUE


def items(entry, *rows, plan_status=IndividualPlan.Status.APPROVED):
    mentored(entry)
    plan = plan_of(entry, status=plan_status)
    for deadline, status, done_on in rows:
        PlanItemFactory(plan=plan, deadline=deadline, status=status, done_on=done_on)
    return plan


def test_plan_items_not_yet_due_before_the_first_deadline(entry):
    items(entry, (date(2027, 1, 20), PlanItem.Status.PLANNED, None))
    found = cell(entry, "plan_items")
    assert (found.status, found.due_on) == (NOT_DUE, date(2027, 1, 20))


def test_plan_items_overdue_with_an_open_item_past_its_deadline(entry):
    plan = items(
        entry,
        (date(2027, 1, 5), PlanItem.Status.DONE, date(2027, 1, 4)),
        (date(2027, 1, 10), PlanItem.Status.IN_PROGRESS, None),
        (date(2027, 1, 20), PlanItem.Status.PLANNED, None),
    )
    found = cell(entry, "plan_items")
    assert (found.status, found.due_on) == (OVERDUE, date(2027, 1, 10))
    assert found.url == f"/plans/{plan.pk}/"


def test_plan_items_met_when_due_items_are_closed_even_late(entry):
    items(
        entry,
        (date(2027, 1, 5), PlanItem.Status.DONE, date(2027, 1, 12)),
        (date(2027, 1, 10), PlanItem.Status.CANCELLED, None),
        (date(2027, 1, 20), PlanItem.Status.PLANNED, None),
    )
    found = cell(entry, "plan_items")
    assert (found.status, found.due_on) == (MET, date(2027, 1, 5))


def test_plan_items_of_a_draft_plan_are_not_counted(entry):
    items(
        entry,
        (date(2027, 1, 5), PlanItem.Status.PLANNED, None),
        plan_status=IndividualPlan.Status.DRAFT,
    )
    assert cell(entry, "plan_items").status == NOT_DUE


# 8.2 -------------------------------------------------------------------------------


def involve(entry, **fields) -> Involvement:
    municipality = entry.person.organization.municipality
    event = Event.objects.create(
        municipality=municipality,
        kind=EventKind.objects.filter(municipality=municipality)[0],
        title="Семинар директоров",
        starts_at=datetime(2026, 11, 10, 10, tzinfo=TZ),
        ends_at=datetime(2026, 11, 10, 12, tzinfo=TZ),
    )
    values = {"degree": Involvement.Degree.SPEAKER} | fields
    return Involvement.objects.create(event=event, reserve_entry=entry, **values)


def test_event_not_yet_due_in_the_first_half_year(entry):
    mentored(entry)
    found = cell(entry, "event")
    assert (found.status, found.due_on) == (NOT_DUE, date(2027, 2, 28))


def test_event_overdue_after_half_a_year_with_a_declined_invitation(entry):
    mentored(entry)
    involve(entry, status=Involvement.Status.DECLINED)
    found = cell(entry, "event", today=date(2027, 3, 1))
    assert (found.status, found.due_on) == (OVERDUE, date(2027, 2, 28))


def test_event_met_with_a_degree_of_participation(entry):
    mentored(entry)
    involvement = involve(entry)
    found = cell(entry, "event", today=date(2027, 3, 1))
    assert found.status == MET
    assert found.url == f"/events/{involvement.event_id}/"


# 8.3 -------------------------------------------------------------------------------


def test_internship_not_yet_due_in_the_first_three_months(entry):
    mentored(entry, starts_on=date(2026, 12, 1))
    found = cell(entry, "internship")
    assert (found.status, found.due_on) == (NOT_DUE, date(2027, 3, 1))


def test_internship_overdue_after_three_months(entry):
    mentored(entry)
    found = cell(entry, "internship")
    assert (found.status, found.due_on) == (OVERDUE, date(2026, 11, 30))


def test_internship_met_once_set(entry):
    internship = make_internship(mentorship=mentored(entry))
    found = cell(entry, "internship")
    assert found.status == MET
    assert found.url == f"/internships/{internship.pk}/"


# 8.4–8.7 ---------------------------------------------------------------------------


def consult(mentorship, held_on, status=Consultation.Status.HELD) -> Consultation:
    return Consultation.objects.create(
        mentorship=mentorship,
        held_on=held_on,
        duration_minutes=60,
        format=Consultation.Format.IN_PERSON,
        topic="Подготовка педсовета",
        area=Consultation.Area.MANAGEMENT,
        status=status,
    )


def test_consultations_not_yet_due_in_the_first_quarter(entry):
    mentorship = mentored(entry, starts_on=date(2026, 12, 1))
    consult(mentorship, date(2027, 1, 20), status=Consultation.Status.PLANNED)
    found = cell(entry, "consultations")
    assert (found.status, found.due_on) == (NOT_DUE, date(2027, 3, 1))


def test_consultations_overdue_a_quarter_after_the_last(entry):
    mentorship = mentored(entry)
    consult(mentorship, date(2026, 9, 15))
    found = cell(entry, "consultations")
    assert (found.status, found.due_on) == (OVERDUE, date(2026, 12, 14))


def test_consultations_met_within_the_quarter(entry):
    mentorship = mentored(entry)
    consultation = consult(mentorship, date(2026, 12, 1))
    found = cell(entry, "consultations")
    assert (found.status, found.due_on) == (MET, date(2027, 3, 1))
    assert found.url == f"/consultations/{consultation.pk}/"


# 8.8 -------------------------------------------------------------------------------


def assign(mentorship, due_on, status=StudyAssignment.Status.ASSIGNED):
    act = create_legal_act(
        municipality=mentorship.reserve_entry.person.organization.municipality,
        level="federal",
        kind="federal_law",
        number=f"{due_on:%m%d}-ФЗ",
        adopted_on=date(2012, 12, 29),
        title="Об образовании в Российской Федерации",
        issued_by="Федеральное Собрание",
        url="",
    )
    return StudyAssignment.objects.create(
        mentorship=mentorship,
        act=act,
        aim="Изучить",
        due_on=due_on,
        check_method=StudyAssignment.CheckMethod.INTERVIEW,
        status=status,
    )


def test_legal_acts_not_yet_due_in_the_first_two_months(entry):
    mentored(entry, starts_on=date(2026, 12, 1))
    found = cell(entry, "legal_acts")
    assert (found.status, found.due_on) == (NOT_DUE, date(2027, 1, 30))


def test_legal_acts_not_yet_due_while_the_assignment_runs(entry):
    assign(mentored(entry), date(2027, 2, 1))
    found = cell(entry, "legal_acts")
    assert (found.status, found.due_on) == (NOT_DUE, date(2027, 2, 1))


def test_legal_acts_overdue_when_none_assigned_after_two_months(entry):
    mentored(entry)
    found = cell(entry, "legal_acts")
    assert (found.status, found.due_on) == (OVERDUE, date(2026, 10, 31))


def test_legal_acts_overdue_past_the_deadline(entry):
    mentorship = mentored(entry)
    assign(mentorship, date(2026, 12, 1), status=StudyAssignment.Status.PASSED)
    late = assign(mentorship, date(2027, 1, 10), status=StudyAssignment.Status.STUDIED)
    found = cell(entry, "legal_acts")
    assert (found.status, found.due_on) == (OVERDUE, date(2027, 1, 10))
    assert found.url == f"/studies/{late.pk}/"


def test_legal_acts_overdue_while_a_recheck_waits(entry):
    mentorship = mentored(entry)
    assign(mentorship, date(2026, 12, 1), status=StudyAssignment.Status.PASSED)
    recheck = assign(
        mentorship, date(2026, 12, 2), status=StudyAssignment.Status.RECHECK
    )
    found = cell(entry, "legal_acts")
    assert found.status == OVERDUE
    assert found.url == f"/studies/{recheck.pk}/"


def test_legal_acts_met_once_checked(entry):
    mentorship = mentored(entry)
    assign(mentorship, date(2026, 12, 1), status=StudyAssignment.Status.PASSED)
    assign(mentorship, date(2026, 12, 5), status=StudyAssignment.Status.FAILED)
    assert cell(entry, "legal_acts").status == MET


# Cl. 2–3 ---------------------------------------------------------------------------


def assess(mentorship, point, *roles):
    version = current_version(mentorship.municipality)
    author = UserFactory()
    for role in roles:
        Assessment.objects.create(
            mentorship=mentorship,
            version=version,
            point=point,
            role=role,
            author=author,
            submitted_at=datetime(2026, 10, 1, 10, tzinfo=TZ),
        )


BOTH = (Assessment.Role.SELF, Assessment.Role.MENTOR)


def test_point_dates():
    dates = point_dates(date(2026, 9, 1), date(2027, 9, 1))
    assert dates == {
        "start": date(2026, 10, 1),
        "middle": date(2027, 3, 2),
        "end": date(2027, 9, 1),
    }


def test_assessments_not_yet_due_in_the_first_month(entry):
    mentored(entry, starts_on=date(2026, 12, 20))
    found = cell(entry, "assessments")
    assert (found.status, found.due_on) == (NOT_DUE, date(2027, 1, 19))


def test_assessments_overdue_with_one_side_only_at_the_start(entry):
    mentorship = mentored(entry)
    assess(mentorship, Assessment.Point.START, Assessment.Role.SELF)
    found = cell(entry, "assessments")
    assert (found.status, found.due_on) == (OVERDUE, date(2026, 10, 1))
    assert found.url == f"/competencies/reservists/{entry.pk}/"


def test_assessments_overdue_past_the_middle(entry):
    # 1 September 2026 – 21 January 2027: half-way is 11 November 2026.
    mentorship = mentored(entry, end=date(2027, 1, 21))
    assess(mentorship, Assessment.Point.START, *BOTH)
    found = cell(entry, "assessments")
    assert (found.status, found.due_on) == (OVERDUE, date(2026, 11, 11))
    # The day before half-way it was met, the middle next.
    found = cell(entry, "assessments", today=date(2026, 11, 11))
    assert (found.status, found.due_on) == (MET, date(2026, 11, 11))


def test_assessments_met_at_the_points_due(entry):
    mentorship = mentored(entry, end=date(2027, 1, 21))
    assess(mentorship, Assessment.Point.START, *BOTH)
    assess(mentorship, Assessment.Point.MIDDLE, *BOTH)
    found = cell(entry, "assessments")
    assert (found.status, found.due_on) == (MET, date(2027, 1, 21))
    found = cell(entry, "assessments", today=date(2027, 1, 22))
    assert (found.status, found.due_on) == (OVERDUE, date(2027, 1, 21))


# 8.9 -------------------------------------------------------------------------------


def scheduled(entry, on) -> Attestation:
    municipality = entry.person.organization.municipality
    chair = PersonFactory.create(organization=entry.person.organization)
    make_commission(municipality, [(chair, Membership.Role.CHAIR)])
    make_session(municipality, [entry], on=on)
    return Attestation.objects.get(reserve_entry=entry)


def test_mentor_invited_not_yet_due_without_a_session(entry):
    mentored(entry)
    found = cell(entry, "mentor_invited")
    assert (found.status, found.due_on) == (NOT_DUE, None)


def test_mentor_invited_met_by_the_invitation(entry):
    mentored(entry)
    attestation = scheduled(entry, date(2027, 2, 1))
    assert attestation.invitation == Attestation.Invitation.INVITED
    found = cell(entry, "mentor_invited")
    assert (found.status, found.due_on) == (MET, date(2027, 1, 25))
    assert found.url == f"/attestation/{attestation.pk}/"


def test_mentor_not_invited_a_week_before_is_overdue(entry):
    mentored(entry)
    attestation = scheduled(entry, date(2027, 1, 20))
    Attestation.objects.filter(pk=attestation.pk).update(invitation="")
    found = cell(entry, "mentor_invited")
    assert (found.status, found.due_on) == (OVERDUE, date(2027, 1, 13))
    found = cell(entry, "mentor_invited", today=date(2027, 1, 12))
    assert (found.status, found.due_on) == (NOT_DUE, date(2027, 1, 13))


# 8.10 ------------------------------------------------------------------------------


def report_of(plan, status) -> PlanReport:
    return PlanReport.objects.create(
        plan=plan, data={}, data_refreshed_at=plan.created_at, status=status
    )


def test_report_not_yet_due_before_the_plan_ends(entry):
    mentored(entry)
    report_of(plan_of(entry), PlanReport.Status.DRAFT)
    found = cell(entry, "report")
    assert (found.status, found.due_on) == (NOT_DUE, date(2027, 8, 31))


def test_report_overdue_after_the_plan_ends(entry):
    mentored(entry)
    report = report_of(plan_of(entry), PlanReport.Status.DRAFT)
    found = cell(entry, "report", today=date(2027, 9, 1))
    assert (found.status, found.due_on) == (OVERDUE, date(2027, 8, 31))
    assert found.url == f"/reports/{report.pk}/"


def test_report_met_once_submitted(entry):
    mentored(entry)
    report_of(plan_of(entry), PlanReport.Status.SUBMITTED)
    assert cell(entry, "report", today=date(2027, 9, 1)).status == MET


# The attestation -------------------------------------------------------------------


def test_attestation_not_yet_due_before_the_mentorship_ends(entry):
    mentored(entry, end=date(2027, 1, 10))
    found = cell(entry, "attestation")
    assert (found.status, found.due_on) == (NOT_DUE, date(2027, 3, 11))


def test_attestation_overdue_two_months_after_the_end(entry):
    mentored(entry, end=date(2026, 11, 1))
    found = cell(entry, "attestation")
    assert (found.status, found.due_on) == (OVERDUE, date(2026, 12, 31))


def test_attestation_overdue_when_its_session_passed(entry):
    mentored(entry)
    scheduled(entry, date(2027, 1, 10))
    found = cell(entry, "attestation")
    assert (found.status, found.due_on) == (OVERDUE, date(2027, 1, 10))


def test_attestation_met_once_held(entry):
    mentored(entry)
    attestation = scheduled(entry, date(2027, 1, 10))
    Attestation.objects.filter(pk=attestation.pk).update(status=Attestation.Status.HELD)
    found = cell(entry, "attestation")
    assert found.status == MET
    assert found.url == f"/attestation/{attestation.pk}/"

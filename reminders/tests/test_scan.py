"""The periodic scan: deadlines near (the municipality's N days), overdue rows
and assessments due, each told once however often it runs."""

import itertools
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command

from accounts.tests.factories import UserFactory
from competencies.models import Assessment
from competencies.services import current_version
from events import services as event_services
from events.models import Involvement
from events.tests.conftest import make_event
from internships.models import Internship
from internships.tests.factories import make_internship
from legal_acts.tests.conftest import make_act
from notifications import services as notification_services
from notifications.kinds import Kind
from notifications.models import Notification
from notifications.tests.conftest import told
from people.tests.factories import PersonFactory
from plans.models import IndividualPlan, PlanItem
from plans.tests.factories import PlanItemFactory
from reminders import rules, services, tasks
from studies.models import StudyAssignment
from studies.tests.conftest import assign

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(plan):
    plan.status = IndividualPlan.Status.APPROVED
    plan.save()
    return plan


def row(plan, deadline, status=PlanItem.Status.PLANNED, **fields):
    if status == PlanItem.Status.DONE:
        fields |= {"done_on": deadline, "evidence_text": "Сделано"}
    if status == PlanItem.Status.NOT_DONE:
        fields |= {"not_done_reason": "Болезнь"}
    return PlanItemFactory.create(plan=plan, deadline=deadline, status=status, **fields)


def item_kinds():
    return sorted(
        Notification.objects.exclude(kind=Kind.ASSESSMENT_DUE).values_list(
            "recipient__username", "kind", "due_on"
        )
    )


def test_near_and_overdue_rows_are_told_to_reservist_and_mentor(approved):
    row(approved, date(2027, 1, 18))  # in 3 days: the default N
    row(approved, date(2027, 1, 19))  # in 4 days: not yet
    row(approved, date(2027, 1, 14))  # yesterday: overdue
    row(approved, date(2027, 1, 10), status=PlanItem.Status.DONE)
    row(approved, date(2027, 1, 10), status=PlanItem.Status.NOT_DONE)
    services.scan()
    assert item_kinds() == [
        ("mentor", Kind.DEADLINE_SOON, date(2027, 1, 18)),
        ("mentor", Kind.OVERDUE, date(2027, 1, 14)),
        ("reservist", Kind.DEADLINE_SOON, date(2027, 1, 18)),
        ("reservist", Kind.OVERDUE, date(2027, 1, 14)),
    ]


def test_the_coordinators_n_days_is_used(approved, municipality):
    notification_services.update_reminder_settings(
        municipality=municipality, days_before=5
    )
    row(approved, date(2027, 1, 20))
    row(approved, date(2027, 1, 21))
    services.scan()
    assert {d for _u, _k, d in item_kinds()} == {date(2027, 1, 20)}


def test_a_draft_plan_is_not_reminded_of(plan):
    row(plan, date(2027, 1, 14))
    services.scan()
    assert item_kinds() == []


def test_the_scan_twice_tells_nothing_twice_and_sends_each_letter_once(
    approved, today, django_capture_on_commit_callbacks
):
    row(approved, date(2027, 1, 16))
    with django_capture_on_commit_callbacks(execute=True):
        first = services.scan()
    with django_capture_on_commit_callbacks(execute=True):
        second = services.scan()
    assert first.created > 0
    assert second.created == 0
    sent = len(mail.outbox)
    assert sent == Notification.objects.exclude(email_status="none").count()
    assert sent == len({(m.to[0], m.subject) for m in mail.outbox})
    # The next day the near deadline is still near: nothing new; two days later
    # it is overdue: told once more.
    today.shift(timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.scan().created == 0
    today.shift(timedelta(days=2))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.scan().created == 2
    assert told(Kind.OVERDUE) == [
        ("reservist", Kind.OVERDUE),
        ("mentor", Kind.OVERDUE),
    ]


def test_a_moved_deadline_is_reminded_of_again(approved):
    item = row(approved, date(2027, 1, 16))
    services.scan()
    item.deadline = date(2027, 1, 17)
    item.save()
    services.scan()
    assert len(told(Kind.DEADLINE_SOON)) == 4


def test_assessments_due_go_to_who_has_not_assessed(mentorship, mentor, reservist):
    # The mentorship starts 1 September 2026: the start point is due on
    # 1 October 2026 (passed), the middle one later than today + 3 days.
    points = rules.assessment_points(mentorship)
    assert points[Assessment.Point.START] == date(2026, 10, 1)
    assert points[Assessment.Point.MIDDLE] > date(2027, 1, 18)
    services.scan()
    assert sorted(
        Notification.objects.filter(kind=Kind.ASSESSMENT_DUE).values_list(
            "recipient__username", "due_on"
        )
    ) == [("mentor", date(2026, 10, 1)), ("reservist", date(2026, 10, 1))]
    url = Notification.objects.filter(kind=Kind.ASSESSMENT_DUE).first().url
    assert url == f"/competencies/assess/{mentorship.pk}/start/"


def test_an_assessment_made_is_not_reminded_of(mentorship, mentor, reservist):
    Assessment.objects.create(
        mentorship=mentorship,
        version=_version(mentorship),
        point=Assessment.Point.START,
        role=Assessment.Role.SELF,
        author=reservist,
        submitted_at=mentorship.created_at,
    )
    services.scan()
    assert told(Kind.ASSESSMENT_DUE) == [("mentor", Kind.ASSESSMENT_DUE)]


def _version(mentorship):
    return current_version(mentorship.municipality)


def test_the_scan_costs_the_same_for_more_rows(approved, django_assert_num_queries):
    row(approved, date(2027, 1, 14))
    services.scan()  # warm: what is told is told
    with django_assert_num_queries(13) as few:
        services.scan()
    for _ in range(10):
        row(approved, date(2027, 1, 14))
    Notification.objects.all().delete()
    services.scan()
    with django_assert_num_queries(len(few.captured_queries)):
        services.scan()


def test_the_command_and_the_task_run_the_scan(approved, capsys):
    row(approved, date(2027, 1, 14))
    call_command("scan_reminders")
    assert "Reminders stored: 4" in capsys.readouterr().out
    tasks.scan_reminders.enqueue()  # the immediate backend of the tests
    call_command("scan_reminders", "--enqueue")
    assert Notification.objects.count() == 4


# Other dated obligations: study assignments, preparation for events, internships.


def dated(kind_filter=(Kind.DEADLINE_SOON, Kind.OVERDUE, Kind.INTERNSHIP_SOON)):
    return sorted(
        Notification.objects.filter(kind__in=kind_filter).values_list(
            "recipient__username", "kind", "due_on", "url"
        )
    )


ACTS = itertools.count(1)


def study(mentorship, due_on, status=StudyAssignment.Status.ASSIGNED):
    act = make_act(mentorship.municipality, number=f"{next(ACTS)}-ФЗ")
    assignment = assign(mentorship, act)
    StudyAssignment.objects.filter(pk=assignment.pk).update(
        due_on=due_on, status=status
    )
    return assignment


def test_open_study_assignments_near_to_the_reservist_overdue_to_both(
    mentorship, mentor, reservist
):
    near = study(mentorship, date(2027, 1, 17))
    late = study(mentorship, date(2027, 1, 12), StudyAssignment.Status.STUDIED)
    study(mentorship, date(2027, 1, 25))  # not yet
    study(mentorship, date(2027, 1, 12), StudyAssignment.Status.PASSED)
    study(mentorship, date(2027, 1, 12), StudyAssignment.Status.FAILED)
    services.scan()
    assert dated() == [
        ("mentor", Kind.OVERDUE, date(2027, 1, 12), f"/studies/{late.pk}/"),
        ("reservist", Kind.DEADLINE_SOON, date(2027, 1, 17), f"/studies/{near.pk}/"),
        ("reservist", Kind.OVERDUE, date(2027, 1, 12), f"/studies/{late.pk}/"),
    ]
    title = Notification.objects.get(recipient=reservist, kind=Kind.OVERDUE).title
    assert title.startswith("Просрочено (срок 12.01.2027): изучение «")
    assert services.scan().created == 0


def involved(mentorship, mentor, prepare_by, day=20, **fields):
    event = make_event(
        organization=mentorship.reserve_entry.person.organization,
        by=mentor,
        title=f"Семинар {day}",
        day=day,
    )
    involvement = event_services.involve(
        event=event,
        mentorship=mentorship,
        degree=Involvement.Degree.SPEAKER,
        task="Доклад",
        prepare_by=prepare_by,
        by=mentor,
    )
    Involvement.objects.filter(pk=involvement.pk).update(**fields)
    return involvement


def test_preparation_for_an_event_ahead_is_reminded_of(mentorship, mentor, reservist):
    near = involved(mentorship, mentor, date(2027, 1, 18))
    late = involved(mentorship, mentor, date(2027, 1, 13), day=21)
    involved(mentorship, mentor, date(2027, 1, 13), day=22, status="declined")
    involved(
        mentorship, mentor, date(2027, 1, 13), day=23, outcome_at=mentorship.created_at
    )
    involved(mentorship, mentor, None, day=24)
    involved(mentorship, mentor, date(2027, 1, 10), day=14)  # the event is past
    services.scan()
    assert dated() == [
        ("mentor", Kind.OVERDUE, date(2027, 1, 13), f"/events/{late.event_id}/"),
        (
            "reservist",
            Kind.DEADLINE_SOON,
            date(2027, 1, 18),
            f"/events/{near.event_id}/",
        ),
        ("reservist", Kind.OVERDUE, date(2027, 1, 13), f"/events/{late.event_id}/"),
    ]
    assert services.scan().created == 0


def test_an_internship_starting_in_n_days_is_told_to_all_three(
    mentorship, mentor, reservist, school
):
    supervisor = UserFactory.create(username="supervisor")
    person = PersonFactory.create(organization=school, user=supervisor)
    soon = make_internship(
        mentorship=mentorship, supervisor=person, starts_on=date(2027, 1, 18)
    )
    make_internship(mentorship=mentorship, starts_on=date(2027, 1, 19))  # not yet
    started = make_internship(mentorship=mentorship, starts_on=date(2027, 1, 16))
    Internship.objects.filter(pk=started.pk).update(
        status=Internship.Status.IN_PROGRESS
    )
    services.scan()
    url = f"/internships/{soon.pk}/"
    assert dated() == [
        ("mentor", Kind.INTERNSHIP_SOON, date(2027, 1, 18), url),
        ("reservist", Kind.INTERNSHIP_SOON, date(2027, 1, 18), url),
        ("supervisor", Kind.INTERNSHIP_SOON, date(2027, 1, 18), url),
    ]
    assert services.scan().created == 0


def test_the_other_obligations_cost_the_same_for_more_rows(
    mentorship, mentor, django_assert_num_queries
):
    study(mentorship, date(2027, 1, 14))
    involved(mentorship, mentor, date(2027, 1, 14))
    make_internship(mentorship=mentorship, starts_on=date(2027, 1, 16))
    Notification.objects.all().delete()
    with django_assert_num_queries(14) as few:
        services.scan()
    for day in range(2):
        study(mentorship, date(2027, 1, 14))
        involved(mentorship, mentor, date(2027, 1, 14), day=25 + day)
        make_internship(mentorship=mentorship, starts_on=date(2027, 1, 16))
    Notification.objects.all().delete()
    with django_assert_num_queries(len(few.captured_queries)):
        services.scan()

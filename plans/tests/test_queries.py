"""Read models of the plan pages: the plans awaiting the user's approval, the
reservists' current plans, the counts of a plan's progress."""

from datetime import date

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser

from home.queries import plan_summary
from organizations.models import Municipality
from plans import queries
from plans.models import IndividualPlan, PlanItem
from plans.tests.factories import IndividualPlanFactory, PlanItemFactory, make_eligible
from reserve.tests.factories import ReserveEntryFactory

pytestmark = pytest.mark.django_db

Status = IndividualPlan.Status


@pytest.mark.parametrize(
    ("status", "has_unapproved_changes", "waits"),
    [
        (Status.DRAFT, False, False),
        (Status.SUBMITTED, False, True),
        (Status.APPROVED, False, False),
        (Status.APPROVED, True, True),
        (Status.COMPLETED, False, False),
    ],
)
def test_awaiting_approval_is_submitted_plans_and_changes_to_approved_ones(
    coordinator, school, status, has_unapproved_changes, waits
):
    plan = IndividualPlanFactory(
        organization=school,
        status=status,
        has_unapproved_changes=has_unapproved_changes,
    )

    assert (plan in queries.awaiting_approval(coordinator)) is waits


@pytest.mark.parametrize(
    ("who", "by_coordinator", "by_head"),
    [
        ("coordinator", 1, 0),
        ("head", 0, 1),
        ("mentor", 0, 0),
        ("reservist", 0, 0),
        ("commission", 0, 0),
        ("stranger", 0, 0),
        ("superuser", 1, 1),
        ("anonymous", 0, 0),
    ],
)
def test_awaiting_approval_waits_for_the_municipalitys_approver(
    request, plan, municipality, who, by_coordinator, by_head
):
    user = AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)
    IndividualPlan.objects.filter(pk=plan.pk).update(status=Status.SUBMITTED)

    assert queries.awaiting_approval(user).count() == by_coordinator
    municipality.plan_approver = Municipality.PlanApprover.HEAD
    municipality.save(update_fields=["plan_approver"])
    assert queries.awaiting_approval(user).count() == by_head


def test_home_summary_counts_what_the_head_approves(head, plan, municipality):
    municipality.plan_approver = Municipality.PlanApprover.HEAD
    municipality.save(update_fields=["plan_approver"])
    IndividualPlan.objects.filter(pk=plan.pk).update(status=Status.SUBMITTED)

    assert plan_summary(head).awaiting_approval == 1


def test_with_current_plans_gives_each_entry_its_newest_open_plan(
    mentor, school, django_assert_num_queries
):
    first = IndividualPlanFactory(
        organization=school, mentor_person=make_eligible(mentor.person)
    )
    entry = first.reserve_entry
    IndividualPlan.objects.filter(pk=first.pk).update(status=Status.COMPLETED)
    current = IndividualPlanFactory(
        reserve_entry=entry,
        period_start=date(2027, 9, 1),
        period_end=date(2028, 8, 31),
        status=Status.APPROVED,
    )
    PlanItemFactory(plan=current, status=PlanItem.Status.DONE, done_on=date(2027, 9, 2))
    PlanItemFactory(plan=current)
    only_completed = IndividualPlanFactory(
        organization=school, mentor_person=mentor.person, status=Status.COMPLETED
    ).reserve_entry
    without = ReserveEntryFactory(person__organization=school)
    queries.with_current_plans(mentor, [])  # the principal, once per request

    with django_assert_num_queries(1):
        entries = queries.with_current_plans(mentor, [entry, only_completed, without])

    assert [e.current_plan for e in entries] == [current, None, None]
    assert (entries[0].current_plan.n_done, entries[0].current_plan.n_items) == (1, 2)


def test_with_current_plans_leaves_out_plans_the_user_does_not_see(head, other_school):
    plan = IndividualPlanFactory(organization=other_school)

    (entry,) = queries.with_current_plans(head, [plan.reserve_entry])

    assert entry.current_plan is None


# progress_of -----------------------------------------------------------------------


@pytest.mark.usefixtures("today")
def test_progress_of_counts_done_late_overdue_remaining_and_not_done(plan):
    make = PlanItemFactory
    items = [
        make(
            plan=plan,
            deadline=date(2026, 12, 1),
            status="done",
            done_on=date(2026, 11, 30),
        ),
        make(
            plan=plan,
            deadline=date(2026, 12, 1),
            status="done",
            done_on=date(2026, 12, 1),
        ),
        make(
            plan=plan,
            deadline=date(2026, 12, 1),
            status="done",
            done_on=date(2026, 12, 2),
        ),
        make(plan=plan, deadline=date(2027, 1, 14), status="planned"),
        make(plan=plan, deadline=date(2026, 10, 1), status="in_progress"),
        make(plan=plan, deadline=date(2027, 1, 15), status="planned"),
        make(plan=plan, deadline=date(2027, 6, 1), status="in_progress"),
        make(
            plan=plan,
            deadline=date(2026, 10, 1),
            status="not_done",
            not_done_reason="Н",
        ),
        make(plan=plan, deadline=date(2026, 10, 1), status="cancelled"),
    ]

    progress = queries.progress_of(items)

    assert progress.total == 8
    assert progress.done == 3
    assert progress.done_late == 1
    assert progress.done_on_time == 2
    assert progress.overdue == 2
    assert progress.remaining == 2
    assert progress.not_done == 1
    assert progress.percent(progress.done) == 38


def test_progress_of_follows_today(plan):
    item = PlanItemFactory(plan=plan, deadline=date(2027, 2, 1))

    with time_machine.travel(date(2027, 2, 1), tick=False):
        assert queries.progress_of([item]).overdue == 0
    with time_machine.travel(date(2027, 2, 2), tick=False):
        progress = queries.progress_of([item])
    assert (progress.overdue, progress.remaining) == (1, 0)


def test_progress_of_nothing_is_zero_percent():
    progress = queries.progress_of([])

    assert progress.total == 0
    assert progress.percent(progress.done) == 0


def test_progress_of_runs_no_queries(plan, django_assert_num_queries):
    PlanItemFactory.create_batch(3, plan=plan)
    items = list(plan.items.all())

    with django_assert_num_queries(0):
        queries.progress_of(items)


def test_plan_progress_reads_the_counts_of_a_listed_plan(
    plan, django_assert_num_queries
):
    PlanItemFactory(plan=plan, deadline=date(2026, 10, 1))
    PlanItemFactory(plan=plan, status="done", done_on=date(2026, 10, 1))
    listed = queries.plans_for_list(IndividualPlan.objects.all()).get()

    with django_assert_num_queries(0):
        progress = queries.plan_progress(listed)

    assert progress == queries.progress_of(plan.items.all())
    assert (progress.total, progress.done) == (2, 1)


def test_plan_progress_counts_the_rows_of_one_plan(plan, django_assert_num_queries):
    PlanItemFactory(plan=plan, status="done", done_on=date(2026, 10, 1))

    with django_assert_num_queries(1):  # the rows
        progress = queries.plan_progress(plan)

    assert (progress.total, progress.done) == (1, 1)

"""Read models of the plan pages: the plans awaiting the user's approval, the
reservists' current plans."""

from datetime import date

import pytest
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

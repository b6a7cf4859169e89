"""Reordering rows and setting one deadline on several rows."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from core.conflicts import StaleVersionError
from plans import services
from plans.models import PlanItem, Revision
from plans.tests.factories import PlanItemFactory
from plans.tests.service_helpers import fresh as _fresh
from plans.tests.service_helpers import set_status as _set_status

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]


@pytest.fixture
def approved(plan, coordinator):
    """The cast's plan, approved with two rows."""
    PlanItemFactory(plan=plan, activity="First", deadline=date(2026, 10, 1))
    PlanItemFactory(plan=plan, activity="Second", deadline=date(2027, 3, 1))
    services.submit_plan(plan=plan)
    return services.approve_plan(plan=plan, by=coordinator)


# reorder_items ---------------------------------------------------------------------


def test_reorder_items_numbers_rows_in_the_given_order(plan, mentor):
    a, b, c = PlanItemFactory.create_batch(3, plan=plan)

    services.reorder_items(plan=plan, by=mentor, item_ids=[c.pk, a.pk, b.pk])

    assert [_fresh(i).position for i in (c, a, b)] == [1, 2, 3]
    assert not Revision.objects.exists()


@pytest.mark.parametrize(
    "ids", ["missing", "repeated", "foreign", "unknown"], ids=lambda x: x
)
def test_reorder_items_refuses_a_list_that_does_not_match(plan, mentor, ids):
    a, b = PlanItemFactory.create_batch(2, plan=plan)
    positions = [a.position, b.position]
    item_ids = {
        "missing": [b.pk],
        "repeated": [b.pk, a.pk, a.pk],
        "foreign": [b.pk, a.pk, PlanItemFactory().pk],
        "unknown": [b.pk, a.pk, 999_999],
    }[ids]

    with pytest.raises(ValidationError):
        services.reorder_items(plan=plan, by=mentor, item_ids=item_ids)

    assert [_fresh(a).position, _fresh(b).position] == positions


def test_reorder_items_of_an_approved_plan_is_a_revision(approved, mentor):
    first, second = approved.items.order_by("position")

    services.reorder_items(plan=approved, by=mentor, item_ids=[second.pk, first.pk])

    assert _fresh(second).position < _fresh(first).position
    assert Revision.objects.count() == 1
    assert _fresh(approved).has_unapproved_changes


def test_reorder_items_in_the_same_order_records_nothing(approved, mentor):
    ids = list(approved.items.order_by("position").values_list("pk", flat=True))

    services.reorder_items(plan=approved, by=mentor, item_ids=ids)

    assert not Revision.objects.exists()
    assert not _fresh(approved).has_unapproved_changes


def test_reorder_items_lets_cancelled_rows_be_left_out(approved, mentor):
    first, second = approved.items.order_by("position")
    services.remove_item(item=first, by=mentor)
    live = PlanItemFactory(plan=approved)

    services.reorder_items(plan=approved, by=mentor, item_ids=[live.pk, second.pk])

    assert _fresh(live).position < _fresh(second).position < _fresh(first).position


def test_reorder_items_refuses_a_submitted_plan(plan, mentor):
    a, b = PlanItemFactory.create_batch(2, plan=plan)
    plan = _set_status(plan, "submitted")

    with pytest.raises(ValidationError):
        services.reorder_items(plan=plan, by=mentor, item_ids=[b.pk, a.pk])

    assert _fresh(a).position < _fresh(b).position


# set_deadlines ---------------------------------------------------------------------


def test_set_deadlines_sets_one_date_on_several_rows(plan, mentor):
    a, b, c = PlanItemFactory.create_batch(3, plan=plan)
    PlanItem.objects.filter(pk=c.pk).update(deadline=date(2027, 5, 31))

    result = services.set_deadlines(
        plan=plan, by=mentor, item_ids=[a.pk, b.pk, c.pk], deadline=date(2027, 5, 31)
    )

    assert result == services.DeadlinesResult(changed=2, skipped=0)
    assert {_fresh(i).deadline for i in (a, b, c)} == {date(2027, 5, 31)}
    assert [_fresh(i).version for i in (a, b, c)] == [2, 2, 1]
    assert not Revision.objects.exists()


def test_set_deadlines_skips_done_and_not_done_rows_and_counts_them(plan, mentor):
    done, not_done, open_ = PlanItemFactory.create_batch(3, plan=plan)
    PlanItem.objects.filter(pk=done.pk).update(
        status=PlanItem.Status.DONE, done_on=date(2027, 1, 10), evidence_text="Done"
    )
    PlanItem.objects.filter(pk=not_done.pk).update(
        status=PlanItem.Status.NOT_DONE, not_done_reason="Ill"
    )

    result = services.set_deadlines(
        plan=plan,
        by=mentor,
        item_ids=[done.pk, not_done.pk, open_.pk],
        deadline=date(2027, 5, 31),
    )

    assert result == services.DeadlinesResult(changed=1, skipped=2)
    assert _fresh(done).deadline == done.deadline
    assert _fresh(not_done).deadline == not_done.deadline
    assert _fresh(open_).deadline == date(2027, 5, 31)


def test_set_deadlines_makes_open_edits_of_those_rows_stale(plan, mentor):
    item = PlanItemFactory(plan=plan)
    services.set_deadlines(
        plan=plan, by=mentor, item_ids=[item.pk], deadline=date(2027, 5, 31)
    )

    with pytest.raises(StaleVersionError):
        services.update_item(
            item=item, by=mentor, expected_version=1, deadline=date(2027, 1, 31)
        )

    assert _fresh(item).deadline == date(2027, 5, 31)


def test_set_deadlines_refuses_a_deadline_outside_the_period(plan, mentor):
    item = PlanItemFactory(plan=plan)

    with pytest.raises(ValidationError) as e:
        services.set_deadlines(
            plan=plan, by=mentor, item_ids=[item.pk], deadline=date(2027, 9, 1)
        )

    assert "deadline" in e.value.message_dict
    assert _fresh(item).deadline == item.deadline


def test_set_deadlines_refuses_rows_of_another_plan(plan, mentor):
    mine, foreign = PlanItemFactory(plan=plan), PlanItemFactory()

    with pytest.raises(ValidationError):
        services.set_deadlines(
            plan=plan,
            by=mentor,
            item_ids=[mine.pk, foreign.pk],
            deadline=date(2027, 5, 31),
        )

    assert _fresh(mine).deadline == mine.deadline
    assert _fresh(foreign).deadline == foreign.deadline


def test_set_deadlines_of_an_approved_plan_is_one_revision(approved, mentor):
    ids = list(approved.items.values_list("pk", flat=True))

    services.set_deadlines(
        plan=approved, by=mentor, item_ids=ids, deadline=date(2027, 6, 30)
    )

    revision = Revision.objects.get()
    assert "30.06.2027" in revision.description
    assert "First" in revision.description
    assert "Second" in revision.description


def test_set_deadlines_skips_cancelled_rows_and_records_nothing_unchanged(
    approved, mentor
):
    first, second = approved.items.order_by("position")
    services.remove_item(item=first, by=mentor)

    result = services.set_deadlines(
        plan=approved,
        by=mentor,
        item_ids=[first.pk, second.pk],
        deadline=date(2027, 3, 1),
    )

    assert result == services.DeadlinesResult(changed=0, skipped=1)
    assert _fresh(first).deadline == date(2026, 10, 1)
    assert Revision.objects.count() == 1


def test_set_deadlines_refuses_a_completed_plan(plan, mentor):
    item = PlanItemFactory(plan=plan)
    plan = _set_status(plan, "completed")

    with pytest.raises(ValidationError):
        services.set_deadlines(
            plan=plan, by=mentor, item_ids=[item.pk], deadline=date(2027, 5, 31)
        )

    assert _fresh(item).deadline == item.deadline

"""The demo plans: every state, consistent, and loaded once however often it runs."""

from datetime import date, datetime
from io import StringIO

import pytest
import time_machine
from django.apps import apps
from django.core.management import call_command

from plans.models import (
    Comment,
    IndividualPlan,
    PlanForm,
    PlanFormVersion,
    PlanItem,
    Revision,
    SuggestedItem,
)
from plans.queries import progress_of

pytestmark = pytest.mark.django_db


def _row_counts():
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=StringIO())


def _plans_of(last_name):
    return IndividualPlan.objects.filter(
        reserve_entry__person__last_name=last_name
    ).order_by("period_start")


def test_load_demo_twice_adds_no_plans_and_changes_nothing(demo):
    before = _row_counts()
    statuses = list(IndividualPlan.objects.values_list("pk", "status", "version"))

    call_command("load_demo", stdout=StringIO())

    assert _row_counts() == before
    assert list(IndividualPlan.objects.values_list("pk", "status", "version")) == (
        statuses
    )


def test_demo_has_an_approved_form_and_a_draft_next_version(demo):
    form = PlanForm.objects.get(name="Форма плана индивидуальной подготовки резервиста")
    first, second = form.versions.order_by("number")

    assert first.status == PlanFormVersion.Status.APPROVED
    assert first.approval_number == "45-о"
    assert first.approval_date.isoformat() == "2026-08-20"
    assert "Управления образования" in first.approval_document
    assert second.status == PlanFormVersion.Status.DRAFT
    assert [s.title for s in first.sections.all()] == [
        "Теоретическая подготовка",
        "Практическая подготовка и стажировка",
        "Участие в мероприятиях",
        "Изучение нормативных правовых актов",
        "Самообразование",
    ]
    for section in first.sections.all():
        assert 2 <= section.suggested_items.count() <= 3
    assert SuggestedItem.objects.filter(section__version=second).count() == (
        SuggestedItem.objects.filter(section__version=first).count() + 1
    )


def test_demo_has_plans_in_every_state(demo):
    assert set(IndividualPlan.objects.values_list("status", flat=True)) == {
        IndividualPlan.Status.DRAFT,
        IndividualPlan.Status.SUBMITTED,
        IndividualPlan.Status.APPROVED,
        IndividualPlan.Status.COMPLETED,
    }
    assert list(_plans_of("Петров").values_list("status", flat=True)) == [
        IndividualPlan.Status.COMPLETED,
        IndividualPlan.Status.APPROVED,
    ]
    assert _plans_of("Смирнова").get().status == IndividualPlan.Status.SUBMITTED
    grigorieva = _plans_of("Григорьева").get()
    assert grigorieva.status == IndividualPlan.Status.DRAFT
    assert grigorieva.remarks
    assert not _plans_of("Егоров").exists()  # the order is not registered yet


def test_demo_plan_of_petrov_shows_each_kind_of_progress(demo):
    plan = _plans_of("Петров").last()
    items = list(plan.items.all())

    progress = progress_of(items)

    # One row on time from the plan's demo, one from the talk at the seminar
    # (demo/events.py: done when the mentor marked the attendance).
    assert progress.done_on_time == 2
    assert progress.done_late == 1
    assert progress.overdue == 1
    assert progress.not_done == 1
    assert progress.remaining == 3
    assert {i.status for i in items} >= {
        PlanItem.Status.DONE,
        PlanItem.Status.NOT_DONE,
        PlanItem.Status.IN_PROGRESS,
        PlanItem.Status.PLANNED,
    }
    assert any(i.confirmed_by for i in items)
    assert all(i.evidence_text for i in items if i.status == PlanItem.Status.DONE)
    assert all(plan.period_start <= i.deadline <= plan.period_end for i in items)


def test_demo_plan_of_petrov_has_a_change_awaiting_re_approval(demo):
    plan = _plans_of("Петров").last()

    assert plan.has_unapproved_changes
    # The internship's new deadline, and the talk's row (demo/events.py).
    assert Revision.objects.filter(plan=plan, approved_at__isnull=True).count() == 2


def test_demo_plans_are_discussed_by_mentor_and_reservist(demo):
    plan = _plans_of("Петров").last()
    authors = set(
        Comment.objects.filter(plan=plan).values_list("author__username", flat=True)
    )

    assert authors == {"mentor", "reservist"}
    assert Comment.objects.filter(plan=plan, item__isnull=False).count() == 2
    assert Comment.objects.filter(plan=_plans_of("Григорьева").get()).exists()


def test_demo_completed_plan_precedes_the_current_one(demo):
    completed, current = _plans_of("Петров")

    assert completed.period_end < current.period_start
    assert all(
        i.status == PlanItem.Status.DONE and i.confirmed_by
        for i in completed.items.all()
    )


def test_demo_plans_copied_and_suggested_keep_deadlines_in_their_period(demo):
    for name in ("Смирнова", "Григорьева"):
        plan = _plans_of(name).get()
        assert plan.items.count() >= 7
        assert not plan.items.exclude(
            deadline__range=(plan.period_start, plan.period_end)
        ).exists()


@pytest.mark.parametrize(
    "day", [date(2026, 12, 1), date(2027, 3, 31), date(2028, 2, 29)], ids=str
)
def test_demo_loaded_on_any_day_keeps_each_kind_of_progress(db, day):
    with time_machine.travel(datetime(*day.timetuple()[:3], 12), tick=False):
        call_command("load_demo", stdout=StringIO())
        plan = _plans_of("Петров").last()
        progress = progress_of(list(plan.items.all()))

    assert (progress.done_on_time, progress.done_late) == (2, 1)  # with the talk
    assert (progress.overdue, progress.not_done, progress.remaining) == (1, 1, 3)
    assert set(IndividualPlan.objects.values_list("status", flat=True)) == set(
        IndividualPlan.Status.values
    )

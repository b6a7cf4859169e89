"""Plan models: derived state (overdue, done late), querysets and invariants."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from plans import queries
from plans.models import (
    DEFAULT_COLUMN_TITLES,
    Evidence,
    IndividualPlan,
    PlanFormVersion,
    PlanItem,
    evidence_upload_to,
)
from plans.tests.factories import (
    IndividualPlanFactory,
    PlanFormVersionFactory,
    PlanItemFactory,
)
from reserve import models as reserve_models

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]


# Derived state ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "deadline", "expected"),
    [
        ("planned", date(2027, 1, 14), True),
        ("in_progress", date(2026, 10, 1), True),
        ("planned", date(2027, 1, 15), False),  # due today is not late yet
        ("planned", date(2027, 2, 1), False),
        ("done", date(2026, 10, 1), False),
        ("not_done", date(2026, 10, 1), False),
        ("cancelled", date(2026, 10, 1), False),
    ],
)
def test_is_overdue_is_an_open_row_past_its_deadline(status, deadline, expected):
    item = PlanItem(status=status, deadline=deadline)

    assert item.is_overdue is expected


def test_is_overdue_is_derived_from_today_not_stored():
    item = PlanItem(status="planned", deadline=date(2027, 3, 1))

    assert not item.is_overdue
    with time_machine.travel(date(2027, 3, 2), tick=False):
        assert item.is_overdue


@pytest.mark.parametrize(
    ("status", "done_on", "expected"),
    [
        ("done", date(2026, 12, 2), True),
        ("done", date(2026, 12, 1), False),
        ("done", date(2026, 11, 1), False),
        ("not_done", None, False),
        ("planned", None, False),
    ],
)
def test_is_done_late_compares_the_date_done_with_the_deadline(
    status, done_on, expected
):
    item = PlanItem(status=status, deadline=date(2026, 12, 1), done_on=done_on)

    assert item.is_done_late is expected


def test_title_of_falls_back_to_the_default_title():
    version = PlanFormVersion(column_titles={"activity": "Мероприятие"})

    assert version.title_of("activity") == "Мероприятие"
    assert version.title_of("deadline") == str(DEFAULT_COLUMN_TITLES["deadline"])


def test_is_approved():
    assert PlanFormVersion(status="approved").is_approved
    assert not PlanFormVersion(status="draft").is_approved


def test_strings_name_the_form_version_and_the_reservist(plan):
    version = plan.form_version

    assert version.form.name in str(version)
    assert str(version.number) in str(version)
    assert plan.reserve_entry.person.last_name in str(plan)
    assert "01.09.2026" in str(plan)
    assert "31.08.2027" in str(plan)
    assert str(version.sections.first()) == version.sections.first().title


def test_evidence_is_stored_under_the_plan_and_the_row(plan):
    item = PlanItemFactory(plan=plan)

    path = evidence_upload_to(Evidence(item=item), "отчёт.pdf")

    assert path == f"evidence/{plan.pk}/{item.pk}/отчёт.pdf"


# QuerySets -------------------------------------------------------------------------


def test_approved_versions_leave_out_drafts():
    approved = PlanFormVersionFactory()
    PlanFormVersionFactory(form=approved.form, status="draft")

    assert list(PlanFormVersion.objects.approved()) == [approved]


def test_overdue_rows_are_open_rows_before_today(plan):
    late = PlanItemFactory(plan=plan, deadline=date(2027, 1, 14))
    late_started = PlanItemFactory(
        plan=plan, deadline=date(2026, 9, 1), status="in_progress"
    )
    PlanItemFactory(plan=plan, deadline=date(2027, 1, 15))
    PlanItemFactory(
        plan=plan, deadline=date(2026, 9, 1), status="done", done_on=date(2026, 9, 5)
    )
    PlanItemFactory(plan=plan, deadline=date(2026, 9, 1), status="cancelled")

    assert set(PlanItem.objects.overdue()) == {late, late_started}
    assert set(PlanItem.objects.overdue(date(2026, 12, 1))) == {late_started}


def test_for_list_counts_rows_in_one_query(django_assert_num_queries, school):
    plans = IndividualPlanFactory.create_batch(3, organization=school)
    first = plans[0]
    PlanItemFactory(plan=first, deadline=date(2026, 10, 1))  # overdue
    PlanItemFactory(
        plan=first, deadline=date(2026, 10, 1), status="done", done_on=date(2026, 10, 1)
    )
    PlanItemFactory(plan=first, deadline=date(2026, 10, 1), status="cancelled")
    PlanItemFactory(plan=first, deadline=date(2027, 5, 1))

    with django_assert_num_queries(1):
        rows = {p.pk: p for p in IndividualPlan.objects.for_list()}
        names = [p.reserve_entry.person.organization.short_name for p in rows.values()]
        names += [p.mentor.last_name for p in rows.values()]
        names += [p.form_version.form.name for p in rows.values()]

    assert (rows[first.pk].n_items, rows[first.pk].n_done) == (3, 1)
    assert rows[first.pk].n_overdue == 1
    assert (rows[plans[1].pk].n_items, rows[plans[1].pk].n_overdue) == (0, 0)


# Every kind of row, by (status, deadline, done_on), around today (15.01.2027).
ROWS = [
    ("planned", date(2027, 1, 14), None),  # overdue
    ("in_progress", date(2026, 10, 1), None),  # overdue
    ("planned", date(2027, 1, 15), None),  # due today: remaining
    ("in_progress", date(2027, 6, 1), None),  # remaining
    ("done", date(2026, 12, 1), date(2026, 11, 30)),  # on time
    ("done", date(2026, 12, 1), date(2026, 12, 1)),  # on time
    ("done", date(2026, 12, 1), date(2026, 12, 2)),  # late
    ("not_done", date(2026, 10, 1), None),
    ("cancelled", date(2026, 10, 1), None),
]


def _rows(plan):
    return [
        PlanItemFactory(
            plan=plan,
            status=status,
            deadline=deadline,
            done_on=done_on,
            not_done_reason="Н" if status == "not_done" else "",
        )
        for status, deadline, done_on in ROWS
    ]


def test_overdue_rows_are_those_is_overdue_says(plan, today):
    rows = _rows(plan)

    assert set(PlanItem.objects.overdue(today)) == {
        r for r in rows if r.is_overdue_on(today)
    }
    assert set(PlanItem.objects.overdue()) == {r for r in rows if r.is_overdue}


def test_progress_counts_agree_with_the_rows_one_by_one(plan):
    rows = _rows(plan)

    counted = queries.Progress.of_plan(
        IndividualPlan.objects.with_progress_counts().get(pk=plan.pk)
    )

    assert counted == queries.progress_of(rows)
    assert (counted.total, counted.done, counted.done_late) == (8, 3, 1)
    assert (counted.overdue, counted.remaining, counted.not_done) == (2, 2, 1)


def test_progress_counts_follow_the_given_day(plan):
    _rows(plan)

    later = IndividualPlan.objects.with_progress_counts(date(2027, 7, 1))

    assert later.get(pk=plan.pk).n_overdue == 4  # every open row


def test_for_control_lists_live_rows_by_deadline(plan, django_assert_num_queries):
    later = PlanItemFactory(plan=plan, deadline=date(2027, 5, 1))
    sooner = PlanItemFactory(plan=plan, deadline=date(2026, 10, 1))
    PlanItemFactory(plan=plan, deadline=date(2026, 9, 1), status="cancelled")

    with django_assert_num_queries(1):
        rows = list(PlanItem.objects.for_control())
        [(r.plan.reserve_entry.person.last_name, r.section.title) for r in rows]

    assert rows == [sooner, later]


# Invariants ------------------------------------------------------------------------


def test_a_plan_period_must_end_after_it_starts(plan):
    plan.period_end = plan.period_start

    with pytest.raises(ValidationError):
        plan.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        plan.save()


def test_two_plans_of_a_reservist_cannot_start_on_the_same_day(plan):
    twin = IndividualPlan(
        reserve_entry=plan.reserve_entry,
        mentor=plan.mentor,
        form_version=plan.form_version,
        period_start=plan.period_start,
        period_end=date(2027, 12, 31),
    )

    with pytest.raises(ValidationError):
        twin.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save()


def test_a_form_has_one_draft_version_at_most():
    version = PlanFormVersionFactory(status="draft", sections=[])
    twin = PlanFormVersion(form=version.form, number=version.number + 1)

    with pytest.raises(ValidationError):
        twin.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save()


def test_version_numbers_are_unique_per_form():
    version = PlanFormVersionFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        PlanFormVersionFactory(form=version.form, number=version.number)


@pytest.mark.parametrize(
    "fields",
    [
        {"status": "done", "done_on": None},
        {"status": "not_done", "not_done_reason": ""},
    ],
)
def test_a_closed_row_keeps_its_date_or_reason(plan, fields):
    item = PlanItemFactory(plan=plan)

    with pytest.raises(IntegrityError), transaction.atomic():
        PlanItem.objects.filter(pk=item.pk).update(**fields)


def test_new_rows_and_plans_start_at_version_one(plan):
    assert plan.version == 1
    assert PlanItemFactory(plan=plan).version == 1


def test_the_reserve_spells_approved_plan_statuses_as_plans_do():
    """The reserve list reaches plans by relation name, not by import."""
    assert reserve_models.APPROVED_PLAN_STATUSES == (
        IndividualPlan.Status.APPROVED,
        IndividualPlan.Status.COMPLETED,
    )

"""Individual plans: creation from scratch, from suggestions, as a copy."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from mentorships.models import Mentorship
from mentorships.services import OrderLine, create_order
from mentorships.tests.factories import EligibleMentorFactory
from people.tests.factories import PersonFactory
from plans import services
from plans.models import IndividualPlan, PlanItem
from plans.tests.factories import (
    PERIOD_END,
    PERIOD_START,
    IndividualPlanFactory,
    PlanFormVersionFactory,
    PlanItemFactory,
    make_eligible,
    make_mentorship,
)
from plans.tests.service_helpers import create as _create
from plans.tests.service_helpers import fresh as _fresh
from reserve.models import ReserveEntry
from reserve.services import exclude_reservist
from reserve.tests.factories import ReserveEntryFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]


# create_plan -----------------------------------------------------------------------


def test_create_plan_makes_a_draft_with_the_mentor_on_the_current_form(
    entry, mentor, form_version
):
    plan = _create(entry)

    assert plan.status == IndividualPlan.Status.DRAFT
    assert plan.mentor == mentor.person
    assert plan.form_version == form_version
    assert plan.version == 1
    assert not plan.items.exists()


def test_create_plan_uses_the_newest_approved_version_not_a_draft(entry, form_version):
    newer = PlanFormVersionFactory(form=form_version.form)
    PlanFormVersionFactory(form=form_version.form, status="draft")

    assert _create(entry).form_version == newer


def test_every_plan_keeps_its_form_version(entry, form_version):
    plan = _create(entry)
    PlanFormVersionFactory(form=form_version.form)

    assert _fresh(plan).form_version == form_version


def test_create_plan_refuses_a_second_plan_for_the_same_period(entry):
    first = _create(entry)

    with pytest.raises(ValidationError):
        _create(entry)

    assert IndividualPlan.objects.get() == first


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2027, 8, 31), date(2028, 8, 31)),  # shares the last day
        (date(2026, 1, 1), date(2026, 9, 1)),  # shares the first day
        (date(2026, 12, 1), date(2027, 2, 1)),  # inside
        (date(2026, 1, 1), date(2028, 1, 1)),  # around
    ],
)
def test_create_plan_refuses_an_overlapping_period(entry, start, end):
    _create(entry)

    with pytest.raises(ValidationError):
        _create(entry, period_start=start, period_end=end)

    assert IndividualPlan.objects.count() == 1


def test_create_plan_allows_the_next_period(entry):
    _create(entry)

    _create(entry, period_start=date(2027, 9, 1), period_end=date(2028, 8, 31))

    assert entry.plans.count() == 2


def test_create_plan_refuses_a_period_ending_before_it_starts(entry):
    with pytest.raises(ValidationError):
        _create(entry, period_start=PERIOD_END, period_end=PERIOD_START)

    assert not IndividualPlan.objects.exists()


def test_create_plan_refuses_a_person_no_longer_in_the_reserve(entry):
    exclude_reservist(entry=entry, excluded_on=date(2026, 10, 1), reason="Уволилась")
    entry.refresh_from_db()

    with pytest.raises(ValidationError):
        _create(entry)

    assert not IndividualPlan.objects.exists()


def test_create_plan_refuses_a_reservist_whose_mentor_is_pending(school, form_version):
    entry = ReserveEntryFactory(person=PersonFactory(organization=school))
    create_order(
        organization=school,
        number="1-н",
        date=date(2026, 9, 1),
        signatory_name="Директор",
        signatory_position="Директор",
        lines=[
            OrderLine(
                EligibleMentorFactory(organization=school),
                entry,
                date(2026, 9, 1),
                date(2027, 9, 1),
            )
        ],
    )

    with pytest.raises(ValidationError):
        _create(entry)

    assert not IndividualPlan.objects.exists()


def test_create_plan_refuses_without_an_approved_form(mentor, reservist):
    entry = make_mentorship(
        reservist=reservist.person, mentor=make_eligible(mentor.person)
    ).reserve_entry
    PlanFormVersionFactory(
        form__municipality=entry.person.organization.municipality, status="draft"
    )

    with pytest.raises(ValidationError):
        _create(entry)

    assert not IndividualPlan.objects.exists()


def test_create_plan_from_suggestions_takes_deadlines_months_from_the_start(
    entry, form_version
):
    plan = _create(entry, from_suggestions=True)

    items = list(plan.items.select_related("section"))
    assert len(items) == 10
    assert [i.position for i in items] == list(range(1, 11))
    assert {i.section.version_id for i in items} == {form_version.pk}
    assert all(i.status == PlanItem.Status.PLANNED for i in items)
    by_section = {(i.section.position, i.deadline) for i in items}
    # Each section suggests one item a month in and one (position + 1) months in.
    assert by_section == {
        (n, d)
        for n in range(1, 6)
        for d in (date(2026, 10, 1), services.add_months(PERIOD_START, n + 1))
    }


def test_create_plan_from_suggestions_copies_their_text(entry, form_version):
    suggestion = form_version.sections.first().suggested_items.first()

    plan = _create(entry, from_suggestions=True)

    item = plan.items.get(activity=suggestion.activity)
    assert item.form_of_work == suggestion.form_of_work
    assert item.expected_result == suggestion.expected_result
    assert item.section == suggestion.section


def test_create_plan_from_suggestions_ends_short_months_on_their_last_day(entry):
    plan = _create(
        entry,
        from_suggestions=True,
        period_start=date(2027, 1, 31),
        period_end=date(2028, 1, 30),
    )

    assert date(2027, 2, 28) in set(plan.items.values_list("deadline", flat=True))


def test_create_plan_from_suggestions_clamps_deadlines_to_the_period_end(entry):
    plan = _create(
        entry,
        from_suggestions=True,
        period_start=date(2026, 9, 1),
        period_end=date(2026, 11, 15),
    )

    deadlines = set(plan.items.values_list("deadline", flat=True))
    assert max(deadlines) == date(2026, 11, 15)
    assert deadlines <= {date(2026, 10, 1), date(2026, 11, 1), date(2026, 11, 15)}


def test_create_plan_copies_another_plan_with_shifted_dates(entry, school):
    other = IndividualPlanFactory(organization=school)
    sections = list(other.form_version.sections.all())
    PlanItemFactory(
        plan=other,
        section=sections[1],
        activity="Стажировка",
        form_of_work="Стажировка",
        responsible="Волкова Е. С.",
        expected_result="Отчёт",
        deadline=date(2026, 11, 30),
        status=PlanItem.Status.DONE,
        done_on=date(2026, 11, 20),
        evidence_text="Сделано",
    )
    PlanItemFactory(plan=other, deadline=date(2026, 9, 10), activity="Первое")
    PlanItemFactory(plan=other, status=PlanItem.Status.CANCELLED, activity="Отменённое")

    plan = _create(
        entry,
        copy_from=other,
        period_start=date(2026, 10, 1),
        period_end=date(2027, 9, 30),
    )

    items = {i.activity: i for i in plan.items.select_related("section")}
    assert set(items) == {"Стажировка", "Первое"}
    internship = items["Стажировка"]
    assert internship.deadline == date(2026, 12, 30)
    assert internship.section.title == sections[1].title
    assert internship.section.version == plan.form_version
    assert internship.status == PlanItem.Status.PLANNED
    assert internship.done_on is None
    assert internship.evidence_text == ""
    assert (internship.form_of_work, internship.responsible) == (
        "Стажировка",
        "Волкова Е. С.",
    )
    assert internship.expected_result == "Отчёт"
    assert items["Первое"].deadline == date(2026, 10, 10)


def test_create_plan_copy_clamps_shifted_deadlines_to_the_period(entry, school):
    other = IndividualPlanFactory(organization=school)
    PlanItemFactory(plan=other, deadline=date(2027, 8, 31), activity="Last")
    PlanItemFactory(plan=other, deadline=date(2026, 9, 1), activity="First")

    plan = _create(
        entry,
        copy_from=other,
        period_start=date(2026, 9, 1),
        period_end=date(2027, 5, 31),
    )

    assert plan.items.get(activity="Last").deadline == date(2027, 5, 31)
    assert plan.items.get(activity="First").deadline == date(2026, 9, 1)


def test_create_plan_copy_maps_sections_of_an_older_form_by_title_or_position(
    entry, form_version, school
):
    old_version = PlanFormVersionFactory(
        form=form_version.form,
        sections=[str(form_version.sections.get(position=3).title), "Retired"],
    )
    old_version.approved_at = old_version.approved_at.replace(year=2020)
    old_version.save()
    other = IndividualPlanFactory(organization=school, form_version=old_version)
    first, second = old_version.sections.all()
    PlanItemFactory(plan=other, section=first, activity="By title")
    PlanItemFactory(plan=other, section=second, activity="By position")

    plan = _create(entry, copy_from=other)

    assert plan.form_version == form_version
    assert plan.items.get(activity="By title").section.position == 3
    assert plan.items.get(activity="By position").section.position == 2


def test_create_plan_from_suggestions_and_a_copy_numbers_rows_in_order(entry, school):
    other = IndividualPlanFactory(organization=school)
    PlanItemFactory(plan=other)

    plan = _create(entry, from_suggestions=True, copy_from=other)

    positions = list(plan.items.values_list("position", flat=True))
    assert sorted(positions) == list(range(1, 12))


# reassign_plans --------------------------------------------------------------------


def test_reassign_plans_gives_open_plans_to_the_replacement_mentor(plan, school):
    done = IndividualPlanFactory(
        reserve_entry=plan.reserve_entry,
        period_start=date(2025, 9, 1),
        period_end=date(2026, 8, 31),
        status=IndividualPlan.Status.COMPLETED,
    )
    new_mentor = EligibleMentorFactory(organization=school)
    make_mentorship(entry=plan.reserve_entry, mentor=new_mentor)  # registers an order

    assert _fresh(plan).mentor == new_mentor
    assert services.reassign_plans(entry=plan.reserve_entry) == 0  # already handed over
    assert _fresh(done).mentor != new_mentor


def test_reassign_plans_changes_nothing_without_an_active_mentor(plan):
    Mentorship.objects.update(status=Mentorship.Status.ENDED)

    assert services.reassign_plans(entry=plan.reserve_entry) == 0
    assert _fresh(plan).mentor == plan.mentor


def test_reassign_plans_changes_nothing_for_the_same_mentor(plan):
    assert services.reassign_plans(entry=plan.reserve_entry) == 0


def test_create_plan_refuses_a_reservist_appointed_to_the_position(entry):
    ReserveEntry.objects.filter(pk=entry.pk).update(status="appointed")

    with pytest.raises(ValidationError):
        _create(ReserveEntry.objects.get(pk=entry.pk))


def test_registering_a_replacing_order_hands_open_plans_to_the_new_mentor(
    entry, school
):
    from mentorships.services import register_order

    plan = _create(entry)
    new_mentor = EligibleMentorFactory(organization=school)
    order = create_order(
        organization=school,
        number="99",
        date=date(2027, 1, 10),
        signatory_name="Директор",
        signatory_position="Директор",
        lines=[OrderLine(new_mentor, entry, date(2027, 1, 10), date(2028, 1, 10))],
    )
    assert _fresh(plan).mentor_id != new_mentor.pk  # only once the order is registered
    register_order(order=order)
    assert _fresh(plan).mentor_id == new_mentor.pk
    assert entry.mentorships.get(status=Mentorship.Status.ACTIVE).mentor == new_mentor

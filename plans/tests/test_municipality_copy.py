"""The municipality copied onto people and plans (the coordinator's lists filter
and sort by it) stays right through every service that can change it."""

from datetime import date

import pytest
from django.db.models import Q

from organizations.tests.factories import OrganizationFactory
from people import services as people_services
from people.models import Person
from people.tests.factories import PersonFactory, PositionFactory
from plans.models import IndividualPlan, PlanItem, overdue_filter
from plans.permissions import visible_plans
from plans.services import create_plan
from reserve.models import APPROVED_PLAN_STATUSES
from reserve.permissions import visible_reserve_entries
from reserve.services import include_in_reserve
from reserve.tests.factories import TargetPositionFactory


def test_a_created_person_carries_the_organisations_municipality(school):
    person = people_services.create_person(
        organization=school,
        position=PositionFactory(municipality=school.municipality),
        last_name="Новый",
        first_name="Пётр",
    )

    person.refresh_from_db()
    assert person.municipality_id == school.municipality_id


def test_a_person_saved_without_the_organisation_keeps_the_municipality(school):
    person = PersonFactory(organization=school)
    person.phone = "123"
    person.save(update_fields=["phone"])

    assert Person.objects.get(pk=person.pk).municipality_id == school.municipality_id


def test_a_plan_carries_the_reservists_municipality(plan, school):
    plan.refresh_from_db()
    assert plan.municipality_id == school.municipality_id


def test_a_plan_created_by_the_service_carries_it(entry, school):
    plan = create_plan(
        entry=entry, period_start=date(2027, 9, 1), period_end=date(2028, 8, 31)
    )

    assert IndividualPlan.objects.get(pk=plan.pk).municipality_id == (
        school.municipality_id
    )


def test_a_move_to_another_municipality_takes_the_person_and_plans_along(
    plan, reservist, far_school, coordinator, stranger
):
    person = reservist.person
    people_services.update_person(
        person=person,
        organization=far_school,
        position=PositionFactory(municipality=far_school.municipality),
    )

    person.refresh_from_db()
    plan.refresh_from_db()
    assert person.municipality_id == far_school.municipality_id
    assert plan.municipality_id == far_school.municipality_id
    # The former coordinator no longer lists them; the new municipality's does.
    assert not visible_plans(coordinator).filter(pk=plan.pk).exists()
    assert not visible_reserve_entries(coordinator).filter(person=person).exists()


def test_a_move_within_the_municipality_changes_no_plan(plan, reservist, municipality):
    other = OrganizationFactory(municipality=municipality)
    people_services.update_person(person=reservist.person, organization=other)

    plan.refresh_from_db()
    assert plan.municipality_id == municipality.pk


@pytest.mark.parametrize("n", [1, 3])
def test_inclusion_in_the_reserve_lists_the_entry_for_the_coordinator(
    coordinator, school, n
):
    target = TargetPositionFactory(municipality=school.municipality)
    people = PersonFactory.create_batch(n, organization=school)
    for person in people:
        include_in_reserve(
            person=person,
            target_position=target,
            basis_number="1",
            basis_date=date(2026, 1, 1),
            included_on=date(2026, 1, 1),
        )

    listed = visible_reserve_entries(coordinator).filter(person__in=people)
    assert listed.count() == n


def test_the_open_items_index_has_the_condition_of_overdue():
    """The partial index that serves with_overdue_items() covers exactly the
    statuses overdue_filter() asks for (else PostgreSQL cannot use it)."""
    index = next(
        i for i in PlanItem._meta.indexes if i.name == "plan_item_open_deadline"
    )

    assert index.condition == Q(status__in=PlanItem.OPEN)
    assert ("status__in", PlanItem.OPEN) in overdue_filter(date(2026, 1, 1)).children


def test_the_approved_plans_index_has_the_reserve_lists_condition():
    index = next(
        i for i in IndividualPlan._meta.indexes if i.name == "plan_approved_by_entry"
    )

    assert index.condition == Q(status__in=APPROVED_PLAN_STATUSES)
    assert set(APPROVED_PLAN_STATUSES) == {
        IndividualPlan.Status.APPROVED,
        IndividualPlan.Status.COMPLETED,
    }

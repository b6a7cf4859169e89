"""The plans list by role, a new plan, «My plan» and the mentor's control of
deadlines."""

from datetime import date

import pytest
from django.urls import reverse

from people.models import PersonViewLog
from plans import services
from plans.models import IndividualPlan, PlanItem
from plans.tests.factories import (
    IndividualPlanFactory,
    PlanItemFactory,
    make_eligible,
    make_mentorship,
)
from plans.tests.view_helpers import add, approve, fresh

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]

HTMX = {"HX-Request": "true"}


def make_eligible_cast(user):
    return make_eligible(user.person)


def _names(response) -> list[str]:
    return [p.reserve_entry.person.last_name for p in response.context["page"]]


# The list ----------------------------------------------------------------------------


@pytest.fixture
def plans(plan, school, other_school, far_school):
    """The cast's plan, another in «School», one in «Other school» and one in a
    municipality elsewhere."""
    from people.tests.factories import PersonFactory

    def plan_in(organization, last_name: str) -> IndividualPlan:
        person = PersonFactory(organization=organization, last_name=last_name)
        return IndividualPlanFactory.create(reservist=person)

    return {
        "own": plan,
        "school": plan_in(school, "Школьный"),
        "other": plan_in(other_school, "Другой"),
        "far": plan_in(far_school, "Дальний"),
    }


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("coordinator", {"Reservist", "Школьный", "Другой"}),
        ("head", {"Reservist", "Школьный"}),
        ("mentor", {"Reservist"}),
        ("reservist", {"Reservist"}),
        ("commission", set()),
        ("stranger", {"Дальний"}),
    ],
)
def test_list_shows_the_plans_in_scope(client, plans, who, expected, request):
    client.force_login(request.getfixturevalue(who))
    assert set(_names(client.get(reverse("plans:list")))) == expected


def test_list_filters_by_organisation_status_and_overdue(
    client, coordinator, plans, other_school, mentor
):
    plan = plans["own"]
    add(plan, mentor, "Просрочено", date(2026, 10, 1))
    client.force_login(coordinator)
    url = reverse("plans:list")
    response = client.get(url, {"organization": other_school.pk})
    assert _names(response) == ["Другой"]
    services.submit_plan(plan=plan)
    assert _names(client.get(url, {"status": "submitted"})) == ["Reservist"]
    assert _names(client.get(url, {"overdue": "on"})) == ["Reservist"]


def test_list_shows_progress_and_russian_counts(client, coordinator, plans, mentor):
    add(plans["own"], mentor, "Просрочено", date(2026, 10, 1))
    add(plans["own"], mentor, "Впереди", date(2027, 5, 1))
    client.force_login(coordinator)
    content = client.get(reverse("plans:list")).content.decode()
    assert "Найдено 3 плана" in content
    assert "выполнено 0 из 2" in content
    assert "1 просрочено" in content
    assert "Организация" in content  # the coordinator filters by organisation


def test_list_with_htmx_returns_the_rows(client, coordinator, plans):
    client.force_login(coordinator)
    response = client.get(reverse("plans:list"), {"status": "draft"}, headers=HTMX)
    content = response.content.decode()
    assert "<h1>" not in content
    assert "Найдено 3 плана" in content
    assert "HX-Request" in response["Vary"]


def test_list_is_paginated(client, coordinator, school):
    for _ in range(26):
        IndividualPlanFactory(organization=school)
    client.force_login(coordinator)
    response = client.get(reverse("plans:list"))
    assert len(response.context["page"].object_list) == 25
    assert "страница 1 из 2" in response.content.decode()
    assert len(client.get(reverse("plans:list"), {"page": 2}).context["page"]) == 1


def test_list_by_reservist_offers_a_new_plan_to_the_mentor(
    client, plan, mentor, coordinator
):
    url = reverse("plans:list") + f"?entry={plan.reserve_entry_id}"
    client.force_login(mentor)
    content = client.get(url).content.decode()
    assert "Планы индивидуальной подготовки: Reservist" in content
    assert reverse("plans:create", args=[plan.reserve_entry_id]) in content
    client.force_login(coordinator)
    content = client.get(url).content.decode()
    assert reverse("plans:create", args=[plan.reserve_entry_id]) not in content


def test_list_names_the_mentors_reservists_without_a_plan(client, mentor, school):
    mentorship = make_mentorship(organization=school, mentor=make_eligible_cast(mentor))
    client.force_login(mentor)
    content = client.get(reverse("plans:list")).content.decode()
    assert "Ваши резервисты без плана" in content
    assert reverse("plans:create", args=[mentorship.reserve_entry_id]) in content


@pytest.mark.parametrize("n", [3, 12])
def test_list_query_count_does_not_grow(
    client, coordinator, school, mentor, n, django_assert_max_num_queries
):
    for _ in range(n):
        plan = IndividualPlanFactory(organization=school)
        add(plan, mentor, "Мероприятие", date(2026, 10, 1))
    client.force_login(coordinator)
    # session, user, roles, person, count, the page's keys, the plans annotated,
    # organisations of the filter, the access log's INSERT
    with django_assert_max_num_queries(9):
        response = client.get(reverse("plans:list"))
    assert response.content.decode().count('class="progress-block"') == n


# A new plan --------------------------------------------------------------------------


@pytest.fixture
def entry(mentor, reservist, plan):
    """The cast's reservist, whose first plan is done; a second one is to come."""
    IndividualPlan.objects.filter(pk=plan.pk).update(
        status=IndividualPlan.Status.COMPLETED
    )
    return plan.reserve_entry


def _create(entry) -> str:
    return reverse("plans:create", args=[entry.pk])


def test_new_plan_form_offers_a_year_from_today(client, mentor, entry):
    client.force_login(mentor)
    response = client.get(_create(entry))
    content = response.content.decode()
    assert "Новый план индивидуальной подготовки: Reservist" in content
    form = response.context["form"]
    assert form["period_start"].value() == date(2027, 1, 15)
    assert form["period_end"].value() == date(2028, 1, 14)


def test_mentor_creates_a_plan_from_the_suggestions(client, mentor, entry):
    client.force_login(mentor)
    response = client.post(
        _create(entry),
        {
            "period_start": "2027-09-01",
            "period_end": "2028-08-31",
            "start": "suggestions",
        },
    )
    plan = IndividualPlan.objects.get(period_start=date(2027, 9, 1))
    assert response["Location"] == plan.get_absolute_url()
    assert plan.items.count() == 10  # the factory's form suggests two per section
    assert plan.items.order_by("deadline").first().deadline == date(2027, 10, 1)


def test_reservist_creates_a_plan_copied_from_another(client, reservist, entry, plan):
    # The plan is completed (the `entry` fixture): its row is put in directly.
    PlanItemFactory(
        plan=plan, activity="Изучить устав школы", deadline=date(2026, 10, 1)
    )
    client.force_login(reservist)
    response = client.post(
        _create(entry),
        {
            "period_start": "2027-09-01",
            "period_end": "2028-08-31",
            "start": "copy",
            "copy_from": plan.pk,
        },
    )
    assert response.status_code == 302
    new = IndividualPlan.objects.get(period_start=date(2027, 9, 1))
    item = new.items.get()
    assert (item.activity, item.deadline) == ("Изучить устав школы", date(2027, 10, 1))


def test_new_plan_errors_are_shown_in_russian_and_nothing_is_saved(
    client, mentor, entry
):
    client.force_login(mentor)
    response = client.post(
        _create(entry),
        {"period_start": "2027-09-01", "period_end": "2027-08-01", "start": "copy"},
    )
    content = response.content.decode()
    assert "Дата окончания периода должна быть позже даты начала." in content
    assert "Выберите план, который нужно скопировать." in content
    response = client.post(
        _create(entry),
        {"period_start": "2027-01-01", "period_end": "2027-12-31", "start": "empty"},
    )
    assert "У резервиста уже есть план на этот период" in response.content.decode()
    assert IndividualPlan.objects.count() == 1


def test_a_plan_to_copy_out_of_scope_is_not_a_valid_choice(
    client, mentor, entry, far_school
):
    far = IndividualPlanFactory(organization=far_school)
    client.force_login(mentor)
    response = client.post(
        _create(entry),
        {
            "period_start": "2027-09-01",
            "period_end": "2028-08-31",
            "start": "copy",
            "copy_from": far.pk,
        },
    )
    assert "Выберите корректный вариант." in response.content.decode()


# My plan -----------------------------------------------------------------------------


def test_my_plan_opens_the_reservists_plan(client, reservist, plan):
    client.force_login(reservist)
    response = client.get(reverse("plans:mine"))
    assert response["Location"] == plan.get_absolute_url()


def test_my_plan_without_a_plan_offers_to_create_one(client, reservist, mentor, school):
    from reserve.tests.factories import ReserveEntryFactory

    entry = ReserveEntryFactory(person=reservist.person)
    make_mentorship(entry=entry, mentor=make_eligible_cast(mentor))
    client.force_login(reservist)
    response = client.get(reverse("plans:mine"))
    content = response.content.decode()
    assert "У вас пока нет плана индивидуальной подготовки." in content
    assert reverse("plans:create", args=[entry.pk]) in content


# Control of deadlines ----------------------------------------------------------------


@pytest.fixture
def control(plan, mentor, coordinator):
    """The mentor's approved plan: an overdue row, a done one and one ahead, and
    another mentee's plan with one overdue row."""
    add(plan, mentor, "Впереди", date(2027, 5, 1))
    add(plan, mentor, "Просрочено давно", date(2026, 10, 1))
    done = add(plan, mentor, "Сделано", date(2026, 11, 1))
    approve(plan, mentor, coordinator)
    services.mark_item(
        item=fresh(done), status="done", done_on=date(2026, 11, 1), evidence_text="Да"
    )
    other = IndividualPlanFactory(
        reserve_entry=make_mentorship(
            organization=plan.reserve_entry.person.organization, mentor=plan.mentor
        ).reserve_entry
    )
    add(other, mentor, "Просрочено вчера", date(2027, 1, 14))
    approve(other, mentor, coordinator)
    return {"plan": plan, "other": other}


def test_control_lists_overdue_first_with_the_days(client, mentor, control):
    client.force_login(mentor)
    response = client.get(reverse("plans:control"))
    activities = [i.activity for i in response.context["page"]]
    assert activities == ["Просрочено давно", "Просрочено вчера", "Впереди", "Сделано"]
    content = response.content.decode()
    assert "просрочено на 106 дн." in content
    assert "просрочено на 1 дн." in content
    assert "4 мероприятия" in content
    assert reverse("plans:plan", args=[control["other"].pk]) in content


def test_control_filters_by_reservist_and_overdue(client, mentor, control):
    client.force_login(mentor)
    person = control["other"].reserve_entry.person
    response = client.get(reverse("plans:control"), {"reservist": person.pk})
    assert [i.activity for i in response.context["page"]] == ["Просрочено вчера"]
    response = client.get(reverse("plans:control"), {"overdue": "on"}, headers=HTMX)
    assert [i.activity for i in response.context["page"]] == [
        "Просрочено давно",
        "Просрочено вчера",
    ]
    assert "<h1>" not in response.content.decode()


def test_control_leaves_out_drafts_and_cancelled_rows(client, mentor, control):
    item = control["plan"].items.get(activity="Впереди")
    services.remove_item(item=item, by=mentor, expected_version=item.version)
    IndividualPlanFactory(
        reserve_entry=make_mentorship(
            organization=control["plan"].reserve_entry.person.organization,
            mentor=control["plan"].mentor,
        ).reserve_entry
    )
    client.force_login(mentor)
    response = client.get(reverse("plans:control"))
    assert "Впереди" not in [i.activity for i in response.context["page"]]
    assert PlanItem.objects.filter(status="cancelled").count() == 1


@pytest.mark.parametrize("n", [3, 12])
def test_control_query_count_does_not_grow(
    client, plan, mentor, coordinator, n, django_assert_max_num_queries
):
    for i in range(n):
        add(plan, mentor, f"Мероприятие {i}", date(2026, 10, 1), section=i % 5)
    approve(plan, mentor, coordinator)
    client.force_login(mentor)
    # session, user, roles, person, reservists of the filter, count, items
    with django_assert_max_num_queries(7):
        response = client.get(reverse("plans:control"))
    assert len(response.context["page"].object_list) == n


@pytest.mark.parametrize("n", [3, 12])
def test_new_plan_page_query_count_does_not_grow(
    client, mentor, entry, school, n, django_assert_max_num_queries
):
    for i in range(n):
        IndividualPlanFactory(
            reserve_entry=entry,
            period_start=date(2000 + i, 1, 1),
            period_end=date(2000 + i, 6, 1),
        )
    client.force_login(mentor)
    # session, user, roles, person, entry, its mentor, plans to copy
    with django_assert_max_num_queries(7):
        response = client.get(_create(entry))
    assert len(response.context["form"].fields["copy_from"].choices) == n + 2


def test_list_logs_the_reservists_and_mentors_on_its_page(client, coordinator, school):
    plan = IndividualPlanFactory(organization=school)
    client.force_login(coordinator)

    assert client.get(reverse("plans:list")).status_code == 200

    logs = PersonViewLog.objects.all()
    assert {log.person_id for log in logs} == {
        plan.reserve_entry.person_id,
        plan.mentor_id,
    }
    assert {(log.user, log.channel) for log in logs} == {
        (coordinator, PersonViewLog.Channel.LIST)
    }

"""/plans: scope, filters and progress, creation, submission, approval, return,
completion with the version check, and the plan as a document."""

from datetime import date

import pytest
from django.utils.translation import pgettext

from api.tests.conftest import API, make_order, ru
from mentorships.models import Mentorship
from people.models import PersonViewLog
from people.tests.factories import PersonFactory
from plans.models import IndividualPlan, PlanItem
from plans.tests.factories import IndividualPlanFactory, PlanItemFactory

URL = f"{API}/plans"
JSON = "application/json"
NOT_AVAILABLE = "Такого объекта нет или он вам недоступен."
NOT_FOUND = {"detail": "Объект не найден.", "errors": {}}
FORBIDDEN = {"detail": "Недостаточно прав для этого действия.", "errors": {}}

pytestmark = pytest.mark.usefixtures("today")


def reservists(response) -> list[str]:
    return [p["reservist"]["full_name"].split()[0] for p in response.json()["items"]]


@pytest.fixture
def other_plan(other_school) -> IndividualPlan:
    """A plan of Other school's reservist «O», with an overdue row."""
    plan = IndividualPlanFactory.create(
        reservist=PersonFactory(organization=other_school, last_name="O")
    )
    PlanItemFactory(plan=plan, deadline=date(2026, 10, 1))
    return plan


def body(entry, **fields) -> dict:
    return {
        "reserve_entry_id": entry.pk,
        "period_start": "2027-09-01",
        "period_end": "2028-08-31",
        **fields,
    }


# ----------------------------------------------------------------------- list


def test_list_shows_the_coordinator_the_municipality(
    api_client, coordinator, plan, other_plan
):
    response = api_client(coordinator).get(URL)

    assert response.status_code == 200
    assert sorted(reservists(response)) == ["O", "Reservist"]


@pytest.mark.parametrize("role", ["head", "mentor", "reservist"])
def test_list_shows_others_their_own(request, api_client, role, plan, other_plan):
    user = request.getfixturevalue(role)

    assert reservists(api_client(user).get(URL)) == ["Reservist"]


@pytest.mark.parametrize("role", ["commission", "stranger"])
def test_list_hides_the_plans_from_others(request, api_client, role, plan):
    user = request.getfixturevalue(role)

    assert reservists(api_client(user).get(URL)) == []


def test_list_is_401_for_an_anonymous_client(api_client, plan):
    assert api_client().get(URL).status_code == 401


def test_list_item_has_the_documented_fields(
    api_client, reservist, school, mentor_person, entry, plan
):
    item = api_client(reservist).get(URL).json()["items"][0]

    version = plan.form_version
    assert item == {
        "id": plan.pk,
        "reserve_entry_id": entry.pk,
        "reservist": {
            "id": entry.person_id,
            "full_name": "Reservist Name Patronymic",
            "organization": {"id": school.pk, "short_name": "School"},
        },
        "target_position": {"id": entry.target_position_id, "name": "Директор школы"},
        "mentor": {"id": mentor_person.pk, "full_name": "Mentor Name Patronymic"},
        "form_version": {
            "id": version.pk,
            "form_id": version.form_id,
            "form_name": version.form.name,
            "number": version.number,
        },
        "period_start": "2026-09-01",
        "period_end": "2027-08-31",
        "status": "draft",
        "status_display": pgettext("plan status", "draft"),
        "version": 1,
        "has_unapproved_changes": False,
        "progress": {
            "total": 2,
            "done": 0,
            "done_late": 0,
            "overdue": 2,
            "remaining": 0,
            "not_done": 0,
        },
    }


def test_list_filters(api_client, coordinator, school, other_school, plan, other_plan):
    client = api_client(coordinator)
    submitted = IndividualPlanFactory(
        reservist=PersonFactory(organization=school, last_name="S"),
        status=IndividualPlan.Status.SUBMITTED,
    )
    PlanItemFactory(plan=submitted, deadline=date(2027, 6, 1))

    assert reservists(client.get(URL, {"status": "submitted"})) == ["S"]
    assert sorted(reservists(client.get(URL, {"organization_id": school.pk}))) == [
        "Reservist",
        "S",
    ]
    assert reservists(
        client.get(URL, {"reserve_entry_id": other_plan.reserve_entry_id})
    ) == ["O"]
    assert reservists(client.get(URL, {"mentor_id": plan.mentor_id})) == ["Reservist"]
    assert sorted(reservists(client.get(URL, {"has_overdue": "true"}))) == [
        "O",
        "Reservist",
    ]
    assert reservists(client.get(URL, {"has_overdue": "false"})) == ["S"]


@pytest.mark.parametrize("n_rows", [3, 12])
def test_list_query_count_is_constant(
    api_client, coordinator, school, other_school, django_assert_max_num_queries, n_rows
):
    for i in range(n_rows):
        plan = IndividualPlanFactory(organization=school if i % 2 else other_school)
        PlanItemFactory.create_batch(i % 3, plan=plan)
    client = api_client(coordinator)

    # token, roles, person, count, the page's keys, the page annotated, the
    # access log's INSERT
    with django_assert_max_num_queries(7):
        response = client.get(URL)

    assert response.json()["count"] == n_rows


# ------------------------------------------------------------------------ get


def test_get_shows_the_progress(api_client, mentor, plan):
    items = list(plan.items.all())
    items[0].status, items[0].done_on = PlanItem.Status.DONE, date(2026, 10, 5)
    items[0].save()

    response = api_client(mentor).get(f"{URL}/{plan.pk}")

    assert response.status_code == 200
    body = response.json()
    assert body["progress"] == {
        "total": 2,
        "done": 1,
        "done_late": 1,
        "overdue": 1,
        "remaining": 0,
        "not_done": 0,
    }
    assert (body["approved_by_name"], body["remarks"], body["revisions"]) == (
        "",
        "",
        [],
    )


@pytest.mark.parametrize("role", ["commission", "stranger"])
def test_get_is_404_outside_the_scope(request, api_client, role, plan):
    user = request.getfixturevalue(role)

    response = api_client(user).get(f"{URL}/{plan.pk}")

    assert response.status_code == 404
    assert response.json() == NOT_FOUND


def test_get_is_401_for_an_anonymous_client(api_client, plan):
    assert api_client().get(f"{URL}/{plan.pk}").status_code == 401


# --------------------------------------------------------------------- create


@pytest.mark.parametrize("role", ["mentor", "reservist"])
def test_create_makes_a_draft_on_the_approved_form(
    request, api_client, role, plan, entry
):
    user = request.getfixturevalue(role)

    response = api_client(user).post(URL, body(entry), content_type=JSON)

    assert response.status_code == 201
    created = response.json()
    assert (created["status"], created["period_start"], created["version"]) == (
        "draft",
        "2027-09-01",
        1,
    )
    assert created["form_version"]["id"] == plan.form_version_id
    assert created["progress"]["total"] == 0


def test_create_fills_the_plan_from_suggestions(api_client, mentor, plan, entry):
    response = api_client(mentor).post(
        URL, body(entry, from_suggestions=True), content_type=JSON
    )

    assert response.status_code == 201
    suggested = sum(s.suggested_items.count() for s in plan.form_version.sections.all())
    assert response.json()["progress"]["total"] == suggested


def test_create_copies_another_plan_with_dates_shifted(api_client, mentor, plan, entry):
    response = api_client(mentor).post(
        URL, body(entry, copy_from_id=plan.pk), content_type=JSON
    )

    assert response.status_code == 201
    new = IndividualPlan.objects.get(pk=response.json()["id"])
    assert sorted(i.deadline for i in new.items.all()) == sorted(
        i.deadline.replace(year=i.deadline.year + 1) for i in plan.items.all()
    )


@pytest.mark.parametrize("role", ["coordinator", "head"])
def test_create_is_403_for_those_who_do_not_draft_the_plan(
    request, api_client, role, plan, entry
):
    user = request.getfixturevalue(role)

    response = api_client(user).post(URL, body(entry), content_type=JSON)

    assert response.status_code == 403
    assert IndividualPlan.objects.count() == 1


def test_create_refuses_an_entry_out_of_scope(api_client, stranger, plan, entry):
    response = api_client(stranger).post(URL, body(entry), content_type=JSON)

    assert response.status_code == 422
    assert response.json()["errors"] == {"reserve_entry_id": [NOT_AVAILABLE]}
    assert IndividualPlan.objects.count() == 1


def test_create_refuses_a_copy_from_a_plan_out_of_scope(
    api_client, mentor, plan, entry, far_school
):
    foreign = IndividualPlanFactory(organization=far_school)

    response = api_client(mentor).post(
        URL, body(entry, copy_from_id=foreign.pk), content_type=JSON
    )

    assert response.status_code == 422
    assert response.json()["errors"] == {"copy_from_id": [NOT_AVAILABLE]}
    assert IndividualPlan.objects.count() == 2


def test_create_is_401_for_an_anonymous_client(api_client, plan, entry):
    assert api_client().post(URL, body(entry), content_type=JSON).status_code == 401


def test_create_refuses_a_second_plan_for_the_same_period(
    api_client, mentor, plan, entry
):
    response = api_client(mentor).post(
        URL,
        body(entry, period_start="2027-03-01", period_end="2028-02-29"),
        content_type=JSON,
    )

    assert response.status_code == 400
    assert response.json()["detail"] == ru(
        "The reservist already has a plan for this period: %(plan)s."
    ) % {"plan": plan}
    assert IndividualPlan.objects.count() == 1


def test_create_refuses_a_reservist_without_a_mentor(
    api_client, reservist, plan, entry
):
    entry.mentorships.update(status=Mentorship.Status.ENDED)

    response = api_client(reservist).post(URL, body(entry), content_type=JSON)

    assert response.status_code == 400
    assert response.json()["detail"] == ru(
        "The reservist has no active mentor: the plan is drafted with the mentor."
    )
    assert IndividualPlan.objects.count() == 1


def test_create_checks_the_shape(api_client, mentor, entry):
    response = api_client(mentor).post(
        URL,
        {"reserve_entry_id": entry.pk, "period_start": "2027-02-30", "x": 1},
        content_type=JSON,
    )

    assert response.status_code == 422
    assert response.json()["errors"] == {
        "period_start": ["Введите правильную дату в формате ГГГГ-ММ-ДД."],
        "period_end": ["Обязательное поле."],
        "x": ["Неизвестное поле."],
    }


def test_make_order_gives_the_plan_a_mentor(mentor_person, entry):
    """Guards the helper the plan fixtures rely on."""
    make_order(mentor_person, entry)

    assert IndividualPlanFactory(reserve_entry=entry).mentor == mentor_person


def test_list_logs_the_page_s_reservists_and_mentors(
    api_client, coordinator, plan, mentor_person, entry
):
    api_client(coordinator).get(URL)

    logs = PersonViewLog.objects.all()
    assert sorted(log.person_id for log in logs) == sorted(
        [entry.person_id, mentor_person.pk]
    )
    assert {(log.user, log.channel, log.source) for log in logs} == {
        (coordinator, PersonViewLog.Channel.API, URL)
    }


def test_document_logs_the_reservist_and_the_mentor(
    api_client, mentor, plan, mentor_person, entry
):
    url = f"{URL}/{plan.pk}/document"
    assert api_client(mentor).get(url, {"format": "docx"}).status_code == 200

    logs = PersonViewLog.objects.all()
    assert {log.person_id for log in logs} == {entry.person_id, mentor_person.pk}
    assert {log.channel for log in logs} == {PersonViewLog.Channel.DOCUMENT}

"""/plans/{id}/items: the rows of a plan: who changes them, the deadline within
the period, the version check (409), revisions of an approved plan, progress."""

from datetime import date

import pytest

from api.tests.conftest import API, approve, ru
from plans.models import IndividualPlan, PlanItem, Revision
from plans.tests.factories import (
    IndividualPlanFactory,
    PlanFormSectionFactory,
    PlanItemFactory,
)

JSON = "application/json"
NOT_AVAILABLE = "Такого объекта нет или он вам недоступен."
STALE = (
    "Somebody else has changed this since you opened it. Reload the page: "
    "your changes were not saved."
)

pytestmark = pytest.mark.usefixtures("today")


def url(plan, *parts: object) -> str:
    return "/".join([f"{API}/plans/{plan.pk}/items", *map(str, parts)])


def row(plan, **fields) -> dict:
    return {
        "section_id": plan.form_version.sections.first().pk,
        "activity": "Изучить устав школы",
        "form_of_work": "Самостоятельно",
        "deadline": "2027-02-01",
        "responsible": "Резервист",
        "expected_result": "Конспект",
        **fields,
    }


@pytest.fixture
def item(plan) -> PlanItem:
    return plan.items.order_by("pk").first()


# ----------------------------------------------------------------------- list


@pytest.mark.parametrize("role", ["coordinator", "head", "mentor", "reservist"])
def test_list_shows_the_rows_to_whoever_sees_the_plan(request, api_client, role, plan):
    user = request.getfixturevalue(role)

    response = api_client(user).get(url(plan))

    assert response.status_code == 200
    assert response.json()["count"] == 2


@pytest.mark.parametrize(("role", "status"), [("stranger", 404), (None, 401)])
def test_list_is_refused_outside_the_scope(request, api_client, role, status, plan):
    user = request.getfixturevalue(role) if role else None

    assert api_client(user).get(url(plan)).status_code == status


def test_list_item_has_the_documented_fields(api_client, mentor, plan, item):
    first = api_client(mentor).get(url(plan)).json()["items"][0]

    section = item.section
    assert first == {
        "id": item.pk,
        "plan_id": plan.pk,
        "section": {"id": section.pk, "position": 1, "title": section.title},
        "position": item.position,
        "activity": item.activity,
        "form_of_work": "Seminar",
        "deadline": "2026-10-01",
        "responsible": "Mentor",
        "expected_result": "Report",
        "status": "planned",
        "status_display": ru("planned"),
        "is_overdue": True,
        "is_done_late": False,
        "done_on": None,
        "not_done_reason": "",
        "evidence_text": "",
        "evidence_link": "",
        "files": [],
        "confirmed_at": None,
        "confirmed_by_name": "",
        "version": 1,
    }


def test_list_filters(api_client, mentor, plan):
    second = plan.form_version.sections.get(position=2)
    PlanItemFactory(plan=plan, section=second, status=PlanItem.Status.IN_PROGRESS)
    client = api_client(mentor)

    assert client.get(url(plan), {"section_id": second.pk}).json()["count"] == 1
    assert client.get(url(plan), {"status": "planned"}).json()["count"] == 2


@pytest.mark.parametrize("n_rows", [5, 20])
def test_list_query_count_is_constant(
    api_client, mentor, mentor_person, reservist, django_assert_max_num_queries, n_rows
):
    plan = IndividualPlanFactory(
        reservist=reservist.person, mentor_person=mentor_person
    )
    PlanItemFactory.create_batch(n_rows, plan=plan)
    client = api_client(mentor)

    # token, roles, person, plan, count, page, files
    with django_assert_max_num_queries(7):
        response = client.get(url(plan))
    # the roles are cached for the token's next request
    with django_assert_max_num_queries(5):
        assert client.get(url(plan)).json()["count"] == n_rows

    assert response.json()["count"] == n_rows


# --------------------------------------------------------------------- create


@pytest.mark.parametrize("role", ["mentor", "reservist"])
def test_create_adds_a_row_to_a_draft(request, api_client, role, plan):
    user = request.getfixturevalue(role)

    response = api_client(user).post(url(plan), row(plan), content_type=JSON)

    assert response.status_code == 201
    assert response.json()["activity"] == "Изучить устав школы"
    assert plan.items.count() == 3


def test_create_refuses_a_deadline_outside_the_period(api_client, mentor, plan):
    response = api_client(mentor).post(
        url(plan), row(plan, deadline="2027-09-01"), content_type=JSON
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "deadline": [
            ru("The deadline must be within the plan period (%(start)s – %(end)s).")
            % {"start": "01.09.2026", "end": "31.08.2027"}
        ]
    }
    assert plan.items.count() == 2


def test_create_refuses_a_submitted_plan(api_client, mentor, plan):
    plan.status = IndividualPlan.Status.SUBMITTED
    plan.save()

    response = api_client(mentor).post(url(plan), row(plan), content_type=JSON)

    assert response.status_code == 400
    assert response.json()["detail"] == ru(
        "The plan is awaiting approval: it can be changed after it is returned."
    )
    assert plan.items.count() == 2


def test_create_in_an_approved_plan_is_a_revision(
    api_client, mentor, coordinator, plan
):
    approve(plan, coordinator)

    response = api_client(mentor).post(url(plan), row(plan), content_type=JSON)

    assert response.status_code == 201
    plan.refresh_from_db()
    assert plan.has_unapproved_changes
    assert Revision.objects.filter(plan=plan).count() == 1


def test_create_refuses_a_section_of_another_form(api_client, mentor, plan):
    foreign = PlanFormSectionFactory()

    response = api_client(mentor).post(
        url(plan), row(plan, section_id=foreign.pk), content_type=JSON
    )

    assert response.status_code == 422
    assert response.json()["errors"] == {"section_id": [NOT_AVAILABLE]}
    assert plan.items.count() == 2


@pytest.mark.parametrize(
    ("role", "status"),
    [("coordinator", 403), ("head", 403), ("stranger", 404), (None, 401)],
)
def test_create_is_refused_to_others(request, api_client, role, status, plan):
    user = request.getfixturevalue(role) if role else None

    response = api_client(user).post(url(plan), row(plan), content_type=JSON)

    assert response.status_code == status
    assert plan.items.count() == 2


# ---------------------------------------------------------------------- patch


def test_patch_changes_the_row_and_its_version(api_client, reservist, plan, item):
    response = api_client(reservist).patch(
        url(plan, item.pk),
        {"version": 1, "deadline": "2027-03-01", "activity": "Новое"},
        content_type=JSON,
    )

    assert response.status_code == 200
    assert (response.json()["deadline"], response.json()["version"]) == (
        "2027-03-01",
        2,
    )


def test_patch_with_a_stale_version_is_409(api_client, mentor, reservist, plan, item):
    api_client(reservist).patch(
        url(plan, item.pk), {"version": 1, "activity": "Первое"}, content_type=JSON
    )

    response = api_client(mentor).patch(
        url(plan, item.pk), {"version": 1, "activity": "Второе"}, content_type=JSON
    )

    assert response.status_code == 409
    assert response.json() == {"detail": ru(STALE), "errors": {}}
    item.refresh_from_db()
    assert (item.activity, item.version) == ("Первое", 2)


def test_patch_refuses_a_deadline_outside_the_period(api_client, mentor, plan, item):
    response = api_client(mentor).patch(
        url(plan, item.pk), {"version": 1, "deadline": "2026-08-31"}, content_type=JSON
    )

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["deadline"]
    item.refresh_from_db()
    assert (item.deadline, item.version) == (date(2026, 10, 1), 1)


def test_patch_refuses_a_submitted_plan(api_client, mentor, plan, item):
    plan.status = IndividualPlan.Status.SUBMITTED
    plan.save()

    response = api_client(mentor).patch(
        url(plan, item.pk), {"version": 1, "activity": "Другое"}, content_type=JSON
    )

    assert response.status_code == 400
    item.refresh_from_db()
    assert item.activity != "Другое"


def test_patch_requires_the_version_and_no_nulls(api_client, mentor, plan, item):
    response = api_client(mentor).patch(
        url(plan, item.pk), {"activity": None}, content_type=JSON
    )

    assert response.status_code == 422
    assert response.json()["errors"] == {
        "version": ["Обязательное поле."],
        "activity": ["Значение null для этого поля недопустимо."],
    }


@pytest.mark.parametrize(("role", "status"), [("coordinator", 403), ("stranger", 404)])
def test_patch_is_refused_to_others(request, api_client, role, status, plan, item):
    user = request.getfixturevalue(role)

    response = api_client(user).patch(
        url(plan, item.pk), {"version": 1, "activity": "Чужое"}, content_type=JSON
    )

    assert response.status_code == status
    item.refresh_from_db()
    assert item.activity != "Чужое"


def test_a_row_of_another_plan_is_404(api_client, mentor, plan):
    other = PlanItemFactory()

    response = api_client(mentor).get(url(plan, other.pk))

    assert response.status_code == 404


# --------------------------------------------------------------------- delete


def test_delete_removes_a_row_of_a_draft(api_client, mentor, plan, item):
    response = api_client(mentor).delete(url(plan, item.pk) + "?version=1")

    assert response.status_code == 204
    assert plan.items.count() == 1


def test_delete_cancels_a_row_of_an_approved_plan(
    api_client, mentor, coordinator, plan, item
):
    approve(plan, coordinator)

    response = api_client(mentor).delete(url(plan, item.pk))

    assert response.status_code == 204
    item.refresh_from_db()
    assert item.status == PlanItem.Status.CANCELLED


def test_delete_with_a_stale_version_is_409(api_client, mentor, plan, item):
    response = api_client(mentor).delete(url(plan, item.pk) + "?version=7")

    assert response.status_code == 409
    assert plan.items.count() == 2


@pytest.mark.parametrize(("role", "status"), [("head", 403), ("stranger", 404)])
def test_delete_is_refused_to_others(request, api_client, role, status, plan, item):
    user = request.getfixturevalue(role)

    assert api_client(user).delete(url(plan, item.pk)).status_code == status
    assert plan.items.count() == 2


# ------------------------------------------------------- reorder, deadlines


def test_reorder_puts_the_rows_in_order(api_client, mentor, plan):
    ids = list(plan.items.order_by("position").values_list("pk", flat=True))

    response = api_client(mentor).post(
        url(plan, "reorder"), {"item_ids": ids[::-1]}, content_type=JSON
    )

    assert response.status_code == 204
    assert (
        list(plan.items.order_by("position").values_list("pk", flat=True))
        == (ids[::-1])
    )


def test_reorder_refuses_foreign_ids(api_client, mentor, plan):
    ids = list(plan.items.order_by("position").values_list("pk", flat=True))

    response = api_client(mentor).post(
        url(plan, "reorder"),
        {"item_ids": [ids[1], PlanItemFactory().pk]},
        content_type=JSON,
    )

    assert response.status_code == 400
    assert response.json()["detail"] == ru("The list of items does not match the plan.")
    assert list(plan.items.order_by("position").values_list("pk", flat=True)) == ids


def test_deadlines_set_one_date_on_several_rows(api_client, reservist, plan):
    ids = list(plan.items.values_list("pk", flat=True))

    response = api_client(reservist).post(
        url(plan, "deadlines"),
        {"item_ids": ids, "deadline": "2027-05-31"},
        content_type=JSON,
    )

    assert response.status_code == 200
    assert response.json() == {"changed": 2, "skipped": 0}
    assert set(plan.items.values_list("deadline", flat=True)) == {date(2027, 5, 31)}


def test_deadlines_refuse_a_date_outside_the_period(api_client, reservist, plan):
    ids = list(plan.items.values_list("pk", flat=True))

    response = api_client(reservist).post(
        url(plan, "deadlines"),
        {"item_ids": ids, "deadline": "2027-09-30"},
        content_type=JSON,
    )

    assert response.status_code == 400
    assert set(plan.items.values_list("deadline", flat=True)) == {date(2026, 10, 1)}


@pytest.mark.parametrize("action", ["reorder", "deadlines"])
@pytest.mark.parametrize(
    ("role", "status"), [("coordinator", 403), ("stranger", 404), (None, 401)]
)
def test_bulk_changes_are_refused_to_others(
    request, api_client, action, role, status, plan
):
    user = request.getfixturevalue(role) if role else None
    ids = list(plan.items.values_list("pk", flat=True))

    response = api_client(user).post(
        url(plan, action),
        {"item_ids": ids, "deadline": "2027-05-31"}
        if action == "deadlines"
        else {"item_ids": ids[::-1]},
        content_type=JSON,
    )

    assert response.status_code == status
    assert set(plan.items.values_list("deadline", flat=True)) == {date(2026, 10, 1)}


@pytest.mark.parametrize("action", ["reorder", "deadlines"])
def test_reservist_may_not_restructure_an_approved_plan(
    api_client, reservist, coordinator, action, plan
):
    approve(plan, coordinator)
    ids = list(plan.items.values_list("pk", flat=True))

    response = api_client(reservist).post(
        url(plan, action),
        {"item_ids": ids, "deadline": "2027-05-31"}
        if action == "deadlines"
        else {"item_ids": ids[::-1]},
        content_type=JSON,
    )

    assert response.status_code == 403
    assert set(plan.items.values_list("deadline", flat=True)) == {date(2026, 10, 1)}

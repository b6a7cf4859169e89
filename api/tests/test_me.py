"""/me/reservists: the mentor's screen in one call — the current reservists with
their current plan and its rows, per role, in scope, in constant queries."""

from datetime import UTC, date, datetime

import pytest

from accounts.models import Role, RoleAssignment
from accounts.tests.factories import UserFactory
from api.schemas.me import MyReservistsPage
from api.tests.conftest import API
from mentorships.models import Mentorship
from mentorships.tests.factories import MentorshipFactory
from people.models import PersonViewLog
from people.tests.factories import PersonFactory
from plans.models import IndividualPlan, PlanItem
from plans.tests.factories import (
    IndividualPlanFactory,
    PlanItemFactory,
    make_eligible,
)
from reserve.tests.factories import ReserveEntryFactory

URL = f"{API}/me/reservists"
FORBIDDEN = {"detail": "Недостаточно прав для этого действия.", "errors": {}}

pytestmark = pytest.mark.usefixtures("today")


def mentee(mentor_person, organization, last_name: str, **fields) -> Mentorship:
    """An active mentorship of the mentor with a new reservist of the organisation."""
    person = PersonFactory(organization=organization, last_name=last_name)
    return MentorshipFactory.create(
        mentor=mentor_person, reserve_entry=ReserveEntryFactory(person=person), **fields
    )


def plan_of(mentorship: Mentorship, n_items: int = 0, **fields) -> IndividualPlan:
    plan = IndividualPlanFactory.create(
        reserve_entry=mentorship.reserve_entry, mentor=mentorship.mentor, **fields
    )
    PlanItemFactory.create_batch(n_items, plan=plan)
    return plan


@pytest.fixture
def mentor_person(mentor):
    return make_eligible(mentor.person)


def names(response) -> list[str]:
    return [r["reservist"]["full_name"] for r in response.json()["items"]]


# ------------------------------------------------------------------ who sees


def test_a_mentor_sees_their_current_reservists_by_name(
    api_client, mentor, mentor_person, school, other_school
):
    b = mentee(mentor_person, school, "Борисов")
    a = mentee(mentor_person, other_school, "Алексеев", status="pending")
    mentee(mentor_person, school, "Ветров", status="ended", ended_on=date(2026, 12, 1))
    MentorshipFactory(reserve_entry__person__organization=school)  # another mentor's

    response = api_client(mentor).get(URL)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert [r["id"] for r in body["items"]] == [a.pk, b.pk]
    first = body["items"][0]
    person = a.reserve_entry.person
    assert first == {
        "id": a.pk,
        "status": "pending",
        "starts_on": "2026-09-10",
        "planned_end_on": "2027-09-10",
        "reserve_entry_id": a.reserve_entry_id,
        "reserve_entry_status": "active",
        "reservist": {
            "id": person.pk,
            "full_name": person.full_name,
            "organization": {"id": other_school.pk, "short_name": "Other school"},
            "position": {
                "id": person.position_id,
                "name": person.position.name,
                "is_administrative": False,
            },
        },
        "target_position": {
            "id": a.reserve_entry.target_position_id,
            "name": a.reserve_entry.target_position.name,
        },
    }


def test_a_mentor_of_another_municipality_sees_only_their_own(
    api_client, mentor_person, school, far_school
):
    mentee(mentor_person, school, "Борисов")
    far_mentor = UserFactory(username="far-mentor")
    RoleAssignment.objects.create(user=far_mentor, role=Role.MENTOR)
    far_person = make_eligible(PersonFactory(user=far_mentor, organization=far_school))
    mentee(far_person, far_school, "Дальний")

    response = api_client(far_mentor).get(URL)

    assert response.status_code == 200
    assert names(response) == ["Дальний Name Patronymic"]


def test_a_mentor_without_reservists_gets_an_empty_page(api_client, mentor):
    response = api_client(mentor).get(URL, {"include": "plan,items"})

    assert response.status_code == 200
    assert response.json() == {"count": 0, "items": []}


@pytest.mark.parametrize("role", ["reservist", "coordinator", "head", "stranger"])
def test_who_is_not_a_mentor_gets_403(request, api_client, role):
    user = request.getfixturevalue(role)

    response = api_client(user).get(URL)

    assert response.status_code == 403
    assert response.json() == FORBIDDEN


def test_an_anonymous_client_gets_401(api_client):
    response = api_client().get(URL)

    assert response.status_code == 401
    assert response.json()["detail"] == "Требуется авторизация."


def test_a_session_works_too(client, mentor, mentor_person, school):
    mentee(mentor_person, school, "Борисов")
    client.force_login(mentor)

    assert client.get(URL).json()["count"] == 1


# ------------------------------------------------------------------ include


def test_without_include_there_is_no_plan_key(
    api_client, mentor, mentor_person, school
):
    plan_of(mentee(mentor_person, school, "Борисов"), 2)

    item = api_client(mentor).get(URL).json()["items"][0]

    assert "plan" not in item


def test_include_plan_gives_the_current_plan_with_progress(
    api_client, mentor, mentor_person, school
):
    m = mentee(mentor_person, school, "Борисов")
    plan_of(
        m,
        1,
        status=IndividualPlan.Status.COMPLETED,
        period_start=date(2025, 9, 1),
        period_end=date(2026, 8, 31),
    )
    plan = plan_of(m, 3, status=IndividualPlan.Status.APPROVED)
    first, second, _third = plan.items.order_by("pk")
    first.status, first.done_on = PlanItem.Status.DONE, date(2026, 10, 20)
    first.save()
    second.status, second.not_done_reason = PlanItem.Status.NOT_DONE, "Болезнь"
    second.save()

    item = api_client(mentor).get(URL, {"include": "plan"}).json()["items"][0]

    assert item["plan"] == {
        "id": plan.pk,
        "status": "approved",
        "status_display": "утверждён",
        "period_start": "2026-09-01",
        "period_end": "2027-08-31",
        "version": plan.version,
        "has_unapproved_changes": False,
        "progress": {
            "total": 3,
            "done": 1,
            "done_late": 1,
            "overdue": 1,
            "remaining": 0,
            "not_done": 1,
        },
    }


def test_the_progress_counted_from_the_rows_is_the_same(
    api_client, mentor, mentor_person, school
):
    plan = plan_of(mentee(mentor_person, school, "Борисов"), 4)
    done, late, cancelled, _open = plan.items.order_by("pk")
    done.status, done.done_on = PlanItem.Status.DONE, done.deadline
    done.save()
    late.status, late.done_on = PlanItem.Status.DONE, date(2026, 12, 1)
    late.save()
    cancelled.status = PlanItem.Status.CANCELLED
    cancelled.save()
    client = api_client(mentor)

    counted = client.get(URL, {"include": "plan"}).json()["items"][0]["plan"]
    listed = client.get(URL, {"include": "items"}).json()["items"][0]["plan"]

    assert listed["progress"] == counted["progress"]
    assert counted["progress"] == {
        "total": 3,
        "done": 2,
        "done_late": 1,
        "overdue": 1,
        "remaining": 0,
        "not_done": 0,
    }


def test_a_reservist_without_a_plan_has_plan_null(
    api_client, mentor, mentor_person, school
):
    mentee(mentor_person, school, "Борисов")

    item = api_client(mentor).get(URL, {"include": "plan,items"}).json()["items"][0]

    assert item["plan"] is None


def test_include_items_gives_the_rows_as_the_items_api_names_them(
    api_client, mentor, mentor_person, school
):
    plan = plan_of(mentee(mentor_person, school, "Борисов"), 2)
    row = plan.items.order_by("pk").first()
    row.status, row.done_on = PlanItem.Status.DONE, date(2026, 10, 1)
    row.confirmed_by = mentor
    row.confirmed_at = datetime(2027, 1, 10, 3, 4, 5, 123456, tzinfo=UTC)
    row.save()
    client = api_client(mentor)

    rows = client.get(URL, {"include": "items"}).json()["items"][0]["plan"]["items"]
    full = client.get(f"{API}/plans/{plan.pk}/items").json()["items"]

    assert [r["id"] for r in rows] == [r["id"] for r in full]
    for compact, complete in zip(rows, full, strict=True):
        assert compact.pop("n_files") == len(complete.pop("files"))
        assert compact == complete
    assert rows[0]["confirmed_by_name"] == mentor.person.short_name
    assert rows[0]["confirmed_at"] == "2027-01-10T03:04:05.123Z"
    assert rows[1]["is_overdue"] is True


def test_include_items_counts_the_files(
    api_client, mentor, mentor_person, school, settings, tmp_path
):
    plan = plan_of(mentee(mentor_person, school, "Борисов"), 2)
    row = plan.items.order_by("pk").first()
    row.files.create(original_name="a.pdf", size=1, file="a.pdf")
    row.files.create(original_name="b.pdf", size=1, file="b.pdf")

    rows = (
        api_client(mentor)
        .get(URL, {"include": "plan,items"})
        .json()["items"][0]["plan"]["items"]
    )

    assert [r["n_files"] for r in rows] == [2, 0]


@pytest.mark.parametrize("include", ["plans", "plan,comments", "items,,x"])
def test_an_unknown_include_is_422_naming_the_allowed_values(
    api_client, mentor, include
):
    response = api_client(mentor).get(URL, {"include": include})

    assert response.status_code == 422
    assert response.json() == {
        "detail": "Запрос содержит некорректные данные.",
        "errors": {"include": ["Выберите одно из допустимых значений: plan, items."]},
    }


# --------------------------------------------------------------- pagination


def test_pages(api_client, mentor, mentor_person, school):
    for name in ("Андреев", "Борисов", "Васильев"):
        mentee(mentor_person, school, name)
    client = api_client(mentor)

    first = client.get(URL, {"page_size": 2})
    last = client.get(URL, {"page_size": 2, "page": 2})
    beyond = client.get(URL, {"page_size": 2, "page": 3})

    assert [r["reservist"]["full_name"][:7] for r in first.json()["items"]] == [
        "Андреев",
        "Борисов",
    ]
    assert [r["reservist"]["full_name"][:8] for r in last.json()["items"]] == [
        "Васильев"
    ]
    assert [p.json()["count"] for p in (first, last, beyond)] == [3, 3, 3]
    assert beyond.json()["items"] == []


def test_a_bad_page_is_422(api_client, mentor):
    response = api_client(mentor).get(URL, {"page": 0})

    assert response.status_code == 422
    assert "page" in response.json()["errors"]


# ------------------------------------------------------------ access log


def test_the_reservists_returned_are_logged(api_client, mentor, mentor_person, school):
    shown = [mentee(mentor_person, school, n) for n in ("Андреев", "Борисов")]
    mentee(mentor_person, school, "Васильев")

    api_client(mentor).get(URL, {"page_size": 2, "include": "plan"})

    logs = PersonViewLog.objects.all()
    assert sorted(log.person_id for log in logs) == sorted(
        m.reserve_entry.person_id for m in shown
    )
    assert {(log.user, log.channel) for log in logs} == {
        (mentor, PersonViewLog.Channel.API)
    }


# ------------------------------------------------------------ query count


@pytest.mark.parametrize(("n_reservists", "n_items"), [(2, 3), (6, 20)])
def test_query_count_is_constant(
    api_client,
    mentor,
    mentor_person,
    school,
    django_assert_num_queries,
    n_reservists,
    n_items,
):
    for i in range(n_reservists):
        m = mentee(mentor_person, school, f"Резервист{i}")
        if i:  # the first has no plan
            plan = plan_of(m, n_items)
            PlanItem.objects.filter(pk=plan.items.first().pk).update(
                status=PlanItem.Status.DONE,
                done_on=date(2026, 10, 1),
                confirmed_by=mentor,
            )
    client = api_client(mentor)

    # token, roles, person; page, plans with progress, rows, access log
    with django_assert_num_queries(7):
        response = client.get(URL, {"include": "plan,items"})

    body = response.json()
    assert body["count"] == n_reservists
    assert sum(len(r["plan"]["items"]) for r in body["items"] if r["plan"]) == (
        (n_reservists - 1) * n_items
    )
    MyReservistsPage.model_validate(body)


def test_query_count_with_more_pages_adds_the_count(
    api_client, mentor, mentor_person, school, django_assert_num_queries
):
    for i in range(3):
        plan_of(mentee(mentor_person, school, f"Резервист{i}"), 2)
    client = api_client(mentor)

    # token, roles, person; page, count, plans with progress, rows, access log
    with django_assert_num_queries(8):
        response = client.get(URL, {"include": "items", "page_size": 2})

    assert response.json()["count"] == 3


def test_openapi_describes_the_screen(client):
    paths = client.get(f"{API}/openapi.json").json()["paths"]

    operation = paths[URL]["get"]
    assert operation["operationId"] == "list_my_reservists"
    assert {p["name"] for p in operation["parameters"]} == {
        "page",
        "page_size",
        "include",
    }
    assert set(operation["responses"]) == {"200", "401", "403", "422"}

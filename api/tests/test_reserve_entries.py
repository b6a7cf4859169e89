"""/reserve-entries: scope, the access log, inclusion, corrections, appointment,
exclusion, filters and query count."""

from datetime import date

import pytest

from api.tests.conftest import API, make_eligible, make_order, ru
from mentorships.models import Mentorship
from people.models import PersonViewLog
from people.tests.factories import PersonFactory
from plans.models import IndividualPlan
from plans.tests.factories import IndividualPlanFactory
from reserve.models import ReserveEntry
from reserve.tests.factories import ReserveEntryFactory, TargetPositionFactory

URL = f"{API}/reserve-entries"
JSON = "application/json"


def surnames(response) -> list[str]:
    return [e["person"]["full_name"].split()[0] for e in response.json()["items"]]


@pytest.fixture
def director(municipality):
    return TargetPositionFactory(municipality=municipality, name="Директор школы")


@pytest.fixture
def new_entry(director, head) -> dict:
    return {
        "person_id": head.person.pk,
        "target_position_id": director.pk,
        "basis_number": "15-р",
        "basis_date": "2026-09-01",
        "included_on": "2026-09-02",
    }


@pytest.fixture
def town_entries(entry, other_school, far_school):
    """The reservist's entry at School, one at Other school and one far away."""
    return [
        entry,
        ReserveEntryFactory(person__organization=other_school, person__last_name="O"),
        ReserveEntryFactory(person__organization=far_school, person__last_name="Far"),
    ]


# ----------------------------------------------------------------------- list


def test_list_shows_the_coordinator_the_municipality(
    api_client, coordinator, town_entries
):
    response = api_client(coordinator).get(URL)

    assert response.status_code == 200
    assert surnames(response) == ["O", "Reservist"]


def test_list_shows_a_head_their_organisations_reservists(
    api_client, head, town_entries
):
    assert surnames(api_client(head).get(URL)) == ["Reservist"]


def test_list_shows_a_reservist_themselves(api_client, reservist, town_entries):
    assert surnames(api_client(reservist).get(URL)) == ["Reservist"]


def test_list_shows_a_mentor_only_their_mentees(
    api_client, mentor, mentor_person, town_entries
):
    client = api_client(mentor)
    assert surnames(client.get(URL)) == []

    make_order(mentor_person, town_entries[0])

    assert surnames(client.get(URL)) == ["Reservist"]


@pytest.mark.parametrize("role", ["commission", "stranger"])
def test_list_hides_the_schools_reserve_from_others(
    request, api_client, role, town_entries
):
    user = request.getfixturevalue(role)

    assert "Reservist" not in surnames(api_client(user).get(URL))


def test_list_is_401_for_an_anonymous_client(api_client, entry):
    assert api_client().get(URL).status_code == 401


def test_list_item_has_the_documented_fields(api_client, coordinator, entry):
    person = entry.person

    item = api_client(coordinator).get(URL).json()["items"][0]

    assert item == {
        "id": entry.pk,
        "person": {
            "id": person.pk,
            "full_name": "Reservist Name Patronymic",
            "organization": {"id": person.organization_id, "short_name": "School"},
            "position": {
                "id": person.position_id,
                "name": person.position.name,
                "is_administrative": False,
            },
        },
        "target_position": {"id": entry.target_position_id, "name": "Директор школы"},
        "basis_number": entry.basis_number,
        "basis_date": "2026-09-01",
        "included_on": "2026-09-01",
        "term_until": "2029-09-01",
        "status": "active",
        "status_display": ru("in the reserve"),
        "appointed_position": "",
        "appointed_on": None,
        "excluded_on": None,
        "exclusion_reason": "",
        "has_mentor": False,
    }


def test_list_filters(api_client, coordinator, school, other_school, town_entries):
    entry = town_entries[0]
    mentor = make_eligible(PersonFactory(organization=school))
    make_order(mentor, entry)
    deputy = TargetPositionFactory(municipality=school.municipality, name="Зам")
    ReserveEntryFactory(
        person__organization=school,
        person__last_name="Петров",
        target_position=deputy,
        status=ReserveEntry.Status.EXCLUDED,
    )
    client = api_client(coordinator)

    assert surnames(client.get(URL, {"q": "РЕЗЕРВ"})) == []
    assert surnames(client.get(URL, {"q": "петр"})) == ["Петров"]
    assert surnames(client.get(URL, {"q": "reserv"})) == ["Reservist"]
    assert surnames(client.get(URL, {"organization_id": other_school.pk})) == ["O"]
    assert surnames(client.get(URL, {"target_position_id": deputy.pk})) == ["Петров"]
    assert surnames(client.get(URL, {"status": "excluded"})) == ["Петров"]
    assert surnames(client.get(URL, {"has_mentor": "true"})) == ["Reservist"]
    assert surnames(client.get(URL, {"has_mentor": "false"})) == ["O", "Петров"]
    assert surnames(client.get(URL, {"plan_approved": "true"})) == []
    IndividualPlanFactory(reserve_entry=entry, status=IndividualPlan.Status.APPROVED)
    assert surnames(client.get(URL, {"plan_approved": "true"})) == ["Reservist"]
    assert "Reservist" not in surnames(client.get(URL, {"plan_approved": "false"}))


def test_list_refuses_an_unknown_status(api_client, coordinator):
    response = api_client(coordinator).get(URL, {"status": "gone"})

    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["status"]


def test_list_logs_the_reservists_of_the_page(api_client, coordinator, school):
    entries = ReserveEntryFactory.create_batch(3, person__organization=school)

    response = api_client(coordinator).get(URL, {"page_size": 2})

    assert response.status_code == 200
    logs = list(PersonViewLog.objects.all())
    listed = {e["person"]["id"] for e in response.json()["items"]}
    assert {log.person_id for log in logs} == listed
    assert listed < {e.person_id for e in entries}
    assert {(log.user, log.channel) for log in logs} == {
        (coordinator, PersonViewLog.Channel.API)
    }


@pytest.mark.parametrize("n_rows", [3, 12])
def test_list_query_count_is_constant(
    api_client, coordinator, school, other_school, django_assert_max_num_queries, n_rows
):
    mentor = make_eligible(PersonFactory(organization=school))
    school.municipality.mentor_max_load = 20
    school.municipality.save()
    for i in range(n_rows):
        entry = ReserveEntryFactory(
            person__organization=school if i % 2 else other_school
        )
        if i % 2:
            make_order(mentor, entry, number=str(i))
    client = api_client(coordinator)

    # token, roles, person, count, the page's keys, the page annotated, access log
    with django_assert_max_num_queries(7):
        response = client.get(URL)

    assert response.json()["count"] == n_rows


# ------------------------------------------------------------------------ get


def test_get_logs_the_access_to_the_card(api_client, head, entry):
    response = api_client(head).get(f"{URL}/{entry.pk}")

    assert response.status_code == 200
    assert response.json()["person"]["full_name"] == "Reservist Name Patronymic"
    log = PersonViewLog.objects.get()
    assert (log.person, log.user, log.channel) == (
        entry.person,
        head,
        PersonViewLog.Channel.API,
    )


def test_get_tells_whether_the_reservist_has_a_mentor(
    api_client, reservist, mentor_person, entry
):
    url = f"{URL}/{entry.pk}"
    client = api_client(reservist)
    assert client.get(url).json()["has_mentor"] is False

    make_order(mentor_person, entry)

    assert client.get(url).json()["has_mentor"] is True


@pytest.mark.parametrize("role", ["mentor", "commission", "stranger"])
def test_get_is_404_outside_the_scope_and_not_logged(request, api_client, role, entry):
    user = request.getfixturevalue(role)

    response = api_client(user).get(f"{URL}/{entry.pk}")

    assert response.status_code == 404
    assert response.json() == {"detail": "Объект не найден.", "errors": {}}
    assert not PersonViewLog.objects.exists()


def test_get_is_401_for_an_anonymous_client(api_client, entry):
    assert api_client().get(f"{URL}/{entry.pk}").status_code == 401


# --------------------------------------------------------------------- create


def test_create_includes_a_person_with_the_default_term(
    api_client, coordinator, head, new_entry
):
    response = api_client(coordinator).post(URL, new_entry, content_type=JSON)

    assert response.status_code == 201
    entry = ReserveEntry.objects.get(pk=response.json()["id"])
    assert entry.person == head.person
    assert entry.term_until == date(2029, 9, 2)
    assert response.json()["status"] == "active"


def test_create_takes_a_given_term(api_client, coordinator, new_entry):
    response = api_client(coordinator).post(
        URL, {**new_entry, "term_until": "2028-06-30"}, content_type=JSON
    )

    assert response.status_code == 201
    assert response.json()["term_until"] == "2028-06-30"


def test_create_refuses_a_date_beyond_2100(api_client, coordinator, new_entry):
    response = api_client(coordinator).post(
        URL, {**new_entry, "term_until": "9999-12-31"}, content_type=JSON
    )

    assert response.status_code == 422
    assert response.json()["errors"] == {
        "term_until": ["Введите дату в промежутке с 01.01.2000 по 31.12.2100."]
    }
    assert not ReserveEntry.objects.exists()


@pytest.mark.parametrize("role", ["head", "mentor", "reservist", "commission"])
def test_create_is_403_for_non_coordinators(request, api_client, role, new_entry):
    user = request.getfixturevalue(role)

    response = api_client(user).post(URL, new_entry, content_type=JSON)

    assert response.status_code == 403
    assert response.json() == {
        "detail": "Недостаточно прав для этого действия.",
        "errors": {},
    }
    assert not ReserveEntry.objects.exists()


def test_create_is_401_for_an_anonymous_client(api_client, new_entry):
    assert api_client().post(URL, new_entry, content_type=JSON).status_code == 401


def test_create_refuses_a_foreign_person_and_target_position(
    api_client, coordinator, far_school, new_entry
):
    stranger_person = PersonFactory(organization=far_school)
    far_target = TargetPositionFactory(municipality=far_school.municipality)

    response = api_client(coordinator).post(
        URL,
        {
            **new_entry,
            "person_id": stranger_person.pk,
            "target_position_id": far_target.pk,
        },
        content_type=JSON,
    )

    assert response.status_code == 422
    assert response.json()["errors"] == {
        "person_id": ["Такого объекта нет или он вам недоступен."]
    }
    response = api_client(coordinator).post(
        URL, {**new_entry, "target_position_id": far_target.pk}, content_type=JSON
    )
    assert response.json()["errors"] == {
        "target_position_id": ["Такого объекта нет или он вам недоступен."]
    }
    assert not ReserveEntry.objects.exists()


def test_create_refuses_a_person_already_in_the_reserve(
    api_client, coordinator, entry, new_entry
):
    response = api_client(coordinator).post(
        URL, {**new_entry, "person_id": entry.person_id}, content_type=JSON
    )

    assert response.status_code == 400
    assert response.json() == {
        "detail": ru("The person is already in the reserve."),
        "errors": {},
    }
    assert ReserveEntry.objects.count() == 1


def test_create_refuses_a_basis_dated_after_the_inclusion(
    api_client, coordinator, new_entry
):
    response = api_client(coordinator).post(
        URL, {**new_entry, "basis_date": "2026-09-03"}, content_type=JSON
    )

    assert response.status_code == 400
    assert response.json() == {
        "detail": "Данные не прошли проверку.",
        "errors": {
            "basis_date": [
                ru("The basis document cannot be dated after the inclusion.")
            ]
        },
    }
    assert not ReserveEntry.objects.exists()


def test_create_refuses_a_term_ending_before_the_inclusion(
    api_client, coordinator, new_entry
):
    response = api_client(coordinator).post(
        URL, {**new_entry, "term_until": "2026-09-01"}, content_type=JSON
    )

    assert response.status_code == 400
    assert response.json()["detail"] == ru(
        "The term in the reserve must end after the inclusion date."
    )
    assert not ReserveEntry.objects.exists()


def test_create_reports_a_target_position_of_another_municipality(
    api_client, superuser, far_school, new_entry
):
    """The service names the model field; the client sees `target_position_id`."""
    far_target = TargetPositionFactory(municipality=far_school.municipality)

    response = api_client(superuser).post(
        URL, {**new_entry, "target_position_id": far_target.pk}, content_type=JSON
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "target_position_id": [
            ru("The target position belongs to another municipality.")
        ]
    }
    assert not ReserveEntry.objects.exists()


def test_create_checks_the_shape_of_the_input(api_client, coordinator, new_entry):
    response = api_client(coordinator).post(
        URL,
        {**new_entry, "basis_number": "", "included_on": "02.09.2026", "x": 1},
        content_type=JSON,
    )

    assert response.status_code == 422
    assert response.json()["errors"] == {
        "basis_number": ["Поле не может быть пустым."],
        "included_on": ["Введите правильную дату в формате ГГГГ-ММ-ДД."],
        "x": ["Неизвестное поле."],
    }


# ---------------------------------------------------------------------- patch


def test_patch_corrects_an_active_entry(api_client, coordinator, entry):
    deputy = TargetPositionFactory(
        municipality=entry.person.organization.municipality, name="Зам"
    )

    response = api_client(coordinator).patch(
        f"{URL}/{entry.pk}",
        {"basis_number": "16-р", "target_position_id": deputy.pk},
        content_type=JSON,
    )

    assert response.status_code == 200
    assert response.json()["target_position"] == {"id": deputy.pk, "name": "Зам"}
    entry.refresh_from_db()
    assert (entry.basis_number, entry.target_position) == ("16-р", deputy)


def test_patch_refuses_a_target_position_of_another_municipality(
    api_client, superuser, far_school, entry
):
    far_target = TargetPositionFactory(municipality=far_school.municipality)

    response = api_client(superuser).patch(
        f"{URL}/{entry.pk}", {"target_position_id": far_target.pk}, content_type=JSON
    )

    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["target_position_id"]
    entry.refresh_from_db()
    assert entry.target_position != far_target


def test_patch_refuses_an_ended_entry(api_client, coordinator, entry):
    entry.status = ReserveEntry.Status.EXCLUDED
    entry.save()

    response = api_client(coordinator).patch(
        f"{URL}/{entry.pk}", {"basis_number": "16-р"}, content_type=JSON
    )

    assert response.status_code == 400
    assert response.json() == {
        "detail": ru("Only an active reserve entry can be changed."),
        "errors": {},
    }
    entry.refresh_from_db()
    assert entry.basis_number != "16-р"


def test_patch_refuses_null(api_client, coordinator, entry):
    response = api_client(coordinator).patch(
        f"{URL}/{entry.pk}", {"term_until": None}, content_type=JSON
    )

    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["term_until"]


@pytest.mark.parametrize(("role", "status"), [("head", 403), ("stranger", 404)])
def test_patch_is_refused_to_others(request, api_client, role, status, entry):
    user = request.getfixturevalue(role)

    response = api_client(user).patch(
        f"{URL}/{entry.pk}", {"basis_number": "16-р"}, content_type=JSON
    )

    assert response.status_code == status
    entry.refresh_from_db()
    assert entry.basis_number != "16-р"


# ----------------------------------------------------- appointment, exclusion


def test_appoint_ends_the_entry_and_its_mentorship(
    api_client, coordinator, mentor_person, entry
):
    make_order(mentor_person, entry)

    response = api_client(coordinator).post(
        f"{URL}/{entry.pk}/appoint",
        {"position": "Директор", "appointed_on": "2026-11-01"},
        content_type=JSON,
    )

    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["appointed_position"], body["appointed_on"]) == (
        "appointed",
        "Директор",
        "2026-11-01",
    )
    assert body["has_mentor"] is False
    mentorship = Mentorship.objects.get()
    assert (mentorship.status, mentorship.end_reason) == ("ended", "appointed")


def test_appoint_refuses_a_date_before_the_inclusion(api_client, coordinator, entry):
    response = api_client(coordinator).post(
        f"{URL}/{entry.pk}/appoint",
        {"position": "Директор", "appointed_on": "2026-01-01"},
        content_type=JSON,
    )

    assert response.status_code == 400
    assert response.json()["detail"] == ru(
        "The date cannot be before the inclusion in the reserve."
    )
    entry.refresh_from_db()
    assert entry.status == ReserveEntry.Status.ACTIVE


def test_appoint_requires_the_position(api_client, coordinator, entry):
    response = api_client(coordinator).post(
        f"{URL}/{entry.pk}/appoint", {"appointed_on": "2026-11-01"}, content_type=JSON
    )

    assert response.status_code == 422
    assert response.json()["errors"] == {"position": ["Обязательное поле."]}


@pytest.mark.parametrize(("role", "status"), [("head", 403), ("stranger", 404)])
def test_appoint_is_refused_to_others(request, api_client, role, status, entry):
    user = request.getfixturevalue(role)

    response = api_client(user).post(
        f"{URL}/{entry.pk}/appoint",
        {"position": "Директор", "appointed_on": "2026-11-01"},
        content_type=JSON,
    )

    assert response.status_code == status
    entry.refresh_from_db()
    assert entry.status == ReserveEntry.Status.ACTIVE


def test_exclude_ends_the_entry_once(api_client, coordinator, entry):
    client = api_client(coordinator)
    url = f"{URL}/{entry.pk}/exclude"
    body = {"excluded_on": "2026-11-01", "reason": "  Увольнение  "}

    response = client.post(url, body, content_type=JSON)

    assert response.status_code == 200
    assert response.json()["status"] == "excluded"
    entry.refresh_from_db()
    assert (entry.excluded_on, entry.exclusion_reason) == (
        date(2026, 11, 1),
        "Увольнение",
    )
    response = client.post(url, body, content_type=JSON)
    assert response.status_code == 400
    assert response.json()["detail"] == ru(
        "The reservist has already left the reserve."
    )


def test_exclude_requires_a_reason(api_client, coordinator, entry):
    response = api_client(coordinator).post(
        f"{URL}/{entry.pk}/exclude",
        {"excluded_on": "2026-11-01", "reason": " "},
        content_type=JSON,
    )

    assert response.status_code == 422
    assert response.json()["errors"] == {"reason": ["Поле не может быть пустым."]}
    entry.refresh_from_db()
    assert entry.status == ReserveEntry.Status.ACTIVE


@pytest.mark.parametrize("role", ["reservist", "mentor"])
def test_exclude_is_403_for_those_who_only_see_the_entry(
    request, api_client, role, mentor_person, entry
):
    make_order(mentor_person, entry)
    user = request.getfixturevalue(role)

    response = api_client(user).post(
        f"{URL}/{entry.pk}/exclude",
        {"excluded_on": "2026-11-01", "reason": "X"},
        content_type=JSON,
    )

    assert response.status_code == 403
    entry.refresh_from_db()
    assert entry.status == ReserveEntry.Status.ACTIVE

"""/mentorships: scope, filters, ending one, query count."""

import pytest
from django.utils.translation import pgettext

from api.tests.conftest import API, make_order, ru
from mentorships.models import Mentorship
from mentorships.tests.factories import EligibleMentorFactory
from people.models import PersonViewLog
from reserve.tests.factories import ReserveEntryFactory

URL = f"{API}/mentorships"
JSON = "application/json"


def reservists(response) -> list[str]:
    return [m["reservist"]["full_name"].split()[0] for m in response.json()["items"]]


@pytest.fixture
def mentorship(mentor_person, entry) -> Mentorship:
    """The mentor guides the reservist at School, by a registered order."""
    return make_order(mentor_person, entry).mentorships.get()


@pytest.fixture
def other_mentorship(other_school) -> Mentorship:
    mentor = EligibleMentorFactory.create(organization=other_school)
    entry = ReserveEntryFactory.create(
        person__organization=other_school, person__last_name="O"
    )
    return make_order(mentor, entry, number="2").mentorships.get()


def test_list_shows_the_coordinator_the_municipality(
    api_client, coordinator, mentorship, other_mentorship
):
    response = api_client(coordinator).get(URL)

    assert response.status_code == 200
    assert sorted(reservists(response)) == ["O", "Reservist"]


@pytest.mark.parametrize("role", ["head", "mentor", "reservist"])
def test_list_shows_others_their_own(
    request, api_client, role, mentorship, other_mentorship
):
    user = request.getfixturevalue(role)

    assert reservists(api_client(user).get(URL)) == ["Reservist"]


@pytest.mark.parametrize("role", ["commission", "stranger"])
def test_list_hides_the_town_from_others(request, api_client, role, mentorship):
    user = request.getfixturevalue(role)

    assert reservists(api_client(user).get(URL)) == []


def test_list_is_401_for_an_anonymous_client(api_client, mentorship):
    assert api_client().get(URL).status_code == 401


def test_list_item_has_the_documented_fields(
    api_client, reservist, school, mentor_person, entry, mentorship
):
    item = api_client(reservist).get(URL).json()["items"][0]

    order = mentorship.order
    assert item == {
        "id": mentorship.pk,
        "mentor": {
            "id": mentor_person.pk,
            "full_name": "Mentor Name Patronymic",
            "organization": {"id": school.pk, "short_name": "School"},
            "position": {
                "id": mentor_person.position_id,
                "name": "Заместитель директора",
                "is_administrative": True,
            },
        },
        "reserve_entry_id": entry.pk,
        "reservist": {
            "id": entry.person_id,
            "full_name": "Reservist Name Patronymic",
            "organization": {"id": school.pk, "short_name": "School"},
            "position": {
                "id": entry.person.position_id,
                "name": entry.person.position.name,
                "is_administrative": False,
            },
        },
        "target_position": {"id": entry.target_position_id, "name": "Директор школы"},
        "starts_on": "2026-09-10",
        "planned_end_on": "2027-09-10",
        "replaces_id": None,
        "status": "active",
        "order": {
            "id": order.pk,
            "organization_id": school.pk,
            "number": "1",
            "date": "2026-09-10",
            "status": "registered",
        },
        "status_display": pgettext("mentorship status", "active"),
        "ended_on": None,
        "end_reason": None,
        "end_reason_display": "",
        "end_note": "",
    }


def test_list_filters(
    api_client, coordinator, school, other_school, mentorship, other_mentorship
):
    ended = make_order(
        EligibleMentorFactory(organization=school),
        ReserveEntryFactory(person__organization=school, person__last_name="E"),
        number="3",
    ).mentorships.get()
    ended.status = Mentorship.Status.ENDED
    ended.save()
    client = api_client(coordinator)

    assert reservists(client.get(URL, {"mentor_id": mentorship.mentor_id})) == [
        "Reservist"
    ]
    assert reservists(
        client.get(URL, {"reserve_entry_id": other_mentorship.reserve_entry_id})
    ) == ["O"]
    assert reservists(client.get(URL, {"status": "ended"})) == ["E"]
    assert sorted(reservists(client.get(URL, {"organization_id": school.pk}))) == [
        "E",
        "Reservist",
    ]


@pytest.mark.parametrize("n_rows", [3, 12])
def test_list_query_count_is_constant(
    api_client, coordinator, school, other_school, django_assert_max_num_queries, n_rows
):
    for i in range(n_rows):
        organization = school if i % 2 else other_school
        make_order(
            EligibleMentorFactory(organization=organization),
            ReserveEntryFactory(person__organization=organization),
            number=str(i),
            register=bool(i % 3),
        )
    client = api_client(coordinator)

    # token, roles, person, count, the page's keys, the page's rows, the access
    # log's INSERT
    with django_assert_max_num_queries(7):
        response = client.get(URL)

    assert response.json()["count"] == n_rows


def test_get_returns_one_in_scope(api_client, mentor, mentorship):
    response = api_client(mentor).get(f"{URL}/{mentorship.pk}")

    assert response.status_code == 200
    assert response.json()["id"] == mentorship.pk


@pytest.mark.parametrize("role", ["commission", "stranger"])
def test_get_is_404_outside_the_scope(request, api_client, role, mentorship):
    user = request.getfixturevalue(role)

    response = api_client(user).get(f"{URL}/{mentorship.pk}")

    assert response.status_code == 404
    assert response.json() == {"detail": "Объект не найден.", "errors": {}}


# ------------------------------------------------------------------------ end


def test_end_is_the_heads(api_client, head, mentorship):
    response = api_client(head).post(
        f"{URL}/{mentorship.pk}/end",
        {"ended_on": "2026-11-20", "reason": "completed", "note": "План выполнен"},
        content_type=JSON,
    )

    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["ended_on"], body["end_reason"]) == (
        "ended",
        "2026-11-20",
        "completed",
    )
    assert body["end_reason_display"] == ru("completed")
    mentorship.refresh_from_db()
    assert (mentorship.status, mentorship.end_note) == ("ended", "План выполнен")


def test_end_refuses_a_date_before_the_start(api_client, head, mentorship):
    response = api_client(head).post(
        f"{URL}/{mentorship.pk}/end",
        {"ended_on": "2026-01-01", "reason": "other"},
        content_type=JSON,
    )

    assert response.status_code == 400
    assert response.json() == {
        "detail": "Данные не прошли проверку.",
        "errors": {"ended_on": [ru("The end cannot be before the start.")]},
    }
    mentorship.refresh_from_db()
    assert mentorship.status == Mentorship.Status.ACTIVE


def test_end_refuses_a_mentorship_that_is_not_active(api_client, head, mentorship):
    client = api_client(head)
    body = {"ended_on": "2026-11-20", "reason": "other"}
    client.post(f"{URL}/{mentorship.pk}/end", body, content_type=JSON)

    response = client.post(f"{URL}/{mentorship.pk}/end", body, content_type=JSON)

    assert response.status_code == 400
    assert response.json()["detail"] == ru("Only an active mentorship can be ended.")


def test_end_accepts_only_the_reasons_a_person_gives(api_client, head, mentorship):
    response = api_client(head).post(
        f"{URL}/{mentorship.pk}/end",
        {"ended_on": "2026-11-20", "reason": "appointed"},
        content_type=JSON,
    )

    assert response.status_code == 422
    assert response.json()["errors"] == {
        "reason": ["Выберите одно из допустимых значений: completed, other."]
    }
    mentorship.refresh_from_db()
    assert mentorship.status == Mentorship.Status.ACTIVE


@pytest.mark.parametrize(
    ("role", "status"),
    [("coordinator", 403), ("mentor", 403), ("reservist", 403), ("stranger", 404)],
)
def test_end_is_refused_to_others(request, api_client, role, status, mentorship):
    user = request.getfixturevalue(role)

    response = api_client(user).post(
        f"{URL}/{mentorship.pk}/end",
        {"ended_on": "2026-11-20", "reason": "completed"},
        content_type=JSON,
    )

    assert response.status_code == status
    mentorship.refresh_from_db()
    assert mentorship.status == Mentorship.Status.ACTIVE


def test_end_is_401_for_an_anonymous_client(api_client, mentorship):
    response = api_client().post(
        f"{URL}/{mentorship.pk}/end",
        {"ended_on": "2026-11-20", "reason": "completed"},
        content_type=JSON,
    )

    assert response.status_code == 401


def test_list_logs_the_page_s_mentors_and_reservists(
    api_client, coordinator, mentor_person, entry
):
    make_order(mentor_person, entry)

    api_client(coordinator).get(URL)

    logs = PersonViewLog.objects.all()
    assert sorted(log.person_id for log in logs) == sorted(
        [entry.person_id, mentor_person.pk]
    )
    assert {(log.user, log.channel, log.source) for log in logs} == {
        (coordinator, PersonViewLog.Channel.API, URL)
    }

"""`/consultations` and `/consultation-requests`: scope, private notes, writes,
bad input and query counts."""

from datetime import date

import pytest

from api.tests.conftest import API
from consultations import services
from consultations.models import Consultation, ConsultationRequest, NextStep
from consultations.services import StepData
from consultations.tests.conftest import log
from mentorships.models import Mentorship
from mentorships.tests.factories import MentorshipFactory
from reserve.tests.factories import ReserveEntryFactory

pytestmark = pytest.mark.usefixtures("today")

NOT_FOUND = {"detail": "Объект не найден.", "errors": {}}
FORBIDDEN = {"detail": "Недостаточно прав для этого действия.", "errors": {}}
SECRET = "Тайный текст заметки"


@pytest.fixture
def mentorship(mentor, reservist) -> Mentorship:
    return MentorshipFactory.create(
        mentor=mentor.person, reserve_entry=ReserveEntryFactory(person=reservist.person)
    )


@pytest.fixture
def shared(mentorship) -> Consultation:
    return log(
        mentorship,
        topic="Общая консультация",
        next_steps=[StepData("Подготовить справку", date(2027, 2, 1))],
    )


@pytest.fixture
def private(mentorship) -> Consultation:
    return log(
        mentorship,
        topic="Личная заметка",
        summary=SECRET,
        visibility=Consultation.Visibility.PRIVATE,
    )


def _body(mentorship, **fields) -> dict:
    return {
        "mentorship_id": mentorship.pk,
        "held_on": "2027-01-12",
        "duration_minutes": 45,
        "format": "phone",
        "area": "qualities",
        "topic": "Кругозор",
        "next_steps": [{"text": "Прочитать книгу", "due_on": "2027-02-10"}],
        **fields,
    }


# Reading -----------------------------------------------------------------------------


def test_mentor_lists_private_notes_too(api_client, mentor, shared, private):
    body = api_client(mentor).get(f"{API}/consultations").json()
    assert body["count"] == 2
    assert {c["visibility"] for c in body["items"]} == {"shared", "private"}


@pytest.mark.parametrize("role", ["reservist", "head", "coordinator", "superuser"])
def test_others_never_get_private_notes(request, api_client, role, shared, private):
    client = api_client(request.getfixturevalue(role))
    response = client.get(f"{API}/consultations")
    body = response.json()
    assert body["count"] == 1
    assert [c["topic"] for c in body["items"]] == ["Общая консультация"]
    assert SECRET not in response.content.decode()
    assert client.get(f"{API}/consultations/{private.pk}").json() == NOT_FOUND
    assert client.get(f"{API}/consultations/{shared.pk}").status_code == 200
    filtered = client.get(f"{API}/consultations", {"area": "management"}).json()
    assert filtered["count"] == 1


@pytest.mark.parametrize("role", ["stranger", "commission"])
def test_out_of_scope_get_nothing(request, api_client, role, shared):
    client = api_client(request.getfixturevalue(role))
    assert client.get(f"{API}/consultations").json()["count"] == 0
    response = client.get(f"{API}/consultations/{shared.pk}")
    assert response.status_code == 404


def test_list_is_401_for_an_anonymous_client(api_client, shared):
    assert api_client(None).get(f"{API}/consultations").status_code == 401


def test_get_has_the_steps(api_client, reservist, shared):
    body = api_client(reservist).get(f"{API}/consultations/{shared.pk}").json()
    assert body["next_steps"][0]["text"] == "Подготовить справку"
    assert body["next_steps"][0]["done_on"] is None
    assert body["reservist"]["id"] == reservist.person.pk


@pytest.mark.parametrize("n", [3, 12])
def test_list_query_count_does_not_grow(
    api_client, mentor, mentorship, n, django_assert_num_queries
):
    for i in range(n):
        log(mentorship, topic=f"Тема {i}")
    client = api_client(mentor)
    # token with its user, roles, person, the page's keys, the rows, their
    # steps, count, the access log's INSERT
    with django_assert_num_queries(8):
        assert client.get(f"{API}/consultations").status_code == 200


# Writing -----------------------------------------------------------------------------


def test_mentor_creates_with_steps(api_client, mentor, mentorship):
    response = api_client(mentor).post(
        f"{API}/consultations", _body(mentorship), content_type="application/json"
    )
    assert response.status_code == 201
    assert response.json()["next_steps"][0]["due_on"] == "2027-02-10"
    assert Consultation.objects.get().created_by == mentor


def test_create_for_someone_elses_reservist_is_refused(api_client, mentor, school):
    other = MentorshipFactory(reserve_entry__person__organization=school)
    response = api_client(mentor).post(
        f"{API}/consultations", _body(other), content_type="application/json"
    )
    assert response.status_code == 422
    assert "mentorship_id" in response.json()["errors"]
    assert not Consultation.objects.exists()


@pytest.mark.parametrize(
    ("fields", "status", "field"),
    [
        ({"next_steps": [{"text": "Шаг", "due_on": "2027-01-01"}]}, 400, "next_steps"),
        ({"next_steps": [{"text": "Шаг"}]}, 422, "next_steps"),
        ({"duration_minutes": -1}, 422, "duration_minutes"),
        ({"duration_minutes": 5000}, 422, "duration_minutes"),
    ],
)
def test_bad_input_is_refused(api_client, mentor, mentorship, fields, status, field):
    response = api_client(mentor).post(
        f"{API}/consultations",
        _body(mentorship, **fields),
        content_type="application/json",
    )
    assert response.status_code == status
    errors = response.json()["errors"]
    assert any(k.startswith(field) for k in errors), errors
    assert not Consultation.objects.exists()
    assert not NextStep.objects.exists()


def test_step_before_the_consultation_says_why(api_client, mentor, mentorship):
    body = _body(mentorship, next_steps=[{"text": "Шаг", "due_on": "2027-01-01"}])
    response = api_client(mentor).post(
        f"{API}/consultations", body, content_type="application/json"
    )
    assert response.json()["errors"]["next_steps"] == [
        "Срок следующего шага не может быть раньше даты консультации."
    ]


@pytest.mark.parametrize("role", ["reservist", "head", "coordinator"])
def test_create_is_refused_to_others(request, api_client, role, mentorship):
    response = api_client(request.getfixturevalue(role)).post(
        f"{API}/consultations", _body(mentorship), content_type="application/json"
    )
    assert response.status_code == 422
    assert not Consultation.objects.exists()


def test_patch_by_the_mentor(api_client, mentor, shared):
    response = api_client(mentor).patch(
        f"{API}/consultations/{shared.pk}",
        {"topic": "Новая", "new_steps": [{"text": "Ещё", "due_on": "2027-03-01"}]},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["topic"] == "Новая"
    assert len(response.json()["next_steps"]) == 2


@pytest.mark.parametrize("role", ["reservist", "head", "coordinator"])
def test_patch_is_403_for_others(request, api_client, role, shared):
    response = api_client(request.getfixturevalue(role)).patch(
        f"{API}/consultations/{shared.pk}",
        {"topic": "Чужая"},
        content_type="application/json",
    )
    assert response.json() == FORBIDDEN


def test_patch_of_a_private_note_is_404_for_the_reservist(
    api_client, reservist, private
):
    response = api_client(reservist).patch(
        f"{API}/consultations/{private.pk}",
        {"topic": "Чужая"},
        content_type="application/json",
    )
    assert response.json() == NOT_FOUND


def test_reservist_marks_a_step_done(api_client, reservist, shared):
    step = shared.next_steps.get()
    response = api_client(reservist).post(
        f"{API}/consultations/{shared.pk}/next-steps/{step.pk}/done",
        {},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["done_on"] == "2027-01-15"


def test_head_may_not_mark_a_step_done(api_client, head, shared):
    step = shared.next_steps.get()
    response = api_client(head).post(
        f"{API}/consultations/{shared.pk}/next-steps/{step.pk}/done",
        {},
        content_type="application/json",
    )
    assert response.json() == FORBIDDEN


# Requests ----------------------------------------------------------------------------


@pytest.fixture
def pending(mentorship) -> ConsultationRequest:
    return services.create_request(
        mentorship=mentorship, topic="Педсовет", preferred_from=date(2027, 1, 20)
    )


def test_reservist_creates_a_request(api_client, reservist, mentorship):
    response = api_client(reservist).post(
        f"{API}/consultation-requests",
        {"topic": "Педсовет", "preferred_from": "2027-01-20"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["status"] == "pending"


def test_request_in_the_past_is_refused(api_client, reservist, mentorship):
    response = api_client(reservist).post(
        f"{API}/consultation-requests",
        {"topic": "Педсовет", "preferred_from": "2027-01-10"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["errors"]["preferred_from"] == [
        "Удобные даты не могут быть в прошлом."
    ]
    assert not ConsultationRequest.objects.exists()


def test_request_by_a_mentor_is_403(api_client, mentor, mentorship):
    response = api_client(mentor).post(
        f"{API}/consultation-requests",
        {"topic": "Педсовет", "preferred_from": "2027-01-20"},
        content_type="application/json",
    )
    assert response.json() == FORBIDDEN


@pytest.mark.parametrize("role", ["mentor", "reservist", "head", "coordinator"])
def test_request_is_visible_to_both_and_the_scope(request, api_client, role, pending):
    client = api_client(request.getfixturevalue(role))
    assert client.get(f"{API}/consultation-requests").json()["count"] == 1
    body = client.get(f"{API}/consultation-requests/{pending.pk}").json()
    assert body["status"] == "pending"


def test_request_is_hidden_from_strangers(api_client, stranger, pending):
    client = api_client(stranger)
    assert client.get(f"{API}/consultation-requests").json()["count"] == 0
    response = client.get(f"{API}/consultation-requests/{pending.pk}")
    assert response.json() == NOT_FOUND


def test_mentor_schedules(api_client, mentor, pending):
    response = api_client(mentor).post(
        f"{API}/consultation-requests/{pending.pk}/schedule",
        {
            "held_on": "2027-01-21",
            "duration_minutes": 60,
            "format": "online",
            "area": "duties",
        },
        content_type="application/json",
    )
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "scheduled"
    assert Consultation.objects.get(pk=body["consultation_id"]).topic == "Педсовет"


@pytest.mark.parametrize("role", ["reservist", "head", "coordinator"])
def test_answer_by_another_is_403(request, api_client, role, pending):
    response = api_client(request.getfixturevalue(role)).post(
        f"{API}/consultation-requests/{pending.pk}/reply",
        {"answer": "Нет."},
        content_type="application/json",
    )
    assert response.json() == FORBIDDEN
    pending.refresh_from_db()
    assert pending.is_pending


def test_mentor_replies_once(api_client, mentor, pending):
    client = api_client(mentor)
    url = f"{API}/consultation-requests/{pending.pk}/reply"
    first = client.post(url, {"answer": "Да."}, content_type="application/json")
    assert first.json()["status"] == "answered"
    again = client.post(url, {"answer": "Ещё."}, content_type="application/json")
    assert again.status_code == 400
    assert again.json()["detail"] == "На запрос уже ответили."


@pytest.mark.parametrize("n", [3, 12])
def test_request_list_query_count_does_not_grow(
    api_client, mentor, mentorship, n, django_assert_num_queries
):
    for i in range(n):
        services.create_request(
            mentorship=mentorship, topic=f"Запрос {i}", preferred_from=date(2027, 2, 1)
        )
    client = api_client(mentor)
    # token with its user, roles, person, the page's keys, the rows, count,
    # the access log's INSERT
    with django_assert_num_queries(7):
        assert client.get(f"{API}/consultation-requests").status_code == 200

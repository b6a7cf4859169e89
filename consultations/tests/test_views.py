"""The pages: the mentor's log, form and card, the reservist's consultations and
requests, the mentor's incoming requests; a private note never shows to others."""

from datetime import date

import pytest
from django.urls import reverse

from consultations import services
from consultations.models import Consultation, ConsultationRequest, NextStep
from consultations.tests.conftest import log
from mentorships.tests.factories import MentorshipFactory

SECRET = "Тайный текст заметки"


def _form(mentorship, **fields) -> dict:
    data = {
        "mentorship": mentorship.pk,
        "held_on": "2027-01-12",
        "duration_minutes": "90",
        "status": "held",
        "format": "case_review",
        "area": "relations",
        "topic": "Разбор конфликта",
        "summary": "Разобрали ситуацию.",
        "visibility": "shared",
        "steps-TOTAL_FORMS": "3",
        "steps-INITIAL_FORMS": "0",
        "steps-MIN_NUM_FORMS": "0",
        "steps-MAX_NUM_FORMS": "20",
        "steps-0-text": "Поговорить с завучем",
        "steps-0-due_on": "2027-01-20",
    }
    data.update(fields)
    return data


# The log -----------------------------------------------------------------------------


def test_mentor_log_shows_private_notes(client, mentor, shared, private):
    client.force_login(mentor)
    response = client.get(reverse("consultations:list"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Общая консультация" in text
    assert "Личная заметка" in text
    assert "личная заметка" in text


@pytest.mark.parametrize("role", ["head", "coordinator"])
def test_others_log_hides_private_notes(request, client, role, shared, private):
    client.force_login(request.getfixturevalue(role))
    text = client.get(reverse("consultations:list")).content.decode()
    assert "Общая консультация" in text
    assert "Личная заметка" not in text
    assert "Найдена 1 консультация" in text


@pytest.mark.parametrize("role", ["reservist", "commission"])
def test_log_is_forbidden_to_others(request, client, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("consultations:list")).status_code == 403


def test_log_filters(client, mentor, mentorship, shared):
    log(mentorship, topic="Про акты", area=Consultation.Area.LEGAL_ACTS)
    client.force_login(mentor)
    url = reverse("consultations:list")
    text = client.get(url, {"area": "legal_acts"}).content.decode()
    assert "Про акты" in text
    assert "Общая консультация" not in text
    text = client.get(url, {"date_from": "2027-01-11"}).content.decode()
    assert "Про акты" not in text
    text = client.get(
        url, {"mentorship": mentorship.pk}, headers={"HX-Request": "true"}
    ).content.decode()
    assert "Про акты" in text
    assert "<html" not in text
    name = mentorship.reserve_entry.person.last_name
    text = client.get(url, {"q": name[:4].upper()}).content.decode()
    assert "Про акты" in text
    text = client.get(url, {"q": "Никтоневстречал"}).content.decode()
    assert "Про акты" not in text


def test_log_lists_no_reservists_as_options(client, coordinator, mentorship, shared):
    """The coordinator's filter is a name search: the page does not list the
    municipality's reservists."""
    client.force_login(coordinator)
    text = client.get(reverse("consultations:list")).content.decode()
    filters = text.split('role="search"')[1].split("</form>")[0]
    assert mentorship.reserve_entry.person.last_name not in filters
    assert 'type="search" name="q"' in filters


@pytest.mark.parametrize("n", [3, 12])
def test_log_query_count_does_not_grow(
    client, mentor, mentorship, n, django_assert_num_queries
):
    for i in range(n):
        log(mentorship, topic=f"Тема {i}")
    client.force_login(mentor)
    # session, user, roles, person, count, the page's keys, the rows, their next
    # steps, the access log's INSERT
    with django_assert_num_queries(9):
        response = client.get(reverse("consultations:list"))
    assert response.status_code == 200


# The form ----------------------------------------------------------------------------


def test_mentor_logs_a_consultation_with_a_step(client, mentor, mentorship):
    client.force_login(mentor)
    response = client.post(reverse("consultations:create"), _form(mentorship))
    found = Consultation.objects.get()
    assert response.status_code == 302
    assert response.url == found.get_absolute_url()
    assert found.next_steps.get().text == "Поговорить с завучем"


def test_form_lists_only_own_reservists(client, mentor, mentorship):
    client.force_login(mentor)
    response = client.get(reverse("consultations:create"))
    assert response.status_code == 200
    assert mentorship.reserve_entry.person.full_name in response.content.decode()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"steps-0-due_on": "2027-01-05"}, "раньше даты консультации"),
        ({"steps-0-due_on": ""}, "Укажите срок следующего шага"),
        ({"duration_minutes": "-5"}, "от 1 до 480 минут"),
        ({"duration_minutes": "100000"}, "от 1 до 480 минут"),
        ({"visibility": "private"}, "личной заметки"),
    ],
)
def test_bad_input_is_refused(client, mentor, mentorship, fields, message):
    client.force_login(mentor)
    response = client.post(reverse("consultations:create"), _form(mentorship, **fields))
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Consultation.objects.exists()
    assert not NextStep.objects.exists()


def test_someone_elses_reservist_is_refused(client, mentor, school):
    other = MentorshipFactory(reserve_entry__person__organization=school)
    client.force_login(mentor)
    response = client.post(reverse("consultations:create"), _form(other))
    assert response.status_code == 422
    assert "Выберите корректный вариант" in response.content.decode()
    assert not Consultation.objects.exists()


def test_edit_adds_a_step(client, mentor, shared):
    client.force_login(mentor)
    data = _form(shared.mentorship, topic="Новая тема", **{"steps-0-text": "Ещё"})
    response = client.post(reverse("consultations:edit", args=[shared.pk]), data)
    assert response.status_code == 302
    shared.refresh_from_db()
    assert shared.topic == "Новая тема"
    assert shared.next_steps.count() == 2


@pytest.mark.parametrize("role", ["reservist", "head", "coordinator"])
def test_edit_is_forbidden_to_others(request, client, role, shared):
    client.force_login(request.getfixturevalue(role))
    assert (
        client.get(reverse("consultations:edit", args=[shared.pk])).status_code == 403
    )


# The card ----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["reservist", "head", "coordinator", "stranger"])
def test_private_card_is_hidden(request, client, role, private):
    client.force_login(request.getfixturevalue(role))
    url = reverse("consultations:card", args=[private.pk])
    assert client.get(url).status_code == 404


def test_card_shows_steps_to_the_reservist(client, reservist, shared):
    client.force_login(reservist)
    text = client.get(reverse("consultations:card", args=[shared.pk])).content.decode()
    assert "Подготовить справку" in text
    assert "Отметить выполненным" in text


def test_reservist_marks_a_step_done(client, reservist, shared, today):
    step = shared.next_steps.get()
    client.force_login(reservist)
    url = reverse("consultations:step_done", args=[shared.pk, step.pk])
    response = client.post(url, {"next": "mine"})
    assert response.status_code == 302
    assert response.url == reverse("consultations:mine")
    step.refresh_from_db()
    assert step.done_on == today


def test_head_may_not_mark_a_step_done(client, head, shared):
    step = shared.next_steps.get()
    client.force_login(head)
    url = reverse("consultations:step_done", args=[shared.pk, step.pk])
    assert client.post(url).status_code == 403


# The reservist's page ----------------------------------------------------------------


def test_my_page_shows_steps_but_never_private_notes(
    client, reservist, shared, private
):
    client.force_login(reservist)
    response = client.get(reverse("consultations:mine"))
    text = response.content.decode()
    assert "Подготовить справку" in text
    assert "Общая консультация" in text
    assert "Личная заметка" not in text
    assert SECRET not in text


@pytest.mark.parametrize("n", [3, 12])
def test_my_page_query_count_does_not_grow(
    client, reservist, mentorship, n, django_assert_num_queries
):
    for i in range(n):
        log(
            mentorship,
            topic=f"Тема {i}",
            next_steps=[services.StepData(f"Шаг {i}", date(2027, 2, 1))],
        )
        services.create_request(
            mentorship=mentorship, topic=f"Запрос {i}", preferred_from=date(2027, 2, 1)
        )
    client.force_login(reservist)
    # session, user, roles, person, the steps, count, the page's keys, the rows,
    # their steps, the requests, the mentorship to ask
    with django_assert_num_queries(11):
        response = client.get(reverse("consultations:mine"))
    assert response.status_code == 200


# Requests ----------------------------------------------------------------------------


def test_reservist_sends_a_request(client, reservist, mentorship):
    client.force_login(reservist)
    response = client.post(
        reverse("consultations:request_create"),
        {"topic": "Педсовет", "preferred_from": "2027-01-20"},
    )
    assert response.status_code == 302
    assert ConsultationRequest.objects.get().mentorship == mentorship


def test_request_in_the_past_is_refused(client, reservist, mentorship):
    client.force_login(reservist)
    response = client.post(
        reverse("consultations:request_create"),
        {"topic": "Педсовет", "preferred_from": "2027-01-01"},
    )
    assert response.status_code == 422
    assert "не могут быть в прошлом" in response.content.decode()
    assert not ConsultationRequest.objects.exists()


@pytest.fixture
def pending(mentorship) -> ConsultationRequest:
    return services.create_request(
        mentorship=mentorship, topic="Педсовет", preferred_from=date(2027, 1, 20)
    )


def test_mentor_sees_incoming_requests(client, mentor, pending):
    client.force_login(mentor)
    text = client.get(reverse("consultations:requests")).content.decode()
    assert "Педсовет" in text
    assert "ждёт ответа наставника" in text


@pytest.mark.parametrize("n", [3, 12])
def test_requests_query_count_does_not_grow(
    client, mentor, mentorship, n, django_assert_num_queries
):
    for i in range(n):
        services.create_request(
            mentorship=mentorship, topic=f"Запрос {i}", preferred_from=date(2027, 2, 1)
        )
    client.force_login(mentor)
    # session, user, roles, person, count, the page's keys, the rows
    with django_assert_num_queries(7):
        assert client.get(reverse("consultations:requests")).status_code == 200


def test_mentor_schedules_a_request(client, mentor, pending):
    client.force_login(mentor)
    response = client.post(
        reverse("consultations:schedule", args=[pending.pk]),
        {
            "schedule-held_on": "2027-01-21",
            "schedule-duration_minutes": "60",
            "schedule-format": "online",
            "schedule-area": "duties",
            "schedule-topic": "Педсовет",
        },
    )
    pending.refresh_from_db()
    assert response.status_code == 302
    assert pending.status == ConsultationRequest.Status.SCHEDULED
    assert pending.consultation.status == Consultation.Status.PLANNED


def test_mentor_replies_in_writing(client, mentor, reservist, pending):
    client.force_login(mentor)
    response = client.post(
        reverse("consultations:reply", args=[pending.pk]),
        {"reply-answer": "Прочтите положение."},
    )
    assert response.status_code == 302
    client.force_login(reservist)
    text = client.get(pending.get_absolute_url()).content.decode()
    assert "дан письменный ответ" in text
    assert "Прочтите положение." in text


@pytest.mark.parametrize("role", ["reservist", "head", "coordinator"])
def test_request_answered_by_another_is_forbidden(request, client, role, pending):
    client.force_login(request.getfixturevalue(role))
    response = client.post(
        reverse("consultations:reply", args=[pending.pk]), {"reply-answer": "Нет."}
    )
    assert response.status_code == 403
    pending.refresh_from_db()
    assert pending.is_pending


def test_request_hidden_from_strangers(client, stranger, pending):
    client.force_login(stranger)
    assert client.get(pending.get_absolute_url()).status_code == 404


# Menus -------------------------------------------------------------------------------


def test_menu_items(client, mentor, reservist, mentorship):
    client.force_login(mentor)
    text = client.get(reverse("home:index")).content.decode()
    assert reverse("consultations:list") in text
    assert reverse("consultations:mine") not in text
    client.force_login(reservist)
    text = client.get(reverse("home:index")).content.decode()
    assert reverse("consultations:mine") in text
    assert 'href="/consultations/"' not in text


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("mentor", 200),
        ("reservist", 200),
        ("head", 200),
        ("coordinator", 200),
        ("superuser", 200),
        ("commission", 404),
        ("stranger", 404),
    ],
)
def test_shared_card_by_role(request, client, role, status, shared):
    client.force_login(request.getfixturevalue(role))
    url = reverse("consultations:card", args=[shared.pk])
    assert client.get(url).status_code == status


def test_ended_mentorship_card_is_read_only(client, mentor, shared):
    shared.mentorship.status = "ended"
    shared.mentorship.save(update_fields=["status"])
    client.force_login(mentor)
    text = client.get(reverse("consultations:card", args=[shared.pk])).content.decode()
    assert reverse("consultations:edit", args=[shared.pk]) not in text
    assert "Отметить выполненным" not in text
    edit = client.get(reverse("consultations:edit", args=[shared.pk]))
    assert edit.status_code == 403

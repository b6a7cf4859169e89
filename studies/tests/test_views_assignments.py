"""The assignment pages: the list, the mentor's form, the card and its actions,
for every role, with bad input refused in Russian and nothing saved."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Role, RoleAssignment
from accounts.tests.factories import UserFactory
from legal_acts.services import add_edition
from legal_acts.tests.conftest import make_act
from mentorships.tests.factories import MentorshipFactory
from people.tests.factories import PersonFactory
from plans.models import IndividualPlan
from plans.tests.factories import IndividualPlanFactory, PlanItemFactory
from reserve.tests.factories import ReserveEntryFactory
from studies import services
from studies.models import Interview, PracticeCase, StudyAssignment, StudyQuestion
from studies.tests.conftest import assign

pytestmark = pytest.mark.django_db
Status = StudyAssignment.Status
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"


def _user(username, school, role):
    user = UserFactory(username=username)
    PersonFactory(user=user, organization=school, last_name=username.capitalize())
    RoleAssignment.objects.create(user=user, role=role)
    return user


@pytest.fixture
def other_mentor(school):
    return _user("othermentor", school, Role.MENTOR)


@pytest.fixture
def other_reservist(school):
    return _user("otherreservist", school, Role.RESERVIST)


@pytest.fixture
def other_mentorship(other_mentor, other_reservist):
    """Another pair of the same school: neither sees the cast's assignments."""
    return MentorshipFactory.create(
        mentor=other_mentor.person,
        reserve_entry=ReserveEntryFactory(person=other_reservist.person),
    )


@pytest.fixture
def anonymous(db):
    return None


ALL_ROLES = [
    "coordinator",
    "head",
    "mentor",
    "reservist",
    "other_mentor",
    "other_reservist",
    "stranger",
    "anonymous",
]
SEEING = {"coordinator", "head", "mentor", "reservist"}


def _login(client, request, role):
    user = request.getfixturevalue(role)
    if user is not None:
        client.force_login(user)
    return user


def _form(the_act, **fields) -> dict:
    data = {
        "act": the_act.pk,
        "articles": "ст. 28, 47",
        "aim": "Знать права руководителя",
        "due_on": "2027-02-10",
        "check_method": "interview",
        "plan_item": "",
        "pass_threshold": "70",
        "max_attempts": "3",
        "time_limit_minutes": "",
    }
    data.update(fields)
    return data


def _text(response) -> str:
    return response.content.decode()


# The list ----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_list_shows_the_assignments_in_scope(
    request, client, role, interview_assignment, other_mentorship, act
):
    assign(other_mentorship, act, aim="Чужое", check_method="interview")
    user = _login(client, request, role)
    response = client.get(reverse("studies:list"))
    if user is None:
        assert response.status_code == 302
        assert "/accounts/login/" in response.url
        return
    assert response.status_code == 200
    text = _text(response)
    mine = "Reservist" in text  # the cast's reservist's name
    other = "Otherreservist" in text
    if role in {"coordinator", "head"}:
        assert mine and other
    elif role in {"mentor", "reservist"}:
        assert mine and not other
    elif role in {"other_mentor", "other_reservist"}:
        assert other and "Reservist " not in text.replace("Otherreservist", "")
    else:  # stranger
        assert "Ничего не найдено" in text


def test_list_forbidden_to_a_user_of_no_role(client, db):
    client.force_login(UserFactory(username="nobody"))
    assert client.get(reverse("studies:list")).status_code == 403


def test_list_columns_and_russian_labels(client, mentor, interview_assignment, today):
    services.record_interview(
        assignment=interview_assignment,
        held_on=today,
        mark="pass",
        comment="",
        by=mentor,
    )
    StudyAssignment.objects.filter(pk=interview_assignment.pk).update(
        status=Status.RECHECK
    )
    client.force_login(mentor)
    text = _text(client.get(reverse("studies:list")))
    assert "Об образовании в Российской Федерации" in text
    assert "собеседование" in text
    assert "требуется повторная проверка" in text
    assert "Изучение НПА" in text  # the menu and the heading


def test_list_highlights_an_overdue_assignment(
    client, mentor, mentorship, act, time_machine
):
    assign(mentorship, act, due_on=date(2027, 1, 20))
    time_machine.move_to(date(2027, 1, 25))
    client.force_login(mentor)
    text = _text(client.get(reverse("studies:list")))
    assert "overdue-row" in text
    assert "просрочено" in text


def test_list_filters(client, mentor, mentorship, act, municipality):

    other_act = make_act(municipality, number="197-ФЗ", title="Трудовой кодекс")
    assign(mentorship, act)
    assign(mentorship, other_act, check_method="interview")
    client.force_login(mentor)
    url = reverse("studies:list")
    text = _text(client.get(url, {"act": other_act.pk}))
    assert "Найдено 1 поручение" in text
    assert "Трудовой кодекс" in text.split("<tbody>")[1]
    assert "Об образовании" not in text.split("<tbody>")[1]
    text = _text(client.get(url, {"status": "passed"}))
    assert "<tbody>" not in text
    text = _text(client.get(url, {"q": "RESERV"}))
    assert "Найдено 2 поручения" in text
    text = _text(client.get(url, {"q": "Никтоневстречал"}))
    assert "<tbody>" not in text
    text = _text(client.get(url, {"q": "Reserv"}, headers={"HX-Request": "true"}))
    assert "<html" not in text and "<tbody>" in text


@pytest.mark.parametrize(
    "params",
    [{"act": "abc"}, {"act": "999999"}, {"status": "nonsense"}],
)
def test_list_refuses_bad_filters_in_russian(
    client, mentor, interview_assignment, params
):
    client.force_login(mentor)
    response = client.get(reverse("studies:list"), params)
    assert response.status_code == 422
    text = _text(response)
    assert 'role="alert"' in text
    assert "Выберите корректный вариант" in text
    assert "<tbody>" not in text


def test_list_act_filter_offers_only_acts_in_scope(
    client, mentor, interview_assignment, far_act
):
    client.force_login(mentor)
    text = _text(client.get(reverse("studies:list"), {"act": far_act.pk}))
    assert "Выберите корректный вариант" in text
    assert "О персональных данных" not in text


@pytest.mark.parametrize("n", [3, 12])
def test_list_query_count_does_not_grow(
    client, coordinator, mentorship, act, n, django_assert_num_queries
):
    for i in range(n):
        assign(mentorship, act, aim=f"Цель {i}")
    client.force_login(coordinator)
    # session, user, roles, person, count, the page's keys, the rows, the access
    # log's INSERT, the acts of the filter
    with django_assert_num_queries(9):
        response = client.get(reverse("studies:list"))
    assert response.status_code == 200
    assert _text(response).count('class="badge') >= n


def test_list_is_paginated(client, mentor, mentorship, act):
    for i in range(27):
        assign(mentorship, act, aim=f"Цель {i}")
    client.force_login(mentor)
    text = _text(client.get(reverse("studies:list")))
    assert "страница 1 из 2" in text
    text = _text(client.get(reverse("studies:list"), {"page": "abc"}))
    assert "страница 1 из 2" in text


# The form ----------------------------------------------------------------------------


def test_mentor_assigns_with_an_interview(client, mentor, mentorship, act):
    client.force_login(mentor)
    url = reverse("studies:create") + f"?entry={mentorship.reserve_entry_id}"
    page = client.get(url)
    assert page.status_code == 200
    assert "Об образовании в Российской Федерации" in _text(page)
    response = client.post(url, _form(act))
    found = StudyAssignment.objects.get()
    assert response.status_code == 302
    assert response.url == found.get_absolute_url()
    assert found.mentorship == mentorship
    assert found.check_method == "interview"
    assert found.created_by == mentor


def test_mentor_assigns_a_test_choosing_the_reservist(client, mentor, mentorship, act):
    client.force_login(mentor)
    page = _text(client.get(reverse("studies:create")))
    assert "Reservist" in page
    assert "тест" in page and "собеседование" in page
    response = client.post(
        reverse("studies:create"),
        _form(
            act,
            mentorship=mentorship.pk,
            check_method="test",
            pass_threshold="80",
            max_attempts="2",
            time_limit_minutes="30",
            show_answers="on",
        ),
    )
    assert response.status_code == 302
    found = StudyAssignment.objects.get()
    assert (found.pass_threshold, found.max_attempts, found.time_limit_minutes) == (
        80,
        2,
        30,
    )
    assert found.show_answers is True


def test_hidden_test_settings_of_an_interview_are_not_checked(
    client, mentor, mentorship, act
):
    client.force_login(mentor)
    url = reverse("studies:create") + f"?entry={mentorship.reserve_entry_id}"
    response = client.post(url, _form(act, pass_threshold="0", max_attempts=""))
    assert response.status_code == 302
    found = StudyAssignment.objects.get()
    assert (found.check_method, found.pass_threshold) == ("interview", 70)


def test_form_links_a_plan_item_of_the_reservist(client, mentor, mentorship, act):
    plan = IndividualPlanFactory(
        reserve_entry=mentorship.reserve_entry, status=IndividualPlan.Status.APPROVED
    )
    item = PlanItemFactory(plan=plan, activity="Изучить 273-ФЗ")
    client.force_login(mentor)
    url = reverse("studies:create") + f"?entry={mentorship.reserve_entry_id}"
    assert "Изучить 273-ФЗ" in _text(client.get(url))
    client.post(url, _form(act, plan_item=item.pk))
    assert StudyAssignment.objects.get().plan_item == item


def test_form_refuses_a_plan_item_of_another_reservist(
    client, mentor, mentorship, act, other_mentorship
):
    plan = IndividualPlanFactory(reserve_entry=other_mentorship.reserve_entry)
    item = PlanItemFactory(plan=plan, activity="Чужой пункт")
    client.force_login(mentor)
    url = reverse("studies:create") + f"?entry={mentorship.reserve_entry_id}"
    assert "Чужой пункт" not in _text(client.get(url))
    response = client.post(url, _form(act, plan_item=item.pk))
    assert response.status_code == 422
    assert "Выберите корректный вариант" in _text(response)
    assert not StudyAssignment.objects.exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"due_on": "2027-01-10"}, "Срок не может быть в прошлом"),
        ({"aim": ""}, "Обязательное поле"),
        ({"act": "abc"}, "Выберите корректный вариант"),
        ({"act": "999999"}, "Выберите корректный вариант"),
        ({"check_method": "essay"}, "Выберите корректный вариант"),
        ({"check_method": "test", "pass_threshold": "0"}, "от 1 до 100 процентов"),
        ({"check_method": "test", "max_attempts": "11"}, "от 1 до 10 попыток"),
        ({"check_method": "test", "time_limit_minutes": "500"}, "от 1 до 240"),
        ({"plan_item": "abc"}, "Выберите корректный вариант"),
        ({"due_on": "завтра"}, "Введите правильную дату"),
    ],
)
def test_form_refuses_bad_input_in_russian(
    client, mentor, mentorship, act, fields, message
):
    client.force_login(mentor)
    url = reverse("studies:create") + f"?entry={mentorship.reserve_entry_id}"
    response = client.post(url, _form(act, **fields))
    assert response.status_code == 422
    assert message in _text(response)
    assert not StudyAssignment.objects.exists()


def test_form_refuses_an_act_of_another_municipality(
    client, mentor, mentorship, act, far_act
):
    client.force_login(mentor)
    url = reverse("studies:create") + f"?entry={mentorship.reserve_entry_id}"
    assert "О персональных данных" not in _text(client.get(url))
    response = client.post(url, _form(act, act=far_act.pk))
    assert response.status_code == 422
    assert "Выберите корректный вариант" in _text(response)
    assert not StudyAssignment.objects.exists()


@pytest.mark.parametrize("entry", ["abc", "999999", "-1", "99999999999999999999"])
def test_form_of_an_unknown_entry_is_not_found(client, mentor, mentorship, entry):
    client.force_login(mentor)
    assert client.get(reverse("studies:create"), {"entry": entry}).status_code == 404


def test_form_of_another_mentors_reservist_is_not_found(
    client, mentor, mentorship, other_mentorship, act
):
    client.force_login(mentor)
    url = reverse("studies:create") + f"?entry={other_mentorship.reserve_entry_id}"
    assert client.get(url).status_code == 404
    assert client.post(url, _form(act)).status_code == 404
    response = client.post(
        reverse("studies:create"), _form(act, mentorship=other_mentorship.pk)
    )
    assert response.status_code == 422
    assert not StudyAssignment.objects.exists()


@pytest.mark.parametrize(
    "role", ["coordinator", "head", "reservist", "stranger", "anonymous"]
)
def test_form_is_the_mentors(request, client, role, mentorship, act):
    user = _login(client, request, role)
    url = reverse("studies:create")
    for response in (
        client.get(url),
        client.post(url, _form(act, mentorship=mentorship.pk)),
    ):
        if user is None:
            assert response.status_code == 302
        else:
            assert response.status_code == 403
    assert not StudyAssignment.objects.exists()


def test_mentor_edits_the_assignment(client, mentor, test_assignment):
    client.force_login(mentor)
    url = reverse("studies:edit", args=[test_assignment.pk])
    page = _text(client.get(url))
    assert "Настройки теста" in page
    response = client.post(
        url,
        {
            "articles": "ст. 47",
            "aim": "Новая цель",
            "due_on": "2027-03-01",
            "plan_item": "",
            "pass_threshold": "60",
            "max_attempts": "4",
            "time_limit_minutes": "",
        },
    )
    assert response.status_code == 302
    test_assignment.refresh_from_db()
    assert (test_assignment.aim, test_assignment.pass_threshold) == ("Новая цель", 60)
    assert test_assignment.due_on == date(2027, 3, 1)


def test_edit_of_an_interview_has_no_test_settings(
    client, mentor, interview_assignment
):
    client.force_login(mentor)
    page = _text(client.get(reverse("studies:edit", args=[interview_assignment.pk])))
    assert "Настройки теста" not in page
    assert "pass_threshold" not in page


def test_edit_refuses_a_past_deadline(client, mentor, interview_assignment):
    client.force_login(mentor)
    response = client.post(
        reverse("studies:edit", args=[interview_assignment.pk]),
        {"aim": "Х", "due_on": "2027-01-01", "articles": "", "plan_item": ""},
    )
    assert response.status_code == 422
    assert "Срок не может быть в прошлом" in _text(response)
    interview_assignment.refresh_from_db()
    assert interview_assignment.due_on == date(2027, 2, 1)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_edit_is_the_active_mentors(request, client, role, interview_assignment):
    user = _login(client, request, role)
    url = reverse("studies:edit", args=[interview_assignment.pk])
    response = client.get(url)
    post = client.post(url, {"aim": "Х", "due_on": "2027-03-01"})
    if user is None:
        assert response.status_code == post.status_code == 302
        assert "/accounts/login/" in response.url
    elif role == "mentor":
        assert response.status_code == 200
    elif role in SEEING:
        assert response.status_code == post.status_code == 403
    else:
        assert response.status_code == post.status_code == 404
    if role != "mentor":
        interview_assignment.refresh_from_db()
        assert interview_assignment.aim != "Х"


def test_edit_after_the_mentorship_ended_is_forbidden(
    client, mentor, interview_assignment, mentorship
):
    mentorship.status = mentorship.Status.ENDED
    mentorship.save()
    client.force_login(mentor)
    url = reverse("studies:edit", args=[interview_assignment.pk])
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("pk", ["abc", "0", "99999999999999999999"])
def test_unknown_or_bad_ids_in_urls(client, mentor, interview_assignment, pk):
    client.force_login(mentor)
    assert client.get(f"/studies/{pk}/").status_code == 404
    assert client.get(f"/studies/{pk}/edit/").status_code == 404
    assert client.post(f"/studies/{pk}/studied/").status_code == 404


# Withdrawal --------------------------------------------------------------------------


def test_mentor_withdraws_an_untouched_assignment(client, mentor, interview_assignment):
    client.force_login(mentor)
    url = reverse("studies:delete", args=[interview_assignment.pk])
    assert "Отозвать поручение?" in _text(client.get(url))
    response = client.post(url)
    assert response.status_code == 302
    assert response.url == reverse("studies:list")
    assert not StudyAssignment.objects.exists()


def test_a_checked_assignment_cannot_be_withdrawn(
    client, mentor, interview_assignment, today
):
    services.record_interview(
        assignment=interview_assignment,
        held_on=today,
        mark="fail",
        comment="",
        by=mentor,
    )
    client.force_login(mentor)
    response = client.post(reverse("studies:delete", args=[interview_assignment.pk]))
    assert response.status_code == 403
    assert StudyAssignment.objects.exists()


def test_a_started_test_cannot_be_withdrawn(client, mentor, test_assignment):
    services.start_attempt(assignment=test_assignment)
    client.force_login(mentor)
    response = client.post(
        reverse("studies:delete", args=[test_assignment.pk]), follow=True
    )
    assert "больше нельзя отозвать" in _text(response)
    assert StudyAssignment.objects.exists()


@pytest.mark.parametrize("role", ALL_ROLES)
def test_withdrawal_is_the_mentors(request, client, role, interview_assignment):
    if role == "mentor":
        return
    user = _login(client, request, role)
    response = client.post(reverse("studies:delete", args=[interview_assignment.pk]))
    if user is None:
        assert response.status_code == 302
    else:
        assert response.status_code == (403 if role in SEEING else 404)
    assert StudyAssignment.objects.exists()


# The card ----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_card_for_every_role(request, client, role, interview_assignment):
    user = _login(client, request, role)
    response = client.get(interview_assignment.get_absolute_url())
    if user is None:
        assert response.status_code == 302
        assert "/accounts/login/" in response.url
        return
    if role not in SEEING:
        assert response.status_code == 404
        return
    assert response.status_code == 200
    text = _text(response)
    assert "Знать права и обязанности руководителя" in text
    assert reverse("legal_acts:card", args=[interview_assignment.act_id]) in text
    assert ("Отметить как изученное" in text) == (role == "reservist")
    assert ("Записать собеседование" in text) == (role == "mentor")
    assert ("Спросить наставника" in text) == (role == "reservist")
    assert ("Изменить" in text) == (role == "mentor")
    assert ("Поручить ещё акт" in text) == (role == "mentor")
    assert ("История изменений" in text) == (role == "coordinator")


def test_card_of_a_test_shows_the_summary(client, reservist, test_assignment):
    attempt = services.start_attempt(assignment=test_assignment)
    services.submit_attempt(attempt=attempt, answers={}, by=reservist)
    client.force_login(reservist)
    text = _text(client.get(test_assignment.get_absolute_url()))
    assert "1 из 2 использовано" in text
    assert "0 из 2 верно" in text
    assert "не пройден" in text


def test_card_links_the_test_page(client, reservist, test_assignment):
    client.force_login(reservist)
    text = _text(client.get(test_assignment.get_absolute_url()))
    assert reverse("studies:quiz", args=[test_assignment.pk]) in text


# Actions of the card: (url name, the one allowed, the POST data) ---------------------


def _case(assignment, **fields):
    return PracticeCase.objects.create(
        assignment=assignment,
        description="Применил ст. 28",
        submitted_at=assignment.created_at,
        **fields,
    )


ACTIONS = {
    "studied": ("reservist", {}),
    "ask": ("reservist", {"text": "Что такое ст. 28?"}),
    "interview": ("mentor", {"held_on": "2027-01-15", "mark": "pass", "comment": ""}),
    "application": ("reservist", {"description": "Применил на педсовете"}),
    "evaluate": ("mentor", {"evaluation": "correct", "evaluation_comment": ""}),
    "reopen": ("mentor", {}),
}


def _state(assignment):
    assignment.refresh_from_db()
    case = PracticeCase.objects.filter(assignment=assignment).first()
    return (
        assignment.status,
        assignment.check_round,
        StudyQuestion.objects.count(),
        Interview.objects.count(),
        case and (case.description, case.evaluation),
    )


@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("role", ALL_ROLES)
def test_actions_for_every_role(
    request, client, role, action, interview_assignment, mentor, today
):
    allowed, data = ACTIONS[action]
    if action == "evaluate":
        _case(interview_assignment)
    if action == "reopen":
        services.record_interview(
            assignment=interview_assignment,
            held_on=today,
            mark="fail",
            comment="",
            by=mentor,
        )
    before = _state(interview_assignment)
    user = _login(client, request, role)
    response = client.post(
        reverse(f"studies:{action}", args=[interview_assignment.pk]), data
    )
    if role == allowed:
        assert response.status_code == 302, _text(response)
        assert response.url == interview_assignment.get_absolute_url()
        assert _state(interview_assignment) != before
        return
    if user is None:
        assert response.status_code == 302
        assert "/accounts/login/" in response.url
    else:
        assert response.status_code == (403 if role in SEEING else 404)
    assert _state(interview_assignment) == before


@pytest.mark.parametrize("action", list(ACTIONS))
def test_actions_refuse_get(client, reservist, interview_assignment, action):
    client.force_login(reservist)
    url = reverse(f"studies:{action}", args=[interview_assignment.pk])
    assert client.get(url).status_code == 405


def test_reservist_marks_studied_and_not_twice(client, reservist, interview_assignment):
    client.force_login(reservist)
    url = reverse("studies:studied", args=[interview_assignment.pk])
    response = client.post(url, follow=True)
    assert "Акт отмечен как изученный" in _text(response)
    interview_assignment.refresh_from_db()
    assert interview_assignment.status == Status.STUDIED
    assert client.post(url).status_code == 403


def test_question_and_answer(client, reservist, mentor, interview_assignment):
    client.force_login(reservist)
    client.post(
        reverse("studies:ask", args=[interview_assignment.pk]),
        {"text": "Кто утверждает устав?"},
    )
    question = StudyQuestion.objects.get()
    client.force_login(mentor)
    page = _text(client.get(interview_assignment.get_absolute_url()))
    assert "Кто утверждает устав?" in page and "Ответить" in page
    url = reverse("studies:answer", args=[interview_assignment.pk, question.pk])
    response = client.post(url, {f"answer{question.pk}-answer": "Учредитель."})
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.answer == "Учредитель."
    client.force_login(reservist)
    assert "Учредитель." in _text(client.get(interview_assignment.get_absolute_url()))


def test_an_empty_question_or_answer_is_refused(
    client, reservist, mentor, interview_assignment
):
    client.force_login(reservist)
    response = client.post(
        reverse("studies:ask", args=[interview_assignment.pk]), {"text": "  "}
    )
    assert response.status_code == 422
    assert "Обязательное поле" in _text(response)
    assert not StudyQuestion.objects.exists()
    question = services.ask(assignment=interview_assignment, text="Вопрос?")
    client.force_login(mentor)
    url = reverse("studies:answer", args=[interview_assignment.pk, question.pk])
    response = client.post(url, {f"answer{question.pk}-answer": ""})
    assert response.status_code == 422
    question.refresh_from_db()
    assert question.answer == ""


@pytest.mark.parametrize("question_pk", ["0", "999999"])
def test_answer_to_an_unknown_question_is_not_found(
    client, mentor, interview_assignment, question_pk
):
    client.force_login(mentor)
    url = f"/studies/{interview_assignment.pk}/questions/{question_pk}/answer/"
    assert client.post(url, {"answer": "x"}).status_code == 404


def test_answer_to_a_question_of_another_assignment_is_not_found(
    client, mentor, interview_assignment, other_mentorship, act
):
    other = assign(other_mentorship, act, check_method="interview")
    question = services.ask(assignment=other, text="Чужой вопрос")
    client.force_login(mentor)
    url = reverse("studies:answer", args=[interview_assignment.pk, question.pk])
    response = client.post(url, {f"answer{question.pk}-answer": "x"})
    assert response.status_code == 404
    question.refresh_from_db()
    assert question.answer == ""


def test_mentor_records_the_interview(client, mentor, interview_assignment):
    client.force_login(mentor)
    response = client.post(
        reverse("studies:interview", args=[interview_assignment.pk]),
        {"held_on": "2027-01-15", "mark": "4", "comment": "Хорошо знает ст. 28"},
    )
    assert response.status_code == 302
    interview = Interview.objects.get()
    assert (interview.mark, interview.comment) == ("4", "Хорошо знает ст. 28")
    interview_assignment.refresh_from_db()
    assert interview_assignment.status == Status.PASSED
    text = _text(client.get(interview_assignment.get_absolute_url()))
    assert "4 (хорошо)" in text
    assert "Открыть проверку заново" in text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"held_on": "2027-01-20", "mark": "pass"}, "не может быть в будущем"),
        ({"held_on": "2026-01-01", "mark": "pass"}, "раньше поручения"),
        ({"held_on": "2027-01-15", "mark": "10"}, "Выберите корректный вариант"),
        ({"held_on": "", "mark": "pass"}, "Обязательное поле"),
    ],
)
def test_interview_refuses_bad_input(
    client, mentor, interview_assignment, data, message
):
    client.force_login(mentor)
    response = client.post(
        reverse("studies:interview", args=[interview_assignment.pk]),
        {"comment": "", **data},
    )
    assert response.status_code == 422
    assert message in _text(response)
    assert not Interview.objects.exists()


def test_interview_of_a_test_is_forbidden(client, mentor, test_assignment):
    client.force_login(mentor)
    response = client.post(
        reverse("studies:interview", args=[test_assignment.pk]),
        {"held_on": "2027-01-15", "mark": "pass"},
    )
    assert response.status_code == 403


def test_reservist_describes_an_application_with_a_file_and_mentor_evaluates(
    client, reservist, mentor, interview_assignment
):
    client.force_login(reservist)
    response = client.post(
        reverse("studies:application", args=[interview_assignment.pk]),
        {
            "description": "Разработал положение по ст. 28",
            "file": SimpleUploadedFile("положение.pdf", PDF),
        },
    )
    assert response.status_code == 302
    case = PracticeCase.objects.get()
    assert case.file_name == "положение.pdf"
    download = client.get(
        reverse("studies:application_file", args=[interview_assignment.pk])
    )
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert "attachment" in download["Content-Disposition"]
    client.force_login(mentor)
    url = reverse("studies:evaluate", args=[interview_assignment.pk])
    response = client.post(url, {"evaluation": "remarks", "evaluation_comment": ""})
    assert response.status_code == 422
    assert "комментарий обязателен" in _text(response)
    case.refresh_from_db()
    assert case.evaluation == ""
    response = client.post(
        url, {"evaluation": "remarks", "evaluation_comment": "Не учтена ст. 47"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.evaluation, case.evaluation_comment) == ("remarks", "Не учтена ст. 47")
    client.force_login(reservist)
    text = _text(client.get(interview_assignment.get_absolute_url()))
    assert "применено с замечаниями" in text
    assert "Не учтена ст. 47" in text


@pytest.mark.parametrize("role", ALL_ROLES)
def test_application_file_in_scope_only(request, client, role, interview_assignment):
    services.submit_practice_case(
        assignment=interview_assignment,
        description="Случай",
        file=SimpleUploadedFile("a.pdf", PDF),
    )
    user = _login(client, request, role)
    response = client.get(
        reverse("studies:application_file", args=[interview_assignment.pk])
    )
    if user is None:
        assert response.status_code == 302
    else:
        assert response.status_code == (200 if role in SEEING else 404)


def test_no_file_no_download(client, mentor, interview_assignment):
    _case(interview_assignment)
    client.force_login(mentor)
    response = client.get(
        reverse("studies:application_file", args=[interview_assignment.pk])
    )
    assert response.status_code == 404


def test_application_refuses_a_file_that_is_not_what_it_says(
    client, reservist, interview_assignment
):
    client.force_login(reservist)
    response = client.post(
        reverse("studies:application", args=[interview_assignment.pk]),
        {
            "description": "Случай",
            "file": SimpleUploadedFile("a.pdf", b"MZ\x90\x00 not a pdf"),
        },
    )
    assert response.status_code == 422
    assert not PracticeCase.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"evaluation": "great", "evaluation_comment": "x"},
        {"evaluation": "", "evaluation_comment": "x"},
        {"evaluation": "not_applied", "evaluation_comment": "   "},
    ],
)
def test_evaluation_refuses_bad_input(client, mentor, interview_assignment, data):
    case = _case(interview_assignment)
    client.force_login(mentor)
    response = client.post(
        reverse("studies:evaluate", args=[interview_assignment.pk]), data
    )
    assert response.status_code == 422
    case.refresh_from_db()
    assert case.evaluation == ""


def test_evaluation_without_an_application(client, mentor, interview_assignment):
    client.force_login(mentor)
    response = client.post(
        reverse("studies:evaluate", args=[interview_assignment.pk]),
        {"evaluation": "correct"},
        follow=True,
    )
    assert "ещё не описал" in _text(response)
    assert not PracticeCase.objects.exists()


# Re-check ----------------------------------------------------------------------------


def test_a_new_edition_shows_the_warning_and_mentor_reopens_in_one_click(
    client,
    mentor,
    reservist,
    interview_assignment,
    act,
    today,
    django_capture_on_commit_callbacks,
):
    services.record_interview(
        assignment=interview_assignment, held_on=today, mark="5", comment="", by=mentor
    )
    with django_capture_on_commit_callbacks(execute=True):
        add_edition(act=act, effective_on=date(2027, 1, 14), note="Новая ст. 47.1")
    client.force_login(reservist)
    text = _text(client.get(interview_assignment.get_absolute_url()))
    assert (
        "Требуется повторная проверка: с 14 января 2027 г. действует новая редакция "
        "— Новая ст. 47.1"
    ) in text
    assert "Открыть проверку заново" not in text
    client.force_login(mentor)
    text = _text(client.get(interview_assignment.get_absolute_url()))
    assert text.count("Открыть проверку заново") == 1
    response = client.post(reverse("studies:reopen", args=[interview_assignment.pk]))
    assert response.status_code == 302
    interview_assignment.refresh_from_db()
    assert interview_assignment.status == Status.STUDIED
    assert interview_assignment.check_round == 2
    text = _text(client.get(interview_assignment.get_absolute_url()))
    assert "Записать собеседование" in text


def test_an_open_check_cannot_be_reopened(client, mentor, interview_assignment):
    client.force_login(mentor)
    response = client.post(reverse("studies:reopen", args=[interview_assignment.pk]))
    assert response.status_code == 403


def test_form_says_when_the_mentor_has_no_reservists(client, mentor, act):
    client.force_login(mentor)
    text = _text(client.get(reverse("studies:create")))
    assert "У вас нет резервистов с действующим наставничеством" in text


def test_form_says_when_the_catalogue_is_empty(client, mentor, mentorship):
    client.force_login(mentor)
    url = reverse("studies:create") + f"?entry={mentorship.reserve_entry_id}"
    assert "В перечне муниципалитета пока нет актов" in _text(client.get(url))


def test_superuser_reads_the_list_and_the_card(client, superuser, interview_assignment):
    client.force_login(superuser)
    assert "Reservist" in _text(client.get(reverse("studies:list")))
    response = client.get(interview_assignment.get_absolute_url())
    assert response.status_code == 200
    assert "Записать собеседование" not in _text(response)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_answer_for_every_role(request, client, role, interview_assignment):
    question = services.ask(assignment=interview_assignment, text="Вопрос?")
    user = _login(client, request, role)
    response = client.post(
        reverse("studies:answer", args=[interview_assignment.pk, question.pk]),
        {f"answer{question.pk}-answer": "Ответ."},
    )
    question.refresh_from_db()
    if role == "mentor":
        assert response.status_code == 302
        assert question.answer == "Ответ."
        return
    if user is None:
        assert response.status_code == 302
        assert "/accounts/login/" in response.url
    else:
        assert response.status_code == (403 if role in SEEING else 404)
    assert question.answer == ""

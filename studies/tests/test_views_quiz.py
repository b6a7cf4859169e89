"""The test's pages: the mentor builds the test (by hand and from the bank), the
reservist takes it (never seeing the key before submitting), everyone else sees
what their role allows."""

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from accounts.models import Role, RoleAssignment
from accounts.tests.factories import UserFactory
from legal_acts.tests.conftest import make_act
from mentorships.models import Mentorship
from mentorships.tests.factories import MentorshipFactory
from people.tests.factories import PersonFactory
from reserve.tests.factories import ReserveEntryFactory
from studies import services
from studies.models import QuizAttempt, QuizOption, QuizQuestion, StudyAssignment
from studies.services import OptionData
from studies.tests.conftest import assign, right_answers, wrong_answers

pytestmark = pytest.mark.django_db
Status = StudyAssignment.Status
# What the pages that show the key mark a right option with.
NOON = datetime(2027, 1, 15, 12, tzinfo=ZoneInfo("Asia/Tomsk"))
KEY_MARKERS = ["верный", "✓", "badge ok", "correct", "checked"]


def _user(username, organization, role):
    user = UserFactory(username=username)
    PersonFactory(user=user, organization=organization, last_name=username.title())
    RoleAssignment.objects.create(user=user, role=role)
    return user


@pytest.fixture
def other_mentor(school):
    return _user("othermentor", school, Role.MENTOR)


@pytest.fixture
def other_reservist(school, other_mentor):
    user = _user("otherreservist", school, Role.RESERVIST)
    MentorshipFactory(
        mentor=other_mentor.person,
        reserve_entry=ReserveEntryFactory(person=user.person),
    )
    return user


def _url(name, *args):
    return reverse(f"studies:{name}", args=args)


def _answers_post(answers: dict) -> dict:
    return {f"answer-{q}": options for q, options in answers.items()}


def _attempt_state(attempt: QuizAttempt) -> tuple:
    attempt.refresh_from_db()
    return (attempt.submitted_at, attempt.answers, attempt.right, attempt.score)


def _question_post(**fields) -> dict:
    data = {
        "text": "Кто утверждает устав школы?",
        "kind": "single",
        "option_1": "Учредитель",
        "correct_1": "on",
        "option_2": "Директор",
        "option_3": "",
    }
    data.update(fields)
    return {k: v for k, v in data.items() if v is not None}


# The test's page ----------------------------------------------------------------------


@pytest.mark.parametrize("role", ["mentor", "coordinator"])
def test_the_mentor_and_the_coordinator_see_the_key(
    request, client, role, test_assignment
):
    client.force_login(request.getfixturevalue(role))
    response = client.get(_url("quiz", test_assignment.pk))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Кто назначает руководителя муниципальной школы?" in text
    assert "✓ верный" in text
    assert "Порог прохождения" in text


def test_only_the_active_mentor_may_build(client, mentor, coordinator, test_assignment):
    client.force_login(mentor)
    text = client.get(_url("quiz", test_assignment.pk)).content.decode()
    assert "Добавить вопрос" in text
    assert "Взять из банка вопросов" in text
    client.force_login(coordinator)
    text = client.get(_url("quiz", test_assignment.pk)).content.decode()
    assert "Добавить вопрос" not in text


def test_the_reservist_sees_the_rules_and_starts(client, reservist, test_assignment):
    client.force_login(reservist)
    response = client.get(_url("quiz", test_assignment.pk))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Кто назначает руководителя" not in text
    assert "верный" not in text
    assert "2 всего, осталось 2" in text
    assert "1 февраля 2027" in text
    assert "Начать попытку" in text


def test_the_head_sees_the_attempts_not_the_key(
    client, head, reservist, test_assignment
):
    attempt = services.start_attempt(assignment=test_assignment)
    services.submit_attempt(
        attempt=attempt, answers=wrong_answers(test_assignment), by=reservist
    )
    client.force_login(head)
    response = client.get(_url("quiz", test_assignment.pk))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Учредитель" not in text
    assert "0% (0 из 2)" in text
    assert "Начать попытку" not in text


@pytest.mark.parametrize(
    "role", ["other_mentor", "other_reservist", "stranger", "commission"]
)
def test_the_test_is_not_found_for_others(request, client, role, test_assignment):
    client.force_login(request.getfixturevalue(role))
    assert client.get(_url("quiz", test_assignment.pk)).status_code == 404
    assert client.post(_url("quiz_start", test_assignment.pk)).status_code == 404
    assert client.get(_url("quiz_add", test_assignment.pk)).status_code == 404


def test_the_test_asks_to_log_in(client, test_assignment):
    response = client.get(_url("quiz", test_assignment.pk))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_an_interview_has_no_test_page(client, mentor, interview_assignment):
    client.force_login(mentor)
    assert client.get(_url("quiz", interview_assignment.pk)).status_code == 404


def test_the_test_page_costs_the_same_with_more_attempts(
    client, mentor, reservist, test_assignment, django_assert_max_num_queries
):
    test_assignment.max_attempts = 5
    test_assignment.save()
    client.force_login(mentor)
    for _ in range(2):
        attempt = services.start_attempt(assignment=test_assignment)
        services.submit_attempt(
            attempt=attempt, answers=wrong_answers(test_assignment), by=reservist
        )
    with django_assert_max_num_queries(14) as few:
        client.get(_url("quiz", test_assignment.pk))
    for _ in range(2):
        attempt = services.start_attempt(assignment=test_assignment)
        services.submit_attempt(
            attempt=attempt, answers=wrong_answers(test_assignment), by=reservist
        )
    with django_assert_max_num_queries(len(few)):
        client.get(_url("quiz", test_assignment.pk))


# Building the test ---------------------------------------------------------------------


def test_the_mentor_adds_a_question(client, mentor, test_assignment):
    client.force_login(mentor)
    assert client.get(_url("quiz_add", test_assignment.pk)).status_code == 200
    response = client.post(_url("quiz_add", test_assignment.pk), _question_post())
    assert response.status_code == 302
    added = test_assignment.questions.get(text="Кто утверждает устав школы?")
    assert [(o.text, o.is_correct) for o in added.options.all()] == [
        ("Учредитель", True),
        ("Директор", False),
    ]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"option_2": ""}, "Укажите не менее двух вариантов"),
        ({"correct_1": None}, "Отметьте верный вариант"),
        ({"correct_2": "on"}, "отмечено верными: 2"),
        ({"option_3": "", "correct_3": "on"}, "Впишите вариант или снимите"),
        ({"option_2": "учредитель"}, "Варианты повторяют друг друга"),
        ({"text": ""}, "Обязательное поле"),
        ({"kind": "essay"}, "Выберите корректный вариант"),
    ],
)
def test_a_bad_question_is_refused(client, mentor, test_assignment, fields, message):
    client.force_login(mentor)
    before = QuizOption.objects.count()
    response = client.post(
        _url("quiz_add", test_assignment.pk), _question_post(**fields)
    )
    assert response.status_code == 422
    assert message in response.content.decode()
    assert test_assignment.questions.count() == 2
    assert QuizOption.objects.count() == before


def test_the_mentor_edits_and_deletes_a_question(client, mentor, test_assignment):
    single, multiple = test_assignment.questions.all()
    client.force_login(mentor)
    form = client.get(_url("quiz_edit", test_assignment.pk, single.pk)).content.decode()
    assert 'value="Педагогический совет"' in form
    response = client.post(
        _url("quiz_edit", test_assignment.pk, single.pk),
        _question_post(text="Кто назначает директора?"),
    )
    assert response.status_code == 302
    single.refresh_from_db()
    assert single.text == "Кто назначает директора?"
    assert single.options.count() == 2
    response = client.post(_url("quiz_delete", test_assignment.pk, multiple.pk))
    assert response.status_code == 302
    assert list(test_assignment.questions.all()) == [single]


@pytest.mark.parametrize("role", ["reservist", "head", "coordinator"])
def test_others_may_not_build(request, client, role, test_assignment):
    single = test_assignment.questions.first()
    client.force_login(request.getfixturevalue(role))
    assert (
        client.post(_url("quiz_add", test_assignment.pk), _question_post()).status_code
        == 403
    )
    edit = client.post(
        _url("quiz_edit", test_assignment.pk, single.pk), _question_post()
    )
    delete = client.post(_url("quiz_delete", test_assignment.pk, single.pk))
    # The key's readers are refused the write; the others do not see the question.
    expected = 403 if role == "coordinator" else 404
    assert (edit.status_code, delete.status_code) == (expected, expected)
    assert client.post(_url("quiz_from_bank", test_assignment.pk)).status_code == 403
    assert test_assignment.questions.count() == 2
    assert single.options.count() == 3


def test_an_attempted_test_cannot_change(client, mentor, test_assignment):
    services.start_attempt(assignment=test_assignment)
    single = test_assignment.questions.first()
    client.force_login(mentor)
    text = client.get(_url("quiz", test_assignment.pk)).content.decode()
    assert "Добавить вопрос" not in text
    assert "по тесту уже были попытки" in text
    assert (
        client.post(_url("quiz_add", test_assignment.pk), _question_post()).status_code
        == 403
    )
    assert (
        client.post(_url("quiz_delete", test_assignment.pk, single.pk)).status_code
        == 403
    )
    assert test_assignment.questions.count() == 2


def _bank_question(act, text="Срок полномочий руководителя?"):
    return services.add_question(
        bank=services.bank_of(act),
        text=text,
        kind=QuizQuestion.Kind.SINGLE,
        options=[OptionData("5 лет", True), OptionData("1 год")],
    )


def test_the_mentor_takes_questions_from_the_bank(client, mentor, test_assignment, act):
    source = _bank_question(act)
    _bank_question(act, "Второй вопрос банка")
    client.force_login(mentor)
    text = client.get(_url("quiz_from_bank", test_assignment.pk)).content.decode()
    assert "Срок полномочий руководителя?" in text
    assert "Второй вопрос банка" in text
    response = client.post(
        _url("quiz_from_bank", test_assignment.pk), {"questions": [source.pk]}
    )
    assert response.status_code == 302
    copy = test_assignment.questions.get(text=source.text)
    assert copy.pk != source.pk
    assert [o.is_correct for o in copy.options.all()] == [True, False]
    text = client.get(_url("quiz_from_bank", test_assignment.pk)).content.decode()
    assert "уже в тесте" in text


def test_questions_of_another_bank_are_refused(
    client, mentor, test_assignment, municipality
):
    other = _bank_question(make_act(municipality, number="44-ФЗ", title="О закупках"))
    _bank_question(test_assignment.act)
    client.force_login(mentor)
    for data in ({"questions": [other.pk]}, {"questions": ["abc"]}, {}):
        response = client.post(_url("quiz_from_bank", test_assignment.pk), data)
        assert response.status_code == 422
    assert "Выберите вопросы" in response.content.decode()
    assert test_assignment.questions.count() == 2


# Taking the test -----------------------------------------------------------------------


def _start(client, assignment) -> QuizAttempt:
    response = client.post(_url("quiz_start", assignment.pk))
    assert response.status_code == 302
    attempt = QuizAttempt.objects.filter(assignment=assignment).latest("pk")
    assert response.url == _url("quiz_attempt", assignment.pk, attempt.pk)
    return attempt


def _without_tokens(content: bytes) -> bytes:
    """The page with its CSRF tokens (different on every render) blanked."""
    return re.sub(
        rb'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+', rb"\1", content
    )


def test_the_answer_sheet_holds_no_trace_of_the_key(client, reservist, mentorship, act):
    assignment = assign(mentorship, act)
    question = services.add_question(
        assignment=assignment,
        text="Какой орган утверждает ФГОС?",
        kind=QuizQuestion.Kind.SINGLE,
        options=[
            OptionData("Минпросвещения России", True),
            OptionData("Рособрнадзор"),
            OptionData("Правительство субъекта"),
        ],
    )
    client.force_login(reservist)
    attempt = _start(client, assignment)
    url = _url("quiz_attempt", assignment.pk, attempt.pk)
    first = client.get(url)
    assert first.status_code == 200
    text = first.content.decode()
    assert "Минпросвещения России" in text and "Рособрнадзор" in text
    for marker in KEY_MARKERS:
        assert marker not in text, marker
    sheet = first.context["questions"]
    assert all(o.is_correct is None for q in sheet for o in q.options)
    assert all(q.is_right is None for q in sheet)
    # Another option made the right one: the page does not change by a byte.
    options = list(question.options.all())
    QuizOption.objects.filter(pk=options[0].pk).update(is_correct=False)
    QuizOption.objects.filter(pk=options[2].pk).update(is_correct=True)
    second = client.get(url)
    assert _without_tokens(second.content) == _without_tokens(first.content)


def test_the_test_page_holds_no_key_for_the_reservist(
    client, reservist, test_assignment
):
    client.force_login(reservist)
    _start(client, test_assignment)
    text = client.get(_url("quiz", test_assignment.pk)).content.decode()
    assert "Продолжить попытку" in text
    for marker in ["верный", "✓", "Учредитель"]:
        assert marker not in text


def test_fail_once_then_pass_through_the_pages(client, reservist, test_assignment):
    client.force_login(reservist)
    first = _start(client, test_assignment)
    url = _url("quiz_attempt", test_assignment.pk, first.pk)
    response = client.post(url, _answers_post(wrong_answers(test_assignment)))
    assert response.status_code == 302 and response.url == url
    text = client.get(url).content.decode()
    assert "не пройден" in text
    assert "0 из 2" in text
    second = _start(client, test_assignment)
    assert second.number == 2
    url = _url("quiz_attempt", test_assignment.pk, second.pk)
    client.post(url, _answers_post(right_answers(test_assignment)))
    text = client.get(url).content.decode()
    assert "100%" in text and "2 из 2" in text
    test_assignment.refresh_from_db()
    assert test_assignment.status == Status.PASSED
    text = client.get(_url("quiz", test_assignment.pk)).content.decode()
    assert "Начать попытку" not in text


def test_the_result_shows_only_the_chosen_options_without_the_mentors_leave(
    client, reservist, test_assignment
):
    client.force_login(reservist)
    attempt = _start(client, test_assignment)
    url = _url("quiz_attempt", test_assignment.pk, attempt.pk)
    client.post(url, _answers_post(wrong_answers(test_assignment)))
    response = client.get(url)
    text = response.content.decode()
    assert "выбран" in text
    assert "Педагогический совет" in text
    for marker in ["✓", "верный", "badge ok"]:
        assert marker not in text
    assert all(
        o.is_correct is None for q in response.context["questions"] for o in q.options
    )


def test_the_result_shows_the_key_when_allowed(client, reservist, test_assignment):
    test_assignment.show_answers = True
    test_assignment.save()
    client.force_login(reservist)
    attempt = _start(client, test_assignment)
    url = _url("quiz_attempt", test_assignment.pk, attempt.pk)
    client.post(url, _answers_post(wrong_answers(test_assignment)))
    text = client.get(url).content.decode()
    assert "✓ верный" in text
    assert "ответ неверный" in text


@pytest.mark.parametrize(("role", "with_key"), [("mentor", True), ("head", False)])
def test_others_see_the_result(
    request, client, reservist, test_assignment, role, with_key
):
    attempt = services.start_attempt(assignment=test_assignment)
    services.submit_attempt(
        attempt=attempt, answers=wrong_answers(test_assignment), by=reservist
    )
    client.force_login(request.getfixturevalue(role))
    response = client.get(_url("quiz_attempt", test_assignment.pk, attempt.pk))
    assert response.status_code == 200
    assert ("✓ верный" in response.content.decode()) is with_key


@pytest.mark.parametrize("role", ["mentor", "head", "coordinator"])
def test_others_do_not_see_an_open_attempts_questions(
    request, client, role, test_assignment
):
    attempt = services.start_attempt(assignment=test_assignment)
    client.force_login(request.getfixturevalue(role))
    url = _url("quiz_attempt", test_assignment.pk, attempt.pk)
    response = client.get(url)
    assert response.status_code == 200
    assert "ещё не отправлена" in response.content.decode()
    assert "Учредитель" not in response.content.decode()
    answers = _answers_post(right_answers(test_assignment))
    assert client.post(url, answers).status_code == 403
    assert _attempt_state(attempt)[0] is None


@pytest.mark.parametrize("role", ["other_mentor", "other_reservist", "stranger"])
def test_an_attempt_is_not_found_for_others(request, client, role, test_assignment):
    attempt = services.start_attempt(assignment=test_assignment)
    client.force_login(request.getfixturevalue(role))
    url = _url("quiz_attempt", test_assignment.pk, attempt.pk)
    assert client.get(url).status_code == 404
    assert client.post(url, {}).status_code == 404


def test_an_attempt_asks_to_log_in(client, test_assignment):
    attempt = services.start_attempt(assignment=test_assignment)
    response = client.get(_url("quiz_attempt", test_assignment.pk, attempt.pk))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def _bad_answers(assignment, kind):
    single, multiple = assignment.questions.all()
    s_options = [o.pk for o in single.options.all()]
    m_options = [o.pk for o in multiple.options.all()]
    return {
        "not in the test": {"999999": [s_options[0]]},
        "not a number": {"abc": [s_options[0]]},
        "option of another question": {str(single.pk): [m_options[0]]},
        "option not a number": {str(single.pk): ["x"]},
        "several on a single choice": {str(single.pk): s_options[:2]},
    }[kind]


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("not in the test", "нет в тесте"),
        ("not a number", "нет в тесте"),
        ("option of another question", "не относится к своему вопросу"),
        ("option not a number", "не относится к своему вопросу"),
        ("several on a single choice", "Выберите один вариант"),
    ],
)
def test_bad_answers_are_refused_and_nothing_saved(
    client, reservist, test_assignment, kind, message
):
    client.force_login(reservist)
    attempt = _start(client, test_assignment)
    before = _attempt_state(attempt)
    url = _url("quiz_attempt", test_assignment.pk, attempt.pk)
    response = client.post(url, _answers_post(_bad_answers(test_assignment, kind)))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert _attempt_state(attempt) == before
    test_assignment.refresh_from_db()
    assert test_assignment.status == Status.STUDIED


def test_an_attempt_of_another_assignment_is_not_found(
    client, reservist, mentorship, act, test_assignment
):
    other = assign(mentorship, act)
    services.add_question(
        assignment=other,
        text="?",
        kind="single",
        options=[OptionData("Да", True), OptionData("Нет")],
    )
    client.force_login(reservist)
    attempt = _start(client, other)
    before = _attempt_state(attempt)
    url = _url("quiz_attempt", test_assignment.pk, attempt.pk)
    assert client.get(url).status_code == 404
    assert client.post(url, _answers_post(right_answers(other))).status_code == 404
    assert _attempt_state(attempt) == before


def test_a_second_submission_is_refused(client, reservist, test_assignment):
    client.force_login(reservist)
    attempt = _start(client, test_assignment)
    url = _url("quiz_attempt", test_assignment.pk, attempt.pk)
    client.post(url, _answers_post(wrong_answers(test_assignment)))
    before = _attempt_state(attempt)
    response = client.post(url, _answers_post(right_answers(test_assignment)))
    assert response.status_code == 400
    assert "Попытка уже отправлена" in response.content.decode()
    assert _attempt_state(attempt) == before
    test_assignment.refresh_from_db()
    assert test_assignment.status == Status.STUDIED


def test_a_submission_after_the_deadline_is_refused(
    client, reservist, test_assignment, time_machine
):
    client.force_login(reservist)
    attempt = _start(client, test_assignment)
    before = _attempt_state(attempt)
    time_machine.move_to(date(2027, 2, 2))
    client.force_login(reservist)  # the session of 15 January has expired
    url = _url("quiz_attempt", test_assignment.pk, attempt.pk)
    response = client.post(url, _answers_post(right_answers(test_assignment)))
    assert response.status_code == 400
    assert "Срок выполнения поручения (01.02.2027) истёк" in response.content.decode()
    assert _attempt_state(attempt) == before


def test_a_start_after_the_deadline_is_refused(
    client, reservist, test_assignment, time_machine
):
    time_machine.move_to(date(2027, 2, 2))
    client.force_login(reservist)
    response = client.post(_url("quiz_start", test_assignment.pk))
    assert response.status_code == 400
    assert "истёк" in response.content.decode()
    assert not QuizAttempt.objects.exists()


def test_no_attempt_beyond_the_limit(client, reservist, test_assignment):
    client.force_login(reservist)
    for _ in range(2):
        attempt = _start(client, test_assignment)
        url = _url("quiz_attempt", test_assignment.pk, attempt.pk)
        client.post(url, _answers_post(wrong_answers(test_assignment)))
    response = client.post(_url("quiz_start", test_assignment.pk))
    assert response.status_code == 400
    text = response.content.decode()
    assert "Проверка закрыта" in text
    assert "попыток не осталось" in text
    assert "Начать попытку" not in text
    assert QuizAttempt.objects.count() == 2


def test_no_attempt_beyond_the_limit_while_the_check_is_open(
    client, reservist, test_assignment, mentor
):
    """The only attempt is used but the check is still open (it was closed
    without scoring): the limit refuses with its own message."""
    StudyAssignment.objects.filter(pk=test_assignment.pk).update(max_attempts=1)
    test_assignment.refresh_from_db()
    client.force_login(reservist)
    attempt = _start(client, test_assignment)
    QuizAttempt.objects.filter(pk=attempt.pk).update(submitted_at=attempt.started_at)
    response = client.post(_url("quiz_start", test_assignment.pk))
    assert response.status_code == 400
    assert "Использованы все попытки (1)" in response.content.decode()
    assert QuizAttempt.objects.count() == 1


def test_only_the_reservist_starts(client, mentor, head, coordinator, test_assignment):
    for user in (mentor, head, coordinator):
        client.force_login(user)
        assert client.post(_url("quiz_start", test_assignment.pk)).status_code == 403
    assert client.get(_url("quiz_start", test_assignment.pk)).status_code == 405
    assert not QuizAttempt.objects.exists()


def test_the_sheet_says_the_time_left(client, reservist, test_assignment, time_machine):
    StudyAssignment.objects.filter(pk=test_assignment.pk).update(time_limit_minutes=20)
    client.force_login(reservist)
    attempt = _start(client, test_assignment)
    time_machine.move_to(NOON + timedelta(minutes=5, seconds=30))
    url = _url("quiz_attempt", test_assignment.pk, attempt.pk)
    text = client.get(url).content.decode()
    assert "Осталось минут: 15 (до 12:20)." in text
    time_machine.move_to(NOON + timedelta(minutes=35))
    response = client.post(url, _answers_post(right_answers(test_assignment)))
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.timed_out and not attempt.passed


def test_a_question_with_many_options_keeps_them_all_in_its_form(
    client, mentor, test_assignment
):
    question = services.add_question(
        assignment=test_assignment,
        text="Какие акты относятся к федеральным?",
        kind=QuizQuestion.Kind.MULTIPLE,
        options=[OptionData(f"Акт {n}", n < 3) for n in range(8)],
    )
    client.force_login(mentor)
    text = client.get(
        _url("quiz_edit", test_assignment.pk, question.pk)
    ).content.decode()
    assert 'value="Акт 7"' in text
    assert 'name="option_9"' in text
    assert 'name="option_10"' not in text


def test_an_ended_mentorship_closes_the_test_to_both(
    client, mentor, reservist, test_assignment
):
    Mentorship.objects.filter(pk=test_assignment.mentorship_id).update(
        status=Mentorship.Status.ENDED
    )
    client.force_login(mentor)
    text = client.get(_url("quiz", test_assignment.pk)).content.decode()
    assert "✓ верный" in text
    assert "Добавить вопрос" not in text
    assert (
        client.post(_url("quiz_add", test_assignment.pk), _question_post()).status_code
        == 403
    )
    client.force_login(reservist)
    text = client.get(_url("quiz", test_assignment.pk)).content.decode()
    assert "Начать попытку" not in text
    assert client.post(_url("quiz_start", test_assignment.pk)).status_code == 403
    assert not QuizAttempt.objects.exists()


def test_a_reopened_check_starts_a_new_round_of_attempts(
    client, mentor, reservist, test_assignment
):
    for _ in range(2):
        attempt = services.start_attempt(assignment=test_assignment)
        services.submit_attempt(
            attempt=attempt, answers=wrong_answers(test_assignment), by=reservist
        )
    test_assignment.refresh_from_db()
    services.reopen(assignment=test_assignment)
    client.force_login(reservist)
    text = client.get(_url("quiz", test_assignment.pk)).content.decode()
    assert "2 всего, осталось 2" in text
    assert "№ 1 (проверка 1)" in text
    attempt = _start(client, test_assignment)
    assert (attempt.check_round, attempt.number) == (2, 1)

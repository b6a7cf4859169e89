"""The test of a study assignment through the API: built by the mentor or from
the bank, taken by the reservist and scored on the server. The key (which
options are right) never reaches the reservist before submitting — not in the
test, not in a started attempt, not in an attempt read back — and after it only
when the mentor allows. Bad input is refused with nothing stored."""

import json
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from api.tests.conftest import API, ru
from api.tests.studies_cast import question_body, snapshot
from legal_acts.services import add_edition
from legal_acts.tests.conftest import make_act
from studies import services
from studies.models import QuizAttempt, StudyAssignment
from studies.services import OptionData
from studies.tests.conftest import assign, right_answers, wrong_answers

pytest_plugins = ["api.tests.studies_fixtures"]
pytestmark = pytest.mark.usefixtures("today")

URL = f"{API}/study-assignments"
JSON = "application/json"


def _no_key(response) -> dict:
    """The answer, asserted to hold no correctness anywhere."""
    assert b"is_correct" not in response.content
    body = response.json()
    assert body["key"] == "hidden"
    for question in body["questions"]:
        for option in question["options"]:
            assert set(option) == {"id", "text"}
    return body


def _right_option_ids(assignment) -> set[int]:
    return {o for ids in right_answers(assignment).values() for o in ids}


# ------------------------------------------------------------------- the key


def test_the_reservist_never_gets_the_key_before_submitting(
    api_client, reservist, quiz
):
    client = api_client(reservist)

    test = _no_key(client.get(f"{URL}/{quiz.pk}/test"))
    assert test["attempts_left"] == 2
    assert [q["kind"] for q in test["questions"]] == ["single", "multiple"]
    started = client.post(f"{URL}/{quiz.pk}/attempts")
    assert started.status_code == 201, started.content
    attempt = _no_key(started)
    assert attempt["submitted_at"] is None
    assert attempt["answers"] == {}
    read_back = _no_key(client.get(f"{URL}/{quiz.pk}/attempts/{attempt['id']}"))
    assert read_back["id"] == attempt["id"]
    resumed = client.post(f"{URL}/{quiz.pk}/attempts")
    assert resumed.status_code == 200
    assert _no_key(resumed)["id"] == attempt["id"]
    listed = client.get(f"{URL}/{quiz.pk}/attempts")
    assert b"is_correct" not in listed.content
    card = client.get(f"{URL}/{quiz.pk}")
    assert b"is_correct" not in card.content


def test_after_submitting_the_key_only_when_the_mentor_allows(
    api_client, reservist, quiz
):
    client = api_client(reservist)
    attempt = client.post(f"{URL}/{quiz.pk}/attempts").json()

    scored = client.post(
        f"{URL}/{quiz.pk}/attempts/{attempt['id']}/submit",
        {"answers": wrong_answers(quiz)},
        content_type=JSON,
    )

    assert scored.status_code == 200, scored.content
    body = _no_key(scored)
    assert (body["right"], body["total"], body["score"]) == (0, 2, 0)
    assert body["passed"] is False
    assert body["answers"] == wrong_answers(quiz)
    _no_key(client.get(f"{URL}/{quiz.pk}/attempts/{attempt['id']}"))
    _no_key(client.get(f"{URL}/{quiz.pk}/test"))

    StudyAssignment.objects.filter(pk=quiz.pk).update(show_answers=True)
    shown = client.get(f"{URL}/{quiz.pk}/attempts/{attempt['id']}").json()
    assert shown["key"] == "shown"
    right = {
        o["id"] for q in shown["questions"] for o in q["options"] if o["is_correct"]
    }
    assert right == _right_option_ids(quiz)
    # The test itself stays without the key: a second attempt is still open.
    _no_key(client.get(f"{URL}/{quiz.pk}/test"))
    second = client.post(f"{URL}/{quiz.pk}/attempts")
    assert second.status_code == 201
    _no_key(second)


@pytest.mark.parametrize(
    ("role", "key"),
    [("mentor", "shown"), ("coordinator", "shown"), ("head", "hidden")],
)
def test_who_reads_the_key(request, api_client, quiz, role, key):
    user = request.getfixturevalue(role)
    attempt = services.start_attempt(assignment=quiz)
    client = api_client(user)

    test = client.get(f"{URL}/{quiz.pk}/test").json()
    open_attempt = client.get(f"{URL}/{quiz.pk}/attempts/{attempt.pk}").json()

    assert test["key"] == key
    assert open_attempt["key"] == "hidden"  # never before submission
    if key == "shown":
        right = {
            o["id"] for q in test["questions"] for o in q["options"] if o["is_correct"]
        }
        assert right == _right_option_ids(quiz)
    else:
        assert "is_correct" not in json.dumps(test)


def test_fail_once_then_pass(api_client, reservist, quiz):
    client = api_client(reservist)
    first = client.post(f"{URL}/{quiz.pk}/attempts").json()
    client.post(
        f"{URL}/{quiz.pk}/attempts/{first['id']}/submit",
        {"answers": wrong_answers(quiz)},
        content_type=JSON,
    )
    second = client.post(f"{URL}/{quiz.pk}/attempts").json()
    assert second["number"] == 2

    passed = client.post(
        f"{URL}/{quiz.pk}/attempts/{second['id']}/submit",
        {"answers": right_answers(quiz)},
        content_type=JSON,
    ).json()

    assert (passed["score"], passed["passed"]) == (100, True)
    card = client.get(f"{URL}/{quiz.pk}").json()
    assert card["status"] == "passed"
    scores = client.get(f"{URL}/{quiz.pk}/attempts").json()["items"]
    assert [(a["number"], a["score"]) for a in scores] == [(1, 0), (2, 100)]


# ------------------------------------------------------------------ bad input


def _submit(client, quiz, answers):
    attempt = services.start_attempt(assignment=quiz)
    before = snapshot()
    response = client.post(
        f"{URL}/{quiz.pk}/attempts/{attempt.pk}/submit",
        {"answers": answers},
        content_type=JSON,
    )
    return response, before


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"999999": [1]}, "The answers name a question that is not in the test."),
        ({"abc": [1]}, "The answers name a question that is not in the test."),
        (
            "not in its question",
            "The answers name an option that is not of its question.",
        ),
    ],
)
def test_answers_not_of_the_test_are_refused(
    api_client, reservist, quiz, answers, message
):
    if answers == "not in its question":
        first, second = quiz.questions.all()
        answers = {str(first.pk): [second.options.first().pk]}

    response, before = _submit(api_client(reservist), quiz, answers)

    assert response.status_code == 400, response.content
    assert response.json()["errors"]["answers"] == [ru(message)]
    assert snapshot() == before


def test_several_options_for_a_single_choice_are_refused(api_client, reservist, quiz):
    single = quiz.questions.get(kind="single")
    answers = {str(single.pk): [o.pk for o in single.options.all()]}

    response, before = _submit(api_client(reservist), quiz, answers)

    assert response.status_code == 400
    assert "answers" in response.json()["errors"]
    assert snapshot() == before


@pytest.mark.parametrize(
    "body",
    [{"answers": {"1": ["a"]}}, {"answers": [1, 2]}, {}, {"answers": {}, "extra": 1}],
)
def test_malformed_answers_are_422(api_client, reservist, quiz, body):
    attempt = services.start_attempt(assignment=quiz)
    before = snapshot()

    response = api_client(reservist).post(
        f"{URL}/{quiz.pk}/attempts/{attempt.pk}/submit", body, content_type=JSON
    )

    assert response.status_code == 422
    assert snapshot() == before


def test_a_second_submission_is_refused(api_client, reservist, quiz):
    client = api_client(reservist)
    attempt = services.start_attempt(assignment=quiz)
    url = f"{URL}/{quiz.pk}/attempts/{attempt.pk}/submit"
    client.post(url, {"answers": wrong_answers(quiz)}, content_type=JSON)
    before = snapshot()

    again = client.post(url, {"answers": right_answers(quiz)}, content_type=JSON)

    assert again.status_code == 400
    assert again.json()["detail"] == ru("The attempt has already been submitted.")
    assert snapshot() == before


def test_no_attempt_beyond_the_limit(api_client, reservist, quiz):
    client = api_client(reservist)
    for _ in range(2):
        attempt = client.post(f"{URL}/{quiz.pk}/attempts").json()
        client.post(
            f"{URL}/{quiz.pk}/attempts/{attempt['id']}/submit",
            {"answers": wrong_answers(quiz)},
            content_type=JSON,
        )
    assert client.get(f"{URL}/{quiz.pk}").json()["status"] == "failed"
    before = snapshot()

    response = client.post(f"{URL}/{quiz.pk}/attempts")

    assert response.status_code == 400
    assert response.json()["detail"]
    assert QuizAttempt.objects.count() == 2
    assert snapshot() == before


def test_no_attempt_after_the_deadline(api_client, reservist, quiz, time_machine):
    time_machine.move_to(datetime(2027, 2, 2, 12, tzinfo=ZoneInfo("Asia/Tomsk")))
    before = snapshot()

    response = api_client(reservist).post(f"{URL}/{quiz.pk}/attempts")

    assert response.status_code == 400
    assert "01.02.2027" in response.json()["detail"]
    assert snapshot() == before


def test_no_submission_after_the_deadline(api_client, reservist, quiz, time_machine):
    attempt = services.start_attempt(assignment=quiz)
    time_machine.move_to(datetime(2027, 2, 2, 12, tzinfo=ZoneInfo("Asia/Tomsk")))
    before = snapshot()

    response = api_client(reservist).post(
        f"{URL}/{quiz.pk}/attempts/{attempt.pk}/submit",
        {"answers": right_answers(quiz)},
        content_type=JSON,
    )

    assert response.status_code == 400
    assert snapshot() == before


def test_an_attempt_past_its_time_counts_as_failed(
    api_client, reservist, quiz, time_machine
):
    StudyAssignment.objects.filter(pk=quiz.pk).update(time_limit_minutes=10)
    client = api_client(reservist)
    attempt = client.post(f"{URL}/{quiz.pk}/attempts").json()
    assert attempt["deadline_at"] is not None
    noon = datetime(2027, 1, 15, 12, tzinfo=ZoneInfo("Asia/Tomsk"))
    time_machine.move_to(noon + timedelta(minutes=11))

    response = client.post(
        f"{URL}/{quiz.pk}/attempts/{attempt['id']}/submit",
        {"answers": right_answers(quiz)},
        content_type=JSON,
    )

    assert response.status_code == 200
    assert response.json()["timed_out"] is True
    assert response.json()["passed"] is False


def test_no_attempt_of_an_interview_or_an_empty_test(
    api_client, reservist, oral, mentorship, act
):

    empty = assign(mentorship, act)
    client = api_client(reservist)
    before = snapshot()

    assert client.post(f"{URL}/{oral.pk}/attempts").status_code == 400
    assert client.post(f"{URL}/{empty.pk}/attempts").status_code == 400
    no_test = client.get(f"{URL}/{oral.pk}/test")
    assert no_test.status_code == 404
    assert no_test.json()["detail"] == "Знания проверяются собеседованием: теста нет."
    assert snapshot() == before


def test_an_unknown_attempt_is_404(api_client, reservist, quiz, oral):
    attempt = services.start_attempt(assignment=quiz)
    client = api_client(reservist)

    assert client.get(f"{URL}/{quiz.pk}/attempts/{10**6}").status_code == 404
    assert client.get(f"{URL}/{oral.pk}/attempts/{attempt.pk}").status_code == 404
    assert client.get(f"{URL}/{quiz.pk}/attempts/{10**30}").status_code == 404


# ------------------------------------------------------------- building a test


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ([{"text": "Да"}, {"text": "Нет"}], "Mark the right option."),
        ([{"text": "Да", "is_correct": True}], "Give at least two options."),
        (
            [{"text": "Да", "is_correct": True}, {"text": "  "}],
            "Give at least two options.",
        ),
        (
            [{"text": "Да", "is_correct": True}, {"text": "да"}],
            "The options repeat each other.",
        ),
        (
            [{"text": str(i), "is_correct": i == 0} for i in range(11)],
            "Give at most ten options.",
        ),
    ],
)
def test_a_bad_question_is_refused(api_client, mentor, quiz, options, message):
    before = snapshot()

    response = api_client(mentor).post(
        f"{URL}/{quiz.pk}/test/questions",
        question_body(options=options),
        content_type=JSON,
    )

    assert response.status_code == 400, response.content
    assert response.json()["errors"]["options"] == [ru(message)]
    assert snapshot() == before


def test_a_single_choice_with_two_right_options_is_refused(api_client, mentor, quiz):
    options = [{"text": "Да", "is_correct": True}, {"text": "Нет", "is_correct": True}]
    before = snapshot()

    response = api_client(mentor).post(
        f"{URL}/{quiz.pk}/test/questions",
        question_body(options=options),
        content_type=JSON,
    )

    assert response.status_code == 400
    assert snapshot() == before
    multiple = api_client(mentor).post(
        f"{URL}/{quiz.pk}/test/questions",
        question_body(options=options, kind="multiple"),
        content_type=JSON,
    )
    assert multiple.status_code == 201
    assert [o["is_correct"] for o in multiple.json()["options"]] == [True, True]


def test_the_mentor_builds_and_the_test_freezes_once_attempted(
    api_client, mentor, quiz
):
    client = api_client(mentor)
    first = quiz.questions.first()
    rewritten = client.put(
        f"{URL}/{quiz.pk}/test/questions/{first.pk}",
        question_body(text="Кто назначает директора?"),
        content_type=JSON,
    )
    assert rewritten.status_code == 200
    assert rewritten.json()["text"] == "Кто назначает директора?"
    services.start_attempt(assignment=quiz)
    before = snapshot()

    refused = [
        client.post(
            f"{URL}/{quiz.pk}/test/questions", question_body(), content_type=JSON
        ),
        client.put(
            f"{URL}/{quiz.pk}/test/questions/{first.pk}",
            question_body(),
            content_type=JSON,
        ),
        client.delete(f"{URL}/{quiz.pk}/test/questions/{first.pk}"),
    ]

    assert [r.status_code for r in refused] == [400, 400, 400]
    assert refused[0].json()["detail"] == ru(
        "The test has been attempted: its questions can no longer change."
    )
    assert snapshot() == before


def test_a_question_of_another_test_is_404(api_client, mentor, quiz, oral):
    other = quiz.questions.first()

    response = api_client(mentor).put(
        f"{URL}/{oral.pk}/test/questions/{other.pk}",
        question_body(),
        content_type=JSON,
    )

    assert response.status_code == 404


def test_the_mentor_takes_questions_from_the_bank(
    api_client, mentor, quiz, bank_question
):
    response = api_client(mentor).post(
        f"{URL}/{quiz.pk}/test/from-bank",
        {"question_ids": [bank_question.pk]},
        content_type=JSON,
    )

    assert response.status_code == 201, response.content
    (copy,) = response.json()
    assert copy["id"] != bank_question.pk
    assert copy["text"] == bank_question.text
    assert [o["is_correct"] for o in copy["options"]] == [True, False]
    assert quiz.questions.count() == 3


@pytest.mark.parametrize("ids", [[], "foreign", "both"])
def test_questions_not_in_the_acts_bank_are_refused(
    api_client, mentor, quiz, bank_question, far_school, ids
):
    far = make_act(far_school.municipality, number="1-ФЗ")
    foreign = services.add_question(
        bank=services.bank_of(far),
        text="?",
        kind="single",
        options=[OptionData("a", True), OptionData("b")],
    )
    if ids == "foreign":
        ids = [foreign.pk]
    elif ids == "both":
        ids = [bank_question.pk, foreign.pk]
    before = snapshot()

    response = api_client(mentor).post(
        f"{URL}/{quiz.pk}/test/from-bank",
        {"question_ids": ids},
        content_type=JSON,
    )

    assert response.status_code == 400
    assert "question_ids" in response.json()["errors"]
    assert snapshot() == before


# ---------------------------------------------------------------- re-checks


def test_a_new_edition_flags_the_passed_check_and_the_mentor_reopens(
    api_client, mentor, reservist, quiz, act, django_capture_on_commit_callbacks
):

    attempt = services.start_attempt(assignment=quiz)
    services.submit_attempt(attempt=attempt, answers=right_answers(quiz), by=reservist)
    with django_capture_on_commit_callbacks(execute=True):
        add_edition(act=act, effective_on=date(2027, 1, 14), note="Изменена ст. 28")
    client = api_client(mentor)

    flagged = client.get(f"{URL}", {"status": "recheck"}).json()["items"]
    assert [a["id"] for a in flagged] == [quiz.pk]
    assert flagged[0]["recheck_edition"]["note"] == "Изменена ст. 28"
    reopened = client.post(f"{URL}/{quiz.pk}/reopen")
    assert reopened.status_code == 200
    assert reopened.json()["check_round"] == 2
    assert reopened.json()["recheck_edition"] is None
    test = api_client(reservist).get(f"{URL}/{quiz.pk}/test").json()
    assert test["attempts_left"] == 2

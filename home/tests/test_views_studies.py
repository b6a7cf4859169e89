"""The study of legal acts on the home page: the mentor's to-do (re-checks a new
edition calls for, questions to answer, applications to evaluate) and the
reservist's acts to study by their deadlines."""

from datetime import date

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from home.tests.test_views import MENTOR_HOME_QUERIES
from studies.models import StudyAssignment
from studies.queries import TODO_LIMIT
from studies.tests.conftest import act, assign, mentorship, today  # noqa: F401
from studies.tests.stories import live_studies

pytestmark = pytest.mark.django_db
HOME = reverse("home:index")


@pytest.fixture
def story(mentorship):  # noqa: F811
    return live_studies(mentorship)


def _card(assignment: StudyAssignment) -> str:
    return reverse("studies:card", args=[assignment.pk])


def test_the_mentor_is_told_what_to_recheck_and_what_awaits_them(client, mentor, story):
    client.force_login(mentor)

    response = client.get(HOME)

    flagged, waiting = story.flagged, story.open
    assertContains(
        response,
        f'<li id="todo-recheck-{flagged.pk}"><strong>Требуется повторная проверка'
        f'</strong>: <a href="{_card(flagged)}">Об образовании в Российской '
        "Федерации</a> (Reservist N. P.). Новая редакция от 10 января 2027 г.: Новая "
        "статья 47.1</li>",
        html=True,
    )
    assertContains(
        response,
        f'<li id="todo-awaiting-{waiting.pk}"><a href="{_card(waiting)}">Трудовой '
        "кодекс Российской Федерации</a> (Reservist N. P.): вопрос ждёт вашего ответа; "
        "применение на практике ждёт вашей оценки; акт изучен, проведите "
        "собеседование.</li>",
        html=True,
    )
    # passed and failed checks are done with
    for done in (story.passed, story.failed):
        assertNotContains(response, f'id="todo-awaiting-{done.pk}"')
        assertNotContains(response, f'id="todo-recheck-{done.pk}"')


def test_an_answered_question_an_evaluated_application_and_a_held_interview_leave(
    client, mentor, story
):
    from studies import services

    question = story.open.study_questions.get()
    services.answer(question=question, text="Нет", by=mentor)
    services.evaluate_practice_case(
        case=story.open.practice_case, evaluation="correct", comment="", by=mentor
    )
    services.record_interview(
        assignment=story.open,
        held_on=date(2027, 1, 15),
        mark="5",
        comment="",
        by=mentor,
    )
    client.force_login(mentor)

    assertNotContains(client.get(HOME), f'id="todo-awaiting-{story.open.pk}"')


def test_the_reservist_sees_the_open_assignments_by_deadline(client, reservist, story):
    client.force_login(reservist)

    response = client.get(HOME)

    assertContains(
        response,
        f'<li id="todo-due-{story.open.pk}"><a href="{_card(story.open)}">Трудовой '
        "кодекс Российской Федерации</a> (ст. 28, 51): срок — 10 февраля 2027 г.</li>",
        html=True,
    )
    for closed in (story.passed, story.failed, story.flagged):
        assertNotContains(response, f'id="todo-due-{closed.pk}"')
    assertNotContains(response, 'id="studies-todo"')


def test_an_overdue_assignment_is_marked(client, reservist, story):
    StudyAssignment.objects.filter(pk=story.open.pk).update(due_on=date(2027, 1, 10))
    client.force_login(reservist)

    assertContains(
        client.get(HOME),
        f'<li id="todo-due-{story.open.pk}"><a href="{_card(story.open)}">Трудовой '
        "кодекс Российской Федерации</a> (ст. 28, 51): срок — 10 января 2027 г. "
        '<span class="badge bad">просрочено</span></li>',
        html=True,
    )


def test_an_act_studied_for_an_interview_asks_the_mentor_to_hold_it(
    client,
    mentor,
    mentorship,  # noqa: F811
    act,  # noqa: F811
):
    from studies import services

    waiting = assign(
        mentorship, act, check_method=StudyAssignment.CheckMethod.INTERVIEW
    )
    client.force_login(mentor)
    assertNotContains(client.get(HOME), f'id="todo-awaiting-{waiting.pk}"')
    services.mark_studied(assignment=waiting)

    assertContains(
        client.get(HOME),
        f'<li id="todo-awaiting-{waiting.pk}"><a href="{_card(waiting)}">Об '
        "образовании в Российской Федерации</a> (Reservist N. P.): акт изучен, "
        "проведите собеседование.</li>",
        html=True,
    )


def test_the_reservist_is_told_which_acts_end_in_a_test(
    client,
    reservist,
    mentorship,  # noqa: F811
    act,  # noqa: F811
):
    by_test = assign(mentorship, act)
    client.force_login(reservist)

    assertContains(
        client.get(HOME),
        f'<li id="todo-due-{by_test.pk}"><a href="{_card(by_test)}">Об образовании в '
        "Российской Федерации</a> (ст. 28, 51): срок — 1 февраля 2027 г. "
        '<span class="badge warn">пройти тест</span></li>',
        html=True,
    )


@pytest.mark.parametrize("role", ["head", "coordinator", "commission", "stranger"])
def test_others_get_no_study_todo(client, request, role, story):
    client.force_login(request.getfixturevalue(role))

    response = client.get(HOME)

    assertNotContains(response, 'id="studies-todo"')
    assertNotContains(response, 'id="studies-due"')


def test_an_ended_mentorship_leaves_the_lists(client, mentor, reservist, story):
    from mentorships.models import Mentorship

    Mentorship.objects.filter(pk=story.open.mentorship_id).update(
        status=Mentorship.Status.ENDED
    )
    for user in (mentor, reservist):
        client.force_login(user)
        response = client.get(HOME)
        assertNotContains(response, 'id="studies-todo"')
        assertNotContains(response, 'id="studies-due"')


def _more(mentorship, act, n):  # noqa: F811
    """n more assignments waiting on both sides: a question each."""
    from studies import services

    for _ in range(n):
        services.ask(assignment=assign(mentorship, act), text="Вопрос")


@pytest.mark.parametrize("n", [3, 2 * TODO_LIMIT])
def test_the_mentor_home_costs_the_same_at_more_assignments(
    client,
    mentor,
    story,
    mentorship,  # noqa: F811
    act,  # noqa: F811
    n,
    django_assert_max_num_queries,
):
    _more(mentorship, act, n)
    client.force_login(mentor)

    with django_assert_max_num_queries(MENTOR_HOME_QUERIES):
        response = client.get(HOME)
    with django_assert_max_num_queries(MENTOR_HOME_QUERIES - 2):
        again = client.get(HOME)

    shown = min(1 + n, TODO_LIMIT)
    assert len(response.context["studies"].awaiting) == shown
    assert len(again.context["studies"].to_recheck) == 1


# The reservist's: session, user, roles, linked person; their mentorship; their
# plan; to-do: their open plan rows, next steps agreed at consultations,
# invitations to events, self-assessments due; the assignments due; the report
# on their plan (their draft, else a plan awaiting its report: at most two);
# their attestation.
RESERVIST_HOME_QUERIES = 14


@pytest.mark.parametrize("n", [3, 2 * TODO_LIMIT])
def test_the_reservist_home_costs_the_same_at_more_assignments(
    client,
    reservist,
    story,
    mentorship,  # noqa: F811
    act,  # noqa: F811
    n,
    django_assert_max_num_queries,
):
    _more(mentorship, act, n)
    client.force_login(reservist)

    with django_assert_max_num_queries(RESERVIST_HOME_QUERIES):
        response = client.get(HOME)

    assert len(response.context["studies"].due) == min(1 + n, TODO_LIMIT)

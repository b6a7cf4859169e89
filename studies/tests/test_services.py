"""The rules of assignments, tests, interviews, applications and re-checks."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from legal_acts.services import add_edition
from plans.models import IndividualPlan, PlanItem
from plans.tests.factories import IndividualPlanFactory, PlanItemFactory
from studies import services
from studies.models import (
    Interview,
    PracticeCase,
    QuizAttempt,
    QuizQuestion,
    StudyAssignment,
)
from studies.services import OptionData
from studies.tests.conftest import assign, right_answers, wrong_answers

pytestmark = pytest.mark.django_db
Status = StudyAssignment.Status


def test_a_test_passed_after_a_failed_attempt(test_assignment, reservist):
    first = services.start_attempt(assignment=test_assignment)
    services.submit_attempt(
        attempt=first, answers=wrong_answers(test_assignment), by=reservist
    )
    first.refresh_from_db()
    assert (first.right, first.total, first.score, first.passed) == (0, 2, 0, False)
    test_assignment.refresh_from_db()
    assert test_assignment.status == Status.STUDIED
    second = services.start_attempt(assignment=test_assignment)
    assert second.number == 2
    services.submit_attempt(
        attempt=second, answers=right_answers(test_assignment), by=reservist
    )
    test_assignment.refresh_from_db()
    assert test_assignment.status == Status.PASSED
    assert test_assignment.checked_at is not None


def test_the_last_failed_attempt_fails_and_no_more_are_allowed(
    test_assignment, reservist
):
    for _ in range(2):
        attempt = services.start_attempt(assignment=test_assignment)
        services.submit_attempt(
            attempt=attempt, answers=wrong_answers(test_assignment), by=reservist
        )
    test_assignment.refresh_from_db()
    assert test_assignment.status == Status.FAILED
    with pytest.raises(ValidationError):
        services.start_attempt(assignment=test_assignment)
    assert QuizAttempt.objects.count() == 2


def test_a_partly_right_multiple_choice_is_wrong(test_assignment, reservist):
    _single, multiple = test_assignment.questions.all()
    answers = right_answers(test_assignment)
    answers[str(multiple.pk)] = answers[str(multiple.pk)][:1]
    attempt = services.start_attempt(assignment=test_assignment)
    services.submit_attempt(attempt=attempt, answers=answers, by=reservist)
    attempt.refresh_from_db()
    assert (attempt.right, attempt.score) == (1, 50)


@pytest.mark.parametrize(
    "answers",
    [{"999999": [1]}, {"abc": [1]}],
)
def test_answers_to_questions_not_in_the_test_are_refused(
    test_assignment, reservist, answers
):
    attempt = services.start_attempt(assignment=test_assignment)
    with pytest.raises(ValidationError, match=r"not in the test|нет в тесте"):
        services.submit_attempt(attempt=attempt, answers=answers, by=reservist)
    attempt.refresh_from_db()
    assert attempt.submitted_at is None


def test_an_attempt_after_the_deadline_is_refused(test_assignment, time_machine):
    time_machine.move_to(date(2027, 2, 2))
    with pytest.raises(ValidationError):
        services.start_attempt(assignment=test_assignment)
    assert not QuizAttempt.objects.exists()


def test_a_question_needs_two_options_and_a_right_one(test_assignment):
    with pytest.raises(ValidationError):
        services.add_question(
            assignment=test_assignment,
            text="?",
            kind="single",
            options=[OptionData("Да", True)],
        )
    with pytest.raises(ValidationError):
        services.add_question(
            assignment=test_assignment,
            text="?",
            kind="single",
            options=[OptionData("Да"), OptionData("Нет")],
        )
    with pytest.raises(ValidationError):
        services.add_question(
            assignment=test_assignment,
            text="?",
            kind="single",
            options=[OptionData("Да", True), OptionData("Нет", True)],
        )
    assert test_assignment.questions.count() == 2


def test_a_passed_interview_completes_and_confirms_the_linked_item(
    mentorship, act, mentor
):
    plan = IndividualPlanFactory(
        reserve_entry=mentorship.reserve_entry, status=IndividualPlan.Status.APPROVED
    )
    item = PlanItemFactory(plan=plan)
    assignment = assign(mentorship, act, check_method="interview", plan_item=item)
    services.record_interview(
        assignment=assignment,
        held_on=date(2027, 1, 15),
        mark="5",
        comment="",
        by=mentor,
    )
    item.refresh_from_db()
    assert item.status == PlanItem.Status.DONE
    assert item.confirmed_at is not None
    assignment.refresh_from_db()
    assert assignment.status == Status.PASSED


def test_a_failed_interview_fails_the_check(interview_assignment, mentor):
    services.record_interview(
        assignment=interview_assignment,
        held_on=date(2027, 1, 15),
        mark=Interview.Mark.FAIL,
        comment="Не знает ст. 28",
        by=mentor,
    )
    interview_assignment.refresh_from_db()
    assert interview_assignment.status == Status.FAILED


def test_a_new_edition_flags_a_passed_check_and_reopen_clears_it(
    interview_assignment, mentor, act
):
    services.record_interview(
        assignment=interview_assignment,
        held_on=date(2027, 1, 15),
        mark="pass",
        comment="",
        by=mentor,
    )
    edition = add_edition(
        act=act, effective_on=date(2027, 1, 10), note="Новая ст. 47.1"
    )
    interview_assignment.refresh_from_db()
    assert interview_assignment.status == Status.RECHECK
    assert interview_assignment.recheck_edition == edition
    services.reopen(assignment=interview_assignment)
    interview_assignment.refresh_from_db()
    assert interview_assignment.status == Status.STUDIED
    assert interview_assignment.check_round == 2
    assert interview_assignment.recheck_edition is None


def test_an_older_edition_does_not_flag_a_check_made_on_a_newer_one(
    interview_assignment, mentor, act
):
    add_edition(act=act, effective_on=date(2026, 9, 1), note="Редакция 2026")
    services.record_interview(
        assignment=interview_assignment,
        held_on=date(2027, 1, 15),
        mark="pass",
        comment="",
        by=mentor,
    )
    add_edition(act=act, effective_on=date(2020, 1, 1), note="Историческая")
    interview_assignment.refresh_from_db()
    assert interview_assignment.status == Status.PASSED


def test_practice_case_with_remarks_needs_a_comment(interview_assignment, mentor):
    case = services.submit_practice_case(
        assignment=interview_assignment, description="Разработал положение"
    )
    with pytest.raises(ValidationError):
        services.evaluate_practice_case(
            case=case, evaluation=PracticeCase.Evaluation.REMARKS, comment="", by=mentor
        )
    services.evaluate_practice_case(
        case=case, evaluation=PracticeCase.Evaluation.CORRECT, comment="", by=mentor
    )
    with pytest.raises(ValidationError):
        services.submit_practice_case(
            assignment=interview_assignment, description="ещё"
        )


def test_an_act_of_another_municipality_is_refused(mentorship, far_act):
    with pytest.raises(ValidationError):
        assign(mentorship, far_act)
    assert not StudyAssignment.objects.exists()


def test_copy_from_bank_takes_a_copy(test_assignment, act):
    bank = services.bank_of(act)
    source = services.add_question(
        bank=bank,
        text="Срок полномочий?",
        kind=QuizQuestion.Kind.SINGLE,
        options=[OptionData("5 лет", True), OptionData("1 год")],
    )
    (copy,) = services.copy_from_bank(
        assignment=test_assignment, question_ids=[source.pk]
    )
    assert copy.pk != source.pk and copy.assignment == test_assignment
    assert [o.is_correct for o in copy.options.all()] == [True, False]

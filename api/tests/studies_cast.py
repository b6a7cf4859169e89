"""Helpers of the API tests of the study of legal acts: what is stored, the
bodies of a question and of an assignment (the fixtures: studies_fixtures)."""

from datetime import date

from studies.models import (
    Interview,
    PracticeCase,
    QuestionBank,
    QuizAttempt,
    QuizOption,
    QuizQuestion,
    StudyAssignment,
    StudyQuestion,
)

PDF = b"%PDF-1.4 the order of the school"


def snapshot() -> tuple:
    """Everything the study of acts stores, to assert nothing changed."""
    return (
        list(StudyAssignment.objects.order_by("pk").values()),
        list(QuizQuestion.objects.order_by("pk").values()),
        list(QuizOption.objects.order_by("pk").values()),
        list(QuizAttempt.objects.order_by("pk").values()),
        list(Interview.objects.order_by("pk").values()),
        list(PracticeCase.objects.order_by("pk").values()),
        list(StudyQuestion.objects.order_by("pk").values()),
        list(QuestionBank.objects.order_by("pk").values()),
    )


def question_body(**fields) -> dict:
    return {
        "text": "Срок хранения личных дел?",
        "kind": "single",
        "options": [
            {"text": "75 лет", "is_correct": True},
            {"text": "5 лет"},
        ],
        **fields,
    }


def new_assignment(mentorship, act, **fields) -> dict:
    return {
        "mentorship_id": mentorship.pk,
        "act_id": act.pk,
        "articles": "ст. 47",
        "aim": "Знать права педагогов",
        "due_on": str(date(2027, 2, 15)),
        "check_method": "test",
        **fields,
    }

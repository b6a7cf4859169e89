"""The demo study of legal acts: Петров's assignments in every state, loaded
once however often the command runs."""

from datetime import date, datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from legal_acts.models import LegalActEdition
from studies.models import (
    Interview,
    PracticeCase,
    QuizAttempt,
    StudyAssignment,
    StudyQuestion,
)

pytestmark = pytest.mark.django_db
Status = StudyAssignment.Status


def _load() -> None:
    call_command("load_demo", stdout=StringIO())


def _petrov() -> dict[str, StudyAssignment]:
    found = StudyAssignment.objects.filter(
        mentorship__reserve_entry__person__user__username="reservist",
        mentorship__mentor__user__username="mentor",
    ).select_related("act", "recheck_edition")
    return {a.act.number: a for a in found}


@pytest.mark.parametrize(
    "day", [date(2026, 12, 1), date(2027, 3, 31), date(2028, 2, 29)], ids=str
)
def test_demo_has_every_state_of_a_study(day):
    with time_machine.travel(datetime(*day.timetuple()[:3], 12), tick=False):
        _load()
    found = _petrov()

    assert {n: a.status for n, a in found.items()} == {
        "152-ФЗ": Status.PASSED,
        "28": Status.FAILED,
        "273-ФЗ": Status.RECHECK,
        "197-ФЗ": Status.PASSED,
        "44-ФЗ": Status.ASSIGNED,
        "120-ФЗ": Status.STUDIED,
    }
    passed = found["152-ФЗ"].attempts.order_by("number")
    assert [(a.passed, a.score) for a in passed] == [(False, 33), (True, 100)]
    failed = found["28"].attempts.order_by("number")
    assert [(a.passed, a.score) for a in failed] == [(False, 33), (False, 67)]
    flagged = found["273-ФЗ"]
    assert flagged.recheck_edition.effective_on == date(2022, 9, 24)
    assert flagged.checked_edition.effective_on == date(2021, 4, 5)
    assert flagged.plan_item is not None
    assert Interview.objects.get(assignment=flagged).passed
    assert Interview.objects.get(assignment=found["197-ФЗ"]).mark == "4"
    cases = {c.assignment.act.number: c.evaluation for c in PracticeCase.objects.all()}
    assert cases == {"152-ФЗ": "", "197-ФЗ": PracticeCase.Evaluation.REMARKS}
    assert found["44-ФЗ"].questions.count() == 2  # copied from the bank
    questions = StudyQuestion.objects.filter(assignment__in=found.values())
    assert sorted(bool(q.answer) for q in questions) == [False, True]


def test_load_demo_twice_adds_no_study():
    _load()
    counts = (
        StudyAssignment.objects.count(),
        QuizAttempt.objects.count(),
        LegalActEdition.objects.count(),
    )
    _load()
    assert (
        StudyAssignment.objects.count(),
        QuizAttempt.objects.count(),
        LegalActEdition.objects.count(),
    ) == counts
    assert counts[0] == 6

"""Reads of the test pages: the questions as the reservist takes them (never with
the key), a submitted attempt's review, the state of the test, the banks' list.

The sheet of a test to take is read without `is_correct`: the reservist's page
cannot show the key even by mistake, since its context never holds it."""

import math
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count
from django.utils import timezone

from legal_acts.models import LegalActQuerySet
from studies.models import QuizAttempt, QuizOption, QuizQuestion, StudyAssignment


@dataclass(frozen=True)
class SheetOption:
    pk: int
    text: str
    # Whether the attempt chose it (a review only).
    is_chosen: bool = False
    # Whether it is right: None when the reader may not see the key.
    is_correct: bool | None = None


@dataclass(frozen=True)
class SheetQuestion:
    pk: int
    number: int
    text: str
    is_multiple: bool
    options: list[SheetOption]
    # Whether exactly the right options were chosen: None without the key.
    is_right: bool | None = None


def _questions(assignment: StudyAssignment) -> list[dict[str, Any]]:
    rows = assignment.questions.order_by("position", "pk").values("pk", "text", "kind")
    return [dict(row) for row in rows]


def _options_without_key(question_ids: list[int]) -> dict[int, list[SheetOption]]:
    by_question: dict[int, list[SheetOption]] = {q: [] for q in question_ids}
    rows = (
        QuizOption.objects.filter(question_id__in=question_ids)
        .order_by("position", "pk")
        .values_list("question_id", "pk", "text")
    )
    for question_id, pk, text in rows:
        by_question[question_id].append(SheetOption(pk=pk, text=text))
    return by_question


def sheet_to_take(
    assignment: StudyAssignment, chosen: dict[int, set[int]] | None = None
) -> list[SheetQuestion]:
    """The test's questions and options in their stored order, without which are
    right: what the reservist answers, with the options `chosen` marked (two
    queries)."""
    chosen = chosen or {}
    questions = _questions(assignment)
    options = _options_without_key([q["pk"] for q in questions])
    return [
        SheetQuestion(
            pk=q["pk"],
            number=n,
            text=q["text"],
            is_multiple=q["kind"] == QuizQuestion.Kind.MULTIPLE,
            options=[
                SheetOption(o.pk, o.text, is_chosen=o.pk in chosen.get(q["pk"], ()))
                for o in options[q["pk"]]
            ],
        )
        for n, q in enumerate(questions, start=1)
    ]


def chosen_in(answers: dict[str, Any]) -> dict[int, set[int]]:
    """Answers as question id → chosen option ids (what is not a number is left
    out: the page only marks what was chosen)."""
    chosen: dict[int, set[int]] = {}
    for question, options in answers.items():
        try:
            chosen[int(question)] = {int(o) for o in options}
        except (TypeError, ValueError):
            continue
    return chosen


def review(attempt: QuizAttempt, *, with_key: bool) -> list[SheetQuestion]:
    """The questions of a submitted attempt with the options it chose, and with
    the right ones only when `with_key` (two queries)."""
    chosen = chosen_in(attempt.answers)
    if not with_key:
        return sheet_to_take(attempt.assignment, chosen)
    questions = attempt.assignment.questions.prefetch_related("options")
    result = []
    for n, q in enumerate(questions, start=1):
        picked = chosen.get(q.pk, set())
        options = [
            SheetOption(o.pk, o.text, is_chosen=o.pk in picked, is_correct=o.is_correct)
            for o in q.options.all()
        ]
        right = {o.pk for o in options if o.is_correct}
        result.append(
            SheetQuestion(
                pk=q.pk,
                number=n,
                text=q.text,
                is_multiple=q.kind == QuizQuestion.Kind.MULTIPLE,
                options=options,
                is_right=picked == right,
            )
        )
    return result


@dataclass(frozen=True)
class TestState:
    """What the test's page tells about it."""

    n_questions: int
    attempts: list[QuizAttempt]
    attempts_left: int
    # The current round's attempt begun and not submitted.
    open_attempt: QuizAttempt | None


def test_state(assignment: StudyAssignment) -> TestState:
    """The number of questions, every attempt (the latest round first), how many
    attempts the current round has left and its open one (two queries)."""
    attempts = list(assignment.attempts.order_by("-check_round", "number"))
    current = [a for a in attempts if a.check_round == assignment.check_round]
    for a in attempts:
        a.assignment = assignment
    return TestState(
        n_questions=assignment.questions.count(),
        attempts=attempts,
        attempts_left=max(assignment.max_attempts - len(current), 0),
        open_attempt=next((a for a in current if not a.is_submitted), None),
    )


def seconds_left(attempt: QuizAttempt, now: datetime | None = None) -> int | None:
    """Whole seconds until the attempt's time runs out; None without a time
    limit, 0 when it has run out."""
    if attempt.deadline_at is None:
        return None
    seconds = (attempt.deadline_at - (now or timezone.now())).total_seconds()
    return max(math.ceil(seconds), 0)


def minutes_left(attempt: QuizAttempt, now: datetime | None = None) -> int | None:
    """Whole minutes (rounded up) until the attempt's time runs out; None without
    a time limit, 0 when it has run out."""
    seconds = seconds_left(attempt, now)
    return None if seconds is None else math.ceil(seconds / 60)


def with_bank_counts(acts: LegalActQuerySet) -> LegalActQuerySet:
    """The acts with the number of their bank's questions (one query)."""
    return acts.annotate(n_bank_questions=Count("question_bank__questions"))


def bank_questions(act_id: int) -> Any:
    """An act's bank questions with their options and the key (two queries)."""
    return QuizQuestion.objects.filter(bank__act_id=act_id).prefetch_related("options")

"""The checks of knowledge: a test (its questions, the question banks, attempts
scored on the server) and an interview."""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from legal_acts.models import LegalAct
from studies.models import (
    MAX_OPTIONS,
    MIN_OPTIONS,
    TIME_LIMIT_GRACE_SECONDS,
    Interview,
    QuestionBank,
    QuizAttempt,
    QuizOption,
    QuizQuestion,
    StudyAssignment,
)
from studies.services.common import (
    Status,
    checked,
    lock,
    pass_check,
    user_or_none,
)

# ------------------------------------------------------------ test questions


@dataclass(frozen=True)
class OptionData:
    text: str
    is_correct: bool = False


def _check_options(kind: str, options: Sequence[OptionData]) -> list[OptionData]:
    """At least two distinct options, at least one right, exactly one for a
    single-choice question."""
    cleaned = [OptionData(o.text.strip(), bool(o.is_correct)) for o in options]
    cleaned = [o for o in cleaned if o.text]
    if len(cleaned) < MIN_OPTIONS:
        raise ValidationError({"options": _("Give at least two options.")})
    if len(cleaned) > MAX_OPTIONS:
        raise ValidationError({"options": _("Give at most ten options.")})
    texts = [o.text.casefold() for o in cleaned]
    if len(set(texts)) != len(texts):
        raise ValidationError({"options": _("The options repeat each other.")})
    right = sum(o.is_correct for o in cleaned)
    if right == 0:
        raise ValidationError({"options": _("Mark the right option.")})
    if kind == QuizQuestion.Kind.SINGLE and right > 1:
        raise ValidationError(
            {
                "options": _(
                    "A question with one right option has %(n)s marked right: "
                    "mark one or choose «several right options»."
                )
                % {"n": right}
            }
        )
    return cleaned


def _check_test_editable(assignment: StudyAssignment) -> None:
    if not assignment.is_test:
        raise ValidationError(
            _("The knowledge is checked by an interview, not a test.")
        )
    if not assignment.is_open:
        raise ValidationError(_("The check is closed: re-open it to change the test."))
    if assignment.attempts.filter(check_round=assignment.check_round).exists():
        raise ValidationError(
            _("The test has been attempted: its questions can no longer change.")
        )


def _write_question(
    question: QuizQuestion, *, text: str, kind: str, options: Sequence[OptionData]
) -> QuizQuestion:
    cleaned = _check_options(kind, options)
    question.text = text.strip()
    question.kind = kind
    question.full_clean()
    question.save()
    question.options.all().delete()
    QuizOption.objects.bulk_create(
        QuizOption(question=question, text=o.text, is_correct=o.is_correct, position=i)
        for i, o in enumerate(cleaned)
    )
    return question


def _next_position(questions: Any) -> int:
    last = questions.aggregate(last=Max("position"))["last"]
    return 0 if last is None else last + 1


@transaction.atomic
def add_question(
    *,
    assignment: StudyAssignment | None = None,
    bank: QuestionBank | None = None,
    text: str,
    kind: str,
    options: Sequence[OptionData],
) -> QuizQuestion:
    """A question of an assignment's test (the mentor's) or of a bank (the
    coordinator's)."""
    if (assignment is None) == (bank is None):
        raise ValueError("A question belongs to an assignment or to a bank.")
    if assignment is not None:
        _check_test_editable(assignment)
        owner_questions = assignment.questions.all()
    else:
        assert bank is not None
        owner_questions = bank.questions.all()
    question = QuizQuestion(
        assignment=assignment, bank=bank, position=_next_position(owner_questions)
    )
    return _write_question(question, text=text, kind=kind, options=options)


@transaction.atomic
def update_question(
    *, question: QuizQuestion, text: str, kind: str, options: Sequence[OptionData]
) -> QuizQuestion:
    if question.assignment is not None:
        _check_test_editable(question.assignment)
    return _write_question(question, text=text, kind=kind, options=options)


@transaction.atomic
def delete_question(*, question: QuizQuestion) -> None:
    if question.assignment is not None:
        _check_test_editable(question.assignment)
    question.delete()


def bank_of(act: LegalAct) -> QuestionBank:
    """The act's question bank, created on first use."""
    bank, _created = QuestionBank.objects.get_or_create(act=act)
    return bank


@transaction.atomic
def copy_from_bank(
    *, assignment: StudyAssignment, question_ids: Iterable[int]
) -> list[QuizQuestion]:
    """Copy chosen questions of the act's bank into the assignment's test, so that
    a later change of the bank does not alter it."""
    _check_test_editable(assignment)
    ids = set(question_ids)
    if not ids:
        raise ValidationError({"questions": _("Choose the questions to take.")})
    found = list(
        QuizQuestion.objects.filter(
            bank__act_id=assignment.act_id, pk__in=ids
        ).prefetch_related("options")
    )
    if len(found) != len(ids):
        raise ValidationError(
            {"questions": _("Some of the questions are not in this act's bank.")}
        )
    position = _next_position(assignment.questions.all())
    copies = []
    for offset, source in enumerate(found):
        copy = QuizQuestion.objects.create(
            assignment=assignment,
            text=source.text,
            kind=source.kind,
            position=position + offset,
        )
        QuizOption.objects.bulk_create(
            QuizOption(
                question=copy, text=o.text, is_correct=o.is_correct, position=o.position
            )
            for o in source.options.all()
        )
        copies.append(copy)
    return copies


# ----------------------------------------------------------------- attempts


def attempts_left(assignment: StudyAssignment) -> int:
    used = assignment.attempts.filter(check_round=assignment.check_round).count()
    return max(assignment.max_attempts - used, 0)


def _check_may_attempt(assignment: StudyAssignment, today: date) -> None:
    if not assignment.is_test:
        raise ValidationError(
            _("The knowledge is checked by an interview, not a test.")
        )
    if assignment.status == Status.PASSED:
        raise ValidationError(_("The test is already passed."))
    if not assignment.is_open:
        raise ValidationError(_("The check is closed."))
    if today > assignment.due_on:
        raise ValidationError(
            _(
                "The deadline of the assignment (%(date)s) has passed: ask the mentor to extend it."
            )
            % {"date": assignment.due_on.strftime("%d.%m.%Y")}
        )


@transaction.atomic
def start_attempt(
    *, assignment: StudyAssignment, now: datetime | None = None
) -> QuizAttempt:
    """The reservist begins an attempt (or goes back to the one begun and not
    submitted while its time lasts)."""
    now = now or timezone.now()
    lock(assignment)
    _check_may_attempt(assignment, timezone.localdate(now))
    open_attempt = assignment.attempts.filter(
        check_round=assignment.check_round, submitted_at__isnull=True
    ).first()
    if open_attempt is not None:
        if not _expired(open_attempt, now):
            return open_attempt
        _close_expired(assignment, open_attempt, now)
        _check_may_attempt(assignment, timezone.localdate(now))
    n_questions = assignment.questions.count()
    if n_questions == 0:
        raise ValidationError(_("The test has no questions yet."))
    used = assignment.attempts.filter(check_round=assignment.check_round).count()
    if used >= assignment.max_attempts:
        raise ValidationError(
            _("All %(n)s attempts are used.") % {"n": assignment.max_attempts}
        )
    if assignment.status == Status.ASSIGNED:
        assignment.status = Status.STUDIED
        assignment.studied_at = now
        assignment.save(update_fields=["status", "studied_at", "updated_at"])
    limit = assignment.time_limit_minutes
    return QuizAttempt.objects.create(
        assignment=assignment,
        check_round=assignment.check_round,
        number=used + 1,
        started_at=now,
        deadline_at=now + timedelta(minutes=limit) if limit else None,
        total=n_questions,
    )


def _expired(attempt: QuizAttempt, now: datetime) -> bool:
    if attempt.deadline_at is None:
        return False
    return now > attempt.deadline_at + timedelta(seconds=TIME_LIMIT_GRACE_SECONDS)


def _close_expired(
    assignment: StudyAssignment, attempt: QuizAttempt, now: datetime
) -> None:
    """An attempt whose time ran out counts as failed, with no answers."""
    attempt.submitted_at = now
    attempt.timed_out = True
    attempt.answers = {}
    attempt.right = attempt.score = 0
    attempt.passed = False
    attempt.save()
    _fail_if_exhausted(assignment)


def _fail_if_exhausted(assignment: StudyAssignment) -> None:
    if attempts_left(assignment) == 0 and assignment.status != Status.PASSED:
        assignment.status = Status.FAILED
        assignment.checked_at = timezone.now()
        assignment.save(update_fields=["status", "checked_at", "updated_at"])
        checked(assignment)


def _clean_answers(
    questions: Sequence[QuizQuestion], answers: Mapping[Any, Any]
) -> dict[int, set[int]]:
    """The chosen options per question; ValidationError for a question not in the
    test, an option not of its question, or several options where one is asked."""
    by_id = {q.pk: q for q in questions}
    chosen: dict[int, set[int]] = {}
    for raw_question, raw_options in answers.items():
        try:
            qid = int(raw_question)
        except (TypeError, ValueError):
            qid = -1
        question = by_id.get(qid)
        if question is None:
            raise ValidationError(
                {"answers": _("The answers name a question that is not in the test.")}
            )
        if isinstance(raw_options, int | str):
            raw_options = [raw_options]
        try:
            option_ids = {int(o) for o in raw_options}
        except (TypeError, ValueError):
            option_ids = {-1}
        allowed = {o.pk for o in question.options.all()}
        if not option_ids <= allowed:
            raise ValidationError(
                {
                    "answers": _(
                        "The answers name an option that is not of its question."
                    )
                }
            )
        if question.kind == QuizQuestion.Kind.SINGLE and len(option_ids) > 1:
            raise ValidationError(
                {
                    "answers": _("Choose one option in «%(q)s».")
                    % {"q": question.text[:80]}
                }
            )
        chosen[qid] = option_ids
    return chosen


@transaction.atomic
def submit_attempt(
    *,
    attempt: QuizAttempt,
    answers: Mapping[Any, Any],
    by: Any,
    now: datetime | None = None,
) -> QuizAttempt:
    """Score the attempt on the server. A question is answered right when exactly
    its right options are chosen; the test is passed at the threshold. Passing
    completes the linked plan item; the last failed attempt fails the check."""
    now = now or timezone.now()
    assignment = lock(attempt.assignment)
    attempt = QuizAttempt.objects.select_for_update().get(pk=attempt.pk)
    attempt.assignment = assignment
    if attempt.submitted_at is not None:
        raise ValidationError(_("The attempt has already been submitted."))
    if attempt.check_round != assignment.check_round or not assignment.is_open:
        raise ValidationError(_("The check is closed."))
    if timezone.localdate(now) > assignment.due_on:
        raise ValidationError(
            _(
                "The deadline of the assignment (%(date)s) has passed: ask the mentor to extend it."
            )
            % {"date": assignment.due_on.strftime("%d.%m.%Y")}
        )
    questions = list(assignment.questions.prefetch_related("options"))
    chosen = _clean_answers(questions, answers)
    if _expired(attempt, now):
        _close_expired(assignment, attempt, now)
        return attempt
    right = sum(
        1
        for q in questions
        if chosen.get(q.pk, set()) == {o.pk for o in q.options.all() if o.is_correct}
    )
    total = len(questions)
    attempt.answers = {str(q): sorted(o) for q, o in chosen.items()}
    attempt.right, attempt.total = right, total
    attempt.score = round(100 * right / total) if total else 0
    attempt.passed = attempt.score >= assignment.pass_threshold
    attempt.submitted_at = now
    attempt.save()
    if attempt.passed:
        pass_check(
            assignment,
            by=by,
            confirm=False,
            evidence=_(
                "Test on «%(act)s» passed: %(score)s%% (%(right)s of %(total)s)."
            )
            % {
                "act": assignment.act.title,
                "score": attempt.score,
                "right": right,
                "total": total,
            },
        )
    else:
        _fail_if_exhausted(assignment)
    return attempt


# ----------------------------------------------------------------- interviews


@transaction.atomic
def record_interview(
    *, assignment: StudyAssignment, held_on: date, mark: str, comment: str, by: Any
) -> Interview:
    """The mentor records the interview: date, mark, comment. A passing mark
    passes the check (and confirms the linked plan item); a failing one fails it."""
    lock(assignment)
    if assignment.is_test:
        raise ValidationError(
            _("The knowledge is checked by a test, not an interview.")
        )
    if not assignment.is_open:
        raise ValidationError(
            _("The check is closed: re-open it to record a new interview.")
        )
    if held_on > timezone.localdate():
        raise ValidationError(
            {"held_on": _("The interview cannot be dated in the future.")}
        )
    if held_on < assignment.created_at.date():
        raise ValidationError(
            {"held_on": _("The interview cannot be dated before the assignment.")}
        )
    if assignment.interviews.filter(check_round=assignment.check_round).exists():
        raise ValidationError(_("The interview of this check is already recorded."))
    interview = Interview(
        assignment=assignment,
        check_round=assignment.check_round,
        held_on=held_on,
        mark=mark,
        comment=comment.strip(),
        recorded_by=user_or_none(by),
    )
    interview.full_clean()
    interview.save()
    if interview.passed:
        pass_check(
            assignment,
            by=by,
            confirm=True,
            evidence=_("Interview on «%(act)s» passed: %(mark)s.")
            % {"act": assignment.act.title, "mark": interview.get_mark_display()},
        )
    else:
        assignment.status = Status.FAILED
        assignment.checked_at = timezone.now()
        assignment.save(update_fields=["status", "checked_at", "updated_at"])
        checked(assignment)
    return interview

"""Every write of the study of legal acts: assignments, tests and their attempts,
interviews, cases of application, questions on the act, question banks, and the
re-check a new edition of an act calls for.

Every function checks its rule and raises ValidationError with a Russian message
before writing anything; the caller (a page or the API) has checked the rights."""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Count, Max, Q
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext as _

from legal_acts.models import LegalAct, LegalActEdition
from mentorships.models import Mentorship
from plans.models import IndividualPlan, PlanItem
from plans.services.progress import check_evidence_file, confirm_item, mark_item
from studies.models import (
    MAX_OPTIONS,
    MIN_OPTIONS,
    TIME_LIMIT_GRACE_SECONDS,
    Interview,
    PracticeCase,
    QuestionBank,
    QuizAttempt,
    QuizOption,
    QuizQuestion,
    StudyAssignment,
    StudyQuestion,
)

Status = StudyAssignment.Status
SETTINGS_FIELDS = (
    "pass_threshold",
    "max_attempts",
    "time_limit_minutes",
    "show_answers",
)
ASSIGNMENT_FIELDS = ("articles", "aim", "due_on", "plan_item", *SETTINGS_FIELDS)


def _user(by: Any) -> Any:
    return by if getattr(by, "pk", None) else None


def _delete_on_commit(files: list[FieldFile]) -> None:
    stored = [(f.storage, f.name) for f in files if f and f.name]

    def delete() -> None:
        for storage, name in stored:
            storage.delete(name)

    transaction.on_commit(delete)


def _lock(assignment: StudyAssignment) -> StudyAssignment:
    """Re-read the assignment under a row lock: two attempts or two marks at once
    are taken one after the other."""
    locked = StudyAssignment.objects.select_for_update().get(pk=assignment.pk)
    for name in ("status", "check_round", "due_on", "studied_at", "checked_at"):
        setattr(assignment, name, getattr(locked, name))
    return assignment


# ----------------------------------------------------------------- assignments


def _check_active(mentorship: Mentorship) -> None:
    if mentorship.status != Mentorship.Status.ACTIVE:
        raise ValidationError(_("The mentorship has ended."))


def _check_plan_item(mentorship: Mentorship, item: PlanItem | None) -> None:
    if item is None:
        return
    if item.plan.reserve_entry_id != mentorship.reserve_entry_id:
        raise ValidationError(
            {"plan_item": _("Choose an item of this reservist's plan.")}
        )
    if item.status == PlanItem.Status.CANCELLED:
        raise ValidationError({"plan_item": _("The item is cancelled.")})


def _check_act(mentorship: Mentorship, act: LegalAct) -> None:
    if act.municipality_id != mentorship.municipality_id:
        raise ValidationError(
            {"act": _("Choose an act of the municipality's catalogue.")}
        )


def _check_due(due_on: date, *, was: date | None = None) -> None:
    if due_on < timezone.localdate() and due_on != was:
        raise ValidationError({"due_on": _("The deadline cannot be in the past.")})


@transaction.atomic
def assign(
    *,
    mentorship: Mentorship,
    act: LegalAct,
    by: Any,
    aim: str,
    due_on: date,
    check_method: str,
    articles: str = "",
    plan_item: PlanItem | None = None,
    **settings: Any,
) -> StudyAssignment:
    """The mentor sets the reservist an act to study by a date, with the way the
    knowledge will be checked."""
    unknown = set(settings) - set(SETTINGS_FIELDS)
    if unknown:
        raise ValueError(f"Not settings of a test: {sorted(unknown)}")
    _check_active(mentorship)
    _check_act(mentorship, act)
    _check_plan_item(mentorship, plan_item)
    _check_due(due_on)
    assignment = StudyAssignment(
        mentorship=mentorship,
        act=act,
        aim=aim.strip(),
        due_on=due_on,
        check_method=check_method,
        articles=articles.strip(),
        plan_item=plan_item,
        created_by=_user(by),
        **settings,
    )
    assignment.full_clean()
    assignment.save()
    return assignment


@transaction.atomic
def update_assignment(*, assignment: StudyAssignment, **fields: Any) -> StudyAssignment:
    """The mentor corrects the articles, aim, deadline, linked item or the test's
    settings."""
    unknown = set(fields) - set(ASSIGNMENT_FIELDS)
    if unknown:
        raise ValueError(f"Not fields of an assignment: {sorted(unknown)}")
    _check_active(assignment.mentorship)
    if "due_on" in fields:
        _check_due(fields["due_on"], was=assignment.due_on)
    if "plan_item" in fields:
        _check_plan_item(assignment.mentorship, fields["plan_item"])
    for name, value in fields.items():
        setattr(assignment, name, value.strip() if isinstance(value, str) else value)
    assignment.full_clean()
    assignment.save(update_fields=[*fields, "updated_at"])
    return assignment


@transaction.atomic
def mark_studied(*, assignment: StudyAssignment) -> StudyAssignment:
    """The reservist marks the act studied."""
    _lock(assignment)
    if assignment.status != Status.ASSIGNED:
        raise ValidationError(_("The act is already marked studied."))
    assignment.status = Status.STUDIED
    assignment.studied_at = timezone.now()
    assignment.save(update_fields=["status", "studied_at", "updated_at"])
    return assignment


@transaction.atomic
def delete_assignment(*, assignment: StudyAssignment) -> None:
    """An assignment nothing was done on yet may be withdrawn."""
    if assignment.attempts.exists() or assignment.interviews.exists():
        raise ValidationError(
            _("The check has begun: the assignment can no longer be withdrawn.")
        )
    case = PracticeCase.objects.filter(assignment=assignment).first()
    if case is not None:
        _delete_on_commit([case.file])
    assignment.delete()


# -------------------------------------------------------- questions on the act


@transaction.atomic
def ask(*, assignment: StudyAssignment, text: str) -> StudyQuestion:
    """The reservist asks the mentor a question on the act."""
    question = StudyQuestion(assignment=assignment, text=text.strip())
    question.full_clean()
    question.save()
    return question


@transaction.atomic
def answer(*, question: StudyQuestion, text: str, by: Any) -> StudyQuestion:
    """The mentor answers (and may correct the answer)."""
    question.answer = text.strip()
    if not question.answer:
        raise ValidationError({"answer": _("Write the answer.")})
    question.answered_at = timezone.now()
    question.answered_by = _user(by)
    question.full_clean()
    question.save(update_fields=["answer", "answered_at", "answered_by", "updated_at"])
    return question


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
    _lock(assignment)
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
    assignment = _lock(attempt.assignment)
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
        _pass(
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


def _current_edition(act_id: int, on: date) -> LegalActEdition | None:
    return (
        LegalActEdition.objects.filter(act_id=act_id, effective_on__lte=on)
        .order_by("-effective_on", "-pk")
        .first()
    )


def _pass(
    assignment: StudyAssignment, *, by: Any, confirm: bool, evidence: str
) -> None:
    """The check is passed on the act's edition in force: the linked plan item is
    marked done (and confirmed when the mentor checked) through the plan's
    services, when the plan allows it."""
    now = timezone.now()
    assignment.status = Status.PASSED
    assignment.checked_at = now
    assignment.checked_edition = _current_edition(
        assignment.act_id, timezone.localdate(now)
    )
    assignment.recheck_edition = None
    assignment.save(
        update_fields=[
            "status",
            "checked_at",
            "checked_edition",
            "recheck_edition",
            "updated_at",
        ]
    )
    if assignment.plan_item_id is None:
        return
    item = PlanItem.objects.select_related("plan").get(pk=assignment.plan_item_id)
    if item.plan.status != IndividualPlan.Status.APPROVED:
        return
    if item.status == PlanItem.Status.CANCELLED:
        return
    if item.status != PlanItem.Status.DONE:
        mark_item(
            item=item,
            status=PlanItem.Status.DONE,
            done_on=timezone.localdate(now),
            evidence_text=evidence,
        )
    if confirm and item.confirmed_at is None:
        confirm_item(item=item, by=by)


# ----------------------------------------------------------------- interviews


@transaction.atomic
def record_interview(
    *, assignment: StudyAssignment, held_on: date, mark: str, comment: str, by: Any
) -> Interview:
    """The mentor records the interview: date, mark, comment. A passing mark
    passes the check (and confirms the linked plan item); a failing one fails it."""
    _lock(assignment)
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
        recorded_by=_user(by),
    )
    interview.full_clean()
    interview.save()
    if interview.passed:
        _pass(
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
    return interview


# ----------------------------------------------------------- re-opening, editions


@transaction.atomic
def reopen(*, assignment: StudyAssignment) -> StudyAssignment:
    """The mentor re-opens a passed, failed or flagged check in one step: a new
    round with its own attempts (or interview)."""
    _lock(assignment)
    if assignment.is_open:
        raise ValidationError(_("The check is open already."))
    _check_active(assignment.mentorship)
    assignment.status = Status.STUDIED
    assignment.check_round += 1
    assignment.checked_at = None
    assignment.recheck_edition = None
    if assignment.due_on < timezone.localdate():
        assignment.due_on = timezone.localdate() + timedelta(days=14)
    assignment.save(
        update_fields=[
            "status",
            "check_round",
            "checked_at",
            "recheck_edition",
            "due_on",
            "updated_at",
        ]
    )
    return assignment


def flag_recheck(edition: LegalActEdition) -> int:
    """A new edition of an act: the checks passed on an older edition (or on the
    original) need repeating. Returns how many were flagged."""
    older = (
        StudyAssignment.objects.filter(
            act_id=edition.act_id, status__in=(Status.PASSED, Status.RECHECK)
        )
        .exclude(checked_edition=edition)
        .filter(
            Q(checked_edition__isnull=True)
            | Q(checked_edition__effective_on__lte=edition.effective_on)
        )
    )
    return StudyAssignment.objects.filter(
        pk__in=list(older.values_list("pk", flat=True))
    ).update(status=Status.RECHECK, recheck_edition=edition, updated_at=timezone.now())


# --------------------------------------------------------- application in practice


@transaction.atomic
def submit_practice_case(
    *, assignment: StudyAssignment, description: str, file: UploadedFile | None = None
) -> PracticeCase:
    """The reservist describes a case of applying the act (with an optional file).
    Until evaluated it may be corrected; after «not applied» or remarks it may be
    submitted again, which clears the evaluation."""
    case = PracticeCase.objects.filter(assignment=assignment).first()
    if case is not None and case.evaluation == PracticeCase.Evaluation.CORRECT:
        raise ValidationError(_("The application is already evaluated as correct."))
    if file is not None:
        try:
            check_evidence_file(file)
        except ValidationError as e:
            raise ValidationError({"file": e.messages}) from e
    if case is None:
        case = PracticeCase(assignment=assignment)
    case.description = description.strip()
    case.submitted_at = timezone.now()
    case.evaluation = ""
    case.evaluation_comment = ""
    case.evaluated_at = None
    case.evaluated_by = None
    case.full_clean(exclude=["file", "assignment"])
    old_file = case.file.name if case.file else ""
    if file is not None:
        assert file.name is not None
        case.file.save(file.name, file, save=False)
        case.file_name = file.name[:255]
    try:
        case.save()
    except Exception:
        if file is not None:
            case.file.delete(save=False)
        raise
    if file is not None and old_file:
        storage = case.file.storage
        transaction.on_commit(lambda: storage.delete(old_file))
    return case


@transaction.atomic
def evaluate_practice_case(
    *, case: PracticeCase, evaluation: str, comment: str, by: Any
) -> PracticeCase:
    """The mentor evaluates the case; remarks and «not applied» need a comment."""
    if evaluation not in PracticeCase.Evaluation.values:
        raise ValidationError({"evaluation": _("Choose the evaluation.")})
    if evaluation != PracticeCase.Evaluation.CORRECT and not comment.strip():
        raise ValidationError(
            {"evaluation_comment": _("Say what is wrong: the comment is required.")}
        )
    case.evaluation = evaluation
    case.evaluation_comment = comment.strip()
    case.evaluated_at = timezone.now()
    case.evaluated_by = _user(by)
    case.full_clean(exclude=["file", "assignment"])
    case.save(
        update_fields=[
            "evaluation",
            "evaluation_comment",
            "evaluated_at",
            "evaluated_by",
            "updated_at",
        ]
    )
    return case


def counts_by_status(assignments: Any) -> dict[str, int]:
    """How many assignments are in each status (one query)."""
    rows = assignments.order_by().values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows}


@dataclass(frozen=True)
class QuizSummary:
    """The test of the current check round at a glance (the card)."""

    used: int
    allowed: int
    best_score: int | None
    last: QuizAttempt | None


def quiz_summary(assignment: StudyAssignment) -> QuizSummary:
    """Attempts used of those allowed in the current round, the best score and the
    last submitted attempt (one query)."""
    attempts = list(assignment.attempts.filter(check_round=assignment.check_round))
    submitted = [a for a in attempts if a.submitted_at is not None]
    return QuizSummary(
        used=len(attempts),
        allowed=assignment.max_attempts,
        best_score=max((a.score for a in submitted), default=None),
        last=max(submitted, key=lambda a: a.number, default=None),
    )

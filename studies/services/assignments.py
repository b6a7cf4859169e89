"""Assignments, the reservist's questions on the act, re-opening and re-checks
after a new edition, and the cases of application in practice."""

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from legal_acts.models import LegalAct, LegalActEdition
from mentorships.models import Mentorship
from notifications.kinds import Kind
from notifications.services import notify
from plans.models import PlanItem
from plans.services.progress import check_evidence_file
from studies.models import (
    PracticeCase,
    StudyAssignment,
    StudyQuestion,
)
from studies.services.common import (
    ASSIGNMENT_FIELDS,
    SETTINGS_FIELDS,
    Status,
    check_active,
    delete_on_commit,
    lock,
    user_or_none,
)

# ----------------------------------------------------------------- assignments


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
    check_active(mentorship)
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
        created_by=user_or_none(by),
        **settings,
    )
    assignment.full_clean()
    assignment.save()
    notify(
        [mentorship.reserve_entry.person] if assignment.is_test else [],
        Kind.TEST_ASSIGNED,
        subject=str(act),
        key=f"study:{assignment.pk}",
        url=assignment.get_absolute_url(),
        due_on=due_on,
    )
    return assignment


@transaction.atomic
def update_assignment(*, assignment: StudyAssignment, **fields: Any) -> StudyAssignment:
    """The mentor corrects the articles, aim, deadline, linked item or the test's
    settings."""
    unknown = set(fields) - set(ASSIGNMENT_FIELDS)
    if unknown:
        raise ValueError(f"Not fields of an assignment: {sorted(unknown)}")
    check_active(assignment.mentorship)
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
    lock(assignment)
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
        delete_on_commit([case.file])
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
    question.answered_by = user_or_none(by)
    question.full_clean()
    question.save(update_fields=["answer", "answered_at", "answered_by", "updated_at"])
    return question


# ----------------------------------------------------------- re-opening, editions


@transaction.atomic
def reopen(*, assignment: StudyAssignment) -> StudyAssignment:
    """The mentor re-opens a passed, failed or flagged check in one step: a new
    round with its own attempts (or interview)."""
    lock(assignment)
    if assignment.is_open:
        raise ValidationError(_("The check is open already."))
    check_active(assignment.mentorship)
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
    case.evaluated_by = user_or_none(by)
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

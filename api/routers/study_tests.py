"""The test of a study assignment (`/study-assignments/{id}/test`, built by the
mentor or taken from the bank), its attempts scored on the server, and the
coordinator's `/question-banks` (clause 8.8).

Which options are right (the key) is answered only to whoever may read it
(studies.permissions.may_view_key, may_view_attempt_key), in shapes of their own:
the reservist's test and attempts carry no field of correctness at all."""

from typing import Annotated, Any

from django.db import transaction
from django.db.models import Count, QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate
from pydantic import Field

from accounts.models import User
from api.auth import caller
from api.errors import error_body
from api.pagination import ApiPagination
from api.routers.studies import URL, changed, own
from api.schemas.common import READ_ERRORS, WRITE_ERRORS, ErrorOut
from api.schemas.studies import (
    AttemptKeyOut,
    AttemptOut,
    AttemptSummaryOut,
    FromBankIn,
    QuestionBankDetailOut,
    QuestionBankFilter,
    QuestionBankOut,
    QuestionIn,
    QuestionKeyOut,
    QuizKeyOut,
    QuizOut,
    SubmitIn,
    attempt_data,
)
from legal_acts.models import LegalAct
from studies import permissions, services
from studies.models import (
    QuestionBank,
    QuizAttempt,
    QuizQuestion,
    StudyAssignment,
)
from studies.services import OptionData

router = Router(tags=["study-assignments"])
banks = Router(tags=["question-banks"])

Quiz = Annotated[QuizKeyOut | QuizOut, Field(discriminator="key")]
Attempt = Annotated[AttemptKeyOut | AttemptOut, Field(discriminator="key")]


def _options(payload: QuestionIn) -> dict[str, Any]:
    return {
        "text": payload.text,
        "kind": payload.kind,
        "options": [OptionData(o.text, o.is_correct) for o in payload.options],
    }


def _questions(assignment: StudyAssignment) -> list[QuizQuestion]:
    return list(assignment.questions.prefetch_related("options"))


# ----------------------------------------------------------------------- test


def _not_a_test() -> Status[dict]:
    return Status(
        404,
        error_body(_("The knowledge is checked by an interview: there is no test.")),
    )


@router.get(f"{URL}/test", response={200: Quiz, **READ_ERRORS})
def get_study_test(request: HttpRequest, pk: int) -> dict | Status[dict]:
    """The test's settings and questions. Its mentor and the coordinator get the
    key (`key: "shown"`, `is_correct` on every option); anyone else, the reservist
    first, the questions and options only (`key: "hidden"`)."""
    user = caller(request)
    assignment = permissions.get_assignment(user, pk)
    if not assignment.is_test:
        return _not_a_test()
    shown = permissions.may_view_key(user, assignment)
    return {
        "key": "shown" if shown else "hidden",
        "assignment_id": assignment.pk,
        "pass_threshold": assignment.pass_threshold,
        "max_attempts": assignment.max_attempts,
        "time_limit_minutes": assignment.time_limit_minutes,
        "show_answers": assignment.show_answers,
        "attempts_left": services.attempts_left(assignment),
        "questions": _questions(assignment),
    }


@router.post(f"{URL}/test/questions", response={201: QuestionKeyOut, **WRITE_ERRORS})
def add_study_test_question(
    request: HttpRequest, pk: int, payload: QuestionIn
) -> Status[QuizQuestion]:
    """The mentor adds a question: 2–10 distinct options, one right for `single`,
    at least one for `multiple` (400 otherwise, and once the test is attempted)."""
    assignment = changed(caller(request), pk)
    question = services.add_question(assignment=assignment, **_options(payload))
    return Status(201, question)


@router.put(
    f"{URL}/test/questions/{{int:question_id}}",
    response={200: QuestionKeyOut, **WRITE_ERRORS},
)
def update_study_test_question(
    request: HttpRequest, pk: int, question_id: int, payload: QuestionIn
) -> QuizQuestion:
    """The mentor rewrites a question and its options (400 once attempted)."""
    user = caller(request)
    assignment = changed(user, pk)
    question = permissions.get_test_question(user, assignment, question_id)
    return services.update_question(question=question, **_options(payload))


@router.delete(
    f"{URL}/test/questions/{{int:question_id}}", response={204: None, **WRITE_ERRORS}
)
def delete_study_test_question(
    request: HttpRequest, pk: int, question_id: int
) -> Status[None]:
    user = caller(request)
    assignment = changed(user, pk)
    question = permissions.get_test_question(user, assignment, question_id)
    services.delete_question(question=question)
    return Status(204, None)


@router.post(
    f"{URL}/test/from-bank", response={201: list[QuestionKeyOut], **WRITE_ERRORS}
)
def copy_study_test_questions_from_bank(
    request: HttpRequest, pk: int, payload: FromBankIn
) -> Status[list[QuizQuestion]]:
    """The mentor copies questions of the act's bank into the test (400 for ids
    not in the bank: none is copied)."""
    assignment = changed(caller(request), pk)
    copies = services.copy_from_bank(
        assignment=assignment, question_ids=payload.question_ids
    )
    return Status(201, copies)


# ------------------------------------------------------------------- attempts


def _attempt(user: User, assignment: StudyAssignment, attempt: QuizAttempt) -> dict:
    """The attempt with the test's questions; the key only for whoever may read
    it beside this attempt (never before it is submitted)."""
    data = attempt_data(attempt, _questions(assignment))
    shown = permissions.may_view_attempt_key(user, assignment, attempt)
    return data | {"key": "shown" if shown else "hidden"}


@router.get(f"{URL}/attempts", response=list[AttemptSummaryOut])
@paginate(ApiPagination)
def list_study_attempts(request: HttpRequest, pk: int) -> QuerySet[QuizAttempt]:
    """The test's attempts with their scores, by round and number."""
    assignment = permissions.get_assignment(caller(request), pk)
    return assignment.attempts.order_by("check_round", "number")


@router.post(
    f"{URL}/attempts",
    response={200: AttemptOut, 201: AttemptOut, **WRITE_ERRORS},
)
def start_study_attempt(request: HttpRequest, pk: int) -> Status[dict]:
    """The reservist starts an attempt (201), or gets back the one begun and not
    submitted while its time lasts (200): its questions without the key and the
    moment its time runs out. 400 after the deadline, beyond the attempt limit,
    for a passed or closed check or a test without questions."""
    user = caller(request)
    assignment = own(user, pk)
    begun = permissions.open_attempt_ids(assignment)
    attempt = services.start_attempt(assignment=assignment)
    data = attempt_data(attempt, _questions(assignment)) | {"key": "hidden"}
    return Status(200 if attempt.pk in begun else 201, data)


@router.get(
    f"{URL}/attempts/{{int:attempt_id}}", response={200: Attempt, **READ_ERRORS}
)
def get_study_attempt(request: HttpRequest, pk: int, attempt_id: int) -> dict:
    """An attempt: its answers and score once submitted; the right options only
    for whoever reads the key, or the reservist when the mentor allows it."""
    user = caller(request)
    assignment = permissions.get_assignment(user, pk)
    attempt = permissions.get_attempt(user, assignment, attempt_id)
    return _attempt(user, assignment, attempt)


@router.post(
    f"{URL}/attempts/{{int:attempt_id}}/submit",
    response={200: Attempt, **WRITE_ERRORS},
)
def submit_study_attempt(
    request: HttpRequest, pk: int, attempt_id: int, payload: SubmitIn
) -> dict:
    """The reservist submits the answers, scored on the server. 400 for a
    question not in the test or an option not of its question (nothing is
    recorded), a submitted attempt, a closed check or a passed deadline; an
    attempt past its time counts as failed."""
    user = caller(request)
    assignment = own(user, pk)
    attempt = permissions.get_attempt(user, assignment, attempt_id)
    scored = services.submit_attempt(attempt=attempt, answers=payload.answers, by=user)
    return _attempt(user, assignment, scored)


# -------------------------------------------------------------- question banks


def _bank_act(user: User, act_id: int, *, write: bool = False) -> LegalAct:
    """An act whose bank the caller reads (403 for a reservist or a head, 404 for
    another municipality's), or keeps when `write` (403 for a mentor)."""
    permissions.require(permissions.may_view_banks(user))
    return permissions.get_bank_act(user, act_id, write=write)


def _bank_question(user: User, act: LegalAct, question_id: int) -> QuizQuestion:
    bank = QuestionBank.objects.filter(act=act).first()
    if bank is None:
        raise Http404
    return permissions.get_bank_question(user, bank, question_id)


@banks.get("/question-banks", response=list[QuestionBankOut])
@paginate(ApiPagination)
def list_question_banks(
    request: HttpRequest, filters: Query[QuestionBankFilter]
) -> QuerySet[LegalAct]:
    """The acts of the caller's municipalities with how many questions their
    banks hold; the coordinator and mentors only (403 for anyone else)."""
    user = caller(request)
    permissions.require(permissions.may_view_banks(user))
    return (
        permissions.bank_acts(user)
        .filtered(q=filters.q)
        .annotate(questions_count=Count("question_bank__questions"))
        .in_list_order()
    )


@banks.get(
    "/question-banks/{int:act_id}",
    response={200: QuestionBankDetailOut, **READ_ERRORS, 403: ErrorOut},
)
def get_question_bank(request: HttpRequest, act_id: int) -> dict:
    """The act's bank with the key of every question (empty until the first
    question is added)."""
    user = caller(request)
    act = _bank_act(user, act_id)
    questions = QuizQuestion.objects.filter(bank__act=act).prefetch_related("options")
    return {
        "act": act,
        "may_manage": permissions.may_manage_bank(user, act),
        "questions": list(questions),
    }


@banks.post(
    "/question-banks/{int:act_id}/questions",
    response={201: QuestionKeyOut, **WRITE_ERRORS},
)
def add_question_bank_question(
    request: HttpRequest, act_id: int, payload: QuestionIn
) -> Status[QuizQuestion]:
    """The coordinator adds a question to the act's bank (the bank is created
    with its first question; nothing is saved on bad input)."""
    act = _bank_act(caller(request), act_id, write=True)
    with transaction.atomic():
        bank = services.bank_of(act)
        question = services.add_question(bank=bank, **_options(payload))
    return Status(201, question)


@banks.put(
    "/question-banks/{int:act_id}/questions/{int:question_id}",
    response={200: QuestionKeyOut, **WRITE_ERRORS},
)
def update_question_bank_question(
    request: HttpRequest, act_id: int, question_id: int, payload: QuestionIn
) -> QuizQuestion:
    """The coordinator rewrites a question of the bank; the tests it was copied
    into keep their copies."""
    user = caller(request)
    question = _bank_question(user, _bank_act(user, act_id, write=True), question_id)
    return services.update_question(question=question, **_options(payload))


@banks.delete(
    "/question-banks/{int:act_id}/questions/{int:question_id}",
    response={204: None, **WRITE_ERRORS},
)
def delete_question_bank_question(
    request: HttpRequest, act_id: int, question_id: int
) -> Status[None]:
    user = caller(request)
    question = _bank_question(user, _bank_act(user, act_id, write=True), question_id)
    services.delete_question(question=question)
    return Status(204, None)


router.add_router("", banks)

"""`/study-assignments` and `/question-banks`: the study of normative legal acts
(clause 8.8) — the mentor's assignments, the reservist's questions on the act,
the test (built by the mentor or taken from the bank) and its attempts scored on
the server, the interview, the application in practice, the re-opening of a check.

Which options are right (the key) is answered only to whoever may read it
(studies.permissions.may_view_key, may_view_attempt_key), in shapes of their own:
the reservist's test and attempts carry no field of correctness at all."""

import json
from typing import Annotated, Any, BinaryIO, cast

import pydantic
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Count, QuerySet
from django.http import FileResponse, Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.pagination import paginate
from pydantic import Field

from accounts.models import User
from api.auth import caller
from api.choices import chosen
from api.errors import error_body
from api.files import DOCX, PDF, file_response
from api.pagination import ApiPagination, PeoplePagination
from api.schemas.common import READ_ERRORS, WRITE_ERRORS, ErrorOut
from api.schemas.studies import (
    AttemptKeyOut,
    AttemptOut,
    AttemptSummaryOut,
    EvaluationIn,
    FromBankIn,
    InterviewIn,
    InterviewOut,
    PracticeCaseIn,
    PracticeCaseOut,
    QuestionBankDetailOut,
    QuestionBankFilter,
    QuestionBankOut,
    QuestionIn,
    QuestionKeyOut,
    QuizKeyOut,
    QuizOut,
    StudyAnswerIn,
    StudyAssignmentDetailOut,
    StudyAssignmentFilter,
    StudyAssignmentIn,
    StudyAssignmentOut,
    StudyAssignmentPatch,
    StudyQuestionIn,
    StudyQuestionOut,
    SubmitIn,
    attempt_data,
)
from api.validation import BODY_PARAM, invalid_choice
from legal_acts.models import LegalAct
from legal_acts.permissions import visible_legal_acts
from mentorships.models import Mentorship
from studies import permissions, services
from studies.models import (
    Interview,
    PracticeCase,
    QuestionBank,
    QuizAttempt,
    QuizQuestion,
    StudyAssignment,
    StudyQuestion,
)
from studies.services import OptionData

router = Router()
assignments = Router(tags=["study-assignments"])
banks = Router(tags=["question-banks"])

URL = "/study-assignments/{int:pk}"

Quiz = Annotated[QuizKeyOut | QuizOut, Field(discriminator="key")]
Attempt = Annotated[AttemptKeyOut | AttemptOut, Field(discriminator="key")]


def _people(row: StudyAssignment) -> list[int]:
    return [row.mentorship.reserve_entry.person_id, row.mentorship.mentor_id]


def _list_rows(rows: Any) -> Any:
    """A page's rows with what a row shows, the edition of a re-check too."""
    return rows.for_list().select_related("recheck_edition")


def _changed(user: User, pk: int) -> StudyAssignment:
    """A visible assignment its active mentor changes; 403 for anyone else."""
    assignment = permissions.get_assignment(user, pk)
    permissions.require(permissions.may_change_assignment(user, assignment))
    return assignment


def _own(user: User, pk: int) -> StudyAssignment:
    """A visible assignment of the caller as its reservist, while the mentorship
    lasts; 403 for anyone else (the services refuse what the state forbids)."""
    assignment = permissions.get_assignment(user, pk)
    permissions.require(permissions.is_active_reservist(user, assignment))
    return assignment


def _options(payload: QuestionIn) -> dict[str, Any]:
    return {
        "text": payload.text,
        "kind": payload.kind,
        "options": [OptionData(o.text, o.is_correct) for o in payload.options],
    }


def _questions(assignment: StudyAssignment) -> list[QuizQuestion]:
    return list(assignment.questions.prefetch_related("options"))


# ---------------------------------------------------------------- assignments


@assignments.get("/study-assignments", response=list[StudyAssignmentOut])
@paginate(PeoplePagination, people_ids=_people, annotate=_list_rows)
def list_study_assignments(
    request: HttpRequest, filters: Query[StudyAssignmentFilter]
) -> QuerySet[StudyAssignment]:
    """The assignments the caller sees, the nearest deadline first: a mentor's
    given, a reservist's own, a head's organisation's, a coordinator's
    municipality's; the page's people are logged (152-ФЗ)."""
    found = permissions.visible_assignments(caller(request)).in_list_order()
    if filters.status:
        found = found.filter(status=filters.status)
    if filters.act_id is not None:
        found = found.filter(act_id=filters.act_id)
    if filters.reserve_entry_id is not None:
        found = found.filter(mentorship__reserve_entry_id=filters.reserve_entry_id)
    if filters.mentorship_id is not None:
        found = found.filter(mentorship_id=filters.mentorship_id)
    return found


@assignments.get(URL, response={200: StudyAssignmentDetailOut, **READ_ERRORS})
def get_study_assignment(request: HttpRequest, pk: int) -> StudyAssignment:
    return permissions.get_assignment(caller(request), pk)


def _mentorship(user: User, payload: StudyAssignmentIn) -> Mentorship:
    """The caller's active mentorship named by its id or its reservist's entry."""
    choices = permissions.mentorships_to_assign(user)
    if payload.mentorship_id is None and payload.reserve_entry_id is None:
        raise NinjaValidationError(
            [{"loc": ("body", BODY_PARAM, "mentorship_id"), "type": "missing"}]
        )
    if payload.mentorship_id is not None:
        found = chosen(choices, payload.mentorship_id, "mentorship_id")
        if payload.reserve_entry_id not in (None, found.reserve_entry_id):
            raise invalid_choice("reserve_entry_id")
        return found
    found_by_entry = choices.filter(reserve_entry_id=payload.reserve_entry_id).first()
    if found_by_entry is None:
        raise invalid_choice("reserve_entry_id")
    return found_by_entry


@assignments.post(
    "/study-assignments", response={201: StudyAssignmentDetailOut, **WRITE_ERRORS}
)
def create_study_assignment(
    request: HttpRequest, payload: StudyAssignmentIn
) -> Status[StudyAssignment]:
    """The mentor sets the reservist of an active mentorship an act (or some of
    its articles) to study by a date, checked by a test or an interview. 403 for
    anyone but a mentor; 422 for another's reservist or an act or plan item out
    of reach; 400 for a deadline in the past."""
    user = caller(request)
    permissions.require(permissions.may_assign(user))
    mentorship = _mentorship(user, payload)
    act = chosen(visible_legal_acts(user), payload.act_id, "act_id")
    plan_item = None
    if payload.plan_item_id is not None:
        plan_item = chosen(
            permissions.plan_items_to_link(mentorship),
            payload.plan_item_id,
            "plan_item_id",
        )
    fields = payload.model_dump(
        exclude={"mentorship_id", "reserve_entry_id", "act_id", "plan_item_id"}
    )
    assignment = services.assign(
        mentorship=mentorship, act=act, by=user, plan_item=plan_item, **fields
    )
    return Status(201, permissions.get_assignment(user, assignment.pk))


@assignments.patch(URL, response={200: StudyAssignmentDetailOut, **WRITE_ERRORS})
def update_study_assignment(
    request: HttpRequest, pk: int, payload: StudyAssignmentPatch
) -> StudyAssignment:
    """The active mentor corrects the articles, aim, deadline, linked plan item or
    the test's settings (`null` unlinks the item, lifts the time limit)."""
    user = caller(request)
    assignment = _changed(user, pk)
    fields = payload.changes()
    if "plan_item_id" in fields:
        item_id = fields.pop("plan_item_id")
        fields["plan_item"] = (
            None
            if item_id is None
            else chosen(
                permissions.plan_items_to_link(assignment.mentorship),
                item_id,
                "plan_item_id",
            )
        )
    if fields:
        services.update_assignment(assignment=assignment, **fields)
    return permissions.get_assignment(user, pk)


@assignments.delete(URL, response={204: None, **WRITE_ERRORS})
def delete_study_assignment(request: HttpRequest, pk: int) -> Status[None]:
    """Withdraw an open assignment nothing was done on (400 once the check has
    begun; 403 for anyone but its active mentor or a closed check)."""
    user = caller(request)
    assignment = permissions.get_assignment(user, pk)
    permissions.require(permissions.may_delete_assignment(user, assignment))
    services.delete_assignment(assignment=assignment)
    return Status(204, None)


@assignments.post(
    f"{URL}/studied", response={200: StudyAssignmentDetailOut, **WRITE_ERRORS}
)
def mark_study_assignment_studied(request: HttpRequest, pk: int) -> StudyAssignment:
    """The reservist marks the act studied (400 when already marked)."""
    user = caller(request)
    services.mark_studied(assignment=_own(user, pk))
    return permissions.get_assignment(user, pk)


@assignments.post(
    f"{URL}/reopen", response={200: StudyAssignmentDetailOut, **WRITE_ERRORS}
)
def reopen_study_assignment(request: HttpRequest, pk: int) -> StudyAssignment:
    """The mentor re-opens a passed, failed or flagged check: a new round with
    its own attempts or interview (400 while the check is open)."""
    user = caller(request)
    services.reopen(assignment=_changed(user, pk))
    return permissions.get_assignment(user, pk)


# -------------------------------------------------------- questions on the act


@assignments.get(f"{URL}/questions", response=list[StudyQuestionOut])
@paginate(ApiPagination)
def list_study_questions(request: HttpRequest, pk: int) -> QuerySet[StudyQuestion]:
    """The reservist's questions on the act and the mentor's answers, oldest
    first."""
    return permissions.get_assignment(caller(request), pk).study_questions.all()


@assignments.post(f"{URL}/questions", response={201: StudyQuestionOut, **WRITE_ERRORS})
def ask_study_question(
    request: HttpRequest, pk: int, payload: StudyQuestionIn
) -> Status[StudyQuestion]:
    """The reservist asks the mentor a question on the act."""
    user = caller(request)
    assignment = permissions.get_assignment(user, pk)
    permissions.require(permissions.may_ask(user, assignment))
    return Status(201, services.ask(assignment=assignment, text=payload.text))


@assignments.post(
    f"{URL}/questions/{{int:question_id}}/answer",
    response={200: StudyQuestionOut, **WRITE_ERRORS},
)
def answer_study_question(
    request: HttpRequest, pk: int, question_id: int, payload: StudyAnswerIn
) -> StudyQuestion:
    """The mentor answers a question on the act (or corrects the answer)."""
    user = caller(request)
    assignment = permissions.get_assignment(user, pk)
    permissions.require(permissions.may_answer(user, assignment))
    question = permissions.get_study_question(user, assignment, question_id)
    return services.answer(question=question, text=payload.answer, by=user)


# ----------------------------------------------------------------------- test


def _not_a_test() -> Status[dict]:
    return Status(
        404,
        error_body(_("The knowledge is checked by an interview: there is no test.")),
    )


@assignments.get(f"{URL}/test", response={200: Quiz, **READ_ERRORS})
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


@assignments.post(
    f"{URL}/test/questions", response={201: QuestionKeyOut, **WRITE_ERRORS}
)
def add_study_test_question(
    request: HttpRequest, pk: int, payload: QuestionIn
) -> Status[QuizQuestion]:
    """The mentor adds a question: 2–10 distinct options, one right for `single`,
    at least one for `multiple` (400 otherwise, and once the test is attempted)."""
    assignment = _changed(caller(request), pk)
    question = services.add_question(assignment=assignment, **_options(payload))
    return Status(201, question)


@assignments.put(
    f"{URL}/test/questions/{{int:question_id}}",
    response={200: QuestionKeyOut, **WRITE_ERRORS},
)
def update_study_test_question(
    request: HttpRequest, pk: int, question_id: int, payload: QuestionIn
) -> QuizQuestion:
    """The mentor rewrites a question and its options (400 once attempted)."""
    user = caller(request)
    assignment = _changed(user, pk)
    question = permissions.get_test_question(user, assignment, question_id)
    return services.update_question(question=question, **_options(payload))


@assignments.delete(
    f"{URL}/test/questions/{{int:question_id}}", response={204: None, **WRITE_ERRORS}
)
def delete_study_test_question(
    request: HttpRequest, pk: int, question_id: int
) -> Status[None]:
    user = caller(request)
    assignment = _changed(user, pk)
    question = permissions.get_test_question(user, assignment, question_id)
    services.delete_question(question=question)
    return Status(204, None)


@assignments.post(
    f"{URL}/test/from-bank", response={201: list[QuestionKeyOut], **WRITE_ERRORS}
)
def copy_study_test_questions_from_bank(
    request: HttpRequest, pk: int, payload: FromBankIn
) -> Status[list[QuizQuestion]]:
    """The mentor copies questions of the act's bank into the test (400 for ids
    not in the bank: none is copied)."""
    assignment = _changed(caller(request), pk)
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


@assignments.get(f"{URL}/attempts", response=list[AttemptSummaryOut])
@paginate(ApiPagination)
def list_study_attempts(request: HttpRequest, pk: int) -> QuerySet[QuizAttempt]:
    """The test's attempts with their scores, by round and number."""
    assignment = permissions.get_assignment(caller(request), pk)
    return assignment.attempts.order_by("check_round", "number")


@assignments.post(
    f"{URL}/attempts",
    response={200: AttemptOut, 201: AttemptOut, **WRITE_ERRORS},
)
def start_study_attempt(request: HttpRequest, pk: int) -> Status[dict]:
    """The reservist starts an attempt (201), or gets back the one begun and not
    submitted while its time lasts (200): its questions without the key and the
    moment its time runs out. 400 after the deadline, beyond the attempt limit,
    for a passed or closed check or a test without questions."""
    user = caller(request)
    assignment = _own(user, pk)
    begun = permissions.open_attempt_ids(assignment)
    attempt = services.start_attempt(assignment=assignment)
    data = attempt_data(attempt, _questions(assignment)) | {"key": "hidden"}
    return Status(200 if attempt.pk in begun else 201, data)


@assignments.get(
    f"{URL}/attempts/{{int:attempt_id}}", response={200: Attempt, **READ_ERRORS}
)
def get_study_attempt(request: HttpRequest, pk: int, attempt_id: int) -> dict:
    """An attempt: its answers and score once submitted; the right options only
    for whoever reads the key, or the reservist when the mentor allows it."""
    user = caller(request)
    assignment = permissions.get_assignment(user, pk)
    attempt = permissions.get_attempt(user, assignment, attempt_id)
    return _attempt(user, assignment, attempt)


@assignments.post(
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
    assignment = _own(user, pk)
    attempt = permissions.get_attempt(user, assignment, attempt_id)
    scored = services.submit_attempt(attempt=attempt, answers=payload.answers, by=user)
    return _attempt(user, assignment, scored)


# ------------------------------------------------------------------ interview


@assignments.get(f"{URL}/interview", response={200: InterviewOut, **READ_ERRORS})
def get_study_interview(request: HttpRequest, pk: int) -> Interview | Status[dict]:
    """The interview of the latest check round that has one; 404 before any."""
    assignment = permissions.get_assignment(caller(request), pk)
    interview = assignment.interviews.order_by("-check_round").first()
    if interview is None:
        return Status(404, error_body(_("No interview is recorded yet.")))
    return interview


@assignments.put(f"{URL}/interview", response={200: InterviewOut, **WRITE_ERRORS})
def record_study_interview(
    request: HttpRequest, pk: int, payload: InterviewIn
) -> Interview:
    """The mentor records the check's interview: the date, the mark (зачтено /
    не зачтено or 2–5) and a comment; a passing mark passes the check. 400 for a
    test, a closed check, a date in the future or an interview already recorded
    in this round."""
    user = caller(request)
    assignment = _changed(user, pk)
    return services.record_interview(
        assignment=assignment, by=user, **payload.model_dump()
    )


# ---------------------------------------------------------------- application


def _case(assignment: StudyAssignment) -> PracticeCase:
    case = PracticeCase.objects.filter(assignment=assignment).first()
    if case is None:
        raise Http404
    return case


def _no_case() -> Status[dict]:
    return Status(404, error_body(_("The application is not described yet.")))


APPLICATION_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": PracticeCaseIn.model_json_schema()},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["description"],
                    "properties": {
                        "description": {"type": "string", "maxLength": 10000},
                        "file": {
                            "type": "string",
                            "format": "binary",
                            "description": "Optional: PDF, DOCX, XLSX, ODT, JPEG "
                            "or PNG up to 10 MB.",
                        },
                    },
                }
            },
        },
    }
}


def _application_input(
    request: HttpRequest,
) -> tuple[PracticeCaseIn, UploadedFile | None]:
    """The description (and the file) of a JSON or a multipart/form-data body;
    errors as ninja reports a body's."""
    file = None
    fields: Any
    if request.content_type == "multipart/form-data":
        # The request is the stream Django itself parses a POST's files from.
        stream = cast(BinaryIO, request)
        data, files = request.parse_file_upload(request.META, stream)
        fields = data.dict()
        file = files.get("file")
    else:
        try:
            fields = json.loads(request.body or b"null")
        except ValueError as e:
            raise HttpError(400, "Cannot parse request body") from e
    try:
        return PracticeCaseIn.model_validate(fields), file
    except pydantic.ValidationError as e:
        raise NinjaValidationError(
            [
                {**error, "loc": ("body", BODY_PARAM, *error["loc"])}
                for error in e.errors()
            ]
        ) from e


@assignments.get(f"{URL}/application", response={200: PracticeCaseOut, **READ_ERRORS})
def get_study_application(request: HttpRequest, pk: int) -> PracticeCase | Status[dict]:
    """The reservist's case of applying the act and the mentor's evaluation;
    404 before it is described."""
    assignment = permissions.get_assignment(caller(request), pk)
    try:
        return _case(assignment)
    except Http404:
        return _no_case()


@assignments.put(
    f"{URL}/application",
    response={200: PracticeCaseOut, **WRITE_ERRORS},
    openapi_extra=APPLICATION_BODY,
)
def submit_study_application(request: HttpRequest, pk: int) -> PracticeCase:
    """The reservist describes a case of applying the act: JSON
    `{"description": …}`, or multipart/form-data with `description` and an
    optional `file` (PDF, DOCX, XLSX, ODT, JPEG or PNG up to 10 MB, checked by its
    content). Submitting again clears the evaluation; 400 once evaluated as
    correct."""
    user = caller(request)
    assignment = _own(user, pk)
    payload, file = _application_input(request)
    return services.submit_practice_case(
        assignment=assignment, description=payload.description, file=file
    )


@assignments.post(
    f"{URL}/application/evaluation", response={200: PracticeCaseOut, **WRITE_ERRORS}
)
def evaluate_study_application(
    request: HttpRequest, pk: int, payload: EvaluationIn
) -> PracticeCase | Status[dict]:
    """The mentor evaluates the case: `correct`, `remarks` or `not_applied` (the
    last two need a comment, 400 without); 404 before it is described."""
    user = caller(request)
    assignment = permissions.get_assignment(user, pk)
    permissions.require(permissions.may_evaluate_practice_case(user, assignment))
    try:
        case = _case(assignment)
    except Http404:
        return _no_case()
    return services.evaluate_practice_case(
        case=case,
        evaluation=payload.evaluation,
        comment=payload.evaluation_comment,
        by=user,
    )


@assignments.get(
    f"{URL}/application/file",
    response=READ_ERRORS,
    openapi_extra=file_response(
        "The file of the application.", PDF, DOCX, "image/jpeg", "image/png"
    ),
)
def get_study_application_file(
    request: HttpRequest, pk: int
) -> FileResponse | Status[dict]:
    """The file attached to the application; 404 when there is none."""
    assignment = permissions.get_assignment(caller(request), pk)
    case = PracticeCase.objects.filter(assignment=assignment).first()
    if case is None or not case.file:
        return Status(404, error_body(_("No file is attached to the application.")))
    return FileResponse(
        case.file.open("rb"), as_attachment=True, filename=case.file_name
    )


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


router.add_router("", assignments)
router.add_router("", banks)

"""`/study-assignments`: the study of normative legal acts (clause 8.8) — the
mentor's assignments, the reservist's questions on the act, the interview, the
application in practice, the re-opening of a check. The test, its attempts and
the question banks are in `api.routers.study_tests`."""

import json
from typing import Any, BinaryIO, cast

import pydantic
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.pagination import paginate

from accounts.models import User
from api.auth import caller
from api.choices import chosen
from api.errors import error_body
from api.files import DOCX, PDF, file_response
from api.pagination import ApiPagination, PeoplePagination
from api.schemas.common import READ_ERRORS, WRITE_ERRORS
from api.schemas.studies import (
    EvaluationIn,
    InterviewIn,
    InterviewOut,
    PracticeCaseIn,
    PracticeCaseOut,
    StudyAnswerIn,
    StudyAssignmentDetailOut,
    StudyAssignmentFilter,
    StudyAssignmentIn,
    StudyAssignmentOut,
    StudyAssignmentPatch,
    StudyQuestionIn,
    StudyQuestionOut,
)
from api.validation import BODY_PARAM, invalid_choice
from legal_acts.permissions import visible_legal_acts
from mentorships.models import Mentorship
from studies import permissions, services
from studies.models import (
    Interview,
    PracticeCase,
    StudyAssignment,
    StudyQuestion,
)

router = Router(tags=["study-assignments"])

URL = "/study-assignments/{int:pk}"


def _people(row: StudyAssignment) -> list[int]:
    return [row.mentorship.reserve_entry.person_id, row.mentorship.mentor_id]


def _list_rows(rows: Any) -> Any:
    """A page's rows with what a row shows, the edition of a re-check too."""
    return rows.for_list().select_related("recheck_edition")


def changed(user: User, pk: int) -> StudyAssignment:
    """A visible assignment its active mentor changes; 403 for anyone else."""
    assignment = permissions.get_assignment(user, pk)
    permissions.require(permissions.may_change_assignment(user, assignment))
    return assignment


def own(user: User, pk: int) -> StudyAssignment:
    """A visible assignment of the caller as its reservist, while the mentorship
    lasts; 403 for anyone else (the services refuse what the state forbids)."""
    assignment = permissions.get_assignment(user, pk)
    permissions.require(permissions.is_active_reservist(user, assignment))
    return assignment


# ---------------------------------------------------------------- assignments


@router.get("/study-assignments", response=list[StudyAssignmentOut])
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


@router.get(URL, response={200: StudyAssignmentDetailOut, **READ_ERRORS})
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


@router.post(
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
            permissions.plan_items_to_link([mentorship]),
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


@router.patch(URL, response={200: StudyAssignmentDetailOut, **WRITE_ERRORS})
def update_study_assignment(
    request: HttpRequest, pk: int, payload: StudyAssignmentPatch
) -> StudyAssignment:
    """The active mentor corrects the articles, aim, deadline, linked plan item or
    the test's settings (`null` unlinks the item, lifts the time limit)."""
    user = caller(request)
    assignment = changed(user, pk)
    fields = payload.changes()
    if "plan_item_id" in fields:
        item_id = fields.pop("plan_item_id")
        fields["plan_item"] = (
            None
            if item_id is None
            else chosen(
                permissions.plan_items_to_link(
                    [assignment.mentorship], assignment.plan_item
                ),
                item_id,
                "plan_item_id",
            )
        )
    if fields:
        services.update_assignment(assignment=assignment, **fields)
    return permissions.get_assignment(user, pk)


@router.delete(URL, response={204: None, **WRITE_ERRORS})
def delete_study_assignment(request: HttpRequest, pk: int) -> Status[None]:
    """Withdraw an open assignment nothing was done on (400 once the check has
    begun; 403 for anyone but its active mentor or a closed check)."""
    user = caller(request)
    assignment = permissions.get_assignment(user, pk)
    permissions.require(permissions.may_delete_assignment(user, assignment))
    services.delete_assignment(assignment=assignment)
    return Status(204, None)


@router.post(f"{URL}/studied", response={200: StudyAssignmentDetailOut, **WRITE_ERRORS})
def mark_study_assignment_studied(request: HttpRequest, pk: int) -> StudyAssignment:
    """The reservist marks the act studied (400 when already marked)."""
    user = caller(request)
    services.mark_studied(assignment=own(user, pk))
    return permissions.get_assignment(user, pk)


@router.post(f"{URL}/reopen", response={200: StudyAssignmentDetailOut, **WRITE_ERRORS})
def reopen_study_assignment(request: HttpRequest, pk: int) -> StudyAssignment:
    """The mentor re-opens a passed, failed or flagged check: a new round with
    its own attempts or interview (400 while the check is open)."""
    user = caller(request)
    services.reopen(assignment=changed(user, pk))
    return permissions.get_assignment(user, pk)


# -------------------------------------------------------- questions on the act


@router.get(f"{URL}/questions", response=list[StudyQuestionOut])
@paginate(ApiPagination)
def list_study_questions(request: HttpRequest, pk: int) -> QuerySet[StudyQuestion]:
    """The reservist's questions on the act and the mentor's answers, oldest
    first."""
    return permissions.get_assignment(caller(request), pk).study_questions.all()


@router.post(f"{URL}/questions", response={201: StudyQuestionOut, **WRITE_ERRORS})
def ask_study_question(
    request: HttpRequest, pk: int, payload: StudyQuestionIn
) -> Status[StudyQuestion]:
    """The reservist asks the mentor a question on the act."""
    user = caller(request)
    assignment = permissions.get_assignment(user, pk)
    permissions.require(permissions.may_ask(user, assignment))
    return Status(201, services.ask(assignment=assignment, text=payload.text))


@router.post(
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


# ------------------------------------------------------------------ interview


@router.get(f"{URL}/interview", response={200: InterviewOut, **READ_ERRORS})
def get_study_interview(request: HttpRequest, pk: int) -> Interview | Status[dict]:
    """The interview of the latest check round that has one; 404 before any."""
    assignment = permissions.get_assignment(caller(request), pk)
    interview = assignment.interviews.order_by("-check_round").first()
    if interview is None:
        return Status(404, error_body(_("No interview is recorded yet.")))
    return interview


@router.put(f"{URL}/interview", response={200: InterviewOut, **WRITE_ERRORS})
def record_study_interview(
    request: HttpRequest, pk: int, payload: InterviewIn
) -> Interview:
    """The mentor records the check's interview: the date, the mark (зачтено /
    не зачтено or 2–5) and a comment; a passing mark passes the check. 400 for a
    test, a closed check, a date in the future or an interview already recorded
    in this round."""
    user = caller(request)
    assignment = changed(user, pk)
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


@router.get(f"{URL}/application", response={200: PracticeCaseOut, **READ_ERRORS})
def get_study_application(request: HttpRequest, pk: int) -> PracticeCase | Status[dict]:
    """The reservist's case of applying the act and the mentor's evaluation;
    404 before it is described."""
    assignment = permissions.get_assignment(caller(request), pk)
    try:
        return _case(assignment)
    except Http404:
        return _no_case()


@router.put(
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
    assignment = own(user, pk)
    payload, file = _application_input(request)
    return services.submit_practice_case(
        assignment=assignment, description=payload.description, file=file
    )


@router.post(
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


@router.get(
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

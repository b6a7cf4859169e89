"""`/consultations` and `/consultation-requests`: the mentor's consultations and
support (clauses 8.4–8.7), their next steps, and the reservists' requests.

A private note is the mentor's alone: no other caller's list, count or answer
includes it (consultations.permissions)."""

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from api.auth import caller
from api.choices import chosen
from api.pagination import PeoplePagination
from api.schemas.common import READ_ERRORS, WRITE_ERRORS
from api.schemas.consultations import (
    ConsultationFilter,
    ConsultationIn,
    ConsultationOut,
    ConsultationPatch,
    ConsultationRequestFilter,
    ConsultationRequestIn,
    ConsultationRequestOut,
    NextStepOut,
    ReplyIn,
    ScheduleIn,
    StepDoneIn,
)
from consultations import permissions, services
from consultations.models import (
    Consultation,
    ConsultationQuerySet,
    ConsultationRequest,
    ConsultationRequestQuerySet,
    NextStep,
)
from consultations.services import StepData

router = Router()
consultations = Router(tags=["consultations"])
requests = Router(tags=["consultation-requests"])


def _reservist_and_mentor(row: Consultation | ConsultationRequest) -> list[int]:
    return [row.mentorship.reserve_entry.person_id, row.mentorship.mentor_id]


# -------------------------------------------------------------- consultations


@consultations.get("/consultations", response=list[ConsultationOut])
@paginate(
    PeoplePagination,
    people_ids=_reservist_and_mentor,
    annotate=ConsultationQuerySet.for_list,
)
def list_consultations(
    request: HttpRequest, filters: Query[ConsultationFilter]
) -> QuerySet[Consultation]:
    """The caller's consultations, the latest first: a mentor's own (private notes
    too), the shared ones of a reservist, a head's organisation, a coordinator's
    municipality."""
    found = permissions.visible_consultations(caller(request)).in_list_order()
    if filters.mentorship_id is not None:
        found = found.filter(mentorship_id=filters.mentorship_id)
    if filters.reserve_entry_id is not None:
        found = found.filter(mentorship__reserve_entry_id=filters.reserve_entry_id)
    if filters.area:
        found = found.filter(area=filters.area)
    if filters.status:
        found = found.filter(status=filters.status)
    if filters.date_from is not None:
        found = found.filter(held_on__gte=filters.date_from)
    if filters.date_to is not None:
        found = found.filter(held_on__lte=filters.date_to)
    return found


@consultations.get(
    "/consultations/{int:pk}", response={200: ConsultationOut, **READ_ERRORS}
)
def get_consultation(request: HttpRequest, pk: int) -> Consultation:
    """One consultation with its next steps."""
    return permissions.get_consultation(caller(request), pk)


@consultations.post("/consultations", response={201: ConsultationOut, **WRITE_ERRORS})
def create_consultation(
    request: HttpRequest, payload: ConsultationIn
) -> Status[Consultation]:
    """Log a consultation (or a private note) of one of the caller's active
    mentorships, with its next steps. 422 for another mentor's reservist; 400 for
    a step dated before the consultation or steps on a private note."""
    user = caller(request)
    mentorship = chosen(
        permissions.mentorships_to_consult(user), payload.mentorship_id, "mentorship_id"
    )
    steps = [StepData(s.text, s.due_on) for s in payload.next_steps]
    consultation = services.create_consultation(
        mentorship=mentorship,
        by=user,
        next_steps=steps,
        **payload.model_dump(exclude={"mentorship_id", "next_steps"}),
    )
    return Status(201, permissions.get_consultation(user, consultation.pk))


@consultations.patch(
    "/consultations/{int:pk}", response={200: ConsultationOut, **WRITE_ERRORS}
)
def update_consultation(
    request: HttpRequest, pk: int, payload: ConsultationPatch
) -> Consultation:
    """Change the entry and add next steps; the active mentor only (an ended
    mentorship's log is read-only)."""
    user = caller(request)
    consultation = permissions.get_consultation(user, pk, write=True)
    fields = payload.changes()
    new_steps = [StepData(s["text"], s["due_on"]) for s in fields.pop("new_steps", [])]
    services.update_consultation(
        consultation=consultation, new_steps=new_steps, **fields
    )
    return permissions.get_consultation(user, pk)


@consultations.post(
    "/consultations/{int:pk}/next-steps/{int:step_id}/done",
    response={200: NextStepOut, **WRITE_ERRORS},
)
def mark_next_step_done(
    request: HttpRequest, pk: int, step_id: int, payload: StepDoneIn
) -> NextStep:
    """The reservist or the active mentor marks a next step done (today unless
    `done_on` says otherwise)."""
    user = caller(request)
    consultation = permissions.get_consultation(user, pk)
    permissions.require(permissions.may_mark_step_done(user, consultation))
    step = permissions.get_next_step(user, consultation, step_id)
    return services.mark_step_done(step=step, by=user, done_on=payload.done_on)


# ------------------------------------------------------------------- requests


@requests.get("/consultation-requests", response=list[ConsultationRequestOut])
@paginate(
    PeoplePagination,
    people_ids=_reservist_and_mentor,
    annotate=ConsultationRequestQuerySet.for_list,
)
def list_consultation_requests(
    request: HttpRequest, filters: Query[ConsultationRequestFilter]
) -> QuerySet[ConsultationRequest]:
    """Requests in the caller's scope, pending first: a mentor's incoming, a
    reservist's own, a head's organisation's, a coordinator's municipality's."""
    found = permissions.visible_requests(caller(request)).in_list_order()
    if filters.status:
        found = found.filter(status=filters.status)
    if filters.mentorship_id is not None:
        found = found.filter(mentorship_id=filters.mentorship_id)
    return found


@requests.get(
    "/consultation-requests/{int:pk}",
    response={200: ConsultationRequestOut, **READ_ERRORS},
)
def get_consultation_request(request: HttpRequest, pk: int) -> ConsultationRequest:
    return permissions.get_request(caller(request), pk)


@requests.post(
    "/consultation-requests", response={201: ConsultationRequestOut, **WRITE_ERRORS}
)
def create_consultation_request(
    request: HttpRequest, payload: ConsultationRequestIn
) -> Status[ConsultationRequest]:
    """The reservist asks their active mentor for a consultation; 403 for anyone
    but a reservist, 400 without a mentor or for preferred dates in the past."""
    user = caller(request)
    permissions.require(permissions.may_view_own_consultations(user))
    found = services.create_request(
        mentorship=permissions.mentorship_to_request(user), **payload.model_dump()
    )
    return Status(201, permissions.get_request(user, found.pk))


@requests.post(
    "/consultation-requests/{int:pk}/schedule",
    response={200: ConsultationRequestOut, **WRITE_ERRORS},
)
def schedule_consultation_request(
    request: HttpRequest, pk: int, payload: ScheduleIn
) -> ConsultationRequest:
    """The mentor accepts the request by scheduling a planned consultation; 403 for
    anyone else, 400 when it was answered already."""
    user = caller(request)
    found = permissions.get_request(user, pk)
    permissions.require(permissions.may_answer_request(user, found))
    fields = payload.model_dump(exclude_none=True)
    services.schedule_request(request=found, by=user, **fields)
    return permissions.get_request(user, pk)


@requests.post(
    "/consultation-requests/{int:pk}/reply",
    response={200: ConsultationRequestOut, **WRITE_ERRORS},
)
def reply_to_consultation_request(
    request: HttpRequest, pk: int, payload: ReplyIn
) -> ConsultationRequest:
    """The mentor answers the request in writing; 403 for anyone else."""
    user = caller(request)
    found = permissions.get_request(user, pk)
    permissions.require(permissions.may_answer_request(user, found))
    return services.reply_to_request(request=found, by=user, answer=payload.answer)


router.add_router("", consultations)
router.add_router("", requests)

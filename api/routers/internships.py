"""`/internships`: internships of reservists (clause 8.3): set by the mentor with
form, host, supervisor and dates, their programme of tasks, started, concluded by
the supervisor (or the mentor), completed; the programme and the conclusion as
documents; `/internship-forms`: the municipality's catalogue of forms."""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Query, Router, Status
from ninja.pagination import paginate

from api.auth import caller
from api.choices import chosen
from api.files import DOCX, PDF, file_response
from api.pagination import ApiPagination, PeoplePagination
from api.schemas.common import READ_ERRORS, WRITE_ERRORS, ErrorOut
from api.schemas.internships import (
    ConclusionIn,
    InternshipDocumentQuery,
    InternshipFilter,
    InternshipFormOut,
    InternshipIn,
    InternshipListOut,
    InternshipOut,
    InternshipPatch,
    InternshipTaskOut,
    TaskIn,
)
from internships import permissions, queries, services
from internships.document_services import render_internship
from internships.models import (
    Internship,
    InternshipForm,
    InternshipQuerySet,
    InternshipTask,
)
from people.models import PersonViewLog
from people.services import record_people_access
from plans.permissions import may_confirm

router = Router(tags=["internships"])


@router.get("/internships", response=list[InternshipListOut])
@paginate(
    PeoplePagination,
    people_ids=lambda i: [i.reserve_entry.person_id],
    annotate=InternshipQuerySet.for_list,
)
def list_internships(
    request: HttpRequest, filters: Query[InternshipFilter]
) -> QuerySet[Internship]:
    """Internships in the caller's scope, the latest first; the page's reservists
    are logged (152-ФЗ)."""
    found = permissions.visible_internships(caller(request)).in_list_order()
    return found.filtered(**filters.model_dump())


@router.get("/internships/{int:pk}", response={200: InternshipOut, **READ_ERRORS})
def get_internship(request: HttpRequest, pk: int) -> Internship:
    """One internship with its programme and conclusion."""
    return permissions.get_internship(caller(request), pk)


def _choices(user: Any, payload: dict[str, Any], entry_ids: Any) -> dict[str, Any]:
    """The objects the body's ids name, each among the caller's choices (422)."""
    found: dict[str, Any] = {}
    sources = {
        "form_id": permissions.internship_form_choices(user),
        "host_organization_id": permissions.host_organization_choices(user),
        "supervisor_id": permissions.supervisor_choices(user),
        "plan_item_id": queries.plan_items_to_link(entry_ids),
    }
    for field, choices in sources.items():
        if field not in payload:
            continue
        pk = payload.pop(field)
        name = field.removesuffix("_id")
        found[name] = None if pk is None else chosen(choices, pk, field)
    return found


@router.post("/internships", response={201: InternshipOut, **WRITE_ERRORS})
def create_internship(request: HttpRequest, payload: InternshipIn) -> Status:
    """A planned internship of one of the mentor's own reservists (422 for
    another's), with dates within the reserve term (400 otherwise)."""
    user = caller(request)
    permissions.require(permissions.may_create_internship(user))
    mentorships = permissions.mentorships_for_internships(user).select_related(
        "reserve_entry"
    )
    mentorship = mentorships.filter(reserve_entry_id=payload.reserve_entry_id).first()
    if mentorship is None:
        chosen(mentorships.none(), payload.reserve_entry_id, "reserve_entry_id")
    assert mentorship is not None
    data = payload.model_dump(exclude={"reserve_entry_id"})
    related = _choices(user, data, [mentorship.reserve_entry_id])
    internship = services.create_internship(mentorship=mentorship, **data, **related)
    return Status(201, permissions.get_internship(user, internship.pk))


@router.patch("/internships/{int:pk}", response={200: InternshipOut, **WRITE_ERRORS})
def update_internship(
    request: HttpRequest, pk: int, payload: InternshipPatch
) -> Internship:
    """Change the form, host, supervisor, dates, goal or plan item (the mentor)."""
    user = caller(request)
    internship = permissions.get_internship(user, pk, write=True)
    data = payload.changes()
    related = _choices(user, data, [internship.reserve_entry_id])
    services.update_internship(internship=internship, **data, **related)
    return permissions.get_internship(user, pk)


# ------------------------------------------------------------------ programme


@router.get(
    "/internships/{int:pk}/tasks",
    response={200: list[InternshipTaskOut], **READ_ERRORS},
)
def list_internship_tasks(request: HttpRequest, pk: int) -> list:
    """The programme's tasks in date order."""
    return list(permissions.get_internship(caller(request), pk).tasks.all())


@router.post(
    "/internships/{int:pk}/tasks", response={201: InternshipTaskOut, **WRITE_ERRORS}
)
def add_internship_task(request: HttpRequest, pk: int, payload: TaskIn) -> Status:
    """A task within the internship's dates (400 outside them; the mentor)."""
    internship = permissions.get_internship(caller(request), pk, write=True)
    task = services.add_task(internship=internship, **payload.model_dump())
    return Status(201, task)


@router.put(
    "/internships/{int:pk}/tasks/{int:task_pk}",
    response={200: InternshipTaskOut, **WRITE_ERRORS},
)
def update_internship_task(
    request: HttpRequest, pk: int, task_pk: int, payload: TaskIn
) -> Any:
    """Change a task's text and dates (the mentor)."""
    internship = permissions.get_internship(caller(request), pk, write=True)
    task = _task(internship, task_pk)
    return services.update_task(task=task, **payload.model_dump())


@router.delete(
    "/internships/{int:pk}/tasks/{int:task_pk}",
    response={204: None, **WRITE_ERRORS},
)
def delete_internship_task(request: HttpRequest, pk: int, task_pk: int) -> Status:
    """Remove a task from an open internship's programme (the mentor)."""
    internship = permissions.get_internship(caller(request), pk, write=True)
    services.delete_task(task=_task(internship, task_pk))
    return Status(204, None)


def _task(internship: Internship, task_pk: int) -> InternshipTask:
    """A task of the internship; Http404 otherwise."""
    task = internship.tasks.filter(pk=task_pk).first()
    if task is None:
        raise Http404
    return task


# --------------------------------------------------------- status, conclusion


@router.post(
    "/internships/{int:pk}/start", response={200: InternshipOut, **WRITE_ERRORS}
)
def start_internship(request: HttpRequest, pk: int) -> Internship:
    """Planned → in progress, from the start date on (the mentor)."""
    user = caller(request)
    internship = permissions.get_internship(user, pk, write=True)
    services.start_internship(internship=internship)
    return permissions.get_internship(user, pk)


@router.put(
    "/internships/{int:pk}/conclusion", response={200: InternshipOut, **WRITE_ERRORS}
)
def write_internship_conclusion(
    request: HttpRequest, pk: int, payload: ConclusionIn
) -> Internship:
    """The conclusion of an internship in progress, dated from its start to today
    (the supervisor with an account, or the mentor)."""
    user = caller(request)
    internship = permissions.get_internship(user, pk)
    permissions.require(permissions.may_conclude(user, internship))
    services.write_conclusion(internship=internship, by=user, **payload.model_dump())
    return permissions.get_internship(user, pk)


@router.post(
    "/internships/{int:pk}/complete", response={200: InternshipOut, **WRITE_ERRORS}
)
def complete_internship(request: HttpRequest, pk: int) -> Internship:
    """In progress → completed once concluded; the linked plan item is marked done
    through the plan's services (400 with the reason if the plan refuses)."""
    user = caller(request)
    internship = permissions.get_internship(user, pk, write=True)
    item = internship.plan_item
    confirms = item is not None and may_confirm(user, item.plan)
    services.complete_internship(
        internship=internship, by=user, confirms_plan_item=confirms
    )
    return permissions.get_internship(user, pk)


@router.get(
    "/internships/{int:pk}/document",
    response={**READ_ERRORS, 400: ErrorOut},
    openapi_extra=file_response("The programme or the conclusion.", DOCX, PDF),
)
def get_internship_document(
    request: HttpRequest, pk: int, query: Query[InternshipDocumentQuery]
) -> HttpResponse:
    """The programme (kind=programme) or the conclusion (kind=conclusion) as
    DOCX or PDF (format=docx|pdf; 400 for another format)."""
    user = caller(request)
    internship = permissions.get_internship(user, pk)
    content, filename, content_type = render_internship(
        internship, query.kind, query.format
    )
    record_people_access(
        people_ids=queries.internship_people_ids(internship),
        user=user,
        channel=PersonViewLog.Channel.DOCUMENT,
        source=request.path,
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# ---------------------------------------------------------------------- forms


@router.get("/internship-forms", response=list[InternshipFormOut])
@paginate(ApiPagination)
def list_internship_forms(request: HttpRequest) -> QuerySet[InternshipForm]:
    """The catalogue of forms of the caller's municipalities."""
    return permissions.visible_internship_forms(caller(request))

"""`/mentor-orders`, `/mentorships` and a person's eligibility and readiness to
mentor: mentors appointed by the head's order (clauses 5–7)."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import File, Query, Router, Status, UploadedFile
from ninja.pagination import paginate

from accounts.models import User
from api.auth import caller
from api.choices import chosen, chosen_each, require_chosen
from api.errors import error_body
from api.files import DOCX, file_response
from api.pagination import ApiPagination, PeoplePagination
from api.schemas.common import READ_ERRORS, WRITE_ERRORS, ErrorOut
from api.schemas.mentorships import (
    DocumentQuery,
    EligibilityOut,
    EndMentorshipIn,
    MentorOrderFilter,
    MentorOrderIn,
    MentorOrderListOut,
    MentorOrderOut,
    MentorshipFilter,
    MentorshipOut,
    OrderLineIn,
    ReadinessIn,
    ReadinessOut,
)
from mentorships import permissions, services
from mentorships.document_services import render_order, scan_filename
from mentorships.models import (
    MentorOrder,
    MentorOrderQuerySet,
    MentorReadiness,
    Mentorship,
    MentorshipQuerySet,
)
from mentorships.queries import order_people_ids
from mentorships.services import OrderLine
from organizations.models import Organization
from people.models import PersonViewLog
from people.permissions import get_person, visible_people
from people.services import record_people_access
from reserve.permissions import visible_reserve_entries

router = Router()
readiness = Router(tags=["people"])
orders = Router(tags=["mentor-orders"])
mentorships = Router(tags=["mentorships"])

# ------------------------------------------------------ eligibility, readiness


@readiness.get(
    "/people/{int:pk}/eligibility", response={200: EligibilityOut, **READ_ERRORS}
)
def get_eligibility(request: HttpRequest, pk: int) -> dict:
    """Whether the person may be appointed a mentor (clause 6), and why not."""
    person = get_person(caller(request), pk)
    failures = services.eligibility_failures(person)
    return {"eligible": not failures, "failures": failures}


@readiness.put(
    "/people/{int:pk}/readiness", response={200: ReadinessOut, **WRITE_ERRORS}
)
def confirm_readiness(
    request: HttpRequest, pk: int, payload: ReadinessIn
) -> MentorReadiness:
    """Record or correct the person's confirmed readiness to mentor: the person,
    the head of their organisation or the coordinator."""
    user = caller(request)
    person = get_person(user, pk)
    if not permissions.may_confirm_readiness(user, person):
        raise PermissionDenied
    return services.confirm_readiness(person=person, **payload.model_dump())


@readiness.delete("/people/{int:pk}/readiness", response={204: None, **WRITE_ERRORS})
def withdraw_readiness(request: HttpRequest, pk: int) -> Status[None]:
    """Withdraw the readiness; 400 while the person mentors someone."""
    user = caller(request)
    person = get_person(user, pk)
    if not permissions.may_confirm_readiness(user, person):
        raise PermissionDenied
    services.withdraw_readiness(person=person)
    return Status(204, None)


# --------------------------------------------------------------- orders


def _order_lines(
    user: User, organization: Organization, lines: list[OrderLineIn]
) -> list[OrderLine]:
    """The lines with their ids swapped for what the caller may choose: people of
    the organisation and active reserve entries in scope; one 422 names the rest."""
    mentor_ids = {
        f"lines.{n}.mentor_id": line.mentor_id for n, line in enumerate(lines)
    }
    entry_ids = {
        f"lines.{n}.reserve_entry_id": line.reserve_entry_id
        for n, line in enumerate(lines)
    }
    staff = visible_people(user).filter(organization=organization)
    mentors = chosen_each(
        staff.select_related("organization__municipality", "position"), mentor_ids
    )
    active = visible_reserve_entries(user).active().select_related("person")
    entries = chosen_each(active, entry_ids)
    require_chosen([*mentor_ids, *entry_ids], mentors, entries)
    return [
        OrderLine(
            mentor=mentors[f"lines.{n}.mentor_id"],
            reserve_entry=entries[f"lines.{n}.reserve_entry_id"],
            starts_on=line.starts_on,
            planned_end_on=line.planned_end_on,
        )
        for n, line in enumerate(lines)
    ]


@orders.get("/mentor-orders", response=list[MentorOrderListOut])
@paginate(ApiPagination, annotate=MentorOrderQuerySet.for_list)
def list_mentor_orders(
    request: HttpRequest, filters: Query[MentorOrderFilter]
) -> QuerySet[MentorOrder]:
    """Orders in the caller's scope, the latest first."""
    found = permissions.visible_orders(caller(request)).in_list_order()
    return found.filtered(
        organization_id=filters.organization_id, status=filters.status
    )


@orders.get("/mentor-orders/{int:pk}", response={200: MentorOrderOut, **READ_ERRORS})
def get_mentor_order(request: HttpRequest, pk: int) -> MentorOrder:
    """One order with its lines."""
    return permissions.get_order(caller(request), pk)


@orders.post("/mentor-orders", response={201: MentorOrderOut, **WRITE_ERRORS})
def create_mentor_order(
    request: HttpRequest, payload: MentorOrderIn
) -> Status[MentorOrder]:
    """A draft order of an organisation the caller heads; its mentorships wait for
    the registration. 400 naming every line that breaks clauses 4–7."""
    user = caller(request)
    organizations = permissions.visible_order_organizations(user)
    if not organizations.exists():
        raise PermissionDenied
    organization = chosen(
        organizations.select_related("municipality"),
        payload.organization_id,
        "organization_id",
    )
    fields = payload.model_dump(exclude={"organization_id", "lines"})
    order = services.create_order(
        organization=organization,
        lines=_order_lines(user, organization, payload.lines),
        **fields,
    )
    return Status(201, order)


@orders.post(
    "/mentor-orders/{int:pk}/register", response={200: MentorOrderOut, **WRITE_ERRORS}
)
def register_mentor_order(request: HttpRequest, pk: int) -> MentorOrder:
    """Register the signed order: its mentorships become active (the head)."""
    order = permissions.get_order(caller(request), pk, write=True)
    return services.register_order(order=order)


@orders.delete("/mentor-orders/{int:pk}", response={204: None, **WRITE_ERRORS})
def delete_mentor_order(request: HttpRequest, pk: int) -> Status[None]:
    """Delete a draft order with its lines; 400 once it is registered."""
    order = permissions.get_order(caller(request), pk, write=True)
    services.delete_order(order=order)
    return Status(204, None)


@orders.get(
    "/mentor-orders/{int:pk}/document",
    response={**READ_ERRORS, 400: ErrorOut},
    openapi_extra=file_response("The order as DOCX or PDF.", DOCX, "application/pdf"),
)
def get_mentor_order_document(
    request: HttpRequest, pk: int, query: Query[DocumentQuery]
) -> HttpResponse:
    """The order as a document to download (ГОСТ Р 7.0.97-2016)."""
    user = caller(request)
    order = permissions.get_order(user, pk)
    content, filename, content_type = render_order(order, query.format)
    record_people_access(
        people_ids=order_people_ids(order),
        user=user,
        channel=PersonViewLog.Channel.DOCUMENT,
        source=request.path,
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@orders.post(
    "/mentor-orders/{int:pk}/scan", response={200: MentorOrderOut, **WRITE_ERRORS}
)
def attach_mentor_order_scan(
    request: HttpRequest, pk: int, file: File[UploadedFile]
) -> MentorOrder:
    """Attach the signed copy: PDF, JPEG or PNG up to 10 MB (the head)."""
    order = permissions.get_order(caller(request), pk, write=True)
    return services.attach_scan(order=order, file=file)


@orders.get(
    "/mentor-orders/{int:pk}/scan",
    response=READ_ERRORS,
    openapi_extra=file_response(
        "The signed copy.", "application/pdf", "image/jpeg", "image/png"
    ),
)
def get_mentor_order_scan(request: HttpRequest, pk: int) -> FileResponse | Status[dict]:
    """The signed copy; 404 when none is attached."""
    order = permissions.get_order(caller(request), pk)
    if not order.scan:
        return Status(404, error_body(_("No signed copy is attached to the order.")))
    return FileResponse(
        order.scan.open("rb"),
        as_attachment=True,
        filename=scan_filename(order),
    )


# ---------------------------------------------------------------- mentorships


@mentorships.get("/mentorships", response=list[MentorshipOut])
@paginate(
    PeoplePagination,
    people_ids=lambda m: [m.reserve_entry.person_id, m.mentor_id],
    annotate=MentorshipQuerySet.for_list,
)
def list_mentorships(
    request: HttpRequest, filters: Query[MentorshipFilter]
) -> QuerySet[Mentorship]:
    """Mentorships in the caller's scope, the latest first; the page's mentors
    and reservists are logged (152-ФЗ)."""
    found = permissions.visible_mentorships(caller(request)).in_list_order()
    if filters.mentor_id is not None:
        found = found.filter(mentor_id=filters.mentor_id)
    if filters.reserve_entry_id is not None:
        found = found.filter(reserve_entry_id=filters.reserve_entry_id)
    if filters.status:
        found = found.filter(status=filters.status)
    if filters.organization_id is not None:
        found = found.filter(order__organization_id=filters.organization_id)
    return found


@mentorships.get("/mentorships/{int:pk}", response={200: MentorshipOut, **READ_ERRORS})
def get_mentorship(request: HttpRequest, pk: int) -> Mentorship:
    return permissions.get_mentorship(caller(request), pk)


@mentorships.post(
    "/mentorships/{int:pk}/end", response={200: MentorshipOut, **WRITE_ERRORS}
)
def end_mentorship(
    request: HttpRequest, pk: int, payload: EndMentorshipIn
) -> Mentorship:
    """End an active mentorship (the head of the order's organisation)."""
    mentorship = permissions.get_mentorship(caller(request), pk, write=True)
    return services.end_mentorship(mentorship=mentorship, **payload.model_dump())


router.add_router("", readiness)
router.add_router("", orders)
router.add_router("", mentorships)

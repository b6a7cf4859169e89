"""`/events`, `/event-kinds` and `/involvements`: events and the reservists
involved in them (clause 8.2); see events/__init__.py."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Query, Router, Status, UploadedFile
from ninja.pagination import paginate

from accounts.models import User
from api.auth import caller
from api.choices import chosen
from api.pagination import ApiPagination, PeoplePagination
from api.schemas.common import READ_ERRORS, WRITE_ERRORS
from api.schemas.events import (
    AttendanceIn,
    DeclineIn,
    EventFilter,
    EventIn,
    EventKindOut,
    EventOut,
    EventPatch,
    InvolvementIn,
    InvolvementOut,
    MaterialOut,
    OutcomeIn,
)
from api.validation import invalid_choice
from events import permissions, services
from events.models import Event, EventKind, EventMaterial, EventQuerySet, Involvement
from events.services import EventData

router = Router()
events = Router(tags=["events"])
involvements = Router(tags=["involvements"])


def _for_api(rows: EventQuerySet) -> EventQuerySet:
    return rows.for_list().prefetch_related("materials")


# ---------------------------------------------------------------------- kinds


@events.get("/event-kinds", response=list[EventKindOut])
@paginate(ApiPagination)
def list_event_kinds(request: HttpRequest) -> QuerySet[EventKind]:
    """The kinds of event of the caller's municipalities."""
    return permissions.visible_kinds(caller(request)).order_by(
        "municipality_id", "position", "name", "pk"
    )


# --------------------------------------------------------------------- events


@events.get("/events", response=list[EventOut])
@paginate(ApiPagination, annotate=_for_api)
def list_events(request: HttpRequest, filters: Query[EventFilter]) -> QuerySet[Event]:
    """Events in the caller's scope, the latest first."""
    found = permissions.visible_events(caller(request)).in_list_order()
    return found.filtered(
        date_from=filters.date_from,
        date_to=filters.date_to,
        kind_id=filters.kind_id,
        organizer=filters.organizer,
    )


def _event(user: User, pk: int) -> Event:
    return _for_api(Event.objects.filter(pk=permissions.get_event(user, pk).pk)).get()


@events.get("/events/{int:pk}", response={200: EventOut, **READ_ERRORS})
def get_event(request: HttpRequest, pk: int) -> Event:
    return _event(caller(request), pk)


@events.post("/events", response={201: EventOut, **WRITE_ERRORS})
def create_event(request: HttpRequest, payload: EventIn) -> Status[Event]:
    """An event of an organisation (a mentor's own, a head's, the coordinator's
    municipality's) or, with `organization_id` null, the authority's (the
    coordinator). 400 for an event ending before it starts."""
    user = caller(request)
    permissions.require(permissions.may_create_event(user))
    kind = chosen(permissions.visible_kinds(user), payload.kind_id, "kind_id")
    organization, municipality = None, None
    if payload.organization_id is None:
        permissions.require(permissions.may_organize_as_authority(user))
        municipality = chosen(
            permissions.authority_municipalities(user),
            kind.municipality_id,
            "kind_id",
        )
    else:
        organization = chosen(
            permissions.organizers(user), payload.organization_id, "organization_id"
        )
    data = EventData(
        kind=kind, **payload.model_dump(exclude={"organization_id", "kind_id"})
    )
    event = services.create_event(
        data=data, organization=organization, municipality=municipality, by=user
    )
    return Status(201, _event(user, event.pk))


@events.patch("/events/{int:pk}", response={200: EventOut, **WRITE_ERRORS})
def update_event(request: HttpRequest, pk: int, payload: EventPatch) -> Event:
    user = caller(request)
    event = permissions.get_event(user, pk, write=True)
    fields = payload.changes()
    if "kind_id" in fields:
        kinds = permissions.visible_kinds(user).filter(
            municipality_id=event.municipality_id
        )
        fields["kind"] = chosen(kinds, fields.pop("kind_id"), "kind_id")
    if fields:
        services.update_event(event=event, **fields)
    return _event(user, pk)


@events.delete("/events/{int:pk}", response={204: None, **WRITE_ERRORS})
def delete_event(request: HttpRequest, pk: int) -> Status[None]:
    """Delete an event nobody is involved in (400 otherwise)."""
    event = permissions.get_event(caller(request), pk, write=True)
    services.delete_event(event=event)
    return Status(204, None)


@events.post("/events/{int:pk}/materials", response={201: MaterialOut, **WRITE_ERRORS})
def upload_event_material(
    request: HttpRequest, pk: int, file: File[UploadedFile]
) -> Status[EventMaterial]:
    """Attach a file: PDF, DOCX, XLSX, ODT, JPEG or PNG up to 10 MB, checked by
    its content."""
    user = caller(request)
    event = permissions.get_event(user, pk, write=True)
    return Status(201, services.add_material(event=event, file=file, by=user))


# --------------------------------------------------------------- involvements


@involvements.get("/events/{int:pk}/involvements", response=list[InvolvementOut])
@paginate(PeoplePagination, people_ids=lambda i: [i.reserve_entry.person_id])
def list_involvements(request: HttpRequest, pk: int) -> QuerySet[Involvement]:
    """The reservists involved in the event whom the caller sees (logged, 152-ФЗ)."""
    user = caller(request)
    event = permissions.get_event(user, pk)
    return permissions.visible_involvements(user).filter(event=event).for_list()


@involvements.post(
    "/events/{int:pk}/involvements", response={201: InvolvementOut, **WRITE_ERRORS}
)
def create_involvement(
    request: HttpRequest, pk: int, payload: InvolvementIn
) -> Status[Involvement]:
    """A mentor involves a reservist of their active mentorship; the coordinator
    invites a reservist of the event's municipality. 400 for a deadline after
    the event or a reservist already involved; 422 for somebody else's
    reservist."""
    user = caller(request)
    event = permissions.get_event(user, pk)
    mentorship = (
        permissions.mentorships_to_involve(user)
        .filter(reserve_entry_id=payload.reserve_entry_id)
        .first()
        if permissions.may_involve(user, event)
        else None
    )
    if mentorship is not None:
        item = None
        if payload.plan_item_id is not None:
            item = chosen(
                permissions.plan_items_to_link(user),
                payload.plan_item_id,
                "plan_item_id",
            )
        made = services.involve(
            event=event,
            mentorship=mentorship,
            plan_item=item,
            degree=payload.degree,
            task=payload.task,
            prepare_by=payload.prepare_by,
            by=user,
        )
    elif permissions.may_invite_many(user, event):
        if payload.plan_item_id is not None:
            raise ValidationError(
                {"plan_item_id": _("Only the reservist's mentor links a plan item.")}
            )
        entry = chosen(
            permissions.entries_to_invite(user, event),
            payload.reserve_entry_id,
            "reserve_entry_id",
        )
        made = services.invite_many(
            event=event,
            entries=[entry],
            degree=payload.degree,
            task=payload.task,
            prepare_by=payload.prepare_by,
            by=user,
        )[0]
    elif permissions.may_involve(user, event):
        raise invalid_choice("reserve_entry_id")  # not the caller's reservist
    else:
        raise PermissionDenied
    return Status(201, permissions.get_involvement(user, made.pk))


@involvements.get(
    "/involvements/{int:pk}", response={200: InvolvementOut, **READ_ERRORS}
)
def get_involvement(request: HttpRequest, pk: int) -> Involvement:
    return permissions.get_involvement(caller(request), pk)


@involvements.delete("/involvements/{int:pk}", response={204: None, **WRITE_ERRORS})
def withdraw_involvement(request: HttpRequest, pk: int) -> Status[None]:
    """The mentor or the coordinator withdraws an invitation not yet marked."""
    user = caller(request)
    involvement = permissions.get_involvement(user, pk)
    permissions.require(permissions.may_withdraw(user, involvement))
    services.withdraw(involvement=involvement)
    return Status(204, None)


@involvements.post(
    "/involvements/{int:pk}/accept", response={200: InvolvementOut, **WRITE_ERRORS}
)
def accept_involvement(request: HttpRequest, pk: int) -> Involvement:
    """The reservist accepts the invitation."""
    user = caller(request)
    involvement = permissions.get_involvement(user, pk)
    permissions.require(permissions.may_respond(user, involvement))
    services.respond(involvement=involvement, accept=True)
    return permissions.get_involvement(user, pk)


@involvements.post(
    "/involvements/{int:pk}/decline", response={200: InvolvementOut, **WRITE_ERRORS}
)
def decline_involvement(
    request: HttpRequest, pk: int, payload: DeclineIn
) -> Involvement:
    """The reservist declines the invitation, with the reason."""
    user = caller(request)
    involvement = permissions.get_involvement(user, pk)
    permissions.require(permissions.may_respond(user, involvement))
    services.respond(involvement=involvement, accept=False, reason=payload.reason)
    return permissions.get_involvement(user, pk)


@involvements.post(
    "/involvements/{int:pk}/outcome", response={200: InvolvementOut, **WRITE_ERRORS}
)
def record_involvement_outcome(
    request: HttpRequest, pk: int, payload: OutcomeIn
) -> Involvement:
    """The reservist records the outcome: theses and a link."""
    user = caller(request)
    involvement = permissions.get_involvement(user, pk)
    permissions.require(permissions.may_record_outcome(user, involvement))
    services.record_outcome(
        involvement=involvement, text=payload.text, link=payload.link
    )
    return permissions.get_involvement(user, pk)


@involvements.post(
    "/involvements/{int:pk}/outcome-file",
    response={200: InvolvementOut, **WRITE_ERRORS},
)
def upload_involvement_outcome_file(
    request: HttpRequest, pk: int, file: File[UploadedFile]
) -> Involvement:
    """The reservist attaches the presentation or another file of the outcome:
    PDF, DOCX, XLSX, ODT, JPEG or PNG up to 10 MB, checked by its content."""
    user = caller(request)
    involvement = permissions.get_involvement(user, pk)
    permissions.require(permissions.may_record_outcome(user, involvement))
    services.record_outcome(
        involvement=involvement,
        text=involvement.outcome_text,
        link=involvement.outcome_link,
        file=file,
    )
    return permissions.get_involvement(user, pk)


@involvements.post(
    "/involvements/{int:pk}/attendance",
    response={200: InvolvementOut, **WRITE_ERRORS},
)
def mark_involvement_attendance(
    request: HttpRequest, pk: int, payload: AttendanceIn
) -> Involvement:
    """The mentor marks attendance and may leave feedback; a linked plan item
    becomes done (400 with the reason when its plan cannot take the mark). 403
    for the reservist."""
    user = caller(request)
    involvement = permissions.get_involvement(user, pk)
    permissions.require(permissions.may_mark_attendance(user, involvement))
    item = involvement.plan_item
    services.mark_attendance(
        involvement=involvement,
        attended=payload.attended,
        feedback=payload.feedback,
        complete_item=payload.complete_item,
        confirm=item is not None and permissions.may_confirm_item(user, item),
        by=user,
    )
    return permissions.get_involvement(user, pk)


router.add_router("", events)
router.add_router("", involvements)

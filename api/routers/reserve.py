"""`/target-positions` and `/reserve-entries`: the management reserve (clause 4)."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from accounts.models import User
from api.auth import caller
from api.choices import chosen, chosen_or_first
from api.pagination import ApiPagination, PeoplePagination
from api.schemas.common import READ_ERRORS, WRITE_ERRORS
from api.schemas.reserve import (
    AppointIn,
    ExcludeIn,
    ReserveEntryFilter,
    ReserveEntryIn,
    ReserveEntryOut,
    ReserveEntryPatch,
    TargetPositionIn,
    TargetPositionOut,
    TargetPositionPatch,
)
from organizations.permissions import managed_municipalities
from people.models import PersonViewLog
from people.permissions import visible_people
from people.services import record_person_view
from reserve import permissions, services
from reserve.models import ReserveEntry, ReserveEntryQuerySet, TargetPosition

router = Router()
target_positions = Router(tags=["target-positions"])
entries = Router(tags=["reserve-entries"])


# ---------------------------------------------------------- target positions


@target_positions.get("/target-positions", response=list[TargetPositionOut])
@paginate(ApiPagination)
def list_target_positions(request: HttpRequest) -> QuerySet[TargetPosition]:
    """Target positions of the caller's municipalities, by name."""
    return permissions.visible_target_positions(caller(request)).order_by("name", "pk")


@target_positions.get(
    "/target-positions/{int:pk}", response={200: TargetPositionOut, **READ_ERRORS}
)
def get_target_position(request: HttpRequest, pk: int) -> TargetPosition:
    return permissions.get_target_position(caller(request), pk)


@target_positions.post(
    "/target-positions", response={201: TargetPositionOut, **WRITE_ERRORS}
)
def create_target_position(
    request: HttpRequest, payload: TargetPositionIn
) -> Status[TargetPosition]:
    """Add a target position to one of the caller's municipalities (coordinator)."""
    municipalities = managed_municipalities(caller(request))
    if not municipalities.exists():
        raise PermissionDenied
    municipality = chosen_or_first(
        municipalities, payload.municipality_id, "municipality_id"
    )
    position = services.create_target_position(
        municipality=municipality, name=payload.name
    )
    return Status(201, position)


@target_positions.patch(
    "/target-positions/{int:pk}", response={200: TargetPositionOut, **WRITE_ERRORS}
)
def update_target_position(
    request: HttpRequest, pk: int, payload: TargetPositionPatch
) -> TargetPosition:
    position = permissions.get_target_position(caller(request), pk, write=True)
    fields = payload.changes()
    if not fields:
        return position
    return services.update_target_position(target_position=position, **fields)


@target_positions.delete(
    "/target-positions/{int:pk}", response={204: None, **WRITE_ERRORS}
)
def delete_target_position(request: HttpRequest, pk: int) -> Status[None]:
    """Delete a target position; 400 while reserve entries use it."""
    position = permissions.get_target_position(caller(request), pk, write=True)
    services.delete_target_position(target_position=position)
    return Status(204, None)


# ------------------------------------------------------------ reserve entries


def _target_positions(user: User, municipality_id: int) -> QuerySet[TargetPosition]:
    return permissions.visible_target_positions(user).filter(
        municipality_id=municipality_id
    )


@entries.get("/reserve-entries", response=list[ReserveEntryOut])
@paginate(
    PeoplePagination,
    people_ids=lambda entry: [entry.person_id],
    annotate=ReserveEntryQuerySet.for_list,
    pick_keys=ReserveEntryQuerySet.page_keys,
)
def list_reserve_entries(
    request: HttpRequest, filters: Query[ReserveEntryFilter]
) -> QuerySet[ReserveEntry]:
    """Reserve entries in the caller's scope, by the reservist's name; the page's
    reservists are logged (152-ФЗ)."""
    found = permissions.visible_reserve_entries(caller(request)).in_list_order()
    return found.filtered(
        q=filters.q,
        organization_id=filters.organization_id,
        target_position_id=filters.target_position_id,
        status=filters.status,
        has_mentor=filters.has_mentor,
        has_approved_plan=filters.plan_approved,
    )


@entries.get(
    "/reserve-entries/{int:pk}", response={200: ReserveEntryOut, **READ_ERRORS}
)
def get_reserve_entry(request: HttpRequest, pk: int) -> ReserveEntry:
    """One entry; the access to the reservist's card is logged (152-ФЗ)."""
    user = caller(request)
    entry = permissions.get_reserve_entry(user, pk)
    record_person_view(
        person=entry.person,
        user=user,
        channel=PersonViewLog.Channel.API,
        source=request.path,
    )
    return entry


@entries.post("/reserve-entries", response={201: ReserveEntryOut, **WRITE_ERRORS})
def include_in_reserve(
    request: HttpRequest, payload: ReserveEntryIn
) -> Status[ReserveEntry]:
    """Include a person of the caller's municipality in the reserve (coordinator)."""
    user = caller(request)
    if not permissions.may_manage_reserve(user):
        raise PermissionDenied
    municipalities = managed_municipalities(user)
    people = visible_people(user).filter(organization__municipality__in=municipalities)
    targets = permissions.visible_target_positions(user).filter(
        municipality__in=municipalities
    )
    fields = payload.model_dump(exclude={"person_id", "target_position_id"})
    entry = services.include_in_reserve(
        person=chosen(
            people.select_related("organization__municipality"),
            payload.person_id,
            "person_id",
        ),
        target_position=chosen(
            targets, payload.target_position_id, "target_position_id"
        ),
        **fields,
    )
    return Status(201, entry)


@entries.patch(
    "/reserve-entries/{int:pk}", response={200: ReserveEntryOut, **WRITE_ERRORS}
)
def update_reserve_entry(
    request: HttpRequest, pk: int, payload: ReserveEntryPatch
) -> ReserveEntry:
    """Correct an active entry (coordinator); 400 once the entry has ended."""
    user = caller(request)
    entry = permissions.get_reserve_entry(user, pk, write=True)
    fields = payload.changes()
    if "target_position_id" in fields:
        targets = _target_positions(user, entry.person.organization.municipality_id)
        target_id = fields.pop("target_position_id")
        fields["target_position"] = chosen(targets, target_id, "target_position_id")
    return services.update_reserve_entry(entry=entry, **fields)


@entries.post(
    "/reserve-entries/{int:pk}/appoint",
    response={200: ReserveEntryOut, **WRITE_ERRORS},
)
def appoint_reservist(
    request: HttpRequest, pk: int, payload: AppointIn
) -> ReserveEntry:
    """Mark the reservist appointed; their mentorship ends (coordinator)."""
    entry = permissions.get_reserve_entry(caller(request), pk, write=True)
    return services.appoint_reservist(
        entry=entry, position_name=payload.position, appointed_on=payload.appointed_on
    )


@entries.post(
    "/reserve-entries/{int:pk}/exclude",
    response={200: ReserveEntryOut, **WRITE_ERRORS},
)
def exclude_reservist(
    request: HttpRequest, pk: int, payload: ExcludeIn
) -> ReserveEntry:
    """Exclude the reservist from the reserve; their mentorship ends (coordinator)."""
    entry = permissions.get_reserve_entry(caller(request), pk, write=True)
    return services.exclude_reservist(
        entry=entry, excluded_on=payload.excluded_on, reason=payload.reason
    )


router.add_router("", target_positions)
router.add_router("", entries)

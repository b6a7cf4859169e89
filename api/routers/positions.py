"""`/positions`: the position catalogues of the caller's municipalities."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from api.auth import caller
from api.choices import chosen_or_first
from api.pagination import ApiPagination
from api.schemas.common import READ_ERRORS, WRITE_ERRORS
from api.schemas.people import PositionFilter, PositionIn, PositionOut, PositionPatch
from organizations.permissions import managed_municipalities
from people import permissions, services
from people.models import Position

router = Router(tags=["positions"])


@router.get("/positions", response=list[PositionOut])
@paginate(ApiPagination)
def list_positions(
    request: HttpRequest, filters: Query[PositionFilter]
) -> QuerySet[Position]:
    """Positions of the caller's municipalities, by name."""
    positions = permissions.visible_positions(caller(request)).order_by("name", "pk")
    if filters.is_administrative is not None:
        positions = positions.filter(is_administrative=filters.is_administrative)
    return positions


@router.get("/positions/{int:pk}", response={200: PositionOut, **READ_ERRORS})
def get_position(request: HttpRequest, pk: int) -> Position:
    return permissions.get_position(caller(request), pk)


@router.post("/positions", response={201: PositionOut, **WRITE_ERRORS})
def create_position(request: HttpRequest, payload: PositionIn) -> Status[Position]:
    """Add a position to one of the caller's catalogues (coordinator)."""
    municipalities = managed_municipalities(caller(request))
    if not municipalities.exists():
        raise PermissionDenied
    municipality = chosen_or_first(
        municipalities, payload.municipality_id, "municipality_id"
    )
    fields = payload.model_dump(exclude={"municipality_id"})
    position = services.create_position(municipality=municipality, **fields)
    return Status(201, position)


@router.patch("/positions/{int:pk}", response={200: PositionOut, **WRITE_ERRORS})
def update_position(request: HttpRequest, pk: int, payload: PositionPatch) -> Position:
    position = permissions.get_position(caller(request), pk, write=True)
    return services.update_position(position=position, **payload.changes())


@router.delete("/positions/{int:pk}", response={204: None, **WRITE_ERRORS})
def delete_position(request: HttpRequest, pk: int) -> Status[None]:
    """Delete a position; 400 while people hold it."""
    position = permissions.get_position(caller(request), pk, write=True)
    services.delete_position(position=position)
    return Status(204, None)

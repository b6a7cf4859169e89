"""`/municipalities`: the caller's municipalities; a coordinator edits their own."""

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate

from api.auth import caller
from api.pagination import ApiPagination
from api.schemas.common import READ_ERRORS, WRITE_ERRORS
from api.schemas.organizations import MunicipalityOut, MunicipalityPatch
from organizations import permissions, services
from organizations.models import Municipality

router = Router(tags=["municipalities"])


@router.get("/municipalities", response=list[MunicipalityOut])
@paginate(ApiPagination)
def list_municipalities(request: HttpRequest) -> QuerySet[Municipality]:
    """Municipalities the caller works in."""
    return permissions.visible_municipalities(caller(request)).order_by("name", "pk")


@router.get("/municipalities/{int:pk}", response={200: MunicipalityOut, **READ_ERRORS})
def get_municipality(request: HttpRequest, pk: int) -> Municipality:
    return permissions.get_municipality(caller(request), pk)


@router.patch(
    "/municipalities/{int:pk}", response={200: MunicipalityOut, **WRITE_ERRORS}
)
def update_municipality(
    request: HttpRequest, pk: int, payload: MunicipalityPatch
) -> Municipality:
    """Change the requisites; only the municipality's coordinator may."""
    municipality = permissions.get_municipality(caller(request), pk, write=True)
    return services.update_municipality(municipality=municipality, **payload.changes())

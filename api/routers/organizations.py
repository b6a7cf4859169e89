"""`/organizations`: educational organisations in the caller's scope."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from api.auth import caller
from api.choices import chosen, chosen_or_first
from api.pagination import ApiPagination
from api.schemas.common import READ_ERRORS, WRITE_ERRORS
from api.schemas.organizations import (
    OrganizationFilter,
    OrganizationIn,
    OrganizationListOut,
    OrganizationOut,
    OrganizationPatch,
)
from organizations import permissions, services
from organizations.models import Organization, OrganizationQuerySet
from people.permissions import visible_people

router = Router(tags=["organizations"])


@router.get("/organizations", response=list[OrganizationListOut])
@paginate(ApiPagination, annotate=OrganizationQuerySet.for_list)
def list_organizations(
    request: HttpRequest, filters: Query[OrganizationFilter]
) -> QuerySet[Organization]:
    """Organisations in the caller's scope, by short name."""
    organizations = permissions.visible_organizations(caller(request)).in_list_order()
    return organizations.filtered(q=filters.q, kind=filters.kind)


@router.get("/organizations/{int:pk}", response={200: OrganizationOut, **READ_ERRORS})
def get_organization(request: HttpRequest, pk: int) -> Organization:
    return permissions.get_organization(caller(request), pk)


@router.post("/organizations", response={201: OrganizationOut, **WRITE_ERRORS})
def create_organization(
    request: HttpRequest, payload: OrganizationIn
) -> Status[Organization]:
    """Add an organisation to one of the caller's municipalities (coordinator)."""
    user = caller(request)
    if not permissions.may_create_organization(user):
        raise PermissionDenied
    municipality = chosen_or_first(
        permissions.managed_municipalities(user),
        payload.municipality_id,
        "municipality_id",
    )
    fields = payload.model_dump(exclude={"municipality_id"})
    organization = services.create_organization(municipality=municipality, **fields)
    return Status(201, organization)


@router.patch(
    "/organizations/{int:pk}", response={200: OrganizationOut, **WRITE_ERRORS}
)
def update_organization(
    request: HttpRequest, pk: int, payload: OrganizationPatch
) -> Organization:
    """Change an organisation; `head_id` must be one of its people."""
    user = caller(request)
    organization = permissions.get_organization(user, pk, write=True)
    fields = payload.changes()
    if "head_id" in fields:
        head_id = fields.pop("head_id")
        staff = visible_people(user).filter(organization=organization)
        fields["head"] = None if head_id is None else chosen(staff, head_id, "head_id")
    return services.update_organization(organization=organization, **fields)


@router.delete("/organizations/{int:pk}", response={204: None, **WRITE_ERRORS})
def delete_organization(request: HttpRequest, pk: int) -> Status[None]:
    """Delete an organisation; 400 while people work there."""
    organization = permissions.get_organization(caller(request), pk, write=True)
    services.delete_organization(organization=organization)
    return Status(204, None)

"""`/people`: employees in the caller's scope (personal data, 152-ФЗ)."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from accounts.models import User
from api.auth import caller
from api.choices import chosen
from api.pagination import PeoplePagination
from api.schemas.common import READ_ERRORS, WRITE_ERRORS
from api.schemas.people import PersonFilter, PersonIn, PersonOut, PersonPatch
from organizations.models import Organization
from organizations.permissions import managed_municipalities, visible_organizations
from people import permissions, services
from people.models import Person, PersonViewLog

router = Router(tags=["people"])


def _organizations(user: User) -> QuerySet[Organization]:
    """Where the caller may put people: as on the HTML form."""
    return visible_organizations(user).filter(
        municipality__in=managed_municipalities(user)
    )


def _resolve(user: User, fields: dict) -> dict:
    """Swap `organization_id` and `position_id` for objects the caller may choose."""
    if "organization_id" in fields:
        pk = fields.pop("organization_id")
        fields["organization"] = chosen(_organizations(user), pk, "organization_id")
    if "position_id" in fields:
        pk = fields.pop("position_id")
        positions = permissions.visible_positions(user)
        fields["position"] = chosen(positions, pk, "position_id")
    return fields


@router.get("/people", response=list[PersonOut])
@paginate(PeoplePagination, people_ids=lambda person: [person.pk])
def list_people(request: HttpRequest, filters: Query[PersonFilter]) -> QuerySet[Person]:
    """People in the caller's scope, by name; the page's people are logged."""
    people = permissions.visible_people(caller(request)).for_list()
    return people.filtered(
        q=filters.q,
        organization_id=filters.organization_id,
        position_id=filters.position_id,
        is_administrative=filters.is_administrative,
    )


@router.get("/people/{int:pk}", response={200: PersonOut, **READ_ERRORS})
def get_person(request: HttpRequest, pk: int) -> Person:
    """One person; the access is logged (152-ФЗ)."""
    user = caller(request)
    person = permissions.get_person(user, pk)
    services.record_person_view(
        person=person, user=user, channel=PersonViewLog.Channel.API, source=request.path
    )
    return person


@router.post("/people", response={201: PersonOut, **WRITE_ERRORS})
def create_person(request: HttpRequest, payload: PersonIn) -> Status[Person]:
    """Add a person to an organisation of the caller's municipality (coordinator)."""
    user = caller(request)
    if not permissions.may_create_person(user):
        raise PermissionDenied
    person = services.create_person(**_resolve(user, payload.model_dump()))
    return Status(201, person)


@router.patch("/people/{int:pk}", response={200: PersonOut, **WRITE_ERRORS})
def update_person(request: HttpRequest, pk: int, payload: PersonPatch) -> Person:
    user = caller(request)
    person = permissions.get_person(user, pk, write=True)
    fields = _resolve(user, payload.changes())
    return services.update_person(person=person, **fields)


@router.delete("/people/{int:pk}", response={204: None, **WRITE_ERRORS})
def delete_person(request: HttpRequest, pk: int) -> Status[None]:
    """Delete a person; 400 while other records refer to them."""
    person = permissions.get_person(caller(request), pk, write=True)
    services.delete_person(person=person)
    return Status(204, None)

"""`/legal-acts` and their editions: the catalogue of normative legal acts
(clause 8.8). Everyone of a municipality reads it; its coordinator keeps it."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from api.auth import caller
from api.choices import chosen_or_first
from api.pagination import ApiPagination
from api.schemas.common import READ_ERRORS, WRITE_ERRORS
from api.schemas.legal_acts import (
    EditionIn,
    EditionOut,
    LegalActFilter,
    LegalActIn,
    LegalActOut,
    LegalActPatch,
)
from legal_acts import permissions, services
from legal_acts.models import LegalAct, LegalActEdition
from organizations.permissions import managed_municipalities

router = Router(tags=["legal-acts"])


def _act_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """The API's `type` is the model's `kind`."""
    if "type" in fields:
        fields["kind"] = fields.pop("type")
    return fields


@router.get("/legal-acts", response=list[LegalActOut])
@paginate(ApiPagination)
def list_legal_acts(
    request: HttpRequest, filters: Query[LegalActFilter]
) -> QuerySet[LegalAct]:
    """Acts of the caller's municipalities, the latest first."""
    return (
        permissions.visible_legal_acts(caller(request))
        .in_list_order()
        .filtered(q=filters.q, level=filters.level or "", kind=filters.type or "")
    )


@router.get("/legal-acts/{int:pk}", response={200: LegalActOut, **READ_ERRORS})
def get_legal_act(request: HttpRequest, pk: int) -> LegalAct:
    return permissions.get_legal_act(caller(request), pk)


@router.post("/legal-acts", response={201: LegalActOut, **WRITE_ERRORS})
def create_legal_act(request: HttpRequest, payload: LegalActIn) -> Status[LegalAct]:
    """Add an act to one of the caller's municipalities (coordinator)."""
    user = caller(request)
    if not permissions.may_manage_legal_acts(user):
        raise PermissionDenied
    municipality = chosen_or_first(
        managed_municipalities(user), payload.municipality_id, "municipality_id"
    )
    fields = _act_fields(payload.model_dump(exclude={"municipality_id"}))
    act = services.create_legal_act(municipality=municipality, **fields)
    return Status(201, act)


@router.patch("/legal-acts/{int:pk}", response={200: LegalActOut, **WRITE_ERRORS})
def update_legal_act(request: HttpRequest, pk: int, payload: LegalActPatch) -> LegalAct:
    act = permissions.get_legal_act(caller(request), pk, write=True)
    fields = _act_fields(payload.changes())
    if not fields:
        return act
    return services.update_legal_act(act=act, **fields)


@router.get("/legal-acts/{int:pk}/editions", response=list[EditionOut])
@paginate(ApiPagination)
def list_editions(request: HttpRequest, pk: int) -> QuerySet[LegalActEdition]:
    """The act's editions, the latest first."""
    act = permissions.get_legal_act(caller(request), pk)
    return act.editions.order_by("-effective_on", "-pk")


@router.post(
    "/legal-acts/{int:pk}/editions", response={201: EditionOut, **WRITE_ERRORS}
)
def add_edition(
    request: HttpRequest, pk: int, payload: EditionIn
) -> Status[LegalActEdition]:
    """Record an amendment of the act (its coordinator); 400 before the act's date."""
    act = permissions.get_legal_act(caller(request), pk, write=True)
    edition = services.add_edition(act=act, **payload.model_dump())
    return Status(201, edition)

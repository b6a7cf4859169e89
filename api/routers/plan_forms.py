"""`/plan-forms`: the approved form of the individual plan, with its versions,
sections and suggested activities (clause 8.1: «по утвержденной форме»)."""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.http import Http404, HttpRequest
from ninja import Router, Status
from ninja.pagination import paginate

from accounts.models import User
from api.auth import caller
from api.choices import chosen_or_first
from api.pagination import ApiPagination
from api.schemas.common import READ_ERRORS, WRITE_ERRORS
from api.schemas.plan_forms import (
    FormVersionApproveIn,
    FormVersionOut,
    FormVersionPatch,
    PlanFormIn,
    PlanFormListOut,
    PlanFormOut,
)
from organizations.permissions import managed_municipalities
from plans import permissions, queries, services
from plans.models import PlanForm, PlanFormVersion

router = Router(tags=["plan-forms"])


def _with_structure(form: PlanForm) -> PlanForm:
    """The form with every version, section and suggestion (three queries)."""
    versions = PlanFormVersion.objects.order_by("-number").prefetch_related(
        "sections__suggested_items"
    )
    prefetch_related_objects([form], Prefetch("versions", queryset=versions))
    return form


def _version(
    user: User, pk: int, version_id: int, *, write: bool = False
) -> PlanFormVersion:
    """A version of a visible form; 404 unless it is that form's."""
    form = permissions.get_plan_form(user, pk, write=write)
    version = form.versions.filter(pk=version_id).first()
    if version is None:
        raise Http404
    version.form = form
    return version


def _version_out(version: PlanFormVersion) -> PlanFormVersion:
    prefetch_related_objects([version], "sections__suggested_items")
    return version


@router.get("/plan-forms", response=list[PlanFormListOut])
@paginate(ApiPagination)
def list_plan_forms(request: HttpRequest) -> QuerySet[PlanForm]:
    """Forms of the caller's municipalities, by name, with their versions."""
    forms = permissions.visible_plan_forms(caller(request)).order_by("name", "pk")
    return queries.forms_for_list(forms)


@router.get("/plan-forms/{int:pk}", response={200: PlanFormOut, **READ_ERRORS})
def get_plan_form(request: HttpRequest, pk: int) -> PlanForm:
    """One form with every version, its sections and suggested activities."""
    return _with_structure(permissions.get_plan_form(caller(request), pk))


@router.post("/plan-forms", response={201: PlanFormOut, **WRITE_ERRORS})
def create_plan_form(request: HttpRequest, payload: PlanFormIn) -> Status[PlanForm]:
    """A new form with a draft first version of the default sections (coordinator)."""
    user = caller(request)
    municipalities = managed_municipalities(user)
    if not municipalities.exists():
        raise PermissionDenied
    municipality = chosen_or_first(
        municipalities, payload.municipality_id, "municipality_id"
    )
    permissions.require(permissions.may_manage_plan_forms(user, municipality.pk))
    form = services.create_plan_form(municipality=municipality, name=payload.name)
    return Status(201, _with_structure(form))


@router.get(
    "/plan-forms/{int:pk}/versions/{int:version_id}",
    response={200: FormVersionOut, **READ_ERRORS},
)
def get_plan_form_version(
    request: HttpRequest, pk: int, version_id: int
) -> PlanFormVersion:
    return _version_out(_version(caller(request), pk, version_id))


@router.post(
    "/plan-forms/{int:pk}/versions", response={201: FormVersionOut, **WRITE_ERRORS}
)
def create_plan_form_version(request: HttpRequest, pk: int) -> Status[PlanFormVersion]:
    """A draft copy of the newest version; 400 while a draft exists (coordinator)."""
    form = permissions.get_plan_form(caller(request), pk, write=True)
    version = services.new_form_version(form=form)
    return Status(201, _version_out(version))


@router.patch(
    "/plan-forms/{int:pk}/versions/{int:version_id}",
    response={200: FormVersionOut, **WRITE_ERRORS},
)
def update_plan_form_version(
    request: HttpRequest, pk: int, version_id: int, payload: FormVersionPatch
) -> PlanFormVersion:
    """Column titles and sections of a draft version; 400 once it is approved or
    for a section of another version."""
    version = _version(caller(request), pk, version_id, write=True)
    column_titles: dict[str, str] = version.column_titles
    if payload.column_titles is not None:
        column_titles = {key: title for key, title in payload.column_titles.items()}
    sections: list[tuple[int | None, str]]
    if payload.sections is None:
        sections = list(version.sections.values_list("pk", "title"))
    else:
        sections = [(s.id, s.title) for s in payload.sections]
    version = services.update_form_version(
        version=version, column_titles=column_titles, sections=sections
    )
    return _version_out(version)


@router.post(
    "/plan-forms/{int:pk}/versions/{int:version_id}/approve",
    response={200: FormVersionOut, **WRITE_ERRORS},
)
def approve_plan_form_version(
    request: HttpRequest, pk: int, version_id: int, payload: FormVersionApproveIn
) -> PlanFormVersion:
    """Approve a draft version with the requisites of the approving document; new
    plans use it from then on, and it is read-only (coordinator)."""
    version = _version(caller(request), pk, version_id, write=True)
    version = services.approve_form_version(version=version, **payload.model_dump())
    return _version_out(version)

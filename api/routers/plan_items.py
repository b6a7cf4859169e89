"""`/plans/{id}/items`: the rows of a plan, their progress and evidence files.

Every change of a row carries the row's `version` as the caller saw it; when
somebody changed the row meanwhile the answer is 409 and nothing is saved."""

from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest
from ninja import File, Query, Router, Status, UploadedFile
from ninja.pagination import paginate

from accounts.models import User
from api.auth import caller
from api.choices import chosen
from api.files import DOCX, PDF, file_response
from api.pagination import ApiPagination
from api.schemas.common import READ_ERRORS, WRITE_ERRORS
from api.schemas.plans import (
    DeadlinesIn,
    DeadlinesOut,
    DeleteItemQuery,
    EvidenceOut,
    ItemFilter,
    ItemVersionIn,
    MarkIn,
    PlanItemIn,
    PlanItemOut,
    PlanItemPatch,
    ReorderIn,
)
from plans import permissions, services
from plans.models import Evidence, IndividualPlan, PlanFormSection, PlanItem
from plans.services import ItemData

router = Router()
items = Router(tags=["plan-items"])
evidence = Router(tags=["plan-items"])


def _editable_plan(user: User, pk: int) -> IndividualPlan:
    """A visible plan the caller drafts (its mentor or reservist); 403 otherwise."""
    plan = permissions.get_plan(user, pk)
    permissions.require(permissions.may_edit(user, plan))
    return plan


def _restructurable_plan(user: User, pk: int) -> IndividualPlan:
    """A visible plan whose rows the caller reorders, excludes and redates in bulk
    (on an approved plan only its mentor); 403 otherwise."""
    plan = permissions.get_plan(user, pk)
    permissions.require(permissions.may_restructure(user, plan))
    return plan


def _sections(plan: IndividualPlan) -> QuerySet[PlanFormSection]:
    return PlanFormSection.objects.filter(version_id=plan.form_version_id)


def _rows(plan: IndividualPlan) -> QuerySet[PlanItem]:
    """The plan's rows in the document's order, with their files (two queries)."""
    return (
        plan.items.select_related("section", "confirmed_by__person")
        .prefetch_related("files")
        .order_by("section__position", "position", "pk")
    )


@items.get("/plans/{int:pk}/items", response=list[PlanItemOut])
@paginate(ApiPagination)
def list_plan_items(
    request: HttpRequest, pk: int, filters: Query[ItemFilter]
) -> QuerySet[PlanItem]:
    """The plan's rows by section and order, with progress and files."""
    found = _rows(permissions.get_plan_row(caller(request), pk))
    if filters.section_id is not None:
        found = found.filter(section_id=filters.section_id)
    if filters.status:
        found = found.filter(status=filters.status)
    return found


@items.post("/plans/{int:pk}/items", response={201: PlanItemOut, **WRITE_ERRORS})
def create_plan_item(
    request: HttpRequest, pk: int, payload: PlanItemIn
) -> Status[PlanItem]:
    """Add a row to a draft, or to an approved plan as a change to re-approve.
    400 for a deadline outside the period or a plan awaiting approval."""
    user = caller(request)
    plan = _editable_plan(user, pk)
    section = chosen(_sections(plan), payload.section_id, "section_id")
    data = ItemData(section=section, **payload.model_dump(exclude={"section_id"}))
    return Status(201, services.add_item(plan=plan, by=user, data=data))


@items.get(
    "/plans/{int:pk}/items/{int:item_id}", response={200: PlanItemOut, **READ_ERRORS}
)
def get_plan_item(request: HttpRequest, pk: int, item_id: int) -> PlanItem:
    user = caller(request)
    return permissions.get_item(user, permissions.get_plan_row(user, pk), item_id)


@items.patch(
    "/plans/{int:pk}/items/{int:item_id}", response={200: PlanItemOut, **WRITE_ERRORS}
)
def update_plan_item(
    request: HttpRequest, pk: int, item_id: int, payload: PlanItemPatch
) -> PlanItem:
    """Change a row; in an approved plan the change awaits re-approval. 409 when
    the row changed since the caller's `version`."""
    user = caller(request)
    plan = _editable_plan(user, pk)
    item = permissions.get_item(user, plan, item_id)
    fields = payload.changes()
    expected = fields.pop("version")
    if "section_id" in fields:
        fields["section"] = chosen(
            _sections(plan), fields.pop("section_id"), "section_id"
        )
    return services.update_item(item=item, by=user, expected_version=expected, **fields)


@items.delete(
    "/plans/{int:pk}/items/{int:item_id}", response={204: None, **WRITE_ERRORS}
)
def delete_plan_item(
    request: HttpRequest, pk: int, item_id: int, query: Query[DeleteItemQuery]
) -> Status[None]:
    """Delete a row of a draft; in an approved plan the row is cancelled."""
    user = caller(request)
    plan = _restructurable_plan(user, pk)
    item = permissions.get_item(user, plan, item_id)
    services.remove_item(item=item, by=user, expected_version=query.version)
    return Status(204, None)


@items.post(
    "/plans/{int:pk}/items/{int:item_id}/mark",
    response={200: PlanItemOut, **WRITE_ERRORS},
)
def mark_plan_item(
    request: HttpRequest, pk: int, item_id: int, payload: MarkIn
) -> PlanItem:
    """Record the progress of a row of an approved plan: in progress, done (with
    the date and evidence) or not done (with the reason)."""
    user = caller(request)
    plan = _editable_plan(user, pk)
    item = permissions.get_item(user, plan, item_id)
    fields = payload.model_dump(exclude={"version"})
    return services.mark_item(item=item, expected_version=payload.version, **fields)


@items.post(
    "/plans/{int:pk}/items/{int:item_id}/confirm",
    response={200: PlanItemOut, **WRITE_ERRORS},
)
def confirm_plan_item(
    request: HttpRequest, pk: int, item_id: int, payload: ItemVersionIn
) -> PlanItem:
    """The mentor confirms that a row was done."""
    user = caller(request)
    plan = permissions.get_plan(user, pk)
    permissions.require(permissions.may_confirm(user, plan))
    item = permissions.get_item(user, plan, item_id)
    return services.confirm_item(item=item, by=user, expected_version=payload.version)


@items.post("/plans/{int:pk}/items/reorder", response={204: None, **WRITE_ERRORS})
def reorder_plan_items(
    request: HttpRequest, pk: int, payload: ReorderIn
) -> Status[None]:
    """Put the rows in the given order; 400 unless the ids are the plan's rows."""
    user = caller(request)
    plan = _restructurable_plan(user, pk)
    services.reorder_items(plan=plan, by=user, item_ids=payload.item_ids)
    return Status(204, None)


@items.post(
    "/plans/{int:pk}/items/deadlines", response={200: DeadlinesOut, **WRITE_ERRORS}
)
def set_plan_item_deadlines(
    request: HttpRequest, pk: int, payload: DeadlinesIn
) -> dict:
    """Give several rows one deadline within the plan's period."""
    user = caller(request)
    plan = _restructurable_plan(user, pk)
    result = services.set_deadlines(
        plan=plan, by=user, item_ids=payload.item_ids, deadline=payload.deadline
    )
    return {"changed": result.changed, "skipped": result.skipped}


@evidence.post(
    "/plans/{int:pk}/items/{int:item_id}/evidence",
    response={201: EvidenceOut, **WRITE_ERRORS},
)
def upload_plan_item_evidence(
    request: HttpRequest, pk: int, item_id: int, file: File[UploadedFile]
) -> Status[Evidence]:
    """Attach a file proving the row was done: PDF, DOCX, XLSX, ODT, JPEG or PNG up
    to 10 MB, checked by its content."""
    user = caller(request)
    plan = _editable_plan(user, pk)
    item = permissions.get_item(user, plan, item_id)
    return Status(201, services.add_evidence(item=item, file=file, by=user))


@evidence.get(
    "/evidence/{int:pk}",
    response=READ_ERRORS,
    openapi_extra=file_response(
        "The evidence file.", PDF, DOCX, "image/jpeg", "image/png"
    ),
)
def get_evidence(request: HttpRequest, pk: int) -> FileResponse:
    """An evidence file, to those who see its plan."""
    found = permissions.get_evidence(caller(request), pk)
    return FileResponse(
        found.file.open("rb"), as_attachment=True, filename=found.original_name
    )


router.add_router("", items)
router.add_router("", evidence)

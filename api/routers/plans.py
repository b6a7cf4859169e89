"""`/plans`: individual training plans on the approved form (clause 8.1): drafted
by the mentor and the reservist, submitted, approved or returned with remarks,
completed; the plan as a document, and its discussion."""

from collections.abc import Callable

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Status
from ninja.pagination import paginate

from accounts.models import User
from api.auth import caller
from api.choices import chosen
from api.files import DOCX, PDF, file_response
from api.pagination import ApiPagination, PeoplePagination
from api.schemas.common import READ_ERRORS, WRITE_ERRORS, ErrorOut
from api.schemas.plans import (
    ApproveIn,
    CommentFilter,
    CommentIn,
    CommentOut,
    DocumentQuery,
    PlanFilter,
    PlanIn,
    PlanListOut,
    PlanOut,
    PlanVersionIn,
    ReturnIn,
)
from people.models import PersonViewLog
from people.services import record_people_access
from plans import permissions, queries, services
from plans.document_services import render_plan
from plans.models import Comment, IndividualPlan
from reserve.permissions import visible_reserve_entries

router = Router()
plans = Router(tags=["plans"])
comments = Router(tags=["plan-comments"])


# ---------------------------------------------------------------------- plans


@plans.get("/plans", response=list[PlanListOut])
@paginate(
    PeoplePagination,
    people_ids=lambda plan: [plan.reserve_entry.person_id, plan.mentor_id],
    annotate=queries.annotate_listed,
)
def list_plans(
    request: HttpRequest, filters: Query[PlanFilter]
) -> QuerySet[IndividualPlan]:
    """Plans in the caller's scope, the latest first, with their progress; the
    page's reservists and mentors are logged (152-ФЗ)."""
    found = queries.plans_in_list_order(permissions.visible_plans(caller(request)))
    if filters.status:
        found = found.filter(status=filters.status)
    if filters.organization_id is not None:
        found = found.filter(
            reserve_entry__person__organization_id=filters.organization_id
        )
    if filters.reserve_entry_id is not None:
        found = found.filter(reserve_entry_id=filters.reserve_entry_id)
    if filters.mentor_id is not None:
        found = found.filter(mentor_id=filters.mentor_id)
    if filters.has_overdue is not None:
        found = (
            found.with_overdue_items()
            if filters.has_overdue
            else found.without_overdue_items()
        )
    return found


@plans.get("/plans/{int:pk}", response={200: PlanOut, **READ_ERRORS})
def get_plan(request: HttpRequest, pk: int) -> IndividualPlan:
    """One plan with its progress and the changes made after approval."""
    return permissions.get_plan(caller(request), pk)


@plans.post("/plans", response={201: PlanOut, **WRITE_ERRORS})
def create_plan(request: HttpRequest, payload: PlanIn) -> Status[IndividualPlan]:
    """A draft plan on the current approved form, started by the reservist or their
    mentor; optionally filled from the form's suggestions or copied from another
    plan. 400 when the reservist has no mentor or a plan for the period already."""
    user = caller(request)
    entries = visible_reserve_entries(user).select_related(
        "person__organization__municipality"
    )
    entry = chosen(entries, payload.reserve_entry_id, "reserve_entry_id")
    permissions.require(permissions.may_create_plan(user, entry))
    copy_from = None
    if payload.copy_from_id is not None:
        sources = permissions.visible_plans(user)
        copy_from = chosen(sources, payload.copy_from_id, "copy_from_id")
    plan = services.create_plan(
        entry=entry,
        copy_from=copy_from,
        **payload.model_dump(exclude={"reserve_entry_id", "copy_from_id"}),
    )
    return Status(201, permissions.get_plan(user, plan.pk))


def _change(
    request: HttpRequest,
    pk: int,
    allowed: Callable[[User, IndividualPlan], bool],
    change: Callable[..., IndividualPlan],
    **arguments: object,
) -> IndividualPlan:
    """Check the caller's right, then change the plan at the version they saw."""
    user = caller(request)
    plan = permissions.get_plan(user, pk)
    permissions.require(allowed(user, plan))
    return change(plan=plan, **arguments)


@plans.post("/plans/{int:pk}/submit", response={200: PlanOut, **WRITE_ERRORS})
def submit_plan(
    request: HttpRequest, pk: int, payload: PlanVersionIn
) -> IndividualPlan:
    """Send the draft for approval (the mentor); 409 if it changed meanwhile."""
    return _change(
        request,
        pk,
        permissions.may_submit,
        services.submit_plan,
        expected_version=payload.version,
    )


@plans.post("/plans/{int:pk}/approve", response={200: PlanOut, **WRITE_ERRORS})
def approve_plan(request: HttpRequest, pk: int, payload: ApproveIn) -> IndividualPlan:
    """Approve a submitted plan, or the changes made to an approved one (the
    coordinator, or the head where the municipality says so), with an optional
    comment kept in the plan's status history."""
    return _change(
        request,
        pk,
        permissions.may_approve,
        services.approve_plan,
        by=caller(request),
        expected_version=payload.version,
        comment=payload.comment,
    )


@plans.post("/plans/{int:pk}/return", response={200: PlanOut, **WRITE_ERRORS})
def return_plan(request: HttpRequest, pk: int, payload: ReturnIn) -> IndividualPlan:
    """Return a submitted plan to the draft with remarks (the approver)."""
    return _change(
        request,
        pk,
        permissions.may_approve,
        services.return_plan,
        remarks=payload.remarks,
        expected_version=payload.version,
    )


@plans.post("/plans/{int:pk}/complete", response={200: PlanOut, **WRITE_ERRORS})
def complete_plan(
    request: HttpRequest, pk: int, payload: PlanVersionIn
) -> IndividualPlan:
    """Close an approved plan whose rows are all closed (the mentor or approver)."""
    return _change(
        request,
        pk,
        permissions.may_complete_plan,
        services.complete_plan,
        expected_version=payload.version,
    )


@plans.get(
    "/plans/{int:pk}/document",
    response={**READ_ERRORS, 400: ErrorOut},
    openapi_extra=file_response("The plan as DOCX or PDF.", DOCX, PDF),
)
def get_plan_document(
    request: HttpRequest, pk: int, query: Query[DocumentQuery]
) -> HttpResponse:
    """The plan on the approved form as a document to download (A4 landscape)."""
    user = caller(request)
    plan = permissions.get_plan(user, pk)
    content, filename, content_type = render_plan(plan, query.format)
    record_people_access(
        people_ids=queries.plan_people_ids(plan),
        user=user,
        channel=PersonViewLog.Channel.DOCUMENT,
        source=request.path,
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# ------------------------------------------------------------------- comments


@comments.get("/plans/{int:pk}/comments", response=list[CommentOut])
@paginate(ApiPagination)
def list_plan_comments(
    request: HttpRequest, pk: int, filters: Query[CommentFilter]
) -> QuerySet[Comment]:
    """The plan's discussion, oldest first: all of it, or one row's."""
    user = caller(request)
    plan = permissions.get_plan(user, pk)
    found = plan.comments.select_related("author__person").order_by("created_at", "pk")
    if filters.item_id is not None:
        found = found.filter(item=permissions.get_item(user, plan, filters.item_id))
    return found


@comments.post("/plans/{int:pk}/comments", response={201: CommentOut, **WRITE_ERRORS})
def create_plan_comment(
    request: HttpRequest, pk: int, payload: CommentIn
) -> Status[Comment]:
    """A remark on the plan or one of its rows (mentor, reservist, approver)."""
    user = caller(request)
    plan = permissions.get_plan(user, pk)
    permissions.require(permissions.may_comment(user, plan))
    item = None
    if payload.item_id is not None:
        item = chosen(plan.items.all(), payload.item_id, "item_id")
    comment = services.add_comment(plan=plan, author=user, text=payload.text, item=item)
    return Status(201, comment)


router.add_router("", plans)
router.add_router("", comments)

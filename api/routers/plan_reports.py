"""`/plan-reports`: the joint report of the mentor and the reservist on the
individual plan (8.10): drafted by the system from an approved plan, each side
writes its part, both agree, either submits, the coordinator accepts or returns
it with remarks; the report as a document."""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Status
from ninja.pagination import paginate

from api.auth import caller
from api.files import DOCX, PDF, file_response
from api.pagination import PeoplePagination
from api.schemas.common import READ_ERRORS, WRITE_ERRORS, ErrorOut
from api.schemas.plan_reports import (
    PlanReportActionIn,
    PlanReportDocumentQuery,
    PlanReportFilter,
    PlanReportIn,
    PlanReportListOut,
    PlanReportOut,
    PlanReportPatch,
    PlanReportReturnIn,
)
from people.models import PersonViewLog
from people.services import record_people_access
from plan_reports import permissions, services
from plan_reports.document_services import render_report
from plan_reports.models import PlanReport, PlanReportQuerySet

router = Router(tags=["plan-reports"])


def _people(report: PlanReport) -> list[int]:
    return [report.plan.reserve_entry.person_id, report.plan.mentor_id]


@router.get("/plan-reports", response=list[PlanReportListOut])
@paginate(PeoplePagination, people_ids=_people, annotate=PlanReportQuerySet.for_list)
def list_plan_reports(
    request: HttpRequest, filters: Query[PlanReportFilter]
) -> QuerySet[PlanReport]:
    """Reports in the caller's scope, the latest changed first; the page's
    reservists and mentors are logged (152-ФЗ)."""
    found = permissions.visible_reports(caller(request)).in_list_order()
    return found.filtered(
        status=filters.status, organization_id=filters.organization_id
    )


@router.post("/plan-reports", response={201: PlanReportOut, **WRITE_ERRORS})
def create_plan_report(request: HttpRequest, payload: PlanReportIn) -> Status:
    """Draft the report on an approved plan from its data (the reservist or the
    active mentor; 400 for a plan never approved or one that has a report)."""
    user = caller(request)
    plan = permissions.get_plan(user, payload.plan_id)
    permissions.require(permissions.may_draft_report(user, plan))
    report = services.create_report(plan=plan, by=user)
    return Status(201, permissions.get_report(user, report.pk))


@router.get("/plan-reports/{int:pk}", response={200: PlanReportOut, **READ_ERRORS})
def get_plan_report(request: HttpRequest, pk: int) -> PlanReport:
    """One report with its data and both parts."""
    return permissions.get_report(caller(request), pk)


def _writer(request: HttpRequest, pk: int) -> tuple[Any, PlanReport, str | None]:
    """The caller, the report and the side they write (403 for neither side)."""
    user = caller(request)
    report = permissions.get_report(user, pk)
    side = permissions.side_of(user, report)
    permissions.require(side is not None)
    return user, report, side


@router.patch("/plan-reports/{int:pk}", response={200: PlanReportOut, **WRITE_ERRORS})
def update_plan_report(
    request: HttpRequest, pk: int, payload: PlanReportPatch
) -> PlanReport:
    """Change one's own part of a draft (400 for the other side's); a change
    cancels the other side's agreement."""
    user, report, side = _writer(request, pk)
    data = payload.changes()
    version = data.pop("version", None)
    if "recommendation" in data and data["recommendation"] is None:
        data["recommendation"] = ""
    services.update_part(report=report, side=side, version=version, **data)
    return permissions.get_report(user, pk)


@router.post(
    "/plan-reports/{int:pk}/refresh", response={200: PlanReportOut, **WRITE_ERRORS}
)
def refresh_plan_report(
    request: HttpRequest, pk: int, payload: PlanReportActionIn
) -> PlanReport:
    """Draft the data part afresh; a change of the data cancels both
    agreements."""
    user, report, side = _writer(request, pk)
    services.refresh_report(report=report, side=side, version=payload.version)
    return permissions.get_report(user, pk)


@router.post(
    "/plan-reports/{int:pk}/agree", response={200: PlanReportOut, **WRITE_ERRORS}
)
def agree_plan_report(
    request: HttpRequest, pk: int, payload: PlanReportActionIn
) -> PlanReport:
    """The caller's side agrees to the whole text (400 while a part is empty)."""
    user, report, side = _writer(request, pk)
    services.agree_report(report=report, side=side, version=payload.version)
    return permissions.get_report(user, pk)


@router.post(
    "/plan-reports/{int:pk}/submit", response={200: PlanReportOut, **WRITE_ERRORS}
)
def submit_plan_report(
    request: HttpRequest, pk: int, payload: PlanReportActionIn
) -> PlanReport:
    """Submit to the coordinator (400 without both agreements)."""
    user, report, _side = _writer(request, pk)
    services.submit_report(report=report, by=user, version=payload.version)
    return permissions.get_report(user, pk)


def _reviewer(request: HttpRequest, pk: int) -> tuple[Any, PlanReport]:
    user = caller(request)
    report = permissions.get_report(user, pk)
    permissions.require(permissions.may_review(user, report))
    return user, report


@router.post(
    "/plan-reports/{int:pk}/accept", response={200: PlanReportOut, **WRITE_ERRORS}
)
def accept_plan_report(
    request: HttpRequest, pk: int, payload: PlanReportActionIn
) -> PlanReport:
    """The coordinator accepts a submitted report (403 for anyone else)."""
    user, report = _reviewer(request, pk)
    services.accept_report(report=report, by=user, version=payload.version)
    return permissions.get_report(user, pk)


@router.post(
    "/plan-reports/{int:pk}/return", response={200: PlanReportOut, **WRITE_ERRORS}
)
def return_plan_report(
    request: HttpRequest, pk: int, payload: PlanReportReturnIn
) -> PlanReport:
    """The coordinator returns a submitted report with remarks: back to draft,
    both agreements cancelled (403 for anyone else)."""
    user, report = _reviewer(request, pk)
    services.return_report(
        report=report, by=user, remarks=payload.remarks, version=payload.version
    )
    return permissions.get_report(user, pk)


@router.get(
    "/plan-reports/{int:pk}/document",
    response={**READ_ERRORS, 400: ErrorOut},
    openapi_extra=file_response("The report, ready to be signed.", DOCX, PDF),
)
def get_plan_report_document(
    request: HttpRequest, pk: int, query: Query[PlanReportDocumentQuery]
) -> HttpResponse:
    """The report as DOCX or PDF (format=docx|pdf; 400 for another format)."""
    user = caller(request)
    report = permissions.get_report(user, pk)
    content, filename, content_type = render_report(report, query.format)
    record_people_access(
        people_ids=_people(report),
        user=user,
        channel=PersonViewLog.Channel.DOCUMENT,
        source=request.path,
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response

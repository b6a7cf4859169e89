"""`/municipal-report`: the municipality's report for the regional ministry as an
Excel workbook (municipal_report), drawn up in the request; `/municipal-reports`:
the same queued for the task worker, with its progress and the file when ready.
The coordinator's, as on the page."""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import pgettext
from ninja import Query, Router, Status

from api.auth import caller
from api.errors import error_body
from api.files import file_response
from api.schemas.common import READ_ERRORS, ErrorOut
from api.schemas.municipal_report import (
    MunicipalReportIn,
    MunicipalReportJobOut,
    MunicipalReportQuery,
)
from core.excel import XLSX_CONTENT_TYPE, xlsx_response
from municipal_report import permissions
from municipal_report.models import SHEET_COUNT, ReportJob
from municipal_report.period import Period, default_period, make_period
from municipal_report.services import (
    draw_up_report,
    fail_if_stalled,
    report_filename,
    request_job,
)

router = Router(tags=["municipal report"])


def _period_refused(error: ValidationError) -> Status:
    """422 with the reasons by field, in Russian."""
    errors = {field: list(messages) for field, messages in error.message_dict.items()}
    detail = pgettext("municipal report", "The period of the report is wrong.")
    return Status(422, error_body(detail, errors))


@router.get(
    "/municipal-report",
    response={**READ_ERRORS, 422: ErrorOut},
    openapi_extra=file_response(
        "The report as an Excel workbook (.xlsx).", XLSX_CONTENT_TYPE
    ),
)
def get_municipal_report(
    request: HttpRequest, query: Query[MunicipalReportQuery]
) -> Any:
    """The workbook of the report for the period (the current year by default):
    a summary sheet, then the reserve, mentors, plans, events, internships,
    checks of legal acts, attestation and appointments. The coordinator only
    (403 for other roles, 404 for a municipality they do not coordinate); 422
    for a period ending before it starts or longer than five years."""
    user = caller(request)
    municipalities = permissions.report_municipalities(user)
    municipality = permissions.get_report_municipality(
        user, municipalities, query.municipality_id
    )
    default = default_period(timezone.localdate())
    try:
        period = make_period(
            query.date_from or default.start, query.date_to or default.end
        )
    except ValidationError as e:
        return _period_refused(e)
    content = draw_up_report(
        municipality=municipality,
        period=period,
        user=user,
        source=request.get_full_path(),
    )
    return xlsx_response(content, report_filename(period))


def _job_out(job: ReportJob) -> dict[str, Any]:
    done = job.status == ReportJob.Status.DONE
    return {
        "id": job.pk,
        "municipality_id": job.municipality_id,
        "date_from": job.date_from,
        "date_to": job.date_to,
        "status": job.status,
        "sheets_done": job.sheets_done,
        "sheet_count": SHEET_COUNT,
        "created_at": job.created_at,
        "finished_at": job.finished_at,
        "file_url": f"/api/v1/municipal-reports/{job.pk}/file" if done else None,
    }


@router.post(
    "/municipal-reports",
    response={202: MunicipalReportJobOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
)
def request_municipal_report(request: HttpRequest, payload: MunicipalReportIn) -> Any:
    """Queue the report of the period for the task worker (the page's way, for
    a region's largest municipalities): 202 with the job to poll at
    `/municipal-reports/{id}`; the same permissions and 422 as above."""
    user = caller(request)
    municipalities = permissions.report_municipalities(user)
    municipality = permissions.get_report_municipality(
        user, municipalities, payload.municipality_id
    )
    try:
        period = make_period(payload.date_from, payload.date_to)
    except ValidationError as e:
        return _period_refused(e)
    job = request_job(user=user, municipality=municipality, period=period)
    job.refresh_from_db()
    return Status(202, _job_out(job))


@router.get(
    "/municipal-reports/{int:pk}",
    response={200: MunicipalReportJobOut, **READ_ERRORS},
)
def get_municipal_report_job(request: HttpRequest, pk: int) -> Any:
    """The job's status and progress (sheets written of all); `file_url` once
    it is done; a running job whose worker stopped reporting is `failed`. The
    caller's own jobs only (404 for another's)."""
    return _job_out(fail_if_stalled(permissions.get_job(caller(request), pk)))


@router.get(
    "/municipal-reports/{int:pk}/file",
    response={**READ_ERRORS},
    openapi_extra=file_response(
        "The report as an Excel workbook (.xlsx).", XLSX_CONTENT_TYPE
    ),
)
def get_municipal_report_file(request: HttpRequest, pk: int) -> Any:
    """The job's workbook once it is done (404 before)."""
    job = permissions.get_job(caller(request), pk)
    if job.status != ReportJob.Status.DONE or job.content is None:
        raise Http404
    return xlsx_response(
        bytes(job.content), report_filename(Period(job.date_from, job.date_to))
    )

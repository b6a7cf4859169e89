"""`/municipal-report`: the municipality's report for the regional ministry as an
Excel workbook (municipal_report): the coordinator's, as on the page."""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import pgettext
from ninja import Query, Router, Status

from api.auth import caller
from api.errors import error_body
from api.files import file_response
from api.schemas.common import READ_ERRORS, ErrorOut
from api.schemas.municipal_report import MunicipalReportQuery
from core.excel import XLSX_CONTENT_TYPE, xlsx_response
from municipal_report import permissions
from municipal_report.period import default_period, make_period
from municipal_report.services import draw_up_report, report_filename

router = Router(tags=["municipal report"])


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
        errors = {field: list(messages) for field, messages in e.message_dict.items()}
        detail = pgettext("municipal report", "The period of the report is wrong.")
        return Status(422, error_body(detail, errors))
    content = draw_up_report(
        municipality=municipality,
        period=period,
        user=user,
        source=request.get_full_path(),
    )
    return xlsx_response(content, report_filename(period))

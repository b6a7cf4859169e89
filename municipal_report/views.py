"""The coordinator's page of the municipality's report and its download."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from core.excel import xlsx_response
from municipal_report import permissions
from municipal_report.forms import PeriodForm
from municipal_report.period import default_period
from municipal_report.services import draw_up_report, report_filename
from organizations.models import Municipality


def _page(
    request: HttpRequest,
    form: PeriodForm,
    municipalities: list[Municipality],
    municipality: Municipality,
    status: int = 200,
) -> HttpResponse:
    context = {
        "form": form,
        "municipalities": municipalities,
        "municipality": municipality,
        "report_title": permissions.REPORT_TITLE,
    }
    return render(request, "municipal_report/page.html", context, status=status)


def report_page(request: HttpRequest) -> HttpResponse:
    """The period form (the current year by default) that downloads the report."""
    municipalities = permissions.report_municipalities(request.user)
    municipality = permissions.get_report_municipality(
        request.user, municipalities, request.GET.get("municipality")
    )
    period = default_period(timezone.localdate())
    form = PeriodForm(initial={"date_from": period.start, "date_to": period.end})
    return _page(request, form, municipalities, municipality)


def report_download(request: HttpRequest) -> HttpResponse:
    """The workbook for the period asked for; the page with the form's errors
    (422) and nothing drawn up when the period is wrong."""
    municipalities = permissions.report_municipalities(request.user)
    municipality = permissions.get_report_municipality(
        request.user, municipalities, request.GET.get("municipality")
    )
    form = PeriodForm(request.GET)
    if not form.is_valid():
        return _page(request, form, municipalities, municipality, status=422)
    content = draw_up_report(
        municipality=municipality,
        period=form.period,
        user=request.user,
        source=request.get_full_path(),
    )
    return xlsx_response(content, report_filename(form.period))

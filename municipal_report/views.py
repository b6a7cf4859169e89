"""The coordinator's page of the municipality's report: the period form, which
queues the report for the task worker, the job's progress and the download."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from core.excel import xlsx_response
from core.htmx import HtmxHttpRequest
from municipal_report import permissions
from municipal_report.forms import PeriodForm
from municipal_report.models import SHEET_COUNT, ReportJob
from municipal_report.period import Period, default_period
from municipal_report.services import (
    fail_if_stalled,
    fail_stalled_jobs,
    report_filename,
    request_job,
)


def report_page(request: HttpRequest) -> HttpResponse:
    """The period form (the current year by default) and the user's recent
    reports; a valid period queues the report and opens its page, a wrong one
    shows the form again with the reason (422) and queues nothing."""
    municipalities = permissions.report_municipalities(request.user)
    data = request.POST if request.method == "POST" else request.GET
    municipality = permissions.get_report_municipality(
        request.user, municipalities, data.get("municipality")
    )
    status = 200
    if request.method == "POST":
        form = PeriodForm(request.POST)
        if form.is_valid():
            job = request_job(
                user=request.user, municipality=municipality, period=form.period
            )
            return redirect(job)
        status = 422
    else:
        period = default_period(timezone.localdate())
        form = PeriodForm(initial={"date_from": period.start, "date_to": period.end})
    fail_stalled_jobs(user=request.user)
    context = {
        "form": form,
        "municipalities": municipalities,
        "municipality": municipality,
        "report_title": permissions.REPORT_TITLE,
        "jobs": permissions.visible_jobs(request.user)
        .select_related("municipality")
        .defer("content")[:5],
    }
    return render(request, "municipal_report/page.html", context, status=status)


def job_page(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The report's progress (polled by htmx while it is drawn up), then its
    download; a job whose worker stopped reporting is shown failed, with the
    button to draw the report up again."""
    job = fail_if_stalled(permissions.get_job(request.user, pk))
    context = {
        "job": job,
        "sheet_count": SHEET_COUNT,
        "report_title": permissions.REPORT_TITLE,
    }
    template = "municipal_report/job.html"
    return render(request, f"{template}#status" if request.htmx else template, context)


def job_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The workbook of a report that is ready (404 before)."""
    job = permissions.get_job(request.user, pk)
    if job.status != ReportJob.Status.DONE or job.content is None:
        raise Http404
    period = Period(job.date_from, job.date_to)
    return xlsx_response(bytes(job.content), report_filename(period))

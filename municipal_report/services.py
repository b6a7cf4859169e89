"""Drawing up the report: the workbook, and the access log of the people it
names; on the page, as a job for the task worker."""

import logging
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from municipal_report import tasks
from municipal_report.models import ReportJob
from municipal_report.period import Period
from municipal_report.workbook import build_report
from organizations.models import Municipality
from people.models import PersonViewLog
from people.services import record_people_access

logger = logging.getLogger(__name__)


def report_filename(period: Period) -> str:
    return f"municipal-report-{period.start:%Y%m%d}-{period.end:%Y%m%d}.xlsx"


def draw_up_report(
    *,
    municipality: Municipality,
    period: Period,
    user: Any,
    source: str = "",
    today: date | None = None,
    progress: Any = None,
) -> bytes:
    """The workbook of the municipality's report for the period; logs the
    people it names as exported (152-ФЗ access log), in one INSERT."""
    content, people = build_report(
        municipality, period, today or timezone.localdate(), progress
    )
    record_people_access(
        people_ids=people,
        user=user,
        channel=PersonViewLog.Channel.EXPORT,
        source=source,
    )
    return content


def request_job(*, user: Any, municipality: Municipality, period: Period) -> ReportJob:
    """A job for the worker to draw up the report, queued once saved."""
    job = ReportJob.objects.create(
        user=user, municipality=municipality, date_from=period.start, date_to=period.end
    )
    transaction.on_commit(lambda: tasks.draw_up_job.enqueue(job_id=job.pk))
    return job


def run_job(job_id: int) -> str:
    """Draw up the job's report, writing its progress sheet by sheet (each
    update commits at once, so the page sees it); a failure marks the job
    failed (and is logged) instead of leaving it running."""
    job = ReportJob.objects.select_related("municipality", "user").get(pk=job_id)
    jobs = ReportJob.objects.filter(pk=job.pk)
    jobs.update(status=ReportJob.Status.RUNNING, sheets_done=0)
    period = Period(job.date_from, job.date_to)
    try:
        content = draw_up_report(
            municipality=job.municipality,
            period=period,
            user=job.user,
            source=job.get_absolute_url(),
            progress=lambda done: jobs.update(sheets_done=done),
        )
    except Exception:
        logger.exception("The municipal report job %s failed.", job.pk)
        jobs.update(status=ReportJob.Status.FAILED, finished_at=timezone.now())
        return ReportJob.Status.FAILED
    jobs.update(
        status=ReportJob.Status.DONE, content=content, finished_at=timezone.now()
    )
    return ReportJob.Status.DONE

"""Drawing up the report: the workbook, and the access log of the people it
names; on the page, as a job for the task worker."""

import logging
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import pgettext

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
    """A job for the worker to draw up the report, queued once saved; the user's
    older finished jobs beyond the newest MUNICIPAL_REPORT_KEEP_JOBS go, with
    their workbooks."""
    job = ReportJob.objects.create(
        user=user, municipality=municipality, date_from=period.start, date_to=period.end
    )
    forget_old_jobs(user=user)
    transaction.on_commit(lambda: tasks.draw_up_job.enqueue(job_id=job.pk))
    return job


def forget_old_jobs(*, user: Any) -> int:
    """Delete the user's done and failed jobs (and their stored workbooks) older
    than their newest MUNICIPAL_REPORT_KEEP_JOBS; a queued or running one stays
    for its worker. Two queries; the number deleted."""
    keep = max(settings.MUNICIPAL_REPORT_KEEP_JOBS, 1)
    old = list(
        ReportJob.objects.filter(user=user)
        .order_by("-created_at", "-pk")
        .values_list("pk", flat=True)[keep:]
    )
    if not old:
        return 0
    deleted, _ = ReportJob.objects.filter(
        pk__in=old, status__in=[ReportJob.Status.DONE, ReportJob.Status.FAILED]
    ).delete()
    return deleted


def stalled_message() -> str:
    return pgettext(
        "municipal report",
        "The report was interrupted: the task worker stopped responding. "
        "Draw it up again.",
    )


def fail_stalled_jobs(*, user: Any) -> int:
    """Mark failed the user's running jobs whose worker has not reported for
    MUNICIPAL_REPORT_STALLED_AFTER seconds (killed, or its server went down),
    in one UPDATE; a worker that outlives the mark drops its workbook (run_job).
    The number marked."""
    now = timezone.now()
    bound = now - timedelta(seconds=settings.MUNICIPAL_REPORT_STALLED_AFTER)
    return ReportJob.objects.filter(
        user=user, status=ReportJob.Status.RUNNING, updated_at__lt=bound
    ).update(
        status=ReportJob.Status.FAILED,
        error_message=stalled_message(),
        finished_at=now,
        updated_at=now,
    )


def fail_if_stalled(job: ReportJob) -> ReportJob:
    """The job as it is now: failed if it was running and its worker has not
    reported for MUNICIPAL_REPORT_STALLED_AFTER seconds (no query otherwise)."""
    bound = timezone.now() - timedelta(seconds=settings.MUNICIPAL_REPORT_STALLED_AFTER)
    if job.status == ReportJob.Status.RUNNING and job.updated_at < bound:
        fail_stalled_jobs(user=job.user_id)
        job.refresh_from_db()
    return job


def run_job(job_id: int) -> str:
    """Draw up the job's report, writing its progress sheet by sheet (each
    update commits at once, so the page sees it, and is the job's sign of life,
    `updated_at`); a failure marks the job failed (and is logged) instead of
    leaving it running. A job marked failed meanwhile as stalled
    (fail_stalled_jobs) stays failed: its workbook is dropped."""
    job = ReportJob.objects.select_related("municipality", "user").get(pk=job_id)
    jobs = ReportJob.objects.filter(pk=job.pk)
    jobs.update(
        status=ReportJob.Status.RUNNING, sheets_done=0, updated_at=timezone.now()
    )
    running = jobs.filter(status=ReportJob.Status.RUNNING)
    period = Period(job.date_from, job.date_to)
    try:
        content = draw_up_report(
            municipality=job.municipality,
            period=period,
            user=job.user,
            source=job.get_absolute_url(),
            progress=lambda done: running.update(
                sheets_done=done, updated_at=timezone.now()
            ),
        )
    except Exception:
        logger.exception("The municipal report job %s failed.", job.pk)
        now = timezone.now()
        jobs.update(status=ReportJob.Status.FAILED, finished_at=now, updated_at=now)
        return ReportJob.Status.FAILED
    now = timezone.now()
    if not running.update(
        status=ReportJob.Status.DONE, content=content, finished_at=now, updated_at=now
    ):
        logger.warning("The municipal report job %s was failed as stalled.", job.pk)
        return ReportJob.Status.FAILED
    return ReportJob.Status.DONE

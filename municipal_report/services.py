"""Drawing up the report: the workbook, and the access log of the people it names."""

from datetime import date
from typing import Any

from django.utils import timezone

from municipal_report.period import Period
from municipal_report.workbook import build_report
from organizations.models import Municipality
from people.models import PersonViewLog
from people.services import record_people_access


def report_filename(period: Period) -> str:
    return f"municipal-report-{period.start:%Y%m%d}-{period.end:%Y%m%d}.xlsx"


def draw_up_report(
    *,
    municipality: Municipality,
    period: Period,
    user: Any,
    source: str = "",
    today: date | None = None,
) -> bytes:
    """The workbook of the municipality's report for the period; logs the
    people it names as exported (152-ФЗ access log), in one INSERT."""
    content, people = build_report(municipality, period, today or timezone.localdate())
    record_people_access(
        people_ids=people,
        user=user,
        channel=PersonViewLog.Channel.EXPORT,
        source=source,
    )
    return content

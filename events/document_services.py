"""The registration sheet of an event: select its data, then render it."""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from core.excel import build_workbook
from core.typography import date_digits, signature_name
from events import documents
from events.models import Event, Involvement

# The document is a form letter, so its words are written in Russian here.
DOCTYPE = "ЛИСТ РЕГИСТРАЦИИ УЧАСТНИКОВ"
ATTENDANCE = {
    Involvement.Attendance.UNKNOWN: "",
    Involvement.Attendance.ATTENDED: "присутствовал(а)",
    Involvement.Attendance.ABSENT: "не присутствовал(а)",
}
DEGREES = {
    Involvement.Degree.LISTENER: "слушатель",
    Involvement.Degree.PARTICIPANT: "участник",
    Involvement.Degree.SPEAKER: "докладчик",
    Involvement.Degree.ORGANIZER: "организатор, ведущий",
}
DECLINED = "отказ: "
RESPONSIBLE = "Ответственный за проведение"


def _time(event: Event) -> str:
    starts = timezone.localtime(event.starts_at)
    ends = timezone.localtime(event.ends_at)
    if starts.date() == ends.date():
        return f"{date_digits(starts.date())}, {starts:%H:%M}–{ends:%H:%M}"
    return (
        f"{date_digits(starts.date())} {starts:%H:%M} – "
        f"{date_digits(ends.date())} {ends:%H:%M}"
    )


def _attendance(involvement: Involvement) -> str:
    if involvement.status == Involvement.Status.DECLINED:
        return DECLINED + involvement.decline_reason
    return ATTENDANCE[Involvement.Attendance(involvement.attendance)]


def sheet_context(event: Event, involvements: list[Involvement]) -> dict[str, Any]:
    """The plain data of the sheet (the event loaded with its organiser)."""
    municipality = event.municipality
    organization = event.organization
    rows = []
    for n, involvement in enumerate(involvements, start=1):
        person = involvement.reserve_entry.person
        degree = DEGREES[Involvement.Degree(involvement.degree)]
        if involvement.task:
            degree = f"{degree} ({involvement.task})"
        rows.append(
            {
                "n": n,
                "name": person.full_name,
                "workplace": f"{person.organization.short_name}, "
                f"{person.position.name if person.position else ''}".strip(", "),
                "degree": degree,
                "attendance": _attendance(involvement),
            }
        )
    attended = sum(
        1 for i in involvements if i.attendance == Involvement.Attendance.ATTENDED
    )
    head = organization.head if organization is not None else None
    place = event.place or event.link
    return {
        "authority": municipality.authority_name,
        "organization": organization.full_name if organization else "",
        "doctype": DOCTYPE,
        "date": date_digits(timezone.localdate(event.starts_at)),
        "place": municipality.place,
        "title": f"{event.kind.name} «{event.title}»",
        "details": [
            f"Дата и время: {_time(event)}",
            f"Место проведения: {place}",
            f"Организатор: {event.organizer_name}",
        ],
        "rows": rows,
        "total": f"Приглашено: {len(rows)}; присутствовало: {attended}.",
        "signatory_position": head.position.name
        if head and head.position
        else RESPONSIBLE,
        "signatory_name": signature_name(head.full_name) if head else "",
    }


def registration_document(
    event: Event, involvements: list[Involvement], fmt: str
) -> tuple[bytes, str]:
    """The sheet as DOCX or PDF: (content, content type)."""
    context = sheet_context(event, involvements)
    if fmt == "docx":
        return documents.render_registration_docx(context), documents.DOCX_CONTENT_TYPE
    if fmt == "pdf":
        return documents.render_registration_pdf(context), documents.PDF_CONTENT_TYPE
    raise ValidationError(_("Unknown format: choose DOCX, PDF or Excel."))


def registration_workbook(event: Event, involvements: list[Involvement]) -> bytes:
    """The sheet's table as an Excel workbook (core.excel writes the values)."""
    context = sheet_context(event, involvements)
    headers = [
        _("No."),
        _("Full name"),
        _("Organisation, position"),
        _("Degree of participation"),
        _("Attendance"),
    ]
    rows = (
        [r["n"], r["name"], r["workplace"], r["degree"], r["attendance"]]
        for r in context["rows"]
    )
    return build_workbook(_("Registration sheet"), headers, rows)

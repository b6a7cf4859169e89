"""The internship's programme and conclusion as documents: select the data, then
render DOCX or PDF (internships/documents.py)."""

import re
from typing import Any

from django.core.exceptions import ValidationError

from core.typography import date_digits, lower_first, signature_name
from internships import documents
from internships.models import Internship
from people.models import Person

FORMATS = {
    "docx": documents.DOCX_CONTENT_TYPE,
    "pdf": documents.PDF_CONTENT_TYPE,
}
KINDS = ("programme", "conclusion")

# The documents are the municipality's papers: the few words Python composes are
# written in Russian here, like the templates themselves.
UNKNOWN_FORMAT = "Неизвестный формат документа «%(format)s»: выберите DOCX или PDF."
UNKNOWN_KIND = "Неизвестный документ «%(kind)s»: программа или отзыв."
NO_CONCLUSION = "Отзыв руководителя стажировки ещё не написан."
ASSESSMENTS = {
    Internship.Assessment.EXCELLENT: "отлично",
    Internship.Assessment.GOOD: "хорошо",
    Internship.Assessment.SATISFACTORY: "удовлетворительно",
    Internship.Assessment.UNSATISFACTORY: "неудовлетворительно",
}
BLANK_DATE = "__.__.20__"

_CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
_LATIN = "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya"
_TRANSLIT = {
    c: "" if latin == "-" else latin
    for c, latin in zip(_CYRILLIC, _LATIN.split(), strict=True)
}


def filename(internship: Internship, kind: str, fmt: str) -> str:
    """internship-programme-petrov-2026-12-01.pdf: ASCII for every browser."""
    surname = internship.reserve_entry.person.last_name.lower()
    latin = "".join(_TRANSLIT.get(c, c) for c in surname)
    latin = re.sub(r"[^a-z0-9]+", "-", latin).strip("-") or "reservist"
    return f"internship-{kind}-{latin}-{internship.starts_on:%Y-%m-%d}.{fmt}"


def _person(person: Person) -> dict[str, str]:
    return {
        "name": person.full_name,
        "signature": signature_name(person.full_name),
        "position": person.position.name,
        "position_lower": lower_first(person.position.name),
        "organization": person.organization.short_name,
    }


def internship_context(internship: Internship) -> dict[str, Any]:
    """Everything the two documents show, as plain data, in two queries: the
    internship with its people, the programme's tasks."""
    internship = Internship.objects.select_related(
        "reserve_entry__person__organization__municipality",
        "reserve_entry__person__position",
        "reserve_entry__target_position",
        "mentor__position",
        "mentor__organization",
        "supervisor__position",
        "supervisor__organization",
        "host_organization",
        "form",
    ).get(pk=internship.pk)
    reservist = internship.reserve_entry.person
    tasks = [
        {
            "number": str(n),
            "title": task.title,
            "dates": date_digits(task.starts_on)
            if task.starts_on == task.ends_on
            else f"{date_digits(task.starts_on)} – {date_digits(task.ends_on)}",
        }
        for n, task in enumerate(internship.tasks.order_by("starts_on", "pk"), 1)
    ]
    return {
        "authority": reservist.organization.municipality.authority_name,
        "host_organization": internship.host_organization.full_name,
        "host_short": internship.host_organization.short_name,
        "reservist": _person(reservist),
        "reservist_organization": reservist.organization.full_name,
        "target_position": internship.reserve_entry.target_position.name,
        "mentor": _person(internship.mentor),
        "supervisor": _person(internship.supervisor),
        "form": internship.form.name,
        "starts_on": date_digits(internship.starts_on),
        "ends_on": date_digits(internship.ends_on),
        "goal": internship.goal,
        "tasks": tasks,
        "work_done": internship.work_done,
        "assessment": ASSESSMENTS.get(internship.assessment, ""),  # type: ignore[call-overload]
        "recommendation": internship.recommendation,
        "concluded_on": date_digits(internship.concluded_on)
        if internship.concluded_on
        else BLANK_DATE,
        "blank_date": BLANK_DATE,
    }


def render_internship(
    internship: Internship, kind: str, fmt: str
) -> tuple[bytes, str, str]:
    """The programme or the conclusion as (content, filename, content type) in
    "docx" or "pdf". Raises ValidationError for an unknown kind or format, and
    for the conclusion before it is written."""
    if kind not in KINDS:
        raise ValidationError(UNKNOWN_KIND % {"kind": kind}, code="kind")
    if fmt not in FORMATS:
        raise ValidationError(UNKNOWN_FORMAT % {"format": fmt}, code="format")
    if kind == "conclusion" and not internship.has_conclusion:
        raise ValidationError(NO_CONCLUSION, code="no_conclusion")
    context = internship_context(internship)
    render = documents.RENDERERS[(kind, fmt)]
    return render(context), filename(internship, kind, fmt), FORMATS[fmt]

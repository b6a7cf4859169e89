"""The reservist's competency profile as a document: select the data the user
sees (the profile's own rule: the mentor's assessment hidden from the reservist
until they have assessed themselves), then render DOCX or PDF
(competencies/documents.py)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.queries import transliterate
from competencies import charts, documents, queries
from competencies.permissions import AnyUser
from core.typography import date_digits, lower_first, signature_name
from mentorships.models import Mentorship
from people.models import Person
from reserve.models import ReserveEntry

FORMATS = {
    "docx": documents.DOCX_CONTENT_TYPE,
    "pdf": documents.PDF_CONTENT_TYPE,
}

# The documents are the municipality's papers: the few words Python composes are
# written in Russian here, like the templates themselves.
UNKNOWN_FORMAT = "Неизвестный формат документа «%(format)s»: выберите DOCX или PDF."
NO_ASSESSMENTS = "Оценок компетенций резервиста пока нет."
POINT_LABELS = ("начало", "середина", "конец")
POINT_TITLES = {
    "start": "Начало наставничества",
    "middle": "Середина наставничества",
    "end": "Окончание наставничества",
}
LEGEND = ("Самооценка", "Оценка наставника")
AVERAGE = "В среднем по всем компетенциям"
BLANK_DATE = "__.__.20__"


def filename(entry: ReserveEntry, fmt: str) -> str:
    """competency-profile-petrov-2026-12-03.pdf: ASCII for every browser."""
    latin = transliterate(entry.person.last_name).strip("-") or "reservist"
    return f"competency-profile-{latin}-{timezone.localdate():%Y-%m-%d}.{fmt}"


def _person(person: Person) -> dict[str, str]:
    return {
        "name": person.full_name,
        "signature": signature_name(person.full_name),
        "position_lower": lower_first(person.position.name),
        "organization": person.organization.full_name,
    }


def _mentor(points: list[queries.ProfilePoint]) -> Person | None:
    """The mentor of the latest assessment the user sees."""
    latest = points[-1]
    assessment = latest.mentor_assessment or latest.self_assessment
    if assessment is None:
        return None
    return (
        Mentorship.objects.select_related("mentor__position", "mentor__organization")
        .get(pk=assessment.mentorship_id)
        .mentor
    )


def _level(level: float | None) -> str:
    return charts.level_text(level)


def profile_context(user: AnyUser, entry: ReserveEntry) -> dict[str, Any]:
    """Everything the document shows, as plain data: the reservist, the mentor,
    the levels per point and competency, the largest gaps, the chart. Raises
    ValidationError while the user sees no assessment of the reservist."""
    points = queries.profile(user, entry)
    rows = queries.growth(points)
    if not rows:
        raise ValidationError(NO_ASSESSMENTS, code="no_assessments")
    entry = ReserveEntry.objects.select_related(
        "person__organization__municipality",
        "person__position",
        "target_position",
    ).get(pk=entry.pk)
    mentor = _mentor(points)
    everything = [queries.average(rows, AVERAGE), *rows]
    table = [
        {
            "number": str(n),
            "competency": row.competency,
            "levels": [
                _level(level)
                for pair in zip(row.self_levels, row.mentor_levels, strict=True)
                for level in pair
            ],
        }
        for n, row in enumerate(rows, start=1)
    ]
    average = everything[0]
    table_average = [
        _level(level)
        for pair in zip(average.self_levels, average.mentor_levels, strict=True)
        for level in pair
    ]
    gaps = [
        {
            "point": POINT_TITLES[p.point],
            "rows": [
                f"{r.competency}: самооценка {r.self_level}, наставник {r.mentor_level}"
                for r in p.gaps
            ],
            "agree": bool(p.self_assessment and p.mentor_assessment and not p.gaps),
            "incomplete": not (p.self_assessment and p.mentor_assessment),
        }
        for p in points
    ]
    return {
        "authority": entry.person.organization.municipality.authority_name,
        "reservist": _person(entry.person),
        "target_position": entry.target_position.name,
        "mentor": _person(mentor) if mentor else None,
        "formed_on": date_digits(timezone.localdate()),
        "point_labels": [POINT_TITLES[p] for p in POINT_TITLES],
        "table": table,
        "table_average": table_average,
        "gaps": gaps,
        "chart_rows": everything,
        "chart_labels": POINT_LABELS,
        "legend": LEGEND,
        "blank_date": BLANK_DATE,
    }


def render_profile(
    user: AnyUser, entry: ReserveEntry, fmt: str
) -> tuple[bytes, str, str]:
    """The competency profile as (content, filename, content type) in "docx" or
    "pdf". Raises ValidationError for an unknown format and while the user sees
    no assessment."""
    if fmt not in FORMATS:
        raise ValidationError(UNKNOWN_FORMAT % {"format": fmt}, code="format")
    context = profile_context(user, entry)
    render = documents.RENDERERS[fmt]
    return render(context), filename(entry, fmt), FORMATS[fmt]

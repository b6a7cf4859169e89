"""The joint report as a document and as the report page reads it: the report's
snapshot and parts turned into plain sections (plan_reports/documents.py renders
them as DOCX or PDF; the page shows the same sections).

The document is the municipality's paper: the few words Python composes are
written in Russian here, like the document templates themselves."""

import re
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from competencies.models import Assessment
from competencies.queries import Growth, average
from core.typography import date_digits, lower_first, signature_name
from people.models import Person
from plan_reports import documents
from plan_reports.models import PlanReport

FORMATS = {
    "docx": documents.DOCX_CONTENT_TYPE,
    "pdf": documents.PDF_CONTENT_TYPE,
}
UNKNOWN_FORMAT = "Неизвестный формат документа «%(format)s»: выберите DOCX или PDF."
BLANK_DATE = "__.__.20__"
NONE = "Нет."
RECOMMENDATIONS = {
    PlanReport.Recommendation.APPOINT: "рекомендовать к назначению на должность",
    PlanReport.Recommendation.CONTINUE: "продолжить подготовку",
    PlanReport.Recommendation.EXCLUDE: "исключить из резерва",
}
# The growth chart of the documents (competencies.charts), as the competency
# profile's document draws it.
CHART_LABELS = ("начало", "середина", "конец")
CHART_LEGEND = ("Самооценка", "Оценка наставника")
CHART_AVERAGE = "Среднее по всем компетенциям"

_CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
_LATIN = "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya"
_TRANSLIT = {
    c: "" if latin == "-" else latin
    for c, latin in zip(_CYRILLIC, _LATIN.split(), strict=True)
}


def filename(report: PlanReport, fmt: str) -> str:
    """plan-report-petrov-2026-09-01.pdf: ASCII for every browser."""
    surname = report.plan.reserve_entry.person.last_name.lower()
    latin = "".join(_TRANSLIT.get(c, c) for c in surname)
    latin = re.sub(r"[^a-z0-9]+", "-", latin).strip("-") or "reservist"
    return f"plan-report-{latin}-{report.plan.period_start:%Y-%m-%d}.{fmt}"


def _day(value: str | None) -> str:
    """«01.09.2026» from the snapshot's ISO date; «—» for none."""
    return date_digits(date.fromisoformat(value)) if value else "—"


def _table(
    widths: list[int], header: list[str], rows: list[list[str]], centred: set[int]
) -> dict[str, Any]:
    return {
        "table": {
            "widths": widths,
            "header": header,
            "rows": rows,
            "centred": sorted(centred),
        }
    }


def _items_section(items: dict[str, Any]) -> list[dict[str, Any]]:
    counts = items["counts"]
    blocks: list[dict[str, Any]] = [
        {
            "text": (
                f"Всего мероприятий плана: {counts['total']}; выполнено в срок — "
                f"{counts['on_time']}, с нарушением срока — {counts['late']}, не "
                f"выполнено — {counts['not_done']}, в работе — {counts['open']} "
                f"(из них просрочено — {counts['overdue']}). Выполнено "
                f"{counts['percent_done']}\u00a0% мероприятий."
            )
        }
    ]
    groups = [
        ("Выполнено в срок", "on_time", "Выполнено"),
        ("Выполнено с нарушением срока", "late", "Выполнено"),
        ("Не выполнено", "not_done", "Причина"),
        ("В работе", "open", "Отметка"),
    ]
    for title, key, last in groups:
        rows = items[key]
        if not rows:
            continue
        blocks.append({"subtitle": title})
        blocks.append(
            _table(
                [15, 95, 25, 35],
                ["№", "Мероприятие", "Срок", last],
                [
                    [
                        r["number"],
                        r["activity"],
                        _day(r["deadline"]),
                        r["reason"]
                        if key == "not_done"
                        else _day(r["done_on"])
                        if key in ("on_time", "late")
                        else ("просрочено" if r["overdue"] else "срок не наступил"),
                    ]
                    for r in rows
                ],
                {0, 2} if key == "not_done" else {0, 2, 3},
            )
        )
    return blocks


def _events_section(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if not events:
        return [{"text": NONE}]
    return [
        _table(
            [25, 95, 50],
            ["Дата", "Мероприятие", "Степень участия"],
            [
                [
                    _day(e["date"]),
                    f"{e['title']} ({lower_first(e['kind'])})"
                    + (f". {e['task']}" if e["task"] else ""),
                    e["degree"],
                ]
                for e in events
            ],
            {0},
        )
    ]


def _internships_section(internships: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if not internships:
        return [{"text": NONE}]
    blocks: list[dict[str, Any]] = []
    for i in internships:
        blocks.append(
            {
                "text": (
                    f"{i['form']}, {i['host']}, с {_day(i['starts_on'])} по "
                    f"{_day(i['ends_on'])} ({lower_first(i['status'])})."
                    + (
                        f" Оценка руководителя стажировки: {lower_first(i['assessment'])}."
                        if i["assessment"]
                        else " Отзыв руководителя стажировки не написан."
                    )
                )
            }
        )
        if i["work_done"]:
            blocks.append({"text": f"Выполненная работа: {i['work_done']}"})
        if i["recommendation"]:
            blocks.append({"text": f"Рекомендации: {i['recommendation']}"})
    return blocks


def _studies_section(studies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if not studies:
        return [{"text": NONE}]
    rows = []
    for s in studies:
        results = [s["status"]]
        if s["interviews"]:
            results.append("собеседование: " + ", ".join(s["interviews"]))
        if s["best_score"] is not None:
            results.append(f"лучший результат теста: {s['best_score']}\u00a0%")
        if s["application"]:
            results.append(f"применение: {lower_first(s['application'])}")
        act = s["act"] + (f" ({s['articles']})" if s["articles"] else "")
        rows.append([act, s["method"], "; ".join(results)])
    return [
        _table([80, 30, 60], ["Правовой акт", "Проверка", "Результат"], rows, set())
    ]


def _consultations_section(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if not rows:
        return [{"text": NONE}]
    return [
        _table(
            [110, 30, 30],
            ["Направление", "Количество", "Часов"],
            [
                [
                    r["area"][:1].upper() + r["area"][1:],
                    str(r["count"]),
                    f"{r['hours']:g}".replace(".", ","),
                ]
                for r in rows
            ],
            {1, 2},
        )
    ]


def _chart(profile: dict[str, Any]) -> dict[str, Any] | None:
    """The data of the growth chart: per competency (the average first) its
    levels at the start, middle and end; None for a snapshot without the
    points' codes."""
    codes = profile.get("codes")
    if not codes:
        return None
    points = list(Assessment.Point.values)
    rows = []
    for r in profile["rows"]:
        by_point = dict(zip(codes, r["levels"], strict=True))
        cells = [by_point.get(point, {}) for point in points]
        rows.append(
            Growth(
                competency=r["competency"],
                self_levels=tuple(c.get("self") for c in cells),
                mentor_levels=tuple(c.get("mentor") for c in cells),
            )
        )
    return {
        "rows": [average(rows, CHART_AVERAGE), *rows],
        "labels": CHART_LABELS,
        "legend": CHART_LEGEND,
        "title": "Рисунок 1 — Самооценка и оценка наставника по компетенциям",
    }


def _point_header(label: str) -> str:
    """«середина наставничества» → «Середина»."""
    first, _space, rest = label.partition(" ")
    return (first if rest == "наставничества" else label).capitalize()


def _competencies_section(profile: dict[str, Any]) -> list[dict[str, Any]]:
    if not profile["rows"]:
        return [{"text": "Оценки компетенций не проводились."}]
    points = profile["points"]
    # «Середина наставничества» does not fit a narrow column at 12 pt: the header
    # names the point by its first word, the caption says whose points they are.
    headers = [_point_header(p) for p in points]
    width, growth_width = 24, 16
    name_width = documents.WIDTH_MM - width * len(points) - growth_width
    rows = []
    for r in profile["rows"]:
        cells = [
            f"{c['self'] if c['self'] is not None else '—'} / "
            f"{c['mentor'] if c['mentor'] is not None else '—'}"
            for c in r["levels"]
        ]
        growth = r["growth"]
        rows.append(
            [
                r["competency"],
                *cells,
                "—" if growth is None else f"{growth:+d}" if growth else "0",
            ]
        )
    chart = _chart(profile)
    return [
        *([{"chart": chart}] if chart else []),
        {
            "text": "Уровни в точках оценки наставничества: самооценка резервиста "
            "/ оценка наставника; рост — по оценке наставника от первой оценки "
            "к последней."
        },
        _table(
            [name_width, *[width] * len(points), growth_width],
            ["Компетенция", *headers, "Рост"],
            rows,
            set(range(1, len(points) + 2)),
        ),
    ]


def data_sections(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The part the system drafted, as numbered sections of blocks (a text, a
    subtitle or a table)."""
    if not data:
        return []
    return [
        {
            "title": "1. Выполнение индивидуального плана",
            "blocks": _items_section(data["items"]),
        },
        {
            "title": "2. Участие в мероприятиях",
            "blocks": _events_section(data["events"]),
        },
        {"title": "3. Стажировка", "blocks": _internships_section(data["internships"])},
        {
            "title": "4. Изучение нормативных правовых актов",
            "blocks": _studies_section(data["studies"]),
        },
        {
            "title": "5. Консультации наставника",
            "blocks": _consultations_section(data["consultations"]),
        },
        {
            "title": "6. Развитие ключевых компетенций",
            "blocks": _competencies_section(data["competencies"]),
        },
    ]


def _person(person: Person) -> dict[str, str]:
    return {
        "name": person.full_name,
        "signature": signature_name(person.full_name),
        "position_lower": lower_first(person.position.name),
        "organization": person.organization.short_name,
    }


def report_context(report: PlanReport) -> dict[str, Any]:
    """Everything the document shows, as plain data. The report comes from
    permissions.get_report (for_card): no query."""
    plan = report.plan
    reservist = plan.reserve_entry.person
    data = report.data_view
    dated = report.submitted_at or report.reviewed_at
    accepted = ""
    if report.status == PlanReport.Status.ACCEPTED and report.reviewed_at:
        accepted = (
            "Отчёт принят органом управления образованием "
            f"{date_digits(timezone.localtime(report.reviewed_at).date())}."
        )
    return {
        "authority": reservist.organization.municipality.authority_name,
        "title": "о выполнении индивидуального плана подготовки резервиста "
        "управленческих кадров",
        "facts": [
            (
                "Резервист",
                f"{reservist.full_name}, {lower_first(reservist.position.name)}, "
                f"{reservist.organization.full_name}",
            ),
            ("Целевая должность", plan.reserve_entry.target_position.name),
            (
                "Наставник",
                f"{plan.mentor.full_name}, {lower_first(plan.mentor.position.name)}, "
                f"{plan.mentor.organization.short_name}",
            ),
            (
                "Период плана",
                f"с {date_digits(plan.period_start)} по {date_digits(plan.period_end)}",
            ),
            ("Данные на", _day(data.get("as_of"))),
        ],
        "sections": data_sections(data),
        "self_analysis": report.self_analysis.splitlines() or ["—"],
        "conclusion": report.conclusion.splitlines() or ["—"],
        "recommendation": RECOMMENDATIONS.get(report.recommendation, "—"),  # type: ignore[call-overload]
        "reservist": _person(reservist),
        "mentor": _person(plan.mentor),
        "dated": date_digits(timezone.localtime(dated).date()) if dated else BLANK_DATE,
        "accepted": accepted,
    }


def render_report(report: PlanReport, fmt: str) -> tuple[bytes, str, str]:
    """The report as (content, filename, content type) in "docx" or "pdf";
    raises ValidationError for another format."""
    if fmt not in FORMATS:
        raise ValidationError(UNKNOWN_FORMAT % {"format": fmt}, code="format")
    context = report_context(report)
    render = documents.RENDERERS[fmt]
    return render(context), filename(report, fmt), FORMATS[fmt]

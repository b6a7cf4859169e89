"""The individual plan as a document: select its data, then render DOCX or PDF."""

import re
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError

from core.typography import act_instrumental, date_digits, lower_first, signature_name
from organizations.models import Municipality
from people.models import Person
from plans import documents
from plans.models import COLUMN_KEYS, IndividualPlan, PlanFormSection, PlanItem

FORMATS = {
    "docx": documents.DOCX_CONTENT_TYPE,
    "pdf": documents.PDF_CONTENT_TYPE,
}

# The document is the municipality's form letter, so the few words that Python
# composes are written in Russian here, like the templates themselves.
UNKNOWN_FORMAT = "Неизвестный формат документа «%(format)s»: выберите DOCX или PDF."
MARKS: dict[str, str] = {
    PlanItem.Status.PLANNED: "",
    PlanItem.Status.IN_PROGRESS: "Выполняется",
    PlanItem.Status.DONE: "Выполнено",
    PlanItem.Status.NOT_DONE: "Не выполнено",
    PlanItem.Status.CANCELLED: "Отменено",
}
ON_TIME, LATE = "в срок", "с опозданием"
CONFIRMED, UNCONFIRMED = "подтверждено наставником", "не подтверждено наставником"
# Printed under the stamp of a plan changed since it was approved.
UNAPPROVED_CHANGES = (
    "Изменения, внесённые после утверждения %(date)s, ожидают повторного утверждения"
)
_FORM_APPROVED = "Форма утверждена"
# A date to write by hand, in the digits of every printed date (ГОСТ Р 7.0.97).
BLANK_DATE = "__.__.20__"
# The last rows, which keep the signatures company; a section's title keeps with
# its first row anyway, so a longer chain would move whole pages.
KEPT_ROWS = 1
HEAD_POSITION = "Руководитель"  # when the organisation's head is not recorded

_CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
_LATIN = "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya"
_TRANSLIT = {
    c: "" if latin == "-" else latin
    for c, latin in zip(_CYRILLIC, _LATIN.split(), strict=True)
}


def form_requisites(document: str, number: str, day: date | None) -> str:
    """«Форма утверждена приказом Управления образования от 15.01.2026 № 12»;
    empty while the form version has no requisites."""
    act = act_instrumental(document, number, day)
    if not act:
        return ""
    return (
        f"{_FORM_APPROVED}{act}" if act.startswith(":") else f"{_FORM_APPROVED} {act}"
    )


def completion_mark(item: PlanItem) -> str:
    """«Выполнено 12.10.2026 в срок; подтверждено наставником», «Выполнено
    20.10.2026 с опозданием; не подтверждено наставником», «Не выполнено:
    причина», «Отменено»; blank when planned."""
    mark = MARKS[item.status]
    if item.status == PlanItem.Status.DONE and item.done_on:
        timing = LATE if item.is_done_late else ON_TIME
        confirmation = CONFIRMED if item.confirmed_at else UNCONFIRMED
        return f"{mark} {date_digits(item.done_on)} {timing}; {confirmation}"
    if item.status == PlanItem.Status.NOT_DONE and item.not_done_reason:
        return f"{mark}: {item.not_done_reason}"
    return mark


def filename(plan: IndividualPlan, fmt: str) -> str:
    """plan-petrov-2026-12-01.pdf: ASCII, so every browser and mail client keeps it."""
    surname = plan.reserve_entry.person.last_name.lower()
    latin = "".join(_TRANSLIT.get(c, c) for c in surname)
    latin = re.sub(r"[^a-z0-9]+", "-", latin).strip("-") or "reservist"
    return f"plan-{latin}-{plan.period_start:%Y-%m-%d}.{fmt}"


def _position(person: Person) -> str:
    return lower_first(person.position.name)


def _agreeing_head(plan: IndividualPlan) -> dict[str, str] | None:
    """Who agrees the plan (СОГЛАСОВАНО): the head of the reservist's organisation,
    unless the head approves it; the name stays blank when no head is recorded."""
    organization = plan.reserve_entry.person.organization
    if organization.municipality.plan_approver == Municipality.PlanApprover.HEAD:
        return None
    head = organization.head
    return {
        "position": head.position.name if head else HEAD_POSITION,
        "organization": organization.short_name,
        "name": signature_name(head.full_name) if head else "",
    }


def _approver(plan: IndividualPlan) -> dict[str, str]:
    """Who approved the plan and when; empty strings until it is approved, and
    again while changes made since wait for re-approval (lines to sign then)."""
    empty = {"position": "", "organization": "", "name": "", "date": ""}
    if (
        plan.approved_at is None
        or plan.has_unapproved_changes
        or plan.status
        not in (IndividualPlan.Status.APPROVED, IndividualPlan.Status.COMPLETED)
    ):
        return empty
    approved = {**empty, "date": date_digits(plan.approved_at.date())}
    user = plan.approved_by
    if user is None:
        return approved
    person = getattr(user, "person", None)
    if person is not None:
        return {
            **approved,
            "position": person.position.name,
            "organization": person.organization.short_name,
            "name": signature_name(person.full_name),
        }
    # An account with no person record: its names, initial first («М. Соколова»).
    name = " ".join(n for n in (user.last_name, user.first_name) if n)
    return {**approved, "name": signature_name(name or user.username)}


def _unapproved_changes(plan: IndividualPlan) -> str:
    """The mark of an approved plan changed since, or empty."""
    if not plan.has_unapproved_changes or plan.approved_at is None:
        return ""
    return UNAPPROVED_CHANGES % {"date": date_digits(plan.approved_at.date())}


def _rows(plan: IndividualPlan, sections: list, items: dict) -> list[dict[str, Any]]:
    """The sections with their rows; the plan's last row carries
    ``keep_with_next``, so the signatures never start a page alone."""
    result = [
        {
            "number": str(n),
            "title": section.title,
            "rows": [
                {
                    "number": f"{n}.{i}",
                    "activity": item.activity,
                    "form": item.form_of_work,
                    "deadline": date_digits(item.deadline),
                    "responsible": item.responsible,
                    "expected_result": item.expected_result,
                    "mark": completion_mark(item),
                    "keep_with_next": False,
                }
                for i, item in enumerate(items[section.pk], start=1)
            ],
        }
        for n, section in enumerate(sections, start=1)
    ]
    last = [row for section in result for row in section["rows"]][-KEPT_ROWS:]
    for row in last:
        row["keep_with_next"] = True
    return result


def plan_context(plan: IndividualPlan) -> dict[str, Any]:
    """Everything the plan's documents show, as plain data, in three queries:
    the plan with its people, the form's sections, the items."""
    plan = IndividualPlan.objects.select_related(
        "reserve_entry__person__organization__municipality",
        "reserve_entry__person__organization__head__position",
        "reserve_entry__person__position",
        "reserve_entry__target_position",
        "mentor__position",
        "mentor__organization",
        "form_version",
        "approved_by__person__position",
        "approved_by__person__organization",
    ).get(pk=plan.pk)
    version = plan.form_version
    sections = list(
        PlanFormSection.objects.filter(version_id=version.pk).order_by("position")
    )
    items: dict[int, list[PlanItem]] = {s.pk: [] for s in sections}
    for item in PlanItem.objects.filter(plan_id=plan.pk).order_by("position", "pk"):
        items.setdefault(item.section_id, []).append(item)
    reservist = plan.reserve_entry.person
    mentor = plan.mentor
    agreed = _agreeing_head(plan)
    return {
        "form_requisites": form_requisites(
            version.approval_document, version.approval_number, version.approval_date
        ),
        "approver": _approver(plan),
        "unapproved_changes": _unapproved_changes(plan),
        "blank_date": BLANK_DATE,
        "reservist_name": reservist.full_name,
        "reservist_signature": signature_name(reservist.full_name),
        "reservist_position": _position(reservist),
        "reservist_organization": reservist.organization.full_name,
        "target_position": plan.reserve_entry.target_position.name,
        "mentor_name": mentor.full_name,
        "mentor_signature": signature_name(mentor.full_name),
        "mentor_position": _position(mentor),
        "mentor_organization": (
            ""
            if mentor.organization_id == reservist.organization_id
            else mentor.organization.short_name
        ),
        "period_start": date_digits(plan.period_start),
        "period_end": date_digits(plan.period_end),
        "columns": {key: version.title_of(key) for key in COLUMN_KEYS},
        "sections": _rows(plan, sections, items),
        "agreed": agreed or {},
        "has_agreement": agreed is not None,
    }


def render_plan(plan: IndividualPlan, fmt: str) -> tuple[bytes, str, str]:
    """The plan as (content, filename, content type) in "docx" or "pdf".

    Raises ValidationError for an unknown format."""
    if fmt not in FORMATS:
        raise ValidationError(UNKNOWN_FORMAT % {"format": fmt}, code="format")
    context = plan_context(plan)
    if fmt == "docx":
        content = documents.render_plan_docx(context)
    else:
        content = documents.render_plan_pdf(context)
    return content, filename(plan, fmt), FORMATS[fmt]

"""The order on mentors as a document: select its data, pick the template, render."""

import re
from pathlib import PurePath
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import F, Q
from django.utils.translation import gettext as _

from core.typography import (
    act_instrumental,
    date_digits,
    date_words,
    genitive_municipality,
    lower_first,
    signature_name,
)
from mentorships import documents
from mentorships.models import MentorOrder, Mentorship, OrderTemplate
from organizations.models import Municipality
from people.models import Person

FORMATS = {
    "docx": documents.DOCX_CONTENT_TYPE,
    "pdf": documents.PDF_CONTENT_TYPE,
}

_CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
_LATIN = "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya"
_TRANSLIT = {
    c: "" if latin == "-" else latin
    for c, latin in zip(_CYRILLIC, _LATIN.split(), strict=True)
}


def filename(order: MentorOrder, fmt: str) -> str:
    """prikaz-15-ot-2026-11-24.docx: ASCII, so every browser and mail client keeps it."""
    number = "".join(_TRANSLIT.get(c, c) for c in order.number.lower())
    number = re.sub(r"[^a-z0-9]+", "-", number).strip("-") or "b-n"
    return f"prikaz-{number}-ot-{order.date:%Y-%m-%d}.{fmt}"


def scan_filename(order: MentorOrder) -> str:
    """prikaz-15-ot-2026-11-24-podpisannyj.pdf: the signed copy's download name."""
    extension = PurePath(order.scan.name).suffix.lstrip(".").lower() or "pdf"
    return filename(order, extension).replace(
        f".{extension}", f"-podpisannyj.{extension}"
    )


# The standard titles, by (several mentors, several reservists): an order keeping
# one of them gets the one that agrees with its lines; any other title stays.
TITLES = {
    (False, False): "О закреплении наставника за резервистом",
    (False, True): "О закреплении наставника за резервистами",
    (True, False): "О закреплении наставников за резервистом",
    (True, True): "О закреплении наставников за резервистами",
}
# The document's words are the municipality's form letter, in Russian here.
DEFAULT_ACT = "приказ"  # when only the date or number of the act is recorded
BLANK_DATE = "__.__.20__"  # a date to write by hand, in the digits of every date


def order_title(title: str, *, several_mentors: bool, several_reservists: bool) -> str:
    """The order's title, in the number that agrees with its lines when it is a
    standard one («О закреплении наставника за резервистом» for one pair)."""
    if title.strip() in TITLES.values():
        return TITLES[several_mentors, several_reservists]
    return title


def regulation_act(municipality: Municipality) -> str:
    """«приказом Управления образования от 14.08.2026 № 44-о», the act approving
    the regulation on mentoring, or empty when none is recorded."""
    document = municipality.regulation_act.strip()
    if not document and (
        municipality.regulation_date or municipality.regulation_number
    ):
        document = DEFAULT_ACT
    return act_instrumental(
        document, municipality.regulation_number, municipality.regulation_date
    )


def _person(person: Person) -> dict[str, str]:
    return {"name": person.full_name, "short_name": person.short_name}


def order_context(order: MentorOrder) -> dict[str, Any]:
    """Everything the order's documents show, as plain data, in two queries."""
    order = MentorOrder.objects.select_related("organization__municipality").get(
        pk=order.pk
    )
    mentorships = list(
        Mentorship.objects.filter(order=order)
        .select_related(
            "mentor__position",
            "reserve_entry__person__position",
            "reserve_entry__target_position",
            "replaces__mentor__position",
            "replaces__order",
        )
        .order_by("pk")
    )
    organization = order.organization
    municipality = organization.municipality
    lines: list[dict[str, str | int]] = []
    replacements: list[dict[str, str | int]] = []
    # Who signs «С приказом ознакомлены»: the mentors, their reservists, then the
    # mentors being replaced; each person once.
    mentors: dict[int, dict[str, str]] = {}
    reservists: dict[int, dict[str, str]] = {}
    replaced: dict[int, dict[str, str]] = {}
    for n, m in enumerate(mentorships, start=1):
        reservist = m.reserve_entry.person
        old = m.replaces
        lines.append(
            {
                "n": n,
                "mentor_name": m.mentor.full_name,
                "mentor_short_name": m.mentor.short_name,
                "mentor_position": lower_first(m.mentor.position.name),
                "reservist_name": reservist.full_name,
                "reservist_short_name": reservist.short_name,
                "reservist_position": lower_first(reservist.position.name),
                "target_position": m.reserve_entry.target_position.name,
                "starts_on": date_digits(m.starts_on),
                "ends_on": date_digits(m.planned_end_on),
                "replaced_mentor_name": old.mentor.full_name if old else "",
            }
        )
        mentors[m.mentor.pk] = _person(m.mentor)
        reservists[reservist.pk] = _person(reservist)
        if old:
            replacements.append(
                {
                    "n": len(replacements) + 1,
                    "reservist_name": reservist.full_name,
                    "mentor_name": old.mentor.full_name,
                    "mentor_position": lower_first(old.mentor.position.name),
                    "order_number": old.order.number,
                    "order_date": date_digits(old.order.date),
                    # register_order ends the old mentorship on the new start
                    "ends_on": date_digits(max(m.starts_on, old.starts_on)),
                    "new_mentor_name": m.mentor.full_name,
                }
            )
            replaced[old.mentor.pk] = _person(old.mentor)
    acquaintances: dict[int, dict[str, str]] = {}
    for group in (mentors, reservists, replaced):
        for pk, person in group.items():
            acquaintances.setdefault(pk, person)
    periods = {(m.starts_on, m.planned_end_on) for m in mentorships}
    period = periods.pop() if len(periods) == 1 else None
    several_mentors, several_reservists = len(mentors) > 1, len(reservists) > 1
    return {
        "authority_name": municipality.authority_name,
        "municipality_name": municipality.name,
        "municipality_genitive": genitive_municipality(municipality.name),
        "place": municipality.place,
        "organization_full_name": organization.full_name,
        "organization_short_name": organization.short_name,
        "organization_address": organization.address,
        "organization_phone": organization.phone,
        "organization_email": organization.email,
        "organization_inn": organization.inn,
        "order_number": order.number,
        "order_date": date_words(order.date),
        "order_date_numeric": date_digits(order.date),
        "order_title": order_title(
            order.title,
            several_mentors=several_mentors,
            several_reservists=several_reservists,
        ),
        "is_draft": order.status == MentorOrder.Status.DRAFT,
        "plural": len(lines) > 1,
        "several_mentors": several_mentors,
        "several_reservists": several_reservists,
        "regulation_act": regulation_act(municipality),
        "regulation_date": (
            date_digits(municipality.regulation_date)
            if municipality.regulation_date
            else ""
        ),
        "regulation_number": municipality.regulation_number,
        "blank_date": BLANK_DATE,
        "period_start": date_digits(period[0]) if period else "",
        "period_end": date_digits(period[1]) if period else "",
        "lines": lines,
        "replacements": replacements,
        "acquaintances": list(acquaintances.values()),
        "signatory_position": order.signatory_position,
        "signatory_name": signature_name(order.signatory_name),
    }


def order_template_bytes(order: MentorOrder) -> bytes | None:
    """The DOCX template for the order's organisation: its own, else the
    municipality's default, else None (the built-in one)."""
    template = (
        OrderTemplate.objects.filter(
            Q(organization_id=order.organization_id)
            | Q(
                organization__isnull=True,
                municipality__organizations__id=order.organization_id,
            )
        )
        .order_by(F("organization_id").asc(nulls_last=True))
        .first()
    )
    if template is None:
        return None
    with template.file.open("rb") as f:
        return f.read()


def render_order(order: MentorOrder, fmt: str) -> tuple[bytes, str, str]:
    """The order as (content, filename, content type) in "docx" or "pdf".

    The DOCX follows the organisation's or municipality's own template if there is
    one; the PDF always follows the built-in layout. Raises ValidationError for an
    unknown format or a template that cannot be filled in."""
    if fmt not in FORMATS:
        raise ValidationError(
            _("Unknown document format «%(format)s»: choose DOCX or PDF.")
            % {"format": fmt}
        )
    context = order_context(order)
    if fmt == "docx":
        content = documents.render_order_docx(context, order_template_bytes(order))
    else:
        content = documents.render_order_pdf(context)
    return content, filename(order, fmt), FORMATS[fmt]

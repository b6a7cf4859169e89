"""The minutes of a session, the extract for one reservist and the materials
pack as documents: select the data, then render (attestation/documents.py)."""

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from attestation import documents, queries
from attestation.models import Attestation, Membership, Session
from core.typography import date_digits, lower_first, signature_name
from people.models import Person

FORMATS = {"docx": documents.DOCX_CONTENT_TYPE, "pdf": documents.PDF_CONTENT_TYPE}

# The documents are the municipality's papers: the few words Python composes are
# written in Russian here, like the templates themselves.
UNKNOWN_FORMAT = "Неизвестный формат документа «%(format)s»: выберите DOCX или PDF."
BLANK = "________________"
CHOICES = {
    Attestation.Decision.RECOMMENDED: "рекомендовать к назначению на должность",
    Attestation.Decision.CONTINUE: "продолжить подготовку",
    Attestation.Decision.EXCLUDE: "исключить из резерва",
}

_CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
_LATIN = "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya"
_TRANSLIT = {
    c: "" if latin == "-" else latin
    for c, latin in zip(_CYRILLIC, _LATIN.split(), strict=True)
}


def _latin(text: str) -> str:
    latin = "".join(_TRANSLIT.get(c, c) for c in text.lower())
    return re.sub(r"[^a-z0-9]+", "-", latin).strip("-") or "x"


def _person(person: Person) -> dict[str, str]:
    position = person.position.name if person.position_id else ""
    return {
        "name": person.full_name,
        "signature": signature_name(person.full_name),
        "position_lower": lower_first(position),
        # «МОУ «СОШ № 1»» is not broken after «№» (nor stretched there when justified).
        "organization": person.organization.short_name.replace("№ ", "№\u00a0"),
    }


def decision_text(attestation: Attestation) -> str:
    """«Петров Дмитрий Александрович — рекомендовать …»: the decision as the
    minutes state it (the name stays in the nominative, which needs no
    declension)."""
    entry = attestation.reserve_entry
    name = entry.person.full_name
    if attestation.decision == Attestation.Decision.RECOMMENDED:
        return (
            f"{name} — рекомендовать к назначению на должность "
            f"«{lower_first(entry.target_position.name)}»."
        )
    if attestation.decision == Attestation.Decision.CONTINUE:
        until = (
            date_digits(attestation.new_term_until)
            if attestation.new_term_until
            else ""
        )
        return (
            f"{name} — продолжить подготовку в резерве управленческих кадров, "
            f"установить срок пребывания в резерве до {until}."
        )
    if attestation.decision == Attestation.Decision.EXCLUDE:
        return (
            f"{name} — исключить из резерва управленческих кадров. "
            f"Основание: {attestation.exclusion_reason}."
        )
    return "Решение не принято."


def _item(n: int, a: Attestation, plain: bool) -> dict[str, Any]:
    person = a.reserve_entry.person
    counts: dict[str, int] = {str(choice): 0 for choice in CHOICES}
    for vote in a.votes.all():
        counts[vote.choice] = counts.get(vote.choice, 0) + 1
    if not a.is_decided:
        votes = ""
    elif plain:
        votes = "Решение принято без поимённого голосования."
    else:
        votes = "; ".join(f"«{text}» — {counts[c]}" for c, text in CHOICES.items())
        votes += "."
        if a.decided_by_chair:
            votes += " При равенстве голосов решающим был голос председательствующего."
    mentor = a.mentor
    return {
        "number": str(n),
        "reservist": _person(person),
        "target_position": lower_first(a.reserve_entry.target_position.name),
        "mentor": mentor.full_name if mentor else "",
        "recommendation": a.mentor_recommendation,
        "votes": votes,
        "decision": decision_text(a),
        "is_decided": a.is_decided,
    }


def session_context(
    session: Session, only: Attestation | None = None
) -> dict[str, Any]:
    """Everything the minutes (or the extract for `only`) show, as plain data."""
    session = Session.objects.select_related("commission__municipality").get(
        pk=session.pk
    )
    agenda = list(
        session.attestations.for_list()
        .select_related("mentor")
        .prefetch_related("votes")
        .in_agenda_order()
    )
    roster = queries.roster(session, agenda)
    members = {
        m.person_id: m for m in queries.members_on(session.commission, session.date)
    }
    people = {
        p.pk: p
        for p in Person.objects.filter(pk__in=members.keys()).select_related(
            "position", "organization"
        )
    }

    def signer(role: str) -> dict[str, str]:
        for m in members.values():
            if m.role == role:
                return _person(people[m.person_id])
        return {
            "name": "",
            "signature": BLANK,
            "position_lower": "",
            "organization": "",
        }

    present = [m for m in roster.members if m.is_present]
    absent = [m for m in roster.members if not m.is_present]
    municipality = session.commission.municipality
    items = [_item(n, a, roster.plain_decision) for n, a in enumerate(agenda, 1)]
    chosen = [
        i for i, a in zip(items, agenda, strict=True) if only is None or a.pk == only.pk
    ]
    return {
        "authority": municipality.authority_name,
        "place_name": municipality.place,
        "date": date_digits(session.date),
        "number": session.number,
        "time": session.time.strftime("%H:%M"),
        "place": session.place,
        "chair": signer(Membership.Role.CHAIR),
        "secretary": signer(Membership.Role.SECRETARY),
        "present": [f"{m.name} — {m.role_label}" for m in present],
        "absent": [m.name for m in absent],
        "mentors": [
            f"{m.name} (наставник: {m.detail})" for m in roster.mentors if m.is_present
        ],
        "n_members": roster.n_members,
        "n_present": roster.n_present,
        "has_quorum": roster.has_quorum,
        "quorum": (
            f"Присутствуют {roster.n_present} из {roster.n_members} членов комиссии; "
            + ("кворум имеется." if roster.has_quorum else "кворума нет.")
        ),
        "is_marked": roster.is_marked,
        "items": chosen,
        "agenda": items,
        "today": date_digits(timezone.localdate()),
        "blank_date": "__.__.20__",
    }


def _check(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ValidationError(UNKNOWN_FORMAT % {"format": fmt}, code="format")


def render_minutes(session: Session, fmt: str) -> tuple[bytes, str, str]:
    """The minutes as (content, filename, content type); raises ValidationError
    for an unknown format."""
    _check(fmt)
    context = session_context(session)
    render = (
        documents.render_minutes_docx if fmt == "docx" else documents.render_minutes_pdf
    )
    return (
        render(context),
        f"minutes-{session.date:%Y-%m-%d}-{_latin(session.number)}.{fmt}",
        FORMATS[fmt],
    )


def render_extract(attestation: Attestation, fmt: str) -> tuple[bytes, str, str]:
    """The extract from the minutes for one reservist; raises ValidationError for
    an unknown format or before the decision."""
    _check(fmt)
    if not attestation.is_decided:
        raise ValidationError("Комиссия ещё не приняла решение.", code="undecided")
    context = session_context(attestation.session, only=attestation)
    render = (
        documents.render_extract_docx if fmt == "docx" else documents.render_extract_pdf
    )
    surname = _latin(attestation.reserve_entry.person.last_name)
    name = f"extract-{surname}-{attestation.session.date:%Y-%m-%d}.{fmt}"
    return render(context), name, FORMATS[fmt]


def render_pack(attestation: Attestation) -> tuple[bytes, str]:
    """The materials pack as one PDF (content, filename)."""
    found = queries.pack(attestation, timezone.localdate())
    surname = _latin(attestation.reserve_entry.person.last_name)
    return documents.render_pack_pdf({"pack": found}), f"pack-{surname}.pdf"

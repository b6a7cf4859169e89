"""Russian typography of documents: dates, the genitive of a municipality's name,
signatures per ГОСТ Р 7.0.97-2016, positions after a name."""

import re
from datetime import date

from django.utils import formats, translation

# Municipality names start with their kind in the nominative; the preamble
# needs the genitive («… системы образования городского округа Стрежевой»).
_GENITIVES = [
    ("городской округ", "городского округа"),
    ("муниципальный округ", "муниципального округа"),
    ("муниципальный район", "муниципального района"),
    ("городское поселение", "городского поселения"),
    ("сельское поселение", "сельского поселения"),
    ("муниципальное образование", "муниципального образования"),
]  # not «город»: the city's own name declines too («города Томска»)


def date_words(day: date) -> str:
    """«24 ноября 2026 г.», whatever the active language."""
    with translation.override("ru"):
        return formats.date_format(day, "j E Y г.")


def date_digits(day: date) -> str:
    """«24.11.2026»."""
    return day.strftime("%d.%m.%Y")


def genitive_municipality(name: str) -> str:
    """«Городской округ Стрежевой» → «городского округа Стрежевой»; a name of
    another shape becomes «муниципального образования «…»»."""
    lowered = name.strip().lower()
    for nominative, genitive in _GENITIVES:
        if lowered.startswith(nominative + " "):
            return genitive + name.strip()[len(nominative) :]
    return f"муниципального образования «{name.strip()}»"


def signature_name(name: str) -> str:
    """Initials before the surname, as ГОСТ Р 7.0.97 decodes a signature:
    «Кузнецов Андрей Петрович», «Кузнецов А.П.» and «А.П. Кузнецов» all give
    «А. П. Кузнецов»."""
    tokens = [t for t in re.split(r"\s+|(?<=\.)", name.strip()) if t]
    initials = [t for t in tokens if re.fullmatch(r"\w\.", t)]
    words = [t for t in tokens if not re.fullmatch(r"\w\.", t)]
    if not initials and len(words) > 1:
        initials = [f"{w[0]}." for w in words[1:]]
        words = words[:1]
    return " ".join([*initials, *words])


def lower_first(text: str) -> str:
    """«Заместитель директора» → «заместитель директора», after a name and a comma;
    an abbreviation such as «ГИА» stays as it is."""
    if len(text) > 1 and text[1].islower():
        return text[0].lower() + text[1:]
    return text


# «… утверждена приказом …»: the approving document in the instrumental case.
_INSTRUMENTALS = [
    ("приказ", "приказом"),
    ("распоряжение", "распоряжением"),
    ("постановление", "постановлением"),
    ("решение", "решением"),
]
# No-break spaces keep «от» with the date and «№» with the number on a line.
_DATED, _NUMBERED = " от\u00a0%s", " №\u00a0%s"


def act_instrumental(document: str, number: str = "", day: date | None = None) -> str:
    """The act that approved something, after «утверждена»: «приказ Управления
    образования», 12 and 20.08.2026 give «приказом Управления образования
    от 20.08.2026 № 12»; a document of another kind follows a colon
    («: Положение …»); empty while the document is not named."""
    document = document.strip()
    if not document:
        return ""
    lowered = document.lower()
    for nominative, instrumental in _INSTRUMENTALS:
        if lowered == nominative or lowered.startswith(nominative + " "):
            text = f"{instrumental}{document[len(nominative) :]}"
            break
    else:
        text = f": {document}"
    if day is not None:
        text += _DATED % date_digits(day)
    if number.strip():
        text += _NUMBERED % number.strip()
    return text

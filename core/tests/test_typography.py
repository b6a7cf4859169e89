"""Russian typography of documents."""

from datetime import date

import pytest

from core.typography import (
    date_digits,
    date_words,
    genitive_municipality,
    lower_first,
    signature_name,
)


@pytest.mark.parametrize(
    "name",
    [
        "Кузнецов Андрей Петрович",
        "Кузнецов А. П.",
        "Кузнецов А.П.",
        "А.П. Кузнецов",
        " А. П.  Кузнецов ",
    ],
)
def test_signature_name_puts_initials_before_the_surname(name):
    assert signature_name(name) == "А. П. Кузнецов"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Городской округ Стрежевой", "городского округа Стрежевой"),
        ("Муниципальный район Томский", "муниципального района Томский"),
        ("Стрежевой", "муниципального образования «Стрежевой»"),
        ("Город Томск", "муниципального образования «Город Томск»"),
    ],
)
def test_genitive_municipality(name, expected):
    assert genitive_municipality(name) == expected


def test_dates_in_words_and_digits():
    assert date_words(date(2026, 11, 24)) == "24 ноября 2026 г."
    assert date_digits(date(2026, 11, 4)) == "04.11.2026"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Заместитель директора", "заместитель директора"), ("ГИА", "ГИА")],
)
def test_lower_first_keeps_abbreviations(text, expected):
    assert lower_first(text) == expected

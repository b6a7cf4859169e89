from datetime import date

import pytest

from demo.legal_acts import load_legal_acts
from legal_acts.models import LegalAct, LegalActEdition

pytestmark = pytest.mark.django_db


def test_the_starter_catalogue_is_loaded_once(municipality):
    load_legal_acts(municipality)
    load_legal_acts(municipality)

    assert LegalAct.objects.filter(level=LegalAct.Level.FEDERAL).count() == 9
    law = LegalAct.objects.get(number="273-ФЗ")
    assert law.adopted_on == date(2012, 12, 29)
    assert list(law.editions.values_list("effective_on", flat=True)) == [
        date(2021, 4, 5),
        date(2020, 7, 31),
    ]
    assert LegalActEdition.objects.count() == 3
    assert list(LegalAct.objects.filtered(q="санпин 1.2.3685")) == [
        LegalAct.objects.get(number="2", adopted_on=date(2021, 1, 28))
    ]


def test_the_municipalitys_own_acts_are_loaded_once(municipality):
    municipality.authority_name = "Управление образования"
    municipality.regulation_date = date(2026, 8, 14)
    municipality.regulation_number = "44-о"
    municipality.save()

    load_legal_acts(municipality)
    load_legal_acts(municipality)

    own = LegalAct.objects.exclude(level=LegalAct.Level.FEDERAL)
    assert [(a.level, a.kind, a.number, a.adopted_on) for a in own] == [
        ("local", "regulation", "", date(2026, 8, 31)),
        ("municipal", "order", "44-о", date(2026, 8, 14)),
        ("municipal", "resolution", "312", date(2026, 3, 16)),
    ]
    order = own.get(number="44-о")
    assert order.issued_by == "Управление образования"
    assert "наставничества" in order.title
    resolution = own.get(number="312")
    assert list(resolution.editions.values_list("effective_on", flat=True)) == [
        date(2026, 10, 12)
    ]
    assert list(LegalAct.objects.filtered(q="кадровом резерве")) == [resolution]
    assert LegalAct.objects.count() == 12


def test_without_a_cited_order_the_order_is_left_out(municipality):
    load_legal_acts(municipality)

    assert not LegalAct.objects.filter(kind=LegalAct.Kind.ORDER, level="municipal")
    assert LegalAct.objects.count() == 11

from datetime import date

import pytest

from demo.legal_acts import load_legal_acts
from legal_acts.models import LegalAct, LegalActEdition

pytestmark = pytest.mark.django_db


def test_the_starter_catalogue_is_loaded_once(municipality):
    load_legal_acts(municipality)
    load_legal_acts(municipality)

    assert LegalAct.objects.filter(municipality=municipality).count() == 9
    law = LegalAct.objects.get(number="273-ФЗ")
    assert law.adopted_on == date(2012, 12, 29)
    assert list(law.editions.values_list("effective_on", flat=True)) == [
        date(2021, 4, 5),
        date(2020, 7, 31),
    ]
    assert LegalActEdition.objects.count() == 2
    assert list(LegalAct.objects.filtered(q="санпин 1.2.3685")) == [
        LegalAct.objects.get(number="2", adopted_on=date(2021, 1, 28))
    ]

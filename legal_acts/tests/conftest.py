"""An act of «Town» (273-ФЗ with one edition) and one of «Elsewhere»."""

from datetime import date

import pytest

from legal_acts import services
from legal_acts.models import LegalAct


def make_act(municipality, **fields) -> LegalAct:
    values = {
        "level": LegalAct.Level.FEDERAL,
        "kind": LegalAct.Kind.FEDERAL_LAW,
        "number": "273-ФЗ",
        "adopted_on": date(2012, 12, 29),
        "title": "Об образовании в Российской Федерации",
        "issued_by": "Федеральное Собрание Российской Федерации",
        "url": "",
    }
    return services.create_legal_act(municipality=municipality, **values | fields)


@pytest.fixture
def act(municipality) -> LegalAct:
    act = make_act(municipality)
    services.add_edition(
        act=act, effective_on=date(2020, 7, 31), note="По вопросам воспитания."
    )
    return act


@pytest.fixture
def far_act(far_school) -> LegalAct:
    return make_act(
        far_school.municipality, number="152-ФЗ", title="О персональных данных"
    )

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from legal_acts import services
from legal_acts.models import LegalAct, LegalActEdition
from legal_acts.tests.conftest import make_act

pytestmark = pytest.mark.django_db


def test_search_text_folds_case_and_yo(municipality):
    act = make_act(municipality, title="О Ёлочных Игрушках", number="1-ФЗ")

    assert act.search_text == (
        "1-фз о елочных игрушках федеральное собрание российской федерации"
    )
    assert list(LegalAct.objects.filtered(q="ЁЛОЧНЫХ")) == [act]
    assert list(LegalAct.objects.filtered(q="елочных  игрушках")) == [act]


def test_filters_by_level_and_type(municipality):
    law = make_act(municipality)
    order = make_act(
        municipality, kind=LegalAct.Kind.ORDER, level=LegalAct.Level.MUNICIPAL
    )

    assert list(LegalAct.objects.filtered(kind="order")) == [order]
    assert list(LegalAct.objects.filtered(level="federal")) == [law]


def test_an_edition_before_the_act_is_refused(act):
    with pytest.raises(ValidationError) as e:
        services.add_edition(act=act, effective_on=date(2012, 12, 28), note="Рано")

    assert "раньше самого акта (29.12.2012)" in str(e.value.message_dict)
    assert act.editions.count() == 1


def test_an_edition_on_the_acts_date_is_accepted(act):
    services.add_edition(act=act, effective_on=act.adopted_on, note="Сразу")

    assert act.editions.count() == 2


def test_moving_the_act_after_its_edition_is_refused(act):
    with pytest.raises(ValidationError):
        services.update_legal_act(act=act, adopted_on=date(2021, 1, 1))

    act.refresh_from_db()
    assert act.adopted_on == date(2012, 12, 29)


def test_update_refolds_the_search_text(act):
    services.update_legal_act(act=act, title="Новое Ёмкое название")

    assert "новое емкое название" in LegalAct.objects.get(pk=act.pk).search_text


def test_a_bad_link_is_refused(municipality):
    with pytest.raises(ValidationError) as e:
        make_act(municipality, url="не ссылка")

    assert "url" in e.value.message_dict
    assert not LegalAct.objects.exists()


def test_editions_go_with_their_act(act):
    assert LegalActEdition.objects.filter(act=act).count() == 1

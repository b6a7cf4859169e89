"""The pages of the import of legal acts: the coordinator's upload, preview and
confirmation, and nobody else's."""

from datetime import date

import pytest
from django.core.cache import cache
from django.urls import reverse

from imports.models import ImportBatch
from imports.tests.factories import ImportBatchFactory, legal_acts_file
from legal_acts.models import LegalAct, LegalActEdition
from legal_acts.tests.conftest import make_act

START = reverse("imports:start", args=["legal_acts"])
TEMPLATE = reverse("imports:template", args=["legal_acts"])
LAW = [
    "федеральный",
    "федеральный закон",
    "273-ФЗ",
    "29.12.2012",
    "Об образовании в Российской Федерации",
    "Федеральное Собрание Российской Федерации",
    None,
    "31.07.2020",
    "По вопросам воспитания.",
]
ORDER = [
    "муниципальный",
    "приказ",
    "44-о",
    "14.08.2026",
    "Об утверждении Положения о наставничестве",
    "Управление образования",
]


def _text(response) -> str:
    return response.content.decode()


def test_index_offers_the_import_of_legal_acts(client, coordinator):
    client.force_login(coordinator)

    text = _text(client.get(reverse("imports:index")))

    assert "Нормативные акты" in text
    assert START in text
    assert TEMPLATE in text


def test_coordinator_uploads_previews_and_confirms_legal_acts(
    client, coordinator, municipality
):
    act = make_act(municipality)
    client.force_login(coordinator)
    text = _text(client.get(START))
    assert "Импорт нормативных актов" in text
    assert "Акт находится по типу, номеру и дате" in text

    response = client.post(START, {"file": legal_acts_file([LAW, ORDER])})

    batch = ImportBatch.objects.get()
    assert response["Location"] == batch.get_absolute_url()
    assert (LegalAct.objects.count(), LegalActEdition.objects.count()) == (1, 0)
    text = _text(client.get(response["Location"]))
    assert "Федеральный закон от 29.12.2012 № 273-ФЗ" in text
    assert "Новая редакция: — → 31.07.2020: По вопросам воспитания." in text
    assert "Приказ от 14.08.2026 № 44-о" in text
    assert "будет создано" in text
    assert "Применить импорт" in text

    response = client.post(reverse("imports:confirm", args=[batch.pk]), follow=True)

    text = _text(response)
    assert "Добавлено: 1, изменено: 1, без изменений: 0." in text
    assert reverse("legal_acts:list") in text
    assert act.editions.get().effective_on == date(2020, 7, 31)
    order = LegalAct.objects.get(number="44-о")
    assert (order.municipality, order.level) == (municipality, "municipal")


def test_row_errors_are_shown_with_400_and_nothing_is_saved(client, coordinator):
    client.force_login(coordinator)
    early = [*LAW[:7], "28.12.2012", "Раньше акта."]

    response = client.post(START, {"file": legal_acts_file([ORDER, early])})

    assert response.status_code == 400
    text = _text(response)
    assert "В файле есть ошибки, ничего не сохранено." in text
    assert "редакция датирована раньше самого акта (29.12.2012)" in text
    assert "Применить импорт" not in text
    assert (ImportBatch.objects.count(), LegalAct.objects.count()) == (0, 0)


def test_coordinator_downloads_the_template(client, coordinator):
    client.force_login(coordinator)

    response = client.get(TEMPLATE)

    assert response.status_code == 200
    assert 'filename="legal_acts-template.xlsx"' in response["Content-Disposition"]


@pytest.mark.parametrize("who", ["head", "mentor", "reservist", "commission"])
def test_the_import_of_legal_acts_is_forbidden_to_everyone_but_the_coordinator(
    client, request, who
):
    client.force_login(request.getfixturevalue(who))

    assert client.get(START).status_code == 403
    assert client.get(TEMPLATE).status_code == 403
    response = client.post(START, {"file": legal_acts_file([ORDER])})
    assert response.status_code == 403
    assert (ImportBatch.objects.count(), LegalAct.objects.count()) == (0, 0)


def test_a_stranger_neither_sees_nor_applies_the_coordinators_batch(
    client, coordinator, stranger, municipality
):
    batch = ImportBatchFactory(
        user=coordinator,
        municipality=municipality,
        kind=ImportBatch.Kind.LEGAL_ACTS,
        original_name="legal-acts.xlsx",
    )
    client.force_login(stranger)

    assert client.get(batch.get_absolute_url()).status_code == 404
    assert client.post(reverse("imports:confirm", args=[batch.pk])).status_code == 404
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.PREVIEWED


def test_a_stranger_imports_into_their_own_catalogue(
    client, stranger, far_school, municipality
):
    client.force_login(stranger)

    client.post(START, {"file": legal_acts_file([ORDER])})
    client.post(reverse("imports:confirm", args=[ImportBatch.objects.get().pk]))

    assert LegalAct.objects.get().municipality == far_school.municipality


@pytest.mark.parametrize("n_acts", [1, 10])
def test_start_and_template_query_counts(
    client, coordinator, municipality, django_assert_num_queries, n_acts
):
    for n in range(n_acts):
        make_act(municipality, number=f"{n}-ФЗ")
    client.force_login(coordinator)

    # session, user, roles, person, the municipality imported into
    with django_assert_num_queries(5):
        assert client.get(START).status_code == 200
    cache.clear()  # the roles cached by the first request: both count them
    # the same: the lists of levels and types are fixed
    with django_assert_num_queries(5):
        assert client.get(TEMPLATE).status_code == 200

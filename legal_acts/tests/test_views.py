"""The catalogue's pages: who reads and who keeps it, search, forms, export."""

from datetime import date
from io import BytesIO

import pytest
from openpyxl import load_workbook

from legal_acts.models import LegalAct, LegalActEdition
from legal_acts.tests.conftest import make_act

READERS = ["coordinator", "head", "mentor", "reservist", "commission", "superuser"]
NOT_KEEPERS = ["head", "mentor", "reservist", "commission"]

NEW_ACT = {
    "level": "federal",
    "kind": "federal_law",
    "number": "152-ФЗ",
    "adopted_on": "2006-07-27",
    "title": "О персональных данных",
    "issued_by": "Федеральное Собрание Российской Федерации",
    "url": "https://www.consultant.ru/document/cons_doc_LAW_61801/",
}


@pytest.mark.parametrize("role", READERS)
def test_everybody_of_the_town_reads_the_catalogue(request, client, role, act):
    client.force_login(request.getfixturevalue(role))

    listing = client.get("/legal-acts/")
    card = client.get(act.get_absolute_url())

    assert listing.status_code == 200
    assert "Об образовании в Российской Федерации" in listing.text
    assert card.status_code == 200
    assert "По вопросам воспитания." in card.text


def test_the_menu_names_the_catalogue(client, reservist):
    client.force_login(reservist)

    assert "Нормативные акты" in client.get("/").text


def test_a_stranger_sees_no_act_of_the_town(client, stranger, act, far_act):
    client.force_login(stranger)

    listing = client.get("/legal-acts/")

    assert "О персональных данных" in listing.text
    assert "Об образовании" not in listing.text
    assert client.get(act.get_absolute_url()).status_code == 404
    assert client.get(f"/legal-acts/{act.pk}/edit/").status_code == 404
    assert client.post(f"/legal-acts/{act.pk}/editions/new/").status_code == 404


def test_an_anonymous_visitor_is_sent_to_log_in(client, act):
    for url in ["/legal-acts/", act.get_absolute_url(), "/legal-acts/new/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("role", NOT_KEEPERS)
def test_only_the_coordinator_keeps_the_catalogue(request, client, role, act):
    client.force_login(request.getfixturevalue(role))

    assert client.get("/legal-acts/new/").status_code == 403
    assert client.post("/legal-acts/new/", NEW_ACT).status_code == 403
    assert client.get(f"/legal-acts/{act.pk}/edit/").status_code == 403
    edition = {"effective_on": "2021-04-05", "note": "Просветительская деятельность"}
    assert (
        client.post(f"/legal-acts/{act.pk}/editions/new/", edition).status_code == 403
    )
    assert "Добавить акт" not in client.get("/legal-acts/").text
    assert LegalAct.objects.count() == 1
    assert LegalActEdition.objects.count() == 1


def test_the_coordinator_is_offered_the_import_from_excel(client, coordinator, act):
    client.force_login(coordinator)

    listing = client.get("/legal-acts/")

    assert 'href="/imports/legal_acts/"' in listing.text
    assert "Импорт из Excel" in listing.text
    assert client.get("/imports/legal_acts/").status_code == 200


@pytest.mark.parametrize("role", NOT_KEEPERS)
def test_only_the_coordinator_is_offered_the_import(request, client, role, act):
    client.force_login(request.getfixturevalue(role))

    listing = client.get("/legal-acts/")

    assert listing.status_code == 200
    assert "/imports/legal_acts/" not in listing.text
    assert "Импорт из Excel" not in listing.text
    assert client.get("/imports/legal_acts/").status_code == 403


def test_coordinator_adds_an_act_and_an_edition(client, coordinator, municipality):
    client.force_login(coordinator)

    response = client.post("/legal-acts/new/", NEW_ACT)

    act = LegalAct.objects.get()
    assert response.status_code == 302
    assert response["Location"] == act.get_absolute_url()
    assert act.municipality == municipality
    assert act.search_text.startswith("152-фз о персональных данных")
    response = client.post(
        f"/legal-acts/{act.pk}/editions/new/",
        {"effective_on": "2011-07-25", "note": "Федеральный закон № 261-ФЗ"},
    )
    assert response.status_code == 302
    assert act.editions.get().effective_on == date(2011, 7, 25)


def test_coordinator_corrects_an_act(client, coordinator, act):
    client.force_login(coordinator)

    response = client.post(
        f"/legal-acts/{act.pk}/edit/", NEW_ACT | {"title": "Новое название"}
    )

    assert response.status_code == 302
    act.refresh_from_db()
    assert act.title == "Новое название"


def test_an_edition_before_the_act_is_refused(client, coordinator, act):
    client.force_login(coordinator)

    response = client.post(
        f"/legal-acts/{act.pk}/editions/new/",
        {"effective_on": "2010-01-01", "note": "Рано"},
    )

    assert response.status_code == 422
    assert "Редакция не может быть датирована раньше самого акта" in response.text
    assert act.editions.count() == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("url", "не ссылка", "Укажите ссылку, начинающуюся с https://."),
        ("title", "Об\x07разовании", "недопустимый"),
        ("adopted_on", "1812-01-01", "с 01.01.1900 по 31.12.2100"),
        ("title", "", "Обязательное поле."),
    ],
)
def test_bad_input_is_refused_in_russian(client, coordinator, field, value, message):
    client.force_login(coordinator)

    response = client.post("/legal-acts/new/", NEW_ACT | {field: value})

    assert response.status_code == 422
    assert message in response.text.lower() or message in response.text
    assert not LegalAct.objects.exists()


def test_search_folds_case_and_yo(client, mentor, municipality):
    make_act(municipality, title="О Ёлочных игрушках", number="1-ФЗ")
    make_act(municipality, title="О персональных данных", number="152-ФЗ")
    client.force_login(mentor)

    found = client.get("/legal-acts/", {"q": "ЕЛОЧНЫХ"}).text

    assert "О Ёлочных игрушках" in found
    assert "О персональных данных" not in found


def test_filters_by_type_and_level(client, mentor, municipality):
    make_act(municipality, title="Закон об образовании")
    make_act(
        municipality,
        title="Положение о резерве",
        kind="regulation",
        level="municipal",
    )
    client.force_login(mentor)

    by_type = client.get("/legal-acts/", {"kind": "regulation"}).text
    by_level = client.get("/legal-acts/", {"level": "federal"}).text

    assert "Положение о резерве" in by_type
    assert "Закон об образовании" not in by_type
    assert "Закон об образовании" in by_level
    assert "Положение о резерве" not in by_level


@pytest.mark.parametrize("n", [3, 30])
def test_list_query_count_is_constant(
    client, coordinator, municipality, n, django_assert_num_queries
):
    for i in range(n):
        make_act(municipality, number=f"{i}-ФЗ", title=f"Закон {i}")
    client.force_login(coordinator)

    # session, user, roles, person; the count, the page's keys, its rows
    with django_assert_num_queries(7):
        response = client.get("/legal-acts/")

    assert response.status_code == 200


def test_export_writes_the_filtered_acts(client, head, act, municipality):
    make_act(municipality, title="Не попадёт", number="9-ФЗ", kind="order")
    client.force_login(head)

    response = client.get("/legal-acts/export/", {"kind": "federal_law"})

    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("Уровень", "Тип", "Номер", "Дата", "Наименование")
    assert len(rows) == 2
    assert rows[1][2] == "273-ФЗ"
    assert rows[1][7] == 1


def test_moving_the_act_after_its_edition_is_refused(client, coordinator, act):
    client.force_login(coordinator)

    response = client.post(
        f"/legal-acts/{act.pk}/edit/", NEW_ACT | {"adopted_on": "2021-01-01"}
    )

    assert response.status_code == 422
    assert "Есть редакция акта, датированная раньше этой даты." in response.text
    act.refresh_from_db()
    assert act.adopted_on == date(2012, 12, 29)
    assert act.number == "273-ФЗ"


def test_a_superuser_chooses_the_municipality(
    client, superuser, municipality, far_school
):
    client.force_login(superuser)

    assert 'name="municipality"' in client.get("/legal-acts/new/").text
    response = client.post(
        "/legal-acts/new/", NEW_ACT | {"municipality": far_school.municipality_id}
    )

    assert response.status_code == 302
    assert LegalAct.objects.get().municipality == far_school.municipality


def test_a_coordinator_is_not_asked_for_the_municipality(client, coordinator):
    client.force_login(coordinator)

    assert 'name="municipality"' not in client.get("/legal-acts/new/").text

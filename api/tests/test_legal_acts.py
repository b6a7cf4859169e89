"""/legal-acts and their editions: the catalogue of normative legal acts."""

from datetime import date

import pytest

from api.tests.conftest import API
from legal_acts.models import LegalAct, LegalActEdition
from legal_acts.services import add_edition
from legal_acts.tests.conftest import make_act

URL = f"{API}/legal-acts"

NEW_ACT = {
    "level": "federal",
    "type": "federal_law",
    "number": "152-ФЗ",
    "adopted_on": "2006-07-27",
    "title": "О персональных данных",
    "issued_by": "Федеральное Собрание Российской Федерации",
    "url": "https://www.consultant.ru/document/cons_doc_LAW_61801/",
}


@pytest.fixture
def act(municipality) -> LegalAct:
    """273-ФЗ in «Town», with one edition."""
    act = make_act(municipality)
    add_edition(act=act, effective_on=date(2020, 7, 31), note="По вопросам воспитания.")
    return act


@pytest.fixture
def far_act(far_school) -> LegalAct:
    return make_act(
        far_school.municipality, number="152-ФЗ", title="О персональных данных"
    )


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [a["title"] for a in response.json()["items"]]


@pytest.mark.parametrize(
    "role", ["coordinator", "head", "mentor", "reservist", "commission"]
)
def test_everybody_of_the_town_reads_its_catalogue(
    request, api_client, role, act, far_act
):
    client = api_client(request.getfixturevalue(role))

    assert titles(client.get(URL)) == ["Об образовании в Российской Федерации"]
    answer = client.get(f"{URL}/{act.pk}").json()
    assert answer["type"] == "federal_law"
    assert answer["type_display"] == "федеральный закон"
    assert answer["level_display"] == "федеральный"
    editions = client.get(f"{URL}/{act.pk}/editions").json()["items"]
    assert [e["note"] for e in editions] == ["По вопросам воспитания."]


def test_a_stranger_gets_404_for_the_towns_act(api_client, stranger, act, far_act):
    client = api_client(stranger)

    assert titles(client.get(URL)) == ["О персональных данных"]
    assert client.get(f"{URL}/{act.pk}").status_code == 404
    assert client.get(f"{URL}/{act.pk}/editions").status_code == 404
    assert (
        client.patch(f"{URL}/{act.pk}", {"title": "X"}, "application/json").status_code
        == 404
    )
    edition = {"effective_on": "2021-04-05", "note": "85-ФЗ"}
    response = client.post(f"{URL}/{act.pk}/editions", edition, "application/json")
    assert response.status_code == 404


def test_an_anonymous_client_gets_401(api_client, act):
    assert api_client().get(URL).status_code == 401
    assert api_client().post(URL, NEW_ACT, "application/json").status_code == 401


def test_filters_q_level_and_type(api_client, mentor, municipality):
    make_act(municipality, title="О Ёлочных игрушках", number="1-ФЗ")
    make_act(municipality, title="Положение", kind="regulation", level="municipal")
    client = api_client(mentor)

    assert titles(client.get(URL, {"q": "елочных"})) == ["О Ёлочных игрушках"]
    assert titles(client.get(URL, {"type": "regulation"})) == ["Положение"]
    assert titles(client.get(URL, {"level": "municipal"})) == ["Положение"]
    assert client.get(URL, {"type": "poem"}).status_code == 422


@pytest.mark.parametrize("n", [3, 30])
def test_list_query_count_is_constant(
    api_client, coordinator, municipality, n, django_assert_num_queries
):
    for i in range(n):
        make_act(municipality, number=f"{i}-ФЗ", title=f"Закон {i}")
    client = api_client(coordinator)

    # token, roles, person; the count, the page
    with django_assert_num_queries(5):
        response = client.get(URL)

    assert response.json()["count"] == n


def test_coordinator_creates_patches_and_adds_an_edition(
    api_client, coordinator, municipality
):
    client = api_client(coordinator)

    created = client.post(URL, NEW_ACT, "application/json")

    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert LegalAct.objects.get(pk=pk).municipality == municipality
    patched = client.patch(
        f"{URL}/{pk}", {"type": "code", "title": "Новое"}, "application/json"
    )
    assert patched.status_code == 200
    assert patched.json()["type"] == "code"
    assert LegalAct.objects.get(pk=pk).kind == "code"
    edition = client.post(
        f"{URL}/{pk}/editions",
        {"effective_on": "2011-07-25", "note": "261-ФЗ"},
        "application/json",
    )
    assert edition.status_code == 201
    assert edition.json()["act_id"] == pk


@pytest.mark.parametrize("role", ["head", "mentor", "reservist", "commission"])
def test_others_may_not_write(request, api_client, role, act):
    client = api_client(request.getfixturevalue(role))

    assert client.post(URL, NEW_ACT, "application/json").status_code == 403
    patch = client.patch(f"{URL}/{act.pk}", {"title": "X"}, "application/json")
    assert patch.status_code == 403
    edition = {"effective_on": "2021-04-05", "note": "85-ФЗ"}
    response = client.post(f"{URL}/{act.pk}/editions", edition, "application/json")
    assert response.status_code == 403
    assert LegalAct.objects.count() == 1
    assert LegalActEdition.objects.count() == 1


def test_an_edition_before_the_act_is_400(api_client, coordinator, act):
    response = api_client(coordinator).post(
        f"{URL}/{act.pk}/editions",
        {"effective_on": "2012-12-28", "note": "Рано"},
        "application/json",
    )

    assert response.status_code == 400
    assert response.json()["errors"]["effective_on"] == [
        "Редакция не может быть датирована раньше самого акта (29.12.2012)."
    ]
    assert act.editions.count() == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [("url", "не ссылка"), ("title", "О\x00бразовании"), ("title", "")],
)
def test_bad_input_is_refused(api_client, coordinator, field, value):
    response = api_client(coordinator).post(
        URL, NEW_ACT | {field: value}, "application/json"
    )

    assert response.status_code in {400, 422}
    assert response.json()["errors"][field]
    assert not LegalAct.objects.exists()


def test_a_bad_link_is_explained_in_russian(api_client, coordinator):
    response = api_client(coordinator).post(
        URL, NEW_ACT | {"url": "не ссылка"}, "application/json"
    )

    assert response.json()["errors"]["url"] == ["Введите правильный URL."]

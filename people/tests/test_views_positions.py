"""The catalogue of positions: list with the add form, edit page, export."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from core.tests.utils import sheet_title, xlsx_rows
from people.models import Position
from people.tests.factories import PositionFactory

LIST = reverse("people:positions")
EXPORT = reverse("people:positions_export")


@pytest.fixture
def catalogue(municipality, far_school):
    return {
        "director": PositionFactory(
            municipality=municipality, name="Директор", is_administrative=True
        ),
        "teacher": PositionFactory(municipality=municipality, name="Учитель"),
        "far": PositionFactory(municipality=far_school.municipality, name="Вожатый"),
    }


def _edit(position):
    return reverse("people:position_edit", args=[position.pk])


def test_list_shows_coordinator_the_catalogue_of_the_municipality(
    client, coordinator, catalogue
):
    client.force_login(coordinator)

    response = client.get(LIST)

    assertContains(response, "<h1>Должности</h1>", html=True)
    assertContains(response, "Директор")
    assertContains(response, "Учитель")
    assertNotContains(response, "Вожатый")
    assertContains(response, "<h2>Добавить должность</h2>", html=True)


def test_list_of_an_empty_catalogue_says_so(client, coordinator):
    client.force_login(coordinator)

    assertContains(client.get(LIST), "Справочник пуст.")


def test_list_adds_a_position(client, coordinator, municipality, catalogue):
    client.force_login(coordinator)

    response = client.post(
        LIST, {"name": "Методист", "is_administrative": "on"}, follow=True
    )

    assertRedirects(response, LIST)
    assertContains(response, "Должность добавлена.")
    position = Position.objects.get(name="Методист")
    assert position.municipality == municipality
    assert position.is_administrative
    assert position.history.get().history_user == coordinator


def test_list_shows_duplicate_name_and_adds_nothing(client, coordinator, catalogue):
    client.force_login(coordinator)

    response = client.post(LIST, {"name": "Учитель"})

    assertContains(
        response, "Должность с таким наименованием уже есть.", status_code=422
    )
    assert Position.objects.filter(name="Учитель").count() == 1


def test_list_shows_required_name_next_to_the_field(client, coordinator):
    client.force_login(coordinator)

    response = client.post(LIST, {"name": ""})

    assertContains(
        response,
        '<ul class="errorlist" id="id_name_error"><li>Обязательное поле.</li></ul>',
        html=True,
        status_code=422,
    )
    assert not Position.objects.exists()


@pytest.mark.parametrize("role", ["head", "mentor", "reservist", "commission"])
def test_list_is_denied_to_other_roles(client, request, role):
    client.force_login(request.getfixturevalue(role))

    assertContains(client.get(LIST), "Доступ запрещён", status_code=403)
    assert client.post(LIST, {"name": "Методист"}).status_code == 403
    assert not Position.objects.filter(name="Методист").exists()


def test_list_redirects_anonymous_to_login(client, db):
    assert client.get(LIST).status_code == 302


def test_edit_page_shows_the_position_and_its_history(client, coordinator, catalogue):
    client.force_login(coordinator)

    response = client.get(_edit(catalogue["teacher"]))

    assertContains(response, "<h1>Учитель: изменение</h1>", html=True)
    assertContains(response, "История изменений")


def test_edit_renames_the_position(client, coordinator, catalogue):
    client.force_login(coordinator)
    teacher = catalogue["teacher"]

    response = client.post(_edit(teacher), {"name": "Учитель-логопед"}, follow=True)

    assertRedirects(response, LIST)
    assertContains(response, "Изменения сохранены.")
    teacher.refresh_from_db()
    assert teacher.name == "Учитель-логопед"
    detail = client.get(_edit(teacher))
    assertContains(
        detail, "<li>наименование: Учитель → Учитель-логопед</li>", html=True
    )


def test_edit_shows_duplicate_name_and_keeps_the_record(client, coordinator, catalogue):
    client.force_login(coordinator)
    teacher = catalogue["teacher"]

    response = client.post(_edit(teacher), {"name": "Директор"})

    assertContains(
        response, "Должность с таким наименованием уже есть.", status_code=422
    )
    assertContains(response, "<h1>Учитель: изменение</h1>", html=True, status_code=422)
    teacher.refresh_from_db()
    assert teacher.name == "Учитель"


def test_edit_is_denied_to_head(client, head, catalogue):
    client.force_login(head)

    assert client.get(_edit(catalogue["teacher"])).status_code == 403


def test_edit_returns_404_for_stranger(client, stranger, catalogue):
    client.force_login(stranger)

    assert client.get(_edit(catalogue["teacher"])).status_code == 404


def test_export_is_an_xlsx_of_the_catalogue(client, coordinator, catalogue):
    client.force_login(coordinator)

    response = client.get(EXPORT)

    assert response["Content-Disposition"] == 'attachment; filename="positions.xlsx"'
    assert sheet_title(response) == "Должности"
    assert xlsx_rows(response) == [
        ["Наименование", "Административная должность"],
        ["Директор", "да"],
        ["Учитель", "нет"],
    ]


def test_export_redirects_anonymous_to_login(client, db):
    assert client.get(EXPORT).status_code == 302


@pytest.mark.parametrize("role", ["head", "mentor"])
def test_export_is_denied_to_other_roles_like_the_catalogue(client, request, role):
    client.force_login(request.getfixturevalue(role))

    assert client.get(EXPORT).status_code == 403


# Budget: session, user, roles, linked person, municipality, count, rows.
LIST_QUERIES = 7


@pytest.mark.parametrize("n", [3, 60])
def test_list_query_count_does_not_grow_with_rows(
    client, coordinator, municipality, django_assert_max_num_queries, n
):
    PositionFactory.create_batch(n, municipality=municipality)
    client.force_login(coordinator)

    with django_assert_max_num_queries(LIST_QUERIES):
        assert client.get(LIST).status_code == 200


# Budget: session, user, roles, linked person, municipality, rows.
EXPORT_QUERIES = 6


@pytest.mark.parametrize("n", [3, 60])
def test_export_query_count_does_not_grow_with_rows(
    client, coordinator, municipality, django_assert_max_num_queries, n
):
    PositionFactory.create_batch(n, municipality=municipality)
    client.force_login(coordinator)

    with django_assert_max_num_queries(EXPORT_QUERIES):
        response = client.get(EXPORT)

    assert len(xlsx_rows(response)) == n + 1

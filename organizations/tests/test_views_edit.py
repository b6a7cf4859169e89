"""The organisation card, its create / edit / delete pages and the municipality."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from core.tests.utils import form_data
from organizations.models import Organization
from organizations.tests.factories import OrganizationFactory
from people.tests.factories import PersonFactory

CREATE = reverse("organizations:create")
NEW = {
    "kind": "school",
    "short_name": "МОУ «СОШ № 9»",
    "full_name": "Средняя общеобразовательная школа № 9",
    "inn": "7022000009",
    "address": "ул. Школьная, д. 9",
    "phone": "",
    "email": "school9@example.ru",
    "head": "",
}


def _detail(organization):
    return reverse("organizations:detail", args=[organization.pk])


def _edit(organization):
    return reverse("organizations:edit", args=[organization.pk])


def _delete(organization):
    return reverse("organizations:delete", args=[organization.pk])


def _edit_data(client, organization, **changes):
    form = client.get(_edit(organization)).context["form"]
    return form_data(form, **changes)


def test_detail_shows_the_requisites(client, coordinator, school):
    school.inn = "7022000000"
    school.save()
    client.force_login(coordinator)

    response = client.get(_detail(school))

    assertContains(response, "<h1>School</h1>", html=True)
    assertContains(response, "<dt>ИНН</dt><dd>7022000000</dd>", html=True)
    assertContains(response, "общеобразовательная организация")
    assertContains(response, "Изменить")


def test_detail_shows_coordinator_the_history_with_old_and_new_values(
    client, coordinator, school
):
    client.force_login(coordinator)
    client.post(_edit(school), _edit_data(client, school, address="ул. Ленина, 1"))

    response = client.get(_detail(school))

    assertContains(response, "История изменений")
    assertContains(response, "<li>адрес: — → ул. Ленина, 1</li>", html=True)
    assertContains(response, "— coordinator, изменено")  # no name: the login


def test_history_names_the_person_of_the_account(client, head, coordinator, school):
    PersonFactory(
        user=coordinator,
        organization=school,
        last_name="Соколова",
        first_name="Марина",
        middle_name="Викторовна",
    )
    client.force_login(coordinator)
    client.post(_edit(school), _edit_data(client, school, address="ул. Ленина, 1"))

    response = client.get(_detail(school))

    assertContains(response, "— Соколова Марина Викторовна, изменено")
    assertNotContains(response, "— coordinator, изменено")


def test_history_names_an_account_without_a_person_by_its_name_then_login(
    client, superuser, school
):
    superuser.first_name, superuser.last_name = "Анна", "Смирнова"
    superuser.save()
    client.force_login(superuser)
    client.post(_edit(school), _edit_data(client, school, address="ул. Ленина, 1"))

    assertContains(client.get(_detail(school)), "— Анна Смирнова, изменено")


def test_detail_hides_history_and_edit_from_head(client, head, school):
    client.force_login(head)

    response = client.get(_detail(school))

    assertContains(response, "<h1>School</h1>", html=True)
    assertNotContains(response, "История изменений")
    assertNotContains(response, _edit(school))


def test_detail_returns_404_out_of_scope(client, head, other_school):
    client.force_login(head)

    response = client.get(_detail(other_school))

    assertContains(response, "Страница не найдена", status_code=404)


def test_detail_returns_404_for_missing_organization(client, coordinator):
    client.force_login(coordinator)

    assert client.get("/organizations/999999/").status_code == 404


def test_detail_redirects_anonymous_to_login(client, school):
    assert client.get(_detail(school)).status_code == 302


# Budget: session, user, roles, linked person, organisation, people count,
# history records, then one query per foreign key of the history: municipality, head.
DETAIL_QUERIES = 9


def test_detail_query_count_does_not_grow_with_history(
    client, coordinator, school, django_assert_max_num_queries
):
    head = PersonFactory(organization=school)
    for n in range(20):
        school.address = f"ул. Ленина, {n}"
        school.head = head if n % 2 else None
        school.save()
    client.force_login(coordinator)

    with django_assert_max_num_queries(DETAIL_QUERIES):
        assert client.get(_detail(school)).status_code == 200


def test_create_page_shows_an_empty_form_to_coordinator(client, coordinator):
    client.force_login(coordinator)

    response = client.get(CREATE)

    assertContains(response, "<h1>Новая организация</h1>", html=True)
    assertContains(response, 'name="short_name"')


@pytest.mark.parametrize("role", ["head", "mentor", "reservist", "commission"])
def test_create_is_denied_to_other_roles(client, request, role):
    client.force_login(request.getfixturevalue(role))

    response = client.get(CREATE)

    assertContains(response, "Доступ запрещён", status_code=403)
    assert client.post(CREATE, NEW).status_code == 403
    assert not Organization.objects.filter(inn="7022000009").exists()


def test_create_adds_the_organization_to_the_municipality(
    client, coordinator, municipality
):
    client.force_login(coordinator)

    response = client.post(CREATE, NEW, follow=True)

    organization = Organization.objects.get(inn="7022000009")
    assertRedirects(response, _detail(organization))
    assertContains(response, "Организация добавлена.")
    assert organization.municipality == municipality
    assert organization.history.get().history_user == coordinator


def test_create_shows_inn_error_next_to_the_field_and_saves_nothing(
    client, coordinator
):
    client.force_login(coordinator)

    response = client.post(CREATE, {**NEW, "inn": "12345"})

    assertContains(
        response,
        '<ul class="errorlist" id="id_inn_error">'
        "<li>ИНН организации состоит из 10 цифр.</li></ul>",
        html=True,
        status_code=422,
    )
    assertContains(response, 'aria-describedby="id_inn_error"', status_code=422)
    assertContains(response, 'id="id_inn_error"', count=1, status_code=422)  # unique
    assert not Organization.objects.exists()


def test_create_shows_required_fields(client, coordinator):
    client.force_login(coordinator)

    response = client.post(CREATE, {**NEW, "short_name": "", "kind": ""})

    assert response.context["form"].errors == {
        "short_name": ["Обязательное поле."],
        "kind": ["Обязательное поле."],
    }
    assertContains(response, "Обязательное поле.", count=2, status_code=422)
    assert not Organization.objects.exists()


def test_create_shows_duplicate_short_name_above_the_form(client, coordinator, school):
    client.force_login(coordinator)

    response = client.post(CREATE, {**NEW, "short_name": "School"})

    assertContains(response, '<div class="nonfield" role="alert">', status_code=422)
    assertContains(
        response, "Организация с таким кратким наименованием уже есть.", status_code=422
    )
    assert Organization.objects.filter(short_name="School").count() == 1


def test_edit_page_shows_the_current_values(client, coordinator, school):
    client.force_login(coordinator)

    response = client.get(_edit(school))

    assertContains(response, "<h1>School: изменение</h1>", html=True)
    assertContains(response, 'value="School"')


def test_edit_saves_the_changes_and_says_so(client, coordinator, school):
    client.force_login(coordinator)

    response = client.post(
        _edit(school),
        _edit_data(client, school, address="ул. Ленина, 1"),
        follow=True,
    )

    assertRedirects(response, _detail(school))
    assertContains(response, "Изменения сохранены.")
    school.refresh_from_db()
    assert school.address == "ул. Ленина, 1"
    assert school.history.latest().history_user == coordinator


def test_edit_appoints_a_head_from_the_staff(client, coordinator, school):
    director = PersonFactory(organization=school, last_name="Кузнецов")
    client.force_login(coordinator)

    client.post(_edit(school), _edit_data(client, school, head=director.pk))

    school.refresh_from_db()
    assert school.head == director


def test_edit_refuses_a_head_from_another_organization(
    client, coordinator, school, other_school
):
    outsider = PersonFactory(organization=other_school)
    client.force_login(coordinator)

    response = client.post(_edit(school), _edit_data(client, school, head=outsider.pk))

    assertContains(
        response,
        "Выберите сотрудника из найденных: этого здесь выбрать нельзя.",
        status_code=422,
    )
    school.refresh_from_db()
    assert school.head is None


def test_edit_shows_errors_and_keeps_the_record(client, coordinator, school):
    client.force_login(coordinator)

    response = client.post(
        _edit(school), _edit_data(client, school, email="school@", address="Новый")
    )

    assertContains(
        response, "Введите правильный адрес электронной почты.", status_code=422
    )
    assertContains(response, "<h1>School: изменение</h1>", html=True, status_code=422)
    school.refresh_from_db()
    assert school.address == ""


def test_edit_shows_duplicate_short_name_and_keeps_the_heading(
    client, coordinator, school, other_school
):
    client.force_login(coordinator)

    response = client.post(
        _edit(school), _edit_data(client, school, short_name="Other school")
    )

    assertContains(
        response, "Организация с таким кратким наименованием уже есть.", status_code=422
    )
    assertContains(response, "<h1>School: изменение</h1>", html=True, status_code=422)


@pytest.mark.parametrize("role", ["head", "mentor", "reservist"])
def test_edit_is_denied_to_read_only_roles(client, request, school, role):
    client.force_login(request.getfixturevalue(role))

    assert client.get(_edit(school)).status_code == 403
    assert client.post(_edit(school), {**NEW, "short_name": "X"}).status_code == 403
    school.refresh_from_db()
    assert school.short_name == "School"


def test_edit_returns_404_for_stranger(client, stranger, school):
    client.force_login(stranger)

    assert client.get(_edit(school)).status_code == 404


def test_edit_redirects_anonymous_to_login(client, school):
    response = client.post(_edit(school), NEW)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_delete_asks_for_confirmation(client, coordinator, school):
    client.force_login(coordinator)

    response = client.get(_delete(school))

    assertContains(response, "<h1>Удалить «School»?</h1>", html=True)
    assert Organization.objects.filter(pk=school.pk).exists()


def test_delete_removes_an_empty_organization(client, coordinator, municipality):
    organization = OrganizationFactory(municipality=municipality)
    client.force_login(coordinator)

    response = client.post(_delete(organization), follow=True)

    assertRedirects(response, reverse("organizations:list"))
    assertContains(response, "Организация удалена.")
    assert not Organization.objects.filter(pk=organization.pk).exists()


def test_delete_is_refused_while_people_work_there(client, coordinator, school):
    PersonFactory(organization=school)
    client.force_login(coordinator)

    response = client.post(_delete(school), follow=True)

    assertRedirects(response, _detail(school))
    assertContains(
        response,
        '<p class="message message-error">'
        "Удалить нельзя: на запись ссылаются другие записи (1).</p>",
        html=True,
    )
    assert Organization.objects.filter(pk=school.pk).exists()


def test_delete_is_denied_to_head(client, head, school):
    client.force_login(head)

    assert client.post(_delete(school)).status_code == 403
    assert Organization.objects.filter(pk=school.pk).exists()


def test_delete_returns_404_for_stranger(client, stranger, other_school):
    client.force_login(stranger)

    assert client.post(_delete(other_school)).status_code == 404
    assert Organization.objects.filter(pk=other_school.pk).exists()


def _municipality(municipality):
    return reverse("organizations:municipality", args=[municipality.pk])


def test_municipality_page_shows_requisites_and_history(
    client, coordinator, municipality
):
    client.force_login(coordinator)

    response = client.get(_municipality(municipality))

    assertContains(response, "<h1>Town: реквизиты</h1>", html=True)
    assertContains(response, "История изменений")


def test_municipality_edit_saves_and_returns_home(client, coordinator, municipality):
    client.force_login(coordinator)
    form = client.get(_municipality(municipality)).context["form"]

    response = client.post(
        _municipality(municipality),
        form_data(form, place="г. Стрежевой"),
        follow=True,
    )

    assertRedirects(response, reverse("home:index"))
    assertContains(response, "Изменения сохранены.")
    municipality.refresh_from_db()
    assert municipality.place == "г. Стрежевой"


def test_municipality_edit_saves_the_act_approving_the_regulation(
    client, coordinator, municipality
):
    client.force_login(coordinator)
    page = client.get(_municipality(municipality))
    assertContains(page, "Акт об утверждении положения о наставничестве")

    client.post(
        _municipality(municipality),
        form_data(
            page.context["form"],
            regulation_act="приказ Управления образования",
            regulation_date="2026-08-20",
            regulation_number="45-о",
        ),
    )

    municipality.refresh_from_db()
    assert municipality.regulation_date == date(2026, 8, 20)
    assert municipality.regulation_number == "45-о"


def test_municipality_edit_refuses_a_bad_regulation_date(
    client, coordinator, municipality
):
    client.force_login(coordinator)
    form = client.get(_municipality(municipality)).context["form"]

    response = client.post(
        _municipality(municipality), form_data(form, regulation_date="32.13.2026")
    )

    assertContains(response, "Введите правильную дату.", status_code=422)
    municipality.refresh_from_db()
    assert municipality.regulation_date is None


def test_municipality_edit_shows_errors_and_saves_nothing(
    client, coordinator, municipality
):
    client.force_login(coordinator)
    form = client.get(_municipality(municipality)).context["form"]

    response = client.post(_municipality(municipality), form_data(form, name=""))

    assertContains(response, "Обязательное поле.", status_code=422)
    municipality.refresh_from_db()
    assert municipality.name == "Town"


def test_municipality_sets_the_personal_data_retention_period(
    client, coordinator, municipality
):
    client.force_login(coordinator)
    page = client.get(_municipality(municipality))
    assertContains(page, "хранить персональные данные после выхода из резерва, лет")
    assert municipality.personal_data_years == 3  # the default

    client.post(
        _municipality(municipality),
        form_data(page.context["form"], personal_data_years=5),
    )
    municipality.refresh_from_db()
    assert municipality.personal_data_years == 5

    response = client.post(
        _municipality(municipality),
        form_data(page.context["form"], personal_data_years=0),
    )
    assertContains(
        response,
        "Убедитесь, что это значение больше либо равно 1.",
        status_code=response.status_code,
    )
    assert response.status_code in (200, 422)
    municipality.refresh_from_db()
    assert municipality.personal_data_years == 5


def test_municipality_edit_is_denied_to_head(client, head, municipality):
    client.force_login(head)

    assert client.get(_municipality(municipality)).status_code == 403


def test_municipality_edit_returns_404_for_stranger(client, stranger, municipality):
    client.force_login(stranger)

    assert client.get(_municipality(municipality)).status_code == 404


HEAD_SEARCH = reverse("people:search")


def _head_search(client, organization, q):
    params = {"for": "organization-head", "organization": organization.pk, "q": q}
    return client.get(HEAD_SEARCH, params)


def test_head_search_offers_the_staff_only(client, coordinator, school, other_school):
    PersonFactory(organization=school, last_name="Ёрохин")
    PersonFactory(organization=other_school, last_name="Ерохина")
    client.force_login(coordinator)

    content = _head_search(client, school, "ерох").content.decode()

    assert "Ёрохин" in content
    assert "Ерохина" not in content


def test_head_search_of_an_organisation_out_of_scope_is_404(
    client, coordinator, far_school
):
    client.force_login(coordinator)

    assert _head_search(client, far_school, "а").status_code == 404


@pytest.mark.parametrize("role", ["mentor", "reservist"])
def test_head_search_is_refused_to_who_may_not_edit(client, request, role, school):
    client.force_login(request.getfixturevalue(role))

    assert _head_search(client, school, "а").status_code == 403


def test_edit_page_does_not_grow_with_the_staff(client, coordinator, school):
    client.force_login(coordinator)
    client.get(_edit(school))  # the roles, cached on the first request
    sizes = []
    for n in (2, 60):
        PersonFactory.create_batch(n, organization=school)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(_edit(school))
        sizes.append((len(response.content), len(queries)))

    assert sizes[0] == sizes[1]
    assert 'role="combobox"' in response.content.decode()

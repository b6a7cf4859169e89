"""The inclusion form's type-ahead person select (people.search, people.widgets):
the search offers the form's own scope, the page lists no one, and an id out of
the scope is refused with 422."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from people.tests.factories import PersonFactory
from reserve.forms import INCLUSION_SEARCH
from reserve.models import ReserveEntry
from reserve.tests.factories import ReserveEntryFactory, TargetPositionFactory

pytestmark = pytest.mark.django_db

SEARCH = reverse("people:search")
CREATE = reverse("reserve:create")


def _search(client, q, purpose=INCLUSION_SEARCH):
    return client.get(SEARCH, {"for": purpose, "q": q, "list": "id_person_options"})


def test_search_offers_people_in_scope_by_folded_name(
    client, coordinator, school, far_school
):
    PersonFactory(organization=school, last_name="Ёлкина", first_name="Анна")
    PersonFactory(organization=far_school, last_name="Елкин", first_name="Иван")
    client.force_login(coordinator)

    response = _search(client, "елк")

    assert response.status_code == 200
    content = response.content.decode()
    assert "Ёлкина" in content
    assert "Елкин Иван" not in content  # another municipality
    assert 'role="option"' in content
    assert 'id="id_person_options_' in content


def test_search_skips_people_already_in_the_reserve(client, coordinator, school):
    entry = ReserveEntryFactory(
        person__organization=school, person__last_name="Резервов"
    )
    client.force_login(coordinator)

    content = _search(client, "резерв").content.decode()

    assert entry.person.last_name not in content
    assert "Никого не найдено." in content


def test_search_answers_at_most_twenty(client, coordinator, school):
    PersonFactory.create_batch(25, organization=school, last_name="Петров")
    client.force_login(coordinator)

    content = _search(client, "петров").content.decode()

    assert content.count('role="option"') == 20


def test_search_of_a_head_is_refused_nothing_offered(client, head, school):
    # The head may not include in the reserve: the scope is empty.
    PersonFactory(organization=school, last_name="Сотрудникова")
    client.force_login(head)

    assert "Сотрудникова" not in _search(client, "сотрудник").content.decode()


def test_search_needs_a_sign_in(client):
    assert _search(client, "а").status_code == 302


def test_search_refuses_an_unknown_purpose(client, coordinator):
    client.force_login(coordinator)

    response = _search(client, "а", purpose="everyone")

    assert response.status_code == 400
    assert "Неизвестное назначение поиска" in response.content.decode()


def test_an_empty_query_offers_nothing(client, coordinator, school):
    PersonFactory(organization=school)
    client.force_login(coordinator)

    assert 'role="option"' not in _search(client, "").content.decode()


def _page_size(client, school, n):
    PersonFactory.create_batch(n, organization=school)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(CREATE)
    assert response.status_code == 200
    return len(response.content), len(queries)


def test_the_form_page_does_not_grow_with_the_people(client, coordinator, school):
    client.force_login(coordinator)
    client.get(CREATE)  # the roles, cached on the first request
    small = _page_size(client, school, 2)
    large = _page_size(client, school, 60)

    assert large == small  # the same bytes and queries with 2 and 62 people


def test_the_form_lists_no_one_and_shows_the_chosen_person(client, coordinator, school):
    person = PersonFactory(organization=school, last_name="Выбранная")
    PersonFactory(organization=school, last_name="Другая")
    client.force_login(coordinator)

    content = client.get(CREATE, {"person": person.pk}).content.decode()

    assert "<option" not in content.split('name="person"')[1].split("</div>")[0]
    assert "Другая" not in content
    assert f'name="person" value="{person.pk}"' in content
    assert 'value="Выбранная' in content
    assert 'role="combobox"' in content


def test_an_id_out_of_scope_is_refused_with_422(
    client, coordinator, municipality, far_school
):
    stranger = PersonFactory(organization=far_school)
    target = TargetPositionFactory(municipality=municipality)
    client.force_login(coordinator)

    response = client.post(
        CREATE,
        {
            "person": stranger.pk,
            "target_position": target.pk,
            "basis_number": "1",
            "basis_date": "2026-01-10",
            "included_on": "2026-01-10",
        },
    )

    assert response.status_code == 422
    assert "Выберите сотрудника из найденных" in response.content.decode()
    assert not ReserveEntry.objects.exists()

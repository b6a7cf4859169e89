"""A person's card, and the pages that create, edit and delete people."""

from datetime import date

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from core.tests.utils import form_data
from mentorships.tests.factories import MentorshipFactory
from people.models import Person, PersonViewLog
from people.tests.factories import PersonFactory, PositionFactory
from reserve.models import ReserveEntry
from reserve.tests.factories import ReserveEntryFactory

CREATE = reverse("people:create")


@pytest.fixture
def teacher(municipality):
    return PositionFactory(municipality=municipality, name="Учитель")


@pytest.fixture
def ivanov(school, teacher):
    return PersonFactory(
        organization=school,
        position=teacher,
        last_name="Иванов",
        first_name="Иван",
        middle_name="Петрович",
        teaching_experience="12.5",
    )


def _detail(person):
    return reverse("people:detail", args=[person.pk])


def _edit(person):
    return reverse("people:edit", args=[person.pk])


def _delete(person):
    return reverse("people:delete", args=[person.pk])


def _new(school, position, **changes):
    return {
        "last_name": "Сидоров",
        "first_name": "Сидор",
        "middle_name": "Сидорович",
        "organization": school.pk,
        "position": position.pk,
        "position_since": "2021-09-01",
        "management_experience": "0",
        "teaching_experience": "8",
        "email": "sidorov@example.ru",
        "phone": "",
        **changes,
    }


def _edit_data(client, person, **changes):
    return form_data(client.get(_edit(person)).context["form"], **changes)


def test_detail_shows_the_card_to_coordinator(client, coordinator, ivanov):
    client.force_login(coordinator)

    response = client.get(_detail(ivanov))

    assertContains(response, "<h1>Иванов Иван Петрович</h1>", html=True)
    assertContains(
        response, "<dt>Педагогический стаж, лет</dt><dd>12,5</dd>", html=True
    )
    assertContains(response, "Изменить")
    assertContains(response, "История изменений")


def test_detail_writes_the_personal_data_access_log(client, coordinator, ivanov):
    client.force_login(coordinator)

    client.get(_detail(ivanov))

    log = PersonViewLog.objects.get()
    assert log.person == ivanov
    assert log.user == coordinator
    assert log.channel == PersonViewLog.Channel.PAGE


def test_detail_shows_coordinator_the_history_with_old_and_new_values(
    client, coordinator, ivanov
):
    client.force_login(coordinator)
    client.post(_edit(ivanov), _edit_data(client, ivanov, phone="+7 900 123-45-67"))

    response = client.get(_detail(ivanov))

    assertContains(response, "<li>телефон: — → +7 900 123-45-67</li>", html=True)
    assertContains(response, "coordinator, изменено")


def test_detail_shows_head_the_card_of_own_staff_without_history(client, head, ivanov):
    client.force_login(head)

    response = client.get(_detail(ivanov))

    assertContains(response, "<h1>Иванов Иван Петрович</h1>", html=True)
    assertNotContains(response, "История изменений")
    assertNotContains(response, _edit(ivanov))
    assert PersonViewLog.objects.get().user == head


def test_detail_shows_a_mentor_their_own_card(client, mentor):
    client.force_login(mentor)

    response = client.get(_detail(mentor.person))

    assertContains(response, "<dd>mentor</dd>", html=True)


@pytest.mark.parametrize("role", ["mentor", "reservist", "commission", "stranger"])
def test_detail_returns_404_out_of_scope_and_logs_nothing(
    client, request, role, ivanov
):
    client.force_login(request.getfixturevalue(role))

    response = client.get(_detail(ivanov))

    assertContains(response, "Страница не найдена", status_code=404)
    assert not PersonViewLog.objects.exists()


def test_detail_redirects_anonymous_to_login(client, ivanov):
    assert client.get(_detail(ivanov)).status_code == 302
    assert not PersonViewLog.objects.exists()


# Budget: session, user, roles, linked person, person with organisation, position
# and account, access log insert (in a savepoint: +2), the active reserve entry,
# history records, then one query per foreign key of the history: organisation,
# position.
DETAIL_QUERIES = 12


def test_detail_query_count_does_not_grow_with_history(
    client, coordinator, ivanov, django_assert_max_num_queries
):
    for n in range(20):
        ivanov.phone = f"+7 900 000-00-{n:02}"
        ivanov.save()
    client.force_login(coordinator)

    with django_assert_max_num_queries(DETAIL_QUERIES):
        assert client.get(_detail(ivanov)).status_code == 200


def test_create_page_offers_only_the_municipality_choices(
    client, coordinator, school, other_school, far_school, teacher
):
    PositionFactory(municipality=far_school.municipality, name="Чужая должность")
    client.force_login(coordinator)

    response = client.get(CREATE)

    assertContains(response, "<h1>Новый работник</h1>", html=True)
    form = response.context["form"]
    assert set(form.fields["organization"].queryset) == {school, other_school}
    assert set(form.fields["position"].queryset) == {teacher}


def test_create_adds_the_person(client, coordinator, school, teacher):
    client.force_login(coordinator)

    response = client.post(CREATE, _new(school, teacher), follow=True)

    person = Person.objects.get(last_name="Сидоров")
    assertRedirects(response, _detail(person))
    assertContains(response, "Работник добавлен.")
    assert person.organization == school
    assert person.history.get().history_user == coordinator


def test_create_shows_experience_error_next_to_the_field_and_saves_nothing(
    client, coordinator, school, teacher
):
    client.force_login(coordinator)

    response = client.post(CREATE, _new(school, teacher, teaching_experience="71"))

    assertContains(
        response,
        '<ul class="errorlist" id="id_teaching_experience_error">'
        "<li>Убедитесь, что это значение меньше либо равно 70.</li></ul>",
        html=True,
        status_code=422,
    )
    assert not Person.objects.filter(last_name="Сидоров").exists()


@pytest.mark.parametrize("char", ["\x07", "\x0b", "\x00", "\u200b", "\u202e"])
def test_create_refuses_a_forbidden_character_in_the_name_and_saves_nothing(
    client, coordinator, school, teacher, char
):
    client.force_login(coordinator)

    response = client.post(CREATE, _new(school, teacher, last_name=f"Сидо{char}ров"))

    assertContains(response, "недопустимый символ", status_code=422)
    assert list(response.context["form"].errors) == ["last_name"]
    assert not Person.objects.filter(first_name="Сидор").exists()


def test_create_refuses_a_position_of_another_municipality(
    client, coordinator, school, far_school
):
    foreign = PositionFactory(municipality=far_school.municipality)
    client.force_login(coordinator)

    response = client.post(CREATE, _new(school, foreign))

    assert "position" in response.context["form"].errors
    assertContains(response, "Выберите корректный вариант.", status_code=422)
    assert not Person.objects.filter(last_name="Сидоров").exists()


def test_create_shows_required_fields(client, coordinator, school, teacher):
    client.force_login(coordinator)

    response = client.post(CREATE, _new(school, teacher, last_name="", first_name=""))

    assert response.context["form"].errors == {
        "last_name": ["Обязательное поле."],
        "first_name": ["Обязательное поле."],
    }


@pytest.mark.parametrize("role", ["head", "mentor", "reservist", "commission"])
def test_create_is_denied_to_other_roles(client, request, role, school, teacher):
    client.force_login(request.getfixturevalue(role))

    assertContains(client.get(CREATE), "Доступ запрещён", status_code=403)
    assert client.post(CREATE, _new(school, teacher)).status_code == 403
    assert not Person.objects.filter(last_name="Сидоров").exists()


def test_edit_saves_the_changes_and_says_so(client, coordinator, ivanov):
    client.force_login(coordinator)

    response = client.post(
        _edit(ivanov), _edit_data(client, ivanov, phone="+7 900 123-45-67"), follow=True
    )

    assertRedirects(response, _detail(ivanov))
    assertContains(response, "Изменения сохранены.")
    ivanov.refresh_from_db()
    assert ivanov.phone == "+7 900 123-45-67"


def test_edit_page_shows_the_current_values(client, coordinator, ivanov):
    client.force_login(coordinator)

    response = client.get(_edit(ivanov))

    assertContains(response, "<h1>Иванов Иван Петрович: изменение</h1>", html=True)
    assertContains(response, 'value="12.5"')


def test_edit_shows_errors_and_keeps_the_record(client, coordinator, ivanov):
    client.force_login(coordinator)

    response = client.post(
        _edit(ivanov),
        _edit_data(client, ivanov, management_experience="80", last_name="Петров"),
    )

    assertContains(
        response, "Убедитесь, что это значение меньше либо равно 70.", status_code=422
    )
    ivanov.refresh_from_db()
    assert ivanov.last_name == "Иванов"


def test_edit_is_denied_to_head_for_own_staff_and_self(client, head, ivanov):
    client.force_login(head)

    assert client.get(_edit(ivanov)).status_code == 403
    assert client.get(_edit(head.person)).status_code == 403


def test_edit_is_denied_to_mentor_for_own_card(client, mentor):
    client.force_login(mentor)

    assert client.get(_edit(mentor.person)).status_code == 403
    assert client.post(_edit(mentor.person), {"last_name": "X"}).status_code == 403


def test_edit_returns_404_to_mentor_for_a_colleague(client, mentor, ivanov):
    client.force_login(mentor)

    assert client.get(_edit(ivanov)).status_code == 404


def test_edit_returns_404_for_stranger(client, stranger, ivanov):
    client.force_login(stranger)

    assert client.get(_edit(ivanov)).status_code == 404


def test_delete_asks_for_confirmation(client, coordinator, ivanov):
    client.force_login(coordinator)

    response = client.get(_delete(ivanov))

    assertContains(response, "<h1>Удалить «Иванов Иван Петрович»?</h1>", html=True)


def test_delete_removes_the_person(client, coordinator, ivanov):
    client.force_login(coordinator)

    response = client.post(_delete(ivanov), follow=True)

    assertRedirects(response, reverse("people:list"))
    assertContains(response, "Работник удалён.")
    assert not Person.objects.filter(pk=ivanov.pk).exists()


def test_delete_is_denied_to_head(client, head, ivanov):
    client.force_login(head)

    assert client.post(_delete(ivanov)).status_code == 403
    assert Person.objects.filter(pk=ivanov.pk).exists()


def test_delete_returns_404_for_stranger(client, stranger, ivanov):
    client.force_login(stranger)

    assert client.post(_delete(ivanov)).status_code == 404
    assert Person.objects.filter(pk=ivanov.pk).exists()


def test_edit_form_writes_the_access_log(client, coordinator, ivanov):
    client.force_login(coordinator)

    assert client.get(_edit(ivanov)).status_code == 200

    log = PersonViewLog.objects.get()
    assert (log.person, log.user, log.channel, log.source) == (
        ivanov,
        coordinator,
        PersonViewLog.Channel.FORM,
        _edit(ivanov),
    )


def test_detail_shows_reserve_status_and_mentor_with_link_to_the_entry(
    client, coordinator, ivanov
):
    mentorship = MentorshipFactory(
        reserve_entry__person=ivanov,
        reserve_entry__included_on=date(2026, 9, 1),
        reserve_entry__term_until=date(2029, 9, 1),
    )
    client.force_login(coordinator)

    response = client.get(_detail(ivanov))

    assertContains(
        response,
        '<dd id="person-reserve">В резерве на должность «Директор школы» '
        "с 1 сентября 2026 г. по 1 сентября 2029 г.</dd>",
        html=True,
    )
    mentor = mentorship.mentor.full_name
    assertContains(response, f'<dd id="person-mentor">{mentor}</dd>', html=True)
    assertContains(response, mentorship.reserve_entry.get_absolute_url())
    assertContains(response, "Карточка резервиста")
    assertNotContains(response, "Включить в резерв")


def test_detail_offers_inclusion_only_to_a_person_not_in_the_reserve(
    client, coordinator, ivanov
):
    ReserveEntryFactory(person=ivanov, status=ReserveEntry.Status.EXCLUDED)
    client.force_login(coordinator)

    response = client.get(_detail(ivanov))

    assertContains(
        response, '<dd id="person-reserve">не состоит в резерве</dd>', html=True
    )
    assertContains(response, f"{reverse('reserve:create')}?person={ivanov.pk}")
    assertNotContains(response, "Карточка резервиста")


def test_detail_offers_no_inclusion_to_a_head(client, head, ivanov):
    client.force_login(head)

    assertNotContains(client.get(_detail(ivanov)), "Включить в резерв")


def test_detail_query_count_is_the_same_for_a_reservist_with_mentors(
    client, coordinator, ivanov, django_assert_num_queries
):
    entry = ReserveEntryFactory(person=ivanov)
    client.force_login(coordinator)
    client.get(_detail(ivanov))  # warm the caches of the first request

    with django_assert_num_queries(RESERVE_DETAIL_QUERIES):
        client.get(_detail(ivanov))
    MentorshipFactory(reserve_entry=entry)
    with django_assert_num_queries(RESERVE_DETAIL_QUERIES):
        assert client.get(_detail(ivanov)).status_code == 200


# Budget: session, user, roles, linked person, person, access log (3), the entry
# with its target position, its mentorships with their mentors, history records.
RESERVE_DETAIL_QUERIES = 10

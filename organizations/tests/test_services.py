from datetime import UTC, datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from simple_history.middleware import _context_manager

from organizations import services
from organizations.models import Organization
from organizations.tests.factories import MunicipalityFactory, OrganizationFactory
from people.tests.factories import PersonFactory

DUPLICATE = "Организация с таким кратким наименованием уже есть."
BAD_INN = "ИНН организации состоит из 10 цифр."


def _create(municipality, **fields):
    values = {
        "kind": Organization.Kind.SCHOOL,
        "short_name": "МОУ «СОШ № 9»",
        "full_name": "Средняя общеобразовательная школа № 9",
        **fields,
    }
    return services.create_organization(municipality=municipality, **values)


def test_create_organization_saves_it_with_search_text(municipality):
    organization = _create(municipality, inn="7022000000")

    organization.refresh_from_db()
    assert organization.municipality == municipality
    assert organization.inn == "7022000000"
    assert organization.search_text == (
        "моу «сош № 9» средняя общеобразовательная школа № 9"
    )


def test_create_organization_records_a_creation_in_history(municipality):
    organization = _create(municipality)

    (record,) = organization.history.all()
    assert record.history_type == "+"
    assert record.short_name == "МОУ «СОШ № 9»"


def test_create_organization_rejects_duplicate_short_name(municipality, school):
    with pytest.raises(ValidationError) as e:
        _create(municipality, short_name="School")

    assert e.value.messages == [DUPLICATE]
    assert Organization.objects.filter(short_name="School").count() == 1


def test_create_organization_allows_same_short_name_in_another_municipality(
    far_school, municipality
):
    organization = _create(municipality, short_name="Far school")

    assert organization.pk != far_school.pk


@pytest.mark.parametrize("inn", ["123", "70220000001", "70220abcde", "7022 00000"])
def test_create_organization_rejects_inn_that_is_not_ten_digits(municipality, inn):
    with pytest.raises(ValidationError) as e:
        _create(municipality, inn=inn)

    assert BAD_INN in e.value.message_dict["inn"]
    assert not Organization.objects.exists()


def test_create_organization_requires_names_and_type(municipality):
    with pytest.raises(ValidationError) as e:
        services.create_organization(municipality=municipality)

    assert set(e.value.message_dict) == {"kind", "short_name", "full_name"}
    assert e.value.message_dict["short_name"] == ["Это поле не может быть пустым."]


def test_create_organization_rejects_unknown_type(municipality):
    with pytest.raises(ValidationError) as e:
        _create(municipality, kind="university")

    assert "kind" in e.value.message_dict


def test_update_organization_changes_fields_and_search_text(school):
    services.update_organization(
        organization=school, short_name="Гимназия", address="ул. Ленина, 1"
    )

    school.refresh_from_db()
    assert school.short_name == "Гимназия"
    assert school.address == "ул. Ленина, 1"
    assert school.search_text.startswith("гимназия ")


def test_update_organization_saves_only_changed_fields(school):
    stale = Organization.objects.get(pk=school.pk)
    Organization.objects.filter(pk=school.pk).update(phone="+7 (38259) 5-55-55")

    services.update_organization(
        organization=stale, short_name=stale.short_name, address="ул. Ленина, 1"
    )

    school.refresh_from_db()
    assert school.address == "ул. Ленина, 1"
    assert school.phone == "+7 (38259) 5-55-55"  # a concurrent change survives


def test_update_organization_touches_updated_at(school):
    with time_machine.travel(datetime(2030, 1, 15, 10, tzinfo=UTC), tick=False):
        services.update_organization(organization=school, address="ул. Ленина, 1")

    school.refresh_from_db()
    assert school.updated_at == datetime(2030, 1, 15, 10, tzinfo=UTC)


def test_update_organization_without_changes_writes_nothing(
    school, django_assert_num_queries
):
    with django_assert_num_queries(2):  # savepoint and its release, no UPDATE
        services.update_organization(
            organization=school, short_name=school.short_name, address=""
        )

    assert school.history.count() == 1


def test_update_organization_records_old_and_new_values_in_history(school):
    services.update_organization(organization=school, address="ул. Ленина, 1")

    newest, oldest = school.history.all()
    assert newest.history_type == "~"
    assert newest.diff_against(oldest).changed_fields == ["address"]


def test_update_organization_records_the_acting_user(school, coordinator):
    request = RequestFactory().post("/")
    request.user = coordinator

    with _context_manager(request):
        services.update_organization(organization=school, address="ул. Ленина, 1")

    assert school.history.latest().history_user == coordinator


def test_update_organization_rejects_duplicate_short_name(school, other_school):
    with pytest.raises(ValidationError) as e:
        services.update_organization(organization=school, short_name="Other school")

    assert e.value.messages == [DUPLICATE]
    school.refresh_from_db()
    assert school.short_name == "School"


def test_update_organization_leaves_object_as_it_was_when_rejected(school):
    with pytest.raises(ValidationError):
        services.update_organization(organization=school, inn="12", address="Новый")

    assert school.inn == ""
    assert school.address == ""


def test_delete_organization_removes_it_and_keeps_history(municipality):
    organization = OrganizationFactory(municipality=municipality)
    pk = organization.pk

    services.delete_organization(organization=organization)

    assert not Organization.objects.filter(pk=pk).exists()
    assert Organization.history.filter(id=pk).latest().history_type == "-"


def test_delete_organization_is_refused_while_people_work_there(school):
    PersonFactory.create_batch(2, organization=school)

    with pytest.raises(ValidationError) as e:
        services.delete_organization(organization=school)

    assert e.value.messages == [
        "Удалить нельзя: на запись ссылаются другие записи (2)."
    ]
    assert Organization.objects.filter(pk=school.pk).exists()


def test_update_municipality_changes_requisites(municipality):
    services.update_municipality(
        municipality=municipality,
        authority_name="Управление образования",
        place="г. Стрежевой",
    )

    municipality.refresh_from_db()
    assert municipality.authority_name == "Управление образования"
    assert municipality.place == "г. Стрежевой"
    assert municipality.history.latest().history_type == "~"


def test_update_municipality_rejects_a_name_already_taken(municipality):
    MunicipalityFactory(name="Elsewhere")

    with pytest.raises(ValidationError) as e:
        services.update_municipality(municipality=municipality, name="Elsewhere")

    assert "name" in e.value.message_dict
    municipality.refresh_from_db()
    assert municipality.name == "Town"

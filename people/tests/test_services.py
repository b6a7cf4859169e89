from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from people import services
from people.models import Person, PersonViewLog, Position
from people.tests.factories import PersonFactory, PositionFactory

FOREIGN_POSITION = (
    "Должность относится к справочнику другого муниципального образования."
)
TOO_MUCH = "Убедитесь, что это значение меньше либо равно 70."
DUPLICATE_POSITION = "Должность с таким наименованием уже есть."


@pytest.fixture
def teacher(municipality):
    return PositionFactory(municipality=municipality, name="Учитель")


@pytest.fixture
def director(municipality):
    return PositionFactory(
        municipality=municipality, name="Директор", is_administrative=True
    )


def _create(school, position, **fields):
    values = {"last_name": "Иванов", "first_name": "Иван", "middle_name": "Иванович"}
    return services.create_person(
        organization=school, position=position, **{**values, **fields}
    )


def test_create_person_saves_them_with_folded_search_text(school, teacher):
    person = _create(school, teacher, last_name="Семёнов", teaching_experience=7)

    person.refresh_from_db()
    assert person.full_name == "Семёнов Иван Иванович"
    assert person.search_text == "семенов иван иванович"
    assert person.teaching_experience == Decimal(7)


def test_create_person_records_a_creation_in_history(school, teacher):
    person = _create(school, teacher)

    assert person.history.get().history_type == "+"


def test_create_person_rejects_position_of_another_municipality(school, far_school):
    foreign = PositionFactory(municipality=far_school.municipality, name="Учитель")

    with pytest.raises(ValidationError) as e:
        _create(school, foreign)

    assert e.value.message_dict == {"position": [FOREIGN_POSITION]}
    assert not Person.objects.exists()


@pytest.mark.parametrize("years", [Decimal("70.5"), Decimal(71), Decimal("99.9")])
@pytest.mark.parametrize("field", ["management_experience", "teaching_experience"])
def test_create_person_rejects_experience_over_seventy_years(
    school, teacher, field, years
):
    with pytest.raises(ValidationError) as e:
        _create(school, teacher, **{field: years})

    assert e.value.message_dict[field] == [TOO_MUCH]
    assert not Person.objects.exists()


def test_create_person_accepts_exactly_seventy_years(school, teacher):
    person = _create(school, teacher, teaching_experience=Decimal(70))

    assert person.teaching_experience == 70


def test_create_person_rejects_negative_experience(school, teacher):
    with pytest.raises(ValidationError) as e:
        _create(school, teacher, management_experience=Decimal(-1))

    assert e.value.message_dict["management_experience"] == [
        "Убедитесь, что это значение больше либо равно 0."
    ]


def test_create_person_requires_surname_and_name(school, teacher):
    with pytest.raises(ValidationError) as e:
        _create(school, teacher, last_name="", first_name="")

    assert set(e.value.message_dict) == {"last_name", "first_name"}


def test_create_person_rejects_malformed_email(school, teacher):
    with pytest.raises(ValidationError) as e:
        _create(school, teacher, email="ivanov@")

    assert e.value.message_dict["email"] == [
        "Введите правильный адрес электронной почты."
    ]


def test_update_person_changes_fields_and_search_text(school, teacher):
    person = _create(school, teacher)

    services.update_person(person=person, last_name="Петров", phone="+7 900 000-00-00")

    person.refresh_from_db()
    assert person.last_name == "Петров"
    assert person.phone == "+7 900 000-00-00"
    assert person.search_text == "петров иван иванович"


def test_update_person_saves_only_changed_fields(school, teacher):
    person = _create(school, teacher)
    stale = Person.objects.get(pk=person.pk)
    Person.objects.filter(pk=person.pk).update(email="new@example.ru")

    services.update_person(person=stale, last_name="Петров", first_name="Иван")

    person.refresh_from_db()
    assert person.last_name == "Петров"
    assert person.email == "new@example.ru"  # a concurrent change survives


def test_update_person_without_changes_adds_no_history(school, teacher):
    person = _create(school, teacher)

    services.update_person(person=person, last_name="Иванов", position=teacher)

    assert person.history.count() == 1


def test_update_person_records_old_and_new_values_in_history(school, teacher, director):
    person = _create(school, teacher)

    services.update_person(person=person, position=director)

    newest, oldest = person.history.all()
    assert newest.history_type == "~"
    assert newest.diff_against(oldest).changed_fields == ["position"]


def test_update_person_rejects_move_to_another_municipality(
    school, teacher, far_school
):
    person = _create(school, teacher)

    with pytest.raises(ValidationError) as e:
        services.update_person(person=person, organization=far_school)

    assert e.value.message_dict == {"position": [FOREIGN_POSITION]}
    person.refresh_from_db()
    assert person.organization == school


def test_update_person_accepts_move_with_position_of_the_new_municipality(
    school, teacher, far_school
):
    person = _create(school, teacher)
    far_teacher = PositionFactory(municipality=far_school.municipality, name="Учитель")

    services.update_person(person=person, organization=far_school, position=far_teacher)

    person.refresh_from_db()
    assert person.organization == far_school


def test_update_person_rejects_experience_over_seventy_years(school, teacher):
    person = _create(school, teacher)

    with pytest.raises(ValidationError) as e:
        services.update_person(person=person, management_experience=Decimal(71))

    assert e.value.message_dict["management_experience"] == [TOO_MUCH]
    assert person.management_experience == 0
    person.refresh_from_db()
    assert person.management_experience == 0


def test_delete_person_removes_them_and_keeps_history(school, teacher):
    person = _create(school, teacher)
    pk = person.pk

    services.delete_person(person=person)

    assert not Person.objects.filter(pk=pk).exists()
    assert Person.history.filter(id=pk).latest().history_type == "-"


def test_delete_person_who_heads_an_organization_clears_its_head(school, director):
    person = _create(school, director)
    school.head = person
    school.save(update_fields=["head"])

    services.delete_person(person=person)

    school.refresh_from_db()
    assert school.head is None


def test_create_position_adds_it_to_the_catalogue(municipality):
    position = services.create_position(
        municipality=municipality, name="Методист", is_administrative=False
    )

    assert position.municipality == municipality
    assert position.history.get().history_type == "+"


def test_create_position_rejects_duplicate_name(municipality, teacher):
    with pytest.raises(ValidationError) as e:
        services.create_position(municipality=municipality, name="Учитель")

    assert e.value.messages == [DUPLICATE_POSITION]
    assert Position.objects.filter(name="Учитель").count() == 1


def test_create_position_allows_same_name_in_another_municipality(teacher, far_school):
    position = services.create_position(
        municipality=far_school.municipality, name="Учитель"
    )

    assert position.pk != teacher.pk


def test_update_position_renames_it(teacher):
    services.update_position(position=teacher, name="Учитель начальных классов")

    teacher.refresh_from_db()
    assert teacher.name == "Учитель начальных классов"
    assert teacher.history.latest().history_type == "~"


def test_update_position_rejects_duplicate_name(teacher, director):
    with pytest.raises(ValidationError) as e:
        services.update_position(position=teacher, name="Директор")

    assert e.value.messages == [DUPLICATE_POSITION]
    assert teacher.name == "Учитель"


def test_delete_position_removes_an_unused_one(teacher):
    services.delete_position(position=teacher)

    assert not Position.objects.filter(pk=teacher.pk).exists()


def test_delete_position_is_refused_while_people_hold_it(school, teacher):
    PersonFactory.create_batch(3, organization=school, position=teacher)

    with pytest.raises(ValidationError) as e:
        services.delete_position(position=teacher)

    assert e.value.messages == [
        "Удалить нельзя: на запись ссылаются другие записи (3)."
    ]
    assert Position.objects.filter(pk=teacher.pk).exists()


def test_record_person_view_logs_who_opened_the_card(school, coordinator):
    person = PersonFactory(organization=school)

    log = services.record_person_view(
        person=person, user=coordinator, channel=PersonViewLog.Channel.PAGE
    )

    assert log.person == person
    assert log.user == coordinator
    assert log.channel == "page"
    assert log.viewed_at is not None


# 199: SQLite's 999 bound variables hold 199 rows of five columns (PostgreSQL
# takes any number in one INSERT).
@pytest.mark.parametrize("n", [1, 199])
def test_record_people_access_is_one_insert_whatever_the_count(
    school, coordinator, django_assert_num_queries, n
):
    people = PersonFactory.create_batch(n, organization=school)
    ids = [p.pk for p in people]

    with django_assert_num_queries(1):
        services.record_people_access(
            people_ids=ids + ids, user=coordinator, channel=PersonViewLog.Channel.API
        )

    logs = PersonViewLog.objects.all()
    assert sorted(log.person_id for log in logs) == sorted(ids)
    assert {(log.user, log.channel) for log in logs} == {
        (coordinator, PersonViewLog.Channel.API)
    }

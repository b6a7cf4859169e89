from people.models import Person
from people.tests.factories import PersonFactory, PositionFactory


def test_person_full_name_joins_surname_name_and_patronymic(school):
    person = PersonFactory.build(
        last_name="Иванов", first_name="Иван", middle_name="Петрович"
    )

    assert person.full_name == "Иванов Иван Петрович"
    assert str(person) == "Иванов Иван Петрович"


def test_person_full_name_skips_missing_patronymic():
    person = PersonFactory.build(last_name="Иванов", first_name="Иван", middle_name="")

    assert person.full_name == "Иванов Иван"


def test_person_short_name_has_initials():
    person = PersonFactory.build(
        last_name="Иванов", first_name="Иван", middle_name="Петрович"
    )

    assert person.short_name == "Иванов И. П."


def test_person_short_name_without_patronymic_has_one_initial():
    person = PersonFactory.build(last_name="Иванов", first_name="Иван", middle_name="")

    assert person.short_name == "Иванов И."


def test_person_url_is_their_card(school):
    person = PersonFactory(organization=school)

    assert person.get_absolute_url() == f"/people/{person.pk}/"


def test_person_search_ignores_case_and_yo(school):
    PersonFactory(organization=school, last_name="Семёнов", first_name="Пётр")
    PersonFactory(organization=school, last_name="Иванов", first_name="Иван")

    def found(text):
        return [p.last_name for p in Person.objects.search(text)]

    assert found("иванов") == ["Иванов"]
    assert found("ИВАНОВ ИВАН") == ["Иванов"]
    assert found("семенов") == ["Семёнов"]
    assert found("Семёнов Пётр") == ["Семёнов"]
    assert found("сидоров") == []


def test_person_save_keeps_search_text_in_step_with_name(school):
    person = PersonFactory(organization=school, last_name="Иванов")
    person.last_name = "Фёдоров"

    person.save(update_fields=["last_name"])

    person.refresh_from_db()
    assert person.search_text.startswith("федоров ")


def test_person_filtered_combines_the_given_filters(school, other_school):
    director = PositionFactory(
        municipality=school.municipality, name="Директор", is_administrative=True
    )
    PersonFactory(organization=school, last_name="Иванов", position=director)
    PersonFactory(organization=school, last_name="Иванова")
    PersonFactory(organization=other_school, last_name="Петров", position=director)

    def found(**filters):
        return [p.last_name for p in Person.objects.filtered(**filters)]

    assert found() == ["Иванов", "Иванова", "Петров"]
    assert found(q="иванов", organization_id=school.pk) == ["Иванов", "Иванова"]
    assert found(position_id=director.pk) == ["Иванов", "Петров"]
    assert found(organization_id=school.pk, is_administrative=True) == ["Иванов"]
    assert found(is_administrative=False) == ["Иванова"]

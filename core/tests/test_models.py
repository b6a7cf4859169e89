import pytest
from django.apps import apps

from core.models import CopiesMunicipality, normalize_search
from people.models import Person
from people.tests.factories import PersonFactory


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Иванов", "иванов"),
        ("ИВАНОВ", "иванов"),
        ("Семёнов", "семенов"),
        ("ЁЛОЧКА", "елочка"),
        ("  МОУ   «СОШ № 1» ", "моу «сош № 1»"),
        ("School No. 5", "school no. 5"),
        ("", ""),
    ],
)
def test_normalize_search_folds_case_yo_and_spaces(text, folded):
    assert normalize_search(text) == folded


def _copies():
    return {m for m in apps.get_models() if issubclass(m, CopiesMunicipality)}


def test_every_copy_of_the_municipality_is_computed_not_input_nor_history():
    assert {m.__name__ for m in _copies()} >= {
        "Person",
        "ReserveEntry",
        "IndividualPlan",
        "MentorOrder",
        "Mentorship",
    }
    for model in _copies():
        field = model._meta.get_field("municipality")
        assert not field.editable, model
        if hasattr(model, "history"):  # a model without history records nothing
            recorded = {f.name for f in model.history.model._meta.fields}
            assert "municipality" not in recorded, model


def test_full_clean_does_not_check_the_copy(school, django_assert_num_queries):
    person = PersonFactory(organization=school)

    with django_assert_num_queries(0):
        person.clean_fields(exclude=["organization", "position", "user"])


def test_a_partial_save_naming_the_source_copies_the_municipality_again(
    school, far_school
):
    person = PersonFactory(organization=school)
    person.organization = far_school
    person.save(update_fields=["organization"])

    assert Person.objects.get(pk=person.pk).municipality_id == (
        far_school.municipality_id
    )


def test_a_partial_save_elsewhere_keeps_the_copy_without_reading_the_source(
    school, django_assert_num_queries
):
    person = Person.objects.get(pk=PersonFactory(organization=school).pk)

    # the UPDATE and its history row; no organisation read
    with django_assert_num_queries(2):
        person.save(update_fields=["phone"])


def test_set_municipality_copies_only_an_unset_copy_and_copy_always(school, far_school):
    person = PersonFactory.build(
        organization=far_school, municipality=school.municipality
    )
    person.set_municipality()
    assert person.municipality_id == school.municipality_id

    person.copy_municipality()
    assert person.municipality_id == far_school.municipality_id
    person.municipality_id = None
    person.set_municipality()
    assert person.municipality_id == far_school.municipality_id

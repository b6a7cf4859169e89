"""«In the position since» is never in the future: forms, API and import refuse
it with the same Russian message (Person.clean, which full_clean runs; the API's
test is in api/tests/test_people.py)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from imports import services as import_services
from imports.tests.factories import people_file
from people import services
from people.models import Person
from people.tests.factories import PositionFactory

FUTURE = "Дата начала работы в должности не может быть в будущем."


@pytest.fixture
def teacher(municipality):
    return PositionFactory(municipality=municipality, name="Учитель")


def _tomorrow():
    return timezone.localdate() + timedelta(days=1)


def test_the_service_refuses_a_future_date_and_accepts_today(school, teacher):
    with pytest.raises(ValidationError) as refused:
        services.create_person(
            organization=school,
            position=teacher,
            last_name="Иванова",
            first_name="Мария",
            position_since=_tomorrow(),
        )
    person = services.create_person(
        organization=school,
        position=teacher,
        last_name="Иванова",
        first_name="Мария",
        position_since=timezone.localdate(),
    )

    assert refused.value.message_dict == {"position_since": [FUTURE]}
    assert person.position_since == timezone.localdate()


def test_the_form_refuses_a_future_date(client, coordinator, school, teacher):
    client.force_login(coordinator)
    data = {
        "last_name": "Сидоров",
        "first_name": "Сидор",
        "organization": school.pk,
        "position": teacher.pk,
        "position_since": _tomorrow().isoformat(),
        "management_experience": "0",
        "teaching_experience": "8",
    }

    response = client.post(reverse("people:create"), data)

    assertContains(response, FUTURE, status_code=422)
    assert not Person.objects.filter(last_name="Сидоров").exists()


def test_the_import_refuses_a_future_date(coordinator, municipality, school, teacher):
    file = people_file(
        [
            [
                "Иванова",
                "Мария",
                "",
                "School",
                "Учитель",
                _tomorrow().strftime("%d.%m.%Y"),
            ]
        ]
    )

    _batch, plan = import_services.preview_upload(
        user=coordinator, municipality=municipality, kind="people", upload=file
    )

    assert [str(e) for e in plan.errors] == [
        f"Строка 2, столбец «В должности с»: {FUTURE}"
    ]

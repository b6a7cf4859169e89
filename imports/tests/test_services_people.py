"""Importing people: matching by full name and organisation, and their cells."""

from datetime import date, datetime
from decimal import Decimal

from imports import services
from imports.models import ImportBatch
from imports.planning import Action
from imports.tests.factories import people_file
from organizations.models import Organization
from people.models import Person
from people.tests.factories import PersonFactory, PositionFactory


def _preview(user, municipality, file):
    return services.preview_upload(
        user=user, municipality=municipality, kind="people", upload=file
    )


def _errors(plan) -> list[str]:
    return [str(e) for e in plan.errors]


def test_import_creates_people_with_dates_and_experience(
    coordinator, municipality, school, teacher, deputy
):
    file = people_file(
        [
            [
                "Иванова",
                "Мария",
                "Петровна",
                "School",
                "Учитель",
                "01.09.2020",
                0,
                "12,5",
                "ivanova@example.ru",
                89001234567,
            ],
            [
                "Петров",
                "Пётр",
                None,
                "school",
                "заместитель  директора",
                datetime(2019, 1, 15),
                3.5,
            ],
        ]
    )

    batch, _plan = _preview(coordinator, municipality, file)
    batch = services.apply_batch(batch=batch)

    assert (batch.n_created, batch.n_updated) == (2, 0)
    ivanova = Person.objects.get(last_name="Иванова")
    assert (ivanova.organization, ivanova.position) == (school, teacher)
    assert ivanova.position_since == date(2020, 9, 1)
    assert ivanova.teaching_experience == Decimal("12.5")
    assert ivanova.phone == "89001234567"
    petrov = Person.objects.get(last_name="Петров")
    assert (petrov.middle_name, petrov.position) == ("", deputy)
    assert petrov.position_since == date(2019, 1, 15)
    assert petrov.management_experience == Decimal("3.5")
    assert petrov.history.count() == 1


def test_people_import_updates_a_matched_person(
    coordinator, municipality, school, other_school, teacher, deputy
):
    person = PersonFactory(
        organization=school,
        position=teacher,
        last_name="Иванова",
        first_name="Мария",
        middle_name="Петровна",
        teaching_experience=Decimal("10"),
        phone="111",
    )
    namesake = PersonFactory(
        organization=other_school,
        position=teacher,
        last_name="Иванова",
        first_name="Мария",
        middle_name="Петровна",
    )
    file = people_file(
        [
            [
                "ИВАНОВА",
                "мария",
                "Петровна",
                "School",
                "Заместитель директора",
                "01.09.2024",
                None,
                10,
            ]
        ]
    )

    batch, plan = _preview(coordinator, municipality, file)

    (row,) = plan.rows
    assert row.action == Action.UPDATE
    assert row.label == "ИВАНОВА мария Петровна, School"
    assert [(c.column, c.old, c.new) for c in row.changes] == [
        ("Фамилия", "Иванова", "ИВАНОВА"),
        ("Имя", "Мария", "мария"),
        ("Должность", "Учитель", "Заместитель директора"),
        ("В должности с", "—", "01.09.2024"),
    ]

    services.apply_batch(batch=batch)

    person.refresh_from_db()
    assert (person.position, person.position_since) == (deputy, date(2024, 9, 1))
    assert person.phone == "111"
    namesake.refresh_from_db()
    assert namesake.position == teacher
    assert Person.objects.count() == 2


def test_unknown_position_and_organisation_are_reported(
    coordinator, municipality, school, far_school, teacher
):
    PositionFactory(municipality=far_school.municipality, name="Учитель физики")
    file = people_file(
        [
            ["Иванов", "Иван", "", "School", "Учитель"],
            ["Петров", "Пётр", "", "School", "Учитель физики"],
            ["Сидоров", "Сидор", "", "Far school", "Учитель"],
        ]
    )

    batch, plan = _preview(coordinator, municipality, file)

    assert batch is None
    assert _errors(plan) == [
        "Строка 3, столбец «Должность»: "
        "должность «Учитель физики» не найдена в справочнике",
        "Строка 4, столбец «Организация»: "
        "организация «Far school» не найдена в реестре муниципалитета",
    ]
    assert (Organization.objects.count(), Person.objects.count()) == (2, 0)
    assert ImportBatch.objects.count() == 0


def test_bad_dates_are_reported(coordinator, municipality, school, teacher):
    file = people_file(
        [
            ["Иванов", "Иван", "", "School", "Учитель", "31.02.2020"],
            ["Петров", "Пётр", "", "School", "Учитель", "вчера"],
            ["Сидоров", "Сидор", "", "School", "Учитель", 45000],
        ]
    )

    _batch, plan = _preview(coordinator, municipality, file)

    assert _errors(plan) == [
        "Строка 2, столбец «В должности с»: дата «31.02.2020» указана неверно, "
        "нужен формат ДД.ММ.ГГГГ, например 01.09.2020",
        "Строка 3, столбец «В должности с»: дата «вчера» указана неверно, "
        "нужен формат ДД.ММ.ГГГГ, например 01.09.2020",
        "Строка 4, столбец «В должности с»: дата «45000» указана неверно, "
        "нужен формат ДД.ММ.ГГГГ, например 01.09.2020",
    ]


def test_bad_numbers_are_reported(coordinator, municipality, school, teacher):
    file = people_file(
        [
            ["Иванов", "Иван", "", "School", "Учитель", None, "пять"],
            ["Петров", "Пётр", "", "School", "Учитель", None, None, -1],
            ["Сидоров", "Сидор", "", "School", "Учитель", None, 2.25],
        ]
    )

    _batch, plan = _preview(coordinator, municipality, file)

    errors = _errors(plan)
    assert errors[0] == (
        "Строка 2, столбец «Управленческий стаж (лет)»: «пять» — не число, "
        "укажите число лет, например 2,5"
    )
    assert errors[1].startswith("Строка 3, столбец «Педагогический стаж (лет)»: ")
    assert errors[2].startswith("Строка 4, столбец «Управленческий стаж (лет)»: ")
    assert len(errors) == 3


def test_duplicate_people_rows_name_both_rows(
    coordinator, municipality, school, other_school, teacher
):
    file = people_file(
        [
            ["Иванов", "Иван", "Иванович", "School", "Учитель"],
            ["Иванов", "Иван", "Иванович", "Other school", "Учитель"],
            ["иванов", "иван", "иванович", "School", "Учитель"],
        ]
    )

    _batch, plan = _preview(coordinator, municipality, file)

    assert _errors(plan) == [
        "Строка 4, столбец «Фамилия»: работник с теми же ФИО в той же "
        "организации уже указан в строке 2"
    ]


def test_required_people_cells_are_reported(coordinator, municipality, school):
    file = people_file([["Иванов", None, "", "School", ""]])

    _batch, plan = _preview(coordinator, municipality, file)

    assert _errors(plan) == [
        "Строка 2, столбец «Имя»: ячейка не заполнена",
        "Строка 2, столбец «Должность»: ячейка не заполнена",
    ]

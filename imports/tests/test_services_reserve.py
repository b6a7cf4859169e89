"""Importing the management reserve: people matched in the registry, their active
entries changed or new entries included, and the dates of each row."""

from datetime import date, datetime
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from imports import services
from imports.kinds import reserve as reserve_kind
from imports.models import ImportBatch
from imports.planning import Action
from imports.services import ImportRejected
from imports.tests.factories import (
    PEOPLE_HEADER,
    RESERVE_HEADER,
    reserve_file,
    upload,
    xlsx,
)
from people.tests.factories import PersonFactory
from reserve.models import ReserveEntry
from reserve.tests.factories import ReserveEntryFactory, TargetPositionFactory

ACTIVE = ReserveEntry.Status.ACTIVE


def _preview(user, municipality, file):
    return services.preview_upload(
        user=user, municipality=municipality, kind="reserve", upload=file
    )


def _errors(plan) -> list[str]:
    return [str(e) for e in plan.errors]


def _row(person, target="Директор школы", *dates, number="12-р", organization=None):
    """A row of the reserve file for a person of the registry."""
    return [
        person.last_name,
        person.first_name,
        person.middle_name,
        organization or person.organization.short_name,
        target,
        number,
        *dates,
    ]


def _assert_rejected(batch, plan, n_entries: int = 0) -> None:
    """Nothing is kept: no batch, no entry beyond the n_entries there were."""
    assert batch is None
    assert not plan.is_valid
    assert ImportBatch.objects.count() == 0
    assert ReserveEntry.objects.count() == n_entries


# Including -------------------------------------------------------------------------


def test_reserve_import_includes_people_with_the_given_or_default_term(
    coordinator, municipality, school, other_school, director, ivanova
):
    municipality.reserve_term_years = 2
    municipality.save()
    petrov = PersonFactory(
        organization=other_school, last_name="Петров", first_name="Пётр", middle_name=""
    )
    file = reserve_file(
        [
            [
                "иванова",
                "МАРИЯ",
                "Петровна",
                "school",
                "директор  школы",
                125,
                "25.08.2026",
                "01.09.2026",
                "01.09.2030",
            ],
            [
                "Петров",
                "Пётр",
                None,
                "Other school",
                "Директор школы",
                "7-р",
                datetime(2026, 8, 31),
                date(2026, 9, 1),
            ],
        ]
    )

    batch, plan = _preview(coordinator, municipality, file)

    assert [(row.action, row.action_label) for row in plan.rows] == [
        (Action.CREATE, "будет создано"),
        (Action.CREATE, "будет создано"),
    ]
    assert plan.rows[0].label == "Иванова Мария Петровна, School"
    assert ReserveEntry.objects.count() == 0

    batch = services.apply_batch(batch=batch)

    assert (batch.status, batch.n_created, batch.n_updated) == ("applied", 2, 0)
    first = ReserveEntry.objects.get(person=ivanova)
    assert (first.target_position, first.status) == (director, ACTIVE)
    assert first.basis_number == "125"
    assert (first.basis_date, first.included_on, first.term_until) == (
        date(2026, 8, 25),
        date(2026, 9, 1),
        date(2030, 9, 1),
    )
    second = ReserveEntry.objects.get(person=petrov)
    assert second.basis_date == date(2026, 8, 31)
    assert second.term_until == date(2028, 9, 1)  # two years, as the municipality
    assert second.history.get().history_type == "+"
    # The copied municipality, which bulk writes set (they skip save()).
    assert {first.municipality_id, second.municipality_id} == {municipality.pk}


def test_reserve_import_changes_the_active_entry_and_lists_the_changes(
    coordinator, municipality, school, director, ivanova
):
    head = TargetPositionFactory(municipality=municipality, name="Заведующий")
    entry = ReserveEntryFactory(
        person=ivanova,
        target_position=director,
        basis_number="1-р",
        basis_date=date(2026, 8, 25),
        included_on=date(2026, 9, 1),
        term_until=date(2029, 9, 1),
    )
    file = reserve_file(
        [_row(ivanova, "Заведующий", "25.08.2026", "02.09.2026", number="1-р/2")]
    )

    batch, plan = _preview(coordinator, municipality, file)

    (row,) = plan.rows
    assert (row.action, row.action_label) == (Action.UPDATE, "будет изменено")
    assert row.label == "Иванова Мария Петровна, School"
    assert [(c.column, c.old, c.new) for c in row.changes] == [
        ("Целевая должность", "Директор школы", "Заведующий"),
        ("Номер документа-основания", "1-р", "1-р/2"),
        ("Дата включения в резерв", "01.09.2026", "02.09.2026"),
    ]
    assert (batch.n_created, batch.n_updated) == (0, 1)

    services.apply_batch(batch=batch)

    entry.refresh_from_db()
    assert (entry.target_position, entry.basis_number) == (head, "1-р/2")
    assert entry.included_on == date(2026, 9, 2)
    assert entry.term_until == date(2029, 9, 1)  # an empty cell keeps the term
    assert entry.history.count() == 2
    assert ReserveEntry.objects.count() == 1


def test_reserve_import_leaves_an_identical_entry_unchanged(
    coordinator, municipality, director, ivanova
):
    ReserveEntryFactory(
        person=ivanova,
        target_position=director,
        basis_number="12-р",
        basis_date=date(2026, 9, 1),
        included_on=date(2026, 9, 1),
        term_until=date(2029, 9, 1),
    )
    file = reserve_file([_row(ivanova, "Директор школы", "01.09.2026", "01.09.2026")])

    batch, plan = _preview(coordinator, municipality, file)

    assert [row.action_label for row in plan.rows] == ["без изменений"]
    services.apply_batch(batch=batch)
    assert ReserveEntry.objects.get().history.count() == 1


@pytest.mark.parametrize(
    "status", [ReserveEntry.Status.APPOINTED, ReserveEntry.Status.EXCLUDED]
)
def test_person_whose_entry_has_ended_is_included_anew(
    coordinator, municipality, director, ivanova, status
):
    ended = ReserveEntryFactory(person=ivanova, target_position=director, status=status)
    file = reserve_file([_row(ivanova, "Директор школы", "01.09.2027", "01.09.2027")])

    batch, plan = _preview(coordinator, municipality, file)

    assert [row.action for row in plan.rows] == [Action.CREATE]
    services.apply_batch(batch=batch)
    new = ReserveEntry.objects.get(status=ACTIVE)
    assert (new.person, new.included_on) == (ivanova, date(2027, 9, 1))
    assert new.pk != ended.pk
    ended.refresh_from_db()
    assert ended.status == status


def test_namesake_in_another_organisation_keeps_its_entry(
    coordinator, municipality, other_school, director, ivanova
):
    namesake = PersonFactory(
        organization=other_school,
        last_name="Иванова",
        first_name="Мария",
        middle_name="Петровна",
    )
    kept = ReserveEntryFactory(person=namesake, target_position=director)
    file = reserve_file([_row(ivanova, "Директор школы", "01.09.2026", "01.09.2026")])

    batch, plan = _preview(coordinator, municipality, file)
    services.apply_batch(batch=batch)

    assert [row.action for row in plan.rows] == [Action.CREATE]
    assert ReserveEntry.objects.get(person=ivanova).status == ACTIVE
    assert ReserveEntry.objects.get(person=namesake) == kept


# Errors: nothing is saved ----------------------------------------------------------


def test_unknown_person_is_reported_by_name_with_the_other_errors(
    coordinator, municipality, school, other_school, director, ivanova
):
    file = reserve_file(
        [
            ["Сидоров", "Сидор", "", "School", "Директор школы", "1", "", "01.09.2026"],
            _row(ivanova, "Директор школы", "01.09.2026", "01.09.2026"),
            _row(
                ivanova,
                "Директор школы",
                "01.09.2026",
                "01.09.2026",
                organization="Other school",
            ),
        ]
    )

    batch, plan = _preview(coordinator, municipality, file)

    assert _errors(plan) == [
        "Строка 2, столбец «Дата документа-основания»: ячейка не заполнена",
        "Строка 2, столбец «Фамилия»: работник «Сидоров Сидор» организации "
        "«School» не найден в реестре работников: сначала добавьте его",
        "Строка 4, столбец «Фамилия»: работник «Иванова Мария Петровна» "
        "организации «Other school» не найден в реестре работников: "
        "сначала добавьте его",
    ]
    _assert_rejected(batch, plan)


def test_unknown_target_position_and_organisation_are_reported(
    coordinator, municipality, far_school, director, ivanova
):
    TargetPositionFactory(municipality=far_school.municipality, name="Заведующий")
    stranger = PersonFactory(organization=far_school)
    file = reserve_file(
        [
            _row(ivanova, "Заведующий", "01.09.2026", "01.09.2026"),
            _row(stranger, "Директор школы", "01.09.2026", "01.09.2026"),
        ]
    )

    batch, plan = _preview(coordinator, municipality, file)

    assert _errors(plan) == [
        "Строка 2, столбец «Целевая должность»: "
        "целевая должность «Заведующий» не найдена в справочнике резерва",
        "Строка 3, столбец «Организация»: "
        "организация «Far school» не найдена в реестре муниципалитета",
    ]
    _assert_rejected(batch, plan)


def test_bad_dates_are_reported_per_cell(coordinator, municipality, director, ivanova):
    valid = ReserveEntryFactory(person=PersonFactory(organization=ivanova.organization))
    file = reserve_file(
        [
            _row(ivanova, "Директор школы", "31.02.2026", "вчера", 45000),
            _row(valid.person, "Директор школы", "01.09.2026", "01.09.2026"),
        ]
    )

    batch, plan = _preview(coordinator, municipality, file)

    wrong = "указана неверно, нужен формат ДД.ММ.ГГГГ, например 01.09.2020"
    assert _errors(plan) == [
        f"Строка 2, столбец «Дата документа-основания»: дата «31.02.2026» {wrong}",
        f"Строка 2, столбец «Дата включения в резерв»: дата «вчера» {wrong}",
        f"Строка 2, столбец «Срок нахождения в резерве до»: дата «45000» {wrong}",
    ]
    _assert_rejected(batch, plan, n_entries=1)


def test_basis_after_inclusion_and_term_before_it_are_reported(
    coordinator, municipality, school, director, ivanova
):
    petrov = PersonFactory(organization=school, last_name="Петров")
    sidorov = PersonFactory(organization=school, last_name="Сидоров")
    file = reserve_file(
        [
            _row(ivanova, "Директор школы", "02.09.2026", "01.09.2026"),
            _row(petrov, "Директор школы", "01.09.2026", "01.09.2026", "31.08.2026"),
            _row(sidorov, "Директор школы", "01.09.2026", "01.09.2026", "01.09.2026"),
        ]
    )

    batch, plan = _preview(coordinator, municipality, file)

    assert _errors(plan) == [
        "Строка 2, столбец «Дата документа-основания»: документ-основание "
        "датирован позже включения в резерв (01.09.2026)",
        "Строка 3, столбец «Срок нахождения в резерве до»: срок должен "
        "заканчиваться позже даты включения в резерв (01.09.2026)",
        "Строка 4, столбец «Срок нахождения в резерве до»: срок должен "
        "заканчиваться позже даты включения в резерв (01.09.2026)",
    ]
    _assert_rejected(batch, plan)


def test_new_inclusion_past_the_current_term_needs_a_new_term(
    coordinator, municipality, director, ivanova
):
    ReserveEntryFactory(
        person=ivanova,
        target_position=director,
        included_on=date(2026, 9, 1),
        term_until=date(2029, 9, 1),
    )
    file = reserve_file([_row(ivanova, "Директор школы", "01.09.2029", "01.09.2029")])

    batch, plan = _preview(coordinator, municipality, file)

    assert _errors(plan) == [
        "Строка 2, столбец «Срок нахождения в резерве до»: текущий срок "
        "нахождения в резерве (01.09.2029) заканчивается не позже даты "
        "включения: укажите новый срок"
    ]
    _assert_rejected(batch, plan, n_entries=1)
    file = reserve_file(
        [_row(ivanova, "Директор школы", "01.09.2029", "01.09.2029", "01.09.2031")]
    )
    batch, plan = _preview(coordinator, municipality, file)
    assert [row.action for row in plan.rows] == [Action.UPDATE]


def test_duplicate_person_rows_name_the_first_row(
    coordinator, municipality, director, ivanova
):
    file = reserve_file(
        [
            _row(ivanova, "Директор школы", "01.09.2026", "01.09.2026"),
            ["ИВАНОВА", "мария", "петровна", "School", "Директор школы", "2", "", ""],
        ]
    )

    batch, plan = _preview(coordinator, municipality, file)

    assert _errors(plan) == [
        "Строка 3, столбец «Дата документа-основания»: ячейка не заполнена",
        "Строка 3, столбец «Дата включения в резерв»: ячейка не заполнена",
        "Строка 3, столбец «Фамилия»: работник с теми же ФИО в той же "
        "организации уже указан в строке 2",
    ]
    _assert_rejected(batch, plan)


def test_namesakes_in_one_organisation_are_not_guessed(
    coordinator, municipality, school, director, ivanova
):
    PersonFactory(
        organization=school,
        last_name="Иванова",
        first_name="Мария",
        middle_name="Петровна",
    )
    file = reserve_file([_row(ivanova, "Директор школы", "01.09.2026", "01.09.2026")])

    batch, plan = _preview(coordinator, municipality, file)

    assert _errors(plan) == [
        "Строка 2, столбец «Фамилия»: в организации несколько работников с "
        "такими ФИО; сначала исправьте их карточки вручную"
    ]
    _assert_rejected(batch, plan)


def test_required_cells_and_long_basis_number_are_reported(
    coordinator, municipality, director, ivanova
):
    file = reserve_file(
        [
            ["Иванова", "", "Петровна", "School", "", "", "01.09.2026", "01.09.2026"],
            _row(
                ivanova, "Директор школы", "01.09.2026", "01.09.2026", number="1" * 51
            ),
        ]
    )

    batch, plan = _preview(coordinator, municipality, file)

    errors = _errors(plan)
    assert errors[:3] == [
        "Строка 2, столбец «Имя»: ячейка не заполнена",
        "Строка 2, столбец «Целевая должность»: ячейка не заполнена",
        "Строка 2, столбец «Номер документа-основания»: ячейка не заполнена",
    ]
    assert errors[3].startswith("Строка 3, столбец «Номер документа-основания»: ")
    assert "50" in errors[3]
    assert len(errors) == 4
    _assert_rejected(batch, plan)


def test_file_of_another_kind_is_rejected_naming_the_missing_columns(
    coordinator, municipality
):
    content = xlsx([["Иванов", "Иван"]], header=PEOPLE_HEADER)

    with pytest.raises(ValidationError) as error:
        _preview(coordinator, municipality, upload(content))

    assert error.value.messages == [
        "Нет обязательных столбцов: «Целевая должность», «Номер "
        "документа-основания», «Дата документа-основания», «Дата включения в "
        "резерв». Возьмите строку заголовков из шаблона."
    ]
    assert ImportBatch.objects.count() == 0


# Applying --------------------------------------------------------------------------


def test_apply_revalidates_and_saves_nothing_when_the_catalogue_changed(
    coordinator, municipality, school, director, ivanova
):
    petrov = PersonFactory(organization=school, last_name="Петров")
    file = reserve_file(
        [
            _row(ivanova, "Директор школы", "01.09.2026", "01.09.2026"),
            _row(petrov, "Директор школы", "01.09.2026", "01.09.2026"),
        ]
    )
    batch, _plan = _preview(coordinator, municipality, file)
    director.name = "Директор"
    director.save()

    with pytest.raises(ImportRejected) as error:
        services.apply_batch(batch=batch)

    assert str(error.value.plan.errors[0]) == (
        "Строка 2, столбец «Целевая должность»: "
        "целевая должность «Директор школы» не найдена в справочнике резерва"
    )
    assert ReserveEntry.objects.count() == 0
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.FAILED


def test_apply_changes_an_entry_included_since_the_preview(
    coordinator, municipality, director, ivanova
):
    file = reserve_file([_row(ivanova, "Директор школы", "01.09.2026", "01.09.2026")])
    batch, plan = _preview(coordinator, municipality, file)
    assert plan.n_created == 1
    entry = ReserveEntryFactory(
        person=ivanova, target_position=director, basis_number="9-р"
    )

    batch = services.apply_batch(batch=batch)

    assert (batch.n_created, batch.n_updated) == (0, 1)
    entry.refresh_from_db()
    assert entry.basis_number == "12-р"
    assert ReserveEntry.objects.count() == 1


def test_apply_saves_nothing_when_a_later_write_batch_fails(
    coordinator, municipality, school, director, ivanova, monkeypatch
):
    monkeypatch.setattr(services, "WRITE_BATCH", 1)
    petrov = PersonFactory(organization=school, last_name="Петров")
    file = reserve_file(
        [
            _row(ivanova, "Директор школы", "01.09.2026", "01.09.2026"),
            _row(petrov, "Директор школы", "01.09.2026", "01.09.2026"),
        ]
    )
    batch, _plan = _preview(coordinator, municipality, file)
    save_rows = reserve_kind.save_rows

    def save_after_a_concurrent_inclusion(**kwargs):
        if kwargs["rows"][0].row == 3:
            # Petrov is included by hand while the import runs.
            ReserveEntryFactory(person=petrov, target_position=director)
        return save_rows(**kwargs)

    monkeypatch.setattr(reserve_kind, "save_rows", save_after_a_concurrent_inclusion)

    with pytest.raises(ValidationError) as error:
        services.apply_batch(batch=batch)

    assert error.value.messages == [
        "Строки 3–3 не удалось сохранить: реестр изменился во время импорта. "
        "Ничего не сохранено, загрузите файл ещё раз."
    ]
    assert ReserveEntry.objects.count() == 0
    assert ReserveEntry.history.count() == 0
    assert ImportBatch.objects.get().status == ImportBatch.Status.FAILED


# The template ----------------------------------------------------------------------


def test_reserve_template_lists_organisations_and_target_positions(
    municipality, school, other_school, far_school, director
):
    municipality.reserve_term_years = 5
    municipality.save()
    TargetPositionFactory(municipality=municipality, name="Заведующий")
    TargetPositionFactory(municipality=far_school.municipality, name="Чужая")

    content = services.build_template(kind="reserve", municipality=municipality)

    wb = load_workbook(BytesIO(content))
    data, instructions, lists = wb.worksheets
    assert data.title == "Резерв управленческих кадров"
    assert [c.value for c in data[1]] == RESERVE_HEADER
    columns = list(lists.iter_cols(min_row=1, values_only=True))
    assert [v for v in columns[0] if v] == ["Организации", "Other school", "School"]
    assert [v for v in columns[1] if v] == [
        "Целевые должности",
        "Директор школы",
        "Заведующий",
    ]
    rules = sorted(
        (rule.type, str(rule.sqref)) for rule in data.data_validations.dataValidation
    )
    assert rules == [("list", "D2:D10001"), ("list", "E2:E10001")]
    lines = [row[0] for row in instructions.iter_rows(values_only=True)]
    assert (
        "Если срок нахождения в резерве не указан, новая запись остаётся в "
        "резерве 5 лет с даты включения — так задано для муниципалитета."
    ) in lines


def test_reserve_template_round_trip_is_importable(
    coordinator, municipality, director, ivanova
):
    content = services.build_template(kind="reserve", municipality=municipality)
    wb = load_workbook(BytesIO(content))
    wb.worksheets[0].append(
        _row(ivanova, "Директор школы", date(2026, 9, 1), date(2026, 9, 1))
    )
    buffer = BytesIO()
    wb.save(buffer)

    batch, _plan = _preview(coordinator, municipality, upload(buffer.getvalue()))
    batch = services.apply_batch(batch=batch)

    assert batch.n_created == 1
    assert ReserveEntry.objects.get().term_until == date(2029, 9, 1)


def test_reserve_import_reports_a_default_term_past_the_year_9999(
    coordinator, municipality, school, director, ivanova
):
    """The default term would end after 9999: an error of the row, not a crash."""
    file = reserve_file([_row(ivanova, "Директор школы", "01.01.9999", "01.01.9999")])

    batch, plan = _preview(coordinator, municipality, file)

    _assert_rejected(batch, plan)
    assert len(plan.errors) == 1
    assert plan.errors[0].row == 2

import time
import zipfile
from io import BytesIO

import pytest
from django.core.cache import caches
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from imports import progress, services
from imports.kinds import organizations as organizations_kind
from imports.models import ImportBatch
from imports.planning import Action
from imports.services import BatchClosed, ImportRejected
from imports.tests.factories import (
    ORGANIZATION_HEADER,
    PEOPLE_HEADER,
    organizations_file,
    people_file,
    upload,
    xlsx,
)
from organizations.models import Organization
from organizations.tests.factories import OrganizationFactory
from people.models import Person
from people.tests.factories import PositionFactory

SCHOOL = Organization.Kind.SCHOOL
KINDERGARTEN = Organization.Kind.KINDERGARTEN


def _counts() -> tuple[int, int, int]:
    return (
        Organization.objects.count(),
        Person.objects.count(),
        ImportBatch.objects.count(),
    )


def _preview(user, municipality, kind, file):
    return services.preview_upload(
        user=user, municipality=municipality, kind=kind, upload=file
    )


def _import(user, municipality, kind, file) -> ImportBatch:
    batch, plan = _preview(user, municipality, kind, file)
    assert plan.errors == []
    return services.apply_batch(batch=batch)


def _errors(plan) -> list[str]:
    return [str(e) for e in plan.errors]


# Organisations ---------------------------------------------------------------------


def test_preview_of_valid_organisations_keeps_batch_and_saves_nothing(
    coordinator, municipality
):
    file = organizations_file(
        [
            ["Школа № 1", "Средняя школа № 1", str(SCHOOL.label), 7012345678],
            ["Сад № 2", "Детский сад № 2", "kindergarten", None, "ул. Лесная, 2"],
        ]
    )

    batch, plan = _preview(coordinator, municipality, "organizations", file)

    assert [row.action for row in plan.rows] == [Action.CREATE, Action.CREATE]
    assert plan.rows[0].action_label == "будет создано"
    assert batch.status == ImportBatch.Status.PREVIEWED
    assert (batch.n_rows, batch.n_created, batch.user) == (2, 2, coordinator)
    assert batch.original_name == "organizations.xlsx"
    assert batch.file.name.startswith("imports/")
    assert Organization.objects.count() == 0


def test_apply_batch_creates_organisations_with_history(coordinator, municipality):
    file = organizations_file(
        [
            ["Школа № 1", "Средняя школа № 1", str(SCHOOL.label), 7012345678],
            ["Сад № 2", "Детский сад № 2", "KINDERGARTEN", "", "ул. Лесная, 2"],
        ]
    )

    batch = _import(coordinator, municipality, "organizations", file)

    assert batch.status == ImportBatch.Status.APPLIED
    assert batch.applied_at is not None
    school = Organization.objects.get(short_name="Школа № 1")
    assert (school.municipality, school.kind, school.inn) == (
        municipality,
        SCHOOL,
        "7012345678",
    )
    garden = Organization.objects.get(short_name="Сад № 2")
    assert (garden.kind, garden.address) == (KINDERGARTEN, "ул. Лесная, 2")
    assert school.history.count() == 1


def test_second_import_updates_and_preview_lists_changed_fields(
    coordinator, municipality
):
    _import(
        coordinator,
        municipality,
        "organizations",
        organizations_file(
            [
                ["Школа № 1", "Средняя школа № 1", "school", None, "ул. Ленина, 1"],
                ["Сад № 2", "Детский сад № 2", "kindergarten"],
            ]
        ),
    )
    changed = organizations_file(
        [
            ["Школа № 1", "Средняя школа № 1 имени Пушкина", "school", None, ""],
            ["сад  № 2", "Детский сад № 2", "kindergarten"],
            ["Лицей", "Лицей № 3", "school"],
        ]
    )

    batch, plan = _preview(coordinator, municipality, "organizations", changed)

    school, garden, lyceum = plan.rows
    assert (school.action, school.action_label) == (Action.UPDATE, "будет изменено")
    assert [(c.column, c.old, c.new) for c in school.changes] == [
        ("Полное наименование", "Средняя школа № 1", "Средняя школа № 1 имени Пушкина")
    ]
    # Matched despite case and spaces; the new spelling of the name is the change.
    assert garden.action == Action.UPDATE
    assert [(c.column, c.old, c.new) for c in garden.changes] == [
        ("Краткое наименование", "Сад № 2", "сад № 2")
    ]
    assert (lyceum.action, lyceum.action_label) == (Action.CREATE, "будет создано")
    assert (batch.n_created, batch.n_updated, batch.n_unchanged) == (1, 2, 0)

    services.apply_batch(batch=batch)

    school = Organization.objects.get(short_name="Школа № 1")
    assert school.full_name == "Средняя школа № 1 имени Пушкина"
    assert school.address == "ул. Ленина, 1"  # an empty cell changes nothing
    assert school.history.count() == 2
    assert Organization.objects.count() == 3


def test_preview_shows_unchanged_rows(coordinator, municipality):
    OrganizationFactory(
        municipality=municipality, short_name="Школа № 1", full_name="Школа"
    )
    file = organizations_file([["Школа № 1", "Школа", "school"]])

    _batch, plan = _preview(coordinator, municipality, "organizations", file)

    assert plan.rows[0].action == Action.UNCHANGED
    assert plan.rows[0].action_label == "без изменений"


def test_organisation_of_another_municipality_is_not_matched(
    coordinator, municipality, far_school
):
    file = organizations_file([[far_school.short_name, "Другая школа", "school"]])

    batch = _import(coordinator, municipality, "organizations", file)

    assert batch.n_created == 1
    far_school.refresh_from_db()
    assert far_school.full_name != "Другая школа"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b"Name;Type\nSchool;school\n",
            "Файл не является книгой Excel (.xlsx)",
        ),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "Файл не является книгой Excel"),
        (b"PK\x03\x04broken zip", "Файл не является книгой Excel"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100,
            "в старом формате Excel 97–2003 (.xls)",
        ),
        (
            xlsx([["Школа", "school"]], header=["Краткое наименование*", "Тип*"]),
            "Нет обязательных столбцов: «Полное наименование». ",
        ),
        (
            xlsx([["Школа", "school"]], header=None),
            "Нет обязательных столбцов: «Краткое наименование», "
            "«Полное наименование», «Тип».",
        ),
        (xlsx([], header=None), "Первый лист файла пуст."),
        (xlsx([[None], ["  "]], header=None), "Первый лист файла пуст."),
        (
            xlsx([[None, None, None]], header=ORGANIZATION_HEADER),
            "В файле нет данных",
        ),
    ],
    ids=[
        "text",
        "pdf",
        "broken-zip",
        "xls",
        "missing-column",
        "no-header",
        "empty",
        "blank",
        "header-only",
    ],
)
def test_bad_file_is_rejected_with_message_and_saves_nothing(
    coordinator, municipality, content, message
):
    before = _counts()

    with pytest.raises(ValidationError) as error:
        _preview(coordinator, municipality, "organizations", upload(content))

    assert message in " ".join(error.value.messages)
    assert _counts() == before


def test_title_rows_above_the_header_are_skipped(coordinator, municipality):
    """A school's sheet often starts with a title and a note above the header."""
    rows = [
        ["Список образовательных организаций"],
        [None],
        ["по состоянию на 01.09.2026", None, "заполнил: Иванов"],
        ORGANIZATION_HEADER,
        ["Школа № 1", "Средняя школа № 1", "school"],
        ["Школа № 2", "Средняя школа № 2", "unknown kind"],
    ]
    file = upload(xlsx(rows, header=None))

    _batch, plan = _preview(coordinator, municipality, "organizations", file)

    assert plan.n_rows == 2
    assert [e.row for e in plan.errors] == [6]  # the Excel row number


def test_a_header_below_the_first_rows_is_not_looked_for(coordinator, municipality):
    titles = [[f"Строка заголовка {n}"] for n in range(1, 11)]
    file = upload(
        xlsx([*titles, ORGANIZATION_HEADER, ["Школа", "Школа", "school"]], header=None)
    )

    with pytest.raises(ValidationError) as error:
        _preview(coordinator, municipality, "organizations", file)

    assert "Нет обязательных столбцов" in error.value.messages[0]


def test_too_large_file_is_rejected(coordinator, municipality, settings):
    settings.IMPORT_MAX_FILE_SIZE = 1000
    file = organizations_file([["Школа", "Школа № 1", "school", None, "x" * 3000]])

    with pytest.raises(ValidationError) as error:
        _preview(coordinator, municipality, "organizations", file)

    assert "Файл слишком большой" in error.value.messages[0]
    assert "ограничение — 1000\xa0байт" in error.value.messages[0]
    assert _counts() == (0, 0, 0)


def test_too_many_rows_are_rejected_with_the_limit(coordinator, municipality, settings):
    settings.IMPORT_MAX_ROWS = 3
    rows = [[f"Школа {i}", f"Школа № {i}", "school"] for i in range(4)]

    with pytest.raises(ValidationError) as error:
        _preview(coordinator, municipality, "organizations", organizations_file(rows))

    assert error.value.messages == [
        "В файле слишком много строк с данными: допускается не более 3. "
        "Разделите его на несколько файлов."
    ]
    assert _counts() == (0, 0, 0)


def test_rows_up_to_the_limit_and_blank_rows_are_accepted(
    coordinator, municipality, settings
):
    settings.IMPORT_MAX_ROWS = 3
    rows = [[f"Школа {i}", f"Школа № {i}", "school"] for i in range(3)]

    batch, plan = _preview(
        coordinator, municipality, "organizations", organizations_file([*rows, []])
    )

    assert plan.n_rows == 3
    assert batch is not None


def _huge_file(n_rows: int) -> bytes:
    """A .xlsx with a header and n_rows rows of numbers, written as raw sheet XML:
    openpyxl would need seconds to write it."""
    base = BytesIO(xlsx([], header=ORGANIZATION_HEADER))

    rows = "".join(
        f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}"><v>{r}</v></c></row>'
        for r in range(2, n_rows + 2)
    )
    out = BytesIO()
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                text = text.replace("</row></sheetData>", f"</row>{rows}</sheetData>")
                data = text.encode()
            target.writestr(item, data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def test_file_of_100001_rows_is_rejected_quickly(coordinator, municipality):
    content = _huge_file(100_001)
    started = time.monotonic()

    with pytest.raises(ValidationError) as error:
        _preview(coordinator, municipality, "organizations", upload(content))

    elapsed = time.monotonic() - started
    assert "допускается не более 10\xa0000." in error.value.messages[0]
    if elapsed > 3:
        pytest.skip(f"Rejected, but slowly on this machine: {elapsed:.1f} s")


def test_duplicate_rows_name_both_rows(coordinator, municipality):
    file = organizations_file(
        [
            ["Школа № 1", "Средняя школа № 1", "school"],
            ["Сад", "Детский сад", "kindergarten"],
            ["школа №  1", "Ещё одна школа", "school"],
        ]
    )

    batch, plan = _preview(coordinator, municipality, "organizations", file)

    assert batch is None
    assert _errors(plan) == [
        "Строка 4, столбец «Краткое наименование»: "
        "эта организация уже указана в строке 2"
    ]
    assert _counts() == (0, 0, 0)


def test_bad_organisation_cells_are_reported_per_row(coordinator, municipality):
    file = organizations_file(
        [
            ["", "Средняя школа № 1", "school"],
            ["Школа", "Школа", "университет"],
            ["Сад", "Детский сад", "kindergarten", "12345"],
            ["Лицей", "Лицей", "school", None, None, None, "не почта"],
        ]
    )

    _batch, plan = _preview(coordinator, municipality, "organizations", file)

    errors = _errors(plan)
    assert errors[0] == "Строка 2, столбец «Краткое наименование»: ячейка не заполнена"
    assert errors[1].startswith(
        "Строка 3, столбец «Тип»: тип «университет» не входит в список: "
    )
    assert errors[2].startswith("Строка 4, столбец «ИНН»: ")
    assert errors[3].startswith("Строка 5, столбец «E-mail»: ")
    assert len(errors) == 4


def test_inn_typed_as_a_number_keeps_its_leading_zero(coordinator, municipality):
    file = organizations_file([["Школа", "Школа № 1", "school", 274012345]])

    _import(coordinator, municipality, "organizations", file)

    assert Organization.objects.get().inn == "0274012345"


# Applying --------------------------------------------------------------------------


def test_apply_revalidates_and_saves_nothing_when_data_changed(
    coordinator, municipality, school, teacher
):
    file = people_file(
        [
            ["Иванов", "Иван", "", "School", "Учитель"],
            ["Петров", "Пётр", "", "School", "Учитель"],
        ]
    )
    batch, _plan = _preview(coordinator, municipality, "people", file)
    teacher.name = "Учитель начальных классов"
    teacher.save()

    with pytest.raises(ImportRejected) as error:
        services.apply_batch(batch=batch)

    assert str(error.value.plan.errors[0]) == (
        "Строка 2, столбец «Должность»: должность «Учитель» не найдена в справочнике"
    )
    assert Person.objects.count() == 0
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.FAILED
    assert "должность «Учитель» не найдена" in batch.error_message


def test_a_failure_in_a_later_write_batch_saves_nothing_and_fails_the_batch(
    coordinator, municipality, monkeypatch
):
    monkeypatch.setattr(services, "WRITE_BATCH", 2)
    names = [f"Школа № {n}" for n in range(1, 8)]
    file = organizations_file([[name, "Школа", "school"] for name in names])
    batch, _plan = _preview(coordinator, municipality, "organizations", file)
    save_rows = organizations_kind.save_rows
    calls = []

    def save_but_a_concurrent_insert_comes_first(**kwargs):
        calls.append(kwargs["rows"])
        if len(calls) == 3:
            # Somebody adds «Школа № 6» while the import runs: rows 6–7 (Excel)
            # break the database's unique constraint.
            OrganizationFactory(municipality=municipality, short_name="Школа № 6")
        return save_rows(**kwargs)

    monkeypatch.setattr(
        organizations_kind, "save_rows", save_but_a_concurrent_insert_comes_first
    )

    with pytest.raises(ValidationError) as error:
        services.apply_batch(batch=batch)

    assert [[row.row for row in rows] for rows in calls] == [[2, 3], [4, 5], [6, 7]]
    assert error.value.messages == [
        "Строки 6–7 не удалось сохранить: реестр изменился во время импорта. "
        "Ничего не сохранено, загрузите файл ещё раз."
    ]
    assert Organization.objects.count() == 0
    assert Organization.history.count() == 0
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.FAILED
    assert batch.n_done == 0
    assert "Строки 6–7 не удалось сохранить" in batch.error_message


def test_apply_writes_in_batches_with_history_by_the_importing_user(
    coordinator, municipality, monkeypatch
):
    monkeypatch.setattr(services, "WRITE_BATCH", 2)
    OrganizationFactory(municipality=municipality, short_name="Школа № 1")
    OrganizationFactory(
        municipality=municipality, short_name="Школа № 2", full_name="Школа"
    )
    rows = [["Школа № 1", "Средняя школа № 1", "school"]]
    rows += [[f"Школа № {n}", "Школа", "school"] for n in range(2, 6)]
    batch, _plan = _preview(
        coordinator, municipality, "organizations", organizations_file(rows)
    )
    reported = []
    report = progress.report
    monkeypatch.setattr(
        progress,
        "report",
        lambda **kw: reported.append((kw["stage"], kw["done"])) or report(**kw),
    )

    batch = services.apply_batch(batch=batch)

    assert (batch.n_created, batch.n_updated, batch.n_unchanged) == (3, 1, 1)
    assert (batch.status, batch.n_done) == (ImportBatch.Status.APPLIED, 5)
    assert reported == [
        ("read", 0),
        ("check", 0),
        ("write", 0),
        ("write", 2),
        ("write", 4),
        ("write", 5),
    ]
    changed = Organization.objects.get(short_name="Школа № 1")
    assert changed.full_name == "Средняя школа № 1"
    assert changed.search_text == "школа № 1 средняя школа № 1"
    assert [
        (h.history_type, h.full_name, h.history_user) for h in changed.history.all()
    ] == [
        ("~", "Средняя школа № 1", coordinator),
        ("+", "Full name of Школа № 1", None),
    ]
    created = Organization.objects.get(short_name="Школа № 5")
    assert created.search_text == "школа № 5 школа"
    assert [(h.history_type, h.history_user) for h in created.history.all()] == [
        ("+", coordinator)
    ]
    # The unchanged organisation gets no history record.
    assert Organization.objects.get(short_name="Школа № 2").history.count() == 1


def test_applied_batch_cannot_be_applied_again(coordinator, municipality):
    batch = _import(
        coordinator,
        municipality,
        "organizations",
        organizations_file([["Школа", "Школа № 1", "school"]]),
    )

    with pytest.raises(BatchClosed):
        services.apply_batch(batch=batch)

    assert Organization.objects.count() == 1
    assert ImportBatch.objects.get().status == ImportBatch.Status.APPLIED


def test_apply_of_a_lost_file_fails_with_message(coordinator, municipality):
    batch, _plan = _preview(
        coordinator,
        municipality,
        "organizations",
        organizations_file([["Школа", "Школа № 1", "school"]]),
    )
    batch.file.storage.delete(batch.file.name)

    with pytest.raises(ValidationError) as error:
        services.apply_batch(batch=batch)

    assert error.value.messages == [
        "Загруженный файл больше недоступен. Загрузите его ещё раз."
    ]
    assert Organization.objects.count() == 0


# The template ----------------------------------------------------------------------


def test_organisation_template_has_header_instructions_and_type_list(municipality):
    content = services.build_template(kind="organizations", municipality=municipality)

    wb = load_workbook(BytesIO(content))
    data, instructions, lists = wb.worksheets
    assert [c.value for c in data[1]] == ORGANIZATION_HEADER
    assert data.max_row == 1
    assert instructions.title == "Как заполнить"
    assert "Столбцы, отмеченные *, обязательны." in [
        row[0] for row in instructions.iter_rows(values_only=True)
    ]
    assert [r[0] for r in lists.iter_rows(min_row=2, values_only=True)] == [
        str(label) for label in Organization.Kind.labels
    ]
    (rule,) = data.data_validations.dataValidation
    assert (rule.type, str(rule.sqref)) == ("list", "C2:C10001")


def test_people_template_lists_organisations_and_positions_of_the_municipality(
    municipality, school, other_school, far_school, teacher
):
    PositionFactory(municipality=far_school.municipality, name="Чужая должность")

    content = services.build_template(kind="people", municipality=municipality)

    wb = load_workbook(BytesIO(content))
    data, _instructions, lists = wb.worksheets
    assert [c.value for c in data[1]] == PEOPLE_HEADER
    columns = list(lists.iter_cols(min_row=2, values_only=True))
    assert [v for v in columns[0] if v] == ["Other school", "School"]
    assert [v for v in columns[1] if v] == ["Учитель"]
    kinds = sorted(rule.type for rule in data.data_validations.dataValidation)
    assert kinds == ["decimal", "decimal", "list", "list"]


def test_template_round_trip_is_importable(coordinator, municipality):
    content = services.build_template(kind="organizations", municipality=municipality)
    wb = load_workbook(BytesIO(content))
    wb.worksheets[0].append(["Школа", "Школа № 1", str(SCHOOL.label)])
    buffer = BytesIO()
    wb.save(buffer)

    batch = _import(
        coordinator, municipality, "organizations", upload(buffer.getvalue())
    )

    assert batch.n_created == 1


def test_a_worker_stopped_mid_import_saves_nothing_and_fails_the_batch(
    coordinator, municipality, monkeypatch
):
    file = organizations_file([["Школа № 1", "Школа", "school"]])
    batch, _plan = _preview(coordinator, municipality, "organizations", file)

    def stopped(**kwargs):
        raise SystemExit(1)

    monkeypatch.setattr(organizations_kind, "save_rows", stopped)

    with pytest.raises(SystemExit):
        services.apply_batch(batch=batch)

    assert Organization.objects.count() == 0
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.FAILED
    assert batch.error_message == (
        "Импорт прерван из-за ошибки или остановки обработчика задач. "
        "Ничего не сохранено."
    )


def test_reading_and_checking_report_the_rows_as_they_go(
    coordinator, municipality, monkeypatch
):
    rows = [[f"Школа № {n}", "Школа", "school"] for n in range(1, 1202)]
    batch, _plan = _preview(
        coordinator, municipality, "organizations", organizations_file(rows)
    )
    reported = []
    report = progress.report
    monkeypatch.setattr(
        progress,
        "report",
        lambda **kw: reported.append((kw["stage"], kw["done"])) or report(**kw),
    )

    services.apply_batch(batch=batch)

    assert [r for r in reported if r[0] == "read"] == [
        ("read", 0),
        ("read", 500),
        ("read", 1000),
    ]
    assert [r for r in reported if r[0] == "check"] == [
        ("check", 0),
        ("check", 500),
        ("check", 1000),
    ]
    assert reported[-1] == ("write", 1201)


def test_a_running_batch_without_reports_is_failed_as_stalled(
    coordinator, municipality, settings
):
    settings.IMPORT_STALLED_AFTER = 600
    file = organizations_file([["Школа № 1", "Школа", "school"]])
    batch, _plan = _preview(coordinator, municipality, "organizations", file)
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.RUNNING)
    batch.refresh_from_db()
    progress.report(batch_id=batch.pk, done=0, stage=progress.CHECK)

    assert services.fail_if_stalled(batch=batch).status == "running"

    caches_value = ("check", 0, time.time() - 601)
    caches["imports"].set(f"imports:progress:{batch.pk}", caches_value)
    batch = services.fail_if_stalled(batch=batch)

    assert batch.status == ImportBatch.Status.FAILED
    assert batch.error_message == (
        "Импорт прерван: обработчик задач перестал отвечать. Ничего не сохранено; "
        "загрузите файл ещё раз."
    )
    assert caches["imports"].get(f"imports:progress:{batch.pk}") is None


def test_a_worker_that_outlives_the_stall_rolls_back(
    coordinator, municipality, monkeypatch
):
    file = organizations_file([["Школа № 1", "Школа", "school"]])
    batch, _plan = _preview(coordinator, municipality, "organizations", file)
    save_rows = organizations_kind.save_rows

    def slow(**kwargs):
        save_rows(**kwargs)
        # Meanwhile a page found the worker silent for too long.
        ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.FAILED)

    monkeypatch.setattr(organizations_kind, "save_rows", slow)

    with pytest.raises(BatchClosed):
        services.apply_batch(batch=batch)

    assert Organization.objects.count() == 0
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.FAILED


def _one_huge_cell(length: int) -> bytes:
    """A .xlsx whose sheet holds one inline string of `length` characters: small on
    disk, as a decompression attack is."""
    base = BytesIO(xlsx([], header=ORGANIZATION_HEADER))
    cell = (
        f'<row r="2"><c r="A2" t="inlineStr"><is><t>{"A" * length}</t></is></c></row>'
    )
    out = BytesIO()
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(
                    b"</row></sheetData>", f"</row>{cell}</sheetData>".encode()
                )
            target.writestr(item, data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def test_a_workbook_unpacking_beyond_the_limit_is_refused_before_reading(
    coordinator, municipality, monkeypatch
):
    # 60 MB of text in a file of about 60 KB: over the default 50 MB.
    content = _one_huge_cell(60 * 1024 * 1024)
    assert len(content) < 200 * 1024

    def no_reading(*args, **kwargs):
        raise AssertionError("openpyxl must not read the file")

    monkeypatch.setattr("imports.xlsx.load_workbook", no_reading)
    with pytest.raises(ValidationError) as error:
        _preview(coordinator, municipality, "organizations", upload(content))

    assert error.value.messages[0].startswith(
        "Книга Excel слишком велика в распакованном виде: 60,0\xa0МБ, "
        "ограничение — 50,0\xa0МБ."
    )
    assert _counts() == (0, 0, 0)


def test_the_unpacked_size_limit_is_a_setting(coordinator, municipality, settings):
    settings.IMPORT_MAX_UNPACKED_SIZE = 10_000
    file = organizations_file([["Школа", "Школа № 1", "school", None, "x" * 20_000]])

    with pytest.raises(ValidationError) as error:
        _preview(coordinator, municipality, "organizations", file)

    assert "слишком велика в распакованном виде" in error.value.messages[0]


def test_a_cell_longer_than_excel_allows_is_a_row_error(coordinator, municipality):
    file = upload(_one_huge_cell(32768))  # openpyxl would cut it to 32,767

    _batch, plan = _preview(coordinator, municipality, "organizations", file)

    assert _errors(plan)[0] == (
        "Строка 2, столбец «Краткое наименование»: текст ячейки длиннее, чем "
        "допускает Excel: 32\xa0768 при пределе 32\xa0767 знаков"
    )


@pytest.mark.parametrize("char", ["\u200b", "\u202e", "\ufeff"])
def test_a_cell_with_a_forbidden_character_is_a_row_error(
    coordinator, municipality, char
):
    file = organizations_file([[f"Шко{char}ла", "Школа № 1", "school"]])

    _batch, plan = _preview(coordinator, municipality, "organizations", file)

    (error,) = _errors(plan)
    assert error.startswith("Строка 2, столбец «Краткое наименование»: ")
    assert f"U+{ord(char):04X}" in error

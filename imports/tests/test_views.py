import time
from datetime import date
from io import BytesIO

import factory
import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from imports import progress, services
from imports.models import ImportBatch
from imports.tests.factories import (
    ORGANIZATION_HEADER,
    PEOPLE_HEADER,
    RESERVE_HEADER,
    ImportBatchFactory,
    organizations_file,
    people_file,
    reserve_file,
    upload,
    xlsx,
)
from organizations.models import Organization
from organizations.tests.factories import OrganizationFactory
from people.models import Person
from people.tests.factories import PersonFactory, PositionFactory
from reserve.models import ReserveEntry
from reserve.tests.factories import ReserveEntryFactory, TargetPositionFactory


def _text(response) -> str:
    return response.content.decode()


def test_index_lists_templates_and_own_recent_batches(client, coordinator, stranger):
    ImportBatchFactory(
        user=coordinator, municipality=coordinator.roles.get().municipality
    )
    ImportBatchFactory(user=stranger, original_name="чужой.xlsx")
    client.force_login(coordinator)

    response = client.get(reverse("imports:index"))

    assert response.status_code == 200
    text = _text(response)
    assert "<h1>Импорт</h1>" in text
    assert reverse("imports:template", args=["people"]) in text
    assert "Резерв управленческих кадров" in text
    assert reverse("imports:start", args=["reserve"]) in text
    assert reverse("imports:template", args=["reserve"]) in text
    assert "organizations.xlsx" in text
    assert "ожидает подтверждения" in text
    assert "чужой.xlsx" not in text


@pytest.mark.parametrize(
    ("kind", "header"),
    [
        ("organizations", ORGANIZATION_HEADER),
        ("people", PEOPLE_HEADER),
        ("reserve", RESERVE_HEADER),
    ],
)
def test_template_download_is_an_xlsx_with_the_header(
    client, coordinator, school, kind, header
):
    client.force_login(coordinator)

    response = client.get(reverse("imports:template", args=[kind]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert f'filename="{kind}-template.xlsx"' in response["Content-Disposition"]
    wb = load_workbook(BytesIO(response.content))
    assert [cell.value for cell in wb.worksheets[0][1]] == header
    assert wb.sheetnames[1:] == ["Как заполнить", "Списки"]


def test_template_writes_a_formula_like_list_value_as_text(
    client, coordinator, municipality
):
    formula = '=HYPERLINK("http://evil.example/","ok")'
    TargetPositionFactory(municipality=municipality, name=formula)
    client.force_login(coordinator)

    response = client.get(reverse("imports:template", args=["reserve"]))

    lists = load_workbook(BytesIO(response.content))["Списки"]
    (cell,) = [c for row in lists.iter_rows() for c in row if c.value == formula]
    assert (cell.data_type, cell.quotePrefix) == ("s", True)


def test_upload_without_a_multipart_boundary_is_400_in_russian(client, coordinator):
    client.force_login(coordinator)

    response = client.post(
        reverse("imports:start", args=["people"]),
        b"--x\r\n\r\n--x--",
        content_type="multipart/form-data",
    )

    assert response.status_code == 400
    assert "multipart/form-data с разделителем (boundary)" in response.content.decode()


def test_upload_preview_confirm_happy_path(client, coordinator, municipality):
    OrganizationFactory(
        municipality=municipality, short_name="Школа № 1", full_name="Школа"
    )
    client.force_login(coordinator)
    start = reverse("imports:start", args=["organizations"])
    assert "Импорт организаций" in _text(client.get(start))

    file = organizations_file(
        [
            ["Школа № 1", "Средняя школа № 1", "school"],
            ["Сад № 2", "Детский сад № 2", "kindergarten"],
        ]
    )
    response = client.post(start, {"file": file})

    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("imports:batch", args=[batch.pk])
    assert Organization.objects.count() == 1

    response = client.get(response["Location"])
    text = _text(response)
    assert "будет создано" in text
    assert "будет изменено" in text
    assert "Полное наименование: Школа → Средняя школа № 1" in text
    assert "Применить импорт" in text

    response = client.post(reverse("imports:confirm", args=[batch.pk]), follow=True)

    # The worker applies it (immediately in tests) and the batch page shows the
    # outcome.
    assert response.redirect_chain == [(batch.get_absolute_url(), 302)]
    text = _text(response)
    assert "Добавлено: 1, изменено: 1, без изменений: 0." in text
    assert reverse("organizations:list") in text
    assert Organization.objects.get(short_name="Школа № 1").full_name == (
        "Средняя школа № 1"
    )
    assert Organization.objects.count() == 2
    created = Organization.objects.get(short_name="Сад № 2")
    assert created.history.get().history_user == coordinator
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.APPLIED

    response = client.get(reverse("imports:batch", args=[batch.pk]))
    assert "Импорт применён" in _text(response)
    assert "Применить импорт" not in _text(response)


@pytest.mark.parametrize(
    ("setting", "make_file", "message"),
    [
        (
            {},
            lambda: upload(b"%PDF-1.4 not a workbook", "scan.pdf"),
            "Файл не является книгой Excel (.xlsx).",
        ),
        (
            {},
            lambda: upload(xlsx([["Иванов"]], header=["Фамилия"]), "people.xlsx"),
            "Нет обязательных столбцов: «Имя», «Организация», «Должность».",
        ),
        (
            {"IMPORT_MAX_ROWS": 1},
            lambda: people_file([["Иванов", "Иван"], ["Петров", "Пётр"]]),
            "В файле слишком много строк с данными: допускается не более 1.",
        ),
        (
            {"IMPORT_MAX_FILE_SIZE": 100},
            lambda: people_file([["Иванов", "Иван"]]),
            "Файл слишком большой:",
        ),
    ],
    ids=["pdf", "missing-columns", "too-many-rows", "too-large"],
)
def test_bad_file_re_renders_the_upload_page_with_400(
    client, coordinator, settings, setting, make_file, message
):
    for name, value in setting.items():
        setattr(settings, name, value)
    client.force_login(coordinator)

    response = client.post(
        reverse("imports:start", args=["people"]), {"file": make_file()}
    )

    assert response.status_code == 400
    assert message in _text(response)
    assert '<div class="nonfield" role="alert">' in _text(response)
    assert (ImportBatch.objects.count(), Person.objects.count()) == (0, 0)


def test_upload_without_a_file_is_a_400(client, coordinator):
    client.force_login(coordinator)

    response = client.post(reverse("imports:start", args=["organizations"]), {})

    assert response.status_code == 400
    assert "errorlist" in _text(response)


def test_row_errors_are_shown_in_a_table_with_400_and_no_confirm(
    client, coordinator, school
):
    PositionFactory(municipality=school.municipality, name="Учитель")
    client.force_login(coordinator)
    file = people_file(
        [
            ["Иванов", "Иван", "", "School", "Учитель"],
            ["Петров", "Пётр", "", "School", "Учитель физики"],
        ]
    )

    response = client.post(reverse("imports:start", args=["people"]), {"file": file})

    assert response.status_code == 400
    text = _text(response)
    assert "В файле есть ошибки, ничего не сохранено." in text
    assert '<td data-label="Строка">3</td>' in text
    assert "Должность" in text
    assert "должность «Учитель физики» не найдена в справочнике" in text
    assert "Применить импорт" not in text
    assert (ImportBatch.objects.count(), Person.objects.count()) == (0, 0)


def test_reserve_upload_preview_confirm_creates_and_changes_entries(
    client, coordinator, school, director, ivanova
):
    TargetPositionFactory(municipality=school.municipality, name="Заведующий")
    petrov = PersonFactory(
        organization=school, last_name="Петров", first_name="Пётр", middle_name=""
    )
    entry = ReserveEntryFactory(
        person=petrov,
        target_position=director,
        basis_number="1-р",
        basis_date=date(2026, 9, 1),
        included_on=date(2026, 9, 1),
        term_until=date(2029, 9, 1),
    )
    client.force_login(coordinator)
    start = reverse("imports:start", args=["reserve"])
    text = _text(client.get(start))
    assert "Импорт резерва управленческих кадров" in text
    assert "остаётся в резерве 3 года с даты включения" in text
    dates = ["01.09.2026", "01.09.2026"]
    file = reserve_file(
        [
            ["Иванова", "Мария", "Петровна", "School", "Директор школы", "5-р", *dates],
            ["Петров", "Пётр", "", "School", "Заведующий", "1-р", *dates],
        ]
    )

    response = client.post(start, {"file": file})

    batch = ImportBatch.objects.get()
    assert response["Location"] == reverse("imports:batch", args=[batch.pk])
    assert ReserveEntry.objects.count() == 1
    text = _text(client.get(response["Location"]))
    assert "Импорт резерва управленческих кадров" in text
    assert "Иванова Мария Петровна, School" in text
    assert "будет создано" in text
    assert "Целевая должность: Директор школы → Заведующий" in text

    response = client.post(reverse("imports:confirm", args=[batch.pk]))

    assert response["Location"] == batch.get_absolute_url()
    text = _text(client.get(response["Location"]))
    assert "Добавлено: 1, изменено: 1, без изменений: 0." in text
    assert reverse("reserve:list") in text
    created = ReserveEntry.objects.get(person=ivanova)
    assert (created.target_position, created.basis_number) == (director, "5-р")
    assert created.term_until == date(2029, 9, 1)
    entry.refresh_from_db()
    assert entry.target_position.name == "Заведующий"
    assert created.history.get().history_user == coordinator


def test_reserve_row_errors_are_shown_with_400_and_nothing_is_saved(
    client, coordinator, school, director, ivanova
):
    client.force_login(coordinator)
    file = reserve_file(
        [
            ["Иванова", "Мария", "Петровна", "School", "Директор", "5-р", "", ""],
            ["Сидоров", "Сидор", "", "School", "Директор школы", "6-р", 1, 2],
        ]
    )

    response = client.post(reverse("imports:start", args=["reserve"]), {"file": file})

    assert response.status_code == 400
    text = _text(response)
    assert "В файле есть ошибки, ничего не сохранено." in text
    assert "целевая должность «Директор» не найдена в справочнике резерва" in text
    assert "работник «Сидоров Сидор» организации «School» не найден" in text
    assert "Применить импорт" not in text
    assert reverse("imports:template", args=["reserve"]) in text
    assert (ImportBatch.objects.count(), ReserveEntry.objects.count()) == (0, 0)


def test_confirm_revalidates_and_shows_errors(client, coordinator, school):
    position = PositionFactory(municipality=school.municipality, name="Учитель")
    client.force_login(coordinator)
    client.post(
        reverse("imports:start", args=["people"]),
        {"file": people_file([["Иванов", "Иван", "", "School", "Учитель"]])},
    )
    batch = ImportBatch.objects.get()
    position.delete()

    response = client.post(reverse("imports:confirm", args=[batch.pk]), follow=True)

    assert response.redirect_chain == [(batch.get_absolute_url(), 302)]
    assert "должность «Учитель» не найдена в справочнике" in _text(response)
    assert Person.objects.count() == 0
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.FAILED


def test_confirm_of_an_applied_batch_changes_nothing(client, coordinator):
    batch = ImportBatchFactory(
        user=coordinator,
        municipality=coordinator.roles.get().municipality,
        status=ImportBatch.Status.APPLIED,
    )
    client.force_login(coordinator)

    response = client.post(reverse("imports:confirm", args=[batch.pk]), follow=True)

    assert "Этот импорт уже подтверждён." in _text(response)
    assert Organization.objects.count() == 0


@pytest.mark.parametrize("who", ["head", "mentor", "reservist", "commission"])
def test_pages_are_forbidden_to_everyone_but_the_coordinator(client, request, who):
    client.force_login(request.getfixturevalue(who))

    for url in [
        reverse("imports:index"),
        reverse("imports:start", args=["organizations"]),
        reverse("imports:template", args=["people"]),
        reverse("imports:start", args=["reserve"]),
        reverse("imports:template", args=["reserve"]),
    ]:
        assert client.get(url).status_code == 403, url
    response = client.post(
        reverse("imports:start", args=["organizations"]),
        {"file": organizations_file([["Школа", "Школа", "school"]])},
    )
    assert response.status_code == 403
    assert Organization.objects.count() == 1  # the fixture's own school


@pytest.mark.parametrize("who", ["head", "mentor", "reservist", "commission"])
def test_reserve_import_is_forbidden_to_everyone_but_the_coordinator(
    client, request, who, director
):
    user = request.getfixturevalue(who)
    person = user.person
    client.force_login(user)
    row = [person.last_name, person.first_name, "", person.organization.short_name]
    file = reserve_file([[*row, "Директор школы", "1-р", "01.09.2026", "01.09.2026"]])

    response = client.post(reverse("imports:start", args=["reserve"]), {"file": file})

    assert response.status_code == 403
    assert (ImportBatch.objects.count(), ReserveEntry.objects.count()) == (0, 0)


def test_batch_pages_are_forbidden_to_a_head(client, head, coordinator):
    batch = ImportBatchFactory(
        user=coordinator, municipality=coordinator.roles.get().municipality
    )
    client.force_login(head)

    assert client.get(reverse("imports:batch", args=[batch.pk])).status_code == 403
    assert client.post(reverse("imports:confirm", args=[batch.pk])).status_code == 403
    assert client.get(reverse("imports:status", args=[batch.pk])).status_code == 403


def test_anonymous_is_sent_to_login(client, coordinator):
    batch = ImportBatchFactory(
        user=coordinator, municipality=coordinator.roles.get().municipality
    )
    login = reverse("accounts:login")

    for url in [
        reverse("imports:index"),
        reverse("imports:start", args=["people"]),
        reverse("imports:template", args=["organizations"]),
        reverse("imports:batch", args=[batch.pk]),
        reverse("imports:status", args=[batch.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(login)
    response = client.post(reverse("imports:confirm", args=[batch.pk]))
    assert response["Location"].startswith(login)
    assert ImportBatch.objects.get().status == ImportBatch.Status.PREVIEWED


def test_stranger_cannot_see_or_apply_another_users_batch(
    client, stranger, coordinator
):
    batch = ImportBatchFactory(
        user=coordinator, municipality=coordinator.roles.get().municipality
    )
    client.force_login(stranger)

    assert client.get(reverse("imports:batch", args=[batch.pk])).status_code == 404
    assert client.post(reverse("imports:confirm", args=[batch.pk])).status_code == 404
    assert client.get(reverse("imports:status", args=[batch.pk])).status_code == 404
    assert Organization.objects.count() == 1  # Far school
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.PREVIEWED


def test_superuser_may_import(client, superuser, municipality):
    client.force_login(superuser)

    response = client.get(reverse("imports:start", args=["organizations"]))

    assert response.status_code == 200
    assert "Проверить файл" in _text(response)


def test_unknown_kind_is_a_404(client, coordinator):
    client.force_login(coordinator)

    assert client.get("/imports/mentorships/").status_code == 404


def test_confirm_needs_post(client, coordinator):
    batch = ImportBatchFactory(
        user=coordinator, municipality=coordinator.roles.get().municipality
    )
    client.force_login(coordinator)

    assert client.get(reverse("imports:confirm", args=[batch.pk])).status_code == 405


def test_index_query_count(client, coordinator, django_assert_num_queries):
    municipality = coordinator.roles.get().municipality
    ImportBatchFactory.create_batch(3, user=coordinator, municipality=municipality)
    client.force_login(coordinator)

    # session, user, roles, person, municipality check, batches
    with django_assert_num_queries(6):
        assert client.get(reverse("imports:index")).status_code == 200


def _organization_rows(municipality, n: int, prefix: str) -> list[list[str]]:
    """n rows, every other one changing an existing organisation."""
    for i in range(1, n, 2):
        OrganizationFactory(municipality=municipality, short_name=f"{prefix} {i}")
    return [[f"{prefix} {i}", f"Школа № {i}", "school"] for i in range(n)]


def _people_rows(municipality, n: int, prefix: str) -> list[list[object]]:
    """n rows, every other one changing an existing person."""
    school = OrganizationFactory(municipality=municipality, short_name=prefix)
    position = PositionFactory(municipality=municipality, name=f"Учитель {prefix}")
    for i in range(1, n, 2):
        PersonFactory(
            organization=school,
            position=position,
            last_name=f"Фамилия{i}",
            first_name="Имя",
            middle_name="",
        )
    return [
        [f"Фамилия{i}", "Имя", "", prefix, f"Учитель {prefix}", "01.09.2020", 3]
        for i in range(n)
    ]


def _reserve_rows(municipality, n: int, prefix: str) -> list[list[object]]:
    """n people of the registry, every other one with an active entry to change."""
    school = OrganizationFactory(municipality=municipality, short_name=prefix)
    target = TargetPositionFactory(municipality=municipality, name=f"Директор {prefix}")
    rows = []
    for i in range(n):
        person = PersonFactory(
            organization=school, last_name=f"Фамилия{i}", first_name="Имя"
        )
        if i % 2:
            ReserveEntryFactory(person=person, target_position=target)
        row = [person.last_name, "Имя", person.middle_name, prefix, target.name]
        rows.append([*row, f"{i}-р", "01.08.2026", "01.09.2026"])
    return rows


def _preview_queries(client, batch) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("imports:batch", args=[batch.pk]))
    assert response.status_code == 200
    assert "Применить импорт" in _text(response)
    assert "будет изменено" in _text(response)
    return len(queries)


# session, user, roles, person, may import, batch, count and page of its stored rows:
# the file is not read again.
@pytest.mark.parametrize(
    ("kind", "make_rows", "header"),
    [
        ("organizations", _organization_rows, ORGANIZATION_HEADER),
        ("people", _people_rows, PEOPLE_HEADER),
        ("reserve", _reserve_rows, RESERVE_HEADER),
    ],
)
def test_preview_query_count_does_not_grow_with_rows(
    client,
    coordinator,
    municipality,
    django_assert_num_queries,
    kind,
    make_rows,
    header,
):
    small, large = (
        services.preview_upload(
            user=coordinator,
            municipality=municipality,
            kind=kind,
            upload=upload(xlsx(make_rows(municipality, n, prefix), header=header)),
        )[0]
        for n, prefix in [(3, "Малая"), (150, "Большая")]
    )
    assert small is not None and large is not None
    assert large.preview_rows.count() == 150
    client.force_login(coordinator)

    with django_assert_num_queries(8):
        _preview_queries(client, small)
    cache.clear()  # the roles cached by the first request: both count them
    with django_assert_num_queries(8):
        _preview_queries(client, large)
    response = client.get(reverse("imports:batch", args=[large.pk]), {"page": 2})
    assert _text(response).count("<tr>") == 50 + 1


@pytest.mark.parametrize(
    ("kind", "title"),
    [("people", "Импорт работников"), ("reserve", "Импорт резерва")],
)
def test_start_page_query_count(
    client, coordinator, django_assert_num_queries, kind, title
):
    client.force_login(coordinator)

    # session, user, roles, person, the municipality imported into
    with django_assert_num_queries(5):
        response = client.get(reverse("imports:start", args=[kind]))
    assert response.status_code == 200
    assert title in _text(response)


def test_people_template_query_count(
    client, coordinator, school, other_school, django_assert_num_queries
):
    PositionFactory.create_batch(3, municipality=school.municipality)
    client.force_login(coordinator)

    # session, user, roles, person, municipality, organisations, positions
    with django_assert_num_queries(7):
        response = client.get(reverse("imports:template", args=["people"]))
    assert response.status_code == 200


def test_reserve_template_query_count(
    client, coordinator, school, other_school, director, django_assert_num_queries
):
    TargetPositionFactory.create_batch(
        3, municipality=school.municipality, name=factory.Sequence(str)
    )
    client.force_login(coordinator)

    # session, user, roles, person, municipality, organisations, target positions
    with django_assert_num_queries(7):
        response = client.get(reverse("imports:template", args=["reserve"]))
    assert response.status_code == 200


# Confirming and the progress -------------------------------------------------------


def test_confirm_queues_the_batch_and_the_page_polls_its_progress(
    client, coordinator, municipality, settings
):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }
    batch, _plan = services.preview_upload(
        user=coordinator,
        municipality=municipality,
        kind="organizations",
        upload=organizations_file([["Школа № 1", "Школа", "school"]]),
    )
    assert batch is not None
    client.force_login(coordinator)

    response = client.post(reverse("imports:confirm", args=[batch.pk]), follow=True)

    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.QUEUED
    text = _text(response)
    assert "в очереди" in text
    assert (
        "В очереди: импорт начнётся, как только его возьмёт обработчик задач." in text
    )
    assert f'hx-get="{reverse("imports:status", args=[batch.pk])}"' in text
    assert "Применить импорт" not in text
    assert Organization.objects.count() == 0


def test_status_shows_the_progress_of_a_running_batch(
    client, coordinator, municipality
):
    batch = ImportBatchFactory(
        user=coordinator,
        municipality=municipality,
        status=ImportBatch.Status.RUNNING,
        n_rows=10000,
    )
    progress.report(batch_id=batch.pk, done=3000, stage=progress.WRITE)
    client.force_login(coordinator)

    response = client.get(reverse("imports:status", args=[batch.pk]))

    text = _text(response)
    assert response.status_code == 200
    assert "<html" not in text  # the partial only
    # Reading and checking are behind: two thirds of the bar, and 3000 rows more.
    assert '<progress max="30000" value="23000"' in text
    assert "Шаг 3 из 3, сохранение: 3000 из 10000 строк" in text
    assert 'hx-trigger="every 1s"' in text


def test_status_of_a_batch_being_checked_says_so(client, coordinator, municipality):
    batch = ImportBatchFactory(
        user=coordinator,
        municipality=municipality,
        status=ImportBatch.Status.RUNNING,
        n_rows=21,
    )
    progress.report(batch_id=batch.pk, done=20, stage=progress.CHECK)
    client.force_login(coordinator)

    text = _text(client.get(reverse("imports:status", args=[batch.pk])))

    assert '<progress max="63" value="41"' in text
    assert "Шаг 2 из 3, проверка строк по текущим данным реестра: 20 из 21 строки" in (
        text
    )


def test_status_of_a_queued_batch_waits_for_the_worker(
    client, coordinator, municipality
):
    batch = ImportBatchFactory(
        user=coordinator,
        municipality=municipality,
        status=ImportBatch.Status.QUEUED,
        n_rows=5,
    )
    client.force_login(coordinator)

    text = _text(client.get(reverse("imports:status", args=[batch.pk])))

    assert '<progress max="15" value="0"' in text
    assert "В очереди: импорт начнётся, как только его возьмёт обработчик задач." in (
        text
    )


def test_status_of_a_stalled_batch_fails_it_and_stops_polling(
    client, coordinator, municipality, settings
):
    settings.IMPORT_STALLED_AFTER = 0
    batch = ImportBatchFactory(
        user=coordinator,
        municipality=municipality,
        status=ImportBatch.Status.RUNNING,
        n_rows=5,
    )
    progress.report(batch_id=batch.pk, done=1, stage=progress.READ)
    client.force_login(coordinator)
    time.sleep(0.01)

    text = _text(client.get(reverse("imports:status", args=[batch.pk])))

    assert "Импорт прерван: обработчик задач перестал отвечать." in text
    assert "hx-trigger" not in text
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.FAILED


def test_status_of_a_finished_batch_shows_the_outcome_and_stops_polling(
    client, coordinator, municipality
):
    applied, failed = (
        ImportBatchFactory(
            user=coordinator, municipality=municipality, status=status, **fields
        )
        for status, fields in [
            (ImportBatch.Status.APPLIED, {"n_created": 2, "n_rows": 2}),
            (ImportBatch.Status.FAILED, {"error_message": "Строка 2: не так."}),
        ]
    )
    client.force_login(coordinator)

    text = _text(client.get(reverse("imports:status", args=[applied.pk])))
    assert "Добавлено: 2, изменено: 0, без изменений: 0." in text
    assert reverse("organizations:list") in text
    assert "hx-trigger" not in text
    text = _text(client.get(reverse("imports:status", args=[failed.pk])))
    assert "Строка 2: не так." in text
    assert "hx-trigger" not in text


def test_status_query_count(
    client, coordinator, municipality, django_assert_num_queries
):
    batch = ImportBatchFactory(
        user=coordinator, municipality=municipality, status=ImportBatch.Status.RUNNING
    )
    client.force_login(coordinator)

    # session, user, roles, person, may import, batch
    with django_assert_num_queries(6):
        assert client.get(reverse("imports:status", args=[batch.pk])).status_code == 200


def _apply_queries(coordinator, municipality, kind, make_rows, header, n, prefix):
    batch, _plan = services.preview_upload(
        user=coordinator,
        municipality=municipality,
        kind=kind,
        upload=upload(xlsx(make_rows(municipality, n, prefix), header=header)),
    )
    assert batch is not None
    with CaptureQueriesContext(connection) as queries:
        batch = services.apply_batch(batch=batch)
    assert (batch.status, batch.n_done) == (ImportBatch.Status.APPLIED, n)
    return len(queries)


# Confirming writes in bulk: a constant handful of queries (claim, batch, catalogues,
# matched records, the final status) and one insert and one update, each with its
# history insert, per write batch; on SQLite Django splits inserts by its parameter
# limit. The target is under 100 queries per 1,000 rows.
@pytest.mark.parametrize(
    ("kind", "make_rows", "header", "model"),
    [
        ("organizations", _organization_rows, ORGANIZATION_HEADER, Organization),
        ("people", _people_rows, PEOPLE_HEADER, Person),
        ("reserve", _reserve_rows, RESERVE_HEADER, ReserveEntry),
    ],
)
def test_apply_query_count_grows_sub_linearly(
    coordinator, municipality, kind, make_rows, header, model
):
    small = _apply_queries(
        coordinator, municipality, kind, make_rows, header, 20, "Малая"
    )
    large = _apply_queries(
        coordinator, municipality, kind, make_rows, header, 200, "Большая"
    )

    assert large <= small + 10
    assert large <= 200 * 100 // 1000
    # One history record per row created or changed, by the importing user.
    assert model.history.filter(history_user=coordinator).count() == 20 + 200

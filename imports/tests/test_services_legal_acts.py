"""Importing the catalogue of legal acts: acts matched by type, number and date (or
title and date), their cells, and the editions the rows add."""

from datetime import date, datetime
from io import BytesIO

import pytest
from openpyxl import load_workbook

from core.excel import export_workbook
from imports import services
from imports.models import ImportBatch
from imports.planning import Action
from imports.services import ImportRejected
from imports.tests.factories import LEGAL_ACTS_HEADER, legal_acts_file, upload, xlsx
from legal_acts import services as legal_act_services
from legal_acts.exports import LEGAL_ACT_COLUMNS
from legal_acts.models import LegalAct, LegalActEdition
from legal_acts.tests.conftest import make_act

MUNICIPAL = "муниципальный"
ADMINISTRATION = "Администрация городского округа"
RESERVE_RULES = "Об утверждении Положения о резерве управленческих кадров"


def _preview(user, municipality, file):
    return services.preview_upload(
        user=user, municipality=municipality, kind="legal_acts", upload=file
    )


def _import(user, municipality, file) -> ImportBatch:
    batch, plan = _preview(user, municipality, file)
    assert plan.errors == []
    return services.apply_batch(batch=batch)


def _errors(plan) -> list[str]:
    return [str(e) for e in plan.errors]


def _assert_rejected(batch, plan, n_acts: int = 0, n_editions: int = 0) -> None:
    """Nothing is kept: no batch, no act or edition beyond those there were."""
    assert batch is None
    assert not plan.is_valid
    assert ImportBatch.objects.count() == 0
    assert LegalAct.objects.count() == n_acts
    assert LegalActEdition.objects.count() == n_editions


def _row(*cells):
    """A row of a municipal resolution, with the cells given replacing its own."""
    row = [
        MUNICIPAL,
        "постановление",
        "312",
        "16.03.2026",
        RESERVE_RULES,
        ADMINISTRATION,
        None,
        None,
        None,
    ]
    row[: len(cells)] = cells
    return row


def _edition(number, edition_on, note):
    """A row of a municipal resolution that adds an edition."""
    return _row(
        MUNICIPAL,
        "постановление",
        number,
        "16.03.2026",
        RESERVE_RULES,
        ADMINISTRATION,
        None,
        edition_on,
        note,
    )


def test_preview_of_new_acts_saves_nothing_and_apply_adds_them(
    coordinator, municipality
):
    file = legal_acts_file(
        [
            _row(),
            [
                "Локальный акт ОО",
                "положение",
                None,
                datetime(2026, 8, 31),
                "Положение о наставничестве",
                "МОУ «СОШ № 1»",
                "school1.example.ru/docs/nastavnichestvo.pdf",
                "01.11.2026",
                "Добавлен раздел о наставничестве над резервом.",
            ],
        ]
    )

    batch, plan = _preview(coordinator, municipality, file)

    assert [row.action for row in plan.rows] == [Action.CREATE, Action.CREATE]
    assert [row.label for row in plan.rows] == [
        f"Постановление от 16.03.2026 № 312 «{RESERVE_RULES}»",
        "Положение от 31.08.2026 «Положение о наставничестве»",
    ]
    assert [(c.column, c.old, c.new) for c in plan.rows[1].changes] == [
        (
            "Новая редакция",
            "—",
            "01.11.2026: Добавлен раздел о наставничестве над резервом.",
        )
    ]
    assert (batch.n_rows, batch.n_created, batch.kind) == (2, 2, "legal_acts")
    assert LegalAct.objects.count() == 0

    services.apply_batch(batch=batch)

    resolution = LegalAct.objects.get(number="312")
    assert (resolution.municipality, resolution.level, resolution.kind) == (
        municipality,
        LegalAct.Level.MUNICIPAL,
        LegalAct.Kind.RESOLUTION,
    )
    assert resolution.adopted_on == date(2026, 3, 16)
    assert resolution.search_text == (
        "312 об утверждении положения о резерве управленческих кадров "
        "администрация городского округа"
    )
    local = LegalAct.objects.get(title="Положение о наставничестве")
    assert (local.level, local.kind, local.number) == ("local", "regulation", "")
    assert local.url == "https://school1.example.ru/docs/nastavnichestvo.pdf"
    (edition,) = local.editions.all()
    assert edition.effective_on == date(2026, 11, 1)
    assert edition.note == "Добавлен раздел о наставничестве над резервом."


def test_an_act_found_by_type_number_and_date_is_updated(coordinator, municipality):
    act = make_act(municipality, url="https://example.ru/273")
    legal_act_services.add_edition(
        act=act, effective_on=date(2020, 7, 31), note="По вопросам воспитания."
    )
    namesake = make_act(municipality, kind=LegalAct.Kind.LAW)
    file = legal_acts_file(
        [
            [
                "Федеральный",
                "ФЕДЕРАЛЬНЫЙ ЗАКОН",
                "273-фз",
                "29.12.2012",
                "Об образовании в Российской Федерации (с изменениями)",
                "Федеральное Собрание Российской Федерации",
                None,
                "05.04.2021",
                "Просветительская деятельность.",
            ]
        ]
    )

    batch, plan = _preview(coordinator, municipality, file)

    (row,) = plan.rows
    assert row.action == Action.UPDATE
    # Found despite the case; the new spelling of the number is a change.
    assert [(c.column, c.old, c.new) for c in row.changes] == [
        ("Номер", "273-ФЗ", "273-фз"),
        (
            "Наименование",
            "Об образовании в Российской Федерации",
            "Об образовании в Российской Федерации (с изменениями)",
        ),
        ("Новая редакция", "—", "05.04.2021: Просветительская деятельность."),
    ]

    services.apply_batch(batch=batch)

    act.refresh_from_db()
    assert act.title == "Об образовании в Российской Федерации (с изменениями)"
    assert "(с изменениями)" in act.search_text
    assert act.url == "https://example.ru/273"  # an empty cell changes nothing
    assert list(act.editions.values_list("effective_on", flat=True)) == [
        date(2021, 4, 5),
        date(2020, 7, 31),
    ]
    namesake.refresh_from_db()
    assert namesake.title == "Об образовании в Российской Федерации"
    assert LegalAct.objects.count() == 2


def test_an_act_without_a_number_is_found_by_title_and_date(coordinator, municipality):
    act = make_act(
        municipality,
        level=LegalAct.Level.LOCAL,
        kind=LegalAct.Kind.REGULATION,
        number="",
        adopted_on=date(2026, 8, 31),
        title="Положение о наставничестве",
        issued_by="МОУ «СОШ № 1»",
    )
    file = legal_acts_file(
        [
            [
                "локальный акт ОО",
                "положение",
                None,
                "31.08.2026",
                "положение  о  наставничестве",
                "МОУ «СОШ № 1»",
            ]
        ]
    )

    _batch, plan = _preview(coordinator, municipality, file)

    (row,) = plan.rows
    assert (row.action, row.instance) == (Action.UPDATE, act)
    assert [c.column for c in row.changes] == ["Наименование"]


def test_an_edition_the_act_has_already_is_left_as_it_is(coordinator, municipality):
    act = make_act(municipality)
    legal_act_services.add_edition(
        act=act, effective_on=date(2020, 7, 31), note="По вопросам воспитания."
    )
    file = legal_acts_file(
        [
            [
                "федеральный",
                "федеральный закон",
                "273-ФЗ",
                "29.12.2012",
                "Об образовании в Российской Федерации",
                "Федеральное Собрание Российской Федерации",
                None,
                "31.07.2020",
                "Другая формулировка.",
            ]
        ]
    )

    batch = _import(coordinator, municipality, file)

    assert (batch.n_created, batch.n_updated, batch.n_unchanged) == (0, 0, 1)
    assert list(act.editions.values_list("note", flat=True)) == [
        "По вопросам воспитания."
    ]


def test_an_act_of_another_municipality_is_not_matched(
    coordinator, municipality, far_school
):
    far = make_act(far_school.municipality)
    file = legal_acts_file(
        [
            [
                "федеральный",
                "федеральный закон",
                "273-ФЗ",
                "29.12.2012",
                "Об образовании",
                "Федеральное Собрание Российской Федерации",
            ]
        ]
    )

    batch = _import(coordinator, municipality, file)

    assert batch.n_created == 1
    far.refresh_from_db()
    assert far.title == "Об образовании в Российской Федерации"
    assert LegalAct.objects.filter(municipality=municipality).count() == 1


@pytest.mark.parametrize(
    ("level", "kind"),
    [
        ("МУНИЦИПАЛЬНЫЙ", "ПОСТАНОВЛЕНИЕ"),
        ("municipal", "resolution"),
        ("  муниципальный ", "постановление"),
        ("Локальный акт ОО", "иной акт"),
        ("локальный акт оо", "Санитарные правила"),
    ],
)
def test_level_and_type_are_read_by_label_or_code_in_any_case(
    coordinator, municipality, level, kind
):
    _batch, plan = _preview(
        coordinator, municipality, legal_acts_file([_row(level, kind)])
    )

    assert plan.errors == []


def test_yo_in_a_type_label_is_folded(coordinator, municipality):
    """«ё» and «е» are one letter in a label, as in search."""
    _batch, plan = _preview(
        coordinator,
        municipality,
        legal_acts_file([_row(MUNICIPAL, "Постановлёние")]),
    )

    assert plan.errors == []
    assert plan.rows[0].values["kind"] == LegalAct.Kind.RESOLUTION


def test_every_bad_cell_is_reported_and_nothing_is_saved(coordinator, municipality):
    file = legal_acts_file(
        [
            _row(),
            _row("районный", "постановление", "310"),
            _row(MUNICIPAL, "распоряжение", "311"),
            _row(MUNICIPAL, "постановление", "313", "вчера"),
            _row(MUNICIPAL, "постановление", "314", "01.01.1899"),
            _row(MUNICIPAL, "постановление", "315", "16.03.2026", ""),
            _row(MUNICIPAL, "постановление", "316", "16.03.2026", "Акт", None),
            _row(*_row(MUNICIPAL, "постановление", "317")[:6], "не ссылка"),
            _row("", "", "318", ""),
            _edition("319", "31.03.2026", None),
            _edition("320", None, "Что-то изменилось."),
            _edition("321", "31.02.2026", "Изменения."),
            _edition("322", "01.04.2026", "ы" * 2001),
            _row(MUNICIPAL, "постановление", "323", "16.03.2026", "А" * 501),
        ]
    )

    batch, plan = _preview(coordinator, municipality, file)

    assert _errors(plan) == [
        "Строка 3, столбец «Уровень»: уровень «районный» не входит в список: "
        "федеральный, региональный, муниципальный, локальный акт ОО",
        "Строка 4, столбец «Тип»: тип «распоряжение» не входит в список: "
        "кодекс, федеральный закон, закон, указ, постановление, приказ, "
        "положение, санитарные правила, иной акт",
        "Строка 5, столбец «Дата»: дата «вчера» указана неверно, нужен формат "
        "ДД.ММ.ГГГГ, например 01.09.2020",
        "Строка 6, столбец «Дата»: дата должна быть в пределах от 01.01.1900 "
        "до 31.12.2100",
        "Строка 7, столбец «Наименование»: ячейка не заполнена",
        "Строка 8, столбец «Орган, принявший акт»: ячейка не заполнена",
        "Строка 9, столбец «Ссылка на официальный источник»: ссылка «не "
        "ссылка» указана неверно, нужен полный адрес, например "
        "https://www.consultant.ru/document/cons_doc_LAW_140174/",
        "Строка 10, столбец «Уровень»: ячейка не заполнена",
        "Строка 10, столбец «Тип»: ячейка не заполнена",
        "Строка 10, столбец «Дата»: ячейка не заполнена",
        "Строка 11, столбец «Что изменилось»: укажите, что изменилось в редакции",
        "Строка 12, столбец «Дата редакции»: укажите и дату редакции",
        "Строка 13, столбец «Дата редакции»: дата «31.02.2026» указана "
        "неверно, нужен формат ДД.ММ.ГГГГ, например 01.09.2020",
        "Строка 14, столбец «Что изменилось»: не более 2000 знаков, сейчас 2001",
        "Строка 15, столбец «Наименование»: Убедитесь, что это значение "
        "содержит не более 500 символов (сейчас 501).",
    ]
    _assert_rejected(batch, plan)


def test_an_edition_before_the_act_is_refused(coordinator, municipality):
    file = legal_acts_file(
        [_row(*_row()[:6], None, "15.03.2026", "Раньше самого акта.")]
    )

    batch, plan = _preview(coordinator, municipality, file)

    assert _errors(plan) == [
        "Строка 2, столбец «Дата редакции»: редакция датирована раньше самого "
        "акта (16.03.2026)"
    ]
    _assert_rejected(batch, plan)


def test_an_edition_on_the_day_of_the_act_is_accepted(coordinator, municipality):
    file = legal_acts_file([_row(*_row()[:6], None, "16.03.2026", "В день акта.")])

    _import(coordinator, municipality, file)

    assert LegalActEdition.objects.get().effective_on == date(2026, 3, 16)


def test_duplicate_rows_name_the_first_row(coordinator, municipality):
    make_act(
        municipality,
        level=LegalAct.Level.MUNICIPAL,
        kind=LegalAct.Kind.RESOLUTION,
        number="312",
        adopted_on=date(2026, 3, 16),
        title=RESERVE_RULES,
    )
    file = legal_acts_file(
        [
            _row(),
            _row(MUNICIPAL, "приказ", "312"),  # another type: another act
            _row(MUNICIPAL, "Постановление", "312 "),
            _row(MUNICIPAL, "постановление", None, "16.03.2026", RESERVE_RULES),
            _row(MUNICIPAL, "положение", None, "01.09.2026", "Положение"),
            _row(MUNICIPAL, "положение", None, "01.09.2026", "ПОЛОЖЕНИЕ"),
            _row(MUNICIPAL, "приказ", "7", "02.09.2026", "О наставничестве"),
            _row(MUNICIPAL, "приказ", "8", "02.09.2026", "О наставничестве"),
            _row(MUNICIPAL, "приказ", None, "02.09.2026", "О наставничестве"),
            _row(MUNICIPAL, "приказ", None, "03.09.2026", "О резерве"),
            _row(MUNICIPAL, "приказ", "9", "03.09.2026", "О резерве"),
        ]
    )

    batch, plan = _preview(coordinator, municipality, file)

    assert _errors(plan) == [
        "Строка 4, столбец «Номер»: этот акт уже указан в строке 2",
        # Found by its title: the act row 2 has found by its number.
        "Строка 5, столбец «Наименование»: этот акт уже указан в строке 2",
        "Строка 7, столбец «Наименование»: этот акт уже указан в строке 6",
        # Two orders of one day and title with their numbers are two acts; a row
        # without a number finds the first of them.
        "Строка 10, столбец «Наименование»: этот акт уже указан в строке 8",
        # An act without a number, then with one: found by title, the same act.
        "Строка 12, столбец «Номер»: этот акт уже указан в строке 11",
    ]
    _assert_rejected(batch, plan, n_acts=1)


def test_acts_of_the_catalogue_with_the_same_requisites_are_reported(
    coordinator, municipality
):
    make_act(municipality)
    make_act(municipality, title="Дубль")
    file = legal_acts_file(
        [
            [
                "федеральный",
                "федеральный закон",
                "273-ФЗ",
                "29.12.2012",
                "Об образовании в Российской Федерации",
                "Федеральное Собрание Российской Федерации",
            ]
        ]
    )

    batch, plan = _preview(coordinator, municipality, file)

    assert _errors(plan) == [
        "Строка 2, столбец «Номер»: в каталоге несколько актов с этими типом, "
        "номером и датой; сначала исправьте их вручную"
    ]
    _assert_rejected(batch, plan, n_acts=2)


def test_one_bad_row_saves_nothing_of_the_good_ones(coordinator, municipality):
    act = make_act(municipality)
    file = legal_acts_file(
        [
            _row(),
            [
                "федеральный",
                "федеральный закон",
                "273-ФЗ",
                "29.12.2012",
                "Новое наименование",
                "Федеральное Собрание Российской Федерации",
                None,
                "01.09.2013",
                "Первая редакция.",
            ],
            _row(MUNICIPAL, "постановление", "400", "31.02.2026"),
        ]
    )

    batch, plan = _preview(coordinator, municipality, file)

    assert len(plan.rows) == 2
    _assert_rejected(batch, plan, n_acts=1)
    act.refresh_from_db()
    assert act.title == "Об образовании в Российской Федерации"


def test_apply_revalidates_and_saves_nothing_when_the_catalogue_changed(
    coordinator, municipality
):
    """A second act with the requisites of a row is added by hand between the
    preview and the apply: the other rows are not saved either."""
    act = make_act(municipality)
    file = legal_acts_file(
        [
            _row(),
            [
                "федеральный",
                "федеральный закон",
                "273-ФЗ",
                "29.12.2012",
                "Об образовании в Российской Федерации",
                "Федеральное Собрание Российской Федерации",
                None,
                "31.07.2020",
                "По вопросам воспитания.",
            ],
        ]
    )
    batch, _plan = _preview(coordinator, municipality, file)
    make_act(municipality, title="Дубль")  # now two acts have its requisites

    with pytest.raises(ImportRejected):
        services.apply_batch(batch=batch)

    assert LegalAct.objects.count() == 2
    assert act.editions.count() == 0
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.FAILED
    assert "несколько актов" in batch.error_message


def test_the_export_of_the_catalogue_imports_back_unchanged(coordinator, municipality):
    act = make_act(municipality, url="https://example.ru/273")
    legal_act_services.add_edition(
        act=act, effective_on=date(2020, 7, 31), note="По вопросам воспитания."
    )
    make_act(
        municipality,
        level=LegalAct.Level.LOCAL,
        kind=LegalAct.Kind.REGULATION,
        number="",
        title="Положение о наставничестве",
    )
    content = export_workbook(
        "Нормативные акты", LEGAL_ACT_COLUMNS, LegalAct.objects.for_list()
    )

    batch = _import(coordinator, municipality, upload(content))

    assert (batch.n_created, batch.n_updated, batch.n_unchanged) == (0, 0, 2)


@pytest.mark.parametrize("n", [3, 30])
def test_checking_the_rows_takes_two_queries_whatever_their_number(
    municipality, django_assert_num_queries, n
):
    for k in range(n):
        make_act(municipality, number=f"{k}-ФЗ")
    rows = [_row(MUNICIPAL, "постановление", f"{k}-ФЗ") for k in range(n)]
    content = upload(xlsx(rows, header=LEGAL_ACTS_HEADER))

    # the acts of the municipality, their editions
    with django_assert_num_queries(2):
        plan = services.plan_file(
            kind="legal_acts",
            municipality=municipality,
            file=content,
            size=content.size,
        )
    assert len(plan.rows) == n


# The template ----------------------------------------------------------------------


def test_legal_acts_template_has_header_help_and_lists(municipality):
    content = services.build_template(kind="legal_acts", municipality=municipality)

    wb = load_workbook(BytesIO(content))
    data, instructions, lists = wb.worksheets
    assert [c.value for c in data[1]] == LEGAL_ACTS_HEADER
    assert data.title == "Нормативные акты"
    assert data["H1"].comment.text.startswith("Чтобы добавить редакцию: дата")
    lines = [row[0] for row in instructions.iter_rows(values_only=True)]
    assert any(str(line).startswith("Одна строка — один акт.") for line in lines)
    help_rows = {row[0]: row[2] for row in instructions.iter_rows(values_only=True)}
    assert help_rows["Номер"].startswith("Акт находится по типу, номеру и дате")
    assert help_rows["Что изменилось"].startswith("Обязателен при дате редакции")
    columns = [
        [v for v in column if v]
        for column in lists.iter_cols(min_row=2, values_only=True)
    ]
    assert columns == [
        [str(label) for label in LegalAct.Level.labels],
        [str(label) for label in LegalAct.Kind.labels],
    ]
    rules = sorted(
        (rule.type, str(rule.sqref)) for rule in data.data_validations.dataValidation
    )
    assert rules == [("list", "A2:A10001"), ("list", "B2:B10001")]


def test_legal_acts_template_round_trip_is_importable(coordinator, municipality):
    content = services.build_template(kind="legal_acts", municipality=municipality)
    wb = load_workbook(BytesIO(content))
    wb.worksheets[0].append(_row("Муниципальный", "Постановление"))
    buffer = BytesIO()
    wb.save(buffer)

    batch = _import(coordinator, municipality, upload(buffer.getvalue()))

    assert batch.n_created == 1

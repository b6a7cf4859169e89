"""Each sheet's figures from known data (conftest.py), read back with openpyxl,
and the print layout every sheet carries."""

from datetime import date, datetime
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from municipal_report.period import Period
from municipal_report.tests.conftest import PERIOD, TODAY, build_unit
from municipal_report.workbook import HEADER_ROW, build_report

SHEETS = [
    "Сводка",
    "Резерв",
    "Наставники",
    "Планы",
    "Мероприятия",
    "Стажировки",
    "Проверки НПА",
    "Аттестация",
    "Назначения",
]


def _workbook(municipality, period=PERIOD):
    content, people = build_report(municipality, period, TODAY)
    return load_workbook(BytesIO(content)), people


def _rows(ws):
    """The data rows under the header, as lists of values."""
    return [
        list(row)
        for row in ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True)
        if any(v is not None for v in row)
    ]


def _header(ws):
    return [c.value for c in ws[HEADER_ROW]]


def _summary(ws):
    """The summary's figures by their label."""
    return {
        row[0]: row[1]
        for row in ws.iter_rows(min_row=6, max_col=2, values_only=True)
        if row[0] is not None
    }


def _day(value):
    return value.date() if isinstance(value, datetime) else value


@pytest.fixture
def book(unit, municipality):
    return _workbook(municipality)[0]


def test_the_sheets_come_in_order_with_the_summary_first(book):
    assert book.sheetnames == SHEETS


def test_the_reserve_sheet_lists_who_was_in_the_reserve_during_the_period(book):
    ws = book["Резерв"]
    assert ws["A1"].value == "Резерв управленческих кадров"
    assert ws["A2"].value == "Town, за период с 01.01.2026 по 31.12.2026"
    assert _header(ws)[:3] == ["№ п/п", "Фамилия, имя, отчество", "Организация"]
    rows = _rows(ws)
    assert [r[1].split()[0] for r in rows] == [
        "Андреев",
        "Борисов",
        "Васильев",
        "Григорьев",
    ]
    by_name = {r[1].split()[0]: r for r in rows}
    assert [r[0] for r in rows] == [1, 2, 3, 4]
    assert _day(by_name["Андреев"][6]) == date(2025, 6, 1)
    assert by_name["Андреев"][8] == "в резерве"
    assert by_name["Васильев"][8] == "назначен"
    assert _day(by_name["Васильев"][9]) == date(2026, 5, 20)
    assert by_name["Васильев"][10] == "Директор МОУ «СОШ № 9»"
    assert by_name["Григорьев"][8] == "исключён"
    assert by_name["Григорьев"][10] == "По собственному желанию"
    assert ws.cell(row=HEADER_ROW + 1, column=7).number_format == "DD.MM.YYYY"


def test_the_summary_sums_up_every_sheet(book):
    ws = book["Сводка"]
    assert ws["A1"].value == (
        "Отчёт о наставничестве в системе подготовки резерва управленческих кадров"
    )
    assert ws["A3"].value == "Town, за период с 01.01.2026 по 31.12.2026"
    figures = _summary(ws)
    expected = {
        "Состояло в резерве на начало периода": 2,  # А, В
        "Включено в резерв за период": 2,  # Б, Г
        "Назначено на должность за период": 1,  # В
        "Исключено из резерва за период": 1,  # Г
        "Состоит в резерве на конец периода": 2,  # А, Б
        "Наставников, сопровождавших резервистов в периоде": 2,
        "Наставников с резервистами на конец периода": 1,
        "Средняя нагрузка на конец периода, резервистов на наставника": 2,
        "Планов, действовавших в периоде": 1,
        "из них утверждённых": 1,
        "Пунктов планов со сроком в периоде": 5,
        "Выполнено в срок": 1,
        "Выполнено с опозданием": 1,
        "Не выполнено": 1,
        "Просрочено": 1,
        "Срок не наступил": 1,
        "Доля пунктов, выполненных в срок": 0.2,
        "Мероприятий за период": 1,
        "Приглашений резервистов": 3,
        "Посещений резервистами": 2,
        "Из них с выступлением или в роли организатора": 1,
        "Стажировок в периоде": 1,
        "из них завершено": 1,
        "Заданий со сроком или проверкой в периоде": 2,
        "Проверка пройдена": 1,
        "Ещё не проверено": 1,
        "Резервистов в повестке заседаний": 2,
        "Рекомендованы к назначению на должность": 1,
        "Решение ещё не принято": 1,
        "Назначено за период": 1,
        "из них в пределах срока пребывания в резерве": 1,
        "Доля назначенных в пределах срока": 1,
        "Среднее время в резерве до назначения, дней": 495,
    }
    assert {k: figures[k] for k in expected} == expected


def test_the_mentors_sheet_gives_each_mentors_load(book, municipality):
    rows = _rows(book["Наставники"])
    limit = municipality.mentor_max_load
    assert [r[1].split()[0] for r in rows[:2]] == ["Миронова", "Назарова"]
    assert rows[0][4:8] == [2, 2, limit, pytest.approx(2 / limit)]
    assert rows[1][4:8] == [1, 0, limit, 0]
    assert rows[2][1] == "Итого"
    assert rows[2][4:6] == [3, 2]
    assert book["Наставники"].cell(row=HEADER_ROW + 1, column=8).number_format == "0.0%"


def test_the_plans_sheet_counts_the_items_due_in_the_period(book):
    rows = _rows(book["Планы"])
    assert len(rows) == 2  # А's plan of 2026 and the total; В's plan of 2027 left out
    plan = rows[0]
    assert plan[1].startswith("Андреев") and plan[2].startswith("Миронова")
    assert plan[5] == "утверждён"
    # due, on time, late, not done, overdue, not due yet, share on time
    assert plan[6:13] == [5, 1, 1, 1, 1, 1, 0.2]
    assert rows[1][1] == "Итого" and rows[1][6:13] == [5, 1, 1, 1, 1, 1, 0.2]


def test_the_events_sheet_counts_the_participation(book):
    ws = book["Мероприятия"]
    rows = _rows(ws)
    event = rows[0]
    assert event[2] == "Семинар руководителей"
    assert event[1] == datetime(2026, 4, 10, 15, 0)
    assert event[4] == "School"
    # invited, accepted, declined, attended, absent; listener, participant,
    # speaker, organiser among those who attended
    assert event[5:14] == [3, 2, 1, 2, 0, 1, 0, 1, 0]
    assert "Из них: слушатель" in _header(ws)
    assert len(rows) == 2 and rows[1][1] == "Итого"


def test_the_internships_sheet_lists_the_internships_of_the_period(book):
    rows = _rows(book["Стажировки"])
    assert len(rows) == 1
    internship = rows[0]
    assert internship[1].startswith("Андреев")
    assert internship[5].startswith("Орлова")
    assert [_day(internship[6]), _day(internship[7])] == [
        date(2026, 6, 1),
        date(2026, 6, 30),
    ]
    assert internship[8:10] == ["завершена", "хорошо"]


def test_the_checks_sheet_lists_the_assignments_due_or_checked(book):
    rows = _rows(book["Проверки НПА"])
    assert [r[7] for r in rows] == ["проверка пройдена", "поручено"]
    first = rows[0]
    assert first[3] == (
        "федеральный закон от 29.12.2012 № 273-ФЗ "
        "«Об образовании в Российской Федерации»"
    )
    assert first[5] == "собеседование"
    assert _day(first[6]) == date(2026, 6, 15)
    assert _day(first[8]) == date(2026, 6, 10)
    assert rows[1][8] is None


def test_the_attestation_sheet_gives_the_decisions(book):
    rows = _rows(book["Аттестация"])
    by_name = {r[3].split()[0]: r for r in rows}
    assert by_name["Андреев"][6:10] == [
        "проведена",
        "рекомендован к назначению на должность",
        3,
        1,
    ]
    assert by_name["Борисов"][7:10] == [None, None, None]


def test_the_appointments_sheet_lists_who_was_appointed(book):
    rows = _rows(book["Назначения"])
    assert len(rows) == 1
    row = rows[0]
    assert row[1].startswith("Васильев")
    assert row[4] == "Директор МОУ «СОШ № 9»"
    assert _day(row[5]) == date(2026, 5, 20)
    assert row[8:10] == [495, "да"]


def test_a_period_without_facts_says_so_on_each_sheet(unit, municipality):
    book, people = _workbook(municipality, Period(date(2020, 1, 1), date(2020, 12, 31)))
    for name in SHEETS[1:]:
        assert _rows(book[name]) == [
            ["За период данных нет."] + [None] * (book[name].max_column - 1)
        ], name
    assert people == []


def test_every_sheet_is_laid_out_for_print(book):
    for name in SHEETS:
        ws = book[name]
        assert ws.page_setup.paperSize == 9, name  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage, name
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0), name
        assert "&P" in ws.oddFooter.right.text, name
        assert ws.freeze_panes, name
        assert ws.print_title_rows, name
    assert book["Сводка"].page_setup.orientation == "portrait"
    assert book["Резерв"].page_setup.orientation == "landscape"
    assert book["Резерв"].print_title_rows == "$4:$4"
    assert book["Резерв"].freeze_panes == "A5"
    header = book["Резерв"].cell(row=HEADER_ROW, column=2)
    assert header.font.b and header.border.bottom.style == "thin"


def test_user_text_never_becomes_a_formula(school, municipality):
    unit = build_unit(school, 0)
    unit.a.person.last_name = "=HYPERLINK(1)"
    unit.a.person.save()
    book, _people = _workbook(municipality)
    cell = book["Резерв"].cell(row=HEADER_ROW + 1, column=2)
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_the_figures_of_three_units_are_three_times_one(school, municipality):
    for k in range(3):
        build_unit(school, k, commission_ready=k > 0)
    figures = _summary(_workbook(municipality)[0]["Сводка"])
    assert figures["Состоит в резерве на конец периода"] == 6
    assert figures["Пунктов планов со сроком в периоде"] == 15
    assert figures["Приглашений резервистов"] == 9
    assert figures["Доля пунктов, выполненных в срок"] == 0.2


def test_another_municipality_is_not_in_the_report(unit, far_school):
    book, people = _workbook(far_school.municipality)
    assert _summary(book["Сводка"])["Включено в резерв за период"] == 0
    assert people == []


def test_the_number_of_queries_does_not_grow_with_the_data(school, municipality):
    build_unit(school, 0)
    with CaptureQueriesContext(connection) as small:
        build_report(municipality, PERIOD, TODAY)
    for k in range(1, 4):
        build_unit(school, k, commission_ready=True)
    with CaptureQueriesContext(connection) as large:
        build_report(municipality, PERIOD, TODAY)
    # The reserve's figures, then one query per sheet of rows.
    assert len(small.captured_queries) == len(large.captured_queries) == 9

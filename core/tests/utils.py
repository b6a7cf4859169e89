"""Helpers for view tests: what a user would submit, and what an export holds."""

from io import BytesIO
from typing import Any

from django import forms
from django.http import HttpResponse
from openpyxl import load_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def form_data(form: forms.BaseForm, **changes: Any) -> dict[str, Any]:
    """The data a browser would post for the form as shown, with some fields changed;
    unchecked checkboxes are left out, as browsers do."""
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(field, forms.BooleanField):
            if value:
                data[name] = "on"
            continue
        data[name] = "" if value is None else value
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def xlsx_rows(response: HttpResponse) -> list[list[Any]]:
    """The rows of the only sheet of an Excel export (header first)."""
    assert response["Content-Type"] == XLSX
    workbook = load_workbook(BytesIO(response.content), read_only=True)
    (sheet,) = workbook.worksheets
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def sheet_title(response: HttpResponse) -> str:
    workbook = load_workbook(BytesIO(response.content), read_only=True)
    return workbook.worksheets[0].title


def xlsx_text_cells(response: HttpResponse, text: str) -> list[Any]:
    """The cells of an Excel export whose value is `text`."""
    assert response["Content-Type"] == XLSX
    sheet = load_workbook(BytesIO(response.content)).worksheets[0]
    return [cell for row in sheet.iter_rows() for cell in row if cell.value == text]

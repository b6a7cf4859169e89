"""The one check of every text input (core.text) and where it applies: every
form, the query strings; the API's bodies and imported cells are tested with them."""

import importlib
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.forms import TextCheckedForm
from core.text import check_text, forbidden_character, strip_forbidden

FORBIDDEN = [
    "\x00",
    "\x07",
    "\x0b",
    "\x0c",
    "\x1f",
    "\x7f",
    "\x85",
    "\u200b",
    "\u200c",
    "\u200d",
    "\u200e",
    "\u200f",
    "\u2028",
    "\u202a",
    "\u202e",
    "\u2060",
    "\u2066",
    "\u2069",
    "\ufeff",
    "\ud800",
]


@pytest.mark.parametrize("char", FORBIDDEN)
def test_check_text_refuses_control_invisible_and_direction_characters(char):
    with pytest.raises(ValidationError) as error:
        check_text(f"Ива{char}нов", multiline=True)

    assert error.value.messages == [
        f"Текст содержит недопустимый символ U+{ord(char):04X} (управляющий, "
        "невидимый или меняющий направление текста): удалите его."
    ]


@pytest.mark.parametrize("char", ["\t", "\n", "\r"])
def test_tab_and_line_breaks_only_in_multiline_text(char):
    check_text(f"Первая{char}вторая", multiline=True)

    with pytest.raises(ValidationError) as error:
        check_text(f"Первая{char}вторая")

    assert error.value.messages == [
        "Здесь нельзя переносить строки и ставить табуляцию: напишите текст в одну "
        "строку."
    ]


@pytest.mark.parametrize(
    "text", ["Иванов-Петров", "О'Коннор", "Школа № 1 «Радуга»", "İ ё Ä €", "👍"]
)
def test_check_text_accepts_ordinary_text(text):
    check_text(text)
    assert forbidden_character(text) is None


def test_strip_forbidden_keeps_line_breaks():
    assert strip_forbidden("a\x00b\u202ec\nd") == "abc\nd"


def _project_forms() -> list[type[forms.BaseForm]]:
    base = Path(settings.BASE_DIR)
    for config in apps.get_app_configs():
        if (
            Path(config.path).is_relative_to(base)
            and Path(config.path, "forms.py").exists()
        ):
            importlib.import_module(f"{config.name}.forms")
    found, todo = [], [forms.BaseForm]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        module = importlib.import_module(cls.__module__)
        if Path(module.__file__ or "").is_relative_to(base / ".venv"):
            continue
        if cls.__module__.split(".")[0] != "core" and ".tests" not in cls.__module__:
            found.append(cls)
    return found


def test_every_form_of_the_project_checks_its_text():
    project_forms = _project_forms()

    assert len(project_forms) > 30
    assert [f for f in project_forms if not issubclass(f, TextCheckedForm)] == []


def test_a_form_checks_one_line_and_multiline_fields():
    class Form(TextCheckedForm, forms.Form):
        name = forms.CharField()
        note = forms.CharField(widget=forms.Textarea)

    form = Form({"name": "Ива\u200bнов", "note": "Первая\nвторая"})

    assert not form.is_valid()
    assert list(form.errors) == ["name"]
    assert "U+200B" in form.errors["name"][0]
    assert Form({"name": "Иванов", "note": "a\r\nb"}).is_valid()
    assert not Form({"name": "Ива\nнов", "note": ""}).is_valid()


@pytest.mark.parametrize("value", ["\x00", "a\u202eb", "\x07"])
def test_a_page_with_a_forbidden_character_in_the_query_is_400(
    client, coordinator, value
):
    client.force_login(coordinator)

    response = client.get(reverse("people:list"), {"q": value})

    assert response.status_code == 400
    assert "Текст содержит недопустимый символ" in response.content.decode()


def test_a_forbidden_character_in_a_parameter_name_is_400(client, coordinator):
    client.force_login(coordinator)

    response = client.get(reverse("people:list") + "?q%00=1")

    assert response.status_code == 400


def test_an_api_query_with_a_forbidden_character_is_422_json(client, coordinator):
    client.force_login(coordinator)

    response = client.get("/api/v1/people", {"q": "\x00"})

    assert response.status_code == 422
    message = (
        "Текст содержит недопустимый символ U+0000 (управляющий, невидимый или "
        "меняющий направление текста): удалите его."
    )
    assert response.json() == {"detail": message, "errors": {"q": [message]}}


def test_an_ordinary_query_passes(client, coordinator):
    client.force_login(coordinator)

    assert client.get(reverse("people:list"), {"q": "Иванов\tИван"}).status_code == 200


def test_the_login_form_refuses_a_forbidden_character(client, coordinator):
    response = client.post(
        reverse("accounts:login"), {"username": "coordinator\u200b", "password": "x"}
    )

    assert "недопустимый символ U+200B" in response.content.decode()
    assert "_auth_user_id" not in client.session

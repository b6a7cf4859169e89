"""pydantic's errors turned into Russian messages by field."""

import pytest

from api.validation import field_errors


def one(error: dict) -> dict[str, list[str]]:
    return field_errors([error])


@pytest.mark.parametrize(
    ("limit", "message"),
    [
        (1, "Убедитесь, что значение содержит не более 1 символа."),
        (3, "Убедитесь, что значение содержит не более 3 символов."),
        (11, "Убедитесь, что значение содержит не более 11 символов."),
        (21, "Убедитесь, что значение содержит не более 21 символа."),
        (150, "Убедитесь, что значение содержит не более 150 символов."),
    ],
)
def test_too_long_agrees_with_the_number(limit, message):
    error = {
        "loc": ("body", "payload", "name"),
        "type": "string_too_long",
        "ctx": {"max_length": limit},
    }

    assert one(error) == {"name": [message]}


def test_too_short_beyond_one_character():
    error = {
        "loc": ("body", "payload", "code"),
        "type": "string_too_short",
        "ctx": {"min_length": 2},
    }

    assert one(error) == {
        "code": ["Убедитесь, что значение содержит не менее 2 символов."]
    }


def test_query_and_path_errors_are_keyed_by_parameter():
    assert one({"loc": ("query", "page"), "type": "int_parsing"}) == {
        "page": ["Неверный тип значения: ожидается целое число."]
    }
    assert one({"loc": ("path", "pk"), "type": "int_parsing"}) == {
        "pk": ["Неверный тип значения: ожидается целое число."]
    }


def test_errors_about_the_whole_body_go_under_all():
    assert one({"loc": ("body", "payload"), "type": "missing"}) == {
        "__all__": ["Тело запроса обязательно: ожидается JSON-объект."]
    }
    assert one({"loc": ("body", "payload"), "type": "model_attributes_type"}) == {
        "__all__": ["Ожидается JSON-объект."]
    }


def test_nested_fields_are_dotted():
    error = {"loc": ("body", "payload", "items", 0, "id"), "type": "missing"}

    assert one(error) == {"items.0.id": ["Обязательное поле."]}


def test_several_errors_of_a_field_are_kept_in_order():
    errors = [
        {"loc": ("body", "payload", "x"), "type": "greater_than", "ctx": {"gt": 0}},
        {"loc": ("body", "payload", "x"), "type": "less_than", "ctx": {"lt": 9}},
    ]

    assert field_errors(errors) == {
        "x": ["Значение должно быть больше 0.", "Значение должно быть меньше 9."]
    }


def test_an_unknown_error_type_gets_a_generic_message():
    error = {"loc": ("body", "payload", "x"), "type": "url_parsing"}

    assert one(error) == {"x": ["Недопустимое значение."]}

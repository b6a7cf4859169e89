"""Russian messages for pydantic's validation errors, keyed by field.

pydantic reports `{"loc": ("body", "payload", "short_name"), "type": …, "ctx": …}`;
clients get `{"short_name": ["…"]}`. Messages depend only on the error type and
its context, never on pydantic's English text."""

import re
from collections.abc import Callable, Iterable
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from ninja.errors import ValidationError

from core.text import FORBIDDEN_MESSAGE, LINE_BREAK_MESSAGE
from core.validators import DATE_RANGE_MESSAGE

# Every body is read into a parameter named `payload` (see the routers).
BODY_PARAM = "payload"
# Errors about the request as a whole, e.g. a body that is not a JSON object.
GENERAL = "__all__"

INVALID_CHOICE = "invalid_choice"
DATE_RANGE = "reasonable_date"
NULL_FORBIDDEN = "null_forbidden"
FORBIDDEN_TEXT = "forbidden_text"

Error = dict[str, Any]


def invalid_choice(*fields: str) -> ValidationError:
    """A 422 for ids in the body that are missing or outside the caller's scope.

    A field inside a list is named by its path: `lines.0.mentor_id`."""
    return ValidationError(
        [
            {
                "loc": ("body", BODY_PARAM, *field.split(".")),
                "type": INVALID_CHOICE,
                "msg": "",
            }
            for field in fields
        ]
    )


def field_errors(errors: Iterable[Error]) -> dict[str, list[str]]:
    """Group pydantic errors by field, with Russian messages."""
    result: dict[str, list[str]] = {}
    for error in errors:
        field = _field(tuple(error.get("loc", ())))
        message = _body_message(error) if field == GENERAL else _message(error)
        result.setdefault(field, []).append(message)
    return result


def _field(loc: tuple) -> str:
    path = list(loc[1:])  # loc[0] is the source: body, query or path
    if loc[:1] == ("body",) and path[:1] == [BODY_PARAM]:
        path = path[1:]
    return ".".join(str(part) for part in path) or GENERAL


def _body_message(error: Error) -> str:
    if error["type"] == "missing":
        return _("The request body is required: a JSON object is expected.")
    return _("A JSON object is expected.")


def _limit(ctx: dict, key: str) -> dict[str, Any]:
    return {"limit": ctx.get(key)}


def _length(ctx: dict, key: str) -> int:
    return int(ctx.get(key) or 0)


def _too_long(ctx: dict) -> str:
    n = _length(ctx, "max_length")
    return ngettext(
        "Ensure this value has at most %(n)d character.",
        "Ensure this value has at most %(n)d characters.",
        n,
    ) % {"n": n}


def _too_short(ctx: dict) -> str:
    n = _length(ctx, "min_length")
    if n <= 1:
        return _("The value must not be empty.")
    return ngettext(
        "Ensure this value has at least %(n)d character.",
        "Ensure this value has at least %(n)d characters.",
        n,
    ) % {"n": n}


def _max_places(ctx: dict) -> str:
    n = _length(ctx, "decimal_places")
    return ngettext(
        "Ensure there is at most %(n)d decimal place.",
        "Ensure there are at most %(n)d decimal places.",
        n,
    ) % {"n": n}


def _max_digits(ctx: dict) -> str:
    n = _length(ctx, "max_digits")
    return ngettext(
        "Ensure there is at most %(n)d digit in total.",
        "Ensure there are at most %(n)d digits in total.",
        n,
    ) % {"n": n}


def _whole_digits(ctx: dict) -> str:
    n = _length(ctx, "whole_digits")
    return ngettext(
        "Ensure there is at most %(n)d digit before the decimal point.",
        "Ensure there are at most %(n)d digits before the decimal point.",
        n,
    ) % {"n": n}


def _choices(ctx: dict) -> str:
    # pydantic lists them as "'a', 'b' or 'c'"; keep the values only.
    values = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
    return _("Select one of the allowed values: %(choices)s.") % {
        "choices": ", ".join(values)
    }


def _forbidden_text(ctx: dict) -> str:
    if ctx.get("line_break"):
        return str(LINE_BREAK_MESSAGE)
    return str(FORBIDDEN_MESSAGE) % {"char": ctx.get("char", "")}


def _message(error: Error) -> str:
    kind: str = error["type"]
    ctx: dict = error.get("ctx") or {}
    for prefix, build in _BY_PREFIX:
        if kind == prefix or kind.startswith(prefix + "_"):
            return build(ctx)
    return _("Invalid value.")


# Error types by prefix: "date" covers date_parsing, date_type, date_from_…
_BY_PREFIX: list[tuple[str, Callable[[dict], str]]] = [
    ("missing", lambda ctx: _("Required field.")),
    (NULL_FORBIDDEN, lambda ctx: _("Null is not allowed for this field.")),
    (FORBIDDEN_TEXT, _forbidden_text),
    (INVALID_CHOICE, lambda ctx: _("No such object, or it is not available to you.")),
    ("extra_forbidden", lambda ctx: _("Unknown field.")),
    ("int", lambda ctx: _("Invalid type: an integer is expected.")),
    ("float", lambda ctx: _("Invalid type: a number is expected.")),
    ("decimal_max_places", _max_places),
    ("decimal_max_digits", _max_digits),
    ("decimal_whole_digits", _whole_digits),
    ("decimal", lambda ctx: _("Invalid type: a number is expected.")),
    ("finite_number", lambda ctx: _("Invalid type: a number is expected.")),
    ("string_too_long", _too_long),
    ("string_too_short", _too_short),
    ("string_type", lambda ctx: _("Invalid type: a string is expected.")),
    ("bool", lambda ctx: _("Invalid type: true or false is expected.")),
    (DATE_RANGE, lambda ctx: str(DATE_RANGE_MESSAGE)),
    ("date", lambda ctx: _("Enter a valid date in the format YYYY-MM-DD.")),
    ("datetime", lambda ctx: _("Enter a valid date and time in ISO 8601 format.")),
    ("email", lambda ctx: _("Enter a valid e-mail address.")),
    ("enum", _choices),
    ("literal_error", _choices),
    (
        "greater_than_equal",
        lambda ctx: _("Ensure this value is at least %(limit)s.") % _limit(ctx, "ge"),
    ),
    (
        "less_than_equal",
        lambda ctx: _("Ensure this value is at most %(limit)s.") % _limit(ctx, "le"),
    ),
    (
        "greater_than",
        lambda ctx: (
            _("Ensure this value is greater than %(limit)s.") % _limit(ctx, "gt")
        ),
    ),
    (
        "less_than",
        lambda ctx: _("Ensure this value is less than %(limit)s.") % _limit(ctx, "lt"),
    ),
    ("model", lambda ctx: _("A JSON object is expected.")),
    ("dict", lambda ctx: _("A JSON object is expected.")),
    ("list", lambda ctx: _("A list is expected.")),
]

"""What characters user text may hold: the one check of every text input.

Forms (core.forms.TextCheckedForm), API bodies (api.schemas.common), query strings
(core.middleware.QueryStringMiddleware) and imported cells (imports.xlsx) all call
`check_text`, so a name never carries a character that breaks a database (NUL on
PostgreSQL), an export (openpyxl refuses control characters) or what a reader
sees (invisible and text-direction characters)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

FORBIDDEN_CODE = "forbidden_characters"
# Never allowed: control characters but tab, line feed and carriage return (C0,
# DEL and C1), line and paragraph separators, zero-width characters, bidi marks,
# embeddings, overrides and isolates, lone surrogates and the noncharacters U+FFFE/F.
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
    "\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff"
    "\ud800-\udfff\ufffe\uffff]"
)
# Allowed only in multi-line texts (comments, descriptions).
LINE_BREAKS = re.compile("[\t\n\r]")

FORBIDDEN_MESSAGE = _(
    "The text contains a forbidden character %(char)s (a control, invisible or "
    "text-direction character): remove it."
)
LINE_BREAK_MESSAGE = _(
    "Line breaks and tabs are not allowed here: write the text in one line."
)


def forbidden_character(value: str, *, multiline: bool = False) -> str | None:
    """The first character of `value` that no text input accepts, or None."""
    match = FORBIDDEN.search(value)
    if match is None and not multiline:
        match = LINE_BREAKS.search(value)
    return match.group() if match else None


def check_text(value: str, *, multiline: bool = False) -> None:
    """Refuse control, invisible and text-direction characters; tab and line
    breaks only in a multi-line text. Raises ValidationError naming the character."""
    char = forbidden_character(value, multiline=multiline)
    if char is None:
        return
    if LINE_BREAKS.fullmatch(char):
        raise ValidationError(LINE_BREAK_MESSAGE, code=FORBIDDEN_CODE)
    raise ValidationError(
        FORBIDDEN_MESSAGE,
        code=FORBIDDEN_CODE,
        params={"char": f"U+{ord(char):04X}"},
    )


def single_line_text(value: str) -> None:
    """A validator of one-line inputs: names, titles, search words."""
    check_text(value, multiline=False)


def multiline_text(value: str) -> None:
    """A validator of long texts: comments, descriptions."""
    check_text(value, multiline=True)


def strip_forbidden(value: str) -> str:
    """`value` without the characters no input accepts: for writing data saved
    before the check (an export must not fail on them)."""
    return FORBIDDEN.sub("", value)

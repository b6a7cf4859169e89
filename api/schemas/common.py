"""Building blocks of the API's schemas: error shape, input bases, field types."""

from datetime import date
from typing import Annotated, Any, ClassVar

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from ninja import Schema
from pydantic import AfterValidator, ConfigDict, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from api.validation import DATE_RANGE, FORBIDDEN_TEXT, NULL_FORBIDDEN
from core.text import LINE_BREAKS, forbidden_character
from core.validators import reasonable_date


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = Field(
        default_factory=dict, description="Messages by field, in Russian."
    )


def _check_email(value: str) -> str:
    """Django's own e-mail check, so the API accepts what the pages accept."""
    if value:
        try:
            validate_email(value)
        except DjangoValidationError as e:
            raise PydanticCustomError("email", "Enter a valid e-mail address.") from e
    return value


Email = Annotated[str, Field(max_length=254), AfterValidator(_check_email)]


def _check_date_range(value: date) -> date:
    """The pages' date range (core.validators), so no service overflows."""
    try:
        reasonable_date(value)
    except DjangoValidationError as e:
        raise PydanticCustomError(DATE_RANGE, "The date is out of range.") from e
    return value


# A date of a request body: 2000-01-01 … 2100-12-31.
ReasonableDate = Annotated[date, AfterValidator(_check_date_range)]

# An id to filter by. Django guards only `pk=` against ids beyond the database's
# 64-bit integers; `organization_id=` and the like would fail with a 500.
FilterId = Annotated[int, Field(ge=1, le=2**63 - 1)]


def _check_strings(value: Any, *, multiline: bool) -> None:
    """Every string of a value (in lists and dicts too) as core.text allows it."""
    if isinstance(value, str):
        char = forbidden_character(value, multiline=multiline)
        if char is not None:
            raise PydanticCustomError(
                FORBIDDEN_TEXT,
                "Forbidden character.",
                {
                    "char": f"U+{ord(char):04X}",
                    "line_break": bool(LINE_BREAKS.match(char)),
                },
            )
    elif isinstance(value, list | tuple | set):
        for item in value:
            _check_strings(item, multiline=multiline)
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_strings(key, multiline=False)
            _check_strings(item, multiline=multiline)


class TextCheckedSchema(Schema):
    """A request body whose text holds no control, invisible or text-direction
    character (core.text); tab and line breaks only in the `multiline` fields."""

    multiline: ClassVar[frozenset[str]] = frozenset()

    @field_validator("*", mode="after")
    @classmethod
    def _check_text(cls, value: Any, info: ValidationInfo) -> Any:
        _check_strings(value, multiline=info.field_name in cls.multiline)
        return value


class InSchema(TextCheckedSchema):
    """A request body: unknown fields are errors, text is stripped and checked."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def _document_null(schema: dict[str, Any], model: type) -> None:
    """OpenAPI shows null only for the fields that accept it."""
    nullable: frozenset[str] = getattr(model, "nullable", frozenset())
    for name, prop in schema.get("properties", {}).items():
        options = [o for o in prop.get("anyOf", []) if o != {"type": "null"}]
        if name not in nullable and len(options) == 1:
            del prop["anyOf"]
            prop.update(options[0])


class PatchSchema(InSchema):
    """A partial update: every field optional, null only where `nullable` says."""

    model_config = ConfigDict(json_schema_extra=_document_null)
    nullable: ClassVar[frozenset[str]] = frozenset()

    @field_validator("*", mode="before")
    @classmethod
    def _reject_null(cls, value: Any, info: ValidationInfo) -> Any:
        if value is None and info.field_name not in cls.nullable:
            raise PydanticCustomError(
                NULL_FORBIDDEN, "Null is not allowed for this field."
            )
        return value

    def changes(self) -> dict[str, Any]:
        """The fields the client sent."""
        return self.model_dump(exclude_unset=True)


# Errors an endpoint documents in OpenAPI (the handlers in api/errors.py send them).
READ_ERRORS: dict[int, Any] = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}
WRITE_ERRORS: dict[int, Any] = {
    **READ_ERRORS,
    400: ErrorOut,
    403: ErrorOut,
    409: ErrorOut,
}

"""Writes that lost a race: another user saved first.

The services check what they can, but two requests can still both pass the
checks and one then hits a unique constraint (IntegrityError). The API answers
409 (api/errors.py); a page shows its form again with this message, also 409.
A change sent with the version its author saw raises StaleVersionError when the
object has moved on since (409 too)."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

CONFLICT_MESSAGE = _(
    "This data has just been changed by another user. Check and retry."
)


class StaleVersionError(ValidationError):
    """Somebody changed the object since the user loaded it (HTTP 409)."""

    def __init__(self) -> None:
        super().__init__(
            gettext(
                "Somebody else has changed this since you opened it. Reload the page: "
                "your changes were not saved."
            ),
            code="stale",
        )


def add_conflict_error(form: forms.BaseForm) -> None:
    """Show the conflict above the form, so it comes back with a 409."""
    form.add_error(None, ValidationError(CONFLICT_MESSAGE, code="conflict"))


# The error code of a form refused for too many attempts: the page answers 429.
TOO_MANY_ATTEMPTS = "too_many_attempts"


def form_status(*forms_: forms.BaseForm | forms.BaseFormSet | None) -> int:
    """The status of a page that shows these forms again: 409 for a form that lost
    a race (add_conflict_error), 429 for one refused for too many attempts (the
    sign-in form's limits, accounts.throttling), 422 for input refused with errors
    on the form (design §7: bad input gets a 4xx), 200 otherwise (unbound or valid)."""
    refused = [f for f in forms_ if f is not None and f.is_bound and not f.is_valid()]
    for code, status in (("conflict", 409), (TOO_MANY_ATTEMPTS, 429)):
        if any(
            isinstance(f, forms.BaseForm) and f.has_error(NON_FIELD_ERRORS, code)
            for f in refused
        ):
            return status
    return 422 if refused else 200

"""The report's period: both ends included, checked the same way by the page
and the API."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import pgettext_lazy

from core.validators import reasonable_date

# A report covers a year as a rule; anything past five years is a typing slip.
MAX_YEARS = 5


@dataclass(frozen=True)
class Period:
    """The report's period, both ends included."""

    start: date
    end: date


def default_period(today: date) -> Period:
    """The current calendar year."""
    return Period(date(today.year, 1, 1), date(today.year, 12, 31))


def make_period(start: date, end: date) -> Period:
    """The period from `start` to `end`; ValidationError (by field) when a date
    lies outside 2000–2100, the end comes before the start or the period is
    longer than MAX_YEARS years."""
    errors: dict[str, list[ValidationError]] = {}
    for name, value in (("date_from", start), ("date_to", end)):
        try:
            reasonable_date(value)
        except ValidationError as e:
            errors[name] = [e]
    if errors:
        raise ValidationError(errors)
    if end < start:
        raise ValidationError(
            {
                "date_to": ValidationError(
                    pgettext_lazy(
                        "municipal report",
                        "The end of the period comes before its start.",
                    ),
                    code="end_before_start",
                )
            }
        )
    try:
        longest = start.replace(year=start.year + MAX_YEARS)
    except ValueError:  # 29 February
        longest = date(start.year + MAX_YEARS, 3, 1)
    if end >= longest:
        raise ValidationError(
            {
                "date_to": ValidationError(
                    pgettext_lazy(
                        "municipal report", "A report covers at most %(years)s years."
                    )
                    % {"years": MAX_YEARS},
                    code="too_long",
                )
            }
        )
    return Period(start, end)

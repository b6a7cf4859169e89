"""Validators shared by the forms of several apps and the API's schemas."""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2100, 12, 31)
DATE_RANGE_MESSAGE = _("Enter a date between 01.01.2000 and 31.12.2100.")


def reasonable_date(value: date) -> None:
    """Refuse a date outside 2000–2100; raises ValidationError.

    Date inputs take years 1–9999, but the services add years and days to the
    dates (terms, plan periods), and near 9999 that overflows."""
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise ValidationError(DATE_RANGE_MESSAGE, code="date_range")

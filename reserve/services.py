"""Every write to the reserve: inclusion, appointment, exclusion (clause 4)."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.services import create_validated, delete_protected, update_validated
from organizations.models import Municipality
from people.models import Person
from reserve.models import ReserveEntry, TargetPosition

BASIS_AFTER_INCLUSION = gettext_lazy(
    "The basis document cannot be dated after the inclusion."
)


def add_years(day: date, years: int) -> date:
    """The same day `years` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@transaction.atomic
def create_target_position(*, municipality: Municipality, name: str) -> TargetPosition:
    """Add a target position; raises ValidationError on a duplicate name."""
    return create_validated(TargetPosition, municipality=municipality, name=name)


@transaction.atomic
def update_target_position(
    *, target_position: TargetPosition, name: str
) -> TargetPosition:
    """Rename a target position; raises ValidationError on a duplicate name."""
    return update_validated(target_position, name=name)


@transaction.atomic
def delete_target_position(*, target_position: TargetPosition) -> None:
    """Delete a target position; raises ValidationError while entries use it."""
    delete_protected(target_position)


@transaction.atomic
def include_in_reserve(
    *,
    person: Person,
    target_position: TargetPosition,
    basis_number: str,
    basis_date: date,
    included_on: date,
    term_until: date | None = None,
) -> ReserveEntry:
    """Include a person in the reserve; the term defaults to the municipality's.

    Raises ValidationError if the person is already in the reserve or the data is bad."""
    municipality = person.organization.municipality
    if target_position.municipality_id != municipality.pk:
        raise ValidationError(
            {
                "target_position": _(
                    "The target position belongs to another municipality."
                )
            }
        )
    if basis_date > included_on:
        raise ValidationError({"basis_date": BASIS_AFTER_INCLUSION})
    return create_validated(
        ReserveEntry,
        person=person,
        target_position=target_position,
        basis_number=basis_number,
        basis_date=basis_date,
        included_on=included_on,
        term_until=term_until
        or add_years(included_on, municipality.reserve_term_years),
    )


@transaction.atomic
def update_reserve_entry(*, entry: ReserveEntry, **fields: Any) -> ReserveEntry:
    """Correct an active entry; raises ValidationError for an ended one or bad data."""
    if entry.status != ReserveEntry.Status.ACTIVE:
        raise ValidationError(_("Only an active reserve entry can be changed."))
    basis_date = fields.get("basis_date", entry.basis_date)
    if basis_date > fields.get("included_on", entry.included_on):
        raise ValidationError({"basis_date": BASIS_AFTER_INCLUSION})
    return update_validated(entry, **fields)


def _end_entry(
    entry: ReserveEntry, *, reason: str, on: date, **fields: Any
) -> ReserveEntry:
    from mentorships.services import end_mentorships_of_entry

    if entry.status != ReserveEntry.Status.ACTIVE:
        raise ValidationError(_("The reservist has already left the reserve."))
    if on < entry.included_on:
        raise ValidationError(
            _("The date cannot be before the inclusion in the reserve.")
        )
    entry = update_validated(entry, **fields)
    end_mentorships_of_entry(entry=entry, reason=reason, on=on)
    return entry


@transaction.atomic
def appoint_reservist(
    *, entry: ReserveEntry, position_name: str, appointed_on: date
) -> ReserveEntry:
    """Mark the reservist appointed; ends the mentorship. Raises ValidationError."""
    if not position_name.strip():
        raise ValidationError({"appointed_position": _("State the position.")})
    return _end_entry(
        entry,
        reason="appointed",
        on=appointed_on,
        status=ReserveEntry.Status.APPOINTED,
        appointed_position=position_name.strip(),
        appointed_on=appointed_on,
    )


@transaction.atomic
def exclude_reservist(
    *, entry: ReserveEntry, excluded_on: date, reason: str
) -> ReserveEntry:
    """Exclude the reservist; ends the mentorship. Raises ValidationError."""
    if not reason.strip():
        raise ValidationError(
            {"exclusion_reason": _("State the reason for exclusion.")}
        )
    return _end_entry(
        entry,
        reason="excluded",
        on=excluded_on,
        status=ReserveEntry.Status.EXCLUDED,
        excluded_on=excluded_on,
        exclusion_reason=reason.strip(),
    )

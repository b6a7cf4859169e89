"""Every write to the reserve: inclusion, appointment, exclusion (clause 4)."""

from datetime import MAXYEAR, MINYEAR, date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.services import create_validated, delete_protected, update_validated
from organizations.models import Municipality
from people.models import Person
from reserve.models import ReserveEntry, TargetPosition
from reserve.signals import entry_ended

BASIS_AFTER_INCLUSION = gettext_lazy(
    "The basis document cannot be dated after the inclusion."
)


def add_years(day: date, years: int) -> date:
    """The same day `years` later (29 February becomes 28 February).

    Raises ValidationError on "term_until" past the last year a date can hold."""
    year = day.year + years
    if not MINYEAR <= year <= MAXYEAR:
        raise ValidationError(
            {"term_until": _("The term in the reserve ends too far in the future.")}
        )
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)


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


def _check_target_position(
    target_position: TargetPosition, municipality_id: int
) -> None:
    """Raises ValidationError unless the position is of the municipality's catalogue."""
    if target_position.municipality_id != municipality_id:
        raise ValidationError(
            {
                "target_position": _(
                    "The target position belongs to another municipality."
                )
            }
        )


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
    _check_target_position(target_position, municipality.pk)
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
    target_position = fields.get("target_position")
    if target_position is not None and target_position.pk != entry.target_position_id:
        _check_target_position(
            target_position, entry.person.organization.municipality_id
        )
    basis_date = fields.get("basis_date", entry.basis_date)
    if basis_date > fields.get("included_on", entry.included_on):
        raise ValidationError({"basis_date": BASIS_AFTER_INCLUSION})
    return update_validated(entry, **fields)


def _end_entry(
    entry: ReserveEntry, *, reason: str, on: date, date_field: str, **fields: Any
) -> ReserveEntry:
    """End an active entry; mentorships follow through `entry_ended`. Call inside
    a transaction.

    Raises ValidationError for an entry that left the reserve, or a date before
    the inclusion or in the future."""
    # Read the status under a row lock: two concurrent ends must not both pass.
    status = (
        ReserveEntry.objects.select_for_update()
        .values_list("status", flat=True)
        .get(pk=entry.pk)
    )
    if status != ReserveEntry.Status.ACTIVE:
        raise ValidationError(_("The reservist has already left the reserve."))
    if on < entry.included_on:
        raise ValidationError(
            _("The date cannot be before the inclusion in the reserve.")
        )
    if on > timezone.localdate():
        raise ValidationError({date_field: _("The date cannot be in the future.")})
    entry = update_validated(entry, **fields)
    entry_ended.send(sender=ReserveEntry, entry=entry, reason=reason, on=on)
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
        date_field="appointed_on",
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
        date_field="excluded_on",
        status=ReserveEntry.Status.EXCLUDED,
        excluded_on=excluded_on,
        exclusion_reason=reason.strip(),
    )

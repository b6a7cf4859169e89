"""Every write to people and positions."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.services import create_validated, delete_protected, update_validated
from organizations.models import Municipality, Organization
from people.models import Person, PersonViewLog, Position
from people.signals import person_moved


def _check_same_municipality(organization: Organization, position: Position) -> None:
    if organization.municipality_id != position.municipality_id:
        raise ValidationError(
            {"position": _("The position belongs to another municipality's catalogue.")}
        )


@transaction.atomic
def create_person(
    *, organization: Organization, position: Position, **fields: Any
) -> Person:
    """Create a person; raises ValidationError on bad data."""
    _check_same_municipality(organization, position)
    return create_validated(
        Person, organization=organization, position=position, **fields
    )


@transaction.atomic
def update_person(*, person: Person, **fields: Any) -> Person:
    """Change a person; raises ValidationError on bad data. A move to another
    municipality is sent as `person_moved` (the rows copying it follow)."""
    _check_same_municipality(
        fields.get("organization", person.organization),
        fields.get("position", person.position),
    )
    municipality_id = person.municipality_id
    update_validated(person, **fields)
    if person.municipality_id != municipality_id:
        person_moved.send(sender=Person, person=person)
    return person


@transaction.atomic
def delete_person(*, person: Person) -> None:
    """Delete a person; raises ValidationError while other records refer to them."""
    delete_protected(person)


@transaction.atomic
def create_position(*, municipality: Municipality, **fields: Any) -> Position:
    """Add a position to the catalogue; raises ValidationError on a duplicate name."""
    return create_validated(Position, municipality=municipality, **fields)


@transaction.atomic
def update_position(*, position: Position, **fields: Any) -> Position:
    """Change a position; raises ValidationError on a duplicate name."""
    return update_validated(position, **fields)


@transaction.atomic
def delete_position(*, position: Position) -> None:
    """Delete a position; raises ValidationError while people hold it."""
    delete_protected(position)


def record_person_view(*, person: Person, user: Any, channel: str) -> PersonViewLog:
    """Log that an account opened a person's card (152-ФЗ access log)."""
    return PersonViewLog.objects.create(person=person, user=user, channel=channel)


def record_people_access(
    *, people_ids: Iterable[int], user: Any, channel: str
) -> list[PersonViewLog]:
    """Log a bulk read (an export, a page of an API list) of people's data
    (152-ФЗ access log): one row per person, in one INSERT; raises nothing."""
    return PersonViewLog.objects.bulk_create(
        PersonViewLog(person_id=pk, user=user, channel=channel)
        for pk in dict.fromkeys(people_ids)
    )

"""Every write to people and positions."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import services as accounts_services
from accounts.models import Role, User
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


def record_person_view(
    *, person: Person, user: Any, channel: str, source: str = ""
) -> PersonViewLog:
    """Log that an account opened a person's card (152-ФЗ access log); `source`
    is the address it was shown at."""
    return PersonViewLog.objects.create(
        person=person, user=user, channel=channel, source=source[:SOURCE_LENGTH]
    )


def record_people_access(
    *, people_ids: Iterable[int], user: Any, channel: str, source: str = ""
) -> list[PersonViewLog]:
    """Log a bulk read (a list page, an export, a page of an API list) of
    people's data (152-ФЗ access log): one row per person, in one INSERT;
    raises nothing."""
    source = source[:SOURCE_LENGTH]
    return PersonViewLog.objects.bulk_create(
        PersonViewLog(person_id=pk, user=user, channel=channel, source=source)
        for pk in dict.fromkeys(people_ids)
    )


SOURCE_LENGTH = PersonViewLog._meta.get_field("source").max_length or 200
ANONYMISED_SURNAME = "Обезличено"


@transaction.atomic
def anonymise_person(
    *, person: Person, by: Any, today: date, source: str = ""
) -> Person:
    """Remove a person's names and contacts, keep the rest (entries, mentorships,
    plans, documents' numbers, statistics): the names become «Обезличено №id»,
    the contacts are emptied, the person's history and account are scrubbed and
    the anonymisation is logged. Raises ValidationError unless the person is due
    (left the reserve, no active entry, the retention period passed)."""
    if not person.is_due_for_anonymisation(today):
        raise ValidationError(
            _(
                "The person's data cannot be anonymised yet: the person is in the "
                "reserve, has never left it, or the retention period has not passed."
            )
        )
    scrubbed = {
        "last_name": ANONYMISED_SURNAME,
        "first_name": f"№{person.pk}",
        "middle_name": "",
        "email": "",
        "phone": "",
    }
    for name, value in scrubbed.items():
        setattr(person, name, value)
    person.anonymised_at = timezone.now()
    person.save(update_fields=[*scrubbed, "anonymised_at"])
    # django-simple-history keeps every old value: scrub them all.
    person.history.all().update(**scrubbed)
    if person.user is not None:
        accounts_services.anonymise_user(user=person.user)
    record_person_view(
        person=person, user=by, channel=PersonViewLog.Channel.ANONYMISED, source=source
    )
    return person


def _role_scope(role: str, person: Person) -> dict[str, int | None]:
    """A coordinator's role covers the person's municipality, a head's their
    organisation; the other roles follow the linked person."""
    if role == Role.COORDINATOR:
        return {"municipality_id": person.municipality_id}
    if role == Role.HEAD:
        return {"organization_id": person.organization_id}
    return {}


@transaction.atomic
def create_account_for_person(
    *, person: Person, username: str, email: str, roles: list[str], invited_by: User
) -> User:
    """Create the person's account with these roles in the person's scope, link
    it to the person and send the invitation; raises ValidationError when the
    person has an account already, on a taken login or a missing e-mail."""
    locked = Person.objects.select_for_update().get(pk=person.pk)
    if locked.user_id is not None:
        raise ValidationError(_("This person already has an account."))
    user = accounts_services.create_invited_account(
        username=username,
        email=email,
        first_name=person.first_name,
        last_name=person.last_name,
        roles={role: _role_scope(role, person) for role in roles},
    )
    person.user = user
    person.save(update_fields=["user"])
    accounts_services.send_invitation(user=user, invited_by=invited_by)
    return user

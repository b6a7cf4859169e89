"""Anonymisation after the retention period: the rule, what is kept, the history,
the command and the coordinator's button."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from accounts.tests.factories import UserFactory
from people import permissions, services
from people.models import ACTIVE_ENTRY, Person, PersonViewLog, retention_cutoff
from people.tests.factories import PersonFactory
from reserve.models import ReserveEntry
from reserve.tests.factories import ReserveEntryFactory

TODAY = date(2030, 6, 1)


def _left(school, *, on: date, **kwargs) -> Person:
    """A person appointed from the reserve on the day, with an e-mail and an account."""
    person = PersonFactory.create(
        organization=school,
        last_name="Сидоров",
        first_name="Пётр",
        middle_name="Ильич",
        email="sidorov@example.org",
        phone="+7 900 000-00-00",
        user=UserFactory(username="sidorov", email="sidorov@example.org"),
        **kwargs,
    )
    ReserveEntryFactory(
        person=person,
        status=ReserveEntry.Status.APPOINTED,
        appointed_on=on,
        appointed_position="Директор",
    )
    return Person.objects.select_related("organization__municipality", "user").get(
        pk=person.pk
    )


def test_active_status_spelling_matches_the_reserve():
    assert ReserveEntry.Status.ACTIVE == ACTIVE_ENTRY


def test_retention_cutoff_counts_whole_years_and_29_february():
    assert retention_cutoff(years=3, today=date(2030, 6, 1)) == date(2027, 6, 1)
    assert retention_cutoff(years=1, today=date(2028, 2, 29)) == date(2027, 2, 28)


def test_not_before_the_period_passes(school, coordinator):
    person = _left(school, on=date(2027, 6, 2))  # 3 years end tomorrow

    assert not person.is_due_for_anonymisation(TODAY)
    with pytest.raises(ValidationError):
        services.anonymise_person(person=person, by=coordinator, today=TODAY)
    assert Person.objects.get(pk=person.pk).last_name == "Сидоров"


def test_the_municipality_sets_the_period(school, municipality):
    person = _left(school, on=date(2029, 6, 1))
    assert not person.is_due_for_anonymisation(TODAY)
    municipality.personal_data_years = 1
    municipality.save()
    person.organization.municipality.personal_data_years = 1
    assert person.is_due_for_anonymisation(TODAY)


def test_not_with_an_active_entry(school, coordinator):
    person = _left(school, on=date(2020, 1, 1))
    ReserveEntryFactory(person=person)  # back in the reserve

    assert not person.is_due_for_anonymisation(TODAY)
    with pytest.raises(ValidationError):
        services.anonymise_person(person=person, by=coordinator, today=TODAY)


def test_not_someone_never_in_the_reserve(school):
    person = PersonFactory(organization=school)
    assert not person.is_due_for_anonymisation(TODAY)


def test_anonymise_removes_names_and_contacts_and_keeps_the_rest(school, coordinator):
    person = _left(school, on=date(2020, 1, 1))
    entry = person.reserve_entries.get()

    services.anonymise_person(person=person, by=coordinator, today=TODAY)

    person.refresh_from_db()
    assert person.full_name == f"Обезличено №{person.pk}"
    assert (person.email, person.phone, person.middle_name) == ("", "", "")
    assert person.anonymised_at is not None
    # Kept: the organisation, the position, the experience and the reserve entry.
    assert person.organization == school
    entry.refresh_from_db()
    assert (entry.status, entry.appointed_position, entry.basis_number) == (
        ReserveEntry.Status.APPOINTED,
        "Директор",
        entry.basis_number,
    )
    user = person.user
    assert (user.username, user.email, user.is_active) == (
        f"anonymised-{user.pk}",
        "",
        False,
    )
    log = PersonViewLog.objects.get(person=person)
    assert (log.user, log.channel) == (coordinator, PersonViewLog.Channel.ANONYMISED)


def test_anonymise_scrubs_the_history(school, coordinator):
    person = _left(school, on=date(2020, 1, 1))
    services.update_person(person=person, phone="+7 900 111-11-11")

    services.anonymise_person(person=person, by=coordinator, today=TODAY)

    values = set()
    for record in person.history.all():
        values |= {record.last_name, record.first_name, record.email, record.phone}
    for record in person.user.history.all():
        values |= {record.username, record.email, record.first_name}
    assert not values & {"Сидоров", "Пётр", "sidorov@example.org", "sidorov"}
    assert not values & {"+7 900 000-00-00", "+7 900 111-11-11"}


def test_may_anonymise_only_the_coordinator_in_scope(
    school, coordinator, head, stranger
):
    person = _left(school, on=date(2020, 1, 1))
    assert permissions.may_anonymise_person(coordinator, person, TODAY)
    assert not permissions.may_anonymise_person(head, person, TODAY)
    assert not permissions.may_anonymise_person(stranger, person, TODAY)


def test_command_anonymises_the_due_only_and_dry_run_changes_nothing(
    school, time_machine, capsys
):
    time_machine.move_to(TODAY)
    due = _left(school, on=date(2020, 1, 1))
    ReserveEntryFactory(person__organization=school)  # in the reserve

    call_command("anonymise_people", "--dry-run")
    assert "1 people would be anonymised." in capsys.readouterr().out
    assert Person.objects.get(pk=due.pk).last_name == "Сидоров"

    call_command("anonymise_people")
    assert Person.objects.get(pk=due.pk).last_name == "Обезличено"
    log = PersonViewLog.objects.get(person=due)
    assert (log.user, log.source) == (None, "manage.py anonymise_people")
    assert Person.objects.filter(last_name="Обезличено").count() == 1


def test_button_confirms_then_anonymises(client, school, coordinator, time_machine):
    time_machine.move_to(TODAY)
    person = _left(school, on=date(2020, 1, 1))
    client.force_login(coordinator)
    card = client.get(reverse("people:detail", args=[person.pk]))
    url = reverse("people:anonymise", args=[person.pk])
    assert url in card.content.decode()

    assert "Обезличить" in client.get(url).content.decode()
    assert Person.objects.get(pk=person.pk).anonymised_at is None
    response = client.post(url)

    assert response.status_code == 302
    assert Person.objects.get(pk=person.pk).last_name == "Обезличено"


def test_button_is_refused_before_the_period_and_to_others(
    client, school, coordinator, head, time_machine
):
    time_machine.move_to(TODAY)
    person = _left(school, on=date(2029, 1, 1))
    client.force_login(coordinator)
    url = reverse("people:anonymise", args=[person.pk])
    card = client.get(reverse("people:detail", args=[person.pk]))
    assert url not in card.content.decode()
    assert client.post(url).status_code == 403
    client.force_login(head)
    assert client.post(url).status_code == 403
    assert Person.objects.get(pk=person.pk).last_name == "Сидоров"

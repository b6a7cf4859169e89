from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from mentorships.models import Mentorship
from mentorships.services import OrderLine, create_order, register_order
from mentorships.tests.factories import EligibleMentorFactory
from organizations.tests.factories import OrganizationFactory
from people.tests.factories import PersonFactory
from reserve import services
from reserve.models import ReserveEntry
from reserve.tests.factories import ReserveEntryFactory, TargetPositionFactory

pytestmark = pytest.mark.django_db

TODAY = date(2027, 1, 15)


@pytest.fixture(autouse=True)
def today():
    """15 January 2027: appointment and exclusion dates are checked against it."""
    with time_machine.travel(datetime(2027, 1, 15, 5, tzinfo=UTC), tick=False):
        yield TODAY


def _include(person, **kwargs):
    target = TargetPositionFactory(municipality=person.organization.municipality)
    data = {
        "person": person,
        "target_position": target,
        "basis_number": "12-р",
        "basis_date": date(2026, 9, 1),
        "included_on": date(2026, 9, 1),
    }
    return services.include_in_reserve(**{**data, **kwargs})


def test_include_in_reserve_defaults_the_term_to_the_municipality_setting(school):
    school.municipality.reserve_term_years = 2
    school.municipality.save()
    entry = _include(PersonFactory(organization=school))
    assert entry.status == ReserveEntry.Status.ACTIVE
    assert entry.term_until == date(2028, 9, 1)


def test_include_in_reserve_refuses_a_second_active_entry(school):
    person = PersonFactory(organization=school)
    _include(person)
    with pytest.raises(ValidationError):
        _include(person)
    assert ReserveEntry.objects.count() == 1


def test_include_in_reserve_refuses_a_target_position_of_another_municipality(school):
    person = PersonFactory(organization=school)
    foreign = TargetPositionFactory(municipality__name="Elsewhere")
    with pytest.raises(ValidationError) as e:
        _include(person, target_position=foreign)
    assert "target_position" in e.value.message_dict


def test_include_in_reserve_refuses_a_term_ending_before_inclusion(school):
    with pytest.raises(ValidationError):
        _include(PersonFactory(organization=school), term_until=date(2026, 8, 1))
    assert not ReserveEntry.objects.exists()


def test_include_in_reserve_refuses_a_basis_dated_after_inclusion(school):
    with pytest.raises(ValidationError) as e:
        _include(PersonFactory(organization=school), basis_date=date(2026, 10, 1))
    assert "basis_date" in e.value.message_dict


def test_add_years_moves_29_february_to_28():
    assert services.add_years(date(2028, 2, 29), 3) == date(2031, 2, 28)


def _active_mentorship(school):
    entry = ReserveEntryFactory(person__organization=school)
    mentor = EligibleMentorFactory(organization=school)
    order = create_order(
        organization=school,
        number="1",
        date=date(2026, 9, 10),
        signatory_name="A",
        signatory_position="Директор",
        lines=[OrderLine(mentor, entry, date(2026, 9, 10), date(2027, 9, 10))],
    )
    register_order(order=order)
    return entry, order.mentorships.get()


def test_appoint_reservist_ends_the_mentorship(school):
    entry, mentorship = _active_mentorship(school)
    services.appoint_reservist(
        entry=entry, position_name="Директор", appointed_on=date(2026, 12, 1)
    )
    entry.refresh_from_db()
    mentorship.refresh_from_db()
    assert entry.status == ReserveEntry.Status.APPOINTED
    assert entry.appointed_on == date(2026, 12, 1)
    assert mentorship.status == Mentorship.Status.ENDED
    assert mentorship.end_reason == Mentorship.EndReason.APPOINTED
    assert mentorship.ended_on == date(2026, 12, 1)


def test_exclude_reservist_ends_the_mentorship_and_needs_a_reason(school):
    entry, mentorship = _active_mentorship(school)
    with pytest.raises(ValidationError):
        services.exclude_reservist(
            entry=entry, excluded_on=date(2026, 12, 1), reason=" "
        )
    services.exclude_reservist(
        entry=entry, excluded_on=date(2026, 12, 1), reason="По собственному желанию"
    )
    mentorship.refresh_from_db()
    assert mentorship.end_reason == Mentorship.EndReason.EXCLUDED


def test_ending_an_entry_twice_is_refused(school):
    entry = ReserveEntryFactory(person__organization=school)
    services.exclude_reservist(entry=entry, excluded_on=date(2026, 12, 1), reason="X")
    with pytest.raises(ValidationError):
        services.appoint_reservist(
            entry=entry, position_name="Директор", appointed_on=date(2026, 12, 2)
        )


def test_update_reserve_entry_refuses_an_ended_entry(school):
    entry = ReserveEntryFactory(person__organization=school)
    services.exclude_reservist(entry=entry, excluded_on=date(2026, 12, 1), reason="X")
    with pytest.raises(ValidationError):
        services.update_reserve_entry(entry=entry, basis_number="2")


def test_target_position_names_are_unique_per_municipality(municipality):
    services.create_target_position(municipality=municipality, name="Заведующий")
    with pytest.raises(ValidationError):
        services.create_target_position(municipality=municipality, name="Заведующий")
    other = OrganizationFactory(municipality__name="Elsewhere").municipality
    services.create_target_position(municipality=other, name="Заведующий")


def test_update_reserve_entry_refuses_a_basis_dated_after_inclusion(school):
    entry = ReserveEntryFactory(person__organization=school)
    with pytest.raises(ValidationError) as e:
        services.update_reserve_entry(entry=entry, basis_date=date(2026, 10, 1))
    assert "basis_date" in e.value.message_dict
    entry.refresh_from_db()
    assert entry.basis_date == date(2026, 9, 1)


def test_update_reserve_entry_refuses_a_target_position_of_another_municipality(
    school,
):
    entry = ReserveEntryFactory(person__organization=school)
    foreign = TargetPositionFactory(municipality__name="Elsewhere")
    with pytest.raises(ValidationError) as e:
        services.update_reserve_entry(entry=entry, target_position=foreign)
    assert "target_position" in e.value.message_dict
    entry.refresh_from_db()
    assert entry.target_position != foreign


def test_update_reserve_entry_changes_the_target_position_within_the_municipality(
    school,
):
    entry = ReserveEntryFactory(person__organization=school)
    other = TargetPositionFactory(municipality=school.municipality)
    services.update_reserve_entry(entry=entry, target_position=other)
    entry.refresh_from_db()
    assert entry.target_position == other


@pytest.mark.parametrize(
    ("end", "field"),
    [
        (
            lambda entry, on: services.appoint_reservist(
                entry=entry, position_name="Директор", appointed_on=on
            ),
            "appointed_on",
        ),
        (
            lambda entry, on: services.exclude_reservist(
                entry=entry, excluded_on=on, reason="X"
            ),
            "excluded_on",
        ),
    ],
)
def test_ending_an_entry_refuses_a_future_date(school, today, end, field):
    entry, mentorship = _active_mentorship(school)
    with pytest.raises(ValidationError) as e:
        end(entry, date(2027, 1, 16))
    assert field in e.value.message_dict
    entry.refresh_from_db()
    mentorship.refresh_from_db()
    assert entry.status == ReserveEntry.Status.ACTIVE
    assert mentorship.status == Mentorship.Status.ACTIVE
    end(entry, today)
    entry.refresh_from_db()
    assert entry.status != ReserveEntry.Status.ACTIVE


def test_ending_an_entry_reads_the_status_from_the_database(school):
    """A stale copy (another request excluded the reservist meanwhile) cannot
    appoint them as well."""
    entry = ReserveEntryFactory(person__organization=school)
    stale = ReserveEntry.objects.get(pk=entry.pk)
    services.exclude_reservist(entry=entry, excluded_on=date(2026, 12, 1), reason="X")
    with pytest.raises(ValidationError):
        services.appoint_reservist(
            entry=stale, position_name="Директор", appointed_on=date(2026, 12, 2)
        )
    entry.refresh_from_db()
    assert (entry.status, entry.appointed_position) == ("excluded", "")


def test_add_years_refuses_a_year_past_9999():
    with pytest.raises(ValidationError) as e:
        services.add_years(date(9998, 6, 1), 3)
    assert "term_until" in e.value.message_dict


def test_include_in_reserve_refuses_a_default_term_past_9999(school):
    with pytest.raises(ValidationError) as e:
        _include(
            PersonFactory(organization=school),
            basis_date=date(9999, 1, 1),
            included_on=date(9999, 1, 1),
        )
    assert "term_until" in e.value.message_dict
    assert not ReserveEntry.objects.exists()

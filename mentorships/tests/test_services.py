from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from mentorships import services
from mentorships.models import MentorOrder, MentorReadiness, Mentorship
from mentorships.services import OrderLine
from mentorships.tests.factories import EligibleMentorFactory
from people.tests.factories import PersonFactory, PositionFactory
from reserve.tests.factories import ReserveEntryFactory

pytestmark = pytest.mark.django_db

START, END = date(2026, 9, 10), date(2027, 9, 10)


def _order(school, lines, number="1", day=START):
    return services.create_order(
        organization=school,
        number=number,
        date=day,
        signatory_name="Кузнецов Андрей Петрович",
        signatory_position="Директор",
        lines=lines,
    )


def _line(mentor, entry, start=START, end=END):
    return OrderLine(mentor, entry, start, end)


def test_eligible_mentor_has_no_failures(school):
    assert (
        services.eligibility_failures(EligibleMentorFactory(organization=school)) == []
    )


def test_eligibility_names_every_failed_condition(school):
    teacher = PersonFactory(organization=school, management_experience=Decimal("1"))
    failures = services.eligibility_failures(teacher)
    assert len(failures) == 3
    assert all(teacher.full_name in f for f in failures)


def test_eligibility_uses_the_municipality_threshold(school):
    mentor = EligibleMentorFactory(
        organization=school, management_experience=Decimal("4")
    )
    assert services.eligibility_failures(mentor) == []
    school.municipality.mentor_min_experience = Decimal("5")
    school.municipality.save()
    mentor.refresh_from_db()
    assert len(services.eligibility_failures(mentor)) == 1


def test_confirm_readiness_records_and_updates_the_date(school):
    person = PersonFactory(organization=school)
    services.confirm_readiness(person=person, confirmed_on=date(2026, 9, 1))
    services.confirm_readiness(
        person=person, confirmed_on=date(2026, 9, 2), note="Заявление"
    )
    readiness = MentorReadiness.objects.get(person=person)
    assert (readiness.confirmed_on, readiness.note) == (date(2026, 9, 2), "Заявление")


def test_confirm_readiness_refuses_a_future_date(school):
    with pytest.raises(ValidationError):
        services.confirm_readiness(
            person=PersonFactory(organization=school), confirmed_on=date(2999, 1, 1)
        )


def test_create_order_makes_pending_mentorships_and_register_activates(school):
    mentor = EligibleMentorFactory(organization=school)
    entries = ReserveEntryFactory.create_batch(2, person__organization=school)
    order = _order(school, [_line(mentor, e) for e in entries])
    assert order.status == MentorOrder.Status.DRAFT
    assert set(order.mentorships.values_list("status", flat=True)) == {"pending"}
    services.register_order(order=order)
    order.refresh_from_db()
    assert order.status == MentorOrder.Status.REGISTERED
    assert order.registered_at is not None
    assert set(order.mentorships.values_list("status", flat=True)) == {"active"}


def test_register_order_twice_is_refused(school):
    order = _order(
        school,
        [
            _line(
                EligibleMentorFactory(organization=school),
                ReserveEntryFactory(person__organization=school),
            )
        ],
    )
    services.register_order(order=order)
    with pytest.raises(ValidationError):
        services.register_order(order=order)


def test_create_order_refuses_an_ineligible_mentor_and_saves_nothing(school):
    teacher = PersonFactory(organization=school)
    entry = ReserveEntryFactory(person__organization=school)
    with pytest.raises(ValidationError) as e:
        _order(school, [_line(teacher, entry)])
    assert len(e.value.messages) == 3
    assert not MentorOrder.objects.exists()
    assert not Mentorship.objects.exists()


def test_create_order_refuses_a_mentor_over_the_load(school):
    school.municipality.mentor_max_load = 2
    school.municipality.save()
    mentor = EligibleMentorFactory(organization=school)
    entries = ReserveEntryFactory.create_batch(3, person__organization=school)
    with pytest.raises(ValidationError) as e:
        _order(school, [_line(mentor, e) for e in entries])
    assert len(e.value.messages) == 1
    assert not MentorOrder.objects.exists()


def test_load_counts_current_mentorships_of_earlier_orders(school):
    school.municipality.mentor_max_load = 1
    school.municipality.save()
    mentor = EligibleMentorFactory(organization=school)
    first, second = ReserveEntryFactory.create_batch(2, person__organization=school)
    _order(school, [_line(mentor, first)])
    with pytest.raises(ValidationError):
        _order(school, [_line(mentor, second)], number="2")


def test_create_order_refuses_a_reservist_not_in_the_reserve(school):
    from reserve.services import exclude_reservist

    entry = ReserveEntryFactory(person__organization=school)
    exclude_reservist(entry=entry, excluded_on=date(2026, 9, 5), reason="X")
    with pytest.raises(ValidationError):
        _order(school, [_line(EligibleMentorFactory(organization=school), entry)])


def test_create_order_refuses_a_reservist_of_another_organisation(school, other_school):
    entry = ReserveEntryFactory(person__organization=other_school)
    with pytest.raises(ValidationError):
        _order(school, [_line(EligibleMentorFactory(organization=school), entry)])


def test_create_order_refuses_the_same_reservist_twice(school):
    entry = ReserveEntryFactory(person__organization=school)
    mentors = EligibleMentorFactory.create_batch(2, organization=school)
    with pytest.raises(ValidationError):
        _order(school, [_line(mentors[0], entry), _line(mentors[1], entry)])


def test_create_order_refuses_end_before_start(school):
    with pytest.raises(ValidationError):
        _order(
            school,
            [
                _line(
                    EligibleMentorFactory(organization=school),
                    ReserveEntryFactory(person__organization=school),
                    start=END,
                    end=START,
                )
            ],
        )


def test_create_order_refuses_an_empty_order(school):
    with pytest.raises(ValidationError):
        _order(school, [])


def test_duplicate_order_number_in_the_same_year_is_refused(school):
    mentor = EligibleMentorFactory(organization=school)
    a, b, c = ReserveEntryFactory.create_batch(3, person__organization=school)
    _order(school, [_line(mentor, a)], number="15")
    with pytest.raises(ValidationError):
        _order(school, [_line(mentor, b)], number="15")
    _order(school, [_line(mentor, c)], number="15", day=date(2027, 1, 10))
    assert MentorOrder.objects.count() == 2


def test_a_second_pending_mentor_is_refused(school):
    entry = ReserveEntryFactory(person__organization=school)
    mentors = EligibleMentorFactory.create_batch(2, organization=school)
    _order(school, [_line(mentors[0], entry)])
    with pytest.raises(ValidationError):
        _order(school, [_line(mentors[1], entry)], number="2")


def test_a_new_order_replaces_the_active_mentor_on_registration(school):
    entry = ReserveEntryFactory(person__organization=school)
    old_mentor, new_mentor = EligibleMentorFactory.create_batch(2, organization=school)
    services.register_order(order=_order(school, [_line(old_mentor, entry)]))
    replacing = _order(
        school, [_line(new_mentor, entry, start=date(2026, 12, 1))], number="2"
    )
    old = Mentorship.objects.get(mentor=old_mentor)
    assert old.status == Mentorship.Status.ACTIVE  # until the new order is registered
    services.register_order(order=replacing)
    old.refresh_from_db()
    assert old.status == Mentorship.Status.ENDED
    assert old.end_reason == Mentorship.EndReason.REPLACED
    assert old.ended_on == date(2026, 12, 1)
    new = Mentorship.objects.get(mentor=new_mentor)
    assert new.status == Mentorship.Status.ACTIVE
    assert new.replaces == old
    assert entry.mentorships.filter(status="active").count() == 1


def test_the_same_mentor_cannot_be_appointed_again(school):
    entry = ReserveEntryFactory(person__organization=school)
    mentor = EligibleMentorFactory(organization=school)
    services.register_order(order=_order(school, [_line(mentor, entry)]))
    with pytest.raises(ValidationError):
        _order(school, [_line(mentor, entry)], number="2")


def test_register_refuses_when_the_mentor_is_no_longer_eligible(school):
    mentor = EligibleMentorFactory(organization=school)
    order = _order(
        school, [_line(mentor, ReserveEntryFactory(person__organization=school))]
    )
    mentor.position = PositionFactory(municipality=school.municipality, name="Учитель")
    mentor.save()
    with pytest.raises(ValidationError):
        services.register_order(order=order)
    assert order.mentorships.get().status == Mentorship.Status.PENDING


def test_delete_order_only_while_draft(school):
    order = _order(
        school,
        [
            _line(
                EligibleMentorFactory(organization=school),
                ReserveEntryFactory(person__organization=school),
            )
        ],
    )
    services.register_order(order=order)
    with pytest.raises(ValidationError):
        services.delete_order(order=order)
    draft = _order(
        school,
        [
            _line(
                EligibleMentorFactory(organization=school),
                ReserveEntryFactory(person__organization=school),
            )
        ],
        number="2",
    )
    services.delete_order(order=draft)
    assert not MentorOrder.objects.filter(pk=draft.pk).exists()


def test_end_mentorship_and_withdraw_readiness(school):
    mentor = EligibleMentorFactory(organization=school)
    order = _order(
        school, [_line(mentor, ReserveEntryFactory(person__organization=school))]
    )
    services.register_order(order=order)
    with pytest.raises(ValidationError):
        services.withdraw_readiness(person=mentor)
    mentorship = order.mentorships.get()
    with pytest.raises(ValidationError):
        services.end_mentorship(
            mentorship=mentorship, ended_on=date(2026, 1, 1), reason="completed"
        )
    services.end_mentorship(
        mentorship=mentorship, ended_on=date(2027, 6, 1), reason="completed"
    )
    services.withdraw_readiness(person=mentor)
    assert not MentorReadiness.objects.filter(person=mentor).exists()


def test_attach_scan_accepts_a_pdf_and_refuses_a_disguised_file(school):
    order = _order(
        school,
        [
            _line(
                EligibleMentorFactory(organization=school),
                ReserveEntryFactory(person__organization=school),
            )
        ],
    )
    services.attach_scan(
        order=order, file=SimpleUploadedFile("scan.pdf", b"%PDF-1.4 test")
    )
    assert order.scan.name.endswith(".pdf")
    with pytest.raises(ValidationError):
        services.attach_scan(
            order=order, file=SimpleUploadedFile("x.pdf", b"not a pdf")
        )
    with pytest.raises(ValidationError):
        services.attach_scan(order=order, file=SimpleUploadedFile("empty.pdf", b""))


def test_attach_scan_refuses_a_file_over_the_limit(school, monkeypatch):
    monkeypatch.setattr(services, "SCAN_MAX_SIZE", 10)
    order = _order(
        school,
        [
            _line(
                EligibleMentorFactory(organization=school),
                ReserveEntryFactory(person__organization=school),
            )
        ],
    )
    with pytest.raises(ValidationError):
        services.attach_scan(
            order=order, file=SimpleUploadedFile("s.pdf", b"%PDF-" + b"x" * 20)
        )

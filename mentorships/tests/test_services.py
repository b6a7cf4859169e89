import re
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mentorships import services
from mentorships.models import MentorOrder, MentorReadiness, Mentorship, OrderTemplate
from mentorships.services import OrderLine
from mentorships.tests.factories import EligibleMentorFactory
from people.tests.factories import PersonFactory, PositionFactory
from reserve.tests.factories import ReserveEntryFactory

pytestmark = pytest.mark.django_db

START, END = date(2026, 9, 10), date(2027, 9, 10)
TODAY = date(2027, 7, 1)


@pytest.fixture(autouse=True)
def today():
    """1 July 2027, within the mentorships of the tests (ending dates are checked
    against today)."""
    with time_machine.travel(datetime(2027, 7, 1, 5, tzinfo=UTC), tick=False):
        yield TODAY


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


def test_end_mentorship_refuses_a_future_date(school):
    mentorship = _registered(school).mentorships.get()
    with pytest.raises(ValidationError) as e:
        services.end_mentorship(
            mentorship=mentorship, ended_on=date(2027, 7, 2), reason="completed"
        )
    assert "ended_on" in e.value.message_dict
    mentorship.refresh_from_db()
    assert mentorship.status == Mentorship.Status.ACTIVE


def test_end_mentorship_accepts_today(school, today):
    mentorship = _registered(school).mentorships.get()
    services.end_mentorship(mentorship=mentorship, ended_on=today, reason="completed")
    mentorship.refresh_from_db()
    assert (mentorship.status, mentorship.ended_on) == ("ended", today)


def test_end_mentorship_reads_the_status_from_the_database(school):
    """A stale copy (another request ended it meanwhile) cannot end it again."""
    mentorship = _registered(school).mentorships.get()
    stale = Mentorship.objects.get(pk=mentorship.pk)
    services.end_mentorship(
        mentorship=mentorship, ended_on=date(2027, 6, 1), reason="completed"
    )
    with pytest.raises(ValidationError):
        services.end_mentorship(
            mentorship=stale, ended_on=date(2027, 6, 2), reason="other"
        )
    mentorship.refresh_from_db()
    assert (mentorship.ended_on, mentorship.end_reason) == (
        date(2027, 6, 1),
        "completed",
    )


def _registered(school, mentor=None, entry=None, number="1"):
    order = _order(
        school,
        [
            _line(
                mentor or EligibleMentorFactory(organization=school),
                entry or ReserveEntryFactory(person__organization=school),
            )
        ],
        number=number,
    )
    return services.register_order(order=order)


def test_register_order_rechecks_the_load_limit(school):
    mentor = EligibleMentorFactory(organization=school)
    entries = ReserveEntryFactory.create_batch(2, person__organization=school)
    order = _order(school, [_line(mentor, e) for e in entries])
    school.municipality.mentor_max_load = 1
    school.municipality.save()

    with pytest.raises(ValidationError) as e:
        services.register_order(order=MentorOrder.objects.get(pk=order.pk))

    assert len(e.value.messages) == 1
    assert set(order.mentorships.values_list("status", flat=True)) == {"pending"}
    order.refresh_from_db()
    assert order.status == MentorOrder.Status.DRAFT


def test_register_order_counts_active_mentorships_of_other_orders(school):
    school.municipality.mentor_max_load = 2
    school.municipality.save()
    mentor = EligibleMentorFactory(organization=school)
    first, second = ReserveEntryFactory.create_batch(2, person__organization=school)
    _registered(school, mentor, first)
    order = _order(school, [_line(mentor, second)], number="2")
    school.municipality.mentor_max_load = 1
    school.municipality.save()

    with pytest.raises(ValidationError):
        services.register_order(order=order)


def test_register_order_leaves_out_the_mentorships_it_replaces(school):
    """The mentor hands one reservist over and takes another in the same order:
    the ending mentorship does not count against the limit."""
    mentor, successor = EligibleMentorFactory.create_batch(2, organization=school)
    handed_over, taken = ReserveEntryFactory.create_batch(
        2, person__organization=school
    )
    _registered(school, mentor, handed_over)
    order = _order(
        school,
        [_line(successor, handed_over), _line(mentor, taken)],
        number="2",
    )
    school.municipality.mentor_max_load = 1
    school.municipality.save()

    services.register_order(order=MentorOrder.objects.get(pk=order.pk))

    assert list(
        Mentorship.objects.filter(mentor=mentor, status="active").values_list(
            "reserve_entry", flat=True
        )
    ) == [taken.pk]


def test_create_order_locks_the_mentors_before_counting_their_load(school):
    """On PostgreSQL two concurrent orders for one mentor wait for each other."""
    if not connection.features.has_select_for_update:
        pytest.skip("SQLite locks the whole database on write")
    mentors = EligibleMentorFactory.create_batch(2, organization=school)
    entries = ReserveEntryFactory.create_batch(2, person__organization=school)
    with CaptureQueriesContext(connection) as queries:
        _order(school, [_line(m, e) for m, e in zip(mentors, entries, strict=True)])
    sql = [q["sql"] for q in queries.captured_queries]
    lock = next(i for i, q in enumerate(sql) if "FOR UPDATE" in q)
    assert '"people_person"' in sql[lock]
    assert re.search(r"ORDER BY .*people_person.*id", sql[lock])
    load = next(i for i, q in enumerate(sql) if "COUNT(" in q)
    assert lock < load


def _order_queries(school, n: int) -> int:
    mentors = EligibleMentorFactory.create_batch(n, organization=school)
    entries = ReserveEntryFactory.create_batch(n, person__organization=school)
    lines = [_line(m, e) for m, e in zip(mentors, entries, strict=True)]
    with CaptureQueriesContext(connection) as queries:
        _order(school, lines, number=str(n))
    return len(queries.captured_queries)


def test_create_order_checks_all_lines_in_a_fixed_number_of_queries(school):
    """Checks cost the same for any number of lines; each line adds only its two
    inserts (the mentorship and its history row). 2 lines: 14 queries, 6: 22
    (before: 41 and 109, about 17 a line)."""
    two, six = _order_queries(school, 2), _order_queries(school, 6)

    assert six - two <= 4 * 2
    assert two <= 16


def test_create_order_uses_the_mentors_readiness_from_the_database(school):
    """A stale copy of the mentor does not hide a withdrawn readiness."""
    mentor = EligibleMentorFactory(organization=school)
    MentorReadiness.objects.filter(person=mentor).delete()
    with pytest.raises(ValidationError) as e:
        _order(
            school, [_line(mentor, ReserveEntryFactory(person__organization=school))]
        )
    assert len(e.value.messages) == 1


def _draft(school):
    return _order(
        school,
        [
            _line(
                EligibleMentorFactory(organization=school),
                ReserveEntryFactory(person__organization=school),
            )
        ],
    )


@pytest.mark.parametrize(
    ("name", "content", "extension"),
    [
        ("scan.pdf", b"%PDF-1.4 test", ".pdf"),
        ("page.html", b"%PDF-1.4 <html><script>", ".pdf"),
        ("photo.pdf", b"\xff\xd8\xff\xe0 jpeg", ".jpg"),
        ("photo.PNG.exe", b"\x89PNG\r\n\x1a\n png", ".png"),
    ],
)
def test_attach_scan_stores_a_random_name_with_the_extension_of_the_content(
    school, name, content, extension
):
    order = services.attach_scan(
        order=_draft(school), file=SimpleUploadedFile(name, content)
    )

    stored = order.scan.name.rsplit("/", 1)[-1]
    assert re.fullmatch(r"[0-9a-f]{32}" + re.escape(extension), stored)
    assert order.scan.storage.exists(order.scan.name)


def test_attach_scan_deletes_the_previous_file_only_on_commit(
    school, django_capture_on_commit_callbacks
):
    order = services.attach_scan(
        order=_draft(school), file=SimpleUploadedFile("a.pdf", b"%PDF-1 first")
    )
    old, storage = order.scan.name, order.scan.storage

    with django_capture_on_commit_callbacks() as callbacks:
        services.attach_scan(
            order=order, file=SimpleUploadedFile("b.pdf", b"%PDF-1 second")
        )
        assert storage.exists(old)  # the row may still roll back to it

    assert len(callbacks) == 1
    callbacks[0]()
    assert not storage.exists(old)
    assert storage.exists(order.scan.name)


def test_attach_scan_keeps_the_previous_file_when_refused(
    school, django_capture_on_commit_callbacks
):
    order = services.attach_scan(
        order=_draft(school), file=SimpleUploadedFile("a.pdf", b"%PDF-1 first")
    )
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(ValidationError):
            services.attach_scan(
                order=order, file=SimpleUploadedFile("b.pdf", b"<html>")
            )
    assert callbacks == []
    assert order.scan.storage.exists(order.scan.name)


def _template_upload(name="Мой шаблон.docm"):
    from mentorships.documents import BUILTIN_DOCX

    return SimpleUploadedFile(name, BUILTIN_DOCX.read_bytes())


def test_save_order_template_stores_a_random_docx_name_and_replaces_on_commit(
    school, django_capture_on_commit_callbacks
):
    municipality = school.municipality
    with django_capture_on_commit_callbacks(execute=True):
        first = services.save_order_template(
            municipality=municipality, organization=None, file=_template_upload()
        )
    old, storage = first.file.name, first.file.storage
    assert re.fullmatch(r"[0-9a-f]{32}\.docx", old.rsplit("/", 1)[-1])

    with django_capture_on_commit_callbacks() as callbacks:
        second = services.save_order_template(
            municipality=municipality, organization=None, file=_template_upload()
        )
        assert storage.exists(old)

    for callback in callbacks:
        callback()
    assert not storage.exists(old)
    assert storage.exists(second.file.name)
    assert OrderTemplate.objects.get().file.name == second.file.name


def test_delete_order_template_deletes_the_file_on_commit(
    school, django_capture_on_commit_callbacks
):
    template = services.save_order_template(
        municipality=school.municipality, organization=None, file=_template_upload()
    )
    name, storage = template.file.name, template.file.storage

    with django_capture_on_commit_callbacks(execute=True):
        services.delete_order_template(template=template)

    assert not OrderTemplate.objects.exists()
    assert not storage.exists(name)

"""The writes of events and involvements, and what they refuse."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from events import services
from events.models import Event, EventKind, Involvement
from events.tests.conftest import at, make_event
from plans.models import PlanItem
from plans.tests.factories import IndividualPlanFactory, PlanItemFactory
from reserve.tests.factories import ReserveEntryFactory

PDF = b"%PDF-1.4\n% test\n"


def test_a_new_municipality_gets_the_default_kinds(municipality):
    names = list(
        EventKind.objects.filter(municipality=municipality).values_list(
            "name", flat=True
        )
    )
    assert names == [
        "Служебное совещание",
        "Семинар",
        "Конференция",
        "Педагогический совет",
        "Методическое объединение",
        "Вебинар",
    ]


def test_add_kind_refuses_a_second_of_the_same_name(municipality):
    services.add_kind(municipality=municipality, name="Круглый стол")
    with pytest.raises(ValidationError, match="Такой вид мероприятия уже есть"):
        services.add_kind(municipality=municipality, name="круглый стол")


def test_create_event_refuses_an_end_before_the_start(school):
    with pytest.raises(ValidationError) as e:
        services.create_event(
            data=services.EventData(
                kind=EventKind.objects.get(
                    municipality=school.municipality, name="Семинар"
                ),
                title="Семинар",
                starts_at=at(14, 12),
                ends_at=at(14, 10),
                place="Зал",
            ),
            organization=school,
        )
    assert "ends_at" in e.value.error_dict
    assert not Event.objects.exists()


def test_update_event_refuses_dates_that_leave_a_deadline_after_it(involvement):
    event = involvement.event
    with pytest.raises(ValidationError):
        services.update_event(event=event, starts_at=at(10, 10), ends_at=at(10, 12))
    event.refresh_from_db()
    assert event.starts_at == at(14, 10)


def test_involve_refuses_a_deadline_after_the_event(seminar, mentorship, mentor):
    with pytest.raises(ValidationError) as e:
        services.involve(
            event=seminar,
            mentorship=mentorship,
            degree="speaker",
            prepare_by=date(2027, 1, 20),
            by=mentor,
        )
    assert "prepare_by" in e.value.error_dict
    assert not Involvement.objects.exists()


def test_involve_refuses_the_same_reservist_twice(involvement, mentorship, mentor):
    with pytest.raises(ValidationError) as e:
        services.involve(
            event=involvement.event, mentorship=mentorship, degree="listener", by=mentor
        )
    assert "уже участвует" in str(e.value)
    assert Involvement.objects.count() == 1


def test_invite_many_saves_nothing_when_one_is_involved(involvement, coordinator):
    other = services.invite_many
    fresh = ReserveEntryFactory(person__organization=involvement.event.organization)
    with pytest.raises(ValidationError):
        other(
            event=involvement.event,
            entries=[fresh, involvement.reserve_entry],
            degree="listener",
            by=coordinator,
        )
    assert Involvement.objects.count() == 1


def test_decline_needs_a_reason(involvement):
    with pytest.raises(ValidationError):
        services.respond(involvement=involvement, accept=False, reason=" ")
    services.respond(involvement=involvement, accept=False, reason="Болею")
    involvement.refresh_from_db()
    assert involvement.status == "declined"
    assert involvement.responded_at is not None


def test_outcome_refuses_a_file_that_lies_about_its_type(involvement):
    services.respond(involvement=involvement, accept=True)
    fake = SimpleUploadedFile("theses.pdf", b"GIF89a not a pdf")
    with pytest.raises(ValidationError):
        services.record_outcome(involvement=involvement, text="Тезисы", file=fake)
    involvement.refresh_from_db()
    assert involvement.outcome_text == ""
    assert not involvement.outcome_file


def test_attendance_makes_the_linked_item_done_and_confirmed(
    involvement, plan_item, mentor
):
    Involvement.objects.filter(pk=involvement.pk).update(plan_item=plan_item)
    involvement.refresh_from_db()
    services.respond(involvement=involvement, accept=True)
    services.record_outcome(
        involvement=involvement,
        text="Тезисы доклада",
        file=SimpleUploadedFile("theses.pdf", PDF),
    )
    services.mark_attendance(
        involvement=involvement,
        attended=True,
        feedback="Хорошо",
        by=mentor,
        confirm=True,
    )
    plan_item.refresh_from_db()
    assert plan_item.status == PlanItem.Status.DONE
    assert plan_item.done_on == date(2027, 1, 14)
    assert "Тезисы доклада" in plan_item.evidence_text
    assert plan_item.confirmed_at is not None
    assert plan_item.version > 1
    assert [f.original_name for f in plan_item.files.all()] == ["theses.pdf"]


def test_attendance_says_why_an_unapproved_plan_cannot_take_the_mark(
    involvement, mentor, mentorship
):
    draft = IndividualPlanFactory(reserve_entry=mentorship.reserve_entry)
    item = PlanItemFactory(plan=draft)
    Involvement.objects.filter(pk=involvement.pk).update(plan_item=item)
    involvement.refresh_from_db()
    with pytest.raises(ValidationError, match="план не утверждён"):
        services.mark_attendance(involvement=involvement, attended=True, by=mentor)
    involvement.refresh_from_db()
    assert involvement.attendance == ""
    # Without the item the attendance is marked.
    services.mark_attendance(
        involvement=involvement, attended=True, by=mentor, complete_item=False
    )
    item.refresh_from_db()
    assert item.status == PlanItem.Status.PLANNED


def test_attendance_waits_for_the_event(mentor, mentorship, school):
    future = make_event(organization=school, day=20)
    made = services.involve(
        event=future, mentorship=mentorship, degree="listener", by=mentor
    )
    with pytest.raises(ValidationError, match="после начала мероприятия"):
        services.mark_attendance(involvement=made, attended=True, by=mentor)


def test_delete_event_refuses_one_with_involvements(involvement):
    with pytest.raises(ValidationError):
        services.delete_event(event=involvement.event)
    assert Event.objects.exists()

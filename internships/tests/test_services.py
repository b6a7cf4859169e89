"""The services of internships: every write, its rules and its Russian refusals."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from internships import services
from internships.models import Internship, InternshipForm, InternshipTask
from internships.tests.factories import first_form, make_internship
from organizations.tests.factories import MunicipalityFactory
from people.tests.factories import PersonFactory
from plans import services as plan_services
from plans.models import PlanItem
from plans.tests.factories import (
    IndividualPlanFactory,
    PlanItemFactory,
    make_eligible,
    make_mentorship,
)


def _messages(error: ValidationError) -> str:
    with translation.override("ru"):
        return " ".join(error.messages)


def _create(mentorship, **changes):
    host = changes.pop("host", mentorship.reserve_entry.person.organization)
    data = {
        "mentorship": mentorship,
        "form": first_form(host),
        "host_organization": host,
        "supervisor": PersonFactory(organization=host),
        "starts_on": date(2027, 1, 10),
        "ends_on": date(2027, 2, 10),
        **changes,
    }
    return services.create_internship(**data)


def _conclude(internship, by, on=date(2027, 1, 15)):
    return services.write_conclusion(
        internship=internship,
        by=by,
        work_done="Провёл совещание",
        assessment=Internship.Assessment.GOOD,
        recommendation="Продолжить подготовку",
        concluded_on=on,
    )


# The forms catalogue -----------------------------------------------------------------


def test_a_new_municipality_gets_the_default_forms(db):
    municipality = MunicipalityFactory()
    names = list(municipality.internship_forms.values_list("name", flat=True))
    assert names == [
        "На рабочем месте руководителя своей образовательной организации",
        "В другой образовательной организации",
        "В органе управления образованием",
        "Выездная",
        "Дистанционная",
    ]
    assert services.add_default_forms(municipality=municipality) == []


def test_a_form_name_repeats_with_a_russian_message(municipality):
    with pytest.raises(ValidationError) as e:
        services.create_internship_form(municipality=municipality, name="Выездная")
    assert "Форма стажировки с таким названием уже есть" in _messages(e.value)
    assert municipality.internship_forms.count() == 5


def test_a_form_is_added_last_and_can_be_withdrawn(municipality):
    form = services.create_internship_form(municipality=municipality, name="Сетевая")
    assert form.position == 6
    services.update_internship_form(form=form, name="Сетевая", is_active=False)
    assert not InternshipForm.objects.get(pk=form.pk).is_active


# Creating and changing ---------------------------------------------------------------


def test_create_sets_a_planned_internship(mentorship, other_school):
    internship = _create(mentorship, host=other_school)
    assert internship.status == Internship.Status.PLANNED
    assert internship.mentor_id == mentorship.mentor_id
    assert internship.municipality_id == other_school.municipality_id
    assert internship.history.count() == 1


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "message"),
    [
        (date(2027, 2, 10), date(2027, 1, 10), "не может закончиться раньше"),
        (date(2026, 8, 1), date(2026, 9, 10), "раньше включения резервиста в резерв"),
        (date(2029, 8, 1), date(2029, 10, 1), "позже срока нахождения резервиста"),
    ],
)
def test_create_refuses_bad_dates(mentorship, starts_on, ends_on, message):
    with pytest.raises(ValidationError) as e:
        _create(mentorship, starts_on=starts_on, ends_on=ends_on)
    assert message in _messages(e.value)
    assert not Internship.objects.exists()


def test_create_refuses_an_ended_mentorship(mentorship):
    mentorship.status = mentorship.Status.ENDED
    with pytest.raises(ValidationError) as e:
        _create(mentorship)
    assert "только в рамках действующего наставничества" in _messages(e.value)


def test_create_refuses_the_reservist_as_supervisor(mentorship):
    with pytest.raises(ValidationError) as e:
        _create(mentorship, supervisor=mentorship.reserve_entry.person)
    assert "не может быть руководителем своей стажировки" in _messages(e.value)


def test_create_refuses_a_host_of_another_municipality(mentorship, far_school):
    with pytest.raises(ValidationError) as e:
        _create(
            mentorship,
            host=far_school,
            form=first_form(mentorship.reserve_entry.person.organization),
        )
    assert "организацию муниципалитета резервиста" in _messages(e.value)
    assert not Internship.objects.exists()


def test_create_refuses_an_item_of_another_reservists_plan(mentorship, school):
    item = PlanItemFactory(plan=IndividualPlanFactory(organization=school))
    with pytest.raises(ValidationError) as e:
        _create(mentorship, plan_item=item)
    assert "пункт индивидуального плана этого резервиста" in _messages(e.value)


def test_update_changes_the_dates_and_keeps_them_checked(internship):
    services.update_internship(internship=internship, ends_on=date(2027, 3, 1))
    assert Internship.objects.get(pk=internship.pk).ends_on == date(2027, 3, 1)
    with pytest.raises(ValidationError):
        services.update_internship(internship=internship, ends_on=date(2027, 1, 1))
    assert internship.ends_on == date(2027, 3, 1)
    assert Internship.objects.get(pk=internship.pk).ends_on == date(2027, 3, 1)


def test_update_refuses_dates_that_leave_tasks_outside(internship):
    services.add_task(
        internship=internship,
        title="Совещание",
        starts_on=date(2027, 2, 1),
        ends_on=date(2027, 2, 5),
    )
    with pytest.raises(ValidationError) as e:
        services.update_internship(internship=internship, ends_on=date(2027, 1, 31))
    assert "Задания программы выходят за эти сроки" in _messages(e.value)


# The programme -----------------------------------------------------------------------


def test_add_task_within_the_dates(internship):
    task = services.add_task(
        internship=internship,
        title="Изучить устав",
        starts_on=date(2027, 1, 10),
        ends_on=date(2027, 1, 12),
    )
    assert list(internship.tasks.all()) == [task]


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "message"),
    [
        (date(2027, 1, 5), date(2027, 1, 12), "укладываться в сроки стажировки"),
        (date(2027, 2, 5), date(2027, 2, 12), "укладываться в сроки стажировки"),
        (date(2027, 1, 20), date(2027, 1, 12), "не может закончиться раньше"),
    ],
)
def test_add_task_refuses_dates_outside(internship, starts_on, ends_on, message):
    with pytest.raises(ValidationError) as e:
        services.add_task(
            internship=internship, title="X", starts_on=starts_on, ends_on=ends_on
        )
    assert message in _messages(e.value)
    assert not InternshipTask.objects.exists()


# Status and conclusion ---------------------------------------------------------------


def test_start_before_the_start_date_is_refused(mentorship):
    internship = _create(
        mentorship, starts_on=date(2027, 1, 20), ends_on=date(2027, 2, 1)
    )
    with pytest.raises(ValidationError) as e:
        services.start_internship(internship=internship)
    assert "начать её раньше нельзя" in _messages(e.value)
    assert Internship.objects.get(pk=internship.pk).status == "planned"


def test_a_conclusion_on_a_not_started_internship_is_refused(internship, supervisor):
    with pytest.raises(ValidationError) as e:
        _conclude(internship, supervisor)
    assert "Стажировка ещё не началась" in _messages(e.value)
    assert not Internship.objects.get(pk=internship.pk).has_conclusion


def test_a_conclusion_before_the_start_is_refused(internship, supervisor):
    services.start_internship(internship=internship)
    with pytest.raises(ValidationError) as e:
        _conclude(internship, supervisor, on=date(2027, 1, 9))
    assert "раньше начала стажировки (10.01.2027)" in _messages(e.value)
    assert not Internship.objects.get(pk=internship.pk).has_conclusion


def test_a_conclusion_in_the_future_is_refused(internship, supervisor):
    services.start_internship(internship=internship)
    with pytest.raises(ValidationError):
        _conclude(internship, supervisor, on=date(2027, 1, 16))


def test_complete_needs_the_conclusion(internship, supervisor):
    services.start_internship(internship=internship)
    with pytest.raises(ValidationError) as e:
        services.complete_internship(internship=internship, by=supervisor)
    assert "напишите отзыв" in _messages(e.value)
    _conclude(internship, supervisor)
    services.complete_internship(internship=internship, by=supervisor)
    internship = Internship.objects.get(pk=internship.pk)
    assert (internship.status, internship.completed_on) == (
        "completed",
        date(2027, 1, 15),
    )
    assert internship.concluded_by == supervisor
    with pytest.raises(ValidationError) as e:
        services.add_task(
            internship=internship,
            title="X",
            starts_on=date(2027, 1, 10),
            ends_on=date(2027, 1, 10),
        )
    assert "Стажировка завершена" in _messages(e.value)


@pytest.fixture
def approved_item(mentorship, coordinator):
    """A row of the cast's reservist's approved plan."""
    plan = IndividualPlanFactory(reserve_entry=mentorship.reserve_entry)
    item = PlanItemFactory(plan=plan, activity="Стажировка", deadline=date(2027, 2, 1))
    plan_services.submit_plan(plan=plan)
    plan_services.approve_plan(plan=plan, by=coordinator)
    return PlanItem.objects.get(pk=item.pk)


def test_completing_marks_and_confirms_the_linked_plan_item(
    mentorship, approved_item, mentor
):
    internship = _create(mentorship, plan_item=approved_item)
    services.start_internship(internship=internship)
    _conclude(internship, mentor)
    services.complete_internship(
        internship=internship, by=mentor, confirms_plan_item=True
    )
    item = PlanItem.objects.get(pk=approved_item.pk)
    assert (item.status, item.done_on, item.confirmed_by) == (
        "done",
        date(2027, 1, 15),
        mentor,
    )
    assert "отзыв руководителя стажировки от 15.01.2027" in item.evidence_text
    assert item.version == approved_item.version + 2  # marked, then confirmed


def test_a_plan_that_cannot_take_the_mark_stops_the_completion(
    mentorship, mentor, school
):
    plan = IndividualPlanFactory(reserve_entry=mentorship.reserve_entry)  # a draft
    item = PlanItemFactory(plan=plan)
    internship = _create(mentorship, plan_item=item)
    services.start_internship(internship=internship)
    _conclude(internship, mentor)
    with pytest.raises(ValidationError) as e:
        services.complete_internship(internship=internship, by=mentor)
    message = _messages(e.value)
    assert "Стажировка не завершена: связанный пункт плана" in message
    assert "Попросите утвердить план или отвяжите пункт" in message
    assert Internship.objects.get(pk=internship.pk).status == "in_progress"
    assert PlanItem.objects.get(pk=item.pk).status == "planned"


def test_a_new_mentor_takes_the_open_internships(internship, school):
    new_mentor = make_eligible(PersonFactory(organization=school))
    other = make_internship(organization=school)
    mentorship = make_mentorship(entry=internship.reserve_entry, mentor=new_mentor)
    internship.refresh_from_db()
    assert (internship.mentorship, internship.mentor) == (mentorship, new_mentor)
    other.refresh_from_db()
    assert other.mentor != new_mentor

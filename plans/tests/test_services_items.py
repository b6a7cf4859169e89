"""Rows of a plan: adding, changing and removing, drafts and revisions."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core.conflicts import StaleVersionError
from plans import services
from plans.models import Evidence, PlanItem, Revision
from plans.tests.factories import PlanFormVersionFactory, PlanItemFactory
from plans.tests.service_helpers import fresh as _fresh
from plans.tests.service_helpers import item_data as _data
from plans.tests.service_helpers import set_status as _set_status

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]


@pytest.fixture
def approved(plan, coordinator):
    """The cast's plan, approved with two rows."""
    PlanItemFactory(plan=plan, activity="First", deadline=date(2026, 10, 1))
    PlanItemFactory(plan=plan, activity="Second", deadline=date(2027, 3, 1))
    services.submit_plan(plan=plan)
    return services.approve_plan(plan=plan, by=coordinator)


# add_item --------------------------------------------------------------------------


def test_add_item_appends_a_planned_row_to_a_draft(plan, mentor):
    PlanItemFactory(plan=plan, position=7)

    item = services.add_item(
        plan=plan,
        by=mentor,
        data=_data(
            plan,
            activity="  Изучить ФГОС  ",
            form_of_work=" Самостоятельно ",
            responsible=" Петров Д. А. ",
            expected_result=" Конспект ",
        ),
    )

    assert item.position == 8
    assert item.status == PlanItem.Status.PLANNED
    assert (item.activity, item.form_of_work) == ("Изучить ФГОС", "Самостоятельно")
    assert (item.responsible, item.expected_result) == ("Петров Д. А.", "Конспект")
    assert item.version == 1
    assert not Revision.objects.exists()
    assert not _fresh(plan).has_unapproved_changes


@pytest.mark.parametrize("deadline", [date(2026, 9, 1), date(2027, 8, 31)])
def test_add_item_accepts_the_first_and_last_day_of_the_period(plan, mentor, deadline):
    assert services.add_item(plan=plan, by=mentor, data=_data(plan, deadline=deadline))


@pytest.mark.parametrize("deadline", [date(2026, 8, 31), date(2027, 9, 1)])
def test_add_item_refuses_a_deadline_outside_the_period(plan, mentor, deadline):
    with pytest.raises(ValidationError) as e:
        services.add_item(plan=plan, by=mentor, data=_data(plan, deadline=deadline))

    assert "deadline" in e.value.message_dict
    assert not PlanItem.objects.exists()


def test_add_item_refuses_a_section_of_another_form(plan, mentor):
    foreign = PlanFormVersionFactory().sections.first()

    with pytest.raises(ValidationError) as e:
        services.add_item(plan=plan, by=mentor, data=_data(plan, section=foreign))

    assert "section" in e.value.message_dict
    assert not PlanItem.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"), [("activity", "   "), ("activity", "x" * 501)]
)
def test_add_item_refuses_bad_text(plan, mentor, field, value):
    with pytest.raises(ValidationError) as e:
        services.add_item(plan=plan, by=mentor, data=_data(plan, **{field: value}))

    assert field in e.value.message_dict
    assert not PlanItem.objects.exists()


@pytest.mark.parametrize("status", ["submitted", "completed"])
def test_add_item_refuses_a_submitted_or_completed_plan(plan, mentor, status):
    plan = _set_status(plan, status)

    with pytest.raises(ValidationError):
        services.add_item(plan=plan, by=mentor, data=_data(plan))

    assert not PlanItem.objects.exists()
    assert not Revision.objects.exists()


# update_item -----------------------------------------------------------------------


def test_update_item_changes_a_draft_row_and_bumps_its_version(plan, mentor):
    item = PlanItemFactory(plan=plan)
    section = plan.form_version.sections.last()

    services.update_item(
        item=item,
        by=mentor,
        expected_version=1,
        section=section,
        activity=" Участие в педсовете ",
        form_of_work="Выступление",
        deadline=date(2027, 2, 1),
        responsible="Волкова Е. С.",
        expected_result="Доклад",
    )

    item = _fresh(item)
    assert item.section == section
    assert item.activity == "Участие в педсовете"
    assert item.deadline == date(2027, 2, 1)
    assert (item.form_of_work, item.responsible) == ("Выступление", "Волкова Е. С.")
    assert item.expected_result == "Доклад"
    assert item.version == 2
    assert not Revision.objects.exists()


def test_update_item_without_changes_keeps_the_version(plan, mentor):
    item = PlanItemFactory(plan=plan)

    services.update_item(
        item=item, by=mentor, expected_version=1, activity=item.activity
    )

    assert _fresh(item).version == 1


def test_update_item_refuses_a_stale_version(plan, mentor):
    item = PlanItemFactory(plan=plan, activity="Mine")
    services.update_item(
        item=_fresh(item), by=mentor, expected_version=1, activity="Yours"
    )

    with pytest.raises(StaleVersionError) as e:
        services.update_item(
            item=item, by=mentor, expected_version=1, activity="Mine 2"
        )

    assert e.value.code == "stale"
    assert _fresh(item).activity == "Yours"
    assert _fresh(item).version == 2


def test_update_item_with_a_stale_object_loses_the_race_to_the_database(plan, mentor):
    """The object looks current, but the row changed underneath: compare-and-set."""
    item = PlanItemFactory(plan=plan, activity="Mine")
    PlanItem.objects.filter(pk=item.pk).update(version=2, activity="Theirs")

    with pytest.raises(StaleVersionError):
        services.update_item(item=item, by=mentor, expected_version=1, activity="New")

    assert _fresh(item).activity == "Theirs"


def test_update_item_refuses_a_deadline_outside_the_period(plan, mentor):
    item = PlanItemFactory(plan=plan)

    with pytest.raises(ValidationError) as e:
        services.update_item(
            item=item, by=mentor, expected_version=1, deadline=date(2028, 1, 1)
        )

    assert "deadline" in e.value.message_dict
    assert _fresh(item).deadline == item.deadline
    assert _fresh(item).version == 1


def test_update_item_refuses_a_section_of_another_form(plan, mentor):
    item = PlanItemFactory(plan=plan)

    with pytest.raises(ValidationError) as e:
        services.update_item(
            item=item,
            by=mentor,
            expected_version=1,
            section=PlanFormVersionFactory().sections.first(),
        )

    assert "section" in e.value.message_dict
    assert _fresh(item).section == item.section


def test_update_item_refuses_an_empty_activity_and_restores_the_object(plan, mentor):
    item = PlanItemFactory(plan=plan, activity="Keep", responsible="Keep too")

    with pytest.raises(ValidationError) as e:
        services.update_item(
            item=item, by=mentor, expected_version=1, activity="", responsible="X"
        )

    assert "activity" in e.value.message_dict
    assert (item.activity, item.responsible) == ("Keep", "Keep too")
    assert _fresh(item).activity == "Keep"
    assert _fresh(item).version == 1


def test_update_item_refuses_a_submitted_plan(plan, mentor):
    item = PlanItemFactory(plan=plan, activity="Keep")
    _set_status(plan, "submitted")

    with pytest.raises(ValidationError):
        services.update_item(
            item=_fresh(item), by=mentor, expected_version=1, activity="X"
        )

    assert _fresh(item).activity == "Keep"


def test_update_item_of_an_approved_plan_is_a_revision(approved, mentor):
    item = approved.items.get(activity="First")

    services.update_item(
        item=item,
        by=mentor,
        expected_version=item.version,
        deadline=date(2026, 11, 1),
    )

    revision = Revision.objects.get()
    assert revision.plan == approved
    assert revision.author == mentor
    assert "01.10.2026" in revision.description
    assert "01.11.2026" in revision.description
    assert _fresh(approved).has_unapproved_changes


def test_update_item_refuses_a_cancelled_row(approved, mentor):
    item = approved.items.get(activity="First")
    services.remove_item(item=item, by=mentor)

    with pytest.raises(ValidationError):
        services.update_item(
            item=_fresh(item), by=mentor, expected_version=None, activity="Back"
        )

    assert _fresh(item).activity == "First"
    assert Revision.objects.count() == 1


# remove_item -----------------------------------------------------------------------


def test_remove_item_deletes_a_draft_row(plan, mentor):
    item = PlanItemFactory(plan=plan)

    services.remove_item(item=item, by=mentor, expected_version=1)

    assert not PlanItem.objects.exists()
    assert not Revision.objects.exists()


def test_remove_item_deletes_the_rows_files_after_commit(
    plan, mentor, django_capture_on_commit_callbacks
):
    item = PlanItemFactory(plan=plan)
    evidence = services.add_evidence(
        item=item, file=SimpleUploadedFile("a.pdf", b"%PDF-1.4 x"), by=mentor
    )
    storage, name = evidence.file.storage, evidence.file.name
    assert storage.exists(name)

    with django_capture_on_commit_callbacks(execute=True):
        services.remove_item(item=item, by=mentor)

    assert not Evidence.objects.exists()
    assert not storage.exists(name)


def test_remove_item_refuses_a_stale_version(plan, mentor):
    item = PlanItemFactory(plan=plan)
    PlanItem.objects.filter(pk=item.pk).update(version=2)

    with pytest.raises(StaleVersionError):
        services.remove_item(item=item, by=mentor, expected_version=1)

    assert PlanItem.objects.filter(pk=item.pk).exists()


def test_remove_item_of_an_approved_plan_cancels_it_as_a_revision(approved, mentor):
    item = approved.items.get(activity="First")

    services.remove_item(item=item, by=mentor, expected_version=item.version)

    item = _fresh(item)
    assert item.status == PlanItem.Status.CANCELLED
    assert item.version == 2
    assert "First" in Revision.objects.get().description
    assert _fresh(approved).has_unapproved_changes


def test_remove_item_refuses_a_cancelled_row(approved, mentor):
    item = approved.items.get(activity="First")
    services.remove_item(item=item, by=mentor)

    with pytest.raises(ValidationError):
        services.remove_item(item=_fresh(item), by=mentor)

    assert Revision.objects.count() == 1


@pytest.mark.parametrize("status", ["submitted", "completed"])
def test_remove_item_refuses_a_submitted_or_completed_plan(plan, mentor, status):
    item = PlanItemFactory(plan=plan)
    _set_status(plan, status)

    with pytest.raises(ValidationError):
        services.remove_item(item=_fresh(item), by=mentor)

    assert _fresh(item).status == PlanItem.Status.PLANNED

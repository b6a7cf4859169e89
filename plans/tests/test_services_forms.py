"""Plan forms and their versions: defined by the coordinator, approved, read-only."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from organizations.tests.factories import MunicipalityFactory
from plans import services
from plans.models import (
    COLUMN_KEYS,
    DEFAULT_COLUMN_TITLES,
    DEFAULT_SECTIONS,
    PlanForm,
    PlanFormSection,
    PlanFormVersion,
    SuggestedItem,
)
from plans.tests.factories import (
    PlanFormFactory,
    PlanFormVersionFactory,
    SuggestedItemFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]


def _draft(**kwargs):
    return PlanFormVersionFactory(status=PlanFormVersion.Status.DRAFT, **kwargs)


def _approve(version, **kwargs):
    data = {
        "approval_document": "приказ Управления образования",
        "approval_number": "45-о",
        "approval_date": date(2026, 8, 20),
    }
    return services.approve_form_version(version=version, **{**data, **kwargs})


# create_plan_form ------------------------------------------------------------------


def test_create_plan_form_makes_a_draft_first_version_with_default_sections(
    municipality,
):
    form = services.create_plan_form(municipality=municipality, name="  Form  ")

    assert form.name == "Form"
    version = form.versions.get()
    assert version.number == 1
    assert version.status == PlanFormVersion.Status.DRAFT
    assert [(s.position, s.title) for s in version.sections.all()] == [
        (n, str(title)) for n, title in enumerate(DEFAULT_SECTIONS, start=1)
    ]
    assert set(version.column_titles) == set(COLUMN_KEYS)
    assert version.column_titles["activity"] == str(DEFAULT_COLUMN_TITLES["activity"])


def test_default_sections_are_the_five_of_the_issue():
    assert len(DEFAULT_SECTIONS) == 5
    assert COLUMN_KEYS == [
        "activity",
        "form",
        "deadline",
        "responsible",
        "expected_result",
        "mark",
    ]


def test_create_plan_form_refuses_an_empty_name(municipality):
    with pytest.raises(ValidationError) as e:
        services.create_plan_form(municipality=municipality, name="   ")

    assert "name" in e.value.message_dict
    assert not PlanForm.objects.exists()
    assert not PlanFormVersion.objects.exists()


# new_form_version ------------------------------------------------------------------


def test_new_form_version_copies_the_newest_version_as_a_draft():
    old = PlanFormVersionFactory(number=1)
    old.column_titles = {"activity": "Мероприятие"}
    old.save()

    new = services.new_form_version(form=old.form)

    assert new.number == 2
    assert new.status == PlanFormVersion.Status.DRAFT
    assert new.column_titles == {"activity": "Мероприятие"}
    assert not new.approval_number
    assert [s.title for s in new.sections.all()] == [
        s.title for s in old.sections.all()
    ]
    copied = SuggestedItem.objects.filter(section__version=new)
    assert sorted(
        copied.values_list(
            "section__position", "position", "activity", "months_from_start"
        )
    ) == sorted(
        SuggestedItem.objects.filter(section__version=old).values_list(
            "section__position", "position", "activity", "months_from_start"
        )
    )
    # The copy is separate: the approved version keeps its own rows.
    assert old.sections.count() == 5
    assert SuggestedItem.objects.filter(section__version=old).count() == 10


def test_new_form_version_refuses_while_a_draft_exists():
    approved = PlanFormVersionFactory(number=1)
    services.new_form_version(form=approved.form)

    with pytest.raises(ValidationError):
        services.new_form_version(form=approved.form)

    assert approved.form.versions.count() == 2


def test_new_form_version_of_a_form_without_versions_is_number_one():
    form = PlanFormFactory()

    version = services.new_form_version(form=form)

    assert version.number == 1
    assert not version.sections.exists()
    assert set(version.column_titles) == set(COLUMN_KEYS)


# update_form_version ---------------------------------------------------------------


def _suggestions(version) -> list[tuple[str, str]]:
    """(section title, activity) of every suggestion, in the sections' order."""
    return list(
        SuggestedItem.objects.filter(section__version=version)
        .order_by("section__position", "position")
        .values_list("section__title", "activity")
    )


def test_update_form_version_renames_and_adds_sections():
    version = _draft(sections=["A", "B"])
    a, b = version.sections.all()

    services.update_form_version(
        version=version,
        column_titles={"activity": " Мероприятие ", "mark": " "},
        sections=[(a.pk, "A renamed"), (b.pk, " B "), (None, ""), (None, " C ")],
    )

    assert [(s.pk, s.position, s.title) for s in version.sections.all()] == [
        (a.pk, 1, "A renamed"),
        (b.pk, 2, "B"),
        (version.sections.get(title="C").pk, 3, "C"),
    ]
    assert SuggestedItem.objects.filter(section=a).count() == 2
    version.refresh_from_db()
    assert version.column_titles == {"activity": "Мероприятие"}
    assert version.title_of("activity") == "Мероприятие"
    assert version.title_of("mark") == str(DEFAULT_COLUMN_TITLES["mark"])


def test_update_form_version_moves_sections_with_their_suggestions():
    version = _draft(sections=["A", "B", "C"])
    before = _suggestions(version)
    a, b, c = version.sections.all()

    services.update_form_version(
        version=version,
        column_titles={},
        sections=[(c.pk, "C"), (None, "New"), (a.pk, "A"), (b.pk, "B")],
    )

    assert [(s.position, s.title) for s in version.sections.all()] == [
        (1, "C"),
        (2, "New"),
        (3, "A"),
        (4, "B"),
    ]
    assert sorted(_suggestions(version)) == sorted(before)
    assert [title for title, _activity in _suggestions(version)] == [
        *("C", "C", "A", "A", "B", "B")
    ]


def test_update_form_version_removes_a_middle_section_and_only_its_suggestions():
    version = _draft(sections=["A", "B", "C"])
    a, b, c = version.sections.all()
    kept = [row for row in _suggestions(version) if row[0] != "B"]

    services.update_form_version(
        version=version, column_titles={}, sections=[(a.pk, "A"), (c.pk, "C")]
    )

    assert [(s.pk, s.position) for s in version.sections.all()] == [
        (a.pk, 1),
        (c.pk, 2),
    ]
    assert not PlanFormSection.objects.filter(pk=b.pk).exists()
    assert _suggestions(version) == kept


def test_update_form_version_removes_sections_not_listed_with_their_suggestions():
    version = _draft(sections=["A", "B", "C"])
    a = version.sections.get(title="A")

    services.update_form_version(
        version=version, column_titles={}, sections=[(a.pk, "A")]
    )

    assert list(version.sections.values_list("title", flat=True)) == ["A"]
    assert SuggestedItem.objects.filter(section__version=version).count() == 2


def test_update_form_version_replaces_every_section_with_new_ones():
    version = _draft(sections=["A", "B"])

    services.update_form_version(
        version=version, column_titles={}, sections=[(None, "X"), (None, "Y")]
    )

    assert [(s.position, s.title) for s in version.sections.all()] == [
        (1, "X"),
        (2, "Y"),
    ]
    assert not SuggestedItem.objects.filter(section__version=version).exists()


def test_update_form_version_refuses_an_approved_version():
    version = PlanFormVersionFactory()
    titles = dict(version.column_titles)
    first = version.sections.first()

    with pytest.raises(ValidationError):
        services.update_form_version(
            version=version, column_titles={"activity": "X"}, sections=[(None, "X")]
        )
    with pytest.raises(ValidationError):
        services.update_form_version(
            version=version, column_titles={}, sections=[(first.pk, "X")]
        )

    version.refresh_from_db()
    assert version.column_titles == titles
    assert version.sections.count() == 5
    assert not version.sections.filter(title="X").exists()


@pytest.mark.parametrize(
    ("column_titles", "sections", "key"),
    [
        ({}, [], "sections"),
        ({}, [(None, "  "), (None, "")], "sections"),
        ({}, [(None, "x" * 301)], "sections"),
        ({}, [("old", " ")], "sections"),
        ({}, [("old", "x" * 301)], "sections"),
        ({}, [("old", "A"), ("old", "B")], "sections"),
        ({}, [(999_999, "A")], "sections"),
        ({"colour": "Цвет"}, [("old", "A")], "column_titles"),
    ],
)
def test_update_form_version_refuses_bad_input_and_changes_nothing(
    column_titles, sections, key
):
    version = _draft(sections=["Old"])
    old = version.sections.get()
    sections = [(old.pk if pk == "old" else pk, title) for pk, title in sections]

    with pytest.raises(ValidationError) as e:
        services.update_form_version(
            version=version, column_titles=column_titles, sections=sections
        )

    assert key in e.value.message_dict
    version.refresh_from_db()
    assert list(version.sections.values_list("pk", "title")) == [(old.pk, "Old")]
    assert SuggestedItem.objects.filter(section=old).count() == 2
    assert set(version.column_titles) == set(COLUMN_KEYS)


def test_update_form_version_refuses_a_section_of_another_version():
    version = _draft(sections=["A", "B"])
    a = version.sections.get(title="A")
    other = PlanFormVersionFactory(form=version.form, sections=["Foreign"])
    foreign = other.sections.get()

    with pytest.raises(ValidationError) as e:
        services.update_form_version(
            version=version,
            column_titles={},
            sections=[(a.pk, "A"), (foreign.pk, "Foreign")],
        )

    assert e.value.message_dict == {
        "sections": [_("The list of sections does not match the form version.")]
    }
    assert list(version.sections.values_list("title", flat=True)) == ["A", "B"]
    assert PlanFormSection.objects.get(pk=foreign.pk).version_id == other.pk
    assert SuggestedItem.objects.filter(section=foreign).count() == 2


def test_update_form_version_names_the_blank_title_of_a_section():
    version = _draft(sections=["A"])

    with pytest.raises(ValidationError) as e:
        services.update_form_version(
            version=version,
            column_titles={},
            sections=[(version.sections.get().pk, "  ")],
        )

    assert e.value.message_dict == {"sections": [_("Every section needs a title.")]}


# Suggested items -------------------------------------------------------------------


def test_add_suggested_item_appends_to_the_section():
    section = _draft(sections=["A"]).sections.get()

    item = services.add_suggested_item(
        section=section,
        activity="Изучить ФГОС",
        form_of_work="Самостоятельно",
        expected_result="Конспект",
        months_from_start=3,
    )

    assert item.position == 3
    assert item.months_from_start == 3
    assert section.suggested_items.count() == 3


def test_add_suggested_item_refuses_an_empty_activity():
    section = _draft(sections=["A"]).sections.get()

    with pytest.raises(ValidationError) as e:
        services.add_suggested_item(section=section, activity="")

    assert "activity" in e.value.message_dict
    assert section.suggested_items.count() == 2


def test_add_suggested_item_refuses_an_approved_version():
    section = PlanFormVersionFactory().sections.first()

    with pytest.raises(ValidationError):
        services.add_suggested_item(section=section, activity="Новое")

    assert section.suggested_items.count() == 2


def test_delete_suggested_item_removes_it_from_a_draft():
    item = _draft(sections=["A"]).sections.get().suggested_items.first()

    services.delete_suggested_item(item=item)

    assert not SuggestedItem.objects.filter(pk=item.pk).exists()


def test_delete_suggested_item_refuses_an_approved_version():
    item = SuggestedItemFactory(section=PlanFormVersionFactory().sections.first())

    with pytest.raises(ValidationError):
        services.delete_suggested_item(item=item)

    assert SuggestedItem.objects.filter(pk=item.pk).exists()


# approve_form_version --------------------------------------------------------------


def test_approve_form_version_keeps_the_requisites(today):
    version = _draft()

    _approve(
        version,
        approval_document=" приказ Управления образования ",
        approval_number=" 45-о ",
    )

    version.refresh_from_db()
    assert version.is_approved
    assert version.approval_document == "приказ Управления образования"
    assert version.approval_number == "45-о"
    assert version.approval_date == date(2026, 8, 20)
    assert version.approved_at.date() == today


def test_approve_form_version_accepts_a_document_dated_today(today):
    version = _draft()

    _approve(version, approval_date=today)

    assert version.is_approved


@pytest.mark.parametrize(
    ("requisites", "keys"),
    [
        ({"approval_document": " "}, {"approval_document"}),
        ({"approval_number": ""}, {"approval_number"}),
        ({"approval_date": None}, {"approval_date"}),
        ({"approval_date": date(2027, 1, 16)}, {"approval_date"}),
        (
            {"approval_document": "", "approval_number": "", "approval_date": None},
            {"approval_document", "approval_number", "approval_date"},
        ),
    ],
)
def test_approve_form_version_refuses_missing_requisites(requisites, keys):
    version = _draft()

    with pytest.raises(ValidationError) as e:
        _approve(version, **requisites)

    assert set(e.value.message_dict) == keys
    version.refresh_from_db()
    assert version.status == PlanFormVersion.Status.DRAFT
    assert version.approved_at is None
    assert not version.approval_number


def test_approve_form_version_refuses_a_version_without_sections():
    version = _draft(sections=[])

    with pytest.raises(ValidationError):
        _approve(version)

    version.refresh_from_db()
    assert version.status == PlanFormVersion.Status.DRAFT


def test_approve_form_version_refuses_an_approved_version():
    version = PlanFormVersionFactory(approval_number="1-о")

    with pytest.raises(ValidationError):
        _approve(version, approval_number="2-о")

    version.refresh_from_db()
    assert version.approval_number == "1-о"


def test_an_approved_version_is_read_only_then_a_new_version_is_the_way():
    form = services.create_plan_form(municipality=MunicipalityFactory(), name="F")
    first = _approve(form.versions.get())
    with pytest.raises(ValidationError):
        services.update_form_version(
            version=first, column_titles={}, sections=[(None, "Only one")]
        )

    second = services.new_form_version(form=form)
    services.update_form_version(
        version=second, column_titles={}, sections=[(None, "Only one")]
    )
    _approve(second, approval_number="46-о")

    assert first.sections.count() == 5
    assert second.sections.count() == 1
    assert services.current_form_version(form.municipality_id) == second


# current_form_version --------------------------------------------------------------


def test_current_form_version_is_the_newest_approved_one(municipality):
    form = PlanFormFactory(municipality=municipality)
    PlanFormVersionFactory(form=form, number=1)
    newest = PlanFormVersionFactory(form=form, number=2)
    _draft(form=form, number=3)
    PlanFormVersionFactory(form__municipality=MunicipalityFactory(name="Elsewhere"))

    assert services.current_form_version(municipality.pk) == newest


def test_current_form_version_is_none_without_an_approved_form(municipality):
    _draft(form__municipality=municipality)

    assert services.current_form_version(municipality.pk) is None


# add_months ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 9, 1), 0, date(2026, 9, 1)),
        (date(2026, 9, 1), 1, date(2026, 10, 1)),
        (date(2026, 9, 15), 4, date(2027, 1, 15)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2026, 9, 1), 12, date(2027, 9, 1)),
        (date(2026, 9, 1), 25, date(2028, 10, 1)),
        (date(2027, 1, 31), 1, date(2027, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 8, 31), 1, date(2026, 9, 30)),
        (date(2026, 10, 31), 4, date(2027, 2, 28)),
        (date(2027, 3, 31), 1, date(2027, 4, 30)),
    ],
)
def test_add_months_keeps_the_day_or_takes_the_last_of_a_shorter_month(
    day, months, expected
):
    assert services.add_months(day, months) == expected


def test_plan_form_section_positions_are_unique_per_version():
    version = _draft(sections=["A"])

    with pytest.raises(ValidationError):
        PlanFormSection(version=version, position=1, title="B").full_clean()

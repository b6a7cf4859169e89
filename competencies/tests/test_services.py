"""The framework's versions and whole assessments: bad input saves nothing."""

import pytest
from django.core.exceptions import ValidationError

from competencies import services
from competencies.defaults import DEFAULT_COMPETENCIES
from competencies.models import Assessment, FrameworkVersion, Rating
from competencies.services import RatingData
from competencies.tests.conftest import ratings, submit


def test_a_municipality_gets_the_default_framework_approved(municipality):
    version = services.current_version(municipality)
    assert version.number == 1
    assert version.is_approved
    names = list(version.competencies.values_list("name", flat=True))
    assert names == [name for name, _d, _l in DEFAULT_COMPETENCIES]
    assert len(names) == 7
    assert all(len(c.levels) == 5 for c in version.competencies.all())
    # A second call creates nothing.
    assert services.current_version(municipality) == version


def test_draft_copies_edits_and_approves(municipality):
    framework = services.framework_of(municipality)
    draft = services.new_draft(framework)
    assert draft.number == 2
    assert draft.status == FrameworkVersion.Status.DRAFT
    assert services.new_draft(framework) == draft
    assert draft.competencies.count() == 7
    services.save_competency(
        draft, name="Цифровая грамотность", description="", levels=list("абвгд")
    )
    services.approve(draft)
    assert services.current_version(municipality) == draft
    assert draft.competencies.count() == 8


def test_an_approved_version_is_not_edited(municipality):
    version = services.current_version(municipality)
    with pytest.raises(ValidationError, match="не редактируется"):
        services.save_competency(
            version, name="X", description="", levels=list("абвгд")
        )
    with pytest.raises(ValidationError):
        services.approve(version)


def test_levels_must_be_five(municipality):
    draft = services.new_draft(services.framework_of(municipality))
    with pytest.raises(ValidationError):
        services.save_competency(draft, name="X", description="", levels=["а"])


def test_assessment_keeps_its_version(mentorship):
    old = submit(mentorship, "self")
    draft = services.new_draft(services.framework_of(mentorship.municipality))
    services.approve(draft)
    new = submit(mentorship, "mentor")
    assert old.version.number == 1
    assert new.version.number == 2
    assert old.ratings.count() == 7


def test_second_assessment_at_a_point_is_refused(mentorship):
    submit(mentorship, "self")
    with pytest.raises(ValidationError, match="уже отправлена"):
        submit(mentorship, "self")
    assert Assessment.objects.count() == 1


@pytest.mark.parametrize("level", [0, 6, -1])
def test_level_outside_the_scale_saves_nothing(mentorship, level):
    with pytest.raises(ValidationError):
        submit(mentorship, "self", "start", level)
    assert not Assessment.objects.exists()
    assert not Rating.objects.exists()


def test_every_competency_once(mentorship, reservist):
    given = ratings(mentorship)
    for bad in (given[:-1], [*given, given[0]]):
        with pytest.raises(ValidationError, match="один раз"):
            services.submit_assessment(
                mentorship=mentorship,
                point="start",
                role="self",
                by=reservist,
                ratings=bad,
            )
    with pytest.raises(ValidationError):
        services.submit_assessment(
            mentorship=mentorship,
            point="start",
            role="self",
            by=reservist,
            ratings=[*given[:-1], RatingData(0, 3)],
        )
    assert not Assessment.objects.exists()

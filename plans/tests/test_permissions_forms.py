"""Who sees plan forms and who may change them."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from plans import permissions
from plans.models import PlanFormVersion
from plans.tests.factories import PlanFormVersionFactory

pytestmark = pytest.mark.django_db


# Plan forms ------------------------------------------------------------------------


@pytest.fixture
def town_form(municipality):
    return PlanFormVersionFactory(form__municipality=municipality).form


@pytest.fixture
def far_form(far_school):
    return PlanFormVersionFactory(form__municipality=far_school.municipality).form


@pytest.mark.parametrize(
    ("user", "expected"),
    [
        ("coordinator", {"town"}),
        ("head", {"town"}),
        ("mentor", {"town"}),
        ("reservist", {"town"}),
        ("commission", {"town"}),
        ("stranger", {"far"}),
        ("superuser", {"town", "far"}),
        ("anonymous", set()),
    ],
    indirect=["user"],
)
def test_visible_plan_forms_are_those_of_the_users_municipality(
    user, expected, town_form, far_form
):
    forms = {"town": town_form, "far": far_form}

    assert set(permissions.visible_plan_forms(user)) == {forms[n] for n in expected}


@pytest.mark.parametrize(
    ("user", "outcome"),
    [
        ("coordinator", "ok"),
        ("superuser", "ok"),
        ("head", "denied"),
        ("mentor", "denied"),
        ("reservist", "denied"),
        ("stranger", "missing"),
        ("anonymous", "missing"),
    ],
    indirect=["user"],
)
def test_get_plan_form_for_writing_is_for_its_coordinator(user, outcome, town_form):
    if outcome == "ok":
        assert permissions.get_plan_form(user, town_form.pk, write=True) == town_form
    elif outcome == "denied":
        assert permissions.get_plan_form(user, town_form.pk) == town_form
        with pytest.raises(PermissionDenied):
            permissions.get_plan_form(user, town_form.pk, write=True)
    else:
        with pytest.raises(Http404):
            permissions.get_plan_form(user, town_form.pk)


@pytest.mark.parametrize("pk", [999_999, "abc"])
def test_get_plan_form_is_404_for_a_missing_or_bad_id(coordinator, pk):
    with pytest.raises(Http404):
        permissions.get_plan_form(coordinator, pk)


@pytest.mark.parametrize(
    ("user", "expected"),
    [
        ("coordinator", True),
        ("superuser", True),
        ("head", False),
        ("mentor", False),
        ("stranger", False),
        ("anonymous", False),
    ],
    indirect=["user"],
)
def test_may_manage_plan_forms_is_for_the_coordinator(user, expected, municipality):
    assert permissions.may_manage_plan_forms(user, municipality.pk) is expected


@pytest.mark.parametrize(
    ("user", "expected"),
    [
        ("coordinator", True),
        ("superuser", True),
        ("head", False),
        ("mentor", False),
        ("reservist", False),
        ("commission", False),
        ("stranger", False),
        ("anonymous", False),
    ],
    indirect=["user"],
)
def test_may_edit_form_version_is_for_the_coordinator_while_a_draft(
    user, expected, municipality
):
    draft = PlanFormVersionFactory(
        form__municipality=municipality,
        number=1,
        status=PlanFormVersion.Status.DRAFT,
    )
    approved = PlanFormVersionFactory(form=draft.form, number=2)

    assert permissions.may_edit_form_version(user, draft) is expected
    assert not permissions.may_edit_form_version(user, approved)

"""Rows and evidence files are reached only through a visible plan."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from plans import permissions, services
from plans.tests.factories import PlanItemFactory

pytestmark = pytest.mark.django_db


# get_item / get_evidence -----------------------------------------------------------


def test_get_item_finds_a_row_of_the_plan(mentor, plan):
    item = PlanItemFactory(plan=plan)

    assert permissions.get_item(mentor, plan, item.pk) == item


@pytest.mark.parametrize("pk", ["foreign", 999_999, "abc"])
def test_get_item_is_404_for_a_row_of_another_plan(mentor, plan, pk):
    if pk == "foreign":
        pk = PlanItemFactory().pk

    with pytest.raises(Http404):
        permissions.get_item(mentor, plan, pk)


@pytest.mark.parametrize(
    ("user", "visible"),
    [
        ("coordinator", True),
        ("head", True),
        ("mentor", True),
        ("reservist", True),
        ("superuser", True),
        ("commission", False),
        ("stranger", False),
        ("anonymous", False),
    ],
    indirect=["user"],
)
def test_get_item_finds_a_row_only_for_those_who_see_the_plan(user, visible, plan):
    item = PlanItemFactory(plan=plan)

    if visible:
        assert permissions.get_item(user, plan, item.pk) == item
    else:
        with pytest.raises(Http404):
            permissions.get_item(user, plan, item.pk)


def test_get_item_is_one_query(mentor, plan, django_assert_num_queries):
    item = PlanItemFactory(plan=plan)
    permissions.visible_plans(mentor)  # the principal, loaded once per request

    with django_assert_num_queries(1):
        assert permissions.get_item(mentor, plan, item.pk).section.title


@pytest.fixture
def evidence(plan, reservist):
    item = PlanItemFactory(plan=plan)
    return services.add_evidence(
        item=item, file=SimpleUploadedFile("a.pdf", b"%PDF-1.4 x"), by=reservist
    )


@pytest.mark.parametrize(
    ("user", "visible"),
    [
        ("coordinator", True),
        ("head", True),
        ("mentor", True),
        ("reservist", True),
        ("superuser", True),
        ("commission", False),
        ("stranger", False),
        ("anonymous", False),
    ],
    indirect=["user"],
)
def test_get_evidence_serves_a_file_only_in_scope(user, visible, evidence):
    if visible:
        assert permissions.get_evidence(user, evidence.pk) == evidence
    else:
        with pytest.raises(Http404):
            permissions.get_evidence(user, evidence.pk)


def test_get_evidence_is_404_for_a_file_of_another_organisation(head, other_plan):
    item = PlanItemFactory(plan=other_plan)
    evidence = services.add_evidence(
        item=item, file=SimpleUploadedFile("a.pdf", b"%PDF-1.4 x"), by=None
    )

    with pytest.raises(Http404):
        permissions.get_evidence(head, evidence.pk)


@pytest.mark.parametrize("pk", [999_999, "abc"])
def test_get_evidence_is_404_for_a_missing_or_bad_id(coordinator, pk):
    with pytest.raises(Http404):
        permissions.get_evidence(coordinator, pk)

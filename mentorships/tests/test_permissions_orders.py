"""Who sees and changes orders on mentors and order templates, and for which
organisations one registers orders: those functions of mentorships.permissions for
every role, in and out of scope (the roles: test_permissions.py)."""

import pytest
from django.http import Http404

from mentorships import permissions
from mentorships.models import OrderTemplate
from mentorships.tests.factories import MentorOrderFactory
from mentorships.tests.permission_helpers import answer, by_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def orders(mentorships, school):
    """The conftest's mentorships' orders, and a draft of «School» with no lines."""
    found = {name: m.order for name, m in mentorships.items()}
    return {**found, "draft": MentorOrderFactory(organization=school)}


@pytest.fixture
def templates(municipality, school, far_school):
    """Town's template for all its organisations, School's own, and Elsewhere's."""
    return {
        "town": OrderTemplate.objects.create(
            municipality=municipality, file="order-templates/town.docx"
        ),
        "school": OrderTemplate.objects.create(
            municipality=municipality,
            organization=school,
            file="order-templates/school.docx",
        ),
        "far": OrderTemplate.objects.create(
            municipality=far_school.municipality, file="order-templates/far.docx"
        ),
    }


# ------------------------------------------------------------ visible_orders


@by_role(
    {
        "coordinator": {"own", "other", "draft"},
        "stranger": {"far"},
        "head": {"own", "draft"},
        "other_head": {"other"},
        "mentor": {"own"},
        "reservist": {"own"},
        "commission": set(),
        "nobody": set(),
        "superuser": {"own", "other", "far", "draft"},
        "anonymous": set(),
    }
)
def test_visible_orders_are_the_scope_of_each_role(user, expected, orders):
    visible = set(permissions.visible_orders(user))

    assert visible == {orders[name] for name in expected}


# ----------------------------------------------------------------- get_order


@by_role(
    {  # reading own, other, far, draft
        "coordinator": [200, 200, 404, 200],
        "stranger": [404, 404, 200, 404],
        "head": [200, 404, 404, 200],
        "other_head": [404, 200, 404, 404],
        "mentor": [200, 404, 404, 404],
        "reservist": [200, 404, 404, 404],
        "commission": [404, 404, 404, 404],
        "nobody": [404, 404, 404, 404],
        "superuser": [200, 200, 200, 200],
        "anonymous": [404, 404, 404, 404],
    }
)
def test_get_order_reads_in_scope_and_404s_the_rest(user, expected, orders):
    answers = [answer(permissions.get_order, user, o) for o in orders.values()]

    assert answers == expected


@by_role(
    {  # writing own, other, far, draft
        "coordinator": [403, 403, 404, 403],
        "stranger": [404, 404, 403, 404],
        "head": [200, 404, 404, 200],
        "other_head": [404, 200, 404, 404],
        "mentor": [403, 404, 404, 404],
        "reservist": [403, 404, 404, 404],
        "commission": [404, 404, 404, 404],
        "nobody": [404, 404, 404, 404],
        "superuser": [200, 200, 200, 200],
        "anonymous": [404, 404, 404, 404],
    }
)
def test_get_order_to_write_is_the_heads(user, expected, orders):
    answers = [
        answer(permissions.get_order, user, o, write=True) for o in orders.values()
    ]

    assert answers == expected


@pytest.mark.parametrize("pk", [10**6, "abc"])
def test_get_order_404s_a_missing_or_malformed_pk(superuser, pk):
    with pytest.raises(Http404):
        permissions.get_order(superuser, pk)


# ---------------------------------------------------------- may_change_order


@by_role(
    {  # own, other, far, draft
        "coordinator": [False, False, False, False],
        "stranger": [False, False, False, False],
        "head": [True, False, False, True],
        "other_head": [False, True, False, False],
        "mentor": [False, False, False, False],
        "reservist": [False, False, False, False],
        "commission": [False, False, False, False],
        "nobody": [False, False, False, False],
        "superuser": [True, True, True, True],
        "anonymous": [False, False, False, False],
    }
)
def test_may_change_order_is_the_head_of_its_organisation(user, expected, orders):
    answers = [permissions.may_change_order(user, o) for o in orders.values()]

    assert answers == expected


# ------------------------------------------- organisations to register orders for


@by_role(
    {
        "coordinator": set(),
        "stranger": set(),
        "head": {"school"},
        "other_head": {"other_school"},
        "mentor": set(),
        "reservist": set(),
        "commission": set(),
        "nobody": set(),
        "superuser": {"school", "other_school", "far_school"},
        "anonymous": set(),
    }
)
def test_visible_order_organizations_are_those_one_heads(
    user, expected, request, school, other_school, far_school
):
    visible = set(permissions.visible_order_organizations(user))

    assert visible == {request.getfixturevalue(name) for name in expected}


@by_role(
    {
        "coordinator": False,
        "stranger": False,
        "head": True,
        "other_head": True,
        "mentor": False,
        "reservist": False,
        "commission": False,
        "nobody": False,
        "superuser": True,
        "anonymous": False,
    }
)
def test_may_create_any_order_is_the_heads(user, expected):
    assert permissions.may_create_any_order(user) is expected


# ------------------------------------------------------------ order templates


@by_role(
    {
        "coordinator": {"town", "school"},
        "stranger": {"far"},
        "head": set(),
        "other_head": set(),
        "mentor": set(),
        "reservist": set(),
        "commission": set(),
        "nobody": set(),
        "superuser": {"town", "school", "far"},
        "anonymous": set(),
    }
)
def test_visible_order_templates_are_the_coordinators(user, expected, templates):
    visible = set(permissions.visible_order_templates(user))

    assert visible == {templates[name] for name in expected}


@by_role(
    {  # town, school, far
        "coordinator": [200, 200, 404],
        "stranger": [404, 404, 200],
        "head": [404, 404, 404],
        "other_head": [404, 404, 404],
        "mentor": [404, 404, 404],
        "reservist": [404, 404, 404],
        "commission": [404, 404, 404],
        "nobody": [404, 404, 404],
        "superuser": [200, 200, 200],
        "anonymous": [404, 404, 404],
    }
)
def test_get_order_template_reads_the_coordinators_and_404s_the_rest(
    user, expected, templates
):
    answers = [
        answer(permissions.get_order_template, user, t) for t in templates.values()
    ]

    assert answers == expected


@pytest.mark.parametrize("pk", [10**6, "abc"])
def test_get_order_template_404s_a_missing_or_malformed_pk(superuser, pk):
    with pytest.raises(Http404):
        permissions.get_order_template(superuser, pk)


@by_role(
    {
        "coordinator": True,
        "stranger": True,
        "head": False,
        "other_head": False,
        "mentor": False,
        "reservist": False,
        "commission": False,
        "nobody": False,
        "superuser": True,
        "anonymous": False,
    }
)
def test_may_manage_order_templates_is_the_coordinators(user, expected):
    assert permissions.may_manage_order_templates(user) is expected

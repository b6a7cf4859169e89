from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from accounts.models import Role, User
from accounts.permissions import principal
from organizations.models import Organization
from people.models import Person

DEMO_ROLES = {
    "coordinator": Role.COORDINATOR,
    "head": Role.HEAD,
    "mentor": Role.MENTOR,
    "reservist": Role.RESERVIST,
    "commission": Role.COMMISSION,
}


def _row_counts():
    """Rows of every table, history tables included."""
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=StringIO())


def test_load_demo_fills_the_municipality(demo):
    assert (
        Organization.objects.filter(
            municipality__name="Городской округ Стрежевой"
        ).count()
        == 9  # eight schools and kindergartens, the education authority
    )
    assert Person.objects.filter(last_name="Кузнецов").exists()


def test_load_demo_links_the_coordinator_to_her_person_record(demo):
    person = User.objects.get(username="coordinator").person

    assert person.full_name == "Соколова Марина Игоревна"
    assert person.position.name == "Начальник отдела общего образования"
    assert person.organization.short_name == "Управление образования"


def test_load_demo_twice_changes_nothing_and_adds_no_history(demo):
    before = _row_counts()

    call_command("load_demo", stdout=StringIO())

    assert _row_counts() == before


def test_load_demo_again_restores_a_changed_demo_password(demo):
    user = User.objects.get(username="mentor")
    user.set_password("something-else-1")
    user.save()

    call_command("load_demo", stdout=StringIO())

    user.refresh_from_db()
    assert user.check_password("demo")


@pytest.mark.parametrize(("username", "role"), DEMO_ROLES.items())
def test_load_demo_creates_the_five_accounts_with_password_demo(
    demo, client, username, role
):
    user = User.objects.get(username=username)

    assert user.check_password("demo")
    assert set(user.roles.values_list("role", flat=True)) >= {role}
    assert client.login(username=username, password="demo")


def test_load_demo_coordinator_coordinates_the_demo_municipality(demo):
    p = principal(User.objects.get(username="coordinator"))

    assert p.is_coordinator
    assert len(p.coordinator_municipality_ids) == 1


def test_load_demo_head_heads_the_first_school(demo):
    head = User.objects.get(username="head")
    school = Organization.objects.get(short_name="МОУ «СОШ № 1»")

    assert principal(head).head_organization_ids == {school.pk}
    assert school.head == head.person


@pytest.mark.parametrize("username", ["head", "mentor", "reservist", "commission"])
def test_load_demo_links_accounts_to_people(demo, username):
    assert Person.objects.get(
        user__username=username
    ).organization.municipality.name == ("Городской округ Стрежевой")

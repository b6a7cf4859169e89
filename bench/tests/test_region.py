from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.test import Client

from accounts.models import Role, RoleAssignment, User
from accounts.permissions import principal
from bench.data import split
from mentorships.models import MentorOrder, Mentorship
from organizations.models import Municipality, Organization
from people.models import Person
from people.tests.factories import PersonFactory
from plans.models import IndividualPlan, PlanFormVersion, PlanItem
from plans.permissions import visible_plans
from reserve.models import ReserveEntry
from reserve.permissions import visible_reserve_entries

SCALE = "0.05"  # 5 organisations, 250 people, 50 reservists, 1,030 items


@pytest.fixture
def region(db):
    out = StringIO()
    call_command("generate_region", "--scale", SCALE, stdout=out)
    return out.getvalue()


def test_split_gives_the_first_part_a_quarter():
    assert split(1000, 2) == [250, 750]
    assert split(10000, 20) == [2500] + [395] * 14 + [394] * 5
    assert sum(split(50000, 20)) == 50000


def test_generate_region_makes_the_sizes_of_the_scale(region):
    assert "250 people, 50 reservists" in region
    assert Municipality.objects.count() == 2
    assert Organization.objects.count() == 5
    assert Person.objects.count() == 250
    assert ReserveEntry.objects.count() == 50
    assert IndividualPlan.objects.count() == 50
    assert PlanItem.objects.count() == 49 * 20 + 50


def test_the_first_municipality_holds_a_quarter(region):
    first = Municipality.objects.order_by("pk").first()
    people = Person.objects.filter(organization__municipality=first).count()
    entries = ReserveEntry.objects.filter(person__organization__municipality=first)
    assert people == round(250 / 4)
    assert entries.count() == round(50 / 4)
    # The copies of the municipality that bulk_create sets (it skips save()).
    assert Person.objects.filter(municipality=first).count() == people
    assert ReserveEntry.objects.filter(municipality=first).count() == entries.count()
    orders = MentorOrder.objects.filter(organization__municipality=first)
    mentorships = Mentorship.objects.filter(order__organization__municipality=first)
    assert orders.exists()
    assert MentorOrder.objects.filter(municipality=first).count() == orders.count()
    assert mentorships.count() == entries.count()
    assert Mentorship.objects.filter(municipality=first).count() == entries.count()


def test_every_reservist_is_active_with_an_active_mentor_of_a_registered_order(
    region,
):
    assert set(ReserveEntry.objects.values_list("status", flat=True)) == {"active"}
    active = Mentorship.objects.filter(status=Mentorship.Status.ACTIVE)
    assert active.count() == 50
    assert set(active.values_list("order__status", flat=True)) == {
        MentorOrder.Status.REGISTERED
    }
    # An order's reservists work in its organisation; mentors are ready,
    # administrative and experienced enough.
    for m in active.select_related(
        "order", "reserve_entry__person", "mentor__position", "mentor__organization"
    ).select_related("mentor__organization__municipality", "mentor__mentor_readiness"):
        assert m.reserve_entry.person.organization_id == m.order.organization_id
        assert m.mentor.position.is_administrative
        municipality = m.mentor.organization.municipality
        assert m.mentor.management_experience >= municipality.mentor_min_experience
        assert m.mentor.mentor_readiness
        assert m.mentor_id != m.reserve_entry.person_id
    loads = active.values("mentor").annotate(n=Count("pk"))
    assert (
        max(row["n"] for row in loads)
        <= Municipality.objects.get(
            pk=active.first().mentor.organization.municipality_id
        ).mentor_max_load
    )


def test_plans_are_approved_on_the_approved_form_with_items_in_every_state(region):
    assert set(IndividualPlan.objects.values_list("status", flat=True)) == {
        IndividualPlan.Status.APPROVED
    }
    assert not IndividualPlan.objects.exclude(
        form_version__status=PlanFormVersion.Status.APPROVED
    ).exists()
    assert not IndividualPlan.objects.filter(approved_by__isnull=True).exists()
    # The plan's mentor is the reservist's active mentor.
    active = dict(
        Mentorship.objects.filter(status="active").values_list(
            "reserve_entry_id", "mentor_id"
        )
    )
    for entry_id, mentor_id in IndividualPlan.objects.values_list(
        "reserve_entry_id", "mentor_id"
    ):
        assert active[entry_id] == mentor_id
    statuses = set(PlanItem.objects.values_list("status", flat=True))
    assert {"done", "not_done", "planned", "in_progress"} <= statuses
    assert PlanItem.objects.overdue().exists()
    assert not PlanItem.objects.filter(status="done", done_on__isnull=True).exists()


def test_the_bench_accounts_see_their_scope(region):
    coordinator = User.objects.get(username="bench-coordinator")
    first = Municipality.objects.order_by("pk").first()
    assert principal(coordinator).coordinator_municipality_ids == {first.pk}
    assert visible_reserve_entries(coordinator).count() == round(50 / 4)

    mentor = User.objects.get(username="bench-mentor")
    assert RoleAssignment.objects.filter(user=mentor, role=Role.MENTOR).exists()
    assert visible_reserve_entries(mentor).count() == 10
    assert visible_plans(mentor).count() == 10
    plans = visible_plans(mentor).annotate(n=Count("items"))
    assert {p.n for p in plans} == {20}

    reservist = User.objects.get(username="bench-reservist")
    (plan,) = visible_plans(reservist)
    assert plan.items.count() == 50

    head = User.objects.get(username="bench-head")
    assert principal(head).head_organization_ids == {
        Organization.objects.get(head__user=head).pk
    }


def test_the_bench_accounts_sign_in_with_the_known_password(region):
    client = Client()
    assert client.login(username="bench-mentor", password="bench-password")
    assert client.get("/mentorships/my-reservists/").status_code == 200


def test_generate_region_refuses_a_database_with_people(db):
    PersonFactory()
    with pytest.raises(CommandError, match="В базе уже есть люди"):
        call_command("generate_region", "--scale", SCALE, stdout=StringIO())


@pytest.mark.django_db(transaction=True)  # PostgreSQL truncates only outside one
def test_generate_region_flushes_first_when_asked():
    PersonFactory(last_name="Старый")
    call_command("generate_region", "--scale", SCALE, "--flush", stdout=StringIO())
    assert not Person.objects.filter(last_name="Старый").exists()
    assert Person.objects.count() == 250


def test_generate_region_refuses_a_scale_too_small(db):
    with pytest.raises(CommandError, match="Масштаб"):
        call_command("generate_region", "--scale", "0.01", stdout=StringIO())

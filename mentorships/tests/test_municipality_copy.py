"""The municipality copied onto orders and mentorships (the coordinator's scope
and the lists' order by one index of each table) is set by every write and keeps
the scope it replaced: the order's organisation's municipality."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from accounts.services import issue_token
from api.tests.conftest import API
from mentorships import services
from mentorships.models import MentorOrder, Mentorship
from mentorships.permissions import visible_mentorships, visible_orders
from mentorships.services import OrderLine
from mentorships.tests.factories import EligibleMentorFactory, MentorshipFactory
from people import services as people_services
from people.tests.factories import PositionFactory
from reserve.tests.factories import ReserveEntryFactory

START, END = date(2026, 9, 10), date(2027, 9, 10)


@pytest.fixture
def api_client():
    def make(user) -> Client:
        return Client(headers={"Authorization": f"Bearer {issue_token(user=user)}"})

    return make


def _order(school, n: int = 1, number: str = "1") -> MentorOrder:
    lines = [
        OrderLine(
            EligibleMentorFactory.create(organization=school),
            ReserveEntryFactory.create(person__organization=school),
            START,
            END,
        )
        for _ in range(n)
    ]
    return services.create_order(
        organization=school,
        number=number,
        date=START,
        signatory_name="Кузнецов Андрей Петрович",
        signatory_position="Директор",
        lines=lines,
    )


def test_an_order_and_its_lines_carry_the_organisations_municipality(school):
    order = _order(school, n=2)

    assert MentorOrder.objects.get(pk=order.pk).municipality_id == (
        school.municipality_id
    )
    copies = Mentorship.objects.filter(order=order).values_list(
        "municipality_id", flat=True
    )
    assert list(copies) == [school.municipality_id] * 2


def test_a_factory_mentorship_carries_the_orders_municipality(far_school):
    mentorship = MentorshipFactory(reserve_entry__person__organization=far_school)

    mentorship.refresh_from_db()
    assert mentorship.municipality_id == far_school.municipality_id
    assert mentorship.order.municipality_id == far_school.municipality_id


def test_registering_and_ending_keep_the_copy(school):
    order = services.register_order(order=_order(school))
    mentorship = order.mentorships.get()
    services.end_mentorship(
        mentorship=mentorship, ended_on=START, reason=Mentorship.EndReason.COMPLETED
    )

    order.refresh_from_db()
    mentorship.refresh_from_db()
    assert order.municipality_id == school.municipality_id
    assert mentorship.municipality_id == school.municipality_id


def test_the_copy_is_left_out_of_the_history_and_of_full_clean(school):
    mentorship = MentorshipFactory(reserve_entry__person__organization=school)

    mentorship.full_clean()  # no error for the copied field
    mentorship.order.full_clean()
    for model in (MentorOrder, Mentorship):
        recorded = {f.name for f in model.history.model._meta.get_fields()}
        assert "municipality" not in recorded


def test_the_coordinators_scopes_filter_on_the_copy_without_a_join(coordinator):
    for rows in (visible_orders(coordinator), visible_mentorships(coordinator)):
        sql = str(rows.query)
        assert "municipality_id" in sql
        assert "organizations_organization" not in sql
        assert "UNION" not in sql  # a coordinator with no person: one condition


def test_a_reservist_who_moves_keeps_the_mentorship_where_its_order_is(
    school, far_school, coordinator, stranger
):
    mentorship = MentorshipFactory(reserve_entry__person__organization=school)
    people_services.update_person(
        person=mentorship.reserve_entry.person,
        organization=far_school,
        position=PositionFactory(municipality=far_school.municipality),
    )

    mentorship.refresh_from_db()
    assert mentorship.municipality_id == school.municipality_id
    assert visible_mentorships(coordinator).filter(pk=mentorship.pk).exists()
    assert visible_orders(coordinator).filter(pk=mentorship.order_id).exists()
    assert not visible_orders(stranger).filter(pk=mentorship.order_id).exists()


@pytest.mark.parametrize("n", [3, 12])
def test_the_coordinators_lists_show_their_municipality_latest_first(
    client, api_client, coordinator, school, other_school, far_school, n
):
    for i in range(n):
        MentorshipFactory(
            reserve_entry__person__organization=school if i % 2 else other_school,
            starts_on=date(2026, 1, 1 + i),
            order__date=date(2026, 1, 1 + i),
        )
    MentorshipFactory(
        reserve_entry__person__organization=far_school,
        starts_on=date(2026, 6, 1),
        order__date=date(2026, 6, 1),
    )
    days = [date(2026, 1, 1 + i) for i in reversed(range(n))]

    client.force_login(coordinator)
    page = client.get(reverse("mentorships:orders")).context["page"]
    assert page.paginator.count == n
    assert [o.date for o in page.object_list] == days[:25]
    api = api_client(coordinator)
    orders = api.get(f"{API}/mentor-orders?page_size=5").json()
    assert orders["count"] == n
    assert [o["date"] for o in orders["items"]] == [d.isoformat() for d in days[:5]]
    mentorships = api.get(f"{API}/mentorships?page_size=5").json()
    assert mentorships["count"] == n
    assert [m["starts_on"] for m in mentorships["items"]] == [
        d.isoformat() for d in days[:5]
    ]

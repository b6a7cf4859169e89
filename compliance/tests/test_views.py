"""The compliance page and its export: who sees which rows, the filters (in
SQL, a bad one answered 422 in Russian), links only where the viewer may open
them, and a page's cost that does not grow with the number of reservists."""

from datetime import date
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from accounts.permissions import principal
from attestation.models import Attestation, Membership
from attestation.tests.factories import make_commission, make_session
from people.models import PersonViewLog
from people.tests.factories import PersonFactory
from plans.tests.factories import (
    IndividualPlanFactory,
    make_mentorship,
)
from reserve.tests.factories import ReserveEntryFactory

pytestmark = pytest.mark.django_db
URL = "/compliance/"


def names(response) -> list[str]:
    return [row.entry.person.last_name for row in response.context["rows"]]


@pytest.mark.parametrize(
    ("who", "seen"),
    [
        ("coordinator", ["Reservist", "Смирнова"]),
        ("head", ["Reservist"]),
        ("mentor", ["Reservist"]),
        ("stranger", ["Дальний"]),
        ("superuser", ["Reservist", "Дальний", "Смирнова"]),
    ],
)
def test_rows_in_scope(client, world, request, who, seen):
    client.force_login(request.getfixturevalue(who))
    response = client.get(URL)
    assert response.status_code == 200
    assert sorted(names(response)) == sorted(seen)
    assert len(response.context["rows"][0].cells) == 12


@pytest.mark.parametrize("who", ["reservist", "commission"])
def test_others_are_refused(client, world, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(URL).status_code == 403
    assert client.get(URL + "export.xlsx").status_code == 403


def test_anonymous_is_sent_to_sign_in(client, world):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_menu_offers_it_to_the_coordinator_not_the_reservist(
    client, world, coordinator, reservist
):
    client.force_login(coordinator)
    assert 'href="/compliance/"' in client.get("/").content.decode()
    client.force_login(reservist)
    assert 'href="/compliance/"' not in client.get("/").content.decode()


def test_a_page_is_logged_as_a_list_view(client, world, coordinator):
    client.force_login(coordinator)
    client.get(URL)
    logged = PersonViewLog.objects.filter(channel=PersonViewLog.Channel.LIST)
    assert {log.person_id for log in logged} == {
        world["mine"].reserve_entry.person_id,
        world["other"].reserve_entry.person_id,
    }


def test_filters_by_organisation_and_mentor(client, world, coordinator, other_school):
    client.force_login(coordinator)
    response = client.get(URL, {"organization": other_school.pk})
    assert names(response) == ["Смирнова"]
    response = client.get(URL, {"mentor": world["mine"].mentor_id})
    assert names(response) == ["Reservist"]


def test_filters_by_the_status_of_one_obligation(client, world, coordinator):
    # Смирнова's plan is approved; the cast reservist has none (due 1 October).
    plan = IndividualPlanFactory(reserve_entry=world["other"].reserve_entry)
    type(plan).objects.filter(pk=plan.pk).update(status="approved")
    client.force_login(coordinator)
    overdue = client.get(URL, {"obligation": "plan_approved", "status": "overdue"})
    assert names(overdue) == ["Reservist"]
    met = client.get(URL, {"obligation": "plan_approved", "status": "met"})
    assert names(met) == ["Смирнова"]
    # Without an obligation: any overdue; every obligation met: nobody.
    assert sorted(names(client.get(URL, {"status": "overdue"}))) == [
        "Reservist",
        "Смирнова",
    ]
    assert names(client.get(URL, {"status": "met"})) == []


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"status": "late"}, "status", "Выберите корректный вариант"),
        ({"obligation": "cl9"}, "obligation", "Выберите корректный вариант"),
        ({"organization": "x"}, "organization", "Выберите корректный вариант"),
    ],
)
def test_a_bad_filter_is_422_in_russian(
    client, world, coordinator, query, field, message
):
    client.force_login(coordinator)
    response = client.get(URL, query)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert response.context["rows"] == []


def test_an_organisation_out_of_scope_is_a_bad_filter(
    client, world, head, other_school
):
    client.force_login(head)
    response = client.get(URL, {"organization": other_school.pk})
    assert response.status_code == 422
    assert response.context["rows"] == []


def test_links_only_where_the_viewer_may_open_them(
    client, world, coordinator, head, other_school
):
    entry = world["mine"].reserve_entry
    chair = PersonFactory.create(organization=other_school)
    make_commission(entry.municipality, [(chair, Membership.Role.CHAIR)])
    make_session(entry.municipality, [entry], on=date(2027, 2, 1))
    attestation = Attestation.objects.get(reserve_entry=entry)
    link = f'href="/attestation/{attestation.pk}/"'
    client.force_login(coordinator)
    assert link in client.get(URL).content.decode()
    # The head of the reservist's school reads no attestation: no link.
    client.force_login(head)
    page = client.get(URL).content.decode()
    assert link not in page
    assert "Наставник приглашён на аттестацию" in page


def test_export_writes_the_filtered_rows_with_their_cells(client, world, coordinator):
    client.force_login(coordinator)
    response = client.get(URL + "export.xlsx", {"status": "overdue"})
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Соблюдение Положения о наставничестве на 15.01.2027"
    assert rows[1][4] == "5. Наставник закреплён зарегистрированным приказом"
    assert sorted(r[0] for r in rows[2:]) == [
        world["mine"].reserve_entry.person.full_name,
        world["other"].reserve_entry.person.full_name,
    ]
    assert rows[2][4] == "выполнено, срок 01.10.2026"
    assert "просрочено, срок 01.10.2026" in rows[2]  # the plan (8.1)
    assert sheet.cell(row=3, column=5).fill.fgColor.rgb.endswith("D9EAD3")
    assert (
        PersonViewLog.objects.filter(channel=PersonViewLog.Channel.EXPORT).count() == 2
    )


def _page_cost(client, user) -> tuple[int, int]:
    principal(user)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL)
    assert response.status_code == 200
    return len(captured), len(response.context["rows"])


def test_a_page_costs_the_same_whatever_the_number_of_reservists(
    client, coordinator, school
):
    client.force_login(coordinator)
    for _ in range(3):
        make_mentorship(organization=school)
    small, n_small = _page_cost(client, coordinator)
    for _ in range(30):
        make_mentorship(organization=school)
    ReserveEntryFactory.create_batch(5, person__organization=school)
    large, n_large = _page_cost(client, coordinator)
    assert (n_small, n_large) == (3, 25)
    assert small == large

"""A commission member appointed by the order without an account: the
coordinator's account page says so, and the account created for them holds the
role `commission` only when the coordinator ticks it (a head may not give it)."""

from datetime import date

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from accounts.models import Role, RoleAssignment, User
from attestation.models import Membership
from people.tests.factories import PersonFactory

NOTICE = "Работник входит в состав аттестационной комиссии"
TICK = "роль даётся, только если она отмечена"


@pytest.fixture
def member(order):
    """Ivanova of «School», seated as a member by the order, without an account."""
    person = Membership.objects.get(person__last_name="Ivanova").person
    person.email = "ivanova@example.ru"
    person.save()
    return person


def _page(person):
    return reverse("people:account", args=[person.pk])


def _create(client, person, roles):
    return client.post(
        _page(person),
        {"username": "ivanova", "email": "ivanova@example.ru", "roles": roles},
    )


def _commission_checkbox(response):
    return 'value="commission"' in response.content.decode()


def test_coordinator_is_told_the_person_sits_on_the_commission(
    client, coordinator, member, order
):
    client.force_login(coordinator)
    response = client.get(_page(member))
    assertContains(response, NOTICE)
    assertContains(response, f"по приказу № {order.number} от 01.10.2026.")
    assertContains(response, TICK)
    assert _commission_checkbox(response)
    # Offered, never ticked beforehand.
    assertNotContains(response, 'value="commission" checked')


def test_a_seat_taken_after_the_orders_date_says_since_when(
    client, coordinator, member, order
):
    Membership.objects.filter(person=member).update(starts_on=date(2026, 10, 5))
    client.force_login(coordinator)
    response = client.get(_page(member))
    assertContains(
        response, f"по приказу № {order.number} от 01.10.2026, с 05.10.2026."
    )


def test_no_notice_for_a_person_off_the_commission(client, coordinator, school, order):
    client.force_login(coordinator)
    response = client.get(_page(PersonFactory(organization=school)))
    assert response.status_code == 200
    assertNotContains(response, NOTICE)


def test_the_role_is_given_when_ticked(client, coordinator, member, session):
    client.force_login(coordinator)
    response = _create(client, member, ["commission"])
    assert response.status_code == 302
    account = User.objects.get(username="ivanova")
    roles = RoleAssignment.objects.filter(user=account).values_list("role", flat=True)
    assert list(roles) == [Role.COMMISSION]
    # The new member reads the commission and the session's materials pack.
    client.force_login(account)
    assert client.get(reverse("attestation:commission")).status_code == 200
    attestation = session.attestations.get()
    assert (
        client.get(reverse("attestation:pack", args=[attestation.pk])).status_code
        == 200
    )


def test_the_role_is_not_given_unless_ticked(client, coordinator, member, session):
    client.force_login(coordinator)
    assert _create(client, member, ["mentor"]).status_code == 302
    account = User.objects.get(username="ivanova")
    assert not RoleAssignment.objects.filter(
        user=account, role=Role.COMMISSION
    ).exists()
    # A seat without the role opens nothing of the commission.
    client.force_login(account)
    assert client.get(reverse("attestation:commission")).status_code == 403
    assert client.get(reverse("attestation:sessions")).status_code == 403
    attestation = session.attestations.get()
    assert (
        client.get(reverse("attestation:pack", args=[attestation.pk])).status_code
        == 404
    )


def test_head_may_not_give_the_role(client, head, member):
    client.force_login(head)
    response = client.get(_page(member))
    assertContains(response, NOTICE)
    assertContains(response, "Роль «Член аттестационной комиссии» даёт координатор.")
    assert not _commission_checkbox(response)
    response = _create(client, member, ["commission"])
    assert response.status_code == 422
    assertContains(response, "Выберите корректный вариант", status_code=422)
    assert not User.objects.filter(username="ivanova").exists()


@pytest.mark.parametrize(
    ("user", "status"),
    [
        ("mentor", 404),
        ("reservist", 404),
        ("commission", 404),
        ("stranger", 404),
        ("anonymous", 302),
    ],
    indirect=["user"],
)
def test_others_cannot_create_the_account(client, user, status, member):
    if user.is_authenticated:
        client.force_login(user)
    assert client.get(_page(member)).status_code == status
    assert _create(client, member, ["commission"]).status_code == status
    member.refresh_from_db()
    assert member.user_id is None

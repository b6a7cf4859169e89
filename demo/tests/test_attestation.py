from io import StringIO

import pytest
from django.core.management import call_command

from accounts.models import Role, User
from attestation.models import Attestation, Session


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=StringIO())


def test_demo_has_the_commission_and_two_sessions(demo):
    assert Session.objects.count() == 2
    decisions = set(
        Attestation.objects.exclude(decision="").values_list("decision", flat=True)
    )
    assert decisions == {"recommended", "continue", "exclude"}
    confirmed = Attestation.objects.exclude(decision="").filter(
        confirmed_at__isnull=False
    )
    assert 0 < confirmed.count() < 3
    smirnova = Attestation.objects.get(reserve_entry__person__last_name="Смирнова")
    assert smirnova.reserve_entry.term_until.year == 2030
    assert smirnova.decided_by_chair is False
    assert Attestation.objects.get(
        reserve_entry__person__last_name="Романова"
    ).decided_by_chair


def test_demo_commission_account_is_a_member(demo):
    user = User.objects.get(username="commission")
    assert user.roles.filter(role=Role.COMMISSION).exists()
    assert user.person.commission_memberships.filter(ends_on__isnull=True).exists()


def test_demo_mentor_is_invited_to_the_upcoming_session(demo):
    mentor = User.objects.get(username="mentor").person
    assert Attestation.objects.filter(mentor=mentor, invitation="invited").exists()


def test_demo_minutes_render(demo):
    from attestation.document_services import render_minutes

    past = Session.objects.order_by("date").first()
    content, _name, _type = render_minutes(past, "docx")
    assert content[:2] == b"PK"

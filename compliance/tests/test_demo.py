"""The compliance table on the demo municipality shows the demo reservists'
real state: Петров (login `reservist`) with his mentor appointed, his plan
approved and its overdue items overdue."""

from io import StringIO

import pytest
from django.core.management import call_command

from accounts.models import User

pytestmark = pytest.mark.django_db


def test_the_demo_reservists_real_state(client):
    call_command("load_demo", stdout=StringIO())
    client.force_login(User.objects.get(username="coordinator"))
    response = client.get("/compliance/")
    assert response.status_code == 200
    rows = {r.entry.person.last_name: r for r in response.context["rows"]}
    assert "Петров" in rows
    cells = {c.rule.key: c.status for c in rows["Петров"].cells}
    assert cells["mentor_appointed"] == "met"
    assert cells["mentor_eligible"] == "met"
    assert cells["plan_approved"] == "met"
    assert cells["plan_items"] == "overdue"
    assert cells["consultations"] == "met"
    assert cells["mentor_invited"] == "met"
    export = client.get("/compliance/export.xlsx")
    assert export.status_code == 200
    assert export["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )

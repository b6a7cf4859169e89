"""The approval's optional comment and the plan's status history on its page."""

from datetime import date

import pytest
from django.urls import reverse

from plans.models import IndividualPlan
from plans.tests.view_helpers import add, fresh

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]


def _post(client, name: str, plan, **data):
    plan = fresh(plan)
    url = reverse(f"plans:{name}", args=[plan.pk])
    return client.post(url, {"version": plan.version, **data})


def test_the_plan_page_shows_its_status_history_with_who_and_the_comments(
    client, plan, mentor, coordinator
):
    add(plan, mentor, "Изучить устав школы", date(2027, 2, 1))
    client.force_login(mentor)
    _post(client, "submit", plan)
    client.force_login(coordinator)
    _post(client, "return", plan, remarks="Добавьте стажировку")
    client.force_login(mentor)
    _post(client, "submit", plan)
    client.force_login(coordinator)
    response = _post(client, "approve", plan, comment="Хороший план")
    assert response.status_code == 302
    assert fresh(plan).approval_comment == "Хороший план"
    assert fresh(plan).status == IndividualPlan.Status.APPROVED

    content = client.get(plan.get_absolute_url()).content.decode()
    history = content.split('id="status-history"')[1].split("</details>")[0]
    assert "История статуса" in content
    assert history.count("Направлен на утверждение") == 2
    assert "Возвращён на доработку" in history
    assert "Добавьте стажировку" in history
    assert "Утверждён" in history
    assert "Хороший план" in history
    assert mentor.person.short_name in history
    assert history.index("Возвращён") < history.index("Утверждён")


def test_re_approval_takes_a_comment_and_shows_in_the_history(
    client, plan, mentor, coordinator
):
    add(plan, mentor, "Изучить устав школы", date(2027, 2, 1))
    client.force_login(mentor)
    _post(client, "submit", plan)
    client.force_login(coordinator)
    _post(client, "approve", plan)
    client.force_login(mentor)
    add(fresh(plan), mentor, "Провести педсовет", date(2027, 3, 1))
    client.force_login(coordinator)
    content = client.get(plan.get_absolute_url()).content.decode()
    assert 'name="comment"' in content  # the approver may comment
    _post(client, "approve", plan, comment="Изменения приняты")
    content = client.get(plan.get_absolute_url()).content.decode()
    assert "Изменения утверждены повторно" in content
    assert "Изменения приняты" in content


def test_approval_without_a_comment_is_fine(client, plan, mentor, coordinator):
    add(plan, mentor, "Изучить устав школы", date(2027, 2, 1))
    client.force_login(mentor)
    _post(client, "submit", plan)
    client.force_login(coordinator)
    _post(client, "approve", plan)
    assert fresh(plan).status == IndividualPlan.Status.APPROVED
    assert fresh(plan).approval_comment == ""


def test_the_reservist_cannot_approve_even_with_a_comment(
    client, plan, mentor, reservist
):
    add(plan, mentor, "Изучить устав школы", date(2027, 2, 1))
    client.force_login(mentor)
    _post(client, "submit", plan)
    client.force_login(reservist)
    response = _post(client, "approve", plan, comment="Сам утвердил")
    assert response.status_code == 403
    assert fresh(plan).status == IndividualPlan.Status.SUBMITTED
    content = client.get(plan.get_absolute_url()).content.decode()
    assert 'name="comment"' not in content

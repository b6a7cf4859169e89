"""A person's data in one file, for a subject's request (152-ФЗ)."""

import json

from django.urls import reverse

from people.models import PersonViewLog
from people.tests.factories import PersonFactory
from plans.tests.factories import IndividualPlanFactory, PlanItemFactory


def _url(person) -> str:
    return reverse("home:person_data", args=[person.pk])


def test_coordinator_gets_the_card_entries_mentorships_plans_and_log(
    client, coordinator, school
):
    plan = IndividualPlanFactory(organization=school)
    PlanItemFactory.create_batch(2, plan=plan)
    person = plan.reserve_entry.person
    client.force_login(coordinator)

    response = client.get(_url(person))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["person"]["last_name"] == person.last_name
    assert [e["id"] for e in data["reserve_entries"]] == [plan.reserve_entry_id]
    assert [p["id"] for p in data["plans"]] == [plan.pk]
    assert len(data["plan_items"]) == 2
    assert len(data["mentorships"]) >= 1
    assert data["access_log"][0]["kind"] == PersonViewLog.Channel.SUBJECT
    log = PersonViewLog.objects.get()
    assert (log.person, log.user) == (person, coordinator)


def test_only_the_coordinator_in_scope(client, head, stranger, school):
    person = PersonFactory(organization=school)
    client.force_login(head)
    assert client.get(_url(person)).status_code == 403
    client.force_login(stranger)
    assert client.get(_url(person)).status_code == 404
    assert not PersonViewLog.objects.exists()

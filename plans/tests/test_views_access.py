"""Every page and action of plans for every role: allowed, denied (403), out of
scope (404), anonymous (302 to the login)."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from plans import services
from plans.tests.factories import IndividualPlanFactory
from plans.tests.view_helpers import PDF, add

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]

ROLES = ["coordinator", "head", "mentor", "reservist", "commission", "stranger"]

# page: (URL name, the objects whose pks it takes, expected status by role)
PAGES = {
    "plans": ("plans:list", [], [200, 200, 200, 200, 200, 200]),
    "plan": ("plans:plan", ["plan"], [200, 200, 200, 200, 404, 404]),
    "plan forms": ("plans:forms", [], [200, 200, 200, 200, 200, 200]),
    "form": ("plans:form", ["form"], [302, 302, 302, 302, 302, 404]),
    "form version": (
        "plans:form_version",
        ["form", "number"],
        [200, 200, 200, 200, 200, 404],
    ),
    "new plan": ("plans:create", ["entry"], [403, 403, 200, 200, 404, 404]),
    "my plan": ("plans:mine", [], [403, 403, 403, 302, 403, 403]),
    "control": ("plans:control", [], [403, 403, 200, 403, 403, 403]),
    "item edit": ("plans:item_edit", ["plan", "item"], [403, 403, 200, 200, 404, 404]),
    "item progress": (
        "plans:item_progress",
        ["plan", "item"],
        [403, 403, 200, 200, 404, 404],
    ),
    "item row": ("plans:item", ["plan", "item"], [302, 302, 302, 302, 404, 404]),
    "evidence": ("plans:evidence", ["evidence"], [200, 200, 200, 200, 404, 404]),
}

# action: (URL name, the objects whose pks it takes, expected status by role);
# a 302, 200 or 422 (the empty form refused) means the view let the user act.
ACTIONS = {
    "submit": ("plans:submit", ["plan"], [403, 403, 302, 403, 404, 404]),
    "approve": ("plans:approve", ["plan"], [302, 403, 403, 403, 404, 404]),
    "return": ("plans:return", ["plan"], [422, 403, 403, 403, 404, 404]),
    "complete": ("plans:complete", ["plan"], [302, 403, 302, 403, 404, 404]),
    "add item": ("plans:item_add", ["plan"], [403, 403, 422, 422, 404, 404]),
    "edit item": ("plans:item_edit", ["plan", "item"], [403, 403, 200, 200, 404, 404]),
    "remove item": (
        "plans:item_remove",
        ["plan", "item"],
        [403, 403, 409, 409, 404, 404],
    ),
    "move item": ("plans:item_move", ["plan", "item"], [403, 403, 302, 302, 404, 404]),
    "deadlines": ("plans:deadlines", ["plan"], [403, 403, 422, 422, 404, 404]),
    "mark": ("plans:item_progress", ["plan", "item"], [403, 403, 200, 200, 404, 404]),
    "confirm": ("plans:item_confirm", ["plan", "item"], [403, 403, 409, 403, 404, 404]),
    "comment": ("plans:comment", ["plan"], [422, 403, 422, 422, 404, 404]),
    "new form": ("plans:forms", [], [200, 403, 403, 403, 403, 200]),
    "new version": ("plans:form_new", ["form"], [302, 403, 403, 403, 403, 404]),
    "structure": (
        "plans:form_structure",
        ["form", "number"],
        [422, 403, 403, 403, 403, 404],
    ),
}


@pytest.fixture
def objects(plan, mentor, reservist):
    item = add(plan, mentor, "Изучить устав школы", date(2026, 10, 1))
    evidence = services.add_evidence(
        item=item,
        file=SimpleUploadedFile("report.pdf", PDF, "application/pdf"),
        by=reservist,
    )
    version = plan.form_version
    return {
        "plan": plan,
        "item": item,
        "evidence": evidence,
        "entry": plan.reserve_entry,
        "form": version.form,
        "number": version.number,
    }


def _url(name: str, keys: list[str], objects: dict) -> str:
    args = [objects[k] if k == "number" else objects[k].pk for k in keys]
    return reverse(name, args=args)


def _answers(client, request, method: str, url: str) -> list[int]:
    answers = []
    for role in ROLES:
        client.force_login(request.getfixturevalue(role))
        answers.append(getattr(client, method)(url).status_code)
    return answers


@pytest.mark.parametrize("page", PAGES)
def test_page_answers_each_role(client, page, objects, request):
    name, keys, expected = PAGES[page]
    assert _answers(client, request, "get", _url(name, keys, objects)) == expected


@pytest.mark.parametrize("action", ACTIONS)
def test_action_answers_each_role(client, action, objects, request):
    name, keys, expected = ACTIONS[action]
    assert _answers(client, request, "post", _url(name, keys, objects)) == expected


@pytest.mark.parametrize("page", [*PAGES, *ACTIONS])
def test_anonymous_is_sent_to_the_login(client, page, objects):
    name, keys, _expected = PAGES.get(page) or ACTIONS[page]
    response = client.get(_url(name, keys, objects))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_another_mentors_plan_is_not_found(client, mentor, school):
    other = IndividualPlanFactory(organization=school)
    client.force_login(mentor)
    assert client.get(reverse("plans:plan", args=[other.pk])).status_code == 404
    url = reverse("plans:item_add", args=[other.pk])
    assert client.post(url).status_code == 404


def test_the_head_approves_when_the_municipality_says_so(
    client, plan, head, coordinator, mentor
):
    municipality = plan.reserve_entry.person.organization.municipality
    municipality.plan_approver = municipality.PlanApprover.HEAD
    municipality.save()
    add(plan, mentor, "Изучить устав школы", date(2026, 10, 1))
    services.submit_plan(plan=plan)
    url = reverse("plans:approve", args=[plan.pk])
    client.force_login(coordinator)
    assert client.post(url, {"version": 2}).status_code == 403
    client.force_login(head)
    assert client.post(url, {"version": 2}).status_code == 302
    plan.refresh_from_db()
    assert plan.status == plan.Status.APPROVED


def test_a_former_mentor_reads_the_plan_but_may_not_change_it(client, plan, mentor):
    from mentorships.services import end_mentorship

    item = add(plan, mentor, "Изучить устав школы", date(2026, 10, 1))
    end_mentorship(
        mentorship=plan.reserve_entry.mentorships.get(),
        ended_on=date(2027, 1, 10),
        reason="completed",
    )
    client.force_login(mentor)

    response = client.get(reverse("plans:plan", args=[plan.pk]))
    assert response.status_code == 200
    assert not any(response.context["rights"].values())
    for name, args in [
        ("plans:item_add", [plan.pk]),
        ("plans:item_edit", [plan.pk, item.pk]),
        ("plans:submit", [plan.pk]),
        ("plans:comment", [plan.pk]),
    ]:
        assert client.post(reverse(name, args=args)).status_code == 403, name


HUGE = "99999999999999999999"


def test_a_huge_entry_filter_is_ignored_not_a_server_error(client, coordinator, plan):
    client.force_login(coordinator)

    response = client.get(reverse("plans:list"), {"entry": HUGE})

    assert response.status_code == 200
    assert response.context["entry"] is None


@pytest.mark.parametrize("field", ["item", "version"])
def test_a_huge_number_in_a_plan_form_is_not_a_server_error(
    client, mentor, plan, field
):
    client.force_login(mentor)
    name = "plans:comment" if field == "item" else "plans:submit"
    response = client.post(
        reverse(name, args=[plan.pk]), {"text": "Замечание", field: HUGE}
    )

    assert response.status_code in (200, 302, 404)


def test_a_plan_period_in_the_year_9999_is_a_form_error(client, mentor, plan):
    client.force_login(mentor)

    response = client.post(
        reverse("plans:create", args=[plan.reserve_entry.pk]),
        {
            "period_start": "9999-01-01",
            "period_end": "9999-12-31",
            "start": "suggestions",
        },
    )

    assert response.status_code == 422
    assert response.context["form"].errors["period_start"]

"""/plans/{id}/submit, approve, return, complete: who may, the plan's version
(409 when stale, nothing saved), and the plan as a document."""

from datetime import date

import pytest

from api.tests.conftest import API, approve, ru
from organizations.models import Municipality
from plans.models import IndividualPlan, PlanItem

URL = f"{API}/plans"
JSON = "application/json"
FORBIDDEN = {"detail": "Недостаточно прав для этого действия.", "errors": {}}

pytestmark = pytest.mark.usefixtures("today")


# -------------------------------------------------------------------- actions


def post(client, plan, action: str, **fields):
    if action == "return":
        fields.setdefault("remarks", "Уточнить сроки")
    return client.post(
        f"{URL}/{plan.pk}/{action}",
        {"version": plan.version, **fields},
        content_type=JSON,
    )


def test_submit_approve_and_complete(api_client, mentor, coordinator, plan):
    response = post(api_client(mentor), plan, "submit")
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["version"]) == ("submitted", 2)
    plan.refresh_from_db()

    response = post(api_client(coordinator), plan, "approve")
    assert response.status_code == 200
    assert response.json()["status"] == "approved"
    assert response.json()["approved_by_name"] == "coordinator"
    plan.refresh_from_db()
    for item in plan.items.all():
        item.status, item.done_on = PlanItem.Status.DONE, date(2027, 1, 10)
        item.evidence_text = "Отчёт"
        item.save()

    response = post(api_client(mentor), plan, "complete")
    assert response.status_code == 200
    assert response.json()["status"] == "completed"


def test_return_sends_the_plan_back_with_remarks(api_client, mentor, coordinator, plan):
    post(api_client(mentor), plan, "submit")
    plan.refresh_from_db()

    response = post(api_client(coordinator), plan, "return", remarks="Уточнить сроки")

    assert response.status_code == 200
    assert (response.json()["status"], response.json()["remarks"]) == (
        "draft",
        "Уточнить сроки",
    )


@pytest.mark.parametrize(
    ("action", "role"),
    [
        ("submit", "reservist"),
        ("submit", "coordinator"),
        ("approve", "mentor"),
        ("approve", "head"),
        ("return", "reservist"),
        ("complete", "reservist"),
        ("complete", "head"),
    ],
)
def test_actions_are_403_without_the_right(request, api_client, action, role, plan):
    user = request.getfixturevalue(role)
    if action != "submit":
        plan.status = IndividualPlan.Status.SUBMITTED
        plan.save()

    response = post(api_client(user), plan, action)

    assert response.status_code == 403
    assert response.json() == FORBIDDEN
    plan.refresh_from_db()
    assert plan.version == 1


@pytest.mark.parametrize("action", ["submit", "approve", "return", "complete"])
def test_actions_are_404_outside_the_scope(api_client, stranger, action, plan):
    response = post(api_client(stranger), plan, action)

    assert response.status_code == 404


@pytest.mark.parametrize("action", ["submit", "approve", "return", "complete"])
def test_actions_are_401_for_an_anonymous_client(api_client, action, plan):
    assert post(api_client(), plan, action).status_code == 401


def test_approval_is_the_heads_where_the_municipality_says_so(
    api_client, head, coordinator, mentor, plan, municipality
):
    municipality.plan_approver = Municipality.PlanApprover.HEAD
    municipality.save()
    post(api_client(mentor), plan, "submit")
    plan.refresh_from_db()

    assert post(api_client(coordinator), plan, "approve").status_code == 403
    assert post(api_client(head), plan, "approve").status_code == 200


def test_submit_with_a_stale_version_is_409(api_client, mentor, plan):
    plan.version = 1
    stale = {"version": 1}
    IndividualPlan.objects.filter(pk=plan.pk).update(version=2)

    response = api_client(mentor).post(
        f"{URL}/{plan.pk}/submit", stale, content_type=JSON
    )

    assert response.status_code == 409
    assert response.json() == {
        "detail": ru(
            "Somebody else has changed this since you opened it. Reload the page: "
            "your changes were not saved."
        ),
        "errors": {},
    }
    plan.refresh_from_db()
    assert plan.status == IndividualPlan.Status.DRAFT


def test_actions_require_the_version(api_client, mentor, plan):
    response = api_client(mentor).post(f"{URL}/{plan.pk}/submit", {}, content_type=JSON)

    assert response.status_code == 422
    assert response.json()["errors"] == {"version": ["Обязательное поле."]}


def test_approve_refuses_a_draft(api_client, coordinator, plan):
    response = post(api_client(coordinator), plan, "approve")

    assert response.status_code == 400
    assert response.json()["detail"] == ru("Only a submitted plan can be approved.")
    plan.refresh_from_db()
    assert plan.status == IndividualPlan.Status.DRAFT


def test_complete_refuses_open_rows(api_client, mentor, coordinator, plan):
    approve(plan, coordinator)

    response = post(api_client(mentor), plan, "complete")

    assert response.status_code == 400
    assert response.json()["detail"] == ru(
        "%(n)s items are still open: mark them done or not done first."
    ) % {"n": 2}


def test_return_requires_remarks(api_client, coordinator, plan):
    response = post(api_client(coordinator), plan, "return", remarks="")

    assert response.status_code == 422
    assert response.json()["errors"] == {"remarks": ["Поле не может быть пустым."]}


# ------------------------------------------------------------------- document


@pytest.mark.parametrize(
    ("fmt", "content_type", "magic"),
    [
        (
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            b"PK",
        ),
        ("pdf", "application/pdf", b"%PDF"),
    ],
)
def test_document_is_a_file_to_download(
    api_client, reservist, plan, fmt, content_type, magic
):
    response = api_client(reservist).get(f"{URL}/{plan.pk}/document", {"format": fmt})

    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == (
        f'attachment; filename="plan-reservist-2026-09-01.{fmt}"'
    )
    assert response.content.startswith(magic)


def test_document_is_docx_by_default(api_client, head, plan):
    response = api_client(head).get(f"{URL}/{plan.pk}/document")

    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.docx"')


def test_document_refuses_another_format(api_client, head, plan):
    response = api_client(head).get(f"{URL}/{plan.pk}/document", {"format": "odt"})

    assert response.status_code == 422
    assert response.json()["errors"] == {
        "format": ["Выберите одно из допустимых значений: docx, pdf."]
    }


@pytest.mark.parametrize(("role", "status"), [("stranger", 404), (None, 401)])
def test_document_is_refused_outside_the_scope(request, api_client, role, status, plan):
    user = request.getfixturevalue(role) if role else None

    assert api_client(user).get(f"{URL}/{plan.pk}/document").status_code == status


def test_approve_keeps_the_approvers_comment(api_client, mentor, coordinator, plan):
    post(api_client(mentor), plan, "submit")
    plan.refresh_from_db()

    response = post(
        api_client(coordinator), plan, "approve", comment="  Согласовано с ОО.  "
    )

    assert response.status_code == 200
    assert response.json()["approval_comment"] == "Согласовано с ОО."
    plan.refresh_from_db()
    assert plan.approval_comment == "Согласовано с ОО."


def test_approve_refuses_a_comment_with_control_characters(
    api_client, mentor, coordinator, plan
):
    post(api_client(mentor), plan, "submit")
    plan.refresh_from_db()

    response = post(api_client(coordinator), plan, "approve", comment="Да\u202e")

    assert response.status_code == 422
    assert "comment" in response.json()["errors"]
    plan.refresh_from_db()
    assert plan.status == IndividualPlan.Status.SUBMITTED

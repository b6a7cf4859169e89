"""/plans/{id}/items/{item_id}/mark, confirm and evidence: progress of an approved
plan's rows, with the version check and evidence files served only in scope."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from api.tests.conftest import API, approve, ru
from plans.models import Evidence, IndividualPlan, PlanItem

JSON = "application/json"
PDF = b"%PDF-1.4 a scanned certificate"

pytestmark = pytest.mark.usefixtures("today")


def url(plan, *parts: object) -> str:
    return "/".join([f"{API}/plans/{plan.pk}/items", *map(str, parts)])


@pytest.fixture
def item(plan) -> PlanItem:
    return plan.items.order_by("pk").first()


# ---------------------------------------------------------- mark and confirm


@pytest.fixture
def approved(plan, coordinator) -> IndividualPlan:
    return approve(plan, coordinator)


def test_mark_done_then_the_mentor_confirms(
    api_client, reservist, mentor, approved, item
):
    response = api_client(reservist).post(
        url(approved, item.pk, "mark"),
        {
            "version": 1,
            "status": "done",
            "done_on": "2027-01-10",
            "evidence_text": "Конспект на 5 страницах",
        },
        content_type=JSON,
    )
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["is_done_late"]) == (
        "done",
        True,
    )

    response = api_client(mentor).post(
        url(approved, item.pk, "confirm"), {"version": 2}, content_type=JSON
    )
    assert response.status_code == 200
    assert response.json()["confirmed_by_name"] == "Mentor N. P."


def test_mark_refuses_done_without_evidence(api_client, reservist, approved, item):
    response = api_client(reservist).post(
        url(approved, item.pk, "mark"),
        {"version": 1, "status": "done", "done_on": "2027-01-10"},
        content_type=JSON,
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "evidence_text": [ru("Describe the result, give a link or attach a file.")]
    }
    item.refresh_from_db()
    assert item.status == PlanItem.Status.PLANNED


def test_mark_with_a_stale_version_is_409(api_client, reservist, approved, item):
    response = api_client(reservist).post(
        url(approved, item.pk, "mark"),
        {"version": 3, "status": "in_progress"},
        content_type=JSON,
    )

    assert response.status_code == 409
    item.refresh_from_db()
    assert item.status == PlanItem.Status.PLANNED


def test_mark_refuses_a_draft(api_client, reservist, plan, item):
    response = api_client(reservist).post(
        url(plan, item.pk, "mark"),
        {"version": 1, "status": "in_progress"},
        content_type=JSON,
    )

    assert response.status_code == 400
    assert response.json()["detail"] == ru("Progress is marked on an approved plan.")


def test_confirm_is_the_mentors(api_client, reservist, coordinator, approved, item):
    item.status, item.done_on, item.evidence_text = "done", date(2027, 1, 5), "Есть"
    item.save()

    for user in (reservist, coordinator):
        response = api_client(user).post(
            url(approved, item.pk, "confirm"), {"version": 1}, content_type=JSON
        )
        assert response.status_code == 403
    item.refresh_from_db()
    assert item.confirmed_at is None


@pytest.mark.parametrize("action", ["mark", "confirm"])
@pytest.mark.parametrize(("role", "status"), [("stranger", 404), (None, 401)])
def test_progress_is_refused_outside_the_scope(
    request, api_client, action, role, status, approved, item
):
    user = request.getfixturevalue(role) if role else None
    payload = (
        {"version": 1, "status": "in_progress"} if action == "mark" else {"version": 1}
    )

    response = api_client(user).post(
        url(approved, item.pk, action), payload, content_type=JSON
    )

    assert response.status_code == status


def test_mark_is_403_for_the_head(api_client, head, approved, item):
    response = api_client(head).post(
        url(approved, item.pk, "mark"),
        {"version": 1, "status": "in_progress"},
        content_type=JSON,
    )

    assert response.status_code == 403


# ------------------------------------------------------------------- evidence


def upload(client, plan, item, name: str = "удостоверение.pdf", content=PDF):
    return client.post(
        url(plan, item.pk, "evidence"), {"file": SimpleUploadedFile(name, content)}
    )


def test_evidence_is_attached_and_served_in_scope(
    api_client, reservist, coordinator, approved, item
):
    response = upload(api_client(reservist), approved, item)

    assert response.status_code == 201
    uploaded = response.json()
    assert (uploaded["item_id"], uploaded["original_name"], uploaded["size"]) == (
        item.pk,
        "удостоверение.pdf",
        len(PDF),
    )
    assert uploaded["url"] == f"{API}/evidence/{uploaded['id']}"
    response = api_client(coordinator).get(uploaded["url"])
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == PDF


def test_an_attached_file_is_evidence_enough_to_mark_done(
    api_client, reservist, approved, item
):
    upload(api_client(reservist), approved, item)

    response = api_client(reservist).post(
        url(approved, item.pk, "mark"),
        {"version": 1, "status": "done", "done_on": "2026-09-30"},
        content_type=JSON,
    )

    assert response.status_code == 200
    assert [f["original_name"] for f in response.json()["files"]] == [
        "удостоверение.pdf"
    ]


@pytest.mark.parametrize(("role", "status"), [("stranger", 404), (None, 401)])
def test_evidence_is_not_served_outside_the_scope(
    request, api_client, reservist, role, status, approved, item
):
    evidence_id = upload(api_client(reservist), approved, item).json()["id"]
    user = request.getfixturevalue(role) if role else None

    assert api_client(user).get(f"{API}/evidence/{evidence_id}").status_code == status


def test_evidence_refuses_a_disguised_file(api_client, reservist, approved, item):
    response = upload(
        api_client(reservist), approved, item, "certificate.pdf", b"MZ\x90 program"
    )

    assert response.status_code == 400
    assert response.json()["detail"] == ru(
        "The file is not of an allowed type (%(types)s): its content does not match."
    ) % {"types": "PDF, JPEG, PNG, DOCX/XLSX/ODT"}
    assert not Evidence.objects.exists()


def test_evidence_refuses_a_file_whose_name_lies(api_client, reservist, approved, item):
    response = upload(api_client(reservist), approved, item, "photo.png", PDF)

    assert response.status_code == 400
    assert response.json()["detail"] == ru(
        "The file «%(name)s» is not the document its name says."
    ) % {"name": "photo.png"}
    assert not Evidence.objects.exists()


def test_evidence_refuses_a_file_over_the_limit(
    api_client, reservist, approved, item, monkeypatch
):
    monkeypatch.setattr("plans.services.progress.EVIDENCE_MAX_SIZE", 1024 * 1024)

    response = upload(
        api_client(reservist), approved, item, content=PDF + b"x" * 2 * 1024 * 1024
    )

    assert response.status_code == 400
    assert not Evidence.objects.exists()


def test_evidence_requires_a_file(api_client, reservist, approved, item):
    response = api_client(reservist).post(url(approved, item.pk, "evidence"))

    assert response.status_code == 422
    assert response.json()["errors"] == {"file": ["Обязательное поле."]}


@pytest.mark.parametrize(
    ("role", "status"), [("coordinator", 403), ("head", 403), ("stranger", 404)]
)
def test_evidence_upload_is_refused_to_others(
    request, api_client, role, status, approved, item
):
    user = request.getfixturevalue(role)

    assert upload(api_client(user), approved, item).status_code == status
    assert not Evidence.objects.exists()


NOT_MULTIPART = (
    "Запрос не является корректной формой multipart/form-data: отправьте файл "
    "как multipart/form-data с разделителем (boundary)."
)


def test_evidence_without_a_multipart_boundary_is_400(
    api_client, reservist, approved, item
):
    response = api_client(reservist).post(
        url(approved, item.pk, "evidence"),
        b"--x\r\n\r\n--x--",
        content_type="multipart/form-data",
    )

    assert response.status_code == 400
    assert response.json() == {"detail": NOT_MULTIPART, "errors": {}}

"""Progress of an approved plan on its page: marks with evidence and files, the
mentor's confirmation, and evidence served only to users in scope."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from plans import services
from plans.models import Evidence, PlanItem
from plans.tests.view_helpers import PDF, add, approve, fresh

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]

HTMX = {"HX-Request": "true"}
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def item(plan, mentor, coordinator):
    """The only row of the cast's approved plan, overdue since 1 October 2026."""
    approve(plan, mentor, coordinator)
    return plan.items.get()


def _progress(plan, item) -> str:
    return reverse("plans:item_progress", args=[plan.pk, item.pk])


def _done(item, **changes) -> dict:
    data = {
        "status": "done",
        "done_on": "2027-01-10",
        "evidence_text": "Конспект устава",
        "evidence_link": "",
        "not_done_reason": "",
        "version": item.version,
    }
    return {**data, **changes}


def test_progress_form_opens_in_the_row(client, plan, item, reservist):
    client.force_login(reservist)
    response = client.get(_progress(plan, item), headers=HTMX)
    content = response.content.decode()
    assert content.lstrip().startswith(f'<tr id="item-{item.pk}" class="progress-row">')
    assert 'enctype="multipart/form-data"' in content
    assert "multiple" in content  # several files at once


def test_reservist_marks_done_with_several_files(client, plan, item, reservist):
    client.force_login(reservist)
    files = [
        SimpleUploadedFile("Протокол.pdf", PDF, "application/pdf"),
        SimpleUploadedFile("photo.png", PNG, "image/png"),
    ]
    response = client.post(
        _progress(plan, item), {**_done(item), "files": files}, headers=HTMX
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Отметка о выполнении сохранена." in content
    assert "Выполнено 10 января 2027 г." in content
    assert ">с опозданием</span>" in content  # the deadline was 1 October
    assert "Ожидает подтверждения наставника" in content
    assert "Протокол.pdf" in content and "photo.png" in content
    item = fresh(item)
    assert (item.status, item.done_on) == (PlanItem.Status.DONE, date(2027, 1, 10))
    assert sorted(e.original_name for e in item.files.all()) == [
        "photo.png",
        "Протокол.pdf",
    ]


def test_a_disguised_file_is_refused_and_nothing_is_saved(
    client, plan, item, reservist
):
    client.force_login(reservist)
    fake = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    response = client.post(
        _progress(plan, item),
        {**_done(item, evidence_text=""), "files": [fake]},
        headers=HTMX,
    )
    assert response.status_code == 422
    content = response.content.decode()
    assert 'class="progress-row"' in content
    assert "Файл недопустимого типа (разрешены: PDF, JPEG, PNG, DOCX/XLSX/ODT)" in (
        content
    )
    assert fresh(item).status == PlanItem.Status.PLANNED
    assert not Evidence.objects.exists()


def test_a_file_named_as_another_type_is_refused(client, plan, item, reservist):
    client.force_login(reservist)
    png_as_pdf = SimpleUploadedFile("scan.pdf", PNG, "application/pdf")
    response = client.post(
        _progress(plan, item), {**_done(item), "files": [png_as_pdf]}
    )
    assert (
        "Содержимое файла «scan.pdf» не соответствует типу, указанному в его имени."
        in response.content.decode()
    )
    assert not Evidence.objects.exists()
    assert fresh(item).status == PlanItem.Status.PLANNED


def test_done_needs_evidence_and_not_done_needs_a_reason(client, plan, item, mentor):
    client.force_login(mentor)
    response = client.post(_progress(plan, item), _done(item, evidence_text=""))
    assert "Опишите результат, укажите ссылку или приложите файл." in (
        response.content.decode()
    )
    response = client.post(
        _progress(plan, item), _done(item, status="not_done", not_done_reason="")
    )
    assert "Укажите причину." in response.content.decode()
    assert fresh(item).status == PlanItem.Status.PLANNED


def test_mentor_marks_in_progress(client, plan, item, mentor):
    client.force_login(mentor)
    response = client.post(_progress(plan, item), _done(item, status="in_progress"))
    assert response.status_code == 302
    assert fresh(item).status == PlanItem.Status.IN_PROGRESS


def test_marking_a_draft_plan_is_refused(client, plan, mentor):
    item = add(plan, mentor, "Изучить устав школы", date(2026, 10, 1))
    client.force_login(mentor)
    response = client.post(_progress(plan, item), _done(item))
    assert "Выполнение отмечается в утверждённом плане." in response.content.decode()
    assert fresh(item).status == PlanItem.Status.PLANNED


def test_stale_mark_is_a_conflict(client, plan, item, reservist, mentor):
    services.mark_item(item=item, status="in_progress", expected_version=item.version)
    client.force_login(reservist)
    response = client.post(_progress(plan, item), _done(item, version=1), headers=HTMX)
    assert response.status_code == 409
    assert "Кто-то уже изменил эти данные" in response.content.decode()
    response = client.post(_progress(plan, item), _done(item, version=1))
    assert response.status_code == 409
    assert fresh(item).status == PlanItem.Status.IN_PROGRESS


def test_mentor_confirms_a_done_item(client, plan, item, mentor):
    services.mark_item(
        item=item, status="done", done_on=date(2027, 1, 10), evidence_text="Да"
    )
    client.force_login(mentor)
    content = client.get(plan.get_absolute_url()).content.decode()
    assert ">Подтвердить</button>" in content
    item = fresh(item)
    response = client.post(
        reverse("plans:item_confirm", args=[plan.pk, item.pk]),
        {"version": item.version},
        headers=HTMX,
    )
    content = response.content.decode()
    assert "Выполнение мероприятия подтверждено." in content
    assert "Подтверждено наставником 15 января 2027 г." in content
    assert fresh(item).confirmed_by == mentor


def test_confirming_an_open_item_shows_the_refusal(client, plan, item, mentor):
    client.force_login(mentor)
    response = client.post(
        reverse("plans:item_confirm", args=[plan.pk, item.pk]),
        {"version": item.version},
    )
    assert "Подтвердить можно только выполненное мероприятие." in (
        response.content.decode()
    )
    assert fresh(item).confirmed_at is None


def test_the_reservist_cannot_confirm(client, plan, item, reservist):
    services.mark_item(
        item=item, status="done", done_on=date(2027, 1, 10), evidence_text="Да"
    )
    client.force_login(reservist)
    assert ">Подтвердить</button>" not in (
        client.get(plan.get_absolute_url()).content.decode()
    )
    response = client.post(
        reverse("plans:item_confirm", args=[plan.pk, item.pk]), {"version": 2}
    )
    assert response.status_code == 403


# Evidence files ----------------------------------------------------------------------


@pytest.fixture
def evidence(item, reservist):
    return services.add_evidence(
        item=item,
        file=SimpleUploadedFile("Протокол.pdf", PDF, "application/pdf"),
        by=reservist,
    )


@pytest.mark.parametrize("who", ["coordinator", "head", "mentor", "reservist"])
def test_evidence_downloads_as_an_attachment_in_scope(client, evidence, who, request):
    client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("plans:evidence", args=[evidence.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment;")
    assert (
        "%D0%9F%D1%80%D0%BE%D1%82%D0%BE%D0%BA%D0%BE%D0%BB.pdf"
        in (response["Content-Disposition"])
    )


@pytest.mark.parametrize("who", ["commission", "stranger"])
def test_evidence_out_of_scope_is_not_found(client, evidence, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("plans:evidence", args=[evidence.pk])).status_code == 404


def test_evidence_of_another_mentors_plan_is_not_found(client, mentor, school):
    from plans.tests.factories import PlanItemFactory

    other = PlanItemFactory(plan__organization=school)
    evidence = services.add_evidence(
        item=other,
        file=SimpleUploadedFile("x.pdf", PDF, "application/pdf"),
        by=None,
    )
    client.force_login(mentor)
    assert client.get(reverse("plans:evidence", args=[evidence.pk])).status_code == 404


def test_evidence_is_never_linked_from_media_url(client, plan, evidence, mentor):
    client.force_login(mentor)
    content = client.get(plan.get_absolute_url()).content.decode()
    assert reverse("plans:evidence", args=[evidence.pk]) in content
    assert "/media/" not in content


def test_a_refused_mark_keeps_no_uploaded_file(client, plan, item, reservist, settings):
    client.force_login(reservist)
    response = client.post(
        _progress(plan, item),
        {
            **_done(item, done_on="2027-02-01"),
            "files": [SimpleUploadedFile("Протокол.pdf", PDF, "application/pdf")],
        },
        headers=HTMX,
    )
    assert response.status_code == 422
    assert "Дата не может быть в будущем." in response.content.decode()
    assert fresh(item).status == PlanItem.Status.PLANNED
    assert not Evidence.objects.exists()
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_progress_form_ties_each_field_to_its_mark(client, plan, item, reservist):
    """plan.js shows only the chosen mark's fields; the markup says which."""
    client.force_login(reservist)
    content = client.get(_progress(plan, item), headers=HTMX).content.decode()
    assert content.count("data-mark") - content.count("data-mark-for") == 4
    assert content.count('data-mark-for="done"') == 4  # date, text, link, files
    assert content.count('data-mark-for="not_done"') == 1  # the reason

"""Evidence files: allowed types by content, size, scope of changes."""

import io
import zipfile
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core.conflicts import StaleVersionError
from plans import services
from plans.models import Evidence, PlanItem
from plans.tests.factories import PlanItemFactory
from plans.tests.service_helpers import PDF
from plans.tests.service_helpers import done as _done
from plans.tests.service_helpers import fresh as _fresh

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"


def _zip(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<xml/>")
    return buffer.getvalue()


DOCX = _zip("[Content_Types].xml", "word/document.xml")
XLSX = _zip("[Content_Types].xml", "xl/workbook.xml")
ODT = _zip("mimetype", "content.xml")


# Evidence files --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("Отчёт.pdf", PDF),
        ("photo.JPG", JPEG),
        ("photo.jpeg", JPEG),
        ("scheme.png", PNG),
        ("Конспект.docx", DOCX),
        ("table.xlsx", XLSX),
        ("text.odt", ODT),
    ],
)
def test_add_evidence_keeps_an_allowed_file(item, reservist, name, content):
    evidence = services.add_evidence(
        item=item, file=SimpleUploadedFile(name, content), by=reservist
    )

    assert evidence.original_name == name
    assert evidence.size == len(content)
    assert evidence.uploaded_by == reservist
    assert evidence.file.name.startswith(f"evidence/{item.plan_id}/{item.pk}/")
    with evidence.file.open("rb") as f:
        assert f.read() == content


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("Отчёт.docx", PDF),  # a PDF that calls itself a Word document
        ("Отчёт.pdf", b"Just some text, not a PDF at all.\n"),
        ("Отчёт.docx", _zip("[Content_Types].xml", "readme.txt")),  # a renamed zip
        ("Отчёт.xlsx", DOCX),  # a Word document that calls itself Excel
        ("archive.zip", _zip("a.txt")),
        ("photo.png", JPEG),
        ("photo.jpg", PNG),
        ("report", PDF),  # no extension
        ("page.html", b"<html><script>alert(1)</script></html>"),
        ("broken.docx", b"PK\x03\x04 this is no zip"),
        ("empty.pdf", b""),
    ],
)
def test_add_evidence_refuses_a_file_that_lies_and_saves_nothing(
    item, reservist, name, content, settings
):
    with pytest.raises(ValidationError):
        services.add_evidence(
            item=item, file=SimpleUploadedFile(name, content), by=reservist
        )

    assert not Evidence.objects.exists()
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_check_evidence_file_marks_a_wrong_type_with_a_code():
    with pytest.raises(ValidationError) as e:
        services.check_evidence_file(SimpleUploadedFile("a.docx", PDF))

    assert e.value.code == "wrong_type"


def test_add_evidence_refuses_a_file_over_the_limit(item, reservist, monkeypatch):
    content = PDF + b"0" * 100
    monkeypatch.setattr("plans.services.progress.EVIDENCE_MAX_SIZE", len(content) - 1)

    with pytest.raises(ValidationError):
        services.add_evidence(
            item=item, file=SimpleUploadedFile("big.pdf", content), by=reservist
        )

    assert not Evidence.objects.exists()
    monkeypatch.setattr("plans.services.progress.EVIDENCE_MAX_SIZE", len(content))
    assert services.add_evidence(
        item=item, file=SimpleUploadedFile("big.pdf", content), by=reservist
    )


def test_the_evidence_limit_is_ten_megabytes():
    assert services.EVIDENCE_MAX_SIZE == 10 * 1024 * 1024


def test_add_evidence_refuses_a_cancelled_row(item, mentor):
    services.remove_item(item=item, by=mentor)

    with pytest.raises(ValidationError):
        services.add_evidence(
            item=_fresh(item), file=SimpleUploadedFile("a.pdf", PDF), by=mentor
        )

    assert not Evidence.objects.exists()


def test_add_evidence_refuses_a_completed_plan(item, mentor):
    _done(item)
    services.complete_plan(plan=item.plan)

    with pytest.raises(ValidationError):
        services.add_evidence(
            item=_fresh(item), file=SimpleUploadedFile("a.pdf", PDF), by=mentor
        )

    assert not Evidence.objects.exists()


def test_remove_evidence_deletes_the_row_and_the_file_after_commit(
    item, mentor, django_capture_on_commit_callbacks
):
    evidence = services.add_evidence(
        item=item, file=SimpleUploadedFile("a.pdf", PDF), by=mentor
    )
    storage, name = evidence.file.storage, evidence.file.name

    with django_capture_on_commit_callbacks(execute=True):
        services.remove_evidence(evidence=evidence)

    assert not Evidence.objects.exists()
    assert not storage.exists(name)


def test_remove_evidence_refuses_a_completed_plan(item, mentor):
    evidence = services.add_evidence(
        item=item, file=SimpleUploadedFile("a.pdf", PDF), by=mentor
    )
    _done(item)
    services.complete_plan(plan=item.plan)
    evidence = Evidence.objects.select_related("item__plan").get()

    with pytest.raises(ValidationError):
        services.remove_evidence(evidence=evidence)

    assert Evidence.objects.exists()


# mark_item_with_files --------------------------------------------------------------


def _stored_files(settings) -> list:
    media = settings.MEDIA_ROOT
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


def _mark_with_files(item, files, **kwargs):
    data = {
        "status": PlanItem.Status.DONE,
        "done_on": date(2026, 11, 20),
        "expected_version": item.version,
    }
    return services.mark_item_with_files(item=item, files=files, **{**data, **kwargs})


def test_mark_item_with_files_takes_the_files_as_the_evidence(
    item, reservist, settings
):
    files = [SimpleUploadedFile("Отчёт.pdf", PDF), SimpleUploadedFile("a.png", PNG)]

    marked = _mark_with_files(item, files, by=reservist)

    assert marked.status == PlanItem.Status.DONE
    item = _fresh(item)
    assert (item.status, item.done_on, item.evidence_text) == (
        PlanItem.Status.DONE,
        date(2026, 11, 20),
        "",
    )
    assert sorted(item.files.values_list("original_name", "uploaded_by")) == [
        ("a.png", reservist.pk),
        ("Отчёт.pdf", reservist.pk),
    ]
    assert len(_stored_files(settings)) == 2


def test_mark_item_with_files_without_files_is_mark_item(item, reservist):
    marked = _mark_with_files(item, [], evidence_text="Конспект", by=reservist)

    assert _fresh(marked).evidence_text == "Конспект"
    assert not Evidence.objects.exists()


def test_mark_item_with_files_checks_every_file_before_marking(
    item, reservist, settings
):
    files = [SimpleUploadedFile("Отчёт.pdf", PDF), SimpleUploadedFile("b.pdf", PNG)]

    with pytest.raises(ValidationError) as e:
        _mark_with_files(item, files, by=reservist)

    assert e.value.code == "wrong_type"
    assert _fresh(item).status == PlanItem.Status.PLANNED
    assert _fresh(item).version == item.version
    assert not Evidence.objects.exists()
    assert _stored_files(settings) == []


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"done_on": date(2027, 2, 1)}, ValidationError),  # in the future
        ({"done_on": None}, ValidationError),
        ({"status": PlanItem.Status.NOT_DONE}, ValidationError),  # no reason
        ({"status": PlanItem.Status.CANCELLED}, ValidationError),
        ({"expected_version": 0}, StaleVersionError),
    ],
)
def test_a_failed_mark_leaves_no_file_and_no_evidence(
    item, reservist, settings, changes, error
):
    with pytest.raises(error):
        _mark_with_files(
            item, [SimpleUploadedFile("Отчёт.pdf", PDF)], by=reservist, **changes
        )

    assert not Evidence.objects.exists()
    assert _stored_files(settings) == []
    assert _fresh(item).status == PlanItem.Status.PLANNED


def test_mark_item_with_files_refuses_a_draft_plan_and_stores_nothing(
    plan, mentor, settings
):
    item = PlanItemFactory(plan=plan, deadline=date(2026, 12, 1))

    with pytest.raises(ValidationError):
        _mark_with_files(item, [SimpleUploadedFile("a.pdf", PDF)], by=mentor)

    assert not Evidence.objects.exists()
    assert _stored_files(settings) == []


def test_a_file_that_fails_to_store_takes_the_stored_ones_and_the_mark_back(
    item, reservist, settings, monkeypatch
):
    save = Evidence.save
    calls = []

    def fail_the_second(self, *args, **kwargs):
        calls.append(self.original_name)
        if len(calls) == 2:
            raise OSError("disk full")
        return save(self, *args, **kwargs)

    monkeypatch.setattr(Evidence, "save", fail_the_second)
    files = [SimpleUploadedFile("a.pdf", PDF), SimpleUploadedFile("b.pdf", PDF)]

    with pytest.raises(OSError):
        _mark_with_files(item, files, by=reservist)

    assert calls == ["a.pdf", "b.pdf"]
    assert not Evidence.objects.exists()
    assert _stored_files(settings) == []
    assert _fresh(item).status == PlanItem.Status.PLANNED

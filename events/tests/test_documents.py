"""The registration sheet: its requisites and rows in DOCX, PDF and Excel."""

from io import BytesIO
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from events import document_services, services
from events.models import Involvement
from reserve.tests.factories import ReserveEntryFactory

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture
def rows(involvement, coordinator, mentor):
    """The speaker attended; a second reservist declined, a third was absent."""
    services.respond(involvement=involvement, accept=True)
    services.mark_attendance(involvement=involvement, attended=True, by=mentor)
    school = involvement.event.organization
    declined, absent = services.invite_many(
        event=involvement.event,
        entries=ReserveEntryFactory.create_batch(2, person__organization=school),
        degree=Involvement.Degree.LISTENER,
        by=coordinator,
    )
    services.respond(involvement=declined, accept=False, reason="Болезнь")
    services.mark_attendance(involvement=absent, attended=False, by=coordinator)
    return list(Involvement.objects.filter(event=involvement.event).for_list())


def test_context_has_the_requisites(rows):
    event = rows[0].event
    context = document_services.sheet_context(event, rows)
    assert context["doctype"] == "ЛИСТ РЕГИСТРАЦИИ УЧАСТНИКОВ"
    assert context["authority"] == event.municipality.authority_name
    assert context["date"] == "14.01.2027"
    assert context["title"] == "Семинар «Формирующее оценивание»"
    assert context["total"] == "Приглашено: 3; присутствовало: 1."
    marks = sorted(r["attendance"] for r in context["rows"])
    assert marks == ["не присутствовал(а)", "отказ: Болезнь", "присутствовал(а)"]


def test_docx_holds_the_table(rows):
    content, _type = document_services.registration_document(
        rows[0].event, rows, "docx"
    )
    doc = Document(BytesIO(content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "ЛИСТ РЕГИСТРАЦИИ УЧАСТНИКОВ" in text
    table = doc.tables[0]
    assert len(table.rows) == 4
    assert table.rows[0].cells[3].text == "Степень участия"
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "events-registration.docx").write_bytes(content)


def test_pdf_renders(rows):
    pytest.importorskip("weasyprint")
    content, content_type = document_services.registration_document(
        rows[0].event, rows, "pdf"
    )
    assert content.startswith(b"%PDF")
    assert content_type == "application/pdf"
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "events-registration.pdf").write_bytes(content)


def test_workbook_writes_a_formula_like_task_as_text(rows, mentor):
    involvement = rows[0]
    Involvement.objects.filter(pk=involvement.pk).update(task="=1+1")
    fresh = list(Involvement.objects.filter(event=involvement.event).for_list())
    content = document_services.registration_workbook(involvement.event, fresh)
    sheet = load_workbook(BytesIO(content)).active
    values = [c.value for c in sheet[1]]
    assert values[3] == "Степень участия"
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row]
    formula = next(c for c in cells if "=1+1" in str(c.value))
    assert formula.data_type == "s"

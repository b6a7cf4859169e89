"""The report as DOCX and PDF: requisites, the drafted tables, both parts, and
the signatures of both kept with the recommendation before them."""

import shutil
import subprocess
from io import BytesIO
from pathlib import Path

import pytest
from docx import Document

from plan_reports import services
from plan_reports.document_services import render_report
from plan_reports.permissions import get_report
from plan_reports.tests.conftest import agree_both

needs_poppler = pytest.mark.skipif(
    not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) is not installed"
)


@pytest.fixture
def accepted(rich, mentor, coordinator):
    report = services.create_report(plan=rich, by=mentor)
    agree_both(report)
    services.submit_report(report=report, by=mentor)
    services.accept_report(report=report, by=coordinator)
    return get_report(coordinator, report.pk)


def _docx_text(content: bytes) -> str:
    doc = Document(BytesIO(content))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def _pdf_pages(content: bytes, tmp_path: Path) -> list[str]:
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    tool = shutil.which("pdftotext")
    assert tool is not None
    text = subprocess.run(  # noqa: S603 - a fixed tool on our own temporary file
        [tool, "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")


def test_the_docx_is_a4_with_gost_margins(accepted):
    content, name, content_type = render_report(accepted, "docx")
    section = Document(BytesIO(content)).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.left_margin.mm) == 30
    assert round(section.right_margin.mm) == 10
    assert name == "plan-report-reservist-2026-09-01.docx"
    assert content_type.endswith("document")


def test_the_docx_holds_the_data_and_both_parts(accepted):
    text = _docx_text(render_report(accepted, "docx")[0])
    for expected in (
        "ОТЧЁТ",
        "о выполнении индивидуального плана подготовки резервиста",
        "Изучить устав",
        "Провести совещание",
        "Конференция отменена",
        "Формирующее оценивание",
        "Об образовании в Российской Федерации",
        "Провёл педсовет",
        "Я освоил планирование.",
        "План выполнен в основном.",
        "рекомендовать к назначению на должность",
        "Резервист",
        "Наставник",
        "N. P. Reservist",
        "Отчёт принят",
    ):
        assert expected in text, expected
    assert "Личная" not in text  # never a private note


def test_the_docx_keeps_the_signatures_with_the_recommendation(accepted):
    doc = Document(BytesIO(render_report(accepted, "docx")[0]))
    recommendation = next(
        p for p in doc.paragraphs if p.text.startswith("Рекомендация наставника:")
    )
    assert recommendation.paragraph_format.keep_with_next
    signatures = doc.tables[-1]
    first_cell = signatures.rows[0].cells[0].paragraphs[0]
    assert first_cell.paragraph_format.keep_with_next


@needs_poppler
def test_the_pdf_reads_correctly(accepted, tmp_path):
    content, _name, content_type = render_report(accepted, "pdf")
    assert content.startswith(b"%PDF")
    assert content_type == "application/pdf"
    pages = [p for p in _pdf_pages(content, tmp_path) if p.strip()]
    text = "\n".join(pages)
    assert "О Т Ч Ё Т" in text or "ОТЧЁТ" in text
    assert "Конференция" in text
    # Both signatures on the page of the recommendation, never alone.
    last = pages[-1]
    assert "Рекомендация наставника" in last, last
    assert "Резервист" in last and "Наставник" in last


@needs_poppler
def test_long_parts_never_leave_the_signatures_alone(accepted, tmp_path):
    accepted.status = "draft"
    accepted.self_analysis = "\n".join(["Длинный абзац самоанализа. " * 8] * 25)
    accepted.conclusion = "\n".join(["Длинный абзац заключения. " * 8] * 25)
    pages = [
        p for p in _pdf_pages(render_report(accepted, "pdf")[0], tmp_path) if p.strip()
    ]
    assert len(pages) > 3
    last = pages[-1]
    assert "Рекомендация наставника" in last, last
    assert "Резервист" in last and "Наставник" in last


def test_the_documents_draw_the_growth_chart(accepted, tmp_path):
    doc = Document(BytesIO(render_report(accepted, "docx")[0]))
    assert len(doc.inline_shapes) == 1
    assert any(p.text.startswith("Рисунок 1") for p in doc.paragraphs)
    content = render_report(accepted, "pdf")[0]
    assert (
        b"/Subtype /Image" in content
        or b"/Subtype/Image" in content
        or ("Рисунок 1" in "\n".join(_pdf_pages(content, tmp_path)))
    )


def test_a_profile_without_assessments_has_no_chart(report):
    doc = Document(BytesIO(render_report(report, "docx")[0]))
    assert len(doc.inline_shapes) == 0


def test_the_competency_table_fits_the_text_block(accepted):
    """Short point headers («Начало», «Середина»): «наставничества» never breaks
    inside a narrow column, and the columns add up to the 170 mm text block."""
    doc = Document(BytesIO(render_report(accepted, "docx")[0]))
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Компетенция")
    header = [c.text for c in table.rows[0].cells]
    assert header[-1] == "Рост"
    assert all(" " not in h for h in header[1:])
    assert header[1] == "Начало"
    widths = [c.width.mm for c in table.rows[0].cells]
    assert round(sum(widths)) == 170

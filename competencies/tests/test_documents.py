"""The competency profile as DOCX and PDF: requisites, the chart, the levels per
point, the largest gaps, the signatures kept with the text before them, and
only what the user may see."""

import shutil
import subprocess
from io import BytesIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from docx import Document

from competencies.document_services import profile_context, render_profile
from competencies.tests.conftest import submit

needs_poppler = pytest.mark.skipif(
    not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) is not installed"
)


def _pdf_pages(content: bytes, tmp_path: Path) -> list[str]:
    """The text of each page of the PDF."""
    path = tmp_path / "doc.pdf"
    path.write_bytes(content)
    tool = shutil.which("pdftotext")
    assert tool is not None
    text = subprocess.run(  # noqa: S603 - a fixed tool on our own temporary file
        [tool, "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [page for page in text.split("\f") if page.strip()]


def _docx_text(content: bytes) -> str:
    doc = Document(BytesIO(content))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


@pytest.fixture
def assessed(mentorship):
    submit(mentorship, "self", "start", 5, 2)
    submit(mentorship, "mentor", "start", 2, 3)
    submit(mentorship, "self", "middle", 5, 3)
    return mentorship


def test_context(assessed, coordinator):
    context = profile_context(coordinator, assessed.reserve_entry)
    assert context["authority"] == "Education authority of Town"
    assert context["mentor"]["signature"].endswith("Mentor")
    first = context["table"][0]
    assert first["competency"].startswith("Стратегическое управление")
    assert first["levels"] == ["5", "2", "5", "—", "—", "—"]
    start, middle = context["gaps"]
    assert start["rows"][0].endswith("самооценка 5, наставник 2")
    assert middle["incomplete"]


def test_docx(assessed, coordinator):
    content, filename, content_type = render_profile(
        coordinator, assessed.reserve_entry, "docx"
    )
    assert filename.startswith("competency-profile-reservist-")
    assert filename.endswith(".docx")
    assert content_type.endswith("wordprocessingml.document")
    doc = Document(BytesIO(content))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.left_margin.mm) == 30
    assert len(doc.inline_shapes) == 1  # the chart
    text = _docx_text(content)
    for expected in (
        "ПРОФИЛЬ КОМПЕТЕНЦИЙ",
        "Целевая должность",
        "Рисунок 1",
        "Начало наставничества",
        "В среднем",
        "самооценка 5, наставник 2",
        "Наставник",
    ):
        assert expected in text, expected


@needs_poppler
def test_pdf_keeps_the_signatures_with_the_text(assessed, coordinator, tmp_path):
    content, _name, content_type = render_profile(
        coordinator, assessed.reserve_entry, "pdf"
    )
    assert content.startswith(b"%PDF")
    assert content_type == "application/pdf"
    pages = _pdf_pages(content, tmp_path)
    text = "\n".join(pages)
    assert "КОМПЕТЕНЦИЙ" in text.replace(" ", "")  # spread letters
    for expected in ("Уровни компетенций", "Рисунок 1", "В среднем"):
        assert expected in text, expected
    assert "самооценка 5, наставник 2" in text
    last = pages[-1]
    assert "Резервист" in last and "Наибольшие расхождения" in "\n".join(pages[-2:])
    assert "Середина наставничества" in last  # the last point stays with them


def test_reservist_gets_no_hidden_mentors_levels(mentorship, reservist):
    submit(mentorship, "self", "start", 4)
    submit(mentorship, "mentor", "start", 2)
    submit(mentorship, "mentor", "middle", 1, 1, 1, 1, 1, 1, 1)
    context = profile_context(reservist, mentorship.reserve_entry)
    assert context["table"][0]["levels"] == ["4", "2", "—", "—", "—", "—"]
    assert [g["point"] for g in context["gaps"]] == ["Начало наставничества"]
    text = _docx_text(render_profile(reservist, mentorship.reserve_entry, "docx")[0])
    assert "Середина наставничества:" not in text


def test_nothing_to_render(mentorship, reservist):
    submit(mentorship, "mentor", "start", 2)  # hidden from the reservist
    with pytest.raises(ValidationError):
        render_profile(reservist, mentorship.reserve_entry, "pdf")
    submit(mentorship, "self", "start", 2)
    with pytest.raises(ValidationError):
        render_profile(reservist, mentorship.reserve_entry, "odt")
